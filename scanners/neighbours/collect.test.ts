// collectNeighbours against in-process emulated AWS APIs (aws-sdk-client-mock) serving recorded-shape responses:
// paging across pages, "not configured" answers, AccessDenied on each API, shadow trails, keys whose rotation
// cannot be read, hinted log groups and cancellation. moto covers the real HTTP path (neighbours.int.test.ts);
// it checks no permissions and lacks Access Analyzer, so those cases live here.
import { AccessAnalyzerClient, ListAnalyzersCommand, ListFindingsV2Command } from "@aws-sdk/client-accessanalyzer";
import { CloudTrailClient, DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand } from "@aws-sdk/client-cloudtrail";
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeTableCommand, DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { DescribeSubnetsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { DescribeKeyCommand, GetKeyRotationStatusCommand, KMSClient, ListAliasesCommand, ListKeysCommand } from "@aws-sdk/client-kms";
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketNotificationConfigurationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { GetTopicAttributesCommand, ListTopicsCommand, SNSClient } from "@aws-sdk/client-sns";
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { mockClient } from "aws-sdk-client-mock";
import { describe, expect, it } from "vitest";
import type { NeighboursClients } from "@/lib/aws/clients";
import { makeFingerprint } from "@/lib/aws/redact";
import { collectNeighbours, failureOf, rotationNotApplicable } from "@/scanners/neighbours/collect";
import { normalizeNeighbours } from "@/scanners/neighbours/normalize";
import { ZNeighboursRaw } from "@/scanners/neighbours/raw";
import type { CallError, CollectContext } from "@/scanners/types";
import * as F from "./__fixtures__/responses";

const CREDENTIALS = { accessKeyId: "AKIDTEST", secretAccessKey: "test-secret" };
const cfg = { region: F.REGION, credentials: CREDENTIALS, maxAttempts: 1 };

function awsError(name: string, message = `${name}: test`, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode } });
}
const accessDenied = (action: string) => awsError("AccessDenied", `User is not authorized to perform: ${action}`, 403);

function setup(opts: { hints?: Record<string, unknown>; signal?: AbortSignal } = {}) {
  const clients: NeighboursClients = {
    s3: new S3Client(cfg),
    sqs: new SQSClient(cfg),
    sns: new SNSClient(cfg),
    dynamodb: new DynamoDBClient(cfg),
    kms: new KMSClient(cfg),
    cloudtrail: new CloudTrailClient(cfg),
    logs: new CloudWatchLogsClient(cfg),
    ec2: new EC2Client(cfg),
    accessanalyzer: new AccessAnalyzerClient(cfg),
  };
  const m = {
    s3: mockClient(clients.s3),
    sqs: mockClient(clients.sqs),
    sns: mockClient(clients.sns),
    dynamodb: mockClient(clients.dynamodb),
    kms: mockClient(clients.kms),
    cloudtrail: mockClient(clients.cloudtrail),
    logs: mockClient(clients.logs),
    ec2: mockClient(clients.ec2),
    accessanalyzer: mockClient(clients.accessanalyzer),
  };
  // Empty answers by default: each test sets what it is about.
  m.s3.on(ListBucketsCommand).resolves({ Buckets: [] });
  m.sqs.on(ListQueuesCommand).resolves({});
  m.sns.on(ListTopicsCommand).resolves({ Topics: [] });
  m.dynamodb.on(ListTablesCommand).resolves({ TableNames: [] });
  m.kms.on(ListKeysCommand).resolves({ Keys: [], Truncated: false });
  m.kms.on(ListAliasesCommand).resolves({ Aliases: [], Truncated: false });
  m.cloudtrail.on(DescribeTrailsCommand).resolves({ trailList: [] });
  m.logs.on(DescribeLogGroupsCommand).resolves({ logGroups: [] });
  m.ec2.on(DescribeSubnetsCommand).resolves({ Subnets: [] });
  m.accessanalyzer.on(ListAnalyzersCommand).resolves({ analyzers: [] });
  const errors: CallError[] = [];
  const ctx: CollectContext = {
    accountId: F.ACCOUNT_ID,
    region: F.REGION,
    recordError: (e) => errors.push(e),
    signal: opts.signal,
    hints: opts.hints as CollectContext["hints"],
  };
  return { clients, m, errors, ctx };
}

