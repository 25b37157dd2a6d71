import { describe, expect, it } from "vitest";
import type { TPolicyDocument, TStatement } from "@/lib/aws/policy-document";
import {
  analyzePublicAccess,
  assessAnyoneStatements,
  type ExposureContext,
  type StatementVerdict,
} from "@/lib/analysis/policy-exposure";

const OWN = "111122223333";
const OTHER = "444455556666";
const FN = `arn:aws:lambda:us-east-1:${OWN}:function:orders-api`;
const CTX: ExposureContext = { accountId: OWN };

const doc = (...Statement: TStatement[]): TPolicyDocument => ({ Version: "2012-10-17", Statement });

/** Principal "*" may invoke the function, under `Condition`. */
const anyone = (Condition?: TStatement["Condition"], extra: Partial<TStatement> = {}): TStatement => ({
  Sid: "S1",
  Effect: "Allow",
  Principal: "*",
  Action: ["lambda:InvokeFunction"],
  Resource: [FN],
  ...(Condition ? { Condition } : {}),
  ...extra,
});

type Case = {
  label: string;
  policy: TPolicyDocument;
  /** "none": no statement grants anything to anyone at all (look-alikes). */
  expected: StatementVerdict | "none";
  viaFunctionUrl?: boolean;
  ctx?: ExposureContext;
};

