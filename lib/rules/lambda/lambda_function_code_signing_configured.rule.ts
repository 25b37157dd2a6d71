// LC-10: a .zip function should have a code signing configuration, so Lambda checks that deployed code was
// signed by an allowed signing profile. The inventory records which configuration is attached but not its
// policy: whether an unsigned upload is rejected (Enforce) or only logged (Warn) needs
// lambda:GetCodeSigningConfig, which the scanner does not call yet. The rule therefore states exactly what it
// checks (a configuration is attached) and shows the signing profile that signed the current code.
// Container images are signed differently (ECR / Notation) and get no result.
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";

function evaluateFunction(fn: TLambdaFunctionRecord): RuleResult | null {
  if (fn.packageType === "Image") return null;
  const base = { resourceArn: fn.arn, resourceName: fn.name, region: fn.region };
  const csc = fn.codeSigningConfigArn;
  const evidence = {
    codeSigningConfigArn: csc?.status === "ok" ? csc.value : null,
    signingProfileVersionArn: fn.signingProfileVersionArn ?? null,
    signingJobArn: fn.signingJobArn ?? null,
    enforcementPolicy: "not inventoried (needs lambda:GetCodeSigningConfig)",
  };
  if (!csc || csc.status === "error") {
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not read the code signing configuration of function ${fn.name}: ${csc?.status === "error" ? csc.code : "its inventory record has no code signing data"}.`,
      evidence: { ...evidence, error: csc?.status === "error" ? { code: csc.code, message: csc.message } : null },
    };
  }
  if (csc.status === "absent") {
    return { ...base, status: "FAIL", message: `Lambda function ${fn.name} has no code signing configuration, so Lambda accepts unsigned code for it.`, evidence };
  }
  const signed = fn.signingProfileVersionArn ? ", and its current code was signed" : "";
  return { ...base, status: "PASS", message: `Lambda function ${fn.name} has code signing configuration ${csc.value}${signed}.`, evidence };
}

export const rule: RuleDefinition = {
  id: "lambda_function_code_signing_configured",
  catalogueId: "LC-10",
  title: "Lambda function has a code signing configuration",
  severity: "medium",
  category: "lambda-configuration",
  resourceType: "lambda_function",
  description:
    "Reports .zip functions without a code signing configuration. Whether an attached configuration rejects " +
    "unsigned code (Enforce) or only warns is not in the inventory yet and is not judged. Container-image " +
    "functions are not judged.",
  risk:
    "Without code signing, anyone who can call UpdateFunctionCode (a leaked CI credential, an over-privileged " +
    "role) can deploy arbitrary code that runs with the function's permissions, and nothing records that the " +
    "code did not come from the trusted build pipeline.",
  remediation: {
    text:
      "Create an AWS Signer profile for your build pipeline, a code signing configuration that allows it with the " +
      "untrusted-artifact policy set to Enforce, attach it to the function and deploy signed code.",
    cli:
      "aws lambda create-code-signing-config --allowed-publishers SigningProfileVersionArns=<signing-profile-version-arn> " +
      "--code-signing-policies UntrustedArtifactOnDeployment=Enforce\n" +
      "aws lambda put-function-code-signing-config --function-name <function-name> --code-signing-config-arn <code-signing-config-arn>",
    cloudformation: [
      "CodeSigningConfig:",
      "  Type: AWS::Lambda::CodeSigningConfig",
      "  Properties:",
      "    AllowedPublishers:",
      "      SigningProfileVersionArns: [!GetAtt SigningProfile.ProfileVersionArn]",
      "    CodeSigningPolicies:",
      "      UntrustedArtifactOnDeployment: Enforce",
      "Function:",
      "  Type: AWS::Lambda::Function",
      "  Properties:",
      "    CodeSigningConfigArn: !Ref CodeSigningConfig",
    ].join("\n"),
    terraform: [
      'resource "aws_lambda_code_signing_config" "this" {',
      "  allowed_publishers {",
      "    signing_profile_version_arns = [aws_signer_signing_profile.this.version_arn]",
      "  }",
      "  policies {",
      '    untrusted_artifact_on_deployment = "Enforce"',
      "  }",
      "}",
      "",
      'resource "aws_lambda_function" "this" {',
      "  # ...",
      "  code_signing_config_arn = aws_lambda_code_signing_config.this.arn",
      "}",
    ].join("\n"),
  },
  references: ["https://docs.aws.amazon.com/lambda/latest/dg/configuration-codesigning.html"],
  evaluate(inventory) {
    return inventory.lambdaFunctions.flatMap((fn) => evaluateFunction(fn) ?? []);
  },
};
