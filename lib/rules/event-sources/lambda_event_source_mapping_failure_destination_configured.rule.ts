// ES-06: a poll-based mapping must not let one bad record stall or silently vanish. For Kinesis and DynamoDB
// streams, and for MSK and self-managed Kafka, that means an on-failure destination: without one, a batch that
// keeps failing is retried until its records expire (blocking the shard meanwhile) and then dropped with no
// record of it. Splitting failed batches (BisectBatchOnFunctionError), partial batch responses
// (ReportBatchItemFailures) and bounded retries are shown as evidence; they shorten the stall but keep nothing.
// SQS and Amazon MQ keep failed messages on the source side (the queue's redrive policy, the broker's
// dead-letter settings), which Lantern does not inventory: those mappings are UNKNOWN, naming what is needed.
// DocumentDB change streams offer no failure destination at all and get no result.
import type { TLambdaEventSourceMappingRecord } from "@/scanners/lambda/record";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import { mappingBase, mappingLabel } from "./mapping-label";

const DESTINATION_SOURCES = new Set(["kinesis", "dynamodb", "kafka"]);
const STREAMS = new Set(["kinesis", "dynamodb"]);

/** What would be needed to judge a source that keeps failures on its own side. */
const SOURCE_SIDE: Record<string, string> = {
  sqs: "the queue's redrive policy (sqs:GetQueueAttributes RedrivePolicy), which Lantern does not inventory",
  mq: "the broker's dead-letter settings (mq:DescribeBroker and the broker configuration), which Lantern does not inventory",
};

const unbounded = (n: number | null) => n === null || n === -1;

function evaluateMapping(m: TLambdaEventSourceMappingRecord): RuleResult | null {
  if (m.state === "Deleting" || m.sourceService === "docdb") return null;
  const base = mappingBase(m);
  const retriesUnbounded = STREAMS.has(m.sourceService) && unbounded(m.maximumRetryAttempts) && unbounded(m.maximumRecordAgeInSeconds);
  const evidence = {
    sourceService: m.sourceService,
    eventSourceArn: m.eventSourceArn,
    onFailureDestination: m.onFailureDestination,
    bisectBatchOnFunctionError: m.bisectBatchOnFunctionError,
    functionResponseTypes: m.functionResponseTypes,
    maximumRetryAttempts: m.maximumRetryAttempts,
    maximumRecordAgeInSeconds: m.maximumRecordAgeInSeconds,
    retriesUnbounded,
  };

  if (SOURCE_SIDE[m.sourceService]) {
    const partial = m.functionResponseTypes.includes("ReportBatchItemFailures") ? " It reports partial batch failures." : "";
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not judge failure handling of event source mapping ${mappingLabel(m)}: it depends on ${SOURCE_SIDE[m.sourceService]}.${partial}`,
      evidence,
    };
  }
  if (!DESTINATION_SOURCES.has(m.sourceService)) {
    return { ...base, status: "UNKNOWN", message: `Could not judge failure handling of event source mapping ${mappingLabel(m)}: its source kind is not recognized.`, evidence };
  }
  if (!m.onFailureDestination) {
    const stall = STREAMS.has(m.sourceService)
      ? retriesUnbounded
        ? "a failing batch is retried until its records expire, blocking its shard, and is then dropped"
        : "a batch that exhausts its retries is dropped"
      : "records that keep failing are dropped";
    const bisect = STREAMS.has(m.sourceService) && !m.bisectBatchOnFunctionError ? " Failed batches are not split either." : "";
    return {
      ...base,
      status: "FAIL",
      message: `Event source mapping ${mappingLabel(m)} has no on-failure destination, so ${stall} without a record.${bisect}`,
      evidence,
    };
  }
  const notes = [
    ...(retriesUnbounded ? ["retries are unbounded, so a poison record still blocks its shard until it expires"] : []),
    ...(STREAMS.has(m.sourceService) && !m.bisectBatchOnFunctionError && !m.functionResponseTypes.includes("ReportBatchItemFailures")
      ? ["failed batches are neither split nor partially reported"]
      : []),
  ];
  return {
    ...base,
    status: "PASS",
    message: `Event source mapping ${mappingLabel(m)} sends records that fail to ${m.onFailureDestination}${notes.length ? `; note: ${notes.join("; ")}` : ""}.`,
    evidence,
  };
}

export const rule: RuleDefinition = {
  id: "lambda_event_source_mapping_failure_destination_configured",
  catalogueId: "ES-06",
  title: "Stream and Kafka event source mappings keep failed records in an on-failure destination",
  severity: "low",
  category: "event-sources",
  resourceType: "lambda_event_source_mapping",
  description:
    "Reports Kinesis, DynamoDB stream, MSK and self-managed Kafka mappings without an on-failure destination, " +
    "with batch splitting, partial batch responses and retry limits as evidence. SQS and Amazon MQ mappings are " +
    "UNKNOWN because their failure handling lives on the source (not inventoried); DocumentDB mappings are not judged.",
  risk:
    "A record the function cannot process (a poison message) is retried until it expires, holding up every record " +
    "behind it in its shard, and is then discarded. Without an on-failure destination nothing says which records " +
    "were lost, so the data cannot be replayed.",
  remediation: {
    text:
      "Add an on-failure destination (SQS queue, SNS topic or S3 bucket) to the mapping, bound retries " +
      "(--maximum-retry-attempts, --maximum-record-age-in-seconds) and enable --bisect-batch-on-function-error or " +
      "ReportBatchItemFailures so one bad record does not fail its whole batch.",
    cli:
      "aws lambda update-event-source-mapping --uuid <uuid> " +
      "--destination-config '{\"OnFailure\":{\"Destination\":\"arn:aws:sqs:<region>:<account-id>:<queue>\"}}' " +
      "--maximum-retry-attempts 5 --bisect-batch-on-function-error",
    cloudformation: [
      "StreamMapping:",
      "  Type: AWS::Lambda::EventSourceMapping",
      "  Properties:",
      "    FunctionName: !Ref Function",
      "    EventSourceArn: !GetAtt Stream.Arn",
      "    StartingPosition: LATEST",
      "    MaximumRetryAttempts: 5",
      "    BisectBatchOnFunctionError: true",
      "    DestinationConfig:",
      "      OnFailure:",
      "        Destination: !GetAtt FailedRecordsQueue.Arn",
    ].join("\n"),
    terraform: [
      'resource "aws_lambda_event_source_mapping" "stream" {',
      "  function_name                  = aws_lambda_function.this.arn",
      "  event_source_arn               = aws_kinesis_stream.this.arn",
      '  starting_position              = "LATEST"',
      "  maximum_retry_attempts         = 5",
      "  bisect_batch_on_function_error = true",
      "  destination_config {",
      "    on_failure {",
      "      destination_arn = aws_sqs_queue.failed_records.arn",
      "    }",
      "  }",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html",
    "https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html",
    "https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure.html",
    "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html",
  ],
  evaluate(inventory) {
    return inventory.lambdaEventSourceMappings.flatMap((m) => evaluateMapping(m) ?? []);
  },
};
