import { describe, expect, it } from "vitest";
import { makeFingerprint } from "@/lib/aws/redact";
import { iamGroupKind, iamPolicyKind, iamRoleKind, iamUserKind } from "@/lib/db/kinds/iam";
import { normalizeIam } from "@/scanners/iam/normalize";
import { ACCOUNT_ID, ARNS, fixtureRaw } from "@/scanners/iam/__fixtures__/fixtures";

const out = normalizeIam(fixtureRaw(), { accountId: ACCOUNT_ID, region: "global", fingerprint: makeFingerprint("iam-kinds-test-secret-000") });
const record = <T extends { arn: string; record: unknown }>(resources: T[], arn: string): T["record"] => {
  const r = resources.find((x) => x.arn === arn);
  if (!r) throw new Error(`no resource ${arn}`);
  return r.record;
};

describe("IAM resource kinds", () => {
  it("are the four IAM tables, each with its resource type", () => {
    expect([iamRoleKind, iamUserKind, iamGroupKind, iamPolicyKind].map((k) => [k.resourceType, k.model])).toEqual([
      ["iam_role", "iamRole"],
      ["iam_user", "iamUser"],
      ["iam_group", "iamGroup"],
      ["iam_policy", "iamPolicy"],
    ]);
  });

  it("fill IamRole's typed columns: Allow-ed service principals, boundary, last use", () => {
    const orders = record(out.iam_role.resources, ARNS.ordersRole);
    expect(iamRoleKind.name(orders)).toBe("orders-api-role");
    expect(iamRoleKind.columns(orders)).toEqual({
      path: "/",
      trustedServices: ["lambda.amazonaws.com"],
      hasPermissionsBoundary: true,
      lastUsedAt: new Date("2026-11-22T17:41:09.000Z"),
    });
    // ec2 and ssm are allowed; the Deny on states.amazonaws.com trusts nobody.
    expect(iamRoleKind.columns(record(out.iam_role.resources, ARNS.ec2Role))).toMatchObject({
      path: "/service-role/",
      trustedServices: ["ec2.amazonaws.com", "ssm.amazonaws.com"],
      hasPermissionsBoundary: false,
    });
    expect(iamRoleKind.columns(record(out.iam_role.resources, ARNS.legacyRole))).toMatchObject({ lastUsedAt: null });
  });

  it("names no trusted service when the trust policy could not be read", () => {
    const orders = record(out.iam_role.resources, ARNS.ordersRole);
    const unreadable = { ...orders, trustPolicy: { status: "error" as const, code: "MalformedPolicy", message: "bad" } };
    expect(iamRoleKind.columns(unreadable).trustedServices).toEqual([]);
  });

  it("fill IamUser, IamGroup and IamPolicy's typed columns", () => {
    expect(iamUserKind.columns(record(out.iam_user.resources, ARNS.ciBot))).toEqual({ path: "/machines/" });
    expect(iamGroupKind.columns(record(out.iam_group.resources, ARNS.developers))).toEqual({ path: "/" });
    expect(iamPolicyKind.columns(record(out.iam_policy.resources, ARNS.ordersPolicy))).toEqual({
      isAwsManaged: false,
      attachmentCount: 1,
      defaultVersionId: "v2",
    });
    const admin = record(out.iam_policy.resources, `${ARNS.adminPolicy}#${ACCOUNT_ID}`);
    expect(iamPolicyKind.name(admin)).toBe("AdministratorAccess");
    expect(iamPolicyKind.columns(admin)).toEqual({ isAwsManaged: true, attachmentCount: 1, defaultVersionId: "v1" });
  });

  it("read stored records back with the records' own schemas", () => {
    for (const [kind, resources] of [
      [iamRoleKind, out.iam_role.resources],
      [iamUserKind, out.iam_user.resources],
      [iamGroupKind, out.iam_group.resources],
      [iamPolicyKind, out.iam_policy.resources],
    ] as const) {
      for (const r of resources) expect(kind.schema.parse(JSON.parse(JSON.stringify(r.record)))).toEqual(r.record);
    }
  });
});
