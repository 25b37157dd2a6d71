import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { functionArn, inventoryOf, lambdaFunction } from "@/lib/rules/__fixtures__/lambda-function";
import type { TCodePackageScan, TCodeSecretHit, TLambdaFunctionRecord } from "@/scanners/lambda/record";
import { rule } from "./lambda_function_no_secrets_in_code.rule";

const FN = functionArn("orders-api");
const LAYER = "arn:aws:lambda:us-east-1:111122223333:layer:shared-config:3";
const VENDOR_LAYER = "arn:aws:lambda:us-east-1:464622532012:layer:Datadog-Extension:65";

const pkg = (overrides: Partial<TCodePackageScan> = {}): TCodePackageScan => ({
  kind: "function",
  arn: FN,
  status: "scanned",
  code: null,
  reason: null,
  codeSha256: "c2hhMjU2",
  filesScanned: 12,
  filesSkipped: 3,
  ...overrides,
});
const hit = (overrides: Partial<TCodeSecretHit> = {}): TCodeSecretHit => ({
  layerArn: null,
  path: "src/config.js",
  line: 7,
  detector: "aws-access-key-id",
  confidence: "high",
  fingerprint: "0123456789abcdef",
  ...overrides,
});
const scanned = (packages: TCodePackageScan[], hits: TCodeSecretHit[] = []): TLambdaFunctionRecord["codeSecrets"] => ({
  status: "ok",
  value: { packages, hits, hitsTruncated: false },
});

const only = (fn: TLambdaFunctionRecord, settings: Partial<{ minimumConfidence: "high" | "medium" | "low"; ignoredDetectors: string[]; ignored: string[] }> = {}) => {
  const ctx = testContext(rule);
  const results = rule.evaluate(inventoryOf(fn), { ...ctx, settings: { ...ctx.settings, ...settings } });
  expect(results).toHaveLength(1);
  return results[0];
};

describe("lambda_function_no_secrets_in_code", () => {
  it("is unknown, saying code scanning is off, when the opt-in is off (and on records from before it existed)", () => {
    const r = only(lambdaFunction());
    expect(r).toMatchObject({
      status: "UNKNOWN",
      resourceArn: FN,
      message: "The code of function orders-api was not checked for secrets: code scanning is off (LANTERN_SCAN_FUNCTION_CODE).",
      evidence: { codeScanning: "off" },
    });
  });

  it("is unknown when GetFunction failed (the optional policy is not attached)", () => {
    const r = only(lambdaFunction({ codeSecrets: { status: "error", code: "AccessDeniedException", message: "not authorized to perform: lambda:GetFunction" } }));
    expect(r).toMatchObject({ status: "UNKNOWN", message: "Could not read the code of function orders-api to check it for secrets: AccessDeniedException." });
  });

  it("fails a hard-coded key, naming the file and line but not the secret (bad fixture)", () => {
    const r = only(lambdaFunction({ codeSecrets: scanned([pkg()], [hit()]) }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe("Lambda function orders-api has a likely secret in its code: aws-access-key-id at src/config.js:7.");
    expect(r.evidence).toMatchObject({ hits: [hit()], hitsTruncated: false, minimumConfidence: "medium" });
  });

  it("fails a secret in one of the account's layers, and says so", () => {
    const r = only(
      lambdaFunction({
        codeSecrets: scanned(
          [pkg(), pkg({ kind: "layer", arn: LAYER })],
          [hit({ layerArn: LAYER, path: "nodejs/config/.env", line: 2, detector: "password-assignment", confidence: "medium" })],
        ),
      }),
    );
    expect(r.message).toBe("Lambda function orders-api has a likely secret in its code (in its layers): password-assignment at nodejs/config/.env:2.");
  });

  it("lists a few places and counts the rest", () => {
    const hits = [1, 2, 3, 4, 5].map((line) => hit({ line }));
    expect(only(lambdaFunction({ codeSecrets: scanned([pkg()], hits) })).message).toBe(
      "Lambda function orders-api has 5 likely secrets in its code: aws-access-key-id at src/config.js:1, src/config.js:2, src/config.js:3, and 2 more.",
    );
  });

  it("passes a package read completely without findings (good fixture)", () => {
    const r = only(lambdaFunction({ codeSecrets: scanned([pkg()]) }));
    expect(r).toMatchObject({ status: "PASS", message: "Lambda function orders-api has no likely secret in the 12 text files of its code." });
  });

  it("passes when only other accounts' layers were left unread, and says so", () => {
    const r = only(
      lambdaFunction({
        codeSecrets: scanned([pkg(), pkg({ kind: "layer", arn: LAYER, filesScanned: 2 }), pkg({ kind: "layer", arn: VENDOR_LAYER, status: "skipped", code: "ForeignLayer", filesScanned: 0 })]),
      }),
    );
    expect(r).toMatchObject({
      status: "PASS",
      message: "Lambda function orders-api has no likely secret in the 14 text files of its code (1 layer; 1 layer of other accounts not read).",
    });
  });

  it("is unknown when a package was read only in part (a zip bomb, an oversize package), yet fails on what was read", () => {
    const partial = pkg({ status: "partial", code: "UnzippedSizeExceeded", reason: "the files to scan exceed 268435456 bytes unzipped" });
    const r = only(lambdaFunction({ codeSecrets: scanned([partial]) }));
    expect(r).toMatchObject({
      status: "UNKNOWN",
      message: "Could not fully check the code of function orders-api for secrets: its deployment package (the files to scan exceed 268435456 bytes unzipped).",
    });
    const tooLarge = pkg({ kind: "layer", arn: LAYER, status: "error", code: "PackageTooLarge", reason: "the package is larger than 1 bytes" });
    expect(only(lambdaFunction({ codeSecrets: scanned([pkg(), tooLarge]) })).message).toContain("layer shared-config:3 (the package is larger than 1 bytes)");
    expect(only(lambdaFunction({ codeSecrets: scanned([partial], [hit()]) })).status).toBe("FAIL");
  });

  it("is unknown for a container image function", () => {
    const image = pkg({ status: "skipped", code: "ContainerImage", reason: "container image functions have no zip package to download", filesScanned: 0 });
    expect(only(lambdaFunction({ packageType: "Image", codeSecrets: scanned([image]) })).status).toBe("UNKNOWN");
  });

  it("applies the threshold, ignored detectors and ignored paths", () => {
    const low = lambdaFunction({ codeSecrets: scanned([pkg()], [hit({ detector: "connection-string-password", confidence: "low", path: "scripts/dev.js" })]) });
    expect(only(low).status).toBe("PASS");
    expect(only(low, { minimumConfidence: "low" }).status).toBe("FAIL");
    const fixture = lambdaFunction({ codeSecrets: scanned([pkg()], [hit({ path: "tests/fixtures/creds.js" })]) });
    expect(only(fixture).status).toBe("FAIL");
    expect(only(fixture, { ignored: ["tests/*"] }).status).toBe("PASS");
    expect(only(fixture, { ignoredDetectors: ["aws-access-key-id"] }).status).toBe("PASS");
  });
});
