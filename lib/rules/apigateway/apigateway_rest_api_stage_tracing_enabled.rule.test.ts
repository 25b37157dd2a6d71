import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { fetchError, inventoryWith, ok, restApi, restStage } from "@/lib/rules/__fixtures__/apigateway";
import { rule } from "./apigateway_rest_api_stage_tracing_enabled.rule";

const one = (tracingEnabled: boolean | null) =>
  rule.evaluate(inventoryWith({ restApis: [restApi({ stages: ok([restStage({ tracingEnabled })]) })] }), testContext(rule))[0];

describe("apigateway_rest_api_stage_tracing_enabled", () => {
  it("fails a stage with tracing off (bad fixture) and passes one with it on (good fixture)", () => {
    expect(one(false)).toMatchObject({ status: "FAIL", message: "The stage prod of REST API orders-api has X-Ray tracing disabled." });
    expect(one(true).status).toBe("PASS");
  });

  it("is unknown when AWS did not report the setting or the stages failed", () => {
    expect(one(null).status).toBe("UNKNOWN");
    expect(rule.evaluate(inventoryWith({ restApis: [restApi({ stages: fetchError() })] }), testContext(rule))[0].status).toBe("UNKNOWN");
  });
});
