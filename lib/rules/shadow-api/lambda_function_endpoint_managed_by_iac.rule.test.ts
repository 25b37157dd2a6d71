import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { fetchError, inventoryWith, restApiWith, restMethod } from "@/lib/rules/__fixtures__/apigateway";
import { lambdaFunction } from "@/lib/rules/__fixtures__/lambda-function";
import type { RuleInventory } from "@/lib/rules/types";
import { rule } from "./lambda_function_endpoint_managed_by_iac.rule";

const run = (inventory: RuleInventory) => rule.evaluate(inventory, testContext(rule));
const api = restApiWith({ "/orders": [restMethod("GET")] });

describe("lambda_function_endpoint_managed_by_iac", () => {
  it("judges only functions that serve an endpoint", () => {
    expect(run(inventoryWith({ lambdaFunctions: [lambdaFunction({ name: "batch-job" })] }))).toEqual([]);
  });

  it("fails an unmarked API backend (bad fixture) and passes a CloudFormation one (good fixture)", () => {
    expect(run(inventoryWith({ restApis: [api], lambdaFunctions: [lambdaFunction()] }))[0]).toMatchObject({
      status: "FAIL",
      message: "Lambda function orders-api serves API orders-api but carries no infrastructure-as-code marker.",
    });
    const managed = lambdaFunction({ tags: { status: "ok", value: { "lambda:createdBy": "SAM", "aws:cloudformation:stack-name": "orders" } } });
    expect(run(inventoryWith({ restApis: [api], lambdaFunctions: [managed] }))[0].message).toBe("Lambda function orders-api is managed by sam (stack orders).");
  });

  it("judges a function with only a function URL, and is unknown when tags fail", () => {
    const withUrl = lambdaFunction({ urls: { status: "ok", value: [{ url: "https://x.lambda-url.us-east-1.on.aws/", authType: "AWS_IAM", invokeMode: null, cors: null, qualifier: null }] } });
    expect(run(inventoryWith({ lambdaFunctions: [withUrl] }))[0].message).toContain("serves its function URL");
    expect(run(inventoryWith({ restApis: [api], lambdaFunctions: [lambdaFunction({ tags: fetchError() })] }))[0].status).toBe("UNKNOWN");
  });
});