// Labelled corpus: `public` guards against false negatives, `restricted`/`none` against false positives.
const CASES: Case[] = [
  // ---- public ----
  { label: "Principal * with no condition", policy: doc(anyone()), expected: "public" },
  {
    label: "Principal {AWS: *} with lambda:*",
    policy: doc(anyone(undefined, { Principal: { AWS: ["*"] }, Action: ["lambda:*"] })),
    expected: "public",
  },
  {
    label: "NotPrincipal with Allow",
    policy: doc(anyone(undefined, { Principal: undefined, NotPrincipal: { AWS: [`arn:aws:iam::${OWN}:root`] } })),
    expected: "public",
  },
  {
    label: "function URL with auth type NONE",
    policy: doc(
      anyone(
        { StringEquals: { "lambda:FunctionUrlAuthType": ["NONE"] } },
        { Sid: "FunctionURLAllowPublicAccess", Action: ["lambda:InvokeFunctionUrl"] },
      ),
    ),
    expected: "public",
    viaFunctionUrl: true,
  },
  {
    label: "InvokeFunction only when invoked via the function URL",
    policy: doc(anyone({ Bool: { "lambda:InvokedViaFunctionUrl": ["true"] } })),
    expected: "public",
    viaFunctionUrl: true,
  },
  {
    label: "config-only grant (GetFunction, GetPolicy) is still exposure",
    policy: doc(anyone(undefined, { Action: ["lambda:GetFunction", "lambda:GetPolicy"] })),
    expected: "public",
  },
  {
    label: "ArnLike AWS:SourceArn = *",
    policy: doc(anyone({ ArnLike: { "AWS:SourceArn": ["*"] } })),
    expected: "public",
  },
  {
    label: "ArnLike SourceArn whose account field is *",
    policy: doc(anyone({ ArnLike: { "AWS:SourceArn": ["arn:aws:execute-api:us-east-1:*:abc123/*"] } })),
    expected: "public",
  },
  {
    label: "ArnLike SourceArn on any bucket (account-less ARN with wildcard)",
    policy: doc(anyone({ ArnLike: { "AWS:SourceArn": ["arn:aws:s3:::*"] } })),
    expected: "public",
  },
  {
    label: "ArnLikeIfExists on a concrete SourceArn (direct callers carry no SourceArn)",
    policy: doc(anyone({ ArnLikeIfExists: { "AWS:SourceArn": [`arn:aws:sns:us-east-1:${OWN}:topic`] } })),
    expected: "public",
  },
  {
    label: "StringNotEquals aws:SourceAccount",
    policy: doc(anyone({ StringNotEquals: { "aws:SourceAccount": [OTHER] } })),
    expected: "public",
  },
  {
    label: "ForAllValues:StringEquals aws:PrincipalOrgID (vacuously true when absent)",
    policy: doc(anyone({ "ForAllValues:StringEquals": { "aws:PrincipalOrgID": ["o-a1b2c3d4e5"] } })),
    expected: "public",
  },
  {
    label: "StringLike aws:SourceAccount with one wildcard value among concrete ones",
    policy: doc(anyone({ StringLike: { "aws:SourceAccount": [OWN, "*"] } })),
    expected: "public",
  },
  {
    label: "IpAddress aws:SourceIp does not identify the caller",
    policy: doc(anyone({ IpAddress: { "aws:SourceIp": ["10.0.0.0/8"] } })),
    expected: "public",
  },
  {
    label: "Allow with NotAction that excludes only GetPolicy",
    policy: doc(anyone(undefined, { Action: undefined, NotAction: ["lambda:GetPolicy"] })),
    expected: "public",
  },
  {
    label: "StringLike FunctionUrlAuthType = * admits NONE",
    policy: doc(anyone({ StringLike: { "lambda:FunctionUrlAuthType": ["*"] } }, { Action: ["lambda:InvokeFunctionUrl"] })),
    expected: "public",
    viaFunctionUrl: true,
  },
  {
    label: "aws:PrincipalArn with a wildcard account",
    policy: doc(anyone({ ArnLike: { "aws:PrincipalArn": ["arn:aws:iam::*:role/deployer"] } })),
    expected: "public",
  },
  {
    label: "aws:PrincipalOrgPaths with a wildcard organization",
    policy: doc(anyone({ "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": ["o-*/r-ab12/*"] } })),
    expected: "public",
  },
  {
    label: "a conditioned Deny does not cancel the Allow",
    policy: doc(
      anyone(),
      { Sid: "D", Effect: "Deny", Principal: "*", Action: ["lambda:*"], Resource: ["*"], Condition: { Bool: { "aws:SecureTransport": ["false"] } } },
    ),
    expected: "public",
  },
  {
    label: "a Deny of GetPolicy only does not cancel InvokeFunction",
    policy: doc(anyone(), { Sid: "D", Effect: "Deny", Principal: "*", Action: ["lambda:GetPolicy"], Resource: ["*"] }),
    expected: "public",
  },
  {
    label: "a Deny on another function does not cancel the Allow",
    policy: doc(anyone(), { Sid: "D", Effect: "Deny", Principal: "*", Action: ["lambda:*"], Resource: [`${FN}-other`] }),
    expected: "public",
  },

  // ---- restricted: Principal * but the caller is pinned down ----
  {
    label: "ArnLike AWS:SourceArn on a concrete ARN",
    policy: doc(anyone({ ArnLike: { "AWS:SourceArn": [`arn:aws:execute-api:us-east-1:${OWN}:abc123/*/GET/orders`] } })),
    expected: "restricted",
  },
  {
    label: "lower-case key aws:sourcearn",
    policy: doc(anyone({ ArnLike: { "aws:sourcearn": ["arn:aws:s3:::orders-uploads"] } })),
    expected: "restricted",
  },
  {
    label: "mixed-case operator and key",
    policy: doc(anyone({ stringequals: { "Aws:SourceAccount": [OWN] } })),
    expected: "restricted",
  },
  {
    label: "SourceArn with a concrete account and a wildcard resource (one account only)",
    policy: doc(anyone({ ArnLike: { "AWS:SourceArn": [`arn:aws:execute-api:us-east-1:${OWN}:abc123/*/*/*`] } })),
    expected: "restricted",
  },
  {
    label: "StringEquals AWS:SourceAccount",
    policy: doc(anyone({ StringEquals: { "AWS:SourceAccount": [OWN] } })),
    expected: "restricted",
  },
  {
    label: "aws:SourceOwner",
    policy: doc(anyone({ StringEquals: { "aws:SourceOwner": [OWN] } })),
    expected: "restricted",
  },
  {
    label: "aws:PrincipalAccount",
    policy: doc(anyone({ StringEquals: { "aws:PrincipalAccount": [OTHER] } })),
    expected: "restricted",
  },
  {
    label: "aws:PrincipalOrgID",
    policy: doc(anyone({ StringEquals: { "aws:PrincipalOrgID": ["o-a1b2c3d4e5"] } })),
    expected: "restricted",
  },
  {
    label: "ForAnyValue:StringLike aws:PrincipalOrgPaths under one organization",
    policy: doc(anyone({ "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"] } })),
    expected: "restricted",
  },
  {
    label: "aws:SourceVpce",
    policy: doc(anyone({ StringEquals: { "aws:SourceVpce": ["vpce-1a2b3c4d"] } })),
    expected: "restricted",
  },
  {
    label: "aws:SourceVpc",
    policy: doc(anyone({ StringEquals: { "aws:SourceVpc": ["vpc-111bbb22"] } })),
    expected: "restricted",
  },
  {
    label: "aws:PrincipalArn on a concrete role",
    policy: doc(anyone({ ArnEquals: { "aws:PrincipalArn": [`arn:aws:iam::${OWN}:role/deployer`] } })),
    expected: "restricted",
  },
  {
    label: "Alexa skill: lambda:EventSourceToken",
    policy: doc(anyone({ StringEquals: { "lambda:EventSourceToken": ["amzn1.ask.skill.1234"] } })),
    expected: "restricted",
  },
  {
    label: "function URL with auth type AWS_IAM",
    policy: doc(anyone({ StringEquals: { "lambda:FunctionUrlAuthType": ["AWS_IAM"] } }, { Action: ["lambda:InvokeFunctionUrl"] })),
    expected: "restricted",
    viaFunctionUrl: true,
  },
  {
    label: "StringEquals treats * literally: SourceArn must equal the text *",
    policy: doc(anyone({ StringEquals: { "AWS:SourceArn": ["*"] } })),
    expected: "restricted",
  },
  {
    label: "one restricting key among non-restricting ones (conditions are ANDed)",
    policy: doc(anyone({ StringNotEquals: { "aws:SourceAccount": [OTHER] }, ArnLike: { "AWS:SourceArn": ["arn:aws:s3:::orders-uploads"] } })),
    expected: "restricted",
  },

  // ---- neutralized ----
  {
    label: "unconditional Deny * lambda:* on every resource",
    policy: doc(anyone(), { Sid: "DenyAll", Effect: "Deny", Principal: "*", Action: ["lambda:*"], Resource: ["*"] }),
    expected: "neutralized",
  },
  {
    label: "unconditional Deny {AWS: *} of the same action on the same function",
    policy: doc(anyone(), { Sid: "DenyInvoke", Effect: "Deny", Principal: { AWS: ["*"] }, Action: ["lambda:invokefunction"], Resource: [FN] }),
    expected: "neutralized",
  },

  // ---- look-alikes: nothing granted to anyone ----
  {
    label: "service principal without conditions (confused deputy, LX-02, not public)",
    policy: doc(anyone(undefined, { Principal: { Service: ["s3.amazonaws.com"] } })),
    expected: "none",
  },
  {
    label: "a named account principal",
    policy: doc(anyone(undefined, { Principal: { AWS: [`arn:aws:iam::${OTHER}:root`] } })),
    expected: "none",
  },
  {
    label: "Deny with Principal * grants nothing",
    policy: doc({ Sid: "D", Effect: "Deny", Principal: "*", Action: ["lambda:InvokeFunction"], Resource: [FN] }),
    expected: "none",
  },
  {
    label: "Principal * statement without Action or NotAction grants nothing",
    policy: doc(anyone(undefined, { Action: undefined })),
    expected: "none",
  },
];

