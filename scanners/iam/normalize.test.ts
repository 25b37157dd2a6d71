import { describe, expect, it } from "vitest";
import { makeFingerprint } from "@/lib/aws/redact";
import { isAwsManagedPolicyArn, normalizeIam, storedPolicyArn, type IamOutput } from "@/scanners/iam/normalize";
import type { IamRaw, TManagedPolicyDetail } from "@/scanners/iam/raw";
import {
  ZIamGroupRecord,
  ZIamPolicyRecord,
  ZIamRoleRecord,
  ZIamUserRecord,
  type TIamPolicyRecord,
  type TIamRoleRecord,
} from "@/scanners/iam/record";
import type { NormalizeContext } from "@/scanners/types";
import { ACCOUNT_ID, ARNS, completedReport, fixtureRaw } from "./__fixtures__/fixtures";

const ctx: NormalizeContext = { accountId: ACCOUNT_ID, region: "global", fingerprint: makeFingerprint("iam-normalize-test-secret-0") };

type CompleteRaw = Extract<IamRaw, { listing: "complete" }>;

function completeRaw(lastAccessed: CompleteRaw["lastAccessed"] = {}): CompleteRaw {
  const raw = fixtureRaw(lastAccessed);
  if (raw.listing !== "complete") throw new Error("fixture raw should be complete");
  return raw;
}

function byArn<K extends keyof IamOutput>(out: IamOutput, kind: K): Map<string, IamOutput[K]["resources"][number]> {
  return new Map(out[kind].resources.map((r) => [r.arn, r] as [string, IamOutput[K]["resources"][number]]));
}

function role(raw: IamRaw, arn: string): TIamRoleRecord {
  const r = byArn(normalizeIam(raw, ctx), "iam_role").get(arn);
  if (!r) throw new Error(`no role ${arn}`);
  return r.record;
}

function policy(raw: IamRaw, key: string): TIamPolicyRecord {
  const p = byArn(normalizeIam(raw, ctx), "iam_policy").get(key);
  if (!p) throw new Error(`no policy stored under ${key}`);
  return p.record;
}

const awsPolicy = (name: string, extra: Partial<TManagedPolicyDetail> = {}): TManagedPolicyDetail => ({
  PolicyName: name,
  Arn: `arn:aws:iam::aws:policy/${name}`,
  DefaultVersionId: "v1",
  AttachmentCount: 0,
  PolicyVersionList: [{ VersionId: "v1", IsDefaultVersion: true, Document: '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' }],
  ...extra,
});

