import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { inventoryWith } from "@/lib/rules/__fixtures__/apigateway";
import { fetchError, httpApi, httpStage, httpStageArn, loggedHttpStage, ok, websocketApi } from "@/lib/rules/__fixtures__/apigatewayv2";
import type { THttpApiRecord } from "@/scanners/apigatewayv2/record";
import { rule } from "./apigatewayv2_api_stage_access_logging_enabled.rule";

const run = (...httpApis: THttpApiRecord[]) => rule.evaluate(inventoryWith({ httpApis }), testContext(rule));

describe("apigatewayv2_api_stage_access_logging_enabled", () => {
  it("fails a stage without access logs (bad fixture) and passes a logged one (good fixture), per stage", () => {
    const results = run(httpApi({ stages: ok([httpStage(), loggedHttpStage({ stageName: "v2" })]) }));
    expect(results.map((r) => [r.resourceArn, r.status])).toEqual([
      [httpStageArn("$default"), "FAIL"],
      [httpStageArn("v2"), "PASS"],
    ]);
    expect(results[0].message).toBe("The stage $default of HTTP API mobile-bff writes no access logs.");
  });

  it("covers WebSocket stages too", () => {
    expect(run(websocketApi())[0].message).toBe("The stage production of WebSocket API chat writes no access logs.");
  });

  it("is unknown when stages fail", () => {
    expect(run(httpApi({ stages: fetchError() }))[0].status).toBe("UNKNOWN");
  });
});
