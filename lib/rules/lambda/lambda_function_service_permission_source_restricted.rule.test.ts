import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
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
import { rule } from "./lambda_function_service_permission_source_restricted.rule";

const only = (fn: TLambdaFunctionRecord) => {
  const results = rule.evaluate(inventoryOf(fn), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0];
};

const RULE_ARN = `arn:aws:events:us-east-1:${ACCOUNT_ID}:rule/nightly`;

describe("lambda_function_service_permission_source_restricted", () => {
  it("returns nothing when there are no functions", () => {
    expect(rule.evaluate(inventoryOf(), testContext(rule))).toEqual([]);
  });

  it("passes a function without a resource-based policy", () => {
    expect(only(lambdaFunction())).toMatchObject({ status: "PASS", message: "Lambda function orders-api has no resource-based policy." });
  });

  it("fails an EventBridge grant with no source condition and says what to add (bad fixture)", () => {
    const r = only(lambdaFunction({ policy: policyOf(serviceInvokeStatement("events.amazonaws.com", { sid: "events-invoke" })) }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe(
      'Lambda function orders-api lets events.amazonaws.com invoke it for any account\'s resources: statement "events-invoke" ' +
        "(events.amazonaws.com, no source condition); add aws:SourceArn (--source-arn) for the resource that invokes it, " +
        "and aws:SourceAccount (--source-account).",
    );
    expect(r.evidence.unconstrainedStatements).toEqual([
      expect.objectContaining({ sid: "events-invoke", services: ["events.amazonaws.com"], reason: "no_source_condition", condition: null }),
    ]);
  });

  it("passes an EventBridge grant limited by a rule ARN (good fixture)", () => {
    const r = only(lambdaFunction({ policy: policyOf(serviceInvokeStatement("events.amazonaws.com", { sourceArn: RULE_ARN })) }));
    expect(r).toMatchObject({
      status: "PASS",
      message: "Lambda function orders-api limits every AWS service grant to a source account, source ARN or event source token.",
    });
  });

  it("passes a grant limited by aws:SourceAccount alone", () => {
    const r = only(lambdaFunction({ policy: policyOf(serviceInvokeStatement("sns.amazonaws.com", { sourceAccount: ACCOUNT_ID })) }));
    expect(r.status).toBe("PASS");
  });

  it("fails an S3 grant with a bucket ARN but no aws:SourceAccount (the S3 case)", () => {
    const r = only(lambdaFunction({ policy: policyOf(serviceInvokeStatement("s3.amazonaws.com", { sid: "s3", sourceArn: "arn:aws:s3:::receipts-inbox" })) }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("a bucket ARN but no aws:SourceAccount");
    expect(r.message).toContain("add aws:SourceAccount (--source-account): a bucket ARN names no account");
    expect(r.evidence.unconstrainedStatements).toEqual([expect.objectContaining({ reason: "source_arn_without_account" })]);
  });

  it("passes an S3 grant with bucket ARN and aws:SourceAccount", () => {
    const statement = serviceInvokeStatement("s3.amazonaws.com", { sourceArn: "arn:aws:s3:::receipts-inbox", sourceAccount: ACCOUNT_ID });
    expect(only(lambdaFunction({ policy: policyOf(statement) })).status).toBe("PASS");
  });

  it("fails a wildcard source ARN, which pins no account", () => {
    const r = only(lambdaFunction({ policy: policyOf(serviceInvokeStatement("events.amazonaws.com", { sourceArn: "arn:aws:events:*:*:rule/*" })) }));
    expect(r.status).toBe("FAIL");
  });

  it("fails a source condition under a negated operator (it lets almost everyone through)", () => {
    const statement = serviceInvokeStatement("sns.amazonaws.com", { condition: { StringNotEquals: { "AWS:SourceAccount": ["999988887777"] } } });
    expect(only(lambdaFunction({ policy: policyOf(statement) })).status).toBe("FAIL");
  });

  it("fails a source condition under IfExists (a caller without the key passes)", () => {
    const statement = serviceInvokeStatement("sns.amazonaws.com", { condition: { StringEqualsIfExists: { "AWS:SourceAccount": [ACCOUNT_ID] } } });
    expect(only(lambdaFunction({ policy: policyOf(statement) })).status).toBe("FAIL");
  });

  it("does not insist on a source ARN for Secrets Manager: aws:SourceAccount passes", () => {
    const statement = serviceInvokeStatement("secretsmanager.amazonaws.com", { sourceAccount: ACCOUNT_ID });
    expect(only(lambdaFunction({ policy: policyOf(statement) })).status).toBe("PASS");
  });

  it("advises aws:SourceAccount, not a source ARN, for an unconditioned Secrets Manager grant", () => {
    const r = only(lambdaFunction({ policy: policyOf(serviceInvokeStatement("secretsmanager.amazonaws.com")) }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("add aws:SourceAccount (--source-account); this service cannot present a source ARN");
  });

  it("passes an Alexa grant limited by lambda:EventSourceToken", () => {
    const statement = serviceInvokeStatement("alexa-appkit.amazon.com", {
      condition: { StringEquals: { "lambda:EventSourceToken": ["amzn1.ask.skill.1234"] } },
    });
    expect(only(lambdaFunction({ policy: policyOf(statement) })).status).toBe("PASS");
  });

  it("fails an Alexa grant without a token and advises the skill id", () => {
    const r = only(lambdaFunction({ policy: policyOf(serviceInvokeStatement("alexa-appkit.amazon.com")) }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("lambda:EventSourceToken (--event-source-token)");
  });

  it("finds an unconditioned service grant on an alias policy", () => {
    const r = only(
      lambdaFunction({ qualifierPolicies: [qualifierPolicy("live", serviceInvokeStatement("events.amazonaws.com", { sid: "live-events", qualifier: "live" }))] }),
    );
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain('"live-events" on qualifier live');
  });

  it("ignores account and anyone grants (LX-05 and LX-01 judge them)", () => {
    const r = only(lambdaFunction({ policy: policyOf(accountInvokeStatement("999988887777"), publicInvokeStatement()) }));
    expect(r).toMatchObject({ status: "PASS", message: "Lambda function orders-api grants nothing to AWS service principals." });
  });

  it("passes a service grant cancelled by an unconditional Deny for anyone", () => {
    const deny = { Sid: "DenyAll", Effect: "Deny" as const, Principal: "*" as const, Action: ["lambda:*"], Resource: ["*"] };
    expect(only(lambdaFunction({ policy: policyOf(serviceInvokeStatement("events.amazonaws.com"), deny) })).status).toBe("PASS");
  });

  it("counts several unconstrained grants in one message", () => {
    const r = only(
      lambdaFunction({
        policy: policyOf(
          serviceInvokeStatement("events.amazonaws.com", { sid: "a" }),
          serviceInvokeStatement("s3.amazonaws.com", { sid: "b", sourceArn: "arn:aws:s3:::bucket" }),
        ),
      }),
    );
    expect(r.message).toBe(
      'Lambda function orders-api has 2 service-principal grants that any account\'s resources can use: "a" (events.amazonaws.com, ' +
        'no source condition); "b" (s3.amazonaws.com, a bucket ARN but no aws:SourceAccount).',
    );
  });

  it("is UNKNOWN, never PASS, when the policy could not be read", () => {
    const r = only(lambdaFunction({ policy: fetchError("AccessDeniedException") }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe("Could not read every resource-based policy of function orders-api: lambda:GetPolicy (AccessDeniedException).");
  });

  it("is UNKNOWN when the aliases could not be listed (their policies were never read)", () => {
    const r = only(lambdaFunction({ aliases: fetchError("ThrottlingException") }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toContain("lambda:ListAliases (ThrottlingException)");
  });

  it("still fails on what it could read when another qualifier's policy failed", () => {
    const r = only(
      lambdaFunction({
        policy: policyOf(serviceInvokeStatement("events.amazonaws.com")),
        qualifierPolicies: [{ qualifier: "live", policy: fetchError() }],
      }),
    );
    expect(r.status).toBe("FAIL");
    expect(r.evidence.unreadPolicies).toEqual([expect.objectContaining({ qualifier: "live", code: "AccessDeniedException" })]);
  });
});
