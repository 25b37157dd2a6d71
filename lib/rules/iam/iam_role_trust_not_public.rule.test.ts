import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TIamRoleRecord } from "@/scanners/iam/record";
import { fetchError } from "@/lib/rules/__fixtures__/lambda-function";
import { ACCOUNT_ID, iamInventoryOf, iamRole, parsedPolicy, serviceLinkedRole, trustStatement } from "@/lib/rules/__fixtures__/iam";
import { rule } from "./iam_role_trust_not_public.rule";

const only = (role: TIamRoleRecord) => {
  const results = rule.evaluate(iamInventoryOf({ roles: [role] }), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0];
};
const trusting = (...statements: Parameters<typeof parsedPolicy>) => iamRole({ name: "shared-ops", trustPolicy: parsedPolicy(...statements) });

describe("iam_role_trust_not_public", () => {
  it("returns nothing without roles", () => {
    expect(rule.evaluate(iamInventoryOf({}), testContext(rule))).toEqual([]);
  });

  it("passes a Lambda execution role (good fixture)", () => {
    const r = only(iamRole());
    expect(r).toMatchObject({ status: "PASS", resourceArn: `arn:aws:iam::${ACCOUNT_ID}:role/orders-api-role`, region: "global" });
    expect(r.message).toBe("IAM role orders-api-role does not let every AWS principal assume it.");
  });

  it('fails Principal "*" without a condition and shows the statement (bad fixture)', () => {
    const r = only(trusting(trustStatement("*", { Sid: "Anyone" })));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe('IAM role shared-ops can be assumed by any principal in any AWS account (statement "Anyone").');
    expect(r.evidence.openGrants).toEqual([expect.objectContaining({ sid: "Anyone", principal: "*", class: "any_principal", actions: ["sts:AssumeRole"] })]);
  });

  it('fails {"AWS": "*"} whose only condition is MFA', () => {
    const r = only(trusting(trustStatement({ AWS: ["*"] }, { Condition: { Bool: { "aws:MultiFactorAuthPresent": ["true"] } } })));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("(statement #1)");
  });

  it("passes Principal * limited by aws:PrincipalOrgID and says so (conditional class, not any)", () => {
    const r = only(trusting(trustStatement("*", { Sid: "Org", Condition: { StringEquals: { "aws:PrincipalOrgID": ["o-acme4pay01"] } } })));
    expect(r.status).toBe("PASS");
    expect(r.message).toBe('IAM role shared-ops lets any principal assume it only under conditions that name the caller (statement "Org").');
  });

  it("passes Principal * limited by sts:ExternalId", () => {
    expect(only(trusting(trustStatement("*", { Condition: { StringEquals: { "sts:ExternalId": ["x"] } } }))).status).toBe("PASS");
  });

  it("passes the own account root and another account's root (other rules judge those)", () => {
    expect(only(trusting(trustStatement({ AWS: [`arn:aws:iam::${ACCOUNT_ID}:root`] }))).status).toBe("PASS");
    expect(only(trusting(trustStatement({ AWS: ["arn:aws:iam::444455556666:root"] }))).status).toBe("PASS");
  });

  it("passes Principal * cancelled by an unconditional Deny", () => {
    const r = only(trusting(trustStatement("*"), { Effect: "Deny", Principal: "*", Action: ["sts:AssumeRole"] }));
    expect(r.status).toBe("PASS");
    expect(r.evidence.trust).toEqual({ denied: 1 });
  });

  it("is UNKNOWN, never PASS, when the trust policy could not be read", () => {
    const r = only(iamRole({ trustPolicy: fetchError("MalformedPolicy") }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe("Could not read the trust policy of IAM role orders-api-role to tell who can assume it: MalformedPolicy.");
  });

  it("is UNKNOWN when the record has no trust policy (collected by an older scanner)", () => {
    const { trustPolicy: _t, ...rest } = iamRole();
    expect(only(rest as TIamRoleRecord).status).toBe("UNKNOWN");
  });

  it("skips service-linked roles", () => {
    const slr = serviceLinkedRole("lambda.amazonaws.com", "AWSServiceRoleForLambdaReplicator", { trustPolicy: parsedPolicy(trustStatement("*")) });
    expect(rule.evaluate(iamInventoryOf({ roles: [slr] }), testContext(rule))).toEqual([]);
  });
});
