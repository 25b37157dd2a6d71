import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { fetchError, inventoryWith, ok, restApi, restStage } from "@/lib/rules/__fixtures__/apigateway";
import { rule } from "./apigateway_rest_api_stage_waf_enabled.rule";

const ACL = "arn:aws:wafv2:us-east-1:111122223333:regional/webacl/api/0a1b2c3d";

describe("apigateway_rest_api_stage_waf_enabled", () => {
  it("fails a stage without a web ACL and passes one with it, per stage", () => {
    const api = restApi({ stages: ok([restStage({ stageName: "prod", webAclArn: ACL }), restStage({ stageName: "dev" })]) });
    const results = rule.evaluate(inventoryWith({ restApis: [api] }), testContext(rule));
    expect(results.map((r) => [r.resourceName, r.status])).toEqual([
      ["orders-api/prod", "PASS"],
      ["orders-api/dev", "FAIL"],
    ]);
    expect(results[1].message).toBe("The stage dev of REST API orders-api is not associated with an AWS WAF web ACL.");
  });

  it("returns nothing for an API without stages, and unknown when stages fail", () => {
    expect(rule.evaluate(inventoryWith({ restApis: [restApi({ stages: ok([]) })] }), testContext(rule))).toEqual([]);
    expect(rule.evaluate(inventoryWith({ restApis: [restApi({ stages: fetchError() })] }), testContext(rule))[0].status).toBe("UNKNOWN");
  });
});
