// LC-05: a function that is invoked asynchronously must keep the events it fails to process: a dead-letter
// queue (DeadLetterConfig) or an on-failure destination (event invoke config of the qualifier invoked).
// Asynchronous sources are those that invoke with InvocationType Event (S3, SNS, EventBridge, CloudWatch Logs,
// SES, IoT, CodeCommit, Config, CloudFormation). A function whose every known trigger is synchronous (API
// Gateway, function URL, load balancer, Cognito, Lex, Alexa) or poll-based (event source mappings, whose
// failures ES-06 judges) has nothing a DLQ would receive, and passes. A function with no trigger at all, or
// one from an unnamed AWS principal, may be invoked asynchronously by anything with permission, so it is
// judged like an asynchronous one (as prowler, CloudSploit and Steampipe judge every function).
import type { TLambdaFunctionRecord, TTrigger } from "@/scanners/lambda/record";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";

const ASYNC_SOURCES = new Set(["s3", "sns", "events", "cloudwatch-logs", "ses", "iot", "codecommit", "config", "cloudformation"]);
const SYNC_SOURCES = new Set(["apigateway", "function-url", "elasticloadbalancing", "cognito-idp", "lex", "alexa-appkit", "alexa-connectedhome"]);

type Kind = "async" | "sync" | "unknown";

function kindOf(t: TTrigger): Kind {
  if (t.via === "event_source_mapping" || t.via === "function_url") return "sync";
  if (ASYNC_SOURCES.has(t.sourceType)) return "async";
  if (SYNC_SOURCES.has(t.sourceType)) return "sync";
  return "unknown";
}

const qualifierName = (q: string | null) => (q === null ? "$LATEST" : q);

function evaluateFunction(fn: TLambdaFunctionRecord): RuleResult {
  const base = { resourceArn: fn.arn, resourceName: fn.name, region: fn.region };
  const triggers = (fn.triggers ?? []).filter((t) => t.enabled);
  const byKind = (k: Kind) => triggers.filter((t) => kindOf(t) === k);
  const asyncTriggers = byKind("async");
  const unknownTriggers = byKind("unknown");
  const gaps = fn.triggerGaps ?? [];

  // The qualifiers something may invoke asynchronously.
  const relevant = new Set<string | null>([...asyncTriggers, ...unknownTriggers].map((t) => t.qualifier));
  if (triggers.length === 0) relevant.add(null);

  const configs = fn.eventInvokeConfigs;
  const destinations = configs?.status === "ok" ? configs.value.filter((c) => c.onFailureDestination) : [];
  // DeadLetterConfig is function configuration; published versions keep theirs, which the inventory does not
  // record, so the function's own setting stands for every qualifier.
  const dlq = fn.deadLetterTargetArn ?? null;
  const covered = (q: string | null) => dlq !== null || destinations.some((c) => c.qualifier === q);
  const uncovered = [...relevant].filter((q) => !covered(q));

  const evidence = {
    deadLetterTargetArn: dlq,
    onFailureDestinations: destinations.map((c) => ({ qualifier: c.qualifier, destination: c.onFailureDestination })),
    asyncSources: asyncTriggers.map((t) => ({ sourceType: t.sourceType, sourceArn: t.sourceArn, qualifier: t.qualifier })),
    undeterminedSources: unknownTriggers.map((t) => ({ sourceType: t.sourceType, principal: t.principal, qualifier: t.qualifier })),
    uncoveredQualifiers: uncovered.map(qualifierName),
    eventInvokeConfigsError: configs?.status === "error" ? { code: configs.code, message: configs.message } : null,
    triggerGaps: gaps,
  };

  if (!fn.triggers || !configs) {
    return { ...base, status: "UNKNOWN", message: `Could not determine how function ${fn.name} is invoked: its inventory record lacks trigger data.`, evidence };
  }
  if (relevant.size === 0) {
    if (gaps.length > 0) {
      return {
        ...base,
        status: "UNKNOWN",
        message: `Could not determine whether function ${fn.name} is invoked asynchronously: some of its triggers could not be read (${gaps.map((g) => g.api).join(", ")}).`,
        evidence,
      };
    }
    return {
      ...base,
      status: "PASS",
      message: `Lambda function ${fn.name} is invoked only synchronously or by event source mappings, so failed events return to the caller.`,
      evidence,
    };
  }
  if (dlq === null && configs.status === "error") {
    return { ...base, status: "UNKNOWN", message: `Could not read the asynchronous invocation settings of function ${fn.name}: ${configs.code}.`, evidence };
  }
  if (uncovered.length > 0) {
    const sources = [...new Set(asyncTriggers.map((t) => t.sourceType))];
    const why =
      sources.length > 0 ? `it is invoked asynchronously by ${sources.join(", ")}` : triggers.length === 0 ? "it has no trigger that shows how it is invoked" : "AWS principals may invoke it asynchronously";
    const where = uncovered.length === 1 && uncovered[0] === null ? "" : ` for ${uncovered.map(qualifierName).join(", ")}`;
    return {
      ...base,
      status: "FAIL",
      message: `Lambda function ${fn.name} has no dead-letter queue and no on-failure destination${where}, and ${why}.`,
      evidence,
    };
  }
  return {
    ...base,
    status: "PASS",
    message: dlq
      ? `Lambda function ${fn.name} sends failed asynchronous events to dead-letter queue ${dlq}.`
      : `Lambda function ${fn.name} sends failed asynchronous events to an on-failure destination.`,
    evidence,
  };
}

