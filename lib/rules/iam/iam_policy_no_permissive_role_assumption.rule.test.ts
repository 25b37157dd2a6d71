import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TStatement } from "@/lib/aws/policy-document";
import { fetchError } from "@/lib/rules/__fixtures__/lambda-function";
import { allow, deny, iamInventoryOf, managedPolicy } from "@/lib/rules/__fixtures__/iam";
import { rule } from "./iam_policy_no_permissive_role_assumption.rule";

const OWN = "111122223333";
const statusOf = (...statements: TStatement[]) => {
  const results = rule.evaluate(iamInventoryOf({ policies: [managedPolicy("ci-assume", statements)] }), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0].status;
};

describe("iam_policy_no_permissive_role_assumption", () => {
  it("fails sts:AssumeRole on Resource * and says so (bad fixture)", () => {
    const [r] = rule.evaluate(iamInventoryOf({ policies: [managedPolicy("ci-assume", [allow("sts:AssumeRole", "*", { Sid: "AssumeAnything" })])] }), testContext(rule));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe('Customer managed policy ci-assume allows sts:AssumeRole on every role in every account (statement "AssumeAnything").');
    expect(r.evidence.findings).toEqual([expect.objectContaining({ action: ["sts:AssumeRole"], resource: ["*"] })]);
  });

  it.each([
    ["sts:*", [allow("sts:*")]],
    ["sts:Assume*", [allow("sts:Assume*")]],
    ["the action name in another case", [allow("STS:assumerole")]],
    ["* (admin)", [allow("*")]],
    ["NotAction that does not exclude it", [{ Effect: "Allow", NotAction: ["iam:*"], Resource: ["*"] } as TStatement]],
    ["roles of any account", [allow("sts:AssumeRole", "arn:aws:iam::*:role/*")]],
    ["NotResource", [{ Effect: "Allow", Action: ["sts:AssumeRole"], NotResource: [`arn:aws:iam::${OWN}:role/admin`] } as TStatement]],
    ["a tag condition (any account can tag its roles)", [allow("sts:AssumeRole", "*", { Condition: { StringEquals: { "aws:ResourceTag/team": ["ci"] } } })]],
    ["aws:ResourceAccount IfExists", [allow("sts:AssumeRole", "*", { Condition: { StringEqualsIfExists: { "aws:ResourceAccount": [OWN] } } })]],
  ])("fails through %s", (_label, statements) => {
    expect(statusOf(...statements)).toBe("FAIL");
  });

  it.each([
    ["named roles (good fixture)", [allow("sts:AssumeRole", [`arn:aws:iam::${OWN}:role/deploy`, "arn:aws:iam::444455556666:role/audit"])]],
    ["every role of the own account only", [allow("sts:AssumeRole", `arn:aws:iam::${OWN}:role/*`)]],
    ["Resource * pinned by aws:ResourceAccount", [allow("sts:AssumeRole", "*", { Condition: { StringEquals: { "aws:ResourceAccount": [OWN] } } })]],
    ["Resource * pinned by aws:ResourceOrgID", [allow("sts:AssumeRole", "*", { Condition: { StringEquals: { "aws:ResourceOrgID": ["o-acme4pay01"] } } })]],
    ["other sts actions on *", [allow(["sts:GetCallerIdentity", "sts:AssumeRoleWithWebIdentity"])]],
    ["a Deny", [deny("sts:AssumeRole")]],
    ["NotAction that excludes sts", [{ Effect: "Allow", NotAction: ["sts:*"], Resource: ["*"] } as TStatement]],
  ])("passes %s", (_label, statements) => {
    expect(statusOf(...statements)).toBe("PASS");
  });

  it("reads the partition from the policy ARN", () => {
    const cn = managedPolicy("cn", [allow("sts:AssumeRole", "arn:aws-cn:iam::*:role/*")], { arn: `arn:aws-cn:iam::${OWN}:policy/cn` });
    expect(rule.evaluate(iamInventoryOf({ policies: [cn] }), testContext(rule))[0].status).toBe("FAIL");
  });

  it("is UNKNOWN when the default version could not be read", () => {
    const policy = managedPolicy("broken", [], { versions: [{ versionId: "v1", isDefault: true, createDate: null, policy: fetchError() }] });
    expect(rule.evaluate(iamInventoryOf({ policies: [policy] }), testContext(rule))[0].status).toBe("UNKNOWN");
  });
});
