import { describe, expect, it } from "vitest";
import type { TStatement } from "@/lib/aws/policy-document";
import { testContext } from "@/lib/rules/context";
import { allowAnyoneInvoke, apiPolicyOf, denyOutsideVpce, fetchError, inventoryWith, restApi } from "@/lib/rules/__fixtures__/apigateway";
import type { TRestApiRecord } from "@/scanners/apigateway/record";
import { rule } from "./apigateway_rest_api_policy_not_public.rule";

const one = (api: TRestApiRecord) => {
  const results = rule.evaluate(inventoryWith({ restApis: [api] }), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0];
};
const withPolicy = (...s: TStatement[]) => restApi({ policy: apiPolicyOf(...s) });

describe("apigateway_rest_api_policy_not_public", () => {
  it("returns nothing without REST APIs and passes an API without a policy", () => {
    expect(rule.evaluate(inventoryWith(), testContext(rule))).toEqual([]);
    expect(one(restApi())).toMatchObject({ status: "PASS", message: "REST API orders-api has no resource policy." });
  });

  it("fails an unconditional Allow for anyone and shows the statement (bad fixture)", () => {
    const r = one(withPolicy({ ...allowAnyoneInvoke(), Sid: "OpenToAll" }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe('REST API orders-api has a resource policy that lets anyone invoke it without a condition (statement "OpenToAll").');
    expect(r.evidence.openStatements).toEqual([expect.objectContaining({ sid: "OpenToAll", principal: "*", condition: null })]);
  });

  it("passes Principal * pinned to a VPC endpoint (good fixture)", () => {
    const r = one(withPolicy(allowAnyoneInvoke({ StringEquals: { "aws:SourceVpce": ["vpce-0a1b2c3d"] } })));
    expect(r).toMatchObject({ status: "PASS", message: "REST API orders-api lets anyone invoke it only when aws:SourceVpce match." });
  });

  it("passes the documented Allow * plus Deny-unless-SourceVpce guard (look-alike)", () => {
    expect(one(withPolicy(allowAnyoneInvoke(), denyOutsideVpce())).status).toBe("PASS");
  });

  it("passes grants to named accounts and IP-limited grants; fails IfExists and wildcard conditions", () => {
    const named: TStatement = { Effect: "Allow", Principal: { AWS: ["arn:aws:iam::210987654321:root"] }, Action: ["execute-api:Invoke"], Resource: ["execute-api:/*"] };
    expect(one(withPolicy(named))).toMatchObject({ status: "PASS", message: "REST API orders-api has a resource policy that grants nothing to anyone." });
    expect(one(withPolicy(allowAnyoneInvoke({ IpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } }))).status).toBe("PASS");
    expect(one(withPolicy(allowAnyoneInvoke({ StringEqualsIfExists: { "aws:SourceVpce": ["vpce-1"] } }))).status).toBe("FAIL");
    expect(one(withPolicy(allowAnyoneInvoke({ StringLike: { "aws:SourceVpce": ["vpce-*"] } }))).status).toBe("FAIL");
  });

  it("does not accept a guard that covers only one stage", () => {
    expect(one(withPolicy(allowAnyoneInvoke(), denyOutsideVpce("vpce-1", "execute-api:/prod/*"))).status).toBe("FAIL");
  });

  it("is unknown when the policy could not be read", () => {
    expect(one(restApi({ policy: fetchError() }))).toMatchObject({ status: "UNKNOWN", message: "Could not read the resource policy of REST API orders-api: AccessDeniedException." });
  });
});
