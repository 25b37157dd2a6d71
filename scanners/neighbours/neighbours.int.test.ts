// collect + normalize against moto (the AWS emulator the integration global setup starts): the real client
// factory, real HTTP and real pagination, in a fresh moto account per run (x-moto-account-id).
// moto 5.2.1 lacks IAM Access Analyzer (HTTP 500 for every call): the region's analyzer record must then carry
// an error (G-01/G-02 UNKNOWN), never an empty success. What moto cannot show (AccessDenied, throttling,
// shadow-trail reads, finding counts) is covered in collect.test.ts.
import { CreateBucketCommand, PutBucketPolicyCommand, PutPublicAccessBlockCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateQueueCommand, SQSClient } from "@aws-sdk/client-sqs";
import { CreateTopicCommand, SNSClient, SetTopicAttributesCommand } from "@aws-sdk/client-sns";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { CreateAliasCommand, CreateKeyCommand, EnableKeyRotationCommand, KMSClient } from "@aws-sdk/client-kms";
import { CloudTrailClient, CreateTrailCommand, PutEventSelectorsCommand, StartLoggingCommand } from "@aws-sdk/client-cloudtrail";
import { CloudWatchLogsClient, CreateLogGroupCommand, PutRetentionPolicyCommand } from "@aws-sdk/client-cloudwatch-logs";
import { beforeAll, describe, expect, it } from "vitest";
import { instrument, neighboursClients, type CallMetrics } from "@/lib/aws/clients";
import { makeFingerprint } from "@/lib/aws/redact";
import { env } from "@/lib/env";
import { neighboursScanner } from "@/scanners/neighbours/neighbours.scanner";
import type { NeighboursScanOutput } from "@/scanners/neighbours/normalize";
import type { CallError } from "@/scanners/types";
import { randomAccountId } from "@/tests/support/moto";

/** APIs moto 5.2.1 does not implement: the records they feed must end as errors (UNKNOWN). */
const MOTO_GAPS = new Set(["access-analyzer:ListAnalyzers"]);

function assertEmulator() {
  const { LANTERN_AWS_EMULATOR, AWS_ENDPOINT_URL } = env();
  const host = AWS_ENDPOINT_URL ? new URL(AWS_ENDPOINT_URL).hostname : "";
  if (!LANTERN_AWS_EMULATOR || !["127.0.0.1", "localhost", "::1"].includes(host)) {
    throw new Error("neighbours.int.test.ts needs LANTERN_AWS_EMULATOR=true and AWS_ENDPOINT_URL on loopback (moto)");
  }
}

