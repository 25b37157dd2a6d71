import { describe, expect, it } from "vitest";
import type { TStatement } from "@/lib/aws/policy-document";
import { accountOf, deriveTriggers, mappingEnabled, qualifierOf, type PolicyInput } from "@/scanners/lambda/triggers";

const ACCOUNT = "111122223333";
const FN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f`;

function fromStatements(statements: TStatement[], qualifier: string | null = null) {
  const policies: PolicyInput[] = [{ qualifier, document: { Version: "2012-10-17", Statement: statements } }];
  return deriveTriggers({ accountId: ACCOUNT, mappings: [], policies, urls: [] });
}

const invoke = (extra: Partial<TStatement>): TStatement => ({ Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: [FN], ...extra });

describe("deriveTriggers from resource policies", () => {
  it("reads wildcard actions, case-insensitively, and skips grants that cannot invoke", () => {
    const triggers = fromStatements([
      invoke({ Sid: "star", Principal: { Service: ["sns.amazonaws.com"] }, Action: ["lambda:*"] }),
      invoke({ Sid: "prefix", Principal: { Service: ["sqs.amazonaws.com"] }, Action: ["Lambda:Invoke*"] }),
      invoke({ Sid: "all", Principal: { Service: ["events.amazonaws.com"] }, Action: ["*"] }),
      invoke({ Sid: "read", Principal: { AWS: ["444455556666"] }, Action: ["lambda:GetFunction", "lambda:List*"] }),
      invoke({ Sid: "deny", Effect: "Deny", Principal: "*" }),
    ]);
    expect(triggers.map((t) => t.statementSid).sort()).toEqual(["all", "prefix", "star"]);
  });

  it("reads Allow + NotAction as granting whatever it does not name", () => {
    expect(fromStatements([invoke({ Sid: "na", Principal: "*", Action: undefined, NotAction: ["lambda:GetPolicy"] })])).toHaveLength(1);
    expect(fromStatements([invoke({ Sid: "nb", Principal: "*", Action: undefined, NotAction: ["lambda:Invoke*"] })])).toEqual([]);
  });

  it("classifies principals: anyone, AWS \"*\", NotPrincipal, federated, and service principals by their first label", () => {
    const triggers = fromStatements([
      invoke({ Sid: "any", Principal: "*" }),
      invoke({ Sid: "aws-star", Principal: { AWS: ["*"] }, Condition: { StringEquals: { "aws:PrincipalOrgID": ["o-a1b2c3d4e5"] } } }),
      invoke({ Sid: "not", NotPrincipal: { AWS: [`arn:aws:iam::${ACCOUNT}:role/blocked`] } }),
      invoke({ Sid: "fed", Principal: { Federated: ["cognito-identity.amazonaws.com"] } }),
      invoke({ Sid: "cognito", Principal: { Service: ["cognito-idp.amazonaws.com"] } }),
      invoke({ Sid: "alexa", Principal: { Service: ["alexa-appkit.amazon.com"] }, Condition: { StringEquals: { "lambda:EventSourceToken": ["amzn1.ask.skill.x"] } } }),
    ]);
    const bySid = Object.fromEntries(triggers.map((t) => [t.statementSid, t]));
    // "any" and "not" are the same source (anyone, no source ARN): merged into one, keeping the first statement.
    expect(bySid.any).toMatchObject({ sourceType: "any", principal: "*", crossAccount: null });
    expect(bySid["aws-star"]).toBeUndefined();
    expect(bySid.not).toBeUndefined();
    expect(bySid.fed).toMatchObject({ sourceType: "other", principal: "cognito-identity.amazonaws.com" });
    expect(bySid.cognito).toMatchObject({ sourceType: "cognito-idp", principal: "cognito-idp.amazonaws.com" });
    expect(bySid.alexa).toMatchObject({ sourceType: "alexa-appkit", conditions: { sourceAccounts: [], keys: ["StringEquals:lambda:EventSourceToken"] } });
    expect(triggers).toHaveLength(4);
  });

  it("keeps the least conditioned grant when one source is granted twice", () => {
    const [t] = fromStatements([
      invoke({ Sid: "pinned", Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": ["o-a1b2c3d4e5"] } } }),
      invoke({ Sid: "open", Principal: "*" }),
    ]);
    expect(t).toMatchObject({ statementSid: "open", conditions: { sourceAccounts: [], keys: [] } });
  });

  it("names the source by its ARN's service when the principal is not a service, and splits several source ARNs", () => {
    const triggers = fromStatements([
      invoke({
        Sid: "two-apis",
        Principal: "*",
        Condition: {
          ArnLike: { "aws:sourcearn": [`arn:aws:execute-api:us-east-1:${ACCOUNT}:api1/*`, "arn:aws:execute-api:us-east-1:444455556666:api2/*"] },
        },
      }),
    ]);
    expect(triggers.map((t) => [t.sourceType, t.sourceArn, t.crossAccount])).toEqual([
      ["apigateway", `arn:aws:execute-api:us-east-1:${ACCOUNT}:api1/*`, false],
      ["apigateway", "arn:aws:execute-api:us-east-1:444455556666:api2/*", true],
    ]);
  });

  it("marks grants naming another account cross-account, through the principal or AWS:SourceAccount", () => {
    const triggers = fromStatements([
      invoke({ Sid: "own-root", Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:root`] } }),
      invoke({ Sid: "bare-id", Principal: { AWS: ["444455556666"] } }),
      invoke({ Sid: "s3-other", Principal: { Service: ["s3.amazonaws.com"] }, Condition: { StringEquals: { "AWS:SourceAccount": ["999988887777"] } } }),
    ]);
    const bySid = Object.fromEntries(triggers.map((t) => [t.statementSid, t]));
    expect(bySid["own-root"]).toMatchObject({ sourceType: "aws-account", crossAccount: false });
    expect(bySid["bare-id"]).toMatchObject({ sourceType: "aws-account", crossAccount: true });
    expect(bySid["s3-other"]).toMatchObject({ sourceType: "s3", sourceArn: null, crossAccount: true, conditions: { sourceAccounts: ["999988887777"] } });
  });

  it("takes the qualifier from the statement's Resource (moto returns every qualifier's statements from every GetPolicy)", () => {
    const statement = invoke({ Sid: "alias-only", Principal: { Service: ["sns.amazonaws.com"] }, Resource: [`${FN}:live`] });
    const asIfUnqualified = deriveTriggers({
      accountId: ACCOUNT,
      mappings: [],
      urls: [],
      policies: [
        { qualifier: null, document: { Statement: [statement] } },
        { qualifier: "1", document: { Statement: [statement] } },
        { qualifier: "live", document: { Statement: [statement] } },
      ],
    });
    expect(asIfUnqualified).toEqual([expect.objectContaining({ qualifier: "live", statementSid: "alias-only" })]);
    // Without a usable Resource, the qualifier the policy was read for.
    expect(fromStatements([invoke({ Sid: "no-resource", Principal: "*", Resource: undefined })], "blue")).toEqual([
      expect.objectContaining({ qualifier: "blue" }),
    ]);
  });
});

describe("deriveTriggers from mappings and URLs", () => {
  it("reads mapping states, keeps disabled mappings as disabled triggers and the alias a mapping targets", () => {
    const triggers = deriveTriggers({
      accountId: ACCOUNT,
      policies: [],
      urls: [],
      mappings: [
        { uuid: "u1", functionArn: `${FN}:live`, eventSourceArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:q`, sourceService: "sqs", state: "Enabled" },
        { uuid: "u2", functionArn: FN, eventSourceArn: "arn:aws:kinesis:us-east-1:444455556666:stream/s", sourceService: "kinesis", state: "Disabled" },
        { uuid: "u3", functionArn: `${FN}:$LATEST`, eventSourceArn: `arn:aws:mq:us-east-1:${ACCOUNT}:broker:b`, sourceService: "mq", state: "Creating" },
      ],
    });
    expect(triggers.map((t) => [t.esmUuid, t.sourceType, t.qualifier, t.enabled, t.crossAccount])).toEqual([
      ["u2", "kinesis", null, false, true],
      ["u3", "mq", null, true, false],
      ["u1", "sqs", "live", true, false],
    ]);
  });

  it("gives a URL the principal its auth type lets in", () => {
    const triggers = deriveTriggers({
      accountId: ACCOUNT,
      policies: [],
      mappings: [],
      urls: [
        { qualifier: null, authType: "AWS_IAM" },
        { qualifier: "live", authType: "NONE" },
      ],
    });
    expect(triggers.map((t) => [t.qualifier, t.principal, t.authType, t.via])).toEqual([
      ["live", "*", "NONE", "function_url"],
      [null, "AWS_IAM", "AWS_IAM", "function_url"],
    ]);
  });
});

describe("helpers", () => {
  it.each([
    [FN, null],
    [`${FN}:$LATEST`, null],
    [`${FN}:7`, "7"],
    [`${FN}:live`, "live"],
    [`arn:aws:lambda:us-east-1:${ACCOUNT}:layer:l:3`, null],
  ])("qualifierOf(%s) = %s", (arn, expected) => {
    expect(qualifierOf(arn)).toBe(expected);
  });

  it.each([
    ["444455556666", "444455556666"],
    ["arn:aws:iam::444455556666:role/r", "444455556666"],
    ["arn:aws:s3:::bucket", null],
    ["s3.amazonaws.com", null],
  ])("accountOf(%s) = %s", (value, expected) => {
    expect(accountOf(value)).toBe(expected);
  });

  it.each([
    ["Enabled", true],
    ["Enabling", true],
    ["Updating", true],
    ["Creating", true],
    ["SomeFutureState", true],
    [null, true],
    ["Disabled", false],
    ["Disabling", false],
    ["Deleting", false],
  ])("mappingEnabled(%s) = %s", (state, expected) => {
    expect(mappingEnabled(state)).toBe(expected);
  });
});
