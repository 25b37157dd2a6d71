import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { fetchError, inventoryWith, ok, restApi, restDeployment, restStage } from "@/lib/rules/__fixtures__/apigateway";
import type { TRestApiRecord } from "@/scanners/apigateway/record";
import { rule } from "./apigateway_rest_api_stage_not_stale.rule";

const run = (api: TRestApiRecord, settings?: { staleDays: number; flagSupersededVersions: boolean }) =>
  rule.evaluate(inventoryWith({ restApis: [api] }), settings ? testContext(rule, { settings }) : testContext(rule));

describe("apigateway_rest_api_stage_not_stale", () => {
  it("fails a stage whose deployment is older than the threshold (bad fixture), using the deployment date", () => {
    const api = restApi({ deployments: ok([restDeployment({ createdDate: "2025-01-10T00:00:00Z" })]), stages: ok([restStage({ lastUpdatedDate: "2026-11-20T00:00:00Z" })]) });
    expect(run(api)[0]).toMatchObject({ status: "FAIL", message: "The stage prod of REST API orders-api was last deployed 682 days ago, more than 180." });
  });

  it("passes a recent deployment (good fixture) and honours the threshold setting", () => {
    expect(run(restApi())[0]).toMatchObject({ status: "PASS", message: "The stage prod of REST API orders-api was last deployed 22 days ago." });
    expect(run(restApi(), { staleDays: 7, flagSupersededVersions: true })[0].status).toBe("FAIL");
  });

  it("fails an old version stage deployed before a newer version stage, but not an unrelated stage name", () => {
    const api = restApi({
      deployments: ok([restDeployment({ id: "d1", createdDate: "2026-09-01T00:00:00Z" }), restDeployment({ id: "d2", createdDate: "2026-11-01T00:00:00Z" })]),
      stages: ok([restStage({ stageName: "v1", deploymentId: "d1" }), restStage({ stageName: "v2", deploymentId: "d2" }), restStage({ stageName: "prod", deploymentId: "d1" })]),
    });
    const results = run(api);
    expect(results.map((r) => [r.resourceName, r.status])).toEqual([
      ["orders-api/v1", "FAIL"],
      ["orders-api/v2", "PASS"],
      ["orders-api/prod", "PASS"],
    ]);
    expect(results[0].message).toBe("The stage v1 of REST API orders-api is an old version stage still live next to v2.");
  });

  it("is unknown without any date, and when stages fail", () => {
    const undated = restApi({ deployments: ok([]), stages: ok([restStage({ lastUpdatedDate: null, createdDate: null })]) });
    expect(run(undated)[0].status).toBe("UNKNOWN");
    expect(run(restApi({ stages: fetchError() }))[0].status).toBe("UNKNOWN");
  });
});
