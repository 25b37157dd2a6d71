import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { RuleInventory } from "@/lib/rules/types";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import {
  ACCOUNT_ID,
  fetchError,
  inventoryOf,
  lambdaFunction,
  policyOf,
  publicInvokeStatement,
  serviceInvokeStatement,
  urlsOf,
} from "@/lib/rules/__fixtures__/lambda-function";
import { REST_API_ID, restApi } from "@/lib/rules/__fixtures__/apigateway";
import { HTTP_API_ID, httpApi } from "@/lib/rules/__fixtures__/apigatewayv2";
import { rule } from "./lambda_function_reserved_concurrency_when_exposed.rule";

const apiGrant = (apiId: string, route = "/*/GET/orders") =>
  policyOf(serviceInvokeStatement("apigateway.amazonaws.com", { sourceArn: `arn:aws:execute-api:us-east-1:${ACCOUNT_ID}:${apiId}${route}` }));
const reserved = (n: number) => ({ reservedConcurrency: { status: "ok" as const, value: n } });

const run = (inventory: RuleInventory, ctx = testContext(rule)) => {
  const results = rule.evaluate(inventory, ctx);
  expect(results).toHaveLength(1);
  return results[0];
};
const only = (fn: TLambdaFunctionRecord) => run(inventoryOf(fn));

describe("lambda_function_reserved_concurrency_when_exposed", () => {
  it("returns nothing when there are no functions", () => {
    expect(rule.evaluate(inventoryOf(), testContext(rule))).toEqual([]);
  });

  it("passes a function with no path from the internet", () => {
    expect(only(lambdaFunction())).toMatchObject({
      status: "PASS",
      message: "Lambda function orders-api is not reachable from the internet through a public function URL, a public policy or a public API.",
    });
  });

  it("fails a public function URL without reserved concurrency (bad fixture)", () => {
    const r = only(lambdaFunction(urlsOf({ qualifier: null, authType: "NONE" })));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe(
      "Lambda function orders-api is reachable from the internet (function URL with AuthType NONE) and has no reserved concurrency to cap how many copies run at once.",
    );
  });

  it("passes the same function with reserved concurrency (good fixture)", () => {
    const r = only(lambdaFunction({ ...urlsOf({ qualifier: null, authType: "NONE" }), ...reserved(5) }));
    expect(r).toMatchObject({
      status: "PASS",
      message: "Lambda function orders-api is reachable from the internet and its reserved concurrency caps it at 5 concurrent executions.",
    });
  });

  it("passes an IAM-authenticated URL without reserved concurrency (look-alike)", () => {
    expect(only(lambdaFunction(urlsOf({ qualifier: null, authType: "AWS_IAM" }))).status).toBe("PASS");
  });

  it("fails a public resource-based policy without reserved concurrency", () => {
    const r = only(lambdaFunction({ policy: policyOf(publicInvokeStatement()) }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain('statement "AllowAnyone" lets anyone invoke it');
  });

  it("fails an API Gateway trigger of a public REST API", () => {
    const r = run({ ...inventoryOf(lambdaFunction({ policy: apiGrant(REST_API_ID) })), restApis: [restApi()] });
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("REST API orders-api (REGIONAL)");
  });

  it("fails an API Gateway trigger of an HTTP API", () => {
    const r = run({ ...inventoryOf(lambdaFunction({ policy: apiGrant(HTTP_API_ID, "/*/$default") })), httpApis: [httpApi()] });
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("HTTP API mobile-bff");
  });

  it("passes a trigger from a PRIVATE REST API (look-alike: not internet-reachable)", () => {
    const r = run({ ...inventoryOf(lambdaFunction({ policy: apiGrant(REST_API_ID) })), restApis: [restApi({ endpointTypes: ["PRIVATE"] })] });
    expect(r.status).toBe("PASS");
  });

  it("passes a trigger whose API no longer exists in a complete listing", () => {
    expect(run(inventoryOf(lambdaFunction({ policy: apiGrant("gone000001") }))).status).toBe("PASS");
  });

  it("is UNKNOWN when the API cannot be looked up because the API Gateway listing is incomplete", () => {
    const ctx = testContext(rule, { complete: (type) => type !== "apigateway_rest_api" });
    const r = run(inventoryOf(lambdaFunction({ policy: apiGrant("abc1234567") })), ctx);
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toContain("the API Gateway inventory of us-east-1 is incomplete");
  });

  it("counts an API Gateway permission without a source ARN as reachable", () => {
    const r = only(lambdaFunction({ policy: policyOf(serviceInvokeStatement("apigateway.amazonaws.com")) }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("without a source ARN");
  });

  it("passes reserved concurrency 0 (every invocation throttled)", () => {
    expect(only(lambdaFunction({ ...urlsOf({ qualifier: null, authType: "NONE" }), ...reserved(0) })).message).toContain("reserved concurrency is 0");
  });

  it("is UNKNOWN when the concurrency of a reachable function could not be read", () => {
    const r = only(lambdaFunction({ ...urlsOf({ qualifier: null, authType: "NONE" }), reservedConcurrency: fetchError() }));
    expect(r.status).toBe("UNKNOWN");
  });

  it("is UNKNOWN, not PASS, when the policy could not be read and nothing else exposes it", () => {
    const r = only(lambdaFunction({ policy: fetchError() }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe("Could not determine whether function orders-api is reachable from the internet: some resource-based policies could not be read.");
  });
});
