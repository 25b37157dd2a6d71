// normalizeNeighbours on hand-built raw collections (recorded shapes, JSON as collect hands them over): missing
// optional fields, malformed policies, duplicate listings and the inventory keys that must be unique per account.
import { describe, expect, it } from "vitest";
import { makeFingerprint } from "@/lib/aws/redact";
import { normalizeNeighbours, trailKey } from "@/scanners/neighbours/normalize";
import { ZNeighboursRaw, type NeighboursRaw } from "@/scanners/neighbours/raw";
import { ACCOUNT_ID, OTHER_ACCOUNT, REGION, homeTrail, keyArn, keyId, trailArn } from "./__fixtures__/responses";

const ctx = { accountId: ACCOUNT_ID, region: REGION, fingerprint: makeFingerprint("neighbours-normalize-test-secret") };
const ok = <T>(value: T) => ({ status: "ok" as const, value });
const denied = { status: "error" as const, code: "AccessDenied", message: "denied" };

function raw(overrides: Partial<NeighboursRaw> = {}): NeighboursRaw {
  return ZNeighboursRaw.parse({
    buckets: ok([]),
    queues: ok([]),
    topics: ok([]),
    tables: ok([]),
    keys: ok([]),
    aliases: ok([]),
    trails: ok([]),
    logGroups: { lambdaPrefix: ok([]), named: [] },
    subnets: ok([]),
    analyzers: ok([]),
    ...overrides,
  });
}

