import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TIamPolicyRecord } from "@/scanners/iam/record";
import { fetchError } from "@/lib/rules/__fixtures__/lambda-function";
import { allow, deny, iamInventoryOf, managedPolicy, parsedPolicy } from "@/lib/rules/__fixtures__/iam";
import { rule } from "./iam_policy_no_allow_not_action.rule";

const run = (...policies: TIamPolicyRecord[]) => rule.evaluate(iamInventoryOf({ policies }), testContext(rule));
const only = (policy: TIamPolicyRecord) => {
  const results = run(policy);
  expect(results).toHaveLength(1);
  return results[0];
};
const allButIam = { Sid: "AllButIam", Effect: "Allow" as const, NotAction: ["iam:*", "organizations:*"], Resource: ["*"] };

describe("iam_policy_no_allow_not_action", () => {
  it("returns nothing without customer managed policies, and ignores AWS managed ones", () => {
    expect(run()).toEqual([]);
    expect(run(managedPolicy("PowerUserAccess", [allButIam], { isAwsManaged: true }))).toEqual([]);
  });

  it("fails Allow with NotAction and shows the statement (bad fixture)", () => {
    const r = only(managedPolicy("acme-power-user", [allButIam]));
    expect(r).toMatchObject({ status: "FAIL", resourceArn: "arn:aws:iam::111122223333:policy/acme-power-user", region: "global" });
    expect(r.message).toBe(
      'Customer managed policy acme-power-user allows every action except those listed in NotAction (NotAction with Allow) (statement "AllButIam").',
    );
    expect(r.evidence.findings).toEqual([expect.objectContaining({ sid: "AllButIam", notAction: ["iam:*", "organizations:*"], resource: ["*"] })]);
  });

  it("passes Deny with NotAction, the guardrail shape (look-alike)", () => {
    const guardrail = { Effect: "Deny" as const, NotAction: ["iam:ChangePassword", "sts:GetSessionToken"], Resource: ["*"], Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": ["false"] } } };
    const r = only(managedPolicy("require-mfa", [allow("s3:GetObject", "arn:aws:s3:::acme-docs/*"), guardrail]));
    expect(r.status).toBe("PASS");
    expect(r.message).toBe("Customer managed policy require-mfa has no Allow statement with NotAction.");
  });

  it("judges the default version only", () => {
    const policy = managedPolicy("evolving", [deny("s3:*")], {
      versions: [
        { versionId: "v1", isDefault: false, createDate: null, policy: parsedPolicy(allButIam) },
        { versionId: "v2", isDefault: true, createDate: null, policy: parsedPolicy(allow("s3:GetObject", "arn:aws:s3:::b/*")) },
      ],
      defaultVersionId: "v2",
    });
    expect(only(policy).status).toBe("PASS");
  });

  it("is UNKNOWN, never PASS, when the default version could not be read or was not collected", () => {
    const broken = only(managedPolicy("broken", [], { versions: [{ versionId: "v1", isDefault: true, createDate: null, policy: fetchError("MalformedPolicy") }] }));
    expect(broken.status).toBe("UNKNOWN");
    expect(broken.message).toBe("Could not read the default version of customer managed policy broken: MalformedPolicy.");
    const missing = only(managedPolicy("missing", [], { versions: [] }));
    expect(missing.status).toBe("UNKNOWN");
    expect(missing.message).toBe("Could not read the default version of customer managed policy missing: its default version was not collected.");
  });
});
