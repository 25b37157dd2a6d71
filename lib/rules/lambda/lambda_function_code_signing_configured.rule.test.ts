import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import { fetchError, inventoryOf, lambdaFunction } from "@/lib/rules/__fixtures__/lambda-function";
import { rule } from "./lambda_function_code_signing_configured.rule";

const CSC = "arn:aws:lambda:us-east-1:111122223333:code-signing-config:csc-0a1b2c3d4e5f60718";

const only = (fn: TLambdaFunctionRecord) => {
  const results = rule.evaluate(inventoryOf(fn), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0];
};

describe("lambda_function_code_signing_configured", () => {
  it("returns nothing when there are no functions", () => {
    expect(rule.evaluate(inventoryOf(), testContext(rule))).toEqual([]);
  });

  it("fails a function without a code signing configuration (bad fixture)", () => {
    expect(only(lambdaFunction())).toMatchObject({
      status: "FAIL",
      message: "Lambda function orders-api has no code signing configuration, so Lambda accepts unsigned code for it.",
    });
  });

  it("passes an attached configuration and says when the current code was signed (good fixture)", () => {
    const r = only(
      lambdaFunction({
        codeSigningConfigArn: { status: "ok", value: CSC },
        signingProfileVersionArn: "arn:aws:signer:us-east-1:111122223333:/signing-profiles/ci/abc123",
      }),
    );
    expect(r).toMatchObject({ status: "PASS", message: `Lambda function orders-api has code signing configuration ${CSC}, and its current code was signed.` });
    expect(r.evidence.enforcementPolicy).toBe("not inventoried (needs lambda:GetCodeSigningConfig)");
  });

  it("gives container-image functions no result (look-alike: they cannot use a code signing config)", () => {
    expect(rule.evaluate(inventoryOf(lambdaFunction({ packageType: "Image", runtime: null })), testContext(rule))).toEqual([]);
  });

  it("is UNKNOWN, never FAIL, when the configuration could not be read", () => {
    const r = only(lambdaFunction({ codeSigningConfigArn: fetchError("AccessDeniedException") }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe("Could not read the code signing configuration of function orders-api: AccessDeniedException.");
  });
});
