import { describe, expect, it } from "vitest";
import type { TPolicyDocument, TStatement } from "@/lib/aws/policy-document";
import {
  analyzeTrustPolicy,
  isAwsReservedRole,
  isServiceLinkedRole,
  principalAccountId,
  type TrustClass,
  type TrustContext,
} from "@/lib/analysis/iam-trust";

const OWN = "111122223333";
const PARTNER = "210987654321";
const OTHER = "444455556666";
const ORG = "o-acme4pay01";
const CTX: TrustContext = { accountId: OWN };
const TRUSTING: TrustContext = { accountId: OWN, trustedAccountIds: [PARTNER], trustedOrganizationIds: [ORG] };

const doc = (...Statement: TStatement[]): TPolicyDocument => ({ Version: "2012-10-17", Statement });
const assume = (Principal: TStatement["Principal"], Condition?: TStatement["Condition"], extra: Partial<TStatement> = {}): TStatement => ({
  Sid: "Trust",
  Effect: "Allow",
  Principal,
  Action: ["sts:AssumeRole"],
  ...(Condition ? { Condition } : {}),
  ...extra,
});

type Case = { label: string; policy: TPolicyDocument; expected: TrustClass[]; ctx?: TrustContext };

// Labelled corpus: each case lists the classes of the grants, in order. `any_principal` and `cross_account`
// guard against false negatives; the look-alikes below them against false positives.
const CASES: Case[] = [
  // ---- anyone ----
  { label: 'Principal "*"', policy: doc(assume("*")), expected: ["any_principal"] },
  { label: 'Principal {"AWS": "*"}', policy: doc(assume({ AWS: ["*"] })), expected: ["any_principal"] },
  { label: "AWS arn:aws:iam::*:root", policy: doc(assume({ AWS: ["arn:aws:iam::*:root"] })), expected: ["any_principal"] },
  {
    label: "NotPrincipal with Allow",
    policy: doc({ Effect: "Allow", NotPrincipal: { AWS: [`arn:aws:iam::${OWN}:root`] }, Action: ["sts:AssumeRole"] }),
    expected: ["any_principal"],
  },
  {
    label: "Principal * with only an MFA condition (any account can have MFA users)",
    policy: doc(assume("*", { Bool: { "aws:MultiFactorAuthPresent": ["true"] } })),
    expected: ["any_principal"],
  },
  {
    label: "Principal * with a PrincipalTag condition",
    policy: doc(assume("*", { StringEquals: { "aws:PrincipalTag/team": ["payments"] } })),
    expected: ["any_principal"],
  },
  {
    label: "Principal * with StringEqualsIfExists on aws:PrincipalOrgID",
    policy: doc(assume("*", { StringEqualsIfExists: { "aws:PrincipalOrgID": [ORG] } })),
    expected: ["any_principal"],
  },
  {
    label: "Principal * with a wildcard organization",
    policy: doc(assume("*", { StringLike: { "aws:PrincipalOrgID": ["o-*"] } })),
    expected: ["any_principal"],
  },
  {
    label: "Principal * with a negated PrincipalAccount in the Allow",
    policy: doc(assume("*", { StringNotEquals: { "aws:PrincipalAccount": [OTHER] } })),
    expected: ["any_principal"],
  },
  {
    label: "Principal * with StringLike sts:ExternalId *",
    policy: doc(assume("*", { StringLike: { "sts:ExternalId": ["*"] } })),
    expected: ["any_principal"],
  },
  {
    label: "Principal * with aws:SourceIp 0.0.0.0/0",
    policy: doc(assume("*", { IpAddress: { "aws:SourceIp": ["0.0.0.0/0"] } })),
    expected: ["any_principal"],
  },
  {
    label: "Principal * with a Deny whose condition is not about identity",
    policy: doc(assume("*"), { Effect: "Deny", Principal: "*", Action: ["sts:AssumeRole"], Condition: { Bool: { "aws:SecureTransport": ["false"] } } }),
    expected: ["any_principal"],
  },
  {
    label: "Principal * with a Deny that covers only sts:TagSession",
    policy: doc(assume("*"), { Effect: "Deny", Principal: "*", Action: ["sts:TagSession"] }),
    expected: ["any_principal"],
  },
  // ---- anyone, but conditions limit who ----
  {
    label: "Principal * with sts:ExternalId",
    policy: doc(assume("*", { StringEquals: { "sts:ExternalId": ["7f3a9c"] } })),
    expected: ["any_principal_conditioned"],
  },
  {
    label: "Principal * with an organization that is not listed as trusted",
    policy: doc(assume("*", { StringEquals: { "aws:PrincipalOrgID": [ORG] } })),
    expected: ["any_principal_conditioned"],
  },
  {
    label: "Principal * limited to another account's principals",
    policy: doc(assume("*", { StringEquals: { "aws:PrincipalAccount": [OTHER] } })),
    expected: ["any_principal_conditioned"],
  },
  {
    label: "Principal * limited to a network",
    policy: doc(assume("*", { IpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } })),
    expected: ["any_principal_conditioned"],
  },
  {
    label: "Principal * guarded by a Deny StringNotEquals sts:ExternalId",
    policy: doc(assume("*"), { Effect: "Deny", Principal: "*", Action: ["sts:*"], Condition: { StringNotEquals: { "sts:ExternalId": ["7f3a9c"] } } }),
    expected: ["any_principal_conditioned"],
  },
  // ---- anyone, limited to trusted parties ----
  {
    label: "Principal * with a trusted organization",
    policy: doc(assume("*", { StringEquals: { "aws:PrincipalOrgID": [ORG] } })),
    expected: ["any_principal_trusted"],
    ctx: TRUSTING,
  },
  {
    label: "Principal * limited to the own account",
    policy: doc(assume("*", { StringEquals: { "aws:PrincipalAccount": [OWN] } })),
    expected: ["any_principal_trusted"],
  },
  {
    label: "Principal * limited by PrincipalArn to an own role",
    policy: doc(assume("*", { ArnLike: { "aws:PrincipalArn": [`arn:aws:iam::${OWN}:role/ci-*`] } })),
    expected: ["any_principal_trusted"],
  },
  {
    label: "Principal * with ExternalId AND a trusted organization (AND: the organization narrows)",
    policy: doc(assume("*", { StringEquals: { "sts:ExternalId": ["x"], "aws:PrincipalOrgID": [ORG] } })),
    expected: ["any_principal_trusted"],
    ctx: TRUSTING,
  },
  {
    label: "Principal * guarded by Deny StringNotEquals aws:PrincipalOrgID (trusted organization)",
    policy: doc(assume({ AWS: ["*"] }), {
      Effect: "Deny",
      Principal: "*",
      Action: ["sts:AssumeRole"],
      Condition: { StringNotEquals: { "aws:PrincipalOrgID": [ORG] } },
    }),
    expected: ["any_principal_trusted"],
    ctx: TRUSTING,
  },
  {
    label: "Principal * guarded by Deny NotPrincipal (only the own account)",
    policy: doc(assume("*"), { Effect: "Deny", NotPrincipal: { AWS: [`arn:aws:iam::${OWN}:root`] }, Action: ["sts:AssumeRole"] }),
    expected: ["any_principal_trusted"],
  },
  // ---- AWS principals ----
  { label: "own account root (ARN)", policy: doc(assume({ AWS: [`arn:aws:iam::${OWN}:root`] })), expected: ["same_account"] },
  { label: "own account id", policy: doc(assume({ AWS: [OWN] })), expected: ["same_account"] },
  { label: "own role", policy: doc(assume({ AWS: [`arn:aws:iam::${OWN}:role/deployer`] })), expected: ["same_account"] },
  { label: "own assumed-role session", policy: doc(assume({ AWS: [`arn:aws:sts::${OWN}:assumed-role/ops/alice`] })), expected: ["same_account"] },
  { label: "another account's root", policy: doc(assume({ AWS: [`arn:aws:iam::${OTHER}:root`] })), expected: ["cross_account"] },
  {
    label: "another account with sts:ExternalId is still cross-account",
    policy: doc(assume({ AWS: [`arn:aws:iam::${OTHER}:root`] }, { StringEquals: { "sts:ExternalId": ["x"] } })),
    expected: ["cross_account"],
  },
  { label: "a trusted account", policy: doc(assume({ AWS: [`arn:aws:iam::${PARTNER}:root`] })), expected: ["trusted_account"], ctx: TRUSTING },
  {
    label: "an untrusted account limited by a trusted organization",
    policy: doc(assume({ AWS: [`arn:aws:iam::${OTHER}:root`] }, { StringEquals: { "aws:PrincipalOrgID": [ORG] } })),
    expected: ["trusted_account"],
    ctx: TRUSTING,
  },
  {
    label: "a unique id left by a deleted principal",
    policy: doc(assume({ AWS: ["AROAJ2UCCR6DPCEXAMPLE"] })),
    expected: ["deleted_principal"],
  },
  {
    label: "several principals in one statement",
    policy: doc(assume({ AWS: [`arn:aws:iam::${OWN}:root`, `arn:aws:iam::${OTHER}:root`], Service: ["lambda.amazonaws.com"] })),
    expected: ["same_account", "cross_account", "service"],
  },
  // ---- services, federation ----
  { label: "Lambda service", policy: doc(assume({ Service: ["lambda.amazonaws.com"] })), expected: ["service"] },
  {
    label: "OIDC provider",
    policy: doc(
      assume({ Federated: [`arn:aws:iam::${OWN}:oidc-provider/token.actions.githubusercontent.com`] }, undefined, { Action: ["sts:AssumeRoleWithWebIdentity"] }),
    ),
    expected: ["federated"],
  },
  // ---- no grant or cancelled ----
  { label: "Deny only", policy: doc({ Effect: "Deny", Principal: "*", Action: ["sts:AssumeRole"] }), expected: [] },
  { label: "Allow sts:TagSession only", policy: doc(assume("*", undefined, { Action: ["sts:TagSession"] })), expected: [] },
  {
    label: "Principal * cancelled by an unconditional Deny",
    policy: doc(assume("*"), { Sid: "NoOne", Effect: "Deny", Principal: { AWS: ["*"] }, Action: ["sts:*"] }),
    expected: ["denied"],
  },
  {
    label: "a cross-account principal cancelled by a Deny naming it",
    policy: doc(assume({ AWS: [`arn:aws:iam::${OTHER}:root`] }), { Effect: "Deny", Principal: { AWS: [`arn:aws:iam::${OTHER}:root`] }, Action: ["sts:AssumeRole"] }),
    expected: ["denied"],
  },
];

