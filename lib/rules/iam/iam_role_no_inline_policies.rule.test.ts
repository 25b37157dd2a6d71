import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TIamRoleRecord } from "@/scanners/iam/record";
import { fetchError } from "@/lib/rules/__fixtures__/lambda-function";
import { ACCOUNT_ID, allow, iamInventoryOf, iamRole, inlinePolicy } from "@/lib/rules/__fixtures__/iam";
import { rule } from "./iam_role_no_inline_policies.rule";

const only = (role: TIamRoleRecord) => {
  const results = rule.evaluate(iamInventoryOf({ roles: [role] }), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0];
};

describe("iam_role_no_inline_policies", () => {
  it("fails a role with an inline policy (bad fixture)", () => {
    const r = only(iamRole({ inlinePolicies: [inlinePolicy("orders-api-role-policy", allow("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/orders"))] }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe("IAM role orders-api-role has an inline policy: orders-api-role-policy.");
    expect(r.evidence.inlinePolicies).toEqual([{ name: "orders-api-role-policy", status: "ok" }]);
  });

  it("counts an inline policy that could not be read", () => {
    const r = only(iamRole({ inlinePolicies: [inlinePolicy("a"), { name: "b", policy: fetchError("MalformedPolicy") }] }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe("IAM role orders-api-role has 2 inline policies: a, b.");
  });

  it("passes a role with managed policies only (good fixture)", () => {
    const r = only(iamRole({ attachedPolicies: [{ arn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", name: "AWSLambdaBasicExecutionRole" }] }));
    expect(r.status).toBe("PASS");
    expect(r.message).toBe("IAM role orders-api-role has no inline policies.");
  });

  it("is UNKNOWN when the record has no inline policy data (older scanner)", () => {
    const { inlinePolicies: _p, ...rest } = iamRole();
    expect(only(rest as TIamRoleRecord).status).toBe("UNKNOWN");
  });

  it("skips IAM Identity Center roles, whose inline policy belongs to a permission set", () => {
    const sso = iamRole({
      name: "AWSReservedSSO_Dev_0123456789abcdef",
      path: "/aws-reserved/sso.amazonaws.com/",
      arn: `arn:aws:iam::${ACCOUNT_ID}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Dev_0123456789abcdef`,
      inlinePolicies: [inlinePolicy("AwsSSOInlinePolicy", allow("s3:GetObject"))],
    });
    expect(rule.evaluate(iamInventoryOf({ roles: [sso] }), testContext(rule))).toEqual([]);
  });
});
