import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { inventoryWith } from "@/lib/rules/__fixtures__/apigateway";
import { httpApi, httpApiArn, httpRoute, ok, websocketApi } from "@/lib/rules/__fixtures__/apigatewayv2";
import type { THttpApiRecord } from "@/scanners/apigatewayv2/record";
import { rule } from "./apigatewayv2_api_matches_openapi.rule";

const doc = (paths: Record<string, unknown>) => ({
  apiArn: httpApiArn(),
  region: "us-east-1",
  document: { openapi: "3.0.1", info: { title: "bff", version: "1" }, paths },
  uploadedAt: "2026-11-01T00:00:00Z",
  uploadedBy: null,
});
const run = (api: THttpApiRecord, docs = [doc({ "/profile/{id}": { get: {} }, $default: { "x-amazon-apigateway-any-method": {} } })]) =>
  rule.evaluate(inventoryWith({ httpApis: [api], openApiDocuments: docs }), testContext(rule));

describe("apigatewayv2_api_matches_openapi", () => {
  it("fails an undeclared route (bad fixture) and passes declared ones incl. $default (good fixture)", () => {
    expect(run(httpApi({ routes: ok([httpRoute("GET /profile/{userId}"), httpRoute("DELETE /admin/cache")]) }))[0]).toMatchObject({
      status: "FAIL",
      message: "HTTP API mobile-bff serves 1 route its OpenAPI document does not declare: DELETE /admin/cache.",
    });
    expect(run(httpApi({ routes: ok([httpRoute("GET /profile/{userId}"), httpRoute("$default")]) }))[0].status).toBe("PASS");
  });

  it("is unknown without a document and skips WebSocket APIs", () => {
    expect(run(httpApi({ routes: ok([httpRoute("GET /x")]) }), [])[0].status).toBe("UNKNOWN");
    expect(run(websocketApi({ routes: ok([httpRoute("$connect")]) }))).toEqual([]);
  });
});