describe("normalizeNeighbours", () => {
  it("keeps a bucket with only its name and empty answers, and marks an unparseable policy as an error", () => {
    const out = normalizeNeighbours(
      raw({
        buckets: ok([
          {
            bucket: { Name: "bare" },
            policy: ok({ Policy: "{not json" }),
            acl: ok({}),
            publicAccessBlock: ok({ PublicAccessBlockConfiguration: { BlockPublicAcls: true } }),
            encryption: ok({}),
            ownershipControls: ok({ OwnershipControls: { Rules: [] } }),
            notification: ok({}),
          },
        ]),
      }),
      ctx,
    );
    const [b] = out.s3_bucket.resources;
    expect(b.record).toEqual({
      arn: "arn:aws:s3:::bare",
      name: "bare",
      accountId: ACCOUNT_ID,
      region: REGION,
      creationDate: null,
      policy: expect.objectContaining({ status: "error", code: "MalformedPolicy" }),
      acl: { status: "ok", value: { ownerId: null, grants: [] } },
      // An unset flag is off.
      publicAccessBlock: { status: "ok", value: { blockPublicAcls: true, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false } },
      encryption: { status: "ok", value: { rules: [] } },
      objectOwnership: { status: "absent" },
      notifications: { status: "ok", value: { lambdaFunctionArns: [], queueArns: [], topicArns: [], eventBridge: false } },
    });
    expect(b.raw).toMatchObject({ bucket: { Name: "bare" } });
  });

  it("reads queue attributes that are missing or malformed as their defaults, not as errors", () => {
    const out = normalizeNeighbours(
      raw({
        queues: ok([
          { url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT_ID}/jobs.fifo`, attributes: ok({ Attributes: { RedrivePolicy: "{oops" } }) },
          { url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT_ID}/bare`, attributes: ok({}) },
        ]),
      }),
      ctx,
    );
    const [fifo, bare] = out.sqs_queue.resources.map((r) => r.record);
    expect(fifo).toMatchObject({
      arn: `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:jobs.fifo`,
      fifo: true,
      policy: { status: "absent" },
      encryption: { status: "ok", value: { kmsMasterKeyId: null, sqsManagedSse: false } },
      deadLetterTargetArn: { status: "ok", value: null },
    });
    expect(bare.name).toBe("bare");
  });

  it("marks a topic's fields unknown when its attributes could not be read", () => {
    const arn = `arn:aws:sns:${REGION}:${ACCOUNT_ID}:alerts`;
    const [t] = normalizeNeighbours(raw({ topics: ok([{ arn, attributes: denied }]) }), ctx).sns_topic.resources;
    expect(t.record).toMatchObject({ name: "alerts", policy: denied, encryption: denied, fifo: false });
  });

  it("rebuilds a table's ARN when DescribeTable failed, and drops the stream ARN of a disabled stream", () => {
    const out = normalizeNeighbours(
      raw({
        tables: ok([
          { name: "gone", table: denied },
          {
            name: "old-stream",
            table: ok({ Table: { TableName: "old-stream", LatestStreamArn: "arn:aws:dynamodb:x:y:table/old-stream/stream/1", StreamSpecification: { StreamEnabled: false } } }),
          },
        ]),
      }),
      ctx,
    );
    expect(out.dynamodb_table.resources.map((r) => r.arn)).toEqual([
      `arn:aws:dynamodb:${REGION}:${ACCOUNT_ID}:table/gone`,
      `arn:aws:dynamodb:${REGION}:${ACCOUNT_ID}:table/old-stream`,
    ]);
    expect(out.dynamodb_table.resources[0].record.details).toEqual(denied);
    expect(out.dynamodb_table.resources[1].record.details).toMatchObject({ status: "ok", value: { streamArn: null, sse: null } });
  });

  it("names a key by its customer alias, and reports rotation unknown when DescribeKey failed", () => {
    const out = normalizeNeighbours(
      raw({
        keys: ok([
          { key: { KeyId: keyId(1) }, metadata: ok({ KeyMetadata: { KeyId: keyId(1) } }), rotation: ok({}) },
          { key: { KeyId: keyId(2), KeyArn: keyArn(2) }, metadata: denied, rotation: { status: "skipped", reason: "DescribeKey failed" } },
        ]),
        aliases: ok([
          { AliasName: "alias/zz-orders", TargetKeyId: keyId(1) },
          { AliasName: "alias/aws/lambda", TargetKeyId: keyId(1) },
          { AliasName: "alias/unused" },
        ]),
      }),
      ctx,
    );
    const [k1, k2] = out.kms_key.resources.map((r) => r.record);
    expect(k1).toMatchObject({
      arn: `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/${keyId(1)}`,
      name: "alias/zz-orders",
      aliases: ["alias/aws/lambda", "alias/zz-orders"],
      rotation: { status: "ok", value: { enabled: false, periodDays: null, nextRotationDate: null } },
    });
    expect(k2.rotation).toEqual(denied);
    expect(k2.metadata).toEqual(denied);
  });

  it("keys trails uniquely per account and region", () => {
    expect(trailKey(trailArn("t"), ACCOUNT_ID, "home", ctx)).toBe(trailArn("t"));
    expect(trailKey(trailArn("t"), ACCOUNT_ID, "shadow", ctx)).toBe(`${trailArn("t")}@${REGION}`);
    expect(trailKey(trailArn("org", OTHER_ACCOUNT), OTHER_ACCOUNT, "home", ctx)).toBe(`${trailArn("org", OTHER_ACCOUNT)}#${ACCOUNT_ID}`);
    expect(trailKey(trailArn("org", OTHER_ACCOUNT), OTHER_ACCOUNT, "shadow", ctx)).toBe(`${trailArn("org", OTHER_ACCOUNT)}#${ACCOUNT_ID}@${REGION}`);
    const out = normalizeNeighbours(
      raw({
        trails: ok([
          { trail: { Name: "min", TrailARN: trailArn("min"), HomeRegion: REGION }, selectors: ok({}), status: denied },
          { trail: homeTrail, selectors: ok({ EventSelectors: [{ DataResources: [{ Type: "AWS::Lambda::Function" }] }] }), status: ok({}) },
          // Listed twice (pages are not stable under change): stored once.
          { trail: homeTrail, selectors: ok({}), status: ok({}) },
        ]),
      }),
      ctx,
    );
    const [min, home] = out.cloudtrail_trail.resources.map((r) => r.record);
    expect(out.cloudtrail_trail.resources).toHaveLength(2);
    expect(min).toMatchObject({ isMultiRegion: false, isOrganizationTrail: false, s3BucketName: null, selectors: { status: "ok", value: { basic: [], advanced: [] } }, isLogging: denied });
    expect(home.selectors).toEqual({
      status: "ok",
      value: { basic: [{ readWriteType: null, includeManagementEvents: null, dataResources: [{ type: "AWS::Lambda::Function", values: [] }] }], advanced: [] },
    });
    expect(home.isLogging).toEqual({ status: "ok", value: false });
  });

  it("builds log group and subnet ARNs AWS did not return, and marks the log group listing incomplete on a failed lookup", () => {
    const out = normalizeNeighbours(
      raw({
        logGroups: { lambdaPrefix: ok([{ logGroupName: "/aws/lambda/old" }]), named: [{ name: "/custom", result: denied }] },
        subnets: ok([{ SubnetId: "subnet-1" }]),
      }),
      ctx,
    );
    expect(out.logs_log_group.resources[0].arn).toBe(`arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:/aws/lambda/old`);
    expect(out.logs_log_group.resources[0].record).toMatchObject({ retentionInDays: null, kmsKeyId: null, creationTime: null });
    expect(out.logs_log_group.listingComplete).toBe(false);
    expect(out.ec2_subnet.resources[0]).toMatchObject({
      arn: `arn:aws:ec2:${REGION}:${ACCOUNT_ID}:subnet/subnet-1`,
      record: { name: "subnet-1", availabilityZone: null, ownerId: null },
    });
  });

  it("makes one Access Analyzer record per region, listing failure included", () => {
    const out = normalizeNeighbours(raw({ analyzers: denied }), ctx);
    expect(out.accessanalyzer_region).toEqual({
      listingComplete: true,
      resources: [
        {
          arn: `arn:aws:access-analyzer:${REGION}:${ACCOUNT_ID}:analyzer/*`,
          raw: denied,
          record: { arn: `arn:aws:access-analyzer:${REGION}:${ACCOUNT_ID}:analyzer/*`, name: `IAM Access Analyzer ${REGION}`, accountId: ACCOUNT_ID, region: REGION, analyzers: denied },
        },
      ],
    });
  });

  it("uses the partition of the region in the ARNs it builds", () => {
    const cn = { ...ctx, region: "cn-north-1" };
    const out = normalizeNeighbours(raw({ buckets: ok([{ bucket: { Name: "b" }, policy: { status: "absent" }, acl: ok({}), publicAccessBlock: { status: "absent" }, encryption: { status: "absent" }, ownershipControls: { status: "absent" }, notification: ok({}) }]) }), cn);
    expect(out.s3_bucket.resources[0].arn).toBe("arn:aws-cn:s3:::b");
    expect(out.accessanalyzer_region.resources[0].arn).toBe(`arn:aws-cn:access-analyzer:cn-north-1:${ACCOUNT_ID}:analyzer/*`);
  });
});
