// ES-02 (SQS): a queue that triggers functions must not accept messages from anyone. Whoever can send to it
// feeds crafted events to the functions it triggers. Condition-aware (trigger-exposure.ts): Principal "*"
// limited by aws:SourceArn (an SNS subscription), aws:SourceAccount or aws:PrincipalOrgID is not public.
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import { describeLinks } from "./links";
import { assessPolicyWrite, publicStatementLabels, triggersOf, unlistedTriggerSources, writeEvidence } from "./trigger-exposure";

const WRITE_ACTIONS = ["sqs:SendMessage"] as const;

export const rule: RuleDefinition = {
  id: "sqs_queue_trigger_not_publicly_writable",
  catalogueId: "ES-02",
  title: "SQS queue that triggers a Lambda function does not accept messages from anyone",
  severity: "high",
  category: "event-sources",
  resourceType: "sqs_queue",
  description:
    "For each SQS queue that an event source mapping reads into a Lambda function, reads the queue policy and " +
    "reports statements that let Principal \"*\" (or {\"AWS\": \"*\"}, or NotPrincipal with Allow) call " +
    "sqs:SendMessage, unless a condition limits the sender to a concrete source ARN, account, organization or VPC " +
    "endpoint, or an unconditional Deny for anyone cancels the grant.",
  risk:
    "Anyone with an AWS account can put messages on the queue, and the function processes each one with its " +
    "execution role's permissions: crafted payloads reach the code, and a flood of messages runs up cost and " +
    "crowds out real work.",
  remediation: {
    text:
      "Remove the statement that lets anyone send, or limit it to the sender that needs it: an SNS topic " +
      "(aws:SourceArn), an account (aws:SourceAccount) or your organization (aws:PrincipalOrgID).",
    cli:
      "aws sqs set-queue-attributes --queue-url <queue-url> --attributes '{\"Policy\":\"{\\\"Version\\\":\\\"2012-10-17\\\"," +
      "\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"Service\\\":\\\"sns.amazonaws.com\\\"},\\\"Action\\\":\\\"sqs:SendMessage\\\"," +
      "\\\"Resource\\\":\\\"<queue-arn>\\\",\\\"Condition\\\":{\\\"ArnEquals\\\":{\\\"aws:SourceArn\\\":\\\"<topic-arn>\\\"}}}]}\"}'",
    cloudformation: [
      "QueuePolicy:",
      "  Type: AWS::SQS::QueuePolicy",
      "  Properties:",
      "    Queues: [!Ref Queue]",
      "    PolicyDocument:",
      "      Version: \"2012-10-17\"",
      "      Statement:",
      "        - Effect: Allow",
      "          Principal: { Service: sns.amazonaws.com }",
      "          Action: sqs:SendMessage",
      "          Resource: !GetAtt Queue.Arn",
      "          Condition:",
      "            ArnEquals: { \"aws:SourceArn\": !Ref Topic }",
    ].join("\n"),
    terraform: [
      'resource "aws_sqs_queue_policy" "this" {',
      "  queue_url = aws_sqs_queue.this.id",
      "  policy = jsonencode({",
      '    Version = "2012-10-17"',
      "    Statement = [{",
      '      Effect    = "Allow"',
      '      Principal = { Service = "sns.amazonaws.com" }',
      '      Action    = "sqs:SendMessage"',
      "      Resource  = aws_sqs_queue.this.arn",
      '      Condition = { ArnEquals = { "aws:SourceArn" = aws_sns_topic.this.arn } }',
      "    }]",
      "  })",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html",
    "https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html",
  ],
  evaluate(inventory, ctx) {
    const results: RuleResult[] = [];
    for (const q of inventory.sqsQueues) {
      const triggers = triggersOf(inventory, ctx, q.arn);
      if (triggers.length === 0) continue;
      const base = { resourceArn: q.arn, resourceName: q.name, region: q.region };
      const who = `SQS queue ${q.name}, which triggers ${describeLinks(triggers)},`;
      const a = assessPolicyWrite(q.policy, q.accountId, WRITE_ACTIONS, ctx);
      const evidence = { triggers, ...writeEvidence(a) };
      if (a.status === "unknown") {
        results.push({ ...base, status: "UNKNOWN", message: `Could not read the policy of SQS queue ${q.name}: ${a.code}.`, evidence });
      } else if (a.status === "public") {
        results.push({ ...base, status: "FAIL", message: `${who} lets anyone send messages (statement ${publicStatementLabels(a)}).`, evidence });
      } else {
        const how = q.policy.status === "absent" ? "has no queue policy" : "does not let anyone outside the policy's conditions send messages";
        results.push({ ...base, status: "PASS", message: `${who} ${how}.`, evidence });
      }
    }
    results.push(
      ...unlistedTriggerSources(inventory, ctx, { service: "sqs", resourceType: "sqs_queue", label: "SQS queue", known: new Set(inventory.sqsQueues.map((q) => q.arn)) }),
    );
    return results;
  },
};
