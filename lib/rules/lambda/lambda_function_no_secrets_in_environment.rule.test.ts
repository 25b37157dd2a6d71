import { describe, expect, it } from "vitest";
import { makeFingerprint } from "@/lib/aws/redact";
import { redactWithSecrets } from "@/lib/analysis/secrets/redact";
import * as F from "@/lib/analysis/secrets/__fixtures__/fake-secrets";
import { testContext } from "@/lib/rules/context";
import { envVar, fetchError, functionArn, inventoryOf, lambdaFunction, publishedVersion } from "@/lib/rules/__fixtures__/lambda-function";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import { rule } from "./lambda_function_no_secrets_in_environment.rule";

const fingerprint = makeFingerprint("lc02-rule-test-secret-0000");
/** Environment variables as the scanner stores them: redacted, with the detectors run on the clear values. */
const env = (vars: Record<string, string>) => redactWithSecrets(vars, fingerprint);
const demoStripeKey = ["sk", "live", "51DEMOxACMExPAYMENTSx0000NOTxAxREALxKEY"].join("_");

const only = (fn: TLambdaFunctionRecord, settings?: Partial<(typeof rule.settings & object)["defaults"]>) => {
  const ctx = testContext(rule);
  const results = rule.evaluate(inventoryOf(fn), settings ? { ...ctx, settings: { ...ctx.settings, ...settings } } : ctx);
  expect(results).toHaveLength(1);
  return results[0];
};

describe("lambda_function_no_secrets_in_environment", () => {
  it("returns nothing when there are no functions", () => {
    expect(rule.evaluate(inventoryOf(), testContext(rule))).toEqual([]);
  });

  it("fails the demo estate's payment-intent-creator: a live-looking Stripe key in plain text (bad fixture)", () => {
    const r = only(
      lambdaFunction({
        name: "payment-intent-creator",
        environment: env({ STRIPE_API_KEY: demoStripeKey, PAYMENTS_TABLE: "payments", STRIPE_API_VERSION: "2024-06-20" }),
      }),
    );
    expect(r).toMatchObject({ status: "FAIL", resourceArn: functionArn("payment-intent-creator"), resourceName: "payment-intent-creator", region: "us-east-1" });
    expect(r.message).toBe(
      "Lambda function payment-intent-creator has an environment variable that holds a likely secret in plain text: STRIPE_API_KEY (stripe-secret-key).",
    );
    expect(r.evidence).toEqual({
      variables: [{ variable: "STRIPE_API_KEY", qualifier: null, detectors: [{ detector: "stripe-secret-key", confidence: "high", fingerprint: fingerprint(demoStripeKey) }] }],
      minimumConfidence: "medium",
    });
    expect(JSON.stringify(r)).not.toContain(demoStripeKey);
  });

  it("passes the demo estate's payments-webhook: a reference to a secret is not a secret (good fixture)", () => {
    const r = only(
      lambdaFunction({
        name: "payments-webhook",
        environment: env({
          STRIPE_WEBHOOK_SECRET_ARN: "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/stripe/webhook-signing-secret-a8Kd2P",
          PAYMENTS_TABLE: "payments",
        }),
      }),
    );
    expect(r).toMatchObject({ status: "PASS", message: "Lambda function payments-webhook has no likely secret in its 2 environment variables." });
  });

  it("passes look-alikes: parameter paths, URLs without credentials, UUIDs, flags, numbers, KMS ciphertext", () => {
    const r = only(
      lambdaFunction({
        environment: env({
          DB_PASSWORD_PARAM: "/prod/orders/db-password",
          API_BASE_URL: "https://api.example.com/v1",
          API_KEY: "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b",
          FEATURE_SECRET_SCANNING: "true",
          TOKEN_TTL_SECONDS: "3600",
          ENCRYPTED_DB_PASSWORD: F.KMS_CIPHERTEXT,
          STRIPE_PUBLISHABLE_KEY: F.STRIPE_PUBLISHABLE_KEY,
        }),
      }),
    );
    expect(r.status).toBe("PASS");
  });

  it("passes a function without environment variables", () => {
    expect(only(lambdaFunction())).toMatchObject({ status: "PASS", message: "Lambda function orders-api has no environment variables." });
  });

  it("fails a secret left in a published version after $LATEST was cleaned", () => {
    const r = only(
      lambdaFunction({
        environment: env({ GITHUB_TOKEN_SECRET_ARN: "arn:aws:secretsmanager:us-east-1:111122223333:secret:ci/gh-AbCdEf" }),
        versions: { status: "ok", value: [publishedVersion("3", { environment: env({ GITHUB_TOKEN: F.GITHUB_PAT }) })] },
      }),
    );
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("GITHUB_TOKEN (version 3) (github-token)");
    expect(r.evidence.variables).toEqual([expect.objectContaining({ variable: "GITHUB_TOKEN", qualifier: "3" })]);
  });

  it("lists every variable that holds a secret", () => {
    const r = only(lambdaFunction({ environment: env({ AWS_ACCESS_KEY_ID: F.AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: F.AWS_SECRET_ACCESS_KEY, REGION: "us-east-1" }) }));
    expect(r.message).toBe(
      "Lambda function orders-api has 2 environment variables that hold a likely secret in plain text: AWS_ACCESS_KEY_ID (aws-access-key-id), AWS_SECRET_ACCESS_KEY (aws-secret-access-key).",
    );
  });

  it("counts a low-confidence finding only when the threshold is lowered", () => {
    const fn = lambdaFunction({ environment: env({ STRIPE_KEY: F.STRIPE_TEST_KEY }) });
    expect(only(fn).status).toBe("PASS");
    expect(only(fn, { minimumConfidence: "low" }).status).toBe("FAIL");
  });

  it("ignores detectors and variable names the installation accepted", () => {
    const fn = lambdaFunction({ environment: env({ MAPS_API_KEY: F.GOOGLE_API_KEY }) });
    expect(only(fn).status).toBe("FAIL");
    expect(only(fn, { ignoredDetectors: ["google-api-key"] }).status).toBe("PASS");
    expect(only(fn, { ignored: ["maps_*"] }).status).toBe("PASS");
  });

  it("is unknown for variables stored before detection existed", () => {
    const r = only(lambdaFunction({ environment: [envVar("DB_PASSWORD", 12)] }));
    expect(r).toMatchObject({ status: "UNKNOWN", evidence: { notAnalysed: ["DB_PASSWORD"] } });
    expect(r.message).toContain("the next scan checks them");
  });

  it("is unknown when Lambda could not decrypt the environment", () => {
    const r = only(lambdaFunction({ environment: [], environmentError: { errorCode: "AccessDeniedException", message: "KMS access denied" } }));
    expect(r).toMatchObject({ status: "UNKNOWN", message: expect.stringContaining("could not decrypt them (AccessDeniedException)") });
  });

  it("is unknown when published versions could not be listed and $LATEST is clean, but fails on what it can see", () => {
    const clean = only(lambdaFunction({ environment: env({ TABLE_NAME: "orders" }), versions: fetchError() }));
    expect(clean).toMatchObject({ status: "UNKNOWN", message: expect.stringContaining("published versions could not be listed (AccessDeniedException)") });
    const leaky = only(lambdaFunction({ environment: env({ DB_PASSWORD: "hunter2-Prod" }), versions: fetchError() }));
    expect(leaky.status).toBe("FAIL");
  });
});
