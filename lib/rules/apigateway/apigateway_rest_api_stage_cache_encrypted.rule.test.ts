import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { fetchError, inventoryWith, methodSetting, ok, restApi, restStage } from "@/lib/rules/__fixtures__/apigateway";
import type { TStageRecord } from "@/scanners/apigateway/record";
import { rule } from "./apigateway_rest_api_stage_cache_encrypted.rule";

const one = (stage: Partial<TStageRecord>) =>
  rule.evaluate(inventoryWith({ restApis: [restApi({ stages: ok([restStage(stage)]) })] }), testContext(rule))[0];

describe("apigateway_rest_api_stage_cache_encrypted", () => {
  it("fails a stage caching every method unencrypted (bad fixture)", () => {
    const r = one({ cacheClusterEnabled: true, methodSettings: [methodSetting("*/*", { cachingEnabled: true, cacheDataEncrypted: false })] });
    expect(r).toMatchObject({ status: "FAIL", message: "The stage prod of REST API orders-api caches responses unencrypted for every method." });
  });

  it("passes encrypted caching (good fixture) and fails an unencrypted override", () => {
    expect(one({ cacheClusterEnabled: true, methodSettings: [methodSetting("*/*", { cachingEnabled: true, cacheDataEncrypted: true })] }).status).toBe("PASS");
    const override = one({
      cacheClusterEnabled: true,
      methodSettings: [methodSetting("*/*", { cachingEnabled: true, cacheDataEncrypted: true }), methodSetting("~1orders/GET", { cachingEnabled: true, cacheDataEncrypted: false })],
    });
    expect(override.message).toBe("The stage prod of REST API orders-api caches responses unencrypted for GET /orders.");
  });

  it("passes stages that cache nothing: no cluster, or a cluster without caching methods (look-alikes)", () => {
    expect(one({ cacheClusterEnabled: false }).message).toBe("The stage prod of REST API orders-api caches no responses.");
    expect(one({ cacheClusterEnabled: true, methodSettings: [methodSetting("*/*", { cachingEnabled: false, cacheDataEncrypted: false })] }).status).toBe("PASS");
  });

  it("is unknown when stages could not be read", () => {
    expect(rule.evaluate(inventoryWith({ restApis: [restApi({ stages: fetchError() })] }), testContext(rule))[0].status).toBe("UNKNOWN");
  });
});
