import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import {
  ACCOUNT_ID,
  fetchError,
  inventoryOf,
  lambdaFunction,
  policyOf,
  qualifierPolicy,
  serviceInvokeStatement,
} from "@/lib/rules/__fixtures__/lambda-function";
import { rule } from "./lambda_function_apigateway_permission_scoped.rule";
import { parseExecuteApiArn, pinsRoute } from "./execute-api-arn";

const API = `arn:aws:execute-api:us-east-1:${ACCOUNT_ID}:abc123`;
const apigw = (sourceArn?: string, sid = "apigw") => serviceInvokeStatement("apigateway.amazonaws.com", { sid, sourceArn });

const only = (fn: TLambdaFunctionRecord) => {
  const results = rule.evaluate(inventoryOf(fn), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0];
};

describe("lambda_function_apigateway_permission_scoped", () => {
  it("returns nothing when there are no functions", () => {
    expect(rule.evaluate(inventoryOf(), testContext(rule))).toEqual([]);
  });

  it("passes a function without an API Gateway permission", () => {
    expect(only(lambdaFunction({ policy: policyOf(serviceInvokeStatement("events.amazonaws.com")) }))).toMatchObject({
      status: "PASS",
      message: "Lambda function orders-api has no API Gateway invoke permission.",
    });
  });

  it("fails a permission without aws:SourceArn (bad fixture)", () => {
    const r = only(lambdaFunction({ policy: policyOf(apigw(undefined, "apigw-chargebacks")) }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe(
      'Lambda function orders-api lets API Gateway invoke it from any API in any account (statement "apigw-chargebacks" has no aws:SourceArn).',
    );
    expect(r.evidence.broadStatements).toEqual([expect.objectContaining({ sid: "apigw-chargebacks", reason: "no_source_arn" })]);
  });

  it("fails .../*/*/* (every method and path of every stage)", () => {
    const r = only(lambdaFunction({ policy: policyOf(apigw(`${API}/*/*/*`, "apigw-refunds")) }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe(
      `Lambda function orders-api lets API Gateway invoke it from any method and path of API abc123 (statement "apigw-refunds", aws:SourceArn ${API}/*/*/*).`,
    );
  });

  it("fails a bare API id and a stage-only ARN", () => {
    expect(only(lambdaFunction({ policy: policyOf(apigw(`${API}/*`)) })).status).toBe("FAIL");
    expect(only(lambdaFunction({ policy: policyOf(apigw(`${API}/prod/*/*`)) })).status).toBe("FAIL");
  });

  it("fails a wildcard API id (any API of the account)", () => {
    const r = only(lambdaFunction({ policy: policyOf(apigw(`arn:aws:execute-api:us-east-1:${ACCOUNT_ID}:*/*/GET/orders`)) }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain(`from any API of account ${ACCOUNT_ID}`);
  });

  it("fails a source ARN with a wildcard account (it pins nothing)", () => {
    const r = only(lambdaFunction({ policy: policyOf(apigw("arn:aws:execute-api:us-east-1:*:abc123/*/GET/orders")) }));
    expect(r.status).toBe("FAIL");
    expect(r.evidence.broadStatements).toEqual([expect.objectContaining({ reason: "source_arn_not_restrictive" })]);
  });

  it("passes a source ARN that names a method and path (good fixture)", () => {
    const r = only(lambdaFunction({ policy: policyOf(apigw(`${API}/*/POST/orders`)) }));
    expect(r).toMatchObject({
      status: "PASS",
      message: "Lambda function orders-api limits every API Gateway invoke permission to one API's route or authorizer.",
    });
  });

  it("passes any method on one path, an HTTP API $default route and an authorizer (look-alikes)", () => {
    expect(only(lambdaFunction({ policy: policyOf(apigw(`${API}/*/*/orders`)) })).status).toBe("PASS");
    expect(only(lambdaFunction({ policy: policyOf(apigw(`${API}/*/$default`)) })).status).toBe("PASS");
    expect(only(lambdaFunction({ policy: policyOf(apigw(`${API}/authorizers/x1y2z3`)) })).status).toBe("PASS");
  });

  it("finds a broad permission on an alias policy", () => {
    const r = only(lambdaFunction({ qualifierPolicies: [qualifierPolicy("live", serviceInvokeStatement("apigateway.amazonaws.com", { qualifier: "live" }))] }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("on qualifier live");
  });

  it("is UNKNOWN, never PASS, when the policy could not be read", () => {
    const r = only(lambdaFunction({ policy: fetchError() }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe("Could not read every resource-based policy of function orders-api: lambda:GetPolicy (AccessDeniedException).");
  });
});

describe("execute-api source ARNs", () => {
  it("parses REST, HTTP and authorizer ARNs", () => {
    expect(parseExecuteApiArn(`${API}/prod/GET/orders/{id}`)).toEqual({
      region: "us-east-1",
      account: ACCOUNT_ID,
      apiId: "abc123",
      stage: "prod",
      route: ["GET", "orders", "{id}"],
      authorizer: false,
    });
    expect(parseExecuteApiArn(`${API}/authorizers/a1`)).toMatchObject({ authorizer: true, stage: null, route: ["a1"] });
    expect(parseExecuteApiArn("arn:aws:s3:::bucket")).toBeNull();
  });

  it("pins a route only with a non-wildcard method or path part", () => {
    const pins = (arn: string) => pinsRoute(parseExecuteApiArn(arn)!);
    expect(pins(`${API}/*/*/*`)).toBe(false);
    expect(pins(`${API}/*/GET/*`)).toBe(true);
    expect(pins(`${API}`)).toBe(false);
  });
});
