// LC-02: no secret in a function's environment variables, in $LATEST or in any published version (a version
// keeps the environment it was published with, so a key removed from $LATEST can still be live in version 3).
// The detectors ran in the scanner on the clear values; the record holds, per variable, the detector ids,
// confidences and fingerprints (lib/analysis/secrets). Look-alikes the detectors leave alone: ARNs, parameter
// paths, secret names, URLs without credentials, UUIDs, switches, numbers, client-side KMS ciphertext.
import {
  DESCRIBE_IGNORED_DETECTORS,
  DESCRIBE_MINIMUM_CONFIDENCE,
  SECRET_RULE_DEFAULTS,
  ZSecretRuleSettings,
  counts,
  type TSecretRuleSettings,
} from "@/lib/analysis/secrets/settings";
import type { TLambdaFunctionRecord, TRedactedEnvVar } from "@/scanners/lambda/record";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";

type Found = { variable: string; qualifier: string | null; detectors: { detector: string; confidence: string; fingerprint: string }[] };

/** Every environment: $LATEST (qualifier null) and each published version that could be listed. */
function environments(fn: TLambdaFunctionRecord): { qualifier: string | null; vars: TRedactedEnvVar[] }[] {
  const versions = fn.versions.status === "ok" ? fn.versions.value : [];
  return [{ qualifier: null, vars: fn.environment }, ...versions.map((v) => ({ qualifier: v.version, vars: v.environment }))];
}

function where(f: Found): string {
  return f.qualifier ? `${f.variable} (version ${f.qualifier})` : f.variable;
}

