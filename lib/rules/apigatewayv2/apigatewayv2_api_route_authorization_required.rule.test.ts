import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { fetchError, httpApi, httpRoute, httpRouteArn, jwtAuthorizer, jwtRoute, ok, routeIdOf, websocketApi } from "@/lib/rules/__fixtures__/apigatewayv2";
import { inventoryWith } from "@/lib/rules/__fixtures__/apigateway";
import type { THttpApiRecord } from "@/scanners/apigatewayv2/record";
import { rule } from "./apigatewayv2_api_route_authorization_required.rule";

const run = (...httpApis: THttpApiRecord[]) => rule.evaluate(inventoryWith({ httpApis }), testContext(rule));
const byRoute = (results: ReturnType<typeof run>, routeKey: string) => results.find((r) => r.resourceArn === httpRouteArn(routeIdOf(routeKey)))!;

describe("apigatewayv2_api_route_authorization_required", () => {
  it("returns nothing without HTTP APIs or routes", () => {
    expect(run()).toEqual([]);
    expect(run(httpApi())).toEqual([]);
  });

  it("fails the open route of an API that has a JWT authorizer, per route (Prowler/CloudSploit's miss)", () => {
    const results = run(httpApi({ routes: ok([jwtRoute("GET /profile"), httpRoute("POST /signup")]), authorizers: ok([jwtAuthorizer()]) }));
    expect(results).toHaveLength(2);
    expect(byRoute(results, "GET /profile")).toMatchObject({ status: "PASS", resourceName: "mobile-bff GET /profile" });
    expect(byRoute(results, "POST /signup")).toMatchObject({
      status: "FAIL",
      message: "Route POST /signup of HTTP API mobile-bff accepts calls without authorization.",
    });
  });

  it("passes IAM routes (good fixture) and says when an open $default catches everything (bad fixture)", () => {
    expect(run(httpApi({ routes: ok([httpRoute("GET /x", { authorizationType: "AWS_IAM" })]) }))[0].status).toBe("PASS");
    expect(run(httpApi({ routes: ok([httpRoute("$default")]) }))[0].message).toBe(
      "Route $default of HTTP API mobile-bff accepts calls without authorization: it catches every request no other route matches.",
    );
  });

  it("passes an open OPTIONS route when the API has a CORS configuration, fails it without one", () => {
    const cors = { allowOrigins: ["https://app.example.com"], allowMethods: ["GET"], allowHeaders: [], exposeHeaders: [], allowCredentials: null, maxAge: null };
    expect(run(httpApi({ routes: ok([httpRoute("OPTIONS /{proxy+}")]), cors }))[0]).toMatchObject({ status: "PASS", evidence: { lookAlike: "cors_preflight" } });
    expect(run(httpApi({ routes: ok([httpRoute("OPTIONS /{proxy+}")]) }))[0].status).toBe("FAIL");
  });

  it("leaves WebSocket APIs to the $connect rule", () => {
    expect(run(websocketApi({ routes: ok([httpRoute("$connect"), httpRoute("sendMessage")]) }))).toEqual([]);
  });

  it("is unknown when routes fail, or a route has no recorded authorization type", () => {
    expect(run(httpApi({ routes: fetchError() }))).toEqual([
      expect.objectContaining({ status: "UNKNOWN", message: "Could not read the routes of HTTP API mobile-bff: AccessDeniedException." }),
    ]);
    expect(run(httpApi({ routes: ok([httpRoute("GET /x", { authorizationType: null })]) }))[0].status).toBe("UNKNOWN");
  });
});