describe("assessAnyoneStatements: labelled policies", () => {
  it("has a corpus of at least 20 policies across every verdict", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20);
    for (const v of ["public", "restricted", "neutralized", "none"]) expect(CASES.some((c) => c.expected === v)).toBe(true);
  });

  it.each(CASES)("$expected: $label", ({ policy, expected, viaFunctionUrl, ctx }) => {
    const assessed = assessAnyoneStatements(policy, ctx ?? CTX);
    const open = analyzePublicAccess(policy, ctx ?? CTX);
    if (expected === "none") {
      expect(assessed).toEqual([]);
      expect(open).toEqual([]);
      return;
    }
    expect(assessed).toHaveLength(1);
    expect(assessed[0].verdict).toBe(expected);
    expect(open).toHaveLength(expected === "public" ? 1 : 0);
    expect(assessed[0].viaFunctionUrl).toBe(viaFunctionUrl ?? false);
  });
});

describe("assessAnyoneStatements: evidence", () => {
  it("names how the statement reaches anyone", () => {
    const kinds = [
      anyone(),
      anyone(undefined, { Principal: { AWS: ["*"] } }),
      anyone(undefined, { Principal: undefined, NotPrincipal: { AWS: [OTHER] } }),
    ].map((s) => assessAnyoneStatements(doc(s), CTX)[0].kind);
    expect(kinds).toEqual(["principal_star", "aws_star", "not_principal_allow"]);
  });

  it("records which invoke actions are granted, including through wildcards and NotAction", () => {
    const invoke = (extra: Partial<TStatement>) => assessAnyoneStatements(doc(anyone(undefined, extra)), CTX)[0].invokeActions;
    expect(invoke({ Action: ["lambda:Invoke*"] })).toEqual(["lambda:InvokeFunction", "lambda:InvokeFunctionUrl"]);
    expect(invoke({ Action: ["*"] })).toEqual(["lambda:InvokeFunction", "lambda:InvokeFunctionUrl"]);
    expect(invoke({ Action: ["lambda:GetPolicy"] })).toEqual([]);
    expect(invoke({ Action: undefined, NotAction: ["lambda:InvokeFunctionUrl"] })).toEqual(["lambda:InvokeFunction"]);
    expect(invoke({ Action: undefined, NotAction: ["lambda:Invoke*"] })).toEqual([]);
  });

  it("keeps every condition with its verdict and the Sid, index and statement", () => {
    const policy = doc(
      { Sid: "Other", Effect: "Allow", Principal: { Service: ["sns.amazonaws.com"] }, Action: ["lambda:InvokeFunction"], Resource: [FN] },
      anyone({ ArnLikeIfExists: { "AWS:SourceArn": ["arn:aws:s3:::b"] }, StringNotEquals: { "aws:SourceAccount": [OTHER] } }),
    );
    const [s] = analyzePublicAccess(policy, CTX);
    expect(s.sid).toBe("S1");
    expect(s.index).toBe(1);
    expect(s.statement).toBe(policy.Statement[1]);
    expect(s.conditions.map((c) => [c.operator, c.key, c.restricts])).toEqual([
      ["ArnLikeIfExists", "AWS:SourceArn", false],
      ["StringNotEquals", "aws:SourceAccount", false],
    ]);
    expect(s.conditions[0].note).toMatch(/IfExists/);
  });

  it("points a neutralized statement at the Deny that cancels it", () => {
    const policy = doc(anyone(), { Sid: "DenyAll", Effect: "Deny", Principal: "*", Action: ["*"], Resource: ["*"] });
    expect(assessAnyoneStatements(policy, CTX)[0].neutralizedBy).toEqual({ index: 1, sid: "DenyAll" });
  });

  it("does not let a Deny cancel an Allow that uses NotAction unless it denies everything", () => {
    const allow = anyone(undefined, { Action: undefined, NotAction: ["lambda:GetPolicy"] });
    const narrowDeny: TStatement = { Effect: "Deny", Principal: "*", Action: ["lambda:InvokeFunction"], Resource: ["*"] };
    expect(assessAnyoneStatements(doc(allow, narrowDeny), CTX)[0].verdict).toBe("public");
    const wideDeny: TStatement = { ...narrowDeny, Action: ["lambda:*"] };
    expect(assessAnyoneStatements(doc(allow, wideDeny), CTX)[0].verdict).toBe("neutralized");
  });
});

