import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TIamRoleRecord, TIamUserRecord } from "@/scanners/iam/record";
import { administratorAccess, allow, iamInventoryOf, iamRole, iamUser, inlinePolicy } from "@/lib/rules/__fixtures__/iam";
import { functionArn, lambdaFunction } from "@/lib/rules/__fixtures__/lambda-function";
import { rule } from "./lambda_function_not_modifiable_by_less_privileged_principals.rule";

const ADMIN = administratorAccess();
const strongRole = iamRole({ name: "nightly-report-role", attachedPolicies: [{ arn: ADMIN.arn, name: null }] });
const weakRole = iamRole({ name: "order-lookup-role", inlinePolicies: [inlinePolicy("p", allow("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/orders"))] });
const deployer = (resource = "arn:aws:lambda:*:111122223333:function:*", extra = {}) =>
  iamUser({ name: "ci-deployer", inlinePolicies: [inlinePolicy("deploy", allow(["lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration", "lambda:GetFunction"], resource, extra))] });
const fn = (name: string, role: TIamRoleRecord) => lambdaFunction({ name, roleArn: role.arn });

const judge = (users: TIamUserRecord[], f = fn("nightly-report", strongRole), ctx = testContext(rule)) =>
  rule.evaluate(iamInventoryOf({ roles: [strongRole, weakRole], users: [iamUser({ name: "break-glass-admin", attachedPolicies: [{ arn: ADMIN.arn, name: null }] }), ...users], policies: [ADMIN], functions: [f] }), ctx)[0];

describe("lambda_function_not_modifiable_by_less_privileged_principals", () => {
  it("fails a function with an administrator role that a CI user may update (bad fixture: the demo's ci-deployer)", () => {
    const r = judge([deployer()]);
    expect(r).toMatchObject({ status: "FAIL", resourceArn: functionArn("nightly-report"), region: "us-east-1" });
    expect(r.message).toBe("Lambda function nightly-report can be changed by 1 principal with fewer permissions than its role nightly-report-role (an administrator): user ci-deployer.");
    expect(r.evidence).toMatchObject({ lessPrivilegedCount: 1, administrators: 1, roleIsAdministrator: true });
  });

  it("passes a function whose role holds nothing the deployer lacks (good fixture)", () => {
    const broad = iamUser({ name: "ci-deployer", inlinePolicies: [inlinePolicy("deploy", allow(["lambda:UpdateFunctionCode", "dynamodb:*"], "*"))] });
    const r = judge([broad], fn("order-lookup", weakRole));
    expect(r.status).toBe("PASS");
    expect(r.message).toBe("Lambda function order-lookup can be changed only by 1 principal that already holds its role's permissions or is allowed only under a condition and 2 administrators.");
  });

  it("passes when the deployer's grant is scoped to other functions (look-alike)", () => {
    const r = judge([deployer("arn:aws:lambda:*:111122223333:function:orders-*")]);
    expect(r).toMatchObject({ status: "PASS", message: "Lambda function nightly-report can be changed only by 1 administrator." });
  });

  it("passes when the deployer needs MFA, listing it as conditional", () => {
    const r = judge([deployer(undefined, { Condition: { Bool: { "aws:MultiFactorAuthPresent": ["true"] } } })]);
    expect(r.status).toBe("PASS");
    expect(r.evidence.otherModifiers).toEqual([expect.objectContaining({ name: "ci-deployer", certainty: "conditional" })]);
  });

  it("is UNKNOWN when the function's role is not in the inventory", () => {
    const r = judge([deployer()], lambdaFunction({ name: "orphan", roleArn: "arn:aws:iam::111122223333:role/gone" }));
    expect(r).toMatchObject({ status: "UNKNOWN", message: "Could not determine who can change function orphan: its execution role arn:aws:iam::111122223333:role/gone is not in the inventory." });
  });

  it("is UNKNOWN when IAM users were not listed completely", () => {
    expect(judge([deployer()], undefined, testContext(rule, { complete: (k) => k !== "iam_user" })).status).toBe("UNKNOWN");
  });
});