export const rule: RuleDefinition = {
  id: "lambda_function_async_failure_destination_configured",
  catalogueId: "LC-05",
  title: "Lambda function keeps failed asynchronous events in a dead-letter queue or on-failure destination",
  severity: "medium",
  category: "lambda-configuration",
  resourceType: "lambda_function",
  description:
    "For functions that asynchronous sources (S3, SNS, EventBridge, CloudWatch Logs, ...) may invoke, or whose " +
    "invokers are unknown, reports those with neither a dead-letter queue nor an on-failure destination for the " +
    "qualifier that is invoked. Functions invoked only synchronously or through event source mappings pass.",
  risk:
    "After its retries (two by default) Lambda drops an asynchronous event that keeps failing. Without a " +
    "dead-letter queue or on-failure destination the event is lost without trace: an unprocessed payment " +
    "notification, an upload never scanned, an audit event missing.",
  remediation: {
    text:
      "Add an on-failure destination (an SQS queue, SNS topic, EventBridge bus, S3 bucket or function) to the " +
      "function's asynchronous invocation configuration, for each alias that sources invoke, and allow the " +
      "execution role to send to it. A dead-letter queue on the function works too but records less context.",
    cli:
      "aws lambda put-function-event-invoke-config --function-name <function-name> " +
      "--destination-config '{\"OnFailure\":{\"Destination\":\"arn:aws:sqs:<region>:<account-id>:<queue>\"}}'",
    cloudformation: [
      "AsyncConfig:",
      "  Type: AWS::Lambda::EventInvokeConfig",
      "  Properties:",
      "    FunctionName: !Ref Function",
      "    Qualifier: $LATEST",
      "    DestinationConfig:",
      "      OnFailure:",
      "        Destination: !GetAtt FailedEventsQueue.Arn",
    ].join("\n"),
    terraform: [
      'resource "aws_lambda_function_event_invoke_config" "this" {',
      "  function_name = aws_lambda_function.this.function_name",
      "  destination_config {",
      "    on_failure {",
      "      destination = aws_sqs_queue.failed_events.arn",
      "    }",
      "  }",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html",
    "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html",
  ],
  evaluate(inventory) {
    return inventory.lambdaFunctions.map(evaluateFunction);
  },
};
