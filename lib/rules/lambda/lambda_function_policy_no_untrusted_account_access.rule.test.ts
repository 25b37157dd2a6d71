import { describe, expect, it } from "vitest";
import { NO_TRUSTED, testContext } from "@/lib/rules/context";
import type { InstallationSettings } from "@/lib/rules/types";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import {
  ACCOUNT_ID,
  accountInvokeStatement,
  fetchError,
  inventoryOf,
  lambdaFunction,
  policyOf,
  publicInvokeStatement,
  qualifierPolicy,
  serviceInvokeStatement,
} from "@/lib/rules/__fixtures__/lambda-function";
import { rule } from "./lambda_function_policy_no_untrusted_account_access.rule";

const PARTNER = "210987654321";
const ORG = "o-acme4pay01";

const only = (fn: TLambdaFunctionRecord, installation: InstallationSettings = NO_TRUSTED) => {
  const results = rule.evaluate(inventoryOf(fn), testContext(rule, { installation }));
  expect(results).toHaveLength(1);
  return results[0];
};

describe("lambda_function_policy_no_untrusted_account_access", () => {
  it("returns nothing when there are no functions", () => {
    expect(rule.evaluate(inventoryOf(), testContext(rule))).toEqual([]);
  });

  it("passes a function without a resource-based policy", () => {
    expect(only(lambdaFunction())).toMatchObject({ status: "PASS", message: "Lambda function orders-api has no resource-based policy." });
  });

  it("fails an invoke grant to an untrusted account (bad fixture)", () => {
    const r = only(lambdaFunction({ policy: policyOf(accountInvokeStatement(`arn:aws:iam::${PARTNER}:root`, { sid: "partner-bank-invoke" })) }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe(
      `Lambda function orders-api lets account ${PARTNER} invoke it (statement "partner-bank-invoke"), which is not among the trusted accounts or organizations.`,
    );
    expect(r.evidence.untrustedGrants).toEqual([expect.objectContaining({ via: "aws", accounts: [PARTNER], verdict: "untrusted" })]);
  });

  it("passes the same grant when the account is trusted (good fixture)", () => {
    const r = only(lambdaFunction({ policy: policyOf(accountInvokeStatement(PARTNER)) }), { trustedAccountIds: [PARTNER], trustedOrganizationIds: [] });
    expect(r).toMatchObject({
      status: "PASS",
      message: "Lambda function orders-api grants access only to this account, trusted accounts and trusted organizations.",
    });
  });

  it("passes a conditioned grant to a trusted account", () => {
    const statement = accountInvokeStatement(PARTNER, { condition: { IpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } } });
    expect(only(lambdaFunction({ policy: policyOf(statement) }), { trustedAccountIds: [PARTNER], trustedOrganizationIds: [] }).status).toBe("PASS");
  });

  it("passes an outside account limited to a trusted organization (the account must be a member)", () => {
    const statement = accountInvokeStatement(PARTNER, { condition: { StringEquals: { "aws:PrincipalOrgID": [ORG] } } });
    expect(only(lambdaFunction({ policy: policyOf(statement) }), { trustedAccountIds: [], trustedOrganizationIds: [ORG] }).status).toBe("PASS");
  });

  it("passes grants to this account's own principals", () => {
    expect(only(lambdaFunction({ policy: policyOf(accountInvokeStatement(`arn:aws:iam::${ACCOUNT_ID}:role/caller`)) })).status).toBe("PASS");
  });

  it("fails Principal * narrowed to another account by aws:SourceAccount (not public, but cross-account)", () => {
    const statement = { ...publicInvokeStatement(), Condition: { StringEquals: { "AWS:SourceAccount": [PARTNER] } } };
    const r = only(lambdaFunction({ policy: policyOf(statement) }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain(`lets account ${PARTNER} invoke it`);
  });

  it("passes Principal * narrowed to this account (look-alike)", () => {
    const statement = { ...publicInvokeStatement(), Condition: { StringEquals: { "AWS:SourceAccount": [ACCOUNT_ID] } } };
    expect(only(lambdaFunction({ policy: policyOf(statement) })).status).toBe("PASS");
  });

  it("leaves unconditioned Principal * to LX-01", () => {
    expect(only(lambdaFunction({ policy: policyOf(publicInvokeStatement()) })).status).toBe("PASS");
  });

  it("fails a service grant for another account's resource", () => {
    const statement = serviceInvokeStatement("sns.amazonaws.com", { sourceArn: `arn:aws:sns:us-east-1:${PARTNER}:ledger-events` });
    const r = only(lambdaFunction({ policy: policyOf(statement) }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain(`lets account ${PARTNER} invoke it through sns.amazonaws.com`);
  });

  it("passes an S3 grant limited only by a bucket ARN (LX-02 judges it, not this rule)", () => {
    const statement = serviceInvokeStatement("s3.amazonaws.com", { sourceArn: "arn:aws:s3:::receipts" });
    expect(only(lambdaFunction({ policy: policyOf(statement) })).status).toBe("PASS");
  });

  it("is UNKNOWN for an organization grant when no trusted organization is configured", () => {
    const statement = { ...publicInvokeStatement(), Condition: { StringEquals: { "aws:PrincipalOrgID": [ORG] } } };
    const r = only(lambdaFunction({ policy: policyOf(statement) }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toContain("no trusted organization id is configured");
  });

  it("fails an organization grant to an organization that is not trusted", () => {
    const statement = { ...publicInvokeStatement(), Condition: { StringEquals: { "aws:PrincipalOrgID": ["o-other00001"] } } };
    const r = only(lambdaFunction({ policy: policyOf(statement) }), { trustedAccountIds: [], trustedOrganizationIds: [ORG] });
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("lets organization o-other00001 invoke it");
  });

  it("finds a cross-account grant on an alias policy", () => {
    const r = only(lambdaFunction({ qualifierPolicies: [qualifierPolicy("live", accountInvokeStatement(PARTNER, { qualifier: "live", sid: "p" }))] }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain('"p" on qualifier live');
  });

  it("names the actions of a grant that is not an invoke", () => {
    const r = only(lambdaFunction({ policy: policyOf(accountInvokeStatement(PARTNER, { action: "lambda:GetFunction" })) }));
    expect(r.message).toContain("call lambda:GetFunction");
  });

  it("ignores a deleted principal shown as a unique id (ES-05 reports it)", () => {
    expect(only(lambdaFunction({ policy: policyOf(accountInvokeStatement("AROAEXAMPLEDELETED01")) })).status).toBe("PASS");
  });

  it("is UNKNOWN, never PASS, when the policy could not be read", () => {
    const r = only(lambdaFunction({ policy: fetchError() }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe("Could not read every resource-based policy of function orders-api: lambda:GetPolicy (AccessDeniedException).");
  });
});
