import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TIamPolicyRecord, TIamRoleRecord } from "@/scanners/iam/record";
import { administratorAccess, allow, deny, iamInventoryOf, iamRole, inlinePolicy, managedPolicy, serviceLinkedRole } from "@/lib/rules/__fixtures__/iam";
import { rule } from "./iam_role_no_administrator_access.rule";

const ADMIN = administratorAccess();
const judge = (role: TIamRoleRecord, policies: TIamPolicyRecord[] = [ADMIN], ctx = testContext(rule)) => {
  const results = rule.evaluate(iamInventoryOf({ roles: [role], policies }), ctx);
  expect(results).toHaveLength(1);
  return results[0];
};

describe("iam_role_no_administrator_access", () => {
  it("fails a role with AdministratorAccess attached (bad fixture)", () => {
    const r = judge(iamRole({ attachedPolicies: [{ arn: ADMIN.arn, name: "AdministratorAccess" }] }));
    expect(r).toMatchObject({ status: "FAIL", region: "global", resourceName: "orders-api-role" });
    expect(r.message).toBe("IAM role orders-api-role grants full administrative access (every action on every resource) through policy AdministratorAccess.");
    expect(r.evidence.adminStatements).toEqual([expect.objectContaining({ policyArn: ADMIN.arn, action: ["*"], resource: ["*"] })]);
  });

  it("fails an inline Action * and one cut only by a Deny that leaves IAM in place", () => {
    expect(judge(iamRole({ inlinePolicies: [inlinePolicy("break-glass", allow("*"))] })).message).toContain("through inline policy break-glass");
    const r = judge(iamRole({ inlinePolicies: [inlinePolicy("almost", allow("*"), deny("s3:*"))] }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toMatch(/except \d+ denied actions \(s3\), which leaves it every IAM permission to grant itself the rest\.$/);
  });

  it("passes a scoped role (good fixture)", () => {
    const r = judge(iamRole({ inlinePolicies: [inlinePolicy("orders", allow(["dynamodb:GetItem"], "arn:aws:dynamodb:us-east-1:111122223333:table/orders"))] }));
    expect(r).toMatchObject({ status: "PASS", message: "IAM role orders-api-role does not grant full administrative access." });
  });

  it("passes * cut by a Deny on IAM, and * within a narrow permissions boundary (look-alikes)", () => {
    const denied = judge(iamRole({ inlinePolicies: [inlinePolicy("p", allow("*"), deny(["iam:*", "organizations:*"]))] }));
    expect(denied.status).toBe("PASS");
    expect(denied.message).toMatch(/cut by Denies or its permissions boundary/);
    const boundary = managedPolicy("workload-boundary", [allow(["logs:*", "dynamodb:*"])]);
    const bounded = judge(iamRole({ attachedPolicies: [{ arn: ADMIN.arn, name: null }], permissionsBoundary: { arn: boundary.arn, type: "PermissionsBoundaryPolicy" } }), [ADMIN, boundary]);
    expect(bounded.status).toBe("PASS");
  });

  it("passes * granted only under a condition (look-alike)", () => {
    const r = judge(iamRole({ inlinePolicies: [inlinePolicy("p", allow("*", "*", { Condition: { Bool: { "aws:MultiFactorAuthPresent": ["true"] } } }))] }));
    expect(r.status).toBe("PASS");
  });

  it("is UNKNOWN when an attached policy is missing from the inventory or unreadable", () => {
    const missing = judge(iamRole({ attachedPolicies: [{ arn: ADMIN.arn, name: null }] }), []);
    expect(missing.status).toBe("UNKNOWN");
    expect(missing.message).toBe("Could not determine the administrative access of IAM role orders-api-role: policy arn:aws:iam::aws:policy/AdministratorAccess could not be read (missing_from_inventory).");
    const broken = judge(iamRole({ inlinePolicies: [{ name: "bad", policy: { status: "error", code: "MalformedPolicy", message: "not JSON" } }] }));
    expect(broken.message).toContain("policy bad could not be read (MalformedPolicy)");
  });

  it("is UNKNOWN when roles were not listed completely", () => {
    const r = judge(iamRole(), [ADMIN], testContext(rule, { complete: (kind) => kind !== "iam_role" }));
    expect(r).toMatchObject({ status: "UNKNOWN", evidence: { incomplete: ["iam_role"] } });
  });

  it("skips service-linked roles and roles excluded by the settings", () => {
    const linked = serviceLinkedRole("support.amazonaws.com", "AWSServiceRoleForSupport", { attachedPolicies: [{ arn: ADMIN.arn, name: null }] });
    const excluded = iamRole({ name: "break-glass", attachedPolicies: [{ arn: ADMIN.arn, name: null }] });
    const ctx = testContext(rule, { settings: { excludedRoles: ["break-*"] } });
    expect(rule.evaluate(iamInventoryOf({ roles: [linked, excluded], policies: [ADMIN] }), ctx)).toEqual([]);
  });

  it("returns nothing when there are no roles", () => {
    expect(rule.evaluate(iamInventoryOf({}), testContext(rule))).toEqual([]);
  });
});