const nctx = { accountId: F.ACCOUNT_ID, region: F.REGION, fingerprint: makeFingerprint("neighbours-collect-test-secret") };

describe("collectNeighbours", () => {
  it("reads an empty region with one listing per service and records nothing", async () => {
    const { clients, m, errors, ctx } = setup();
    const raw = await collectNeighbours(clients, ctx);
    expect(errors).toEqual([]);
    expect(ZNeighboursRaw.parse(raw)).toEqual(raw);
    expect(m.s3.commandCalls(ListBucketsCommand)[0].args[0].input).toMatchObject({ BucketRegion: F.REGION });
    expect(m.cloudtrail.commandCalls(DescribeTrailsCommand)[0].args[0].input).toEqual({ includeShadowTrails: true });
    expect(m.logs.commandCalls(DescribeLogGroupsCommand)[0].args[0].input).toMatchObject({ logGroupNamePrefix: "/aws/lambda/" });
    const out = normalizeNeighbours(raw, nctx);
    for (const [kind, result] of Object.entries(out)) {
      expect(result.listingComplete, kind).toBe(true);
      expect(result.resources.length, kind).toBe(kind === "accessanalyzer_region" ? 1 : 0);
    }
  });

  it("pages S3 buckets, keeps only this region's, and reads each bucket's configuration", async () => {
    const { clients, m, errors, ctx } = setup();
    m.s3.on(ListBucketsCommand).resolvesOnce(F.bucketPage1).resolvesOnce(F.bucketPage2);
    m.s3.on(GetBucketPolicyCommand, { Bucket: "orders-uploads" }).rejects(awsError("NoSuchBucketPolicy", "The bucket policy does not exist", 404));
    m.s3.on(GetBucketPolicyCommand, { Bucket: "public-inbox" }).resolves({ Policy: F.publicWritePolicy });
    m.s3.on(GetBucketAclCommand).resolves(F.ownerOnlyAcl);
    m.s3.on(GetBucketAclCommand, { Bucket: "public-inbox" }).resolves(F.allUsersWriteAcl);
    m.s3.on(GetPublicAccessBlockCommand, { Bucket: "orders-uploads" }).resolves(F.allBlocked);
    m.s3.on(GetPublicAccessBlockCommand, { Bucket: "public-inbox" }).rejects(awsError("NoSuchPublicAccessBlockConfiguration", "none", 404));
    m.s3.on(GetBucketEncryptionCommand).resolves(F.kmsEncryption);
    m.s3.on(GetBucketOwnershipControlsCommand).rejects(awsError("OwnershipControlsNotFoundError", "none", 404));
    m.s3.on(GetBucketOwnershipControlsCommand, { Bucket: "orders-uploads" }).resolves(F.enforcedOwnership);
    m.s3.on(GetBucketNotificationConfigurationCommand).resolves({});
    m.s3.on(GetBucketNotificationConfigurationCommand, { Bucket: "orders-uploads" }).resolves(F.lambdaNotification);

    const raw = await collectNeighbours(clients, ctx);
    expect(errors).toEqual([]);
    // The paginator reuses one input object, so only the count and the last token can be told apart.
    expect(m.s3.commandCalls(ListBucketsCommand)).toHaveLength(2);
    expect(m.s3.commandCalls(ListBucketsCommand)[1].args[0].input.ContinuationToken).toBe("page-2");
    const buckets = normalizeNeighbours(raw, nctx).s3_bucket;
    expect(buckets.listingComplete).toBe(true);
    expect(buckets.resources.map((r) => r.arn)).toEqual(["arn:aws:s3:::orders-uploads", "arn:aws:s3:::public-inbox"]);
    const [orders, inbox] = buckets.resources.map((r) => r.record);
    expect(orders).toMatchObject({
      region: F.REGION,
      policy: { status: "absent" },
      publicAccessBlock: { status: "ok", value: { blockPublicAcls: true, restrictPublicBuckets: true } },
      objectOwnership: { status: "ok", value: "BucketOwnerEnforced" },
      notifications: { status: "ok", value: { lambdaFunctionArns: [F.lambdaNotification.LambdaFunctionConfigurations![0].LambdaFunctionArn] } },
      encryption: { status: "ok", value: { rules: [{ sseAlgorithm: "aws:kms", bucketKeyEnabled: true }] } },
    });
    expect(inbox.policy.status).toBe("ok");
    expect(inbox.publicAccessBlock).toEqual({ status: "absent" });
    expect(inbox.objectOwnership).toEqual({ status: "absent" });
    expect(inbox.acl).toMatchObject({ status: "ok", value: { grants: [{}, { granteeUri: "http://acs.amazonaws.com/groups/global/AllUsers", permission: "WRITE" }] } });
  });

  it("records AccessDenied on a bucket read as an error for that field only", async () => {
    const { clients, m, errors, ctx } = setup();
    m.s3.on(ListBucketsCommand).resolves(F.bucketPage2);
    m.s3.on(GetBucketPolicyCommand).rejects(accessDenied("s3:GetBucketPolicy"));
    m.s3.on(GetBucketAclCommand).resolves(F.ownerOnlyAcl);
    m.s3.on(GetPublicAccessBlockCommand).rejects(accessDenied("s3:GetBucketPublicAccessBlock"));
    m.s3.on(GetBucketEncryptionCommand).rejects(accessDenied("s3:GetEncryptionConfiguration"));
    m.s3.on(GetBucketOwnershipControlsCommand).rejects(accessDenied("s3:GetBucketOwnershipControls"));
    m.s3.on(GetBucketNotificationConfigurationCommand).rejects(accessDenied("s3:GetBucketNotification"));
    const raw = await collectNeighbours(clients, ctx);
    expect(errors.map((e) => e.api).sort()).toEqual([
      "s3:GetBucketNotification",
      "s3:GetBucketOwnershipControls",
      "s3:GetBucketPolicy",
      "s3:GetBucketPublicAccessBlock",
      "s3:GetEncryptionConfiguration",
    ]);
    expect(errors[0]).toMatchObject({ code: "AccessDenied", resource: "arn:aws:s3:::public-inbox" });
    const [inbox] = normalizeNeighbours(raw, nctx).s3_bucket.resources.map((r) => r.record);
    expect(inbox.policy).toMatchObject({ status: "error", code: "AccessDenied" });
    expect(inbox.publicAccessBlock.status).toBe("error");
    expect(inbox.encryption.status).toBe("error");
    expect(inbox.notifications.status).toBe("error");
    expect(inbox.acl.status).toBe("ok");
  });

  it("pages queues, topics and tables and reads each one's attributes", async () => {
    const { clients, m, errors, ctx } = setup();
    m.sqs.on(ListQueuesCommand).resolvesOnce({ QueueUrls: [F.queueUrl("orders")], NextToken: "q2" }).resolvesOnce({ QueueUrls: [F.queueUrl("orders-dlq")] });
    m.sqs.on(GetQueueAttributesCommand, { QueueUrl: F.queueUrl("orders") }).resolves(
      F.queueAttributes("orders", { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:${F.REGION}:${F.ACCOUNT_ID}:orders-dlq`, maxReceiveCount: 5 }) }),
    );
    m.sqs.on(GetQueueAttributesCommand, { QueueUrl: F.queueUrl("orders-dlq") }).rejects(accessDenied("sqs:GetQueueAttributes"));
    m.sns.on(ListTopicsCommand).resolvesOnce({ Topics: [{ TopicArn: F.topicArn("a") }], NextToken: "t2" }).resolvesOnce({ Topics: [{ TopicArn: F.topicArn("b") }] });
    m.sns.on(GetTopicAttributesCommand).resolves({ Attributes: { TopicArn: F.topicArn("a"), Policy: F.defaultTopicPolicy("a") } });
    m.dynamodb.on(ListTablesCommand).resolvesOnce({ TableNames: ["orders"], LastEvaluatedTableName: "orders" }).resolvesOnce({ TableNames: ["payments"] });
    m.dynamodb.on(DescribeTableCommand).resolves(F.describeTable("orders"));
    m.dynamodb.on(DescribeTableCommand, { TableName: "payments" }).resolves(
      F.describeTable("payments", { SSEDescription: { Status: "ENABLED", SSEType: "KMS", KMSMasterKeyArn: F.keyArn(1) } }),
    );

    const raw = await collectNeighbours(clients, ctx);
    expect(errors).toEqual([expect.objectContaining({ api: "sqs:GetQueueAttributes", code: "AccessDenied", resource: F.queueUrl("orders-dlq") })]);
    expect(m.sqs.commandCalls(ListQueuesCommand)).toHaveLength(2);
    expect(m.dynamodb.commandCalls(ListTablesCommand)).toHaveLength(2);
    const out = normalizeNeighbours(raw, nctx);
    const [orders, dlq] = out.sqs_queue.resources.map((r) => r.record);
    expect(orders).toMatchObject({ name: "orders", policy: { status: "absent" }, encryption: { status: "ok", value: { sqsManagedSse: true, kmsMasterKeyId: null } } });
    expect(orders.deadLetterTargetArn).toEqual({ status: "ok", value: `arn:aws:sqs:${F.REGION}:${F.ACCOUNT_ID}:orders-dlq` });
    // The ARN is rebuilt from the URL when the attributes could not be read.
    expect(dlq).toMatchObject({ arn: `arn:aws:sqs:${F.REGION}:${F.ACCOUNT_ID}:orders-dlq`, policy: { status: "error" }, encryption: { status: "error" } });
    expect(out.sns_topic.resources.map((r) => r.record.name)).toEqual(["a", "b"]);
    expect(out.sns_topic.resources[0].record.encryption).toEqual({ status: "ok", value: { kmsMasterKeyId: null } });
    expect(out.dynamodb_table.resources.map((r) => r.record.details)).toEqual([
      { status: "ok", value: { status: "ACTIVE", streamArn: null, sse: null, deletionProtection: null } },
      { status: "ok", value: expect.objectContaining({ sse: { status: "ENABLED", sseType: "KMS", kmsMasterKeyArn: F.keyArn(1) } }) },
    ]);
  });

  it("reads rotation only for customer managed symmetric keys, pages keys and aliases", async () => {
    const { clients, m, errors, ctx } = setup();
    m.kms.on(ListKeysCommand).resolvesOnce({ Keys: [{ KeyId: F.keyId(1), KeyArn: F.keyArn(1) }], Truncated: true, NextMarker: "k2" }).resolvesOnce({
      Keys: [
        { KeyId: F.keyId(2), KeyArn: F.keyArn(2) },
        { KeyId: F.keyId(3), KeyArn: F.keyArn(3) },
        { KeyId: F.keyId(4), KeyArn: F.keyArn(4) },
      ],
      Truncated: false,
    });
    m.kms.on(ListAliasesCommand).resolves({
      Aliases: [
        { AliasName: "alias/orders", TargetKeyId: F.keyId(1) },
        { AliasName: "alias/aws/sqs", TargetKeyId: F.keyId(2) },
      ],
      Truncated: false,
    });
    m.kms.on(DescribeKeyCommand, { KeyId: F.keyArn(1) }).resolves(F.keyMetadata(1));
    m.kms.on(DescribeKeyCommand, { KeyId: F.keyArn(2) }).resolves(F.keyMetadata(2, { KeyManager: "AWS" }));
    m.kms.on(DescribeKeyCommand, { KeyId: F.keyArn(3) }).resolves(F.keyMetadata(3, { KeySpec: "RSA_2048", KeyUsage: "SIGN_VERIFY" }));
    m.kms.on(DescribeKeyCommand, { KeyId: F.keyArn(4) }).rejects(accessDenied("kms:DescribeKey"));
    m.kms.on(GetKeyRotationStatusCommand).resolves({ KeyRotationEnabled: true, RotationPeriodInDays: 365 });

    const raw = await collectNeighbours(clients, ctx);
    expect(m.kms.commandCalls(GetKeyRotationStatusCommand).map((c) => c.args[0].input.KeyId)).toEqual([F.keyArn(1)]);
    expect(errors).toEqual([expect.objectContaining({ api: "kms:DescribeKey", resource: F.keyArn(4) })]);
    const keys = normalizeNeighbours(raw, nctx).kms_key.resources.map((r) => r.record);
    expect(keys.map((k) => [k.name, k.rotation.status])).toEqual([
      ["alias/orders", "ok"],
      ["alias/aws/sqs", "not_applicable"],
      [F.keyId(3), "not_applicable"],
      [F.keyId(4), "error"],
    ]);
    expect(keys[0].rotation).toEqual({ status: "ok", value: { enabled: true, periodDays: 365, nextRotationDate: null } });
  });

  it("reads selectors and status of home trails only; shadow trails point at their home region", async () => {
    const { clients, m, errors, ctx } = setup();
    m.cloudtrail.on(DescribeTrailsCommand).resolves({ trailList: [F.homeTrail, F.shadowTrail] });
    m.cloudtrail.on(GetEventSelectorsCommand).resolves(F.lambdaAdvancedSelectors);
    m.cloudtrail.on(GetTrailStatusCommand).resolves({ IsLogging: true });
    const raw = await collectNeighbours(clients, ctx);
    expect(errors).toEqual([]);
    expect(m.cloudtrail.commandCalls(GetEventSelectorsCommand).map((c) => c.args[0].input.TrailName)).toEqual([F.homeTrail.TrailARN]);
    const [home, shadow] = normalizeNeighbours(raw, nctx).cloudtrail_trail.resources;
    expect(home.arn).toBe(F.homeTrail.TrailARN);
    expect(home.record).toMatchObject({ view: "home", isMultiRegion: true, isLogging: { status: "ok", value: true } });
    expect(home.record.selectors).toMatchObject({ status: "ok", value: { basic: [], advanced: [{ name: "Management events" }, { name: "Lambda invokes" }] } });
    expect(shadow.arn).toBe(`${F.shadowTrail.TrailARN}@${F.REGION}`);
    expect(shadow.record).toMatchObject({ view: "shadow", homeRegion: "eu-west-1", selectors: { status: "not_read" } });
  });

  it("keys an organization trail seen from a member account per account, and records a denied selector read", async () => {
    const { clients, m, errors, ctx } = setup();
    const orgTrail = { ...F.homeTrail, Name: "org", TrailARN: F.trailArn("org", F.OTHER_ACCOUNT), IsOrganizationTrail: true };
    m.cloudtrail.on(DescribeTrailsCommand).resolves({ trailList: [orgTrail] });
    m.cloudtrail.on(GetEventSelectorsCommand).rejects(accessDenied("cloudtrail:GetEventSelectors"));
    m.cloudtrail.on(GetTrailStatusCommand).resolves({ IsLogging: true });
    const raw = await collectNeighbours(clients, ctx);
    expect(errors).toEqual([expect.objectContaining({ api: "cloudtrail:GetEventSelectors", resource: orgTrail.TrailARN })]);
    const [trail] = normalizeNeighbours(raw, nctx).cloudtrail_trail.resources;
    expect(trail.arn).toBe(`${orgTrail.TrailARN}#${F.ACCOUNT_ID}`);
    expect(trail.record).toMatchObject({ ownerAccountId: F.OTHER_ACCOUNT, isOrganizationTrail: true, selectors: { status: "error", code: "AccessDenied" } });
  });

  it("pages Lambda's log groups and looks up the custom ones the hints name", async () => {
    const { clients, m, errors, ctx } = setup({ hints: { lambdaLogGroupNames: ["/acme/orders", "/aws/lambda/x", "/acme/orders"] } });
    m.logs
      .on(DescribeLogGroupsCommand, { logGroupNamePrefix: "/aws/lambda/" })
      .resolvesOnce({ logGroups: [F.logGroup("/aws/lambda/a", { retentionInDays: 30 })], nextToken: "l2" })
      .resolvesOnce({ logGroups: [F.logGroup("/aws/lambda/b", { kmsKeyId: F.keyArn(1) })] });
    m.logs.on(DescribeLogGroupsCommand, { logGroupNamePrefix: "/acme/orders" }).resolves({ logGroups: [F.logGroup("/acme/orders"), F.logGroup("/acme/orders-archive")] });
    const raw = await collectNeighbours(clients, ctx);
    expect(errors).toEqual([]);
    const groups = normalizeNeighbours(raw, nctx).logs_log_group;
    expect(groups.listingComplete).toBe(true);
    expect(groups.resources.map((r) => [r.record.name, r.record.foundBy, r.record.retentionInDays])).toEqual([
      ["/aws/lambda/a", "lambda_prefix", 30],
      ["/aws/lambda/b", "lambda_prefix", null],
      ["/acme/orders", "name", null],
    ]);
    expect(groups.resources[0].arn).toBe(`arn:aws:logs:${F.REGION}:${F.ACCOUNT_ID}:log-group:/aws/lambda/a`);
    expect(groups.resources[0].record.creationTime).toBe("2025-01-01T00:00:00.000Z");
  });

  it("pages subnets and analyzers, counting each active external-access analyzer's findings over every page", async () => {
    const { clients, m, errors, ctx } = setup();
    m.ec2
      .on(DescribeSubnetsCommand)
      .resolvesOnce({ Subnets: [F.subnet("subnet-a", "us-east-1a")], NextToken: "s2" })
      .resolvesOnce({ Subnets: [F.subnet("subnet-b", "us-east-1b", { OwnerId: F.OTHER_ACCOUNT, SubnetArn: undefined })] });
    m.accessanalyzer.on(ListAnalyzersCommand).resolves({
      analyzers: [F.analyzer("external"), F.analyzer("unused", "ACCOUNT_UNUSED_ACCESS"), F.analyzer("creating", "ACCOUNT", "CREATING")],
    });
    m.accessanalyzer
      .on(ListFindingsV2Command)
      .resolvesOnce({ findings: [F.finding("a", "AWS::S3::Bucket"), F.finding("b", "AWS::S3::Bucket")], nextToken: "f2" })
      .resolvesOnce({ findings: [F.finding("c", "AWS::Lambda::Function")] });
    const raw = await collectNeighbours(clients, ctx);
    expect(errors).toEqual([]);
    expect(m.accessanalyzer.commandCalls(ListFindingsV2Command)[0].args[0].input).toMatchObject({
      analyzerArn: F.analyzerArn("external"),
      filter: { status: { eq: ["ACTIVE"] } },
    });
    const out = normalizeNeighbours(raw, nctx);
    expect(out.ec2_subnet.resources.map((r) => r.arn)).toEqual([
      `arn:aws:ec2:${F.REGION}:${F.ACCOUNT_ID}:subnet/subnet-a`,
      // Shared from another account: keyed per scanned account, ARN rebuilt with the owner.
      `arn:aws:ec2:${F.REGION}:${F.OTHER_ACCOUNT}:subnet/subnet-b#${F.ACCOUNT_ID}`,
    ]);
    expect(out.ec2_subnet.resources[0].record).toMatchObject({ name: "private-us-east-1a", availabilityZone: "us-east-1a" });
    const [region] = out.accessanalyzer_region.resources;
    expect(region.arn).toBe(`arn:aws:access-analyzer:${F.REGION}:${F.ACCOUNT_ID}:analyzer/*`);
    expect(region.record.analyzers).toMatchObject({
      status: "ok",
      value: [
        { name: "external", activeFindings: { status: "ok", value: { count: 3, byResourceType: { "AWS::S3::Bucket": 2, "AWS::Lambda::Function": 1 } } } },
        { name: "unused", activeFindings: { status: "not_read" } },
        { name: "creating", activeFindings: { status: "not_read", reason: "Analyzer status is CREATING." } },
      ],
    });
  });

  it("records a failed listing per service: no records, listing incomplete, the analyzer region record still made", async () => {
    const { clients, m, errors, ctx } = setup();
    m.s3.on(ListBucketsCommand).rejects(accessDenied("s3:ListAllMyBuckets"));
    m.sqs.on(ListQueuesCommand).rejects(accessDenied("sqs:ListQueues"));
    m.sns.on(ListTopicsCommand).rejects(accessDenied("sns:ListTopics"));
    m.dynamodb.on(ListTablesCommand).rejects(accessDenied("dynamodb:ListTables"));
    m.kms.on(ListKeysCommand).rejects(accessDenied("kms:ListKeys"));
    m.kms.on(ListAliasesCommand).rejects(accessDenied("kms:ListAliases"));
    m.cloudtrail.on(DescribeTrailsCommand).rejects(accessDenied("cloudtrail:DescribeTrails"));
    m.logs.on(DescribeLogGroupsCommand).rejects(accessDenied("logs:DescribeLogGroups"));
    m.ec2.on(DescribeSubnetsCommand).rejects(awsError("UnauthorizedOperation", "not authorized", 403));
    m.accessanalyzer.on(ListAnalyzersCommand).rejects(awsError("AccessDeniedException", "denied", 403));
    const raw = await collectNeighbours(clients, ctx);
    expect(errors.map((e) => e.api).sort()).toEqual([
      "access-analyzer:ListAnalyzers",
      "cloudtrail:DescribeTrails",
      "dynamodb:ListTables",
      "ec2:DescribeSubnets",
      "kms:ListAliases",
      "kms:ListKeys",
      "logs:DescribeLogGroups",
      "s3:ListAllMyBuckets",
      "sns:ListTopics",
      "sqs:ListQueues",
    ]);
    const out = normalizeNeighbours(raw, nctx);
    for (const [kind, result] of Object.entries(out)) {
      if (kind === "accessanalyzer_region") continue;
      expect(result, kind).toEqual({ resources: [], listingComplete: false });
    }
    expect(out.accessanalyzer_region.listingComplete).toBe(true);
    expect(out.accessanalyzer_region.resources[0].record.analyzers).toMatchObject({ status: "error", code: "AccessDeniedException" });
  });

  it("stops on cancellation instead of returning a raw that looks like AWS answered with errors", async () => {
    const controller = new AbortController();
    const { clients, m, ctx } = setup({ signal: controller.signal });
    m.s3.on(ListBucketsCommand).callsFake(async () => {
      controller.abort(new Error("unit cancelled"));
      throw awsError("AbortError", "aborted");
    });
    await expect(collectNeighbours(clients, ctx)).rejects.toThrow("unit cancelled");
  });
});

describe("helpers", () => {
  it("names an unreadable reply after its HTTP status", () => {
    const html = Object.assign(new SyntaxError('Unexpected token "<"'), { $metadata: { httpStatusCode: 500 } });
    expect(failureOf(html)).toEqual({ code: "UnexpectedResponse", message: 'HTTP 500: Unexpected token "<"' });
    expect(failureOf(accessDenied("x"))).toMatchObject({ code: "AccessDenied" });
    expect(failureOf("boom")).toEqual({ code: "UnknownError", message: "boom" });
  });

  it("knows where automatic rotation does not apply", () => {
    const meta = (extra: Record<string, unknown>) => F.keyMetadata(1, extra).KeyMetadata as unknown as Parameters<typeof rotationNotApplicable>[0];
    expect(rotationNotApplicable(meta({}))).toBeNull();
    expect(rotationNotApplicable(meta({ KeyState: "Disabled" }))).toBeNull();
    expect(rotationNotApplicable(meta({ KeyManager: "AWS" }))).toMatch(/AWS rotates/);
    expect(rotationNotApplicable(meta({ Origin: "EXTERNAL" }))).toMatch(/EXTERNAL/);
    expect(rotationNotApplicable(meta({ KeySpec: "HMAC_256" }))).toMatch(/symmetric/);
    expect(rotationNotApplicable(meta({ CustomKeyStoreId: "cks-1" }))).toMatch(/custom key store/);
    expect(rotationNotApplicable(meta({ KeyState: "PendingDeletion" }))).toMatch(/PendingDeletion/);
  });
});
