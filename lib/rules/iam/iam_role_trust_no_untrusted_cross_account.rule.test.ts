import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TIamRoleRecord } from "@/scanners/iam/record";
import { fetchError } from "@/lib/rules/__fixtures__/lambda-function";
import { ACCOUNT_ID, iamInventoryOf, iamRole, lambdaTrust, parsedPolicy, trustStatement } from "@/lib/rules/__fixtures__/iam";
import { rule } from "./iam_role_trust_no_untrusted_cross_account.rule";

const PARTNER = "210987654321";
const OTHER = "444455556666";
const ORG = "o-acme4pay01";

const only = (role: TIamRoleRecord, ctx = testContext(rule)) => {
  const results = rule.evaluate(iamInventoryOf({ roles: [role] }), ctx);
  expect(results).toHaveLength(1);
  return results[0];
};
const trusting = (...statements: Parameters<typeof parsedPolicy>) =>
  iamRole({ name: "partner-ledger-export-role", trustPolicy: parsedPolicy(lambdaTrust(), ...statements) });

describe("iam_role_trust_no_untrusted_cross_account", () => {
  it("fails a partner account that is not trusted, naming the account (bad fixture)", () => {
    const r = only(trusting(trustStatement({ AWS: [`arn:aws:iam::${PARTNER}:root`] }, { Sid: "Partner" })));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe(
      `IAM role partner-ledger-export-role can be assumed from an untrusted account: ${PARTNER} (no sts:ExternalId or MFA required) (statement "Partner").`,
    );
    expect(r.evidence.crossAccountGrants).toEqual([expect.objectContaining({ accountId: PARTNER, class: "cross_account" })]);
  });

  it("says when the cross-account grant requires an external id", () => {
    const r = only(trusting(trustStatement({ AWS: [`arn:aws:iam::${PARTNER}:role/ledger-reader`] }, { Condition: { StringEquals: { "sts:ExternalId": ["x"] } } })));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain(`${PARTNER} (requires sts:ExternalId)`);
  });

  it("lists several untrusted accounts", () => {
    const r = only(trusting(trustStatement({ AWS: [PARTNER, `arn:aws:iam::${OTHER}:root`] })));
    expect(r.message).toContain(`from untrusted accounts: ${PARTNER} (no sts:ExternalId or MFA required), ${OTHER} (no sts:ExternalId or MFA required)`);
  });

  it("passes the partner account once it is trusted (good fixture)", () => {
    const ctx = testContext(rule, { installation: { trustedAccountIds: [PARTNER], trustedOrganizationIds: [] } });
    const r = only(trusting(trustStatement({ AWS: [`arn:aws:iam::${PARTNER}:root`] })), ctx);
    expect(r.status).toBe("PASS");
    expect(r.message).toBe(`IAM role partner-ledger-export-role can be assumed from other accounts only when they are trusted (${PARTNER}).`);
  });

  it("passes another account limited by aws:PrincipalOrgID of a trusted organization", () => {
    const ctx = testContext(rule, { installation: { trustedAccountIds: [], trustedOrganizationIds: [ORG] } });
    const statement = trustStatement({ AWS: [`arn:aws:iam::${OTHER}:root`] }, { Condition: { StringEquals: { "aws:PrincipalOrgID": [ORG] } } });
    expect(only(trusting(statement), ctx).status).toBe("PASS");
    // ... but not when the organization is not trusted.
    expect(only(trusting(statement)).status).toBe("FAIL");
  });

  it("passes the own account's root, given as ARN or as a bare id (look-alikes)", () => {
    const arn = only(trusting(trustStatement({ AWS: [`arn:aws:iam::${ACCOUNT_ID}:root`] })));
    expect(arn.status).toBe("PASS");
    expect(arn.message).toBe("IAM role partner-ledger-export-role cannot be assumed by principals of other AWS accounts.");
    expect(only(trusting(trustStatement({ AWS: [ACCOUNT_ID] }))).status).toBe("PASS");
    expect(only(trusting(trustStatement({ AWS: [`arn:aws:iam::${ACCOUNT_ID}:role/ci-deployer`] }))).status).toBe("PASS");
  });

  it("passes the unique id IAM leaves for a deleted principal, services and federation", () => {
    expect(only(trusting(trustStatement({ AWS: ["AROAJ2UCCR6DPCEXAMPLE"] }))).status).toBe("PASS");
    expect(only(trusting(trustStatement({ Service: ["events.amazonaws.com"] }))).status).toBe("PASS");
    const saml = trustStatement({ Federated: [`arn:aws:iam::${ACCOUNT_ID}:saml-provider/Okta`] }, { Action: ["sts:AssumeRoleWithSAML"] });
    expect(only(trusting(saml)).status).toBe("PASS");
  });

  it("leaves Principal * to the any-principal rules", () => {
    expect(only(trusting(trustStatement("*"))).status).toBe("PASS");
  });

  it("passes a cross-account grant cancelled by a Deny for that account", () => {
    const r = only(trusting(trustStatement({ AWS: [OTHER] }), { Effect: "Deny", Principal: { AWS: [OTHER] }, Action: ["sts:*"] }));
    expect(r.status).toBe("PASS");
  });

  it("is UNKNOWN when the trust policy could not be read", () => {
    expect(only(iamRole({ trustPolicy: fetchError() })).status).toBe("UNKNOWN");
  });
});
