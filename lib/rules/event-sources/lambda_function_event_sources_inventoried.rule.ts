// ES-01 (informational): which event sources feed each function through enabled event source mappings (SQS,
// Kinesis, DynamoDB streams, Kafka, MQ, DocumentDB). It judges nothing: every function with readable mappings
// passes, and the evidence is the per-function list that blast-radius views and ES-02..ES-07 build on. The
// function record's own mapping references decide; the region-wide mapping records add the source service
// when they were listed.
import type { TLambdaEventSourceMappingRecord, TLambdaFunctionRecord } from "@/scanners/lambda/record";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import { mappingEnabled } from "@/scanners/lambda/triggers";

/** The service of a source ARN: arn:aws:sqs:... -> sqs. */
function serviceOf(arn: string | null): string {
  const service = arn?.split(":")[2] ?? "";
  return service === "rds" ? "docdb" : service || "other";
}

function evaluateFunction(fn: TLambdaFunctionRecord, byUuid: Map<string, TLambdaEventSourceMappingRecord>): RuleResult {
  const base = { resourceArn: fn.arn, resourceName: fn.name, region: fn.region };
  const refs = fn.eventSourceMappings;
  if (!refs || refs.status === "error") {
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not list the event source mappings of function ${fn.name}: ${refs?.status === "error" ? refs.code : "its inventory record has no mapping data"}.`,
      evidence: { error: refs?.status === "error" ? { code: refs.code, message: refs.message } : null },
    };
  }
  const all = refs.status === "ok" ? refs.value : [];
  const mappings = all.map((m) => {
    const record = byUuid.get(m.uuid);
    return {
      uuid: m.uuid,
      eventSourceArn: m.eventSourceArn,
      sourceService: record?.sourceService ?? serviceOf(m.eventSourceArn),
      state: m.state,
      enabled: mappingEnabled(m.state),
      batchSize: m.batchSize,
      target: m.functionArn,
    };
  });
  const enabled = mappings.filter((m) => m.enabled);
  const evidence = { enabledMappings: enabled, otherMappings: mappings.filter((m) => !m.enabled) };
  if (enabled.length === 0) {
    const disabled = mappings.length > 0 ? ` (${mappings.length} mapping(s) are disabled)` : "";
    return { ...base, status: "PASS", message: `Lambda function ${fn.name} has no enabled event source mapping${disabled}.`, evidence };
  }
  const bySource = [...new Set(enabled.map((m) => m.sourceService))].join(", ");
  return {
    ...base,
    status: "PASS",
    message: `Lambda function ${fn.name} reads from ${enabled.length} enabled event source mapping(s): ${bySource}.`,
    evidence,
  };
}

export const rule: RuleDefinition = {
  id: "lambda_function_event_sources_inventoried",
  catalogueId: "ES-01",
  title: "Lambda function event source mappings are inventoried",
  severity: "informational",
  category: "event-sources",
  resourceType: "lambda_function",
  description:
    "Lists, for each function, its enabled event source mappings with their source ARN, service, state and batch " +
    "size. Informational: functions pass whenever their mappings could be listed; the evidence is the inventory.",
  risk:
    "Every mapping is a path by which data from a queue or stream reaches the function and its permissions. An " +
    "unknown mapping is an unreviewed input, and the other event-source checks can only judge what is listed.",
  remediation: {
    text: "Review the listed sources; delete mappings the function should no longer read from.",
    cli: "aws lambda list-event-source-mappings --function-name <function-name>\naws lambda delete-event-source-mapping --uuid <uuid>",
    cloudformation: [
      "OrdersQueueMapping:",
      "  Type: AWS::Lambda::EventSourceMapping",
      "  Properties:",
      "    FunctionName: !Ref Function",
      "    EventSourceArn: !GetAtt OrdersQueue.Arn",
      "    BatchSize: 10",
    ].join("\n"),
    terraform: [
      'resource "aws_lambda_event_source_mapping" "orders_queue" {',
      "  function_name    = aws_lambda_function.this.arn",
      "  event_source_arn = aws_sqs_queue.orders.arn",
      "  batch_size       = 10",
      "}",
    ].join("\n"),
  },
  references: ["https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html"],
  evaluate(inventory) {
    const byUuid = new Map(inventory.lambdaEventSourceMappings.map((m) => [m.uuid, m]));
    return inventory.lambdaFunctions.map((fn) => evaluateFunction(fn, byUuid));
  },
};
