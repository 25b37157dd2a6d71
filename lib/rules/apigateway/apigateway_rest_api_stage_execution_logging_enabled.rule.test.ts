import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { fetchError, inventoryWith, methodSetting, ok, restApi, restStage, restStageArn } from "@/lib/rules/__fixtures__/apigateway";
import type { TStageRecord } from "@/scanners/apigateway/record";
import { rule } from "./apigateway_rest_api_stage_execution_logging_enabled.rule";

const run = (stages: TStageRecord[], saved?: unknown) =>
  rule.evaluate(inventoryWith({ restApis: [restApi({ stages: ok(stages) })] }), saved ? testContext(rule, { settings: saved as never }) : testContext(rule));

describe("apigateway_rest_api_stage_execution_logging_enabled", () => {
  it("returns one result per stage, pointing at the stage", () => {
    const results = run([restStage({ stageName: "prod" }), restStage({ stageName: "dev" })]);
    expect(results.map((r) => [r.resourceArn, r.resourceName])).toEqual([
      [restStageArn("prod"), "orders-api/prod"],
      [restStageArn("dev"), "orders-api/dev"],
    ]);
  });

  it("fails a stage without method settings (bad fixture)", () => {
    expect(run([restStage()])[0]).toMatchObject({ status: "FAIL", message: "The stage prod of REST API orders-api does not write execution logs (level OFF)." });
  });

  it("passes ERROR or INFO as the stage default (good fixture)", () => {
    expect(run([restStage({ methodSettings: [methodSetting("*/*", { loggingLevel: "ERROR" })] })])[0]).toMatchObject({
      status: "PASS",
      message: "The stage prod of REST API orders-api writes execution logs at ERROR.",
    });
  });

  it("fails a per-method OFF override under a logged default (look-alike of a logged stage)", () => {
    const r = run([restStage({ methodSettings: [methodSetting("*/*", { loggingLevel: "INFO" }), methodSetting("~1admin/POST", { loggingLevel: "OFF" })] })])[0];
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe("The stage prod of REST API orders-api logs at INFO, but method POST /admin overrides it with OFF.");
  });

  it("honours the accepted levels setting", () => {
    const stages = [restStage({ methodSettings: [methodSetting("*/*", { loggingLevel: "ERROR" })] })];
    expect(run(stages, { acceptedLevels: ["INFO"] })[0].status).toBe("FAIL");
  });

  it("is unknown for the API when its stages could not be read", () => {
    const results = rule.evaluate(inventoryWith({ restApis: [restApi({ stages: fetchError() })] }), testContext(rule));
    expect(results).toEqual([expect.objectContaining({ status: "UNKNOWN", message: "Could not read the stages of REST API orders-api: AccessDeniedException." })]);
  });
});
