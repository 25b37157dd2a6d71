import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TIamRoleRecord } from "@/scanners/iam/record";
import { administratorAccess, allow, deny, iamInventoryOf, iamRole, inlinePolicy, roleArn } from "@/lib/rules/__fixtures__/iam";
import { rule } from "./iam_role_no_privilege_escalation.rule";

const ADMIN = administratorAccess();
const adminRole = iamRole({ name: "nightly-report-role", attachedPolicies: [{ arn: ADMIN.arn, name: "AdministratorAccess" }] });
const subject = (...statements: Parameters<typeof inlinePolicy>[1][]) => iamRole({ name: "legacy-lambda-role", inlinePolicies: [inlinePolicy("legacy", ...statements)] });
const judge = (role: TIamRoleRecord, ctx = testContext(rule)) => {
  const results = rule.evaluate(iamInventoryOf({ roles: [role, adminRole], policies: [ADMIN] }), ctx);
  return results.find((r) => r.resourceArn === role.arn)!;
};

describe("iam_role_no_privilege_escalation", () => {
  it("fails PassRole + CreateFunction + InvokeFunction on * (bad fixture: the demo's legacy-lambda-role)", () => {
    const r = judge(subject(allow(["lambda:CreateFunction", "lambda:UpdateFunctionCode", "lambda:InvokeFunction"]), allow("iam:PassRole")));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe(
      "IAM role legacy-lambda-role can become an administrator through PassExistingRoleToNewLambdaThenInvoke (iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction) to act as role nightly-report-role, an administrator.",
    );
    const [path] = r.evidence.paths as { techniqueId: string; link: string; alternatives: string[]; steps: { action: string; resource: string; statements: unknown[] }[] }[];
    expect(path).toMatchObject({ techniqueId: "lambda-001", link: "https://pathfinding.cloud/paths/lambda-001", alternatives: [] });
    expect(path.steps[0]).toMatchObject({ action: "iam:PassRole", resource: roleArn("nightly-report-role") });
    expect(path.steps.every((s) => s.statements.length > 0)).toBe(true);
  });

  it("fails a self escalation: PutRolePolicy on itself", () => {
    const r = judge(subject(allow("iam:PutRolePolicy", roleArn("legacy-lambda-role"))));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe("IAM role legacy-lambda-role can become an administrator through PutRolePolicy (iam:PutRolePolicy on itself).");
  });

  it("passes a deploy role that passes only service roles to Lambda (good fixture)", () => {
    const scoped = allow("iam:PassRole", "arn:aws:iam::111122223333:role/service-role/*", { Condition: { StringEquals: { "iam:PassedToService": ["lambda.amazonaws.com"] } } });
    const r = judge(subject(scoped, allow(["lambda:CreateFunction", "lambda:InvokeFunction"])));
    expect(r).toMatchObject({ status: "PASS", message: "IAM role legacy-lambda-role has no privilege-escalation path of its own." });
  });

  it("passes look-alikes: PassRole alone, read-only IAM, PassRole denied", () => {
    expect(judge(subject(allow("iam:PassRole"))).status).toBe("PASS");
    expect(judge(subject(allow(["iam:Get*", "iam:List*"]))).status).toBe("PASS");
    expect(judge(subject(allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"]), deny("iam:PassRole"))).status).toBe("PASS");
  });

  it("passes a technique that needs MFA and lists it as conditional", () => {
    const r = judge(subject(allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], "*", { Condition: { Bool: { "aws:MultiFactorAuthPresent": ["true"] } } })));
    expect(r.status).toBe("PASS");
    expect(r.message).toBe("IAM role legacy-lambda-role has no privilege-escalation path of its own. 1 technique works only under a condition: PassExistingRoleToNewLambdaThenInvoke.");
    expect((r.evidence.conditionalPaths as unknown[]).length).toBe(1);
  });

  it("passes an administrator: it has nothing to escalate to", () => {
    expect(judge(adminRole).message).toBe("IAM role nightly-report-role already has full administrative access, so it has nothing to escalate to (see the administrator-access rule).");
  });

  it("is UNKNOWN when a policy could not be read", () => {
    const r = judge(iamRole({ name: "legacy-lambda-role", inlinePolicies: [{ name: "bad", policy: { status: "error", code: "MalformedPolicy", message: "x" } }] }));
    expect(r.status).toBe("UNKNOWN");
  });
});
