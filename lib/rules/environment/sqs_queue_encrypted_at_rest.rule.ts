// ES-03 (SQS): a queue that carries a function's events (its trigger, dead-letter queue or destination) is
// encrypted at rest, with SQS-managed keys (SSE-SQS, the default for new queues since 2022) or a KMS key.
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import { describeLinks, linksOf } from "./links";

export const rule: RuleDefinition = {
  id: "sqs_queue_encrypted_at_rest",
  catalogueId: "ES-03",
  title: "SQS queue that carries Lambda events is encrypted at rest",
  severity: "medium",
  category: "event-sources",
  resourceType: "sqs_queue",
  description:
    "For each SQS queue linked to a Lambda function (the queue triggers it through an event source mapping, or is " +
    "its dead-letter queue or an asynchronous-invocation or mapping destination), checks that server-side " +
    "encryption is on: SQS-managed keys (SqsManagedSseEnabled) or a KMS key (KmsMasterKeyId).",
  risk:
    "Messages hold the events the function processes and the failed events it could not: order data, tokens, " +
    "personal data. Without encryption at rest they sit in clear on storage that outlives the function's run.",
  remediation: {
    text: "Turn on SSE-SQS, or SSE-KMS with a key whose policy lets the function's role decrypt.",
    cli: "aws sqs set-queue-attributes --queue-url <queue-url> --attributes SqsManagedSseEnabled=true",
    cloudformation: ["Queue:", "  Type: AWS::SQS::Queue", "  Properties:", "    SqsManagedSseEnabled: true"].join("\n"),
    terraform: ['resource "aws_sqs_queue" "this" {', '  name                    = "orders"', "  sqs_managed_sse_enabled = true", "}"].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/sqs-controls.html",
  ],
  evaluate(inventory, ctx) {
    const links = linksOf(inventory, ctx.shared);
    const results: RuleResult[] = [];
    for (const q of inventory.sqsQueues) {
      const linked = links.byResource.get(q.arn) ?? [];
      if (linked.length === 0) continue;
      const base = { resourceArn: q.arn, resourceName: q.name, region: q.region };
      const who = `SQS queue ${q.name}, linked to ${describeLinks(linked)},`;
      const evidence = { links: linked, encryption: q.encryption };
      if (q.encryption.status === "error") {
        results.push({ ...base, status: "UNKNOWN", message: `Could not read the encryption settings of SQS queue ${q.name}: ${q.encryption.code}.`, evidence });
      } else if (q.encryption.value.kmsMasterKeyId) {
        results.push({ ...base, status: "PASS", message: `${who} is encrypted at rest with KMS key ${q.encryption.value.kmsMasterKeyId}.`, evidence });
      } else if (q.encryption.value.sqsManagedSse) {
        results.push({ ...base, status: "PASS", message: `${who} is encrypted at rest with SQS-managed keys.`, evidence });
      } else {
        results.push({ ...base, status: "FAIL", message: `${who} is not encrypted at rest.`, evidence });
      }
    }
    return results;
  },
};
