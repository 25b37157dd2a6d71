import { describe, expect, it } from "vitest";
import { makeFingerprint } from "@/lib/aws/redact";
import { redactWithSecrets } from "@/lib/analysis/secrets/redact";
import * as F from "@/lib/analysis/secrets/__fixtures__/fake-secrets";
import { testContext } from "@/lib/rules/context";
import { fetchError, inventoryWith, ok, redactedVariable, restApi, restStage, restStageArn } from "@/lib/rules/__fixtures__/apigateway";
import type { TRestApiRecord } from "@/scanners/apigateway/record";
import { rule } from "./apigateway_stage_no_secrets_in_variables.rule";

const fingerprint = makeFingerprint("a111-rule-test-secret-0000");
/** Stage variables as the scanner stores them: redacted, with the detectors run on the clear values. */
const vars = (values: Record<string, string>) => redactWithSecrets(values, fingerprint);

const evaluate = (...restApis: TRestApiRecord[]) => rule.evaluate(inventoryWith({ restApis }), testContext(rule));
const one = (api: TRestApiRecord) => {
  const results = evaluate(api);
  expect(results).toHaveLength(1);
  return results[0];
};

describe("apigateway_stage_no_secrets_in_variables", () => {
  it("returns nothing without REST APIs", () => {
    expect(evaluate()).toEqual([]);
  });

  it("passes the demo estate's acme-orders-api prod stage: an alias name is not a secret (good fixture)", () => {
    const r = one(restApi({ name: "acme-orders-api", stages: ok([restStage({ variables: vars({ lambdaAlias: "live" }) })]) }));
    expect(r).toMatchObject({
      status: "PASS",
      resourceArn: restStageArn("prod"),
      resourceName: "acme-orders-api/prod",
      message: "The stage prod of REST API acme-orders-api has no likely secret in its 1 stage variable.",
    });
  });

  it("fails a backend password in a stage variable (bad fixture), keeping only its fingerprint", () => {
    const url = ["postgres://reports:", "Zq81pw-fixture", "@reports.internal.example.com/db"].join("");
    const r = one(restApi({ stages: ok([restStage({ variables: vars({ backendUrl: url, lambdaAlias: "live" }) })]) }));
    expect(r).toMatchObject({ status: "FAIL", resourceArn: restStageArn("prod") });
    expect(r.message).toBe("The stage prod of REST API orders-api has a stage variable that holds a likely secret: backendUrl (connection-string-password).");
    expect(r.evidence).toEqual({
      variables: [{ variable: "backendUrl", canary: false, detectors: [{ detector: "connection-string-password", confidence: "high", fingerprint: fingerprint("Zq81pw-fixture") }] }],
      minimumConfidence: "medium",
    });
    expect(JSON.stringify(r)).not.toContain("Zq81pw-fixture");
  });

  it("fails a secret in a canary's variable overrides", () => {
    const stage = restStage({
      variables: vars({ lambdaAlias: "live" }),
      canary: { percentTraffic: 10, deploymentId: "dep0000002", useStageCache: false, stageVariableOverrides: vars({ partnerToken: F.HIGH_ENTROPY_BASE62 }) },
    });
    const r = one(restApi({ stages: ok([stage]) }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("partnerToken (canary override) (high-entropy-secret)");
  });

  it("passes look-alikes: host names, URLs without credentials, function names, ARNs, numbers", () => {
    const r = one(
      restApi({
        stages: ok([
          restStage({
            variables: vars({
              backendHost: "orders.internal.example.com",
              backendUrl: "https://orders.internal.example.com/v2",
              ordersFn: "orders-reader",
              authorizerRoleArn: "arn:aws:iam::111122223333:role/apigw-authorizer-invoke",
              tokenCacheTtl: "300",
            }),
          }),
        ]),
      }),
    );
    expect(r.status).toBe("PASS");
  });

  it("judges each stage on its own", () => {
    const api = restApi({
      stages: ok([
        restStage({ stageName: "dev", variables: vars({ apiKey: F.HIGH_ENTROPY_HEX }) }),
        restStage({ stageName: "prod", variables: vars({ apiKeySecretArn: "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/partner-AbCdEf" }) }),
        restStage({ stageName: "empty" }),
      ]),
    });
    expect(evaluate(api).map((r) => [r.resourceName, r.status])).toEqual([
      ["orders-api/dev", "FAIL"],
      ["orders-api/prod", "PASS"],
      ["orders-api/empty", "PASS"],
    ]);
    expect(evaluate(api)[2].message).toBe("The stage empty of REST API orders-api has no stage variables.");
  });

  it("counts low-confidence findings only when asked, and accepts ignored names", () => {
    const api = restApi({ stages: ok([restStage({ variables: vars({ stripeKey: F.STRIPE_TEST_KEY, mapsKey: F.GOOGLE_API_KEY }) })]) });
    expect(one(api).message).toContain("mapsKey (google-api-key)");
    expect(one(api).message).not.toContain("stripeKey");
    const ctx = testContext(rule);
    const lowered = rule.evaluate(inventoryWith({ restApis: [api] }), { ...ctx, settings: { ...ctx.settings, minimumConfidence: "low", ignored: ["maps*"] } })[0];
    expect(lowered.message).toContain("stripeKey (stripe-secret-key)");
    expect(lowered.message).not.toContain("mapsKey");
  });

  it("is unknown for variables stored before detection existed, and when the stages could not be read", () => {
    const old = one(restApi({ stages: ok([restStage({ variables: [redactedVariable("dbPassword")] })]) }));
    expect(old).toMatchObject({ status: "UNKNOWN", evidence: { notAnalysed: ["dbPassword"] } });
    expect(one(restApi({ stages: fetchError() })).status).toBe("UNKNOWN");
  });
});
