import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import { envVar, fetchError, inventoryOf, lambdaFunction, publishedVersion } from "@/lib/rules/__fixtures__/lambda-function";
import { rule } from "./lambda_function_env_encrypted_with_cmk.rule";

const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const only = (fn: TLambdaFunctionRecord) => {
  const results = rule.evaluate(inventoryOf(fn), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0];
};

describe("lambda_function_env_encrypted_with_cmk", () => {
  it("returns nothing when there are no functions", () => {
    expect(rule.evaluate(inventoryOf(), testContext(rule))).toEqual([]);
  });

  it("passes a function without environment variables (look-alike: nothing to encrypt)", () => {
    expect(only(lambdaFunction())).toMatchObject({ status: "PASS", message: "Lambda function orders-api has no environment variables to encrypt." });
  });

  it("fails environment variables under the AWS managed key (bad fixture)", () => {
    const r = only(lambdaFunction({ environment: [envVar("TABLE_NAME"), envVar("LOG_LEVEL")] }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe("Lambda function orders-api encrypts its 2 environment variable(s) with the AWS managed key, not a customer managed KMS key.");
    expect(r.evidence).toMatchObject({ kmsKeyArn: null, variableNames: ["TABLE_NAME", "LOG_LEVEL"] });
  });

  it("passes environment variables under a customer managed key (good fixture)", () => {
    const r = only(lambdaFunction({ environment: [envVar("TABLE_NAME")], kmsKeyArn: KEY }));
    expect(r).toMatchObject({ status: "PASS", message: `Lambda function orders-api encrypts its environment variables with customer managed KMS key ${KEY}.` });
  });

  it("fails a published version that holds variables under the AWS managed key", () => {
    const r = only(
      lambdaFunction({
        environment: [envVar("TABLE_NAME")],
        kmsKeyArn: KEY,
        versions: { status: "ok", value: [publishedVersion("1", { environment: [envVar("TABLE_NAME")], kmsKeyArn: null })] },
      }),
    );
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("published version(s) 1");
  });

  it("passes a published version without variables", () => {
    const r = only(lambdaFunction({ versions: { status: "ok", value: [publishedVersion("1")] } }));
    expect(r.status).toBe("PASS");
  });

  it("is UNKNOWN when Lambda could not decrypt the variables and no customer key is recorded", () => {
    const r = only(lambdaFunction({ environmentError: { errorCode: "KMSAccessDeniedException", message: "denied" } }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe("Could not read the environment variables of function orders-api: KMSAccessDeniedException.");
  });

  it("passes when a customer key is set even though Lambda could not decrypt with it", () => {
    const r = only(lambdaFunction({ kmsKeyArn: KEY, environmentError: { errorCode: "KMSAccessDeniedException", message: "denied" } }));
    expect(r.status).toBe("PASS");
  });

  it("is UNKNOWN when the published versions could not be listed", () => {
    const r = only(lambdaFunction({ environment: [envVar("A")], kmsKeyArn: KEY, versions: fetchError("ThrottlingException") }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe("Could not check the published versions of function orders-api: ThrottlingException.");
  });
});
