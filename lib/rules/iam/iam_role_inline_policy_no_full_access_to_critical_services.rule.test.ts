import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TIamRoleRecord } from "@/scanners/iam/record";
import { fetchError } from "@/lib/rules/__fixtures__/lambda-function";
import { allow, iamInventoryOf, iamRole, inlinePolicy } from "@/lib/rules/__fixtures__/iam";
import { rule } from "./iam_role_inline_policy_no_full_access_to_critical_services.rule";

const only = (role: TIamRoleRecord) => {
  const results = rule.evaluate(iamInventoryOf({ roles: [role] }), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0];
};

describe("iam_role_inline_policy_no_full_access_to_critical_services", () => {
  it('fails an execution role with "cloudtrail:*" (bad fixture)', () => {
    const r = only(iamRole({ inlinePolicies: [inlinePolicy("audit", allow("cloudtrail:*"))] }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe("IAM role orders-api-role grants full access to cloudtrail (every action on every resource) in inline policy audit (statement #1).");
  });

  it("passes the actions a function needs (good fixture) and kms:* on one key (look-alike)", () => {
    expect(only(iamRole({ inlinePolicies: [inlinePolicy("crypto", allow(["kms:Decrypt"]))] })).status).toBe("PASS");
    const oneKey = only(iamRole({ inlinePolicies: [inlinePolicy("crypto", allow("kms:*", "arn:aws:kms:us-east-1:111122223333:key/k1"))] }));
    expect(oneKey.message).toBe("IAM role orders-api-role does not grant full access to kms or cloudtrail in its inline policies.");
  });

  it("is UNKNOWN when the inline policy could not be read", () => {
    expect(only(iamRole({ inlinePolicies: [{ name: "crypto", policy: fetchError() }] })).status).toBe("UNKNOWN");
  });
});
