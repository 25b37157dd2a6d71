import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TIamRoleRecord } from "@/scanners/iam/record";
import { fetchError } from "@/lib/rules/__fixtures__/lambda-function";
import { allow, iamInventoryOf, iamRole, inlinePolicy } from "@/lib/rules/__fixtures__/iam";
import { rule } from "./iam_role_inline_policy_no_permissive_role_assumption.rule";

const only = (role: TIamRoleRecord) => {
  const results = rule.evaluate(iamInventoryOf({ roles: [role] }), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0];
};

describe("iam_role_inline_policy_no_permissive_role_assumption", () => {
  it("fails an execution role that may assume any role (bad fixture)", () => {
    const r = only(iamRole({ inlinePolicies: [inlinePolicy("hop", allow("sts:AssumeRole", "*", { Sid: "Hop" }))] }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe('IAM role orders-api-role allows sts:AssumeRole on every role in every account in inline policy hop (statement "Hop").');
  });

  it("passes a named target role (good fixture) and the own account's roles (look-alike)", () => {
    expect(only(iamRole({ inlinePolicies: [inlinePolicy("hop", allow("sts:AssumeRole", "arn:aws:iam::444455556666:role/reader"))] })).status).toBe("PASS");
    const own = only(iamRole({ inlinePolicies: [inlinePolicy("hop", allow("sts:AssumeRole", "arn:aws:iam::111122223333:role/*"))] }));
    expect(own.message).toBe("IAM role orders-api-role does not allow sts:AssumeRole on every role in its inline policies.");
  });

  it("is UNKNOWN when the inline policy could not be read", () => {
    expect(only(iamRole({ inlinePolicies: [{ name: "hop", policy: fetchError() }] })).status).toBe("UNKNOWN");
  });
});
