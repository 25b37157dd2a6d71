import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { fetchError, inventoryWith, mockIntegration, restApi, restApiArn, restApiWith, restMethod } from "@/lib/rules/__fixtures__/apigateway";
import type { TOpenApiDocument } from "@/lib/rules/types";
import type { TRestApiRecord } from "@/scanners/apigateway/record";
import { rule } from "./apigateway_rest_api_matches_openapi.rule";

const doc = (paths: Record<string, unknown>, uploadedAt = "2026-11-01T00:00:00Z"): TOpenApiDocument => ({
  apiArn: restApiArn(),
  region: "us-east-1",
  document: { openapi: "3.0.1", info: { title: "orders", version: "1" }, paths },
  uploadedAt,
  uploadedBy: "dev@example.com",
});
const one = (api: TRestApiRecord, docs = [doc({ "/orders": { get: {} } })]) =>
  rule.evaluate(inventoryWith({ restApis: [api], openApiDocuments: docs }), testContext(rule))[0];

describe("apigateway_rest_api_matches_openapi", () => {
  it("fails a method the document does not declare (bad fixture)", () => {
    const r = one(restApiWith({ "/orders": [restMethod("GET")], "/debug": [restMethod("POST")] }));
    expect(r).toMatchObject({ status: "FAIL", message: "REST API orders-api serves 1 route its OpenAPI document does not declare: POST /debug." });
  });

  it("passes when every method is declared (good fixture), ignoring undocumented CORS preflight mocks", () => {
    const r = one(restApiWith({ "/orders": [restMethod("GET"), restMethod("OPTIONS", { integration: mockIntegration() })] }));
    expect(r).toMatchObject({ status: "PASS", evidence: { ignoredPreflight: ["OPTIONS /orders"] } });
  });

  it("uses the newest document of the API", () => {
    const api = restApiWith({ "/orders": [restMethod("GET")], "/reports": [restMethod("GET")] });
    expect(one(api, [doc({ "/orders": { get: {} } }, "2026-10-01T00:00:00Z"), doc({ "/orders": { get: {} }, "/reports": { get: {} } }, "2026-11-01T00:00:00Z")]).status).toBe("PASS");
  });

  it("is unknown without a document, with an unreadable document, or unreadable resources", () => {
    expect(one(restApiWith({ "/orders": [restMethod("GET")] }), []).message).toBe(
      "No OpenAPI document was uploaded for REST API orders-api, so its deployed routes cannot be compared with a declared contract.",
    );
    expect(one(restApiWith({ "/orders": [restMethod("GET")] }), [{ ...doc({}), document: { nope: true } as Record<string, unknown> }]).status).toBe("UNKNOWN");
    expect(one(restApi({ resources: fetchError() })).status).toBe("UNKNOWN");
  });
});
