import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TIamPolicyRecord, TIamRoleRecord } from "@/scanners/iam/record";
import { administratorAccess, allow, deny, iamInventoryOf, iamRole, inlinePolicy, managedPolicy } from "@/lib/rules/__fixtures__/iam";
import { rule } from "./iam_role_no_service_wildcard.rule";

const judge = (role: TIamRoleRecord, policies: TIamPolicyRecord[] = [], ctx = testContext(rule)) => {
  const results = rule.evaluate(iamInventoryOf({ roles: [role], policies }), ctx);
  expect(results).toHaveLength(1);
  return results[0];
};

describe("iam_role_no_service_wildcard", () => {
  it("fails s3:* on every bucket (bad fixture) and names the statement", () => {
    const r = judge(iamRole({ inlinePolicies: [inlinePolicy("thumbs", { ...allow("s3:*"), Sid: "AllBuckets" })] }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe('IAM role orders-api-role grants every action of s3 (policy thumbs, statement "AllBuckets").');
    expect(r.evidence.serviceWildcards).toEqual([expect.objectContaining({ service: "s3", resourceScoped: false, conditional: false })]);
  });

  it("fails a wildcard in a customer managed policy and one scoped to a resource, saying so", () => {
    const policy = managedPolicy("stream-all", [allow("kinesis:*", "arn:aws:kinesis:us-east-1:111122223333:stream/clicks")]);
    const r = judge(iamRole({ attachedPolicies: [{ arn: policy.arn, name: policy.name }] }), [policy]);
    expect(r.message).toBe("IAM role orders-api-role grants every action of kinesis on specific resources (policy stream-all, statement #1).");
  });

  it("fails NotAction that covers whole services", () => {
    const r = judge(iamRole({ inlinePolicies: [inlinePolicy("p", { Effect: "Allow", NotAction: ["iam:*"], Resource: ["*"] })] }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toMatch(/grants every action of \d+ services: /);
  });

  it("passes listed actions and partial wildcards (good fixture)", () => {
    const r = judge(iamRole({ inlinePolicies: [inlinePolicy("p", allow(["s3:GetObject", "s3:PutObject", "dynamodb:*Item"]))] }));
    expect(r).toMatchObject({ status: "PASS", message: "IAM role orders-api-role does not grant every action of any service." });
  });

  it("passes a wildcard cut by a Deny or by the permissions boundary (look-alikes)", () => {
    expect(judge(iamRole({ inlinePolicies: [inlinePolicy("p", allow("s3:*"), deny("s3:DeleteBucket"))] })).status).toBe("PASS");
    const boundary = managedPolicy("b", [allow(["s3:GetObject"])]);
    expect(judge(iamRole({ inlinePolicies: [inlinePolicy("p", allow("s3:*"))], permissionsBoundary: { arn: boundary.arn, type: null } }), [boundary]).status).toBe("PASS");
  });

  it("leaves Action * to the administrator-access rule", () => {
    const admin = administratorAccess();
    expect(judge(iamRole({ attachedPolicies: [{ arn: admin.arn, name: null }] }), [admin]).status).toBe("PASS");
  });

  it("is UNKNOWN when a policy could not be read", () => {
    const r = judge(iamRole({ inlinePolicies: [{ name: "bad", policy: { status: "error", code: "MalformedPolicy", message: "x" } }] }));
    expect(r.status).toBe("UNKNOWN");
  });
});
