import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TIamRoleRecord } from "@/scanners/iam/record";
import { allow, iamInventoryOf, iamRole, inlinePolicy } from "@/lib/rules/__fixtures__/iam";
import { rule } from "./iam_role_no_credentials_exposure.rule";

const judge = (role: TIamRoleRecord, ctx = testContext(rule)) => rule.evaluate(iamInventoryOf({ roles: [role] }), ctx)[0];
const withPolicy = (...s: Parameters<typeof inlinePolicy>[1][]) => iamRole({ inlinePolicies: [inlinePolicy("p", ...s)] });

describe("iam_role_no_credentials_exposure", () => {
  it("fails access keys for every user (bad fixture)", () => {
    const r = judge(withPolicy(allow(["iam:CreateAccessKey", "iam:UpdateAccessKey"])));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe("IAM role orders-api-role can obtain credentials with 2 actions on every resource without a condition: iam:CreateAccessKey and iam:UpdateAccessKey (policy p, statement #1).");
  });

  it("fails ecr:GetAuthorizationToken, which only ever takes Resource *", () => {
    expect(judge(withPolicy(allow("ecr:GetAuthorizationToken"))).status).toBe("FAIL");
  });

  it("passes registry pulls scoped to one repository (good fixture)", () => {
    expect(judge(withPolicy(allow(["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], "arn:aws:ecr:us-east-1:111122223333:repository/app"))).status).toBe("PASS");
  });

  it("passes access keys for one user only, and role assumption (judged by R-08/R-16)", () => {
    expect(judge(withPolicy(allow("iam:CreateAccessKey", "arn:aws:iam::111122223333:user/ci"), allow("sts:AssumeRole"))).status).toBe("PASS");
  });

  it("passes database credentials behind a condition, listing them as conditional", () => {
    const r = judge(withPolicy(allow("redshift:GetClusterCredentials", "*", { Condition: { StringEquals: { "aws:RequestedRegion": ["eu-west-1"] } } })));
    expect(r).toMatchObject({ status: "PASS", evidence: { conditionalCount: 1 } });
  });

  it("is UNKNOWN on an unreadable policy", () => {
    expect(judge(iamRole({ inlinePolicies: [{ name: "bad", policy: { status: "error", code: "AccessDenied", message: "x" } }] })).status).toBe("UNKNOWN");
  });
});