describe("analyzeTrustPolicy: labelled corpus", () => {
  it.each(CASES.map((c) => [c.label, c]))("%s", (_label, c) => {
    expect(analyzeTrustPolicy(c.policy, c.ctx ?? CTX).map((g) => g.class)).toEqual(c.expected);
  });
});

describe("analyzeTrustPolicy: details", () => {
  it("reads actions through wildcards and NotAction", () => {
    const [wild] = analyzeTrustPolicy(doc(assume("*", undefined, { Action: ["sts:Assume*"] })), CTX);
    expect(wild.actions).toEqual(["sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"]);
    const [not] = analyzeTrustPolicy(doc({ Effect: "Allow", Principal: "*", NotAction: ["sts:AssumeRoleWithSAML"] }), CTX);
    expect(not.actions).toEqual(["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity"]);
  });

  it("records ExternalId and MFA requirements of a cross-account grant", () => {
    const [g] = analyzeTrustPolicy(
      doc(assume({ AWS: [`arn:aws:iam::${OTHER}:root`] }, { StringEquals: { "sts:ExternalId": ["x"] }, Bool: { "aws:MultiFactorAuthPresent": ["true"] } })),
      CTX,
    );
    expect(g).toMatchObject({ class: "cross_account", accountId: OTHER, requiresExternalId: true, requiresMfa: true });
    expect(g.reason).toBe(`Account ${OTHER} is not a trusted account (the grant requires sts:ExternalId and requires MFA).`);
  });

  it("does not count BoolIfExists MFA as required (long-term keys carry no MFA key)", () => {
    const [g] = analyzeTrustPolicy(doc(assume({ AWS: [OTHER] }, { BoolIfExists: { "aws:MultiFactorAuthPresent": ["true"] } })), CTX);
    expect(g.requiresMfa).toBe(false);
    expect(g.reason).toContain("requires neither sts:ExternalId nor MFA");
  });

  it("marks service grants with and without confused-deputy conditions", () => {
    const grants = analyzeTrustPolicy(
      doc(
        assume({ Service: ["events.amazonaws.com"] }),
        assume({ Service: ["scheduler.amazonaws.com"] }, { StringEquals: { "aws:SourceAccount": [OWN] } }),
        assume({ Service: ["config.amazonaws.com"] }, { ArnLike: { "aws:SourceArn": ["arn:aws:config:*:*:*"] } }),
        assume({ Service: ["states.amazonaws.com"] }, { StringEqualsIfExists: { "aws:SourceAccount": [OWN] } }),
        assume({ Service: ["backup.amazonaws.com"] }, { StringEquals: { "aws:SourceOrgID": [ORG] } }),
      ),
      CTX,
    );
    expect(grants.map((g) => [g.principal, g.confusedDeputyProtected])).toEqual([
      ["events.amazonaws.com", false],
      ["scheduler.amazonaws.com", true],
      ["config.amazonaws.com", false],
      ["states.amazonaws.com", false],
      ["backup.amazonaws.com", true],
    ]);
  });

  it("counts a Deny StringNotEquals aws:SourceAccount as confused-deputy protection", () => {
    const [g] = analyzeTrustPolicy(
      doc(assume({ Service: ["events.amazonaws.com"] }), {
        Effect: "Deny",
        Principal: { Service: ["events.amazonaws.com"] },
        Action: ["sts:AssumeRole"],
        Condition: { StringNotEquals: { "aws:SourceAccount": [OWN] } },
      }),
      CTX,
    );
    expect(g.confusedDeputyProtected).toBe(true);
    expect(g.conditions[0]).toMatchObject({ key: "aws:SourceAccount", restricts: true, scope: "own_account", fromDeny: { index: 1, sid: null } });
  });

  it("tells whether a federated trust pins the subject", () => {
    const github = `arn:aws:iam::${OWN}:oidc-provider/token.actions.githubusercontent.com`;
    const webIdentity = { Action: ["sts:AssumeRoleWithWebIdentity"] };
    const grants = analyzeTrustPolicy(
      doc(
        assume({ Federated: [github] }, { StringEquals: { "token.actions.githubusercontent.com:aud": ["sts.amazonaws.com"] } }, webIdentity),
        assume({ Federated: [github] }, { StringLike: { "token.actions.githubusercontent.com:sub": ["repo:*"] } }, webIdentity),
        assume({ Federated: [github] }, { StringLike: { "token.actions.githubusercontent.com:sub": ["repo:acme/payments:*"] } }, webIdentity),
        assume({ Federated: [`arn:aws:iam::${OWN}:saml-provider/Okta`] }, undefined, { Action: ["sts:AssumeRoleWithSAML"] }),
        assume({ Federated: ["cognito-identity.amazonaws.com"] }, { StringEquals: { "cognito-identity.amazonaws.com:aud": ["us-east-1:abc"] } }, webIdentity),
      ),
      CTX,
    );
    expect(grants.map((g) => g.federation)).toEqual([
      { provider: "oidc", subjectRestricted: false },
      { provider: "oidc", subjectRestricted: false },
      { provider: "oidc", subjectRestricted: true },
      { provider: "saml", subjectRestricted: true },
      { provider: "cognito", subjectRestricted: true },
    ]);
  });

  it("explains why conditions of an open grant do not restrict it", () => {
    const [g] = analyzeTrustPolicy(doc(assume("*", { Bool: { "aws:MultiFactorAuthPresent": ["true"] } })), CTX);
    expect(g.reason).toBe("Any principal in any AWS account can assume the role. Its conditions (aws:MultiFactorAuthPresent) do not limit who the caller is.");
    expect(g.requiresMfa).toBe(true);
  });

  it("names the limiting keys of a conditioned grant", () => {
    const [g] = analyzeTrustPolicy(doc(assume("*", { StringEquals: { "sts:ExternalId": ["x"] } })), CTX);
    expect(g.reason).toBe(
      "Any principal in any AWS account that satisfies sts:ExternalId can assume the role; those conditions do not limit it to this account or trusted accounts and organizations.",
    );
    expect(g.requiresExternalId).toBe(true);
  });

  it("treats condition keys case-insensitively", () => {
    const [g] = analyzeTrustPolicy(doc(assume("*", { stringequals: { "AWS:PRINCIPALACCOUNT": [OWN] } })), CTX);
    expect(g.class).toBe("any_principal_trusted");
  });

  it("a Deny with one trusted and one untrusted alternative does not narrow to trusted", () => {
    const [g] = analyzeTrustPolicy(
      doc(assume("*"), {
        Effect: "Deny",
        Principal: "*",
        Action: ["sts:AssumeRole"],
        Condition: { StringNotEquals: { "aws:PrincipalOrgID": [ORG], "sts:ExternalId": ["x"] } },
      }),
      TRUSTING,
    );
    expect(g.class).toBe("any_principal_conditioned");
  });
});

