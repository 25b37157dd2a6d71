// ES-02 (SNS): a topic that triggers functions must not accept publishes from anyone. SNS writes a default
// policy for Principal {"AWS": "*"} limited by AWS:SourceOwner to the owner account: that is not public, and
// is the look-alike this rule must pass (trigger-exposure.ts is condition-aware).
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import { describeLinks } from "./links";
import { assessPolicyWrite, publicStatementLabels, triggersOf, unlistedTriggerSources, writeEvidence } from "./trigger-exposure";

const WRITE_ACTIONS = ["sns:Publish"] as const;

export const rule: RuleDefinition = {
  id: "sns_topic_trigger_not_publicly_writable",
  catalogueId: "ES-02",
  title: "SNS topic that triggers a Lambda function does not accept publishes from anyone",
  severity: "high",
  category: "event-sources",
  resourceType: "sns_topic",
  description:
    "For each SNS topic that Lambda functions subscribe to (a resource-policy grant to sns.amazonaws.com naming the " +
    "topic), reads the topic policy and reports statements that let anyone call sns:Publish, unless a condition " +
    "such as AWS:SourceOwner, aws:SourceAccount, aws:SourceArn or aws:PrincipalOrgID limits the publisher, or an " +
    "unconditional Deny for anyone cancels the grant.",
  risk:
    "Anyone with an AWS account can publish to the topic, and every subscribed function runs on the message with " +
    "its execution role's permissions: crafted payloads reach the code, and a flood of messages runs up cost.",
  remediation: {
    text:
      "Remove the statement that lets anyone publish, or add a condition that limits publishers to your account " +
      "(AWS:SourceOwner or aws:SourceAccount), a source ARN or your organization (aws:PrincipalOrgID).",
    cli:
      "aws sns set-topic-attributes --topic-arn <topic-arn> --attribute-name Policy --attribute-value " +
      "'{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"SNS:Publish\"," +
      "\"Resource\":\"<topic-arn>\",\"Condition\":{\"StringEquals\":{\"AWS:SourceOwner\":\"<account-id>\"}}}]}'",
    cloudformation: [
      "TopicPolicy:",
      "  Type: AWS::SNS::TopicPolicy",
      "  Properties:",
      "    Topics: [!Ref Topic]",
      "    PolicyDocument:",
      "      Version: \"2012-10-17\"",
      "      Statement:",
      "        - Effect: Allow",
      "          Principal: { AWS: \"*\" }",
      "          Action: sns:Publish",
      "          Resource: !Ref Topic",
      "          Condition:",
      "            StringEquals: { \"AWS:SourceOwner\": !Ref AWS::AccountId }",
    ].join("\n"),
    terraform: [
      'resource "aws_sns_topic_policy" "this" {',
      "  arn = aws_sns_topic.this.arn",
      "  policy = jsonencode({",
      '    Version = "2012-10-17"',
      "    Statement = [{",
      '      Effect    = "Allow"',
      '      Principal = { AWS = "*" }',
      '      Action    = "sns:Publish"',
      "      Resource  = aws_sns_topic.this.arn",
      '      Condition = { StringEquals = { "AWS:SourceOwner" = data.aws_caller_identity.current.account_id } }',
      "    }]",
      "  })",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html",
    "https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html",
  ],
  evaluate(inventory, ctx) {
    const results: RuleResult[] = [];
    for (const t of inventory.snsTopics) {
      const triggers = triggersOf(inventory, ctx, t.arn);
      if (triggers.length === 0) continue;
      const base = { resourceArn: t.arn, resourceName: t.name, region: t.region };
      const who = `SNS topic ${t.name}, which triggers ${describeLinks(triggers)},`;
      const a = assessPolicyWrite(t.policy, t.accountId, WRITE_ACTIONS, ctx);
      const evidence = { triggers, ...writeEvidence(a) };
      if (a.status === "unknown") {
        results.push({ ...base, status: "UNKNOWN", message: `Could not read the policy of SNS topic ${t.name}: ${a.code}.`, evidence });
      } else if (a.status === "public") {
        results.push({ ...base, status: "FAIL", message: `${who} lets anyone publish (statement ${publicStatementLabels(a)}).`, evidence });
      } else {
        results.push({ ...base, status: "PASS", message: `${who} does not let anyone outside the policy's conditions publish.`, evidence });
      }
    }
    results.push(
      ...unlistedTriggerSources(inventory, ctx, { service: "sns", resourceType: "sns_topic", label: "SNS topic", known: new Set(inventory.snsTopics.map((t) => t.arn)) }),
    );
    return results;
  },
};
