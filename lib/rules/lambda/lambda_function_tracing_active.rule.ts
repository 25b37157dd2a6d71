// LC-06: X-Ray active tracing (TracingConfig Mode Active), Security Hub Lambda.7. PassThrough only continues
// a trace an upstream service started, so requests that arrive untraced (function URLs, S3, SQS) stay dark.
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";

function evaluateFunction(fn: TLambdaFunctionRecord): RuleResult {
  const base = { resourceArn: fn.arn, resourceName: fn.name, region: fn.region };
  const mode = fn.tracingMode ?? null;
  const evidence = { tracingMode: mode };
  if (mode === "Active") {
    return { ...base, status: "PASS", message: `Lambda function ${fn.name} has X-Ray active tracing enabled.`, evidence };
  }
  if (mode === "PassThrough") {
    return {
      ...base,
      status: "FAIL",
      message: `Lambda function ${fn.name} uses tracing mode PassThrough, so it traces only requests that arrive with a sampled trace header.`,
      evidence,
    };
  }
  return {
    ...base,
    status: "UNKNOWN",
    message: mode === null ? `Could not determine the tracing mode of function ${fn.name}: none is recorded.` : `Could not judge function ${fn.name}: it has an unrecognized tracing mode "${mode}".`,
    evidence,
  };
}

export const rule: RuleDefinition = {
  id: "lambda_function_tracing_active",
  catalogueId: "LC-06",
  title: "Lambda function has X-Ray active tracing enabled",
  severity: "low",
  category: "lambda-configuration",
  resourceType: "lambda_function",
  description: "Reads each function's TracingConfig and reports functions whose mode is not Active.",
  risk:
    "Without active tracing, invocations that do not arrive with a sampled trace header are not traced, so the " +
    "path of a request through the function and the services it calls cannot be reconstructed during an " +
    "incident or a performance investigation.",
  remediation: {
    text:
      "Set the tracing mode to Active and allow the execution role to write traces (the AWSXRayDaemonWriteAccess " +
      "managed policy, or xray:PutTraceSegments and xray:PutTelemetryRecords).",
    cli: "aws lambda update-function-configuration --function-name <function-name> --tracing-config Mode=Active",
    cloudformation: ["Function:", "  Type: AWS::Lambda::Function", "  Properties:", "    TracingConfig:", "      Mode: Active"].join("\n"),
    terraform: ['resource "aws_lambda_function" "this" {', "  # ...", "  tracing_config {", '    mode = "Active"', "  }", "}"].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-7",
  ],
  frameworks: { "aws-fsbp": ["Lambda.7"] },
  evaluate(inventory) {
    return inventory.lambdaFunctions.map(evaluateFunction);
  },
};
