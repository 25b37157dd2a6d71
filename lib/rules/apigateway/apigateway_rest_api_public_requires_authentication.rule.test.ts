import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import {
  allowAnyoneInvoke,
  apiPolicyOf,
  fetchError,
  inventoryWith,
  mockIntegration,
  ok,
  restApi,
  restApiWith,
  restAuthorizer,
  restMethod,
} from "@/lib/rules/__fixtures__/apigateway";
import type { TRestApiRecord } from "@/scanners/apigateway/record";
import { rule } from "./apigateway_rest_api_public_requires_authentication.rule";

const one = (api: TRestApiRecord) => {
  const results = rule.evaluate(inventoryWith({ restApis: [api] }), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0];
};

describe("apigateway_rest_api_public_requires_authentication", () => {
  it("returns nothing without REST APIs", () => {
    expect(rule.evaluate(inventoryWith(), testContext(rule))).toEqual([]);
  });

  it("fails a public API where no method authenticates (bad fixture)", () => {
    const r = one(restApiWith({ "/a": [restMethod("GET")], "/b": [restMethod("POST", { apiKeyRequired: true })] }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe("Public REST API orders-api has no method that authenticates callers: GET /a and POST /b.");
  });

  it("passes a public API with an authorizer on some methods (good fixture)", () => {
    const api = restApiWith(
      { "/a": [restMethod("GET", { authorizationType: "CUSTOM", authorizerId: "auth000001" })], "/b": [restMethod("GET")] },
      { authorizers: ok([restAuthorizer()]) },
    );
    expect(one(api)).toMatchObject({ status: "PASS", message: "Public REST API orders-api authenticates callers on 1 of 2 methods." });
  });

  it("passes an IAM-only API with no authorizer at all (the look-alike authorizer-only checks flag)", () => {
    const api = restApiWith({ "/a": [restMethod("GET", { authorizationType: "AWS_IAM" })] });
    expect(api.authorizers).toEqual(ok([]));
    expect(one(api).status).toBe("PASS");
  });

  it("passes private APIs, network-limited APIs and APIs whose only open methods are MOCK/preflight", () => {
    expect(one(restApiWith({ "/a": [restMethod("GET")] }, { endpointTypes: ["PRIVATE"] })).status).toBe("PASS");
    const ipOnly = apiPolicyOf(allowAnyoneInvoke({ IpAddress: { "aws:SourceIp": ["198.51.100.0/24"] } }));
    expect(one(restApiWith({ "/a": [restMethod("GET")] }, { policy: ipOnly })).status).toBe("PASS");
    const mocks = restApiWith({ "/health": [restMethod("GET", { integration: mockIntegration() }), restMethod("OPTIONS", { integration: mockIntegration() })] });
    expect(one(mocks)).toMatchObject({ status: "PASS", message: "REST API orders-api has no method with a backend." });
  });

  it("is unknown when resources or the policy cannot be read", () => {
    expect(one(restApi({ resources: fetchError() })).status).toBe("UNKNOWN");
    expect(one(restApiWith({ "/a": [restMethod("GET")] }, { policy: fetchError() })).status).toBe("UNKNOWN");
  });
});
