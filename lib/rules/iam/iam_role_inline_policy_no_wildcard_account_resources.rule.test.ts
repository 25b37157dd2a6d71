import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TIamRoleRecord } from "@/scanners/iam/record";
import { fetchError } from "@/lib/rules/__fixtures__/lambda-function";
import { allow, iamInventoryOf, iamRole, inlinePolicy } from "@/lib/rules/__fixtures__/iam";
import { rule } from "./iam_role_inline_policy_no_wildcard_account_resources.rule";

const only = (role: TIamRoleRecord) => {
  const results = rule.evaluate(iamInventoryOf({ roles: [role] }), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0];
};

describe("iam_role_inline_policy_no_wildcard_account_resources", () => {
  it("fails a function role that may invoke a function name in any account (bad fixture)", () => {
    const r = only(iamRole({ inlinePolicies: [inlinePolicy("invoke", allow("lambda:InvokeFunction", "arn:aws:lambda:us-east-1:*:function:payments-webhook"))] }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe(
      "IAM role orders-api-role names resources in any account with a wildcard account id (arn:aws:lambda:us-east-1:*:function:payments-webhook) in inline policy invoke (statement #1).",
    );
  });

  it("passes own-account ARNs (good fixture) and S3 ARNs (look-alike)", () => {
    const r = only(iamRole({ inlinePolicies: [inlinePolicy("rw", allow("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/orders"), allow("s3:GetObject", "arn:aws:s3:::acme/*"))] }));
    expect(r.message).toBe("IAM role orders-api-role names no resource ARN with a wildcard account id in its inline policies.");
  });

  it("is UNKNOWN when the inline policy could not be read", () => {
    expect(only(iamRole({ inlinePolicies: [{ name: "rw", policy: fetchError() }] })).status).toBe("UNKNOWN");
  });
});
