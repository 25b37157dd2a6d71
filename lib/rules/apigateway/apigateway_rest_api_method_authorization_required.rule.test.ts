import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import {
  allowAnyoneInvoke,
  apiPolicyOf,
  fetchError,
  inventoryWith,
  lambdaIntegration,
  mockIntegration,
  ok,
  restApi,
  restApiArn,
  restApiWith,
  restAuthorizer,
  restMethod,
} from "@/lib/rules/__fixtures__/apigateway";
import type { TRestApiRecord } from "@/scanners/apigateway/record";
import { rule } from "./apigateway_rest_api_method_authorization_required.rule";

const run = (...restApis: TRestApiRecord[]) => rule.evaluate(inventoryWith({ restApis }), testContext(rule));
const byName = (results: ReturnType<typeof run>, name: string) => {
  const r = results.find((x) => x.resourceName === name);
  if (!r) throw new Error(`no result for ${name}: ${results.map((x) => x.resourceName).join(", ")}`);
  return r;
};

describe("apigateway_rest_api_method_authorization_required", () => {
  it("returns nothing without REST APIs, and nothing for an API with no methods", () => {
    expect(run()).toEqual([]);
    expect(run(restApi())).toEqual([]);
  });

  it("fails a NONE method without an API key, with the method ARN and evidence (bad fixture)", () => {
    const [r] = run(restApiWith({ "/orders": [restMethod("GET")] }));
    expect(r.status).toBe("FAIL");
    expect(r.resourceArn).toMatch(new RegExp(`^${restApiArn()}/resources/.+/methods/GET$`.replace(/\//g, "\\/")));
    expect(r.resourceName).toBe("orders-api GET /orders");
    expect(r.message).toBe("Method GET /orders of REST API orders-api accepts calls without authorization or an API key.");
    expect(r.evidence).toMatchObject({ authorizationType: "NONE", apiKeyRequired: false, authLevel: "none", resourcePolicy: "none" });
  });

  it("passes IAM, Lambda-authorizer and API-key methods (good fixture)", () => {
    const results = run(
      restApiWith(
        {
          "/a": [restMethod("GET", { authorizationType: "AWS_IAM" })],
          "/b": [restMethod("GET", { authorizationType: "CUSTOM", authorizerId: "auth000001" })],
          "/c": [restMethod("POST", { apiKeyRequired: true })],
        },
        { authorizers: ok([restAuthorizer()]) },
      ),
    );
    expect(results.map((r) => r.status)).toEqual(["PASS", "PASS", "PASS"]);
    expect(byName(results, "orders-api POST /c").message).toBe("Method POST /c of REST API orders-api has no authorization but requires an API key.");
  });

  it("judges per method: an open method in an API with an authorizer still fails", () => {
    const results = run(
      restApiWith(
        { "/orders": [restMethod("GET", { authorizationType: "CUSTOM", authorizerId: "auth000001" }), restMethod("DELETE")] },
        { authorizers: ok([restAuthorizer()]) },
      ),
    );
    expect(byName(results, "orders-api GET /orders").status).toBe("PASS");
    expect(byName(results, "orders-api DELETE /orders").status).toBe("FAIL");
  });

  it("passes a CORS preflight (OPTIONS + MOCK) and a MOCK health check, but not an OPTIONS with a backend", () => {
    const results = run(
      restApiWith({
        "/orders": [restMethod("OPTIONS", { integration: mockIntegration() })],
        "/health": [restMethod("GET", { integration: mockIntegration() })],
        "/legacy": [restMethod("OPTIONS", { integration: lambdaIntegration("legacy") })],
      }),
    );
    expect(byName(results, "orders-api OPTIONS /orders")).toMatchObject({ status: "PASS", evidence: { lookAlike: "cors_preflight" } });
    expect(byName(results, "orders-api GET /health")).toMatchObject({ status: "PASS", evidence: { lookAlike: "mock_integration" } });
    expect(byName(results, "orders-api OPTIONS /legacy").status).toBe("FAIL");
  });

  it("passes a NONE method whose resource policy admits no anonymous caller, fails one that allows anyone", () => {
    const orgOnly = apiPolicyOf(allowAnyoneInvoke({ StringEquals: { "aws:PrincipalOrgID": ["o-acme4pay01"] } }));
    const [closed] = run(restApiWith({ "/x": [restMethod("GET")] }, { policy: orgOnly }));
    expect(closed.status).toBe("PASS");
    expect(closed.message).toContain("which an unsigned call cannot match");
    const [open] = run(restApiWith({ "/x": [restMethod("GET")] }, { policy: apiPolicyOf(allowAnyoneInvoke()) }));
    expect(open.status).toBe("FAIL");
  });

  it("passes NONE methods of a private API without a resource policy (it refuses every call)", () => {
    const [r] = run(restApiWith({ "/x": [restMethod("GET")] }, { endpointTypes: ["PRIVATE"] }));
    expect(r.status).toBe("PASS");
  });

  it("still fails a NONE method limited only by an IP allow-list, and says so", () => {
    const policy = apiPolicyOf(allowAnyoneInvoke({ IpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } }));
    const [r] = run(restApiWith({ "/x": [restMethod("GET")] }, { policy }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("only limits the networks");
  });

  it("is unknown when the resources or the resource policy could not be read, or the type is missing", () => {
    expect(run(restApi({ resources: fetchError() }))).toEqual([
      expect.objectContaining({ status: "UNKNOWN", resourceArn: restApiArn(), message: "Could not read the resources of REST API orders-api: AccessDeniedException." }),
    ]);
    expect(run(restApiWith({ "/x": [restMethod("GET")] }, { policy: fetchError() }))[0].status).toBe("UNKNOWN");
    expect(run(restApiWith({ "/x": [restMethod("GET", { authorizationType: null })] }))[0].status).toBe("UNKNOWN");
  });

  it("still passes an API-key method when the policy is unreadable", () => {
    expect(run(restApiWith({ "/x": [restMethod("GET", { apiKeyRequired: true })] }, { policy: fetchError() }))[0].status).toBe("PASS");
  });
});
