import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { inventoryWith, methodSetting, ok, restApiWith, restMethod, restStage, usagePlan } from "@/lib/rules/__fixtures__/apigateway";
import type { RuleInventory } from "@/lib/rules/types";
import type { TRestApiRecord, TStageRecord } from "@/scanners/apigateway/record";
import { rule } from "./apigateway_rest_api_stage_throttled.rule";

const apiWith = (method = restMethod("GET"), stage: Partial<TStageRecord> = {}, overrides: Partial<TRestApiRecord> = {}) =>
  restApiWith({ "/orders": [method] }, { stages: ok([restStage(stage)]), ...overrides });
const one = (inventory: RuleInventory, complete = true) =>
  rule.evaluate(inventory, testContext(rule, { complete: () => complete }))[0];
const throttle = (rate: number) => ({ methodSettings: [methodSetting("*/*", { throttlingRateLimit: rate, throttlingBurstLimit: rate * 2 })] });

describe("apigateway_rest_api_stage_throttled", () => {
  it("fails a public stage serving an open method at the account default rate (bad fixture)", () => {
    expect(one(inventoryWith({ restApis: [apiWith(restMethod("GET"), throttle(10000))] }))).toMatchObject({
      status: "FAIL",
      message: "The stage prod of REST API orders-api does not throttle unauthenticated method GET /orders.",
    });
  });

  it("passes a stage rate limit (good fixture)", () => {
    expect(one(inventoryWith({ restApis: [apiWith(restMethod("GET"), throttle(100))] })).status).toBe("PASS");
  });

  it("does not count a usage plan for methods without an API key, but does for API-key methods", () => {
    const plans = [usagePlan()];
    expect(one(inventoryWith({ restApis: [apiWith(restMethod("GET"))], usagePlans: plans })).status).toBe("FAIL");
    expect(one(inventoryWith({ restApis: [apiWith(restMethod("GET", { apiKeyRequired: true }))], usagePlans: plans })).status).toBe("PASS");
  });

  it("passes stages of private APIs and of APIs whose methods authenticate (look-alikes)", () => {
    expect(one(inventoryWith({ restApis: [apiWith(restMethod("GET"), {}, { endpointTypes: ["PRIVATE"] })] })).status).toBe("PASS");
    expect(one(inventoryWith({ restApis: [apiWith(restMethod("GET", { authorizationType: "AWS_IAM" }))] })).message).toBe(
      "The stage prod of REST API orders-api serves no public method without authentication.",
    );
  });

  it("is unknown for an API-key method when usage plans were not listed completely", () => {
    expect(one(inventoryWith({ restApis: [apiWith(restMethod("GET", { apiKeyRequired: true }))] }), false).status).toBe("UNKNOWN");
  });
});