describe("normalizeIam on recorded responses", () => {
  it("returns every kind with a complete listing and schema-valid records keyed by ARN", () => {
    const out = normalizeIam(completeRaw(), ctx);
    expect(out.iam_role.resources.map((r) => r.arn)).toEqual([ARNS.ordersRole, ARNS.legacyRole, ARNS.ec2Role]);
    expect(out.iam_user.resources.map((r) => r.arn)).toEqual([ARNS.alice, ARNS.ciBot]);
    expect(out.iam_group.resources.map((r) => r.arn)).toEqual([ARNS.developers]);
    expect(out.iam_policy.resources.map((r) => r.arn)).toEqual([
      ARNS.ordersPolicy,
      ARNS.boundaryPolicy,
      `${ARNS.adminPolicy}#${ACCOUNT_ID}`,
      `${ARNS.readOnlyPolicy}#${ACCOUNT_ID}`,
    ]);
    for (const kind of Object.values(out)) expect(kind.listingComplete).toBe(true);
    const schemas = { iam_role: ZIamRoleRecord, iam_user: ZIamUserRecord, iam_group: ZIamGroupRecord, iam_policy: ZIamPolicyRecord };
    for (const [kind, schema] of Object.entries(schemas)) {
      for (const r of out[kind as keyof IamOutput].resources) expect(schema.safeParse(r.record).success, r.arn).toBe(true);
    }
  });

  it("maps a Lambda execution role: URL-decoded trust and inline policies, attachments, boundary, tags, last use", () => {
    const record = role(completeRaw(), ARNS.ordersRole);
    expect(record).toMatchObject({
      arn: ARNS.ordersRole,
      name: "orders-api-role",
      accountId: ACCOUNT_ID,
      path: "/",
      roleId: "AROAEXAMPLEORDERS0004",
      createDate: "2024-03-01T09:00:00.000Z",
      attachedPolicies: [
        { arn: ARNS.ordersPolicy, name: "orders-data-access" },
        { arn: ARNS.adminPolicy, name: "AdministratorAccess" },
      ],
      permissionsBoundary: { arn: ARNS.boundaryPolicy, type: "PermissionsBoundaryPolicy" },
      instanceProfiles: [],
      roleLastUsed: { date: "2026-11-22T17:41:09.000Z", region: "us-east-1" },
      tags: { service: "orders", env: "prod" },
      maxSessionDuration: { status: "ok", value: 3600 },
      lastAccessed: { status: "absent" },
    });
    if (record.trustPolicy.status !== "ok") throw new Error("trust policy should parse");
    expect(record.trustPolicy.value.text.startsWith("{")).toBe(true);
    expect(record.trustPolicy.value.document).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: ["lambda.amazonaws.com"] }, Action: ["sts:AssumeRole"] }],
    });
    // A single statement object becomes an array; scalar Action/Resource become arrays.
    expect(record.inlinePolicies).toEqual([
      {
        name: "orders-table",
        policy: {
          status: "ok",
          value: {
            document: {
              Version: "2012-10-17",
              Statement: [
                {
                  Sid: "Tables",
                  Effect: "Allow",
                  Action: ["dynamodb:GetItem", "dynamodb:PutItem"],
                  Resource: [`arn:aws:dynamodb:us-east-1:${ACCOUNT_ID}:table/orders`],
                },
              ],
            },
            text: expect.stringContaining('"Sid": "Tables"'),
          },
        },
      },
    ]);
  });

  it("reads plain JSON beside URL-encoded documents, a literal % included, and keeps a malformed one as an error outcome", () => {
    const record = role(completeRaw(), ARNS.legacyRole);
    expect(record.trustPolicy).toMatchObject({ status: "ok", value: { document: { Statement: [{ Principal: { Service: ["lambda.amazonaws.com"] } }] } } });
    const [broken, reports] = record.inlinePolicies;
    expect(broken).toEqual({ name: "broken", policy: { status: "error", code: "MalformedPolicy", message: expect.stringContaining("not valid JSON") } });
    expect(reports.policy).toMatchObject({ status: "ok", value: { document: { Statement: [{ Resource: ["arn:aws:s3:::reports/100%25/*"] }] } } });
    expect(record.roleLastUsed).toBeNull();
    expect(record.tags).toEqual({});
    expect(record.permissionsBoundary).toBeNull();
  });

  it("maps a service role with an instance profile, a cross-account trust statement and NotAction", () => {
    const record = role(completeRaw(), ARNS.ec2Role);
    expect(record.path).toBe("/service-role/");
    expect(record.instanceProfiles).toEqual([
      { arn: `arn:aws:iam::${ACCOUNT_ID}:instance-profile/ec2-ops`, name: "ec2-ops", id: "AIPAEXAMPLEEC2OPS0007" },
    ]);
    if (record.trustPolicy.status !== "ok") throw new Error("trust policy should parse");
    expect(record.trustPolicy.value.document.Statement[1]).toEqual({
      Sid: "Partner",
      Effect: "Allow",
      Principal: { AWS: ["arn:aws:iam::444455556666:root"] },
      Action: ["sts:AssumeRole"],
      Condition: { StringEquals: { "sts:ExternalId": ["partner-ext-id"] } },
    });
    expect(record.inlinePolicies[0].policy).toMatchObject({ status: "ok", value: { document: { Statement: [{ NotAction: ["iam:*"] }] } } });
    expect(record.maxSessionDuration).toEqual({ status: "ok", value: 43200 });
  });

  it("stores a missing document as MissingPolicyDocument, not as an empty policy", () => {
    const raw = completeRaw();
    raw.roles[0] = { ...raw.roles[0], AssumeRolePolicyDocument: undefined, RolePolicyList: [{ PolicyName: "gone", PolicyDocument: null }] };
    const record = role(raw, ARNS.ordersRole);
    expect(record.trustPolicy).toMatchObject({ status: "error", code: "MissingPolicyDocument" });
    expect(record.inlinePolicies[0].policy).toMatchObject({ status: "error", code: "MissingPolicyDocument" });
  });

  it("maps users with their groups, policies, boundary and tags, and nothing about credentials", () => {
    const users = byArn(normalizeIam(completeRaw(), ctx), "iam_user");
    expect(users.get(ARNS.alice)?.record).toMatchObject({
      name: "alice",
      path: "/",
      groups: [{ name: "developers", arn: ARNS.developers }],
      inlinePolicies: [{ name: "self-service", policy: { status: "ok" } }],
      attachedPolicies: [],
      permissionsBoundary: { arn: ARNS.boundaryPolicy, type: "PermissionsBoundaryPolicy" },
      tags: { team: "payments" },
    });
    expect(users.get(ARNS.ciBot)?.record).toMatchObject({
      path: "/machines/",
      attachedPolicies: [{ arn: ARNS.readOnlyPolicy, name: "ReadOnlyAccess" }],
      permissionsBoundary: null,
    });
    expect(Object.keys(ZIamUserRecord.shape).join(",")).not.toMatch(/password|accessKey|mfa|credential/i);
  });

  it("maps groups with their members (from the users' group lists) and policies", () => {
    const group = byArn(normalizeIam(completeRaw(), ctx), "iam_group").get(ARNS.developers)?.record;
    expect(group).toMatchObject({
      name: "developers",
      groupId: "AGPAEXAMPLEDEVS000003",
      inlinePolicies: [{ name: "logs", policy: { status: "ok", value: { document: { Statement: [{ Action: ["logs:*"] }] } } } }],
      attachedPolicies: [{ arn: ARNS.readOnlyPolicy, name: "ReadOnlyAccess" }],
      members: [
        { name: "alice", arn: ARNS.alice },
        { name: "ci-bot", arn: ARNS.ciBot },
      ],
    });
  });

  it("keeps every managed policy version, each parsed, the default one marked", () => {
    const record = policy(completeRaw(), ARNS.ordersPolicy);
    expect(record).toMatchObject({
      arn: ARNS.ordersPolicy,
      name: "orders-data-access",
      isAwsManaged: false,
      attachmentCount: 1,
      permissionsBoundaryUsageCount: 0,
      isAttachable: true,
      defaultVersionId: "v2",
    });
    expect(record.versions.map((v) => [v.versionId, v.isDefault, v.createDate])).toEqual([
      ["v2", true, "2024-06-01T09:00:00.000Z"],
      ["v1", false, "2024-03-01T09:00:00.000Z"],
    ]);
    expect(record.versions[0].policy).toMatchObject({ status: "ok", value: { document: { Statement: [{ Resource: ["arn:aws:s3:::orders-bucket/*"] }] } } });
    expect(record.versions[1].policy).toMatchObject({ status: "ok", value: { document: { Statement: [{ Action: ["s3:*"] }] } } });
  });

  it("stores an AWS managed policy per account under a key of its own, with its real ARN in the record", () => {
    expect(storedPolicyArn(ARNS.adminPolicy, ACCOUNT_ID)).toBe(`${ARNS.adminPolicy}#${ACCOUNT_ID}`);
    expect(storedPolicyArn(ARNS.ordersPolicy, ACCOUNT_ID)).toBe(ARNS.ordersPolicy);
    expect(isAwsManagedPolicyArn("arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess")).toBe(true);
    expect(isAwsManagedPolicyArn(`arn:aws:iam::${ACCOUNT_ID}:policy/aws/ReadOnlyAccess`)).toBe(false);
    const admin = policy(completeRaw(), `${ARNS.adminPolicy}#${ACCOUNT_ID}`);
    expect(admin).toMatchObject({ arn: ARNS.adminPolicy, accountId: ACCOUNT_ID, isAwsManaged: true, defaultVersionId: "v1" });
    // Two accounts using the same AWS managed policy get two rows.
    const other = normalizeIam(completeRaw(), { ...ctx, accountId: "999988887777" });
    expect(other.iam_policy.resources.map((r) => r.arn)).toContain(`${ARNS.adminPolicy}#999988887777`);
  });

  it("keeps only the AWS managed policies in use (moto returns all ~1,500), whatever their counts say", () => {
    const raw = completeRaw();
    raw.policies.push(
      awsPolicy("AmazonS3FullAccess"), // unused: dropped
      awsPolicy("CountedElsewhere", { AttachmentCount: 2 }), // IAM counts an attachment: kept
      awsPolicy("BoundaryOnly", { PermissionsBoundaryUsageCount: 1 }), // used as a boundary: kept
      awsPolicy("ReferencedOnly"), // moto leaves counts at 0; a listed entity attaches it: kept
    );
    raw.groups[0] = { ...raw.groups[0], AttachedManagedPolicies: [{ PolicyArn: "arn:aws:iam::aws:policy/ReferencedOnly", PolicyName: "ReferencedOnly" }] };
    const names = normalizeIam(raw, ctx).iam_policy.resources.map((r) => r.record.name);
    expect(names).not.toContain("AmazonS3FullAccess");
    expect(names).toEqual(expect.arrayContaining(["CountedElsewhere", "BoundaryOnly", "ReferencedOnly", "lantern-boundary"]));
  });

  it("reads a policy's name from its ARN when GAAD leaves PolicyName out (as moto does)", () => {
    const raw = completeRaw();
    raw.policies = raw.policies.map((p) => ({ ...p, PolicyName: undefined, PolicyId: undefined }));
    const names = normalizeIam(raw, ctx).iam_policy.resources.map((r) => r.record.name);
    expect(names).toEqual(["orders-data-access", "lantern-boundary", "AdministratorAccess", "ReadOnlyAccess"]);
  });

  it("says which role ListRoles missed instead of inventing a session duration", () => {
    const raw = completeRaw();
    if (raw.roleSessionDurations.status !== "ok") throw new Error("fixture ListRoles should succeed");
    raw.roleSessionDurations.value = raw.roleSessionDurations.value.filter((r) => r.Arn !== ARNS.ec2Role);
    expect(role(raw, ARNS.ec2Role).maxSessionDuration).toMatchObject({ status: "error", code: "NotInListRoles" });
    expect(role(raw, ARNS.ordersRole).maxSessionDuration).toEqual({ status: "ok", value: 3600 });
  });

  it("maps a last-accessed report: services, tracked actions only where IAM tracks them", () => {
    const record = role(completeRaw({ [ARNS.ordersRole]: { status: "ok", value: completedReport() } }), ARNS.ordersRole);
    expect(record.lastAccessed).toEqual({
      status: "ok",
      value: {
        jobCompletedAt: "2026-11-23T08:00:03.000Z",
        services: [
          {
            namespace: "dynamodb",
            name: "Amazon DynamoDB",
            lastAuthenticated: "2026-11-22T17:41:00.000Z",
            lastAuthenticatedEntity: ARNS.ordersRole,
            lastAuthenticatedRegion: "us-east-1",
            totalAuthenticatedEntities: 1,
          },
          {
            namespace: "iam",
            name: "AWS Identity and Access Management",
            lastAuthenticated: null,
            lastAuthenticatedEntity: null,
            lastAuthenticatedRegion: null,
            totalAuthenticatedEntities: 0,
            trackedActions: [
              { name: "PassRole", lastAccessedTime: null, lastAccessedEntity: null, lastAccessedRegion: null },
              { name: "CreateRole", lastAccessedTime: null, lastAccessedEntity: null, lastAccessedRegion: null },
            ],
          },
          {
            namespace: "s3",
            name: "Amazon S3",
            lastAuthenticated: "2026-10-30T11:00:00.000Z",
            lastAuthenticatedEntity: ARNS.ordersRole,
            lastAuthenticatedRegion: "us-east-1",
            totalAuthenticatedEntities: 1,
            trackedActions: [
              { name: "GetObject", lastAccessedTime: "2026-10-30T11:00:00.000Z", lastAccessedEntity: ARNS.ordersRole, lastAccessedRegion: "us-east-1" },
              { name: "DeleteBucket", lastAccessedTime: null, lastAccessedEntity: null, lastAccessedRegion: null },
            ],
          },
        ],
      },
    });
  });

  it("passes a last-accessed error outcome through unchanged", () => {
    const failure = { status: "error" as const, code: "UnexpectedResponse", message: "HTTP 500: not implemented" };
    expect(role(completeRaw({ [ARNS.ordersRole]: failure }), ARNS.ordersRole).lastAccessed).toEqual(failure);
  });

  it("keeps the responses each record came from as its raw", () => {
    const report = { status: "ok" as const, value: completedReport() };
    const raw = completeRaw({ [ARNS.ordersRole]: report });
    const out = normalizeIam(raw, ctx);
    expect(byArn(out, "iam_role").get(ARNS.ordersRole)?.raw).toEqual({ detail: raw.roles[0], maxSessionDuration: 3600, lastAccessed: report });
    expect(byArn(out, "iam_role").get(ARNS.legacyRole)?.raw).toMatchObject({ lastAccessed: { status: "absent" } });
    expect(byArn(out, "iam_user").get(ARNS.alice)?.raw).toEqual(raw.users[0]);
    expect(byArn(out, "iam_policy").get(ARNS.ordersPolicy)?.raw).toEqual(raw.policies[0]);
  });

  it("stores an entity GAAD repeats across pages once", () => {
    const raw = completeRaw();
    raw.roles.push({ ...raw.roles[0] });
    raw.policies.push({ ...raw.policies[2] });
    const out = normalizeIam(raw, ctx);
    expect(out.iam_role.resources.filter((r) => r.arn === ARNS.ordersRole)).toHaveLength(1);
    expect(out.iam_policy.resources.filter((r) => r.record.arn === ARNS.adminPolicy)).toHaveLength(1);
  });

  it("is pure: the raw is left as it was", () => {
    const raw = completeRaw({ [ARNS.ordersRole]: { status: "ok", value: completedReport() } });
    const before = structuredClone(raw);
    normalizeIam(raw, ctx);
    expect(raw).toEqual(before);
  });

  it("returns all four kinds empty and incomplete for a failed GAAD", () => {
    const out = normalizeIam({ listing: "failed", code: "AccessDenied", message: "denied" }, ctx);
    expect(out).toEqual({
      iam_role: { resources: [], listingComplete: false },
      iam_user: { resources: [], listingComplete: false },
      iam_group: { resources: [], listingComplete: false },
      iam_policy: { resources: [], listingComplete: false },
    });
  });
});