function evaluateFunction(fn: TLambdaFunctionRecord, settings: TSecretRuleSettings): RuleResult {
  const base = { resourceArn: fn.arn, resourceName: fn.name, region: fn.region };
  const envs = environments(fn);
  const found: Found[] = [];
  const notAnalysed: string[] = [];
  for (const { qualifier, vars } of envs) {
    for (const v of vars) {
      if (!v.secrets) {
        notAnalysed.push(qualifier ? `${v.name} (version ${qualifier})` : v.name);
        continue;
      }
      const detectors = v.secrets.filter((s) => counts(s, v.name, settings));
      if (detectors.length > 0) found.push({ variable: v.name, qualifier, detectors });
    }
  }
  const variableCount = envs.reduce((n, e) => n + e.vars.length, 0);

  if (found.length > 0) {
    const list = found.map((f) => `${where(f)} (${[...new Set(f.detectors.map((d) => d.detector))].join(", ")})`).join(", ");
    const many = found.length > 1;
    return {
      ...base,
      status: "FAIL",
      message: `Lambda function ${fn.name} has ${many ? `${found.length} environment variables that hold` : "an environment variable that holds"} a likely secret in plain text: ${list}.`,
      evidence: { variables: found, minimumConfidence: settings.minimumConfidence },
    };
  }
  if (fn.environmentError && fn.environment.length === 0) {
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not check the environment variables of function ${fn.name}: Lambda could not decrypt them (${fn.environmentError.errorCode ?? "error"}).`,
      evidence: { environmentError: fn.environmentError },
    };
  }
  if (notAnalysed.length > 0) {
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not check the environment variables of function ${fn.name}: they were stored before secret detection existed; the next scan checks them.`,
      evidence: { notAnalysed },
    };
  }
  if (fn.versions.status === "error") {
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not check every environment of function ${fn.name}: its $LATEST variables hold no likely secret, but its published versions could not be listed (${fn.versions.code}).`,
      evidence: { versions: { status: "error", code: fn.versions.code, message: fn.versions.message }, variablesChecked: variableCount },
    };
  }
  const versionCount = envs.length - 1;
  const scope = versionCount > 0 ? ` (including ${versionCount} published version${versionCount > 1 ? "s" : ""})` : "";
  return {
    ...base,
    status: "PASS",
    message:
      variableCount === 0
        ? `Lambda function ${fn.name} has no environment variables${scope}.`
        : `Lambda function ${fn.name} has no likely secret in its ${variableCount} environment variable${variableCount > 1 ? "s" : ""}${scope}.`,
    evidence: { variablesChecked: variableCount, versionsChecked: versionCount, minimumConfidence: settings.minimumConfidence },
  };
}

export const rule: RuleDefinition<TSecretRuleSettings> = {
  id: "lambda_function_no_secrets_in_environment",
  catalogueId: "LC-02",
  title: "Lambda function environment variables hold no secrets",
  severity: "critical",
  category: "lambda-configuration",
  resourceType: "lambda_function",
  description:
    "Reports functions whose environment variables, in $LATEST or in a published version, hold a likely secret: " +
    "an AWS access key, a private key, a signed JWT, a Slack, GitHub, GitLab, Stripe, SendGrid, npm, OpenAI or " +
    "Anthropic token, a connection string with a password, a literal password, or a random-looking value under a " +
    "secret-like name. Detection runs in the scanner on the clear values, which Lantern never stores; references " +
    "to a secret (ARNs, parameter paths, secret names, {{resolve:…}}), URLs without credentials, UUIDs, switches " +
    "and client-side KMS ciphertext are not flagged.",
  risk:
    "Environment variables are returned in clear text by GetFunctionConfiguration and ListFunctions to anyone with " +
    "read access to Lambda (including read-only and audit roles), shown in the console, and copied into every " +
    "published version. A key there is readable far beyond the function that needs it, and removing it from " +
    "$LATEST leaves it in older versions.",
  remediation: {
    text:
      "Rotate the exposed secret first: it has been readable by anyone with Lambda read access. Store the new value " +
      "in AWS Secrets Manager (or an SSM SecureString parameter), give the execution role secretsmanager:GetSecretValue " +
      "on that secret only, pass the secret's ARN or name in the environment instead of the value, and read it at " +
      "run time (the AWS Parameters and Secrets Lambda Extension caches it). Then delete the published versions that " +
      "still carry the old value.",
    cli: [
      "aws secretsmanager create-secret --name prod/orders/stripe-api-key --secret-string file://new-key.txt",
      "# update-function-configuration replaces every variable: list them all",
      "aws lambda update-function-configuration --function-name <function-name> \\",
      "  --environment 'Variables={STRIPE_API_KEY_SECRET_ARN=<secret-arn>,TABLE_NAME=orders}'",
      "aws lambda delete-function --function-name <function-name> --qualifier <old-version>",
    ].join("\n"),
    cloudformation: [
      "StripeApiKey:",
      "  Type: AWS::SecretsManager::Secret",
      "  Properties:",
      "    Name: prod/orders/stripe-api-key",
      "Function:",
      "  Type: AWS::Lambda::Function",
      "  Properties:",
      "    # ... Code, Handler, Runtime, Role ...",
      "    Environment:",
      "      Variables:",
      "        STRIPE_API_KEY_SECRET_ARN: !Ref StripeApiKey",
    ].join("\n"),
    terraform: [
      'resource "aws_secretsmanager_secret" "stripe_api_key" {',
      '  name = "prod/orders/stripe-api-key"',
      "}",
      "",
      'resource "aws_lambda_function" "this" {',
      "  # ... function_name, role, handler, runtime, filename ...",
      "  environment {",
      "    variables = {",
      "      STRIPE_API_KEY_SECRET_ARN = aws_secretsmanager_secret.stripe_api_key.arn",
      "    }",
      "  }",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html",
    "https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html",
    "https://docs.aws.amazon.com/lambda/latest/dg/configuration-versions.html",
  ],
  settings: {
    schema: ZSecretRuleSettings,
    defaults: SECRET_RULE_DEFAULTS,
    describe: {
      minimumConfidence: DESCRIBE_MINIMUM_CONFIDENCE,
      ignoredDetectors: DESCRIBE_IGNORED_DETECTORS,
      ignored: "Variable names whose values are known not to be secrets, as glob patterns (* and ?, case-insensitive), e.g. PUBLIC_*.",
    },
  },
  evaluate(inventory, ctx) {
    return inventory.lambdaFunctions.map((fn) => evaluateFunction(fn, ctx.settings));
  },
};
