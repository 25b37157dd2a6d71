import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { inventoryWith, restApi } from "@/lib/rules/__fixtures__/apigateway";
import { rule } from "./apigateway_rest_api_managed_by_iac.rule";

const one = (tags: Record<string, string>, markerTags?: string[]) =>
  rule.evaluate(inventoryWith({ restApis: [restApi({ tags })] }), markerTags ? testContext(rule, { settings: { markerTags } }) : testContext(rule))[0];

describe("apigateway_rest_api_managed_by_iac", () => {
  it("fails an API with no marker (bad fixture)", () => {
    expect(one({ team: "platform" })).toMatchObject({ status: "FAIL", message: "REST API orders-api carries no infrastructure-as-code marker; it may have been created by hand." });
  });

  it("passes CloudFormation tags (good fixture)", () => {
    expect(one({ "aws:cloudformation:stack-name": "orders", "aws:cloudformation:stack-id": "arn:aws:cloudformation:us-east-1:111122223333:stack/orders/1" })).toMatchObject({
      status: "PASS",
      message: "REST API orders-api is managed by cloudformation (stack orders).",
    });
  });

  it("passes a configured Terraform tag convention, and not a look-alike value", () => {
    expect(one({ ManagedBy: "terraform" }, ["ManagedBy=terraform"]).status).toBe("PASS");
    expect(one({ ManagedBy: "console" }, ["ManagedBy=terraform"]).status).toBe("FAIL");
  });

  it("returns nothing without APIs", () => {
    expect(rule.evaluate(inventoryWith(), testContext(rule))).toEqual([]);
  });
});
