// LC-03: no secret in a function's deployment package or in the layers of its own account. Opt-in: the code is
// only downloaded when LANTERN_SCAN_FUNCTION_CODE is on and the optional iam/lantern-code-scan-policy.json is
// attached (scanners/lambda/code-scan.ts); otherwise every function is UNKNOWN, never PASS. A package read
// only in part (a cap, a zip bomb, a failed download) can still FAIL on what was read, but cannot PASS.
import {
  DESCRIBE_IGNORED_DETECTORS,
  DESCRIBE_MINIMUM_CONFIDENCE,
  SECRET_RULE_DEFAULTS,
  ZSecretRuleSettings,
  counts,
  type TSecretRuleSettings,
} from "@/lib/analysis/secrets/settings";
import type { TCodePackageScan, TLambdaFunctionRecord } from "@/scanners/lambda/record";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";

const MAX_EVIDENCE_HITS = 25;

/** Packages not read on purpose that do not leave the verdict open: other accounts' layers. */
const acceptedSkip = (p: TCodePackageScan) => p.status === "skipped" && p.code === "ForeignLayer";

function packageLabel(p: TCodePackageScan): string {
  return p.kind === "function" ? "its deployment package" : `layer ${p.arn.split(":").slice(-2).join(":")}`;
}

function evaluateFunction(fn: TLambdaFunctionRecord, settings: TSecretRuleSettings): RuleResult {
  const base = { resourceArn: fn.arn, resourceName: fn.name, region: fn.region };
  const scan = fn.codeSecrets ?? { status: "absent" };
  if (scan.status === "absent") {
    return {
      ...base,
      status: "UNKNOWN",
      message: `The code of function ${fn.name} was not checked for secrets: code scanning is off (LANTERN_SCAN_FUNCTION_CODE).`,
      evidence: { codeScanning: "off" },
    };
  }
  if (scan.status === "error") {
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not read the code of function ${fn.name} to check it for secrets: ${scan.code}.`,
      evidence: { codeScanning: "on", error: { code: scan.code, message: scan.message } },
    };
  }

  const { packages, hits, hitsTruncated } = scan.value;
  const counted = hits.filter((h) => counts(h, h.path, settings));
  const unread = packages.filter((p) => p.status !== "scanned" && !acceptedSkip(p));
  const packageEvidence = packages.map((p) => ({ kind: p.kind, arn: p.arn, status: p.status, code: p.code, reason: p.reason, filesScanned: p.filesScanned }));

  if (counted.length > 0) {
    const files = [...new Set(counted.map((h) => `${h.path}:${h.line}`))];
    const detectors = [...new Set(counted.map((h) => h.detector))];
    const inLayers = counted.filter((h) => h.layerArn).length;
    const whereText = inLayers === 0 ? "" : inLayers === counted.length ? " (in its layers)" : ` (${inLayers} in its layers)`;
    const shown = files.slice(0, 3).join(", ") + (files.length > 3 ? `, and ${files.length - 3} more` : "");
    return {
      ...base,
      status: "FAIL",
      message: `Lambda function ${fn.name} has ${counted.length === 1 ? "a likely secret" : `${counted.length} likely secrets`} in its code${whereText}: ${detectors.join(", ")} at ${shown}.`,
      evidence: {
        hits: counted.slice(0, MAX_EVIDENCE_HITS),
        hitsTruncated: hitsTruncated || counted.length > MAX_EVIDENCE_HITS,
        packages: packageEvidence,
        minimumConfidence: settings.minimumConfidence,
      },
    };
  }
  if (unread.length > 0) {
    const what = unread.map((p) => `${packageLabel(p)} (${p.reason ?? p.code ?? p.status})`).join("; ");
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not fully check the code of function ${fn.name} for secrets: ${what}.`,
      evidence: { packages: packageEvidence },
    };
  }
  const files = packages.reduce((n, p) => n + p.filesScanned, 0);
  const layers = packages.filter((p) => p.kind === "layer" && p.status === "scanned").length;
  const foreign = packages.filter(acceptedSkip).length;
  const extra = [layers > 0 ? `${layers} layer${layers > 1 ? "s" : ""}` : null, foreign > 0 ? `${foreign} layer${foreign > 1 ? "s" : ""} of other accounts not read` : null]
    .filter(Boolean)
    .join("; ");
  return {
    ...base,
    status: "PASS",
    message: `Lambda function ${fn.name} has no likely secret in the ${files} text file${files === 1 ? "" : "s"} of its code${extra ? ` (${extra})` : ""}.`,
    evidence: { packages: packageEvidence, minimumConfidence: settings.minimumConfidence },
  };
}

