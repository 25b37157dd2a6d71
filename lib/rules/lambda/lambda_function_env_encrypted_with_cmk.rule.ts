// LC-04: a function that has environment variables should encrypt them with a customer managed KMS key
// (KMSKeyArn), not the account's AWS managed aws/lambda key, whose use nobody can restrict or audit by key
// policy. Functions without environment variables have nothing to encrypt and pass. Published versions keep
// the environment and key they were published with, so a version holding variables under the AWS managed
// key is reported too.
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";

function evaluateFunction(fn: TLambdaFunctionRecord): RuleResult {
  const base = { resourceArn: fn.arn, resourceName: fn.name, region: fn.region };
  const names = (fn.environment ?? []).map((v) => v.name);
  const versionsWithoutCmk =
    fn.versions?.status === "ok" ? fn.versions.value.filter((v) => v.environment.length > 0 && !v.kmsKeyArn).map((v) => v.version) : [];
  const evidence = {
    kmsKeyArn: fn.kmsKeyArn ?? null,
    variableNames: names,
    environmentError: fn.environmentError ?? null,
    versionsWithoutCmk,
    versionsError: fn.versions?.status === "error" ? { code: fn.versions.code, message: fn.versions.message } : null,
  };

  if (!fn.environment) {
    return { ...base, status: "UNKNOWN", message: `Could not determine the environment of function ${fn.name}: its inventory record has no environment data.`, evidence };
  }
  // Lambda could not decrypt the variables (KMS denied): they exist, the list is just empty.
  const hasVariables = names.length > 0 || fn.environmentError !== null;
  if (hasVariables && !fn.kmsKeyArn) {
    if (names.length === 0) {
      return {
        ...base,
        status: "UNKNOWN",
        message: `Could not read the environment variables of function ${fn.name}: ${fn.environmentError?.errorCode ?? "Lambda reported an error"}.`,
        evidence,
      };
    }
    return {
      ...base,
      status: "FAIL",
      message: `Lambda function ${fn.name} encrypts its ${names.length} environment variable(s) with the AWS managed key, not a customer managed KMS key.`,
      evidence,
    };
  }
  if (versionsWithoutCmk.length > 0) {
    return {
      ...base,
      status: "FAIL",
      message: `Lambda function ${fn.name} has published version(s) ${versionsWithoutCmk.join(", ")} whose environment variables use the AWS managed key, not a customer managed KMS key.`,
      evidence,
    };
  }
  if (fn.versions?.status === "error") {
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not check the published versions of function ${fn.name}: ${fn.versions.code}.`,
      evidence,
    };
  }
  if (!hasVariables) {
    return { ...base, status: "PASS", message: `Lambda function ${fn.name} has no environment variables to encrypt.`, evidence };
  }
  return { ...base, status: "PASS", message: `Lambda function ${fn.name} encrypts its environment variables with customer managed KMS key ${fn.kmsKeyArn}.`, evidence };
}

export const rule: RuleDefinition = {
  id: "lambda_function_env_encrypted_with_cmk",
  catalogueId: "LC-04",
  title: "Lambda function environment variables are encrypted with a customer managed KMS key",
  severity: "medium",
  category: "lambda-configuration",
  resourceType: "lambda_function",
  description:
    "For each function that has environment variables (on $LATEST or a published version), reports those " +
    "encrypted at rest with the AWS managed aws/lambda key instead of a customer managed KMS key (KMSKeyArn). " +
    "Functions without environment variables pass.",
  risk:
    "Anyone allowed to read the function's configuration in the account can read its environment variables in " +
    "clear text, since the AWS managed key's policy cannot be narrowed. A customer managed key lets you limit " +
    "kms:Decrypt to the execution role and the people who need it, and audit every use in CloudTrail.",
  remediation: {
    text:
      "Create a customer managed KMS key whose policy allows the execution role (and the deployers) to use it, " +
      "set it as the function's KMS key, and publish a new version. Move secrets to Secrets Manager or Parameter Store.",
    cli: "aws lambda update-function-configuration --function-name <function-name> --kms-key-arn arn:aws:kms:<region>:<account-id>:key/<key-id>",
    cloudformation: ["Function:", "  Type: AWS::Lambda::Function", "  Properties:", "    KmsKeyArn: !GetAtt FunctionKey.Arn"].join("\n"),
    terraform: ['resource "aws_lambda_function" "this" {', "  # ...", "  kms_key_arn = aws_kms_key.lambda.arn", "}"].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html",
    "https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#customer-cmk",
  ],
  evaluate(inventory) {
    return inventory.lambdaFunctions.map(evaluateFunction);
  },
};