describe("assessAnyoneStatements: who a restriction lets in", () => {
  const scopeOf = (condition: TStatement["Condition"], ctx: ExposureContext = CTX) =>
    assessAnyoneStatements(doc(anyone(condition)), ctx)[0].conditions[0].scope;

  it("labels accounts as own, trusted or external", () => {
    expect(scopeOf({ StringEquals: { "AWS:SourceAccount": [OWN] } })).toBe("own_account");
    expect(scopeOf({ StringEquals: { "AWS:SourceAccount": [OTHER] } })).toBe("external");
    expect(scopeOf({ StringEquals: { "AWS:SourceAccount": [OTHER] } }, { ...CTX, trustedAccountIds: [OTHER] })).toBe("trusted");
    expect(scopeOf({ StringEquals: { "AWS:SourceAccount": [OWN, OTHER] } })).toBe("external");
  });

  it("reads the account out of a SourceArn, and cannot for account-less ARNs", () => {
    expect(scopeOf({ ArnLike: { "AWS:SourceArn": [`arn:aws:sns:us-east-1:${OWN}:t`] } })).toBe("own_account");
    expect(scopeOf({ ArnLike: { "AWS:SourceArn": ["arn:aws:s3:::bucket"] } })).toBe("unknown");
  });

  it("labels organizations against the trusted list", () => {
    const org = { StringEquals: { "aws:PrincipalOrgID": ["o-a1b2c3d4e5"] } };
    expect(scopeOf(org)).toBe("unknown");
    expect(scopeOf(org, { ...CTX, orgIds: ["o-a1b2c3d4e5"] })).toBe("trusted");
    expect(scopeOf(org, { ...CTX, orgIds: ["o-zzzzzzzzzz"] })).toBe("external");
  });

  it("has no scope for non-identity restrictions", () => {
    expect(scopeOf({ StringEquals: { "lambda:EventSourceToken": ["t"] } })).toBeNull();
  });
});
