// collect + normalize against moto (the AWS emulator the integration global setup starts): real SDK clients,
// real HTTP, real pagination code, in a fresh moto account per run (x-moto-account-id).
// What moto cannot show is covered in collect.test.ts: GAAD paging (moto answers in one page whatever MaxItems
// says), AccessDenied, throttling, and the last-accessed job states. moto lacks GenerateServiceLastAccessedDetails
// and GetServiceLastAccessedDetails (HTTP 500), so here a requested report must end as an error outcome
// (UNKNOWN), never as an empty success.
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { beforeAll, describe, expect, it } from "vitest";
import { instrument, type CallMetrics } from "@/lib/aws/clients";
import { makeFingerprint } from "@/lib/aws/redact";
import { env } from "@/lib/env";
import { iamScanner } from "@/scanners/iam/iam.scanner";
import type { IamOutput } from "@/scanners/iam/normalize";
import type { CallError } from "@/scanners/types";
import { randomAccountId } from "@/tests/support/moto";

const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
/** The SDK's attempts per call in this file: moto's HTTP 500 for the last-accessed calls is retried once. */
const MAX_ATTEMPTS = 2;

const doc = (statement: Record<string, unknown>) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });

function assertEmulator() {
  const { LANTERN_AWS_EMULATOR, AWS_ENDPOINT_URL } = env();
  const host = AWS_ENDPOINT_URL ? new URL(AWS_ENDPOINT_URL).hostname : "";
  // Creates roles, users and policies: refuse anything but a local emulator.
  if (!LANTERN_AWS_EMULATOR || !["127.0.0.1", "localhost", "::1"].includes(host)) {
    throw new Error("iam.int.test.ts needs LANTERN_AWS_EMULATOR=true and AWS_ENDPOINT_URL on loopback (moto)");
  }
}

