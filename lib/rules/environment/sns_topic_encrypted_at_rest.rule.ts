// ES-03 (SNS): a topic that carries a function's events (it triggers the function, or is its dead-letter
// target or a destination) is encrypted at rest. SNS, unlike SQS, does not encrypt by default: only a KMS key
// (KmsMasterKeyId, the AWS managed alias/aws/sns or a customer managed key) does.
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import { describeLinks, linksOf } from "./links";

export const rule: RuleDefinition = {
  id: "sns_topic_encrypted_at_rest",
  catalogueId: "ES-03",
  title: "SNS topic that carries Lambda events is encrypted at rest",
  severity: "medium",
  category: "event-sources",
  resourceType: "sns_topic",
  description:
    "For each SNS topic linked to a Lambda function (the topic triggers it, or is its dead-letter target or an " +
    "asynchronous-invocation destination), checks that server-side encryption with a KMS key is configured " +
    "(KmsMasterKeyId). SNS topics are not encrypted at rest unless a key is set.",
  risk:
    "Published messages are stored until delivered, and retried for subscribers that fail; without a key they are " +
    "stored unencrypted, together with whatever sensitive data the events carry.",
  remediation: {
    text: "Set a KMS key on the topic: alias/aws/sns, or a customer managed key that the publishers and SNS may use.",
    cli: "aws sns set-topic-attributes --topic-arn <topic-arn> --attribute-name KmsMasterKeyId --attribute-value alias/aws/sns",
    cloudformation: ["Topic:", "  Type: AWS::SNS::Topic", "  Properties:", "    KmsMasterKeyId: alias/aws/sns"].join("\n"),
    terraform: ['resource "aws_sns_topic" "this" {', '  name              = "invoice-render-requests"', '  kms_master_key_id = "alias/aws/sns"', "}"].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/sns-controls.html",
  ],
  evaluate(inventory, ctx) {
    const links = linksOf(inventory, ctx.shared);
    const results: RuleResult[] = [];
    for (const t of inventory.snsTopics) {
      const linked = links.byResource.get(t.arn) ?? [];
      if (linked.length === 0) continue;
      const base = { resourceArn: t.arn, resourceName: t.name, region: t.region };
      const who = `SNS topic ${t.name}, linked to ${describeLinks(linked)},`;
      const evidence = { links: linked, encryption: t.encryption };
      if (t.encryption.status === "error") {
        results.push({ ...base, status: "UNKNOWN", message: `Could not read the encryption settings of SNS topic ${t.name}: ${t.encryption.code}.`, evidence });
      } else if (t.encryption.value.kmsMasterKeyId) {
        results.push({ ...base, status: "PASS", message: `${who} is encrypted at rest with KMS key ${t.encryption.value.kmsMasterKeyId}.`, evidence });
      } else {
        results.push({ ...base, status: "FAIL", message: `${who} is not encrypted at rest.`, evidence });
      }
    }
    return results;
  },
};
