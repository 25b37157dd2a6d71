import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TIamRoleRecord } from "@/scanners/iam/record";
import { administratorAccess, allow, iamInventoryOf, iamRole, inlinePolicy, roleArn } from "@/lib/rules/__fixtures__/iam";
import { functionArn, lambdaFunction } from "@/lib/rules/__fixtures__/lambda-function";
import { rule } from "./iam_role_no_transitive_privilege_escalation.rule";

const ADMIN = administratorAccess();
// ci-role -> UpdateFunctionCode on legacy-coupon-redeemer -> legacy-lambda-role -> PassRole + CreateFunction + Invoke -> nightly-report-role
const ci = (extra: Partial<TIamRoleRecord> = {}) =>
  iamRole({ name: "ci-role", inlinePolicies: [inlinePolicy("deploy", allow(["lambda:UpdateFunctionCode", "lambda:InvokeFunction"], functionArn("legacy-coupon-redeemer")))], ...extra });
const legacy = iamRole({ name: "legacy-lambda-role", inlinePolicies: [inlinePolicy("legacy", allow(["lambda:CreateFunction", "lambda:InvokeFunction", "iam:PassRole"]))] });
const admin = iamRole({ name: "nightly-report-role", attachedPolicies: [{ arn: ADMIN.arn, name: "AdministratorAccess" }] });
const functions = [lambdaFunction({ name: "legacy-coupon-redeemer", roleArn: legacy.arn }), lambdaFunction({ name: "nightly-report", roleArn: admin.arn })];

const judge = (roles: TIamRoleRecord[], name: string, ctx = testContext(rule)) =>
  rule.evaluate(iamInventoryOf({ roles, policies: [ADMIN], functions }), ctx).find((r) => r.resourceArn === roleArn(name))!;

describe("iam_role_no_transitive_privilege_escalation", () => {
  it("fails a role two hops from an administrator and shows the chain (bad fixture)", () => {
    const r = judge([ci(), legacy, admin], "ci-role");
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe(
      "IAM role ci-role can reach administrator role nightly-report-role in 2 steps: role ci-role -> lambda:UpdateFunctionCode + lambda:InvokeFunction on function legacy-coupon-redeemer -> role legacy-lambda-role -> iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction -> role nightly-report-role.",
    );
    const chain = r.evidence.chain as { from: string; techniqueId: string; via: string[] | null; to: string; steps: { statements: unknown[] }[] }[];
    expect(chain.map((c) => [c.techniqueId, c.to])).toEqual([
      ["lambda-004", legacy.arn],
      ["lambda-001", admin.arn],
    ]);
    expect(chain[0].via).toEqual([functionArn("legacy-coupon-redeemer")]);
    expect(chain.flatMap((c) => c.steps).every((s) => s.statements.length > 0)).toBe(true);
  });

  it("fails the one-hop role too", () => {
    expect(judge([ci(), legacy, admin], "legacy-lambda-role").status).toBe("FAIL");
  });

  it("passes when the first hop only reaches a function it owns (good fixture)", () => {
    const own = iamRole({ name: "ci-role", inlinePolicies: [inlinePolicy("deploy", allow("lambda:UpdateFunctionCode", functionArn("ci-tool")))] });
    const r = judge([own, legacy, admin], "ci-role");
    expect(r).toMatchObject({ status: "PASS", message: "IAM role ci-role cannot reach an administrator through other principals (it can act as 0 directly)." });
  });

  it("passes with a note when the chain needs a condition", () => {
    const mfa = { Condition: { Bool: { "aws:MultiFactorAuthPresent": ["true"] } } };
    const conditional = iamRole({ name: "ci-role", inlinePolicies: [inlinePolicy("deploy", allow(["lambda:UpdateFunctionCode", "lambda:InvokeFunction"], functionArn("legacy-coupon-redeemer"), mfa))] });
    const r = judge([conditional, legacy, admin], "ci-role");
    expect(r.status).toBe("PASS");
    expect(r.message).toContain("A chain that depends on a condition exists: role ci-role -> ");
  });

  it("is UNKNOWN instead of PASS when a region's functions were not listed completely", () => {
    const own = iamRole({ name: "ci-role" });
    const r = judge([own, legacy, admin], "ci-role", testContext(rule, { complete: (k) => k !== "lambda_function" }));
    expect(r).toMatchObject({ status: "UNKNOWN", message: "Could not rule out a transitive escalation path for IAM role ci-role: this scan did not list lambda_function in us-east-1 completely." });
  });

  it("still fails on what it read when data elsewhere is incomplete", () => {
    expect(judge([ci(), legacy, admin], "ci-role", testContext(rule, { complete: (k) => k !== "lambda_function" })).status).toBe("FAIL");
  });

  it("passes an administrator (R-01 reports it)", () => {
    expect(judge([ci(), legacy, admin], "nightly-report-role").status).toBe("PASS");
  });
});
