// ES-05: the triggers of a function (resource-policy grants that name a source ARN, and event source
// mappings) should point at sources that still exist. An orphan grant is a standing invitation: whoever next
// creates an API, function or bucket under that name or id inherits the right to invoke the function.
//
// Only sources whose kind Lantern inventories are judged: API Gateway REST and HTTP/WebSocket APIs of this
// account, and Lambda functions, each when its region was listed completely. Every other source (S3 buckets,
// SNS topics, EventBridge rules, SQS queues, streams, ...) is reported as undetermined, naming the inventory
// that would be needed. A grant whose AWS principal shows as a unique id (AROA..., AIDA...) is an orphan
// whatever the inventory says: AWS shows the id once the role or user it named was deleted.
import type { TLambdaFunctionRecord, TTrigger } from "@/scanners/lambda/record";
import type { RuleContext, RuleDefinition, RuleInventory, RuleResult } from "@/lib/rules/types";
import { namesOneApi, parseExecuteApiArn } from "@/lib/rules/lambda/execute-api-arn";

/** What Lantern would have to list to judge a source of this ARN service. */
const NEEDED_INVENTORY: Record<string, string> = {
  s3: "S3 buckets (s3:ListBuckets)",
  sns: "SNS topics (sns:ListTopics)",
  events: "EventBridge rules (events:ListRules)",
  sqs: "SQS queues (sqs:ListQueues)",
  kinesis: "Kinesis streams (kinesis:ListStreams)",
  dynamodb: "DynamoDB tables and streams (dynamodb:ListTables, dynamodb:ListStreams)",
  logs: "CloudWatch Logs log groups (logs:DescribeLogGroups)",
  iot: "IoT topic rules (iot:ListTopicRules)",
  kafka: "MSK clusters (kafka:ListClustersV2)",
  mq: "Amazon MQ brokers (mq:ListBrokers)",
  rds: "DocumentDB clusters (rds:DescribeDBClusters)",
  "cognito-idp": "Cognito user pools (cognito-idp:ListUserPools)",
  elasticloadbalancing: "load balancer target groups (elasticloadbalancing:DescribeTargetGroups)",
  ses: "SES receipt rule sets (ses:ListReceiptRuleSets)",
  codecommit: "CodeCommit repositories (codecommit:ListRepositories)",
};

/** Unique ids of IAM roles, users, groups and policies: what a policy shows in place of a deleted principal. */
const UNIQUE_ID = /^(AROA|AIDA|AGPA|ANPA|AIPA)[A-Z0-9]{12,}$/;

type Orphan = { trigger: TTrigger; reason: string };
type Unjudged = { trigger: TTrigger; neededInventory: string };

function triggerEvidence(t: TTrigger): Record<string, unknown> {
  return { via: t.via, sourceType: t.sourceType, sourceArn: t.sourceArn, principal: t.principal, qualifier: t.qualifier, statementSid: t.statementSid, esmUuid: t.esmUuid };
}

function judge(
  t: TTrigger,
  inventory: RuleInventory,
  ctx: RuleContext,
): { orphan?: string; verified?: string; unjudged?: string } | null {
  if (t.via === "resource_policy" && UNIQUE_ID.test(t.principal)) {
    return { orphan: `principal ${t.principal} is the unique id of a deleted IAM role or user` };
  }
  if (!t.sourceArn) return null;
  const parts = t.sourceArn.split(":");
  const service = parts[0] === "arn" ? parts[2] : "";
  if (service === "execute-api") {
    const api = parseExecuteApiArn(t.sourceArn);
    if (!api || !namesOneApi(api)) return null;
    if (api.account !== inventory.accountId) return { unjudged: `API Gateway APIs of account ${api.account} (not scanned)` };
    if (!ctx.complete("apigateway_rest_api", api.region) || !ctx.complete("apigatewayv2_api", api.region)) {
      return { unjudged: `a complete API Gateway listing of ${api.region}` };
    }
    const exists =
      inventory.restApis.some((a) => a.id === api.apiId && a.region === api.region) ||
      inventory.httpApis.some((a) => a.apiId === api.apiId && a.region === api.region);
    return exists ? { verified: `API ${api.apiId}` } : { orphan: `API ${api.apiId} no longer exists in ${api.region}` };
  }
  if (service === "lambda" && parts[5] === "function") {
    const [region, account] = [parts[3], parts[4]];
    if (/[*?]/.test(t.sourceArn)) return null;
    if (account !== inventory.accountId) return { unjudged: `Lambda functions of account ${account} (not scanned)` };
    if (!ctx.complete("lambda_function", region)) return { unjudged: `a complete Lambda listing of ${region}` };
    const arn = parts.slice(0, 7).join(":");
    return inventory.lambdaFunctions.some((f) => f.arn === arn) ? { verified: `function ${parts[6]}` } : { orphan: `function ${parts[6]} no longer exists` };
  }
  if (/[*?]/.test(t.sourceArn)) return null;
  return { unjudged: NEEDED_INVENTORY[service] ?? `an inventory of ${service || "its"} resources` };
}

