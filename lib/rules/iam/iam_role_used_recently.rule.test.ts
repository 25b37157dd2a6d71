import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TIamRoleRecord } from "@/scanners/iam/record";
import { ACCOUNT_ID, iamInventoryOf, iamRole, serviceLinkedRole } from "@/lib/rules/__fixtures__/iam";
import { rule } from "./iam_role_used_recently.rule";

// testContext pins now to 2026-11-23T12:00:00Z.
const only = (role: TIamRoleRecord, ctx = testContext(rule)) => {
  const results = rule.evaluate(iamInventoryOf({ roles: [role] }), ctx);
  expect(results).toHaveLength(1);
  return results[0];
};
const usedOn = (date: string, createDate = "2025-01-01T00:00:00Z") => iamRole({ createDate, roleLastUsed: { date, region: "us-east-1" } });

describe("iam_role_used_recently", () => {
  it("fails a role last used 120 days ago (bad fixture)", () => {
    const r = only(usedOn("2026-07-26T12:00:00Z"));
    expect(r).toMatchObject({ status: "FAIL", region: "global", resourceName: "orders-api-role" });
    expect(r.message).toBe("IAM role orders-api-role was last used 120 days ago (2026-07-26 in us-east-1), more than 90 days.");
    expect(r.evidence).toMatchObject({ daysSinceLastUse: 120, unusedDays: 90 });
  });

  it("passes a role used 3 days ago (good fixture) and one used exactly at the threshold", () => {
    expect(only(usedOn("2026-11-20T08:00:00Z")).message).toBe("IAM role orders-api-role was last used 3 days ago (2026-11-20 in us-east-1).");
    expect(only(usedOn("2026-08-25T12:00:00Z")).status).toBe("PASS");
  });

  it("fails an old role with no recorded use", () => {
    const r = only(iamRole({ createDate: "2026-01-01T00:00:00Z", roleLastUsed: null }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe(
      "IAM role orders-api-role has no recorded use in IAM's tracking window and was created 326 days ago (2026-01-01), more than 90 days.",
    );
  });

  it("passes a new role that has not been used yet (look-alike of never used)", () => {
    const r = only(iamRole({ createDate: "2026-11-01T00:00:00Z", roleLastUsed: null }));
    expect(r.status).toBe("PASS");
    expect(r.message).toBe("IAM role orders-api-role was created 22 days ago (2026-11-01) and has not been used yet.");
  });

  it("reads the threshold from the settings", () => {
    const ctx = testContext(rule, { settings: { unusedDays: 30 } });
    expect(only(usedOn("2026-10-01T00:00:00Z"), ctx).status).toBe("FAIL");
  });

  it("is UNKNOWN with neither a last use nor a creation date", () => {
    const r = only(iamRole({ createDate: null, roleLastUsed: null }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe("Could not tell when IAM role orders-api-role was last used: IAM reports no use and no creation date.");
  });

  it("is UNKNOWN when the record has no last-use field (older scanner)", () => {
    const { roleLastUsed: _r, ...rest } = iamRole();
    expect(only(rest as TIamRoleRecord).status).toBe("UNKNOWN");
  });

  it("skips service-linked and IAM Identity Center roles", () => {
    const sso = iamRole({
      name: "AWSReservedSSO_Admin_0123456789abcdef",
      path: "/aws-reserved/sso.amazonaws.com/",
      arn: `arn:aws:iam::${ACCOUNT_ID}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef`,
      createDate: "2020-01-01T00:00:00Z",
    });
    const slr = serviceLinkedRole("lambda.amazonaws.com", "AWSServiceRoleForLambda", { createDate: "2020-01-01T00:00:00Z" });
    expect(rule.evaluate(iamInventoryOf({ roles: [sso, slr] }), testContext(rule))).toEqual([]);
  });
});
