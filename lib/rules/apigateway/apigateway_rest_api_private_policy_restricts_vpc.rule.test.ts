import { describe, expect, it } from "vitest";
import type { TStatement } from "@/lib/aws/policy-document";
import { testContext } from "@/lib/rules/context";
import { allowAnyoneInvoke, apiPolicyOf, denyOutsideVpce, fetchError, inventoryWith, restApi } from "@/lib/rules/__fixtures__/apigateway";
import type { TRestApiRecord } from "@/scanners/apigateway/record";
import { rule } from "./apigateway_rest_api_private_policy_restricts_vpc.rule";

const run = (...restApis: TRestApiRecord[]) => rule.evaluate(inventoryWith({ restApis }), testContext(rule));
const privateApi = (...s: TStatement[]) => restApi({ endpointTypes: ["PRIVATE"], policy: s.length ? apiPolicyOf(...s) : { status: "absent" } });

describe("apigateway_rest_api_private_policy_restricts_vpc", () => {
  it("judges only PRIVATE APIs", () => {
    expect(run()).toEqual([]);
    expect(run(restApi({ policy: apiPolicyOf(allowAnyoneInvoke()) }))).toEqual([]);
  });

  it("fails a private API whose policy lets anyone in from any VPC endpoint (bad fixture)", () => {
    const [r] = run(privateApi({ ...allowAnyoneInvoke(), Sid: "AllowAll" }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe('Private REST API orders-api lets anyone invoke it from any VPC endpoint: statement "AllowAll" has no aws:SourceVpce or aws:SourceVpc limit.');
  });

  it("passes the documented Deny-unless-SourceVpce policy (good fixture) and an Allow conditioned on aws:SourceVpc", () => {
    expect(run(privateApi(allowAnyoneInvoke(), denyOutsideVpce()))[0].status).toBe("PASS");
    expect(run(privateApi(allowAnyoneInvoke({ StringEquals: { "aws:SourceVpc": ["vpc-0abc"] } })))[0].status).toBe("PASS");
  });

  it("fails an IP condition (meaningless inside a VPC) and passes an organization-limited grant", () => {
    expect(run(privateApi(allowAnyoneInvoke({ IpAddress: { "aws:SourceIp": ["10.0.0.0/8"] } })))[0].status).toBe("FAIL");
    expect(run(privateApi(allowAnyoneInvoke({ StringEquals: { "aws:PrincipalOrgID": ["o-acme4pay01"] } })))[0].status).toBe("PASS");
  });

  it("passes a private API without a policy: it refuses every call", () => {
    expect(run(privateApi())[0]).toMatchObject({ status: "PASS", message: "Private REST API orders-api has no resource policy, so it refuses every call." });
  });

  it("is unknown when the policy could not be read", () => {
    expect(run(restApi({ endpointTypes: ["PRIVATE"], policy: fetchError() }))[0].status).toBe("UNKNOWN");
  });
});
