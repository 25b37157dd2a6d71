import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TIamRoleRecord } from "@/scanners/iam/record";
import { fetchError } from "@/lib/rules/__fixtures__/lambda-function";
import { iamInventoryOf, iamRole, parsedPolicy, trustStatement } from "@/lib/rules/__fixtures__/iam";
import { rule } from "./iam_role_trust_no_conditional_public_access.rule";

const ORG = "o-acme4pay01";
const TRUSTED = { installation: { trustedAccountIds: [], trustedOrganizationIds: [ORG] } };

const only = (role: TIamRoleRecord, ctx = testContext(rule)) => {
  const results = rule.evaluate(iamInventoryOf({ roles: [role] }), ctx);
  expect(results).toHaveLength(1);
  return results[0];
};
const trusting = (...statements: Parameters<typeof parsedPolicy>) => iamRole({ name: "vendor-access", trustPolicy: parsedPolicy(...statements) });

describe("iam_role_trust_no_conditional_public_access", () => {
  it("fails Principal * kept in check only by sts:ExternalId (bad fixture)", () => {
    const r = only(trusting(trustStatement("*", { Sid: "Vendor", Condition: { StringEquals: { "sts:ExternalId": ["7f3a9c"] } } })));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe('IAM role vendor-access can be assumed by any principal that satisfies sts:ExternalId (statement "Vendor").');
    expect(r.evidence.conditionedGrants).toEqual([expect.objectContaining({ class: "any_principal_conditioned", requiresExternalId: true })]);
  });

  it("fails an organization that is not listed as trusted", () => {
    const r = only(trusting(trustStatement("*", { Condition: { StringEquals: { "aws:PrincipalOrgID": [ORG] } } })));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("satisfies aws:PrincipalOrgID");
  });

  it("passes the same organization once it is trusted (good fixture)", () => {
    const r = only(trusting(trustStatement("*", { Condition: { StringEquals: { "aws:PrincipalOrgID": [ORG] } } })), testContext(rule, TRUSTED));
    expect(r.status).toBe("PASS");
    expect(r.message).toBe("IAM role vendor-access lets any principal assume it only from this account or trusted accounts and organizations (aws:PrincipalOrgID).");
  });

  it("passes Principal * narrowed to the own account by aws:PrincipalAccount", () => {
    expect(only(trusting(trustStatement("*", { Condition: { StringEquals: { "aws:PrincipalAccount": ["111122223333"] } } }))).status).toBe("PASS");
  });

  it("passes an unconditioned Principal * (the critical rule reports it) and plain roles", () => {
    const open = only(trusting(trustStatement("*")));
    expect(open.status).toBe("PASS");
    expect(open.message).toBe("IAM role vendor-access has no trust statement that lets any principal assume it under conditions.");
    expect(only(iamRole()).status).toBe("PASS");
  });

  it("does not let an MFA condition count as a limit", () => {
    expect(only(trusting(trustStatement("*", { Condition: { Bool: { "aws:MultiFactorAuthPresent": ["true"] } } }))).status).toBe("PASS");
  });

  it("is UNKNOWN when the trust policy could not be read", () => {
    const r = only(iamRole({ trustPolicy: fetchError("MissingPolicyDocument") }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.evidence.trustPolicy).toMatchObject({ status: "error", code: "MissingPolicyDocument" });
  });
});