function evaluateFunction(fn: TLambdaFunctionRecord, inventory: RuleInventory, ctx: RuleContext): RuleResult {
  const base = { resourceArn: fn.arn, resourceName: fn.name, region: fn.region };
  if (!fn.triggers) {
    return { ...base, status: "UNKNOWN", message: `Could not determine the triggers of function ${fn.name}: its inventory record has no trigger data.`, evidence: {} };
  }
  const orphans: Orphan[] = [];
  const unjudged: Unjudged[] = [];
  const verified: { trigger: TTrigger; source: string }[] = [];
  for (const t of fn.triggers) {
    const v = judge(t, inventory, ctx);
    if (!v) continue;
    if (v.orphan) orphans.push({ trigger: t, reason: v.orphan });
    else if (v.verified) verified.push({ trigger: t, source: v.verified });
    else if (v.unjudged) unjudged.push({ trigger: t, neededInventory: v.unjudged });
  }
  const gaps = fn.triggerGaps ?? [];
  const evidence = {
    orphanTriggers: orphans.map((o) => ({ ...triggerEvidence(o.trigger), reason: o.reason })),
    verifiedTriggers: verified.map((v) => ({ ...triggerEvidence(v.trigger), source: v.source })),
    undeterminedTriggers: unjudged.map((u) => ({ ...triggerEvidence(u.trigger), neededInventory: u.neededInventory })),
    triggerGaps: gaps,
  };

  if (orphans.length > 0) {
    const o = orphans[0];
    const where = o.trigger.statementSid ? ` (statement "${o.trigger.statementSid}")` : o.trigger.esmUuid ? ` (mapping ${o.trigger.esmUuid})` : "";
    const message =
      orphans.length === 1
        ? `Lambda function ${fn.name} has a trigger whose source is gone: ${o.reason}${where}.`
        : `Lambda function ${fn.name} has ${orphans.length} triggers whose sources are gone: ${orphans.map((x) => x.reason).join("; ")}.`;
    return { ...base, status: "FAIL", message, evidence };
  }
  if (unjudged.length > 0) {
    const needed = [...new Set(unjudged.map((u) => u.neededInventory))];
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not check whether ${unjudged.length} trigger source(s) of function ${fn.name} still exist: that needs ${needed.join(", ")}.`,
      evidence,
    };
  }
  if (gaps.length > 0) {
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not read every trigger of function ${fn.name}: ${[...new Set(gaps.map((g) => `${g.api} (${g.code})`))].join(", ")}.`,
      evidence,
    };
  }
  return {
    ...base,
    status: "PASS",
    message:
      verified.length > 0
        ? `Lambda function ${fn.name} has triggers only from sources that exist: ${[...new Set(verified.map((v) => v.source))].join(", ")}.`
        : `Lambda function ${fn.name} has no trigger that names a specific source.`,
    evidence,
  };
}

export const rule: RuleDefinition = {
  id: "lambda_function_trigger_sources_exist",
  catalogueId: "ES-05",
  title: "Lambda function triggers point only at sources that exist",
  severity: "low",
  category: "event-sources",
  resourceType: "lambda_function",
  description:
    "Checks each trigger that names a source (a resource-policy aws:SourceArn or an event source mapping) against " +
    "the inventory: API Gateway REST and HTTP APIs of this account and Lambda functions are judged; grants to " +
    "deleted IAM principals (shown as unique ids) are reported; other sources are undetermined until Lantern " +
    "inventories their kind, and the result names the inventory needed.",
  risk:
    "A permission for a deleted API or function, or a mapping from a deleted source, is forgotten wiring: it is " +
    "never reviewed, and whoever creates a resource that matches it later (a new API in the account, a function " +
    "with the same name) gets the right to invoke this function.",
  remediation: {
    text: "Remove the permission statement (or delete the event source mapping) whose source no longer exists.",
    cli: "aws lambda remove-permission --function-name <function-name> --statement-id <sid>\naws lambda delete-event-source-mapping --uuid <uuid>",
    cloudformation:
      "# Delete the AWS::Lambda::Permission or AWS::Lambda::EventSourceMapping resource that names the removed source\n" +
      "# from the template and update the stack.",
    terraform: "# Remove the aws_lambda_permission or aws_lambda_event_source_mapping block for the removed source, then apply.",
  },
  references: [
    "https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids",
  ],
  evaluate(inventory, ctx) {
    return inventory.lambdaFunctions.map((fn) => evaluateFunction(fn, inventory, ctx));
  },
};
