import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { inventoryWith } from "@/lib/rules/__fixtures__/apigateway";
import { fetchError, httpApi, httpRoute, httpStage, jwtAuthorizer, jwtRoute, loggedHttpStage, ok, websocketApi } from "@/lib/rules/__fixtures__/apigatewayv2";
import type { THttpApiRecord } from "@/scanners/apigatewayv2/record";
import { rule } from "./apigatewayv2_api_anonymous_routes_logged.rule";

const run = (api: THttpApiRecord) => rule.evaluate(inventoryWith({ httpApis: [api] }), testContext(rule));

describe("apigatewayv2_api_anonymous_routes_logged", () => {
  it("fails an open, unlogged route (bad fixture) and passes its JWT neighbour", () => {
    const results = run(httpApi({ routes: ok([jwtRoute("GET /vat-rates"), httpRoute("GET /banners")]), authorizers: ok([jwtAuthorizer()]) }));
    expect(results.map((r) => [r.resourceName, r.status])).toEqual([
      ["mobile-bff GET /vat-rates", "PASS"],
      ["mobile-bff GET /banners", "FAIL"],
    ]);
    expect(results[1].message).toBe("Route GET /banners of HTTP API mobile-bff accepts anonymous calls and stage $default keeps no log of them.");
  });

  it("passes an open route on a logged stage (good fixture)", () => {
    expect(run(httpApi({ routes: ok([httpRoute("POST /signup")]), stages: ok([loggedHttpStage()]) }))[0].status).toBe("PASS");
  });

  it("counts WebSocket execution logging and $connect inheritance", () => {
    const ws = websocketApi({
      routes: ok([httpRoute("$connect"), httpRoute("sendMessage")]),
      stages: ok([httpStage({ stageName: "production", defaultRouteSettings: { loggingLevel: "INFO", dataTraceEnabled: false, detailedMetricsEnabled: null, throttlingBurstLimit: null, throttlingRateLimit: null } })]),
    });
    expect(run(ws).map((r) => r.status)).toEqual(["PASS", "PASS"]);
    expect(run(websocketApi({ routes: ok([httpRoute("$connect"), httpRoute("sendMessage")]) })).map((r) => r.status)).toEqual(["FAIL", "FAIL"]);
  });

  it("is unknown when routes or stages fail", () => {
    expect(run(httpApi({ routes: fetchError() }))[0].status).toBe("UNKNOWN");
    expect(run(httpApi({ routes: ok([httpRoute("GET /x")]), stages: fetchError() }))[0].status).toBe("UNKNOWN");
  });
});