export const rule: RuleDefinition<TSecretRuleSettings> = {
  id: "lambda_function_no_secrets_in_code",
  catalogueId: "LC-03",
  title: "Lambda function code and layers hold no secrets",
  severity: "critical",
  category: "lambda-configuration",
  resourceType: "lambda_function",
  description:
    "Opt-in (LANTERN_SCAN_FUNCTION_CODE with the optional code-scan policy): downloads each function's deployment " +
    "package and the layers of the same account it uses, and reports hard-coded secrets in their text files (AWS " +
    "keys, private keys, signed JWTs, service tokens, connection strings with passwords, literal passwords and " +
    "random values under secret-like names, and KEY=value lines of .env-like files). Lantern keeps the file, line, " +
    "detector and a fingerprint, never the secret or the code. Without code scanning every function is UNKNOWN.",
  risk:
    "A secret in code is readable by everyone who can download the package (lambda:GetFunction), build it, or read " +
    "the repository and the CI artifacts it came from, and it survives in every published version and layer version " +
    "until they are deleted. It also cannot be rotated without a redeploy.",
  remediation: {
    text:
      "Rotate the exposed secret first. Move the new value to AWS Secrets Manager or an SSM SecureString parameter, " +
      "read it at run time (the AWS Parameters and Secrets Lambda Extension caches it), remove it from the code and " +
      "from .env files bundled into the package, redeploy, and delete the published function and layer versions that " +
      "still contain it. Add a secret scanner to the build so it does not come back.",
    cli: [
      "aws secretsmanager create-secret --name prod/orders/api-key --secret-string file://new-key.txt",
      "aws lambda update-function-code --function-name <function-name> --zip-file fileb://package-without-secret.zip",
      "aws lambda delete-function --function-name <function-name> --qualifier <old-version>",
      "aws lambda delete-layer-version --layer-name <layer-name> --version-number <old-version>",
    ].join("\n"),
    cloudformation: [
      "ApiKey:",
      "  Type: AWS::SecretsManager::Secret",
      "  Properties:",
      "    Name: prod/orders/api-key",
      "Function:",
      "  Type: AWS::Lambda::Function",
      "  Properties:",
      "    # ... Code (without the secret), Handler, Runtime, Role ...",
      "    Environment:",
      "      Variables:",
      "        API_KEY_SECRET_ARN: !Ref ApiKey",
    ].join("\n"),
    terraform: [
      'resource "aws_secretsmanager_secret" "api_key" {',
      '  name = "prod/orders/api-key"',
      "}",
      "",
      'resource "aws_lambda_function" "this" {',
      "  # ... function_name, role, handler, runtime, filename (without the secret) ...",
      "  environment {",
      "    variables = {",
      "      API_KEY_SECRET_ARN = aws_secretsmanager_secret.api_key.arn",
      "    }",
      "  }",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/lambda/latest/api/API_GetFunction.html",
    "https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html",
    "https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html",
  ],
  settings: {
    schema: ZSecretRuleSettings,
    defaults: SECRET_RULE_DEFAULTS,
    describe: {
      minimumConfidence: DESCRIBE_MINIMUM_CONFIDENCE,
      ignoredDetectors: DESCRIBE_IGNORED_DETECTORS,
      ignored: "File paths inside the package whose findings are accepted, as glob patterns (* matches across /, case-insensitive), e.g. tests/*.",
    },
  },
  evaluate(inventory, ctx) {
    return inventory.lambdaFunctions.map((fn) => evaluateFunction(fn, ctx.settings));
  },
};
