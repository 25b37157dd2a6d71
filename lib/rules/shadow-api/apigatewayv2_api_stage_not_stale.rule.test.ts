import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { inventoryWith } from "@/lib/rules/__fixtures__/apigateway";
import { fetchError, httpApi, httpStage, ok } from "@/lib/rules/__fixtures__/apigatewayv2";
import type { THttpApiRecord } from "@/scanners/apigatewayv2/record";
import { rule } from "./apigatewayv2_api_stage_not_stale.rule";

const run = (api: THttpApiRecord) => rule.evaluate(inventoryWith({ httpApis: [api] }), testContext(rule));

describe("apigatewayv2_api_stage_not_stale", () => {
  it("fails a stage not updated for longer than the threshold (bad fixture) and passes a recent one (good fixture)", () => {
    const results = run(httpApi({ stages: ok([httpStage({ stageName: "legacy", lastUpdatedDate: "2024-01-01T00:00:00Z" }), httpStage()]) }));
    expect(results.map((r) => r.status)).toEqual(["FAIL", "PASS"]);
  });

  it("is unknown without dates or stages", () => {
    expect(run(httpApi({ stages: ok([httpStage({ lastUpdatedDate: null, createdDate: null })]) }))[0].status).toBe("UNKNOWN");
    expect(run(httpApi({ stages: fetchError() }))[0].status).toBe("UNKNOWN");
  });
});
