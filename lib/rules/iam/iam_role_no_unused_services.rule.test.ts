import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TIamRoleRecord } from "@/scanners/iam/record";
import { allow, iamInventoryOf, iamRole, inlinePolicy, lastAccessedOf } from "@/lib/rules/__fixtures__/iam";
import { rule } from "./iam_role_no_unused_services.rule";

// testContext pins now to 2026-11-23T12:00:00Z.
const policy = inlinePolicy("p", allow(["s3:GetObject", "s3:DeleteObject"], "arn:aws:s3:::data/*"), allow("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q"));
const judge = (role: TIamRoleRecord, ctx = testContext(rule)) => rule.evaluate(iamInventoryOf({ roles: [role] }), ctx)[0];
const withData = (lastAccessed: TIamRoleRecord["lastAccessed"], createDate = "2025-06-01T00:00:00Z") => iamRole({ inlinePolicies: [policy], createDate, lastAccessed });

describe("iam_role_no_unused_services", () => {
  it("fails a service unused for 120 days and proposes a policy without it (bad fixture)", () => {
    const r = judge(withData(lastAccessedOf([{ namespace: "s3", lastAuthenticated: "2026-11-20T00:00:00Z" }, { namespace: "sqs", lastAuthenticated: "2026-07-26T00:00:00Z" }])));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe("IAM role orders-api-role is granted 1 service it has not used in 90 days: sqs.");
    expect(r.evidence.proposal).toEqual({ Version: "2012-10-17", Statement: [allow(["s3:GetObject", "s3:DeleteObject"], "arn:aws:s3:::data/*")] });
  });

  it("passes a role that used everything, noting unused tracked actions (good fixture)", () => {
    const r = judge(
      withData(
        lastAccessedOf([
          { namespace: "s3", lastAuthenticated: "2026-11-20T00:00:00Z", trackedActions: [{ name: "DeleteObject", lastAccessedTime: null }] },
          { namespace: "sqs", lastAuthenticated: "2026-11-21T00:00:00Z" },
        ]),
      ),
    );
    expect(r.status).toBe("PASS");
    expect(r.message).toBe("IAM role orders-api-role has used every service it is granted within 90 days. 1 tracked action has not been used; the proposal in the evidence drops them.");
  });

  it("reads the threshold from the settings", () => {
    const data = lastAccessedOf([{ namespace: "s3", lastAuthenticated: "2026-11-20T00:00:00Z" }, { namespace: "sqs", lastAuthenticated: "2026-10-01T00:00:00Z" }]);
    expect(judge(withData(data)).status).toBe("PASS");
    expect(judge(withData(data), testContext(rule, { settings: { unusedDays: 30, excludedRoles: [] } })).status).toBe("FAIL");
  });

  it("passes a role younger than the threshold (look-alike of never used)", () => {
    const r = judge(withData(lastAccessedOf([{ namespace: "sqs", lastAuthenticated: null }]), "2026-11-01T00:00:00Z"));
    expect(r).toMatchObject({ status: "PASS", message: "IAM role orders-api-role was created 22 days ago, within the 90-day window: too new to call any service unused." });
  });

  it("is UNKNOWN when no last-accessed data was collected or it failed", () => {
    expect(judge(withData({ status: "absent" })).status).toBe("UNKNOWN");
    const r = judge(withData({ status: "error", code: "AccessDenied", message: "no" }));
    expect(r).toMatchObject({ status: "UNKNOWN", message: "Could not read the service last accessed data of IAM role orders-api-role: AccessDenied." });
  });

  it("rejects a threshold beyond IAM's tracking period", () => {
    expect(rule.settings?.schema.safeParse({ unusedDays: 500, excludedRoles: [] }).success).toBe(false);
  });
});
