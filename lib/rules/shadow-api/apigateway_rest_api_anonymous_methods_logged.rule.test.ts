import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { fetchError, inventoryWith, loggedRestStage, mockIntegration, ok, restApi, restApiWith, restMethod, restStage } from "@/lib/rules/__fixtures__/apigateway";
import type { TRestApiRecord } from "@/scanners/apigateway/record";
import { rule } from "./apigateway_rest_api_anonymous_methods_logged.rule";

const run = (api: TRestApiRecord) => rule.evaluate(inventoryWith({ restApis: [api] }), testContext(rule));

describe("apigateway_rest_api_anonymous_methods_logged", () => {
  it("fails an open method on an unlogged stage (bad fixture), naming the stage", () => {
    const r = run(restApiWith({ "/orders": [restMethod("GET")] }, { stages: ok([loggedRestStage({ stageName: "prod" }), restStage({ stageName: "dev" })]) }))[0];
    expect(r).toMatchObject({ status: "FAIL", message: "Method GET /orders of REST API orders-api accepts anonymous calls and stage dev keeps no log of them." });
  });

  it("passes an open method logged everywhere (good fixture), and authenticated or MOCK methods (look-alikes)", () => {
    expect(run(restApiWith({ "/orders": [restMethod("GET")] }, { stages: ok([loggedRestStage()]) }))[0].status).toBe("PASS");
    const results = run(restApiWith({ "/a": [restMethod("GET", { authorizationType: "AWS_IAM" })], "/health": [restMethod("GET", { integration: mockIntegration() })] }));
    expect(results.map((r) => r.status)).toEqual(["PASS", "PASS"]);
  });

  it("passes an open method no stage serves", () => {
    expect(run(restApiWith({ "/orders": [restMethod("GET")] }, { stages: ok([]) }))[0].message).toBe("Method GET /orders of REST API orders-api accepts anonymous calls but no stage serves it.");
  });

  it("is unknown when resources or stages fail", () => {
    expect(run(restApi({ resources: fetchError() }))[0].status).toBe("UNKNOWN");
    expect(run(restApiWith({ "/orders": [restMethod("GET")] }, { stages: fetchError() }))[0].status).toBe("UNKNOWN");
  });
});
