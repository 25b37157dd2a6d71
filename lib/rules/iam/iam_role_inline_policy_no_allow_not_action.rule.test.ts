import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TIamRoleRecord } from "@/scanners/iam/record";
import { fetchError } from "@/lib/rules/__fixtures__/lambda-function";
import { allow, iamInventoryOf, iamRole, inlinePolicy, serviceLinkedRole } from "@/lib/rules/__fixtures__/iam";
import { rule } from "./iam_role_inline_policy_no_allow_not_action.rule";

const only = (role: TIamRoleRecord) => {
  const results = rule.evaluate(iamInventoryOf({ roles: [role] }), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0];
};
const allButIam = { Effect: "Allow" as const, NotAction: ["iam:*"], Resource: ["*"] };

describe("iam_role_inline_policy_no_allow_not_action", () => {
  it("fails a role whose inline policy allows NotAction (bad fixture)", () => {
    const r = only(iamRole({ inlinePolicies: [inlinePolicy("ops", allow("logs:PutLogEvents"), allButIam)] }));
    expect(r).toMatchObject({ status: "FAIL", resourceName: "orders-api-role", region: "global" });
    expect(r.message).toBe("IAM role orders-api-role allows every action except those listed in NotAction (NotAction with Allow) in inline policy ops (statement #2).");
    expect(r.evidence.findings).toEqual([{ policyName: "ops", findings: [expect.objectContaining({ index: 1, notAction: ["iam:*"] })] }]);
  });

  it("fails on a readable policy even when another inline policy could not be read", () => {
    const r = only(iamRole({ inlinePolicies: [{ name: "broken", policy: fetchError("MalformedPolicy") }, inlinePolicy("ops", allButIam)] }));
    expect(r.status).toBe("FAIL");
    expect(r.evidence.unreadable).toEqual([{ name: "broken", code: "MalformedPolicy" }]);
  });

  it("passes roles without NotAction grants (good fixture) and roles without inline policies", () => {
    const r = only(iamRole({ inlinePolicies: [inlinePolicy("own-logs", allow("logs:PutLogEvents", "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/orders-api:*"))] }));
    expect(r.message).toBe("IAM role orders-api-role has no Allow statement with NotAction in its inline policies.");
    expect(only(iamRole()).message).toBe("IAM role orders-api-role has no inline policies.");
  });

  it("passes a Deny with NotAction (look-alike)", () => {
    expect(only(iamRole({ inlinePolicies: [inlinePolicy("guard", { Effect: "Deny", NotAction: ["s3:GetObject"], Resource: ["*"] })] })).status).toBe("PASS");
  });

  it("is UNKNOWN, never PASS, when the only inline policy could not be read", () => {
    const r = only(iamRole({ inlinePolicies: [{ name: "broken", policy: fetchError("MalformedPolicy") }] }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe("Could not read inline policy broken (MalformedPolicy) of IAM role orders-api-role.");
  });

  it("skips service-linked roles", () => {
    expect(rule.evaluate(iamInventoryOf({ roles: [serviceLinkedRole("lambda.amazonaws.com", "AWSServiceRoleForLambda")] }), testContext(rule))).toEqual([]);
  });
});