describe("helpers", () => {
  it("reads the account of AWS principals", () => {
    expect(principalAccountId(OWN)).toBe(OWN);
    expect(principalAccountId(`arn:aws:iam::${OWN}:root`)).toBe(OWN);
    expect(principalAccountId(`arn:aws-cn:sts::${OWN}:assumed-role/r/s`)).toBe(OWN);
    expect(principalAccountId("AROAJ2UCCR6DPCEXAMPLE")).toBeNull();
    expect(principalAccountId("arn:aws:iam::*:root")).toBeNull();
  });

  it("recognizes service-linked and Identity Center roles by path", () => {
    const slr = { path: "/aws-service-role/lambda.amazonaws.com/", arn: `arn:aws:iam::${OWN}:role/aws-service-role/lambda.amazonaws.com/AWSServiceRoleForLambda` };
    expect(isServiceLinkedRole(slr)).toBe(true);
    expect(isServiceLinkedRole({ path: "/service-role/", arn: `arn:aws:iam::${OWN}:role/service-role/orders-role` })).toBe(false);
    expect(isAwsReservedRole({ path: "/aws-reserved/sso.amazonaws.com/", arn: `arn:aws:iam::${OWN}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_1` })).toBe(true);
    expect(isAwsReservedRole({ path: "/", arn: `arn:aws:iam::${OWN}:role/orders-role` })).toBe(false);
  });
});
