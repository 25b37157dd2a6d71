import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { allowAnyoneInvoke, apiPolicyOf, denyOutsideVpce, fetchError, inventoryWith, restApi } from "@/lib/rules/__fixtures__/apigateway";
import type { TRestApiRecord } from "@/scanners/apigateway/record";
import { rule } from "./apigateway_rest_api_endpoint_not_public.rule";

const one = (api: TRestApiRecord) => {
  const results = rule.evaluate(inventoryWith({ restApis: [api] }), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0];
};

describe("apigateway_rest_api_endpoint_not_public", () => {
  it("returns nothing without REST APIs", () => {
    expect(rule.evaluate(inventoryWith(), testContext(rule))).toEqual([]);
  });

  it("fails a REGIONAL API without a policy (bad fixture)", () => {
    expect(one(restApi())).toMatchObject({
      status: "FAIL",
      message: "REST API orders-api has a public REGIONAL endpoint that anyone on the internet can reach.",
    });
    expect(one(restApi({ endpointTypes: ["EDGE"], policy: apiPolicyOf(allowAnyoneInvoke()) })).status).toBe("FAIL");
  });

  it("passes a PRIVATE API (good fixture)", () => {
    expect(one(restApi({ endpointTypes: ["PRIVATE"] }))).toMatchObject({ status: "PASS", message: "REST API orders-api has a private endpoint, reachable only from VPCs." });
  });

  it("passes a public endpoint whose policy allows only an IP range or VPC endpoint (look-alike)", () => {
    const ipOnly = restApi({ policy: apiPolicyOf(allowAnyoneInvoke({ IpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } })) });
    expect(one(ipOnly)).toMatchObject({ status: "PASS", message: "REST API orders-api has a REGIONAL endpoint, but its resource policy limits callers by aws:SourceIp." });
    expect(one(restApi({ policy: apiPolicyOf(allowAnyoneInvoke(), denyOutsideVpce()) })).status).toBe("PASS");
  });

  it("still fails when only some grants are limited, or the limit is 0.0.0.0/0", () => {
    const mixed = restApi({ policy: apiPolicyOf(allowAnyoneInvoke({ IpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } }), allowAnyoneInvoke(undefined, "execute-api:/*/GET/health")) });
    expect(one(mixed).status).toBe("FAIL");
    expect(one(restApi({ policy: apiPolicyOf(allowAnyoneInvoke({ IpAddress: { "aws:SourceIp": ["0.0.0.0/0"] } })) })).status).toBe("FAIL");
  });

  it("is unknown when the policy is unreadable or no endpoint type is reported", () => {
    expect(one(restApi({ policy: fetchError() })).status).toBe("UNKNOWN");
    expect(one(restApi({ endpointTypes: [] })).status).toBe("UNKNOWN");
  });
});