describe("iam scanner against moto", () => {
  const accountId = randomAccountId();
  const arns = { role: "", boundary: "", customer: "", user: "", group: "" };
  let out: IamOutput;
  let errors: CallError[];
  let metrics: CallMetrics;

  beforeAll(async () => {
    assertEmulator();
    const iam = instrument(new IAMClient({ region: "us-east-1" }), { calls: 0, throttles: 0 }, accountId);

    const boundary = await iam.send(
      new CreatePolicyCommand({ PolicyName: "int-boundary", PolicyDocument: doc({ Effect: "Allow", Action: ["s3:*", "logs:*"], Resource: "*" }) }),
    );
    arns.boundary = boundary.Policy?.Arn ?? "";
    const customer = await iam.send(
      new CreatePolicyCommand({ PolicyName: "int-orders", PolicyDocument: doc({ Effect: "Allow", Action: "s3:*", Resource: "*" }) }),
    );
    arns.customer = customer.Policy?.Arn ?? "";
    await iam.send(
      new CreatePolicyVersionCommand({
        PolicyArn: arns.customer,
        PolicyDocument: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::orders/*" }),
        SetAsDefault: true,
      }),
    );

    const role = await iam.send(
      new CreateRoleCommand({
        RoleName: "int-fn-role",
        Path: "/lambda/",
        AssumeRolePolicyDocument: doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }),
        PermissionsBoundary: arns.boundary,
        MaxSessionDuration: 7200,
        Tags: [{ Key: "service", Value: "orders" }],
      }),
    );
    arns.role = role.Role?.Arn ?? "";
    await iam.send(
      new PutRolePolicyCommand({ RoleName: "int-fn-role", PolicyName: "inline-logs", PolicyDocument: doc({ Effect: "Allow", Action: "logs:PutLogEvents", Resource: "*" }) }),
    );
    await iam.send(new AttachRolePolicyCommand({ RoleName: "int-fn-role", PolicyArn: arns.customer }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: "int-fn-role", PolicyArn: ADMIN }));

    const group = await iam.send(new CreateGroupCommand({ GroupName: "int-devs" }));
    arns.group = group.Group?.Arn ?? "";
    await iam.send(new PutGroupPolicyCommand({ GroupName: "int-devs", PolicyName: "group-inline", PolicyDocument: doc({ Effect: "Allow", Action: "cloudwatch:Get*", Resource: "*" }) }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: "int-devs", PolicyArn: READ_ONLY }));
    const user = await iam.send(new CreateUserCommand({ UserName: "int-alice", Tags: [{ Key: "team", Value: "payments" }] }));
    arns.user = user.User?.Arn ?? "";
    await iam.send(new AddUserToGroupCommand({ GroupName: "int-devs", UserName: "int-alice" }));
    await iam.send(new PutUserPolicyCommand({ UserName: "int-alice", PolicyName: "self", PolicyDocument: doc({ Effect: "Allow", Action: "iam:ChangePassword", Resource: "*" }) }));

    metrics = { calls: 0, throttles: 0 };
    errors = [];
    const scanClient = instrument(new IAMClient({ region: "us-east-1", maxAttempts: MAX_ATTEMPTS }), metrics, accountId);
    const raw = await iamScanner.collect(
      { iam: scanClient },
      { accountId, region: "global", recordError: (e) => errors.push(e), hints: { lambdaRoleArns: [arns.role] } },
    );
    out = iamScanner.normalize(raw, { accountId, region: "global", fingerprint: makeFingerprint("iam-int-test-secret-000000") });
  });

  it("lists every kind completely, in one GAAD page and one ListRoles page, and calls GetRole never", () => {
    for (const kind of Object.values(out)) expect(kind.listingComplete).toBe(true);
    // GAAD + ListRoles + every attempt at the one GenerateServiceLastAccessedDetails moto fails.
    expect(metrics).toEqual({ calls: 2 + MAX_ATTEMPTS, throttles: 0 });
    expect(out.iam_role.resources.map((r) => r.arn)).toEqual([arns.role]);
    expect(out.iam_user.resources.map((r) => r.arn)).toEqual([arns.user]);
    expect(out.iam_group.resources.map((r) => r.arn)).toEqual([arns.group]);
  });

  it("records the role: trust, inline and attached policies, boundary, tags, session duration", () => {
    const role = out.iam_role.resources[0].record;
    expect(role).toMatchObject({
      name: "int-fn-role",
      accountId,
      path: "/lambda/",
      attachedPolicies: expect.arrayContaining([
        { arn: arns.customer, name: "int-orders" },
        { arn: ADMIN, name: "AdministratorAccess" },
      ]),
      permissionsBoundary: { arn: arns.boundary, type: "PermissionsBoundaryPolicy" },
      tags: { service: "orders" },
      maxSessionDuration: { status: "ok", value: 7200 },
      // moto never tracks use (RoleLastUsed is always {}).
      roleLastUsed: null,
    });
    expect(role.attachedPolicies).toHaveLength(2);
    // moto returns this trust policy as plain JSON and the inline policy URL-encoded: both must parse.
    expect(role.trustPolicy).toMatchObject({
      status: "ok",
      value: { document: { Statement: [{ Effect: "Allow", Principal: { Service: ["lambda.amazonaws.com"] }, Action: ["sts:AssumeRole"] }] } },
    });
    expect(role.inlinePolicies).toEqual([
      {
        name: "inline-logs",
        policy: {
          status: "ok",
          value: {
            document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["logs:PutLogEvents"], Resource: ["*"] }] },
            text: expect.stringMatching(/^\{/),
          },
        },
      },
    ]);
  });

  it("ends the requested last-accessed report as an error outcome (moto lacks the API), never an empty success", () => {
    const role = out.iam_role.resources[0].record;
    expect(role.lastAccessed).toMatchObject({ status: "error", code: "UnexpectedResponse", message: expect.stringMatching(/^HTTP 500: /) });
    expect(errors).toEqual([
      { api: "iam:GenerateServiceLastAccessedDetails", resource: arns.role, code: "UnexpectedResponse", message: expect.any(String) },
    ]);
  });

  it("records the user in its group, and the group with its member and policies", () => {
    expect(out.iam_user.resources[0].record).toMatchObject({
      name: "int-alice",
      groups: [{ name: "int-devs", arn: arns.group }],
      inlinePolicies: [{ name: "self", policy: { status: "ok" } }],
      attachedPolicies: [],
      permissionsBoundary: null,
      tags: { team: "payments" },
    });
    expect(out.iam_group.resources[0].record).toMatchObject({
      name: "int-devs",
      members: [{ name: "int-alice", arn: arns.user }],
      inlinePolicies: [{ name: "group-inline", policy: { status: "ok", value: { document: { Statement: [{ Action: ["cloudwatch:Get*"] }] } } } }],
      attachedPolicies: [{ arn: READ_ONLY, name: "ReadOnlyAccess" }],
    });
  });

  it("records the customer policies with every version and only the AWS managed policies in use", () => {
    const policies = new Map(out.iam_policy.resources.map((r) => [r.record.arn, r]));
    // moto's GAAD returns all ~1,500 AWS managed policies; the account uses two.
    expect([...policies.keys()].sort()).toEqual([ADMIN, READ_ONLY, arns.boundary, arns.customer].sort());
    expect(policies.get(ADMIN)?.arn).toBe(`${ADMIN}#${accountId}`);
    expect(policies.get(ADMIN)?.record).toMatchObject({
      isAwsManaged: true,
      attachmentCount: 1,
      versions: [{ isDefault: true, policy: { status: "ok", value: { document: { Statement: [{ Effect: "Allow", Action: ["*"], Resource: ["*"] }] } } } }],
    });
    const customer = policies.get(arns.customer)?.record;
    expect(customer).toMatchObject({ name: "int-orders", isAwsManaged: false, defaultVersionId: "v2", attachmentCount: 1 });
    expect(customer?.versions.map((v) => [v.versionId, v.isDefault])).toEqual([
      ["v1", false],
      ["v2", true],
    ]);
    expect(customer?.versions[1].policy).toMatchObject({ status: "ok", value: { document: { Statement: [{ Action: ["s3:GetObject"] }] } } });
    expect(policies.get(arns.boundary)?.record.isAwsManaged).toBe(false);
  });

  it("asks for no last-accessed report when the hints name no role (first scan)", async () => {
    const firstScanMetrics: CallMetrics = { calls: 0, throttles: 0 };
    const firstScanErrors: CallError[] = [];
    const iam = instrument(new IAMClient({ region: "us-east-1", maxAttempts: MAX_ATTEMPTS }), firstScanMetrics, accountId);
    const raw = await iamScanner.collect({ iam }, { accountId, region: "global", recordError: (e) => firstScanErrors.push(e), hints: { lambdaRoleArns: [] } });
    const result = iamScanner.normalize(raw, { accountId, region: "global", fingerprint: makeFingerprint("iam-int-test-secret-000000") });
    expect(firstScanErrors).toEqual([]);
    expect(firstScanMetrics).toEqual({ calls: 2, throttles: 0 });
    expect(result.iam_role.resources[0].record.lastAccessed).toEqual({ status: "absent" });
  });

  it("sees nothing of this account from another moto account", async () => {
    const other = randomAccountId();
    const otherErrors: CallError[] = [];
    const iam = instrument(new IAMClient({ region: "us-east-1" }), { calls: 0, throttles: 0 }, other);
    const raw = await iamScanner.collect({ iam }, { accountId: other, region: "global", recordError: (e) => otherErrors.push(e) });
    const result = iamScanner.normalize(raw, { accountId: other, region: "global", fingerprint: makeFingerprint("iam-int-test-secret-000000") });
    expect(otherErrors).toEqual([]);
    expect(result.iam_role.resources).toEqual([]);
    expect(result.iam_user.resources).toEqual([]);
    // A fresh account uses no AWS managed policy and has no customer one.
    expect(result.iam_policy.resources).toEqual([]);
  });
});
