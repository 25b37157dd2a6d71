import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import { inventoryOf, lambdaFunction } from "@/lib/rules/__fixtures__/lambda-function";
import { layerVersionArn } from "@/lib/rules/__fixtures__/lambda-layer";
import { rule } from "./lambda_function_layers_from_trusted_accounts.rule";

const VENDOR = "464622532012";
const layers = (...arns: string[]) => ({ layers: arns.map((arn) => ({ arn, codeSize: 1000 })) });

const only = (fn: TLambdaFunctionRecord, ctx = testContext(rule)) => {
  const results = rule.evaluate(inventoryOf(fn), ctx);
  expect(results).toHaveLength(1);
  return results[0];
};

describe("lambda_function_layers_from_trusted_accounts", () => {
  it("returns nothing when there are no functions", () => {
    expect(rule.evaluate(inventoryOf(), testContext(rule))).toEqual([]);
  });

  it("passes a function without layers", () => {
    expect(only(lambdaFunction())).toMatchObject({ status: "PASS", message: "Lambda function orders-api uses no layers." });
  });

  it("passes a layer from the function's own account (good fixture)", () => {
    expect(only(lambdaFunction(layers(layerVersionArn("shared-utils", 3))))).toMatchObject({
      status: "PASS",
      message: "Lambda function orders-api uses only layers from its own account.",
    });
  });

  it("fails a layer from another account (bad fixture)", () => {
    const r = only(lambdaFunction(layers(layerVersionArn("Datadog-Node20-x", 112, VENDOR))));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe(`Lambda function orders-api loads layer Datadog-Node20-x:112 from account ${VENDOR}, which is not a trusted account.`);
    expect(r.evidence.layers).toEqual([expect.objectContaining({ account: VENDOR, owner: "untrusted" })]);
  });

  it("passes the Powertools layer published by AWS (trusted by default; look-alike)", () => {
    const r = only(lambdaFunction(layers("arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV3-python312-x86_64:18")));
    expect(r).toMatchObject({ status: "PASS", message: "Lambda function orders-api uses only layers from its own account and trusted publishers." });
  });

  it("passes a layer from an installation-trusted account", () => {
    const ctx = testContext(rule, { installation: { trustedAccountIds: [VENDOR], trustedOrganizationIds: [] } });
    expect(only(lambdaFunction(layers(layerVersionArn("x", 1, VENDOR))), ctx).status).toBe("PASS");
  });

  it("passes a layer from an account added to the rule's setting", () => {
    const ctx = testContext(rule, { settings: { trustedLayerAccounts: [VENDOR] } });
    expect(only(lambdaFunction(layers(layerVersionArn("x", 1, VENDOR))), ctx).status).toBe("PASS");
  });

  it("names every untrusted layer when there are several", () => {
    const r = only(lambdaFunction(layers(layerVersionArn("a", 1, VENDOR), layerVersionArn("own", 1), layerVersionArn("b", 2, "999988887777"))));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain(`loads 2 layers from untrusted accounts ${VENDOR}, 999988887777`);
  });

  it("is UNKNOWN for a layer ARN that names no account", () => {
    const r = only(lambdaFunction(layers("not-an-arn")));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toContain("the ARN does not name an account");
  });

  it("is UNKNOWN when the record has no layer data (older scanner)", () => {
    const { layers: _layers, ...rest } = lambdaFunction();
    expect(only(rest as TLambdaFunctionRecord).status).toBe("UNKNOWN");
  });

  it("rejects settings that are not account ids", () => {
    expect(rule.settings?.schema.safeParse({ trustedLayerAccounts: ["datadog"] }).success).toBe(false);
  });
});
