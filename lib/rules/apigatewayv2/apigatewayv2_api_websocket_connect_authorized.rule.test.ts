import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { inventoryWith } from "@/lib/rules/__fixtures__/apigateway";
import { fetchError, httpApi, httpRoute, httpRouteArn, lambdaAuthorizerV2, ok, routeIdOf, websocketApi, WEBSOCKET_API_ID } from "@/lib/rules/__fixtures__/apigatewayv2";
import type { THttpApiRecord } from "@/scanners/apigatewayv2/record";
import { rule } from "./apigatewayv2_api_websocket_connect_authorized.rule";

const run = (...httpApis: THttpApiRecord[]) => rule.evaluate(inventoryWith({ httpApis }), testContext(rule));

describe("apigatewayv2_api_websocket_connect_authorized", () => {
  it("judges only WebSocket APIs", () => {
    expect(run(httpApi({ routes: ok([httpRoute("GET /x")]) }))).toEqual([]);
  });

  it("fails an open $connect, pointing at the route (bad fixture)", () => {
    const [r] = run(websocketApi({ routes: ok([httpRoute("$connect"), httpRoute("sendMessage")]) }));
    expect(r).toMatchObject({
      status: "FAIL",
      resourceArn: httpRouteArn(routeIdOf("$connect"), WEBSOCKET_API_ID),
      message: "WebSocket API chat accepts connections without authorization on $connect.",
    });
  });

  it("passes a $connect with a Lambda authorizer (good fixture)", () => {
    const api = websocketApi({
      routes: ok([httpRoute("$connect", { authorizationType: "CUSTOM", authorizerId: "lambdaauth1" }), httpRoute("sendMessage")]),
      authorizers: ok([lambdaAuthorizerV2()]),
    });
    expect(run(api)[0]).toMatchObject({ status: "PASS", message: "WebSocket API chat authorizes connections on $connect (CUSTOM)." });
  });

  it("fails an API without a $connect route (look-alike of 'no open route')", () => {
    expect(run(websocketApi({ routes: ok([httpRoute("$default")]) }))[0].message).toBe(
      "WebSocket API chat has no $connect route, so it accepts every connection without authorization.",
    );
  });

  it("is unknown when routes fail", () => {
    expect(run(websocketApi({ routes: fetchError() }))[0].status).toBe("UNKNOWN");
  });
});