describe("neighbours scanner against moto", () => {
  const accountId = randomAccountId();
  const region = "us-east-1";
  const ids = { key: "", trailArn: "" };
  let out: NeighboursScanOutput;
  let errors: CallError[];
  let metrics: CallMetrics;

  beforeAll(async () => {
    assertEmulator();
    const seed = { calls: 0, throttles: 0 };
    const c = <T extends Parameters<typeof instrument>[0]>(client: T) => instrument(client, seed, accountId);
    const s3 = c(new S3Client({ region, forcePathStyle: true }));
    const euS3 = c(new S3Client({ region: "eu-west-1", forcePathStyle: true }));
    const sqs = c(new SQSClient({ region }));
    const sns = c(new SNSClient({ region }));
    const ddb = c(new DynamoDBClient({ region }));
    const kms = c(new KMSClient({ region }));
    const trail = c(new CloudTrailClient({ region }));
    const logs = c(new CloudWatchLogsClient({ region }));

    await s3.send(new CreateBucketCommand({ Bucket: `${accountId}-uploads` }));
    await s3.send(new PutPublicAccessBlockCommand({
      Bucket: `${accountId}-uploads`,
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    }));
    await s3.send(new CreateBucketCommand({ Bucket: `${accountId}-inbox` }));
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: `${accountId}-inbox`,
        Policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Sid: "AnyoneUploads", Effect: "Allow", Principal: "*", Action: "s3:PutObject", Resource: `arn:aws:s3:::${accountId}-inbox/*` }],
        }),
      }),
    );
    await euS3.send(new CreateBucketCommand({ Bucket: `${accountId}-eu`, CreateBucketConfiguration: { LocationConstraint: "eu-west-1" } }));

    await sqs.send(
      new CreateQueueCommand({
        QueueName: "notifications",
        Attributes: {
          Policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Sid: "AnyoneCanSend", Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: `arn:aws:sqs:${region}:${accountId}:notifications` }],
          }),
        },
      }),
    );
    const topic = await sns.send(new CreateTopicCommand({ Name: "invoice-render-requests" }));
    const key = await kms.send(new CreateKeyCommand({ Description: "orders" }));
    ids.key = key.KeyMetadata?.Arn ?? "";
    await kms.send(new CreateAliasCommand({ AliasName: "alias/orders", TargetKeyId: key.KeyMetadata?.KeyId }));
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyMetadata?.KeyId }));
    await sns.send(new SetTopicAttributesCommand({ TopicArn: topic.TopicArn, AttributeName: "KmsMasterKeyId", AttributeValue: "alias/orders" }));
    await ddb.send(
      new CreateTableCommand({
        TableName: "orders",
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
        StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
      }),
    );
    const created = await trail.send(new CreateTrailCommand({ Name: "org-audit", S3BucketName: `${accountId}-uploads`, IsMultiRegionTrail: true }));
    ids.trailArn = created.TrailARN ?? "";
    await trail.send(
      new PutEventSelectorsCommand({
        TrailName: "org-audit",
        AdvancedEventSelectors: [
          { Name: "Lambda invokes", FieldSelectors: [{ Field: "eventCategory", Equals: ["Data"] }, { Field: "resources.type", Equals: ["AWS::Lambda::Function"] }] },
        ],
      }),
    );
    await trail.send(new StartLoggingCommand({ Name: "org-audit" }));
    // More than one page of Lambda log groups (50 per page), plus one outside the prefix that must not be listed.
    for (let i = 0; i < 55; i++) await logs.send(new CreateLogGroupCommand({ logGroupName: `/aws/lambda/fn-${String(i).padStart(2, "0")}` }));
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: "/aws/lambda/fn-00", retentionInDays: 30 }));
    await logs.send(new CreateLogGroupCommand({ logGroupName: "/acme/other" }));

    errors = [];
    metrics = { calls: 0, throttles: 0 };
    const ctx = { accountId, region, recordError: (e: CallError) => errors.push(e) };
    const raw = await neighboursScanner.collect(neighboursClients({ accountId, region }, metrics), ctx);
    out = neighboursScanner.normalize(raw, { ...ctx, fingerprint: makeFingerprint("neighbours-int-test-secret-0123") });
  });

  it("records only moto's known gaps as errors", () => {
    expect(errors.filter((e) => !MOTO_GAPS.has(e.api))).toEqual([]);
    expect(metrics.calls).toBeGreaterThan(0);
  });

  it("lists this region's buckets only, with their policy and Block Public Access", () => {
    const buckets = out.s3_bucket.resources.map((r) => r.record);
    expect(out.s3_bucket.listingComplete).toBe(true);
    expect(buckets.map((b) => b.name).sort()).toEqual([`${accountId}-inbox`, `${accountId}-uploads`]);
    const inbox = buckets.find((b) => b.name.endsWith("-inbox"))!;
    expect(inbox.policy).toMatchObject({ status: "ok", value: { document: { Statement: [{ Sid: "AnyoneUploads", Principal: "*" }] } } });
    expect(inbox.publicAccessBlock).toEqual({ status: "absent" });
    expect(inbox.acl.status).toBe("ok");
    const uploads = buckets.find((b) => b.name.endsWith("-uploads"))!;
    expect(uploads.publicAccessBlock).toEqual({
      status: "ok",
      value: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
    });
    expect(uploads.policy).toEqual({ status: "absent" });
  });

  it("reads queue and topic policies and encryption", () => {
    const [queue] = out.sqs_queue.resources.map((r) => r.record);
    expect(queue).toMatchObject({ arn: `arn:aws:sqs:${region}:${accountId}:notifications`, policy: { status: "ok" } });
    expect(queue.encryption.status).toBe("ok");
    const [topic] = out.sns_topic.resources.map((r) => r.record);
    expect(topic).toMatchObject({ name: "invoice-render-requests", encryption: { status: "ok", value: { kmsMasterKeyId: "alias/orders" } } });
    // SNS writes a default policy limited to the owner account.
    expect(topic.policy).toMatchObject({ status: "ok", value: { document: { Statement: [{ Condition: { StringEquals: { "AWS:SourceOwner": [accountId] } } }] } } });
  });

  it("reads tables with their stream, and keys with rotation and aliases", () => {
    const [table] = out.dynamodb_table.resources.map((r) => r.record);
    expect(table).toMatchObject({ name: "orders", details: { status: "ok", value: { status: "ACTIVE" } } });
    expect(table.details.status === "ok" && table.details.value.streamArn).toMatch(/table\/orders\/stream\//);
    const key = out.kms_key.resources.find((r) => r.arn === ids.key)?.record;
    expect(key).toMatchObject({ name: "alias/orders", rotation: { status: "ok", value: { enabled: true } }, metadata: { status: "ok", value: { keyManager: "CUSTOMER" } } });
  });

  it("reads the home trail's selectors and logging status", () => {
    const [trail] = out.cloudtrail_trail.resources.map((r) => r.record);
    expect(out.cloudtrail_trail.resources[0].arn).toBe(ids.trailArn);
    expect(trail).toMatchObject({ view: "home", isMultiRegion: true, isLogging: { status: "ok", value: true } });
    expect(trail.selectors).toMatchObject({ status: "ok", value: { advanced: [{ name: "Lambda invokes" }] } });
  });

  it("pages Lambda's log groups and leaves out the others", () => {
    const groups = out.logs_log_group.resources.map((r) => r.record);
    expect(groups).toHaveLength(55);
    expect(groups.every((g) => g.name.startsWith("/aws/lambda/"))).toBe(true);
    expect(groups.find((g) => g.name === "/aws/lambda/fn-00")?.retentionInDays).toBe(30);
  });

  it("lists the default VPC's subnets with their Availability Zones", () => {
    const subnets = out.ec2_subnet.resources.map((r) => r.record);
    expect(subnets.length).toBeGreaterThan(1);
    expect(new Set(subnets.map((s) => s.availabilityZone)).size).toBe(subnets.length);
    expect(subnets.every((s) => s.ownerId === accountId)).toBe(true);
  });

  it("keeps the region's Access Analyzer record with moto's missing API as an error (UNKNOWN, never an empty success)", () => {
    const [record] = out.accessanalyzer_region.resources.map((r) => r.record);
    expect(record.analyzers.status).toBe("error");
    expect(errors.filter((e) => MOTO_GAPS.has(e.api)).map((e) => e.api)).toEqual(["access-analyzer:ListAnalyzers"]);
  });
});
