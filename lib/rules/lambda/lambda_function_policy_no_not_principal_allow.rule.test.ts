import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TStatement } from "@/lib/aws/policy-document";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import {
  ACCOUNT_ID,
  fetchError,
  functionArn,
  inventoryOf,
  lambdaFunction,
  policyOf,
  qualifierPolicy,
  serviceInvokeStatement,
} from "@/lib/rules/__fixtures__/lambda-function";
import { rule } from "./lambda_function_policy_no_not_principal_allow.rule";

const only = (fn: TLambdaFunctionRecord) => {
  const results = rule.evaluate(inventoryOf(fn), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0];
};

const notPrincipal = (extra: Partial<TStatement> = {}): TStatement => ({
  Sid: "AllButAuditor",
  Effect: "Allow",
  NotPrincipal: { AWS: [`arn:aws:iam::${ACCOUNT_ID}:role/auditor`] },
  Action: ["lambda:InvokeFunction"],
  Resource: [functionArn("orders-api")],
  ...extra,
});

describe("lambda_function_policy_no_not_principal_allow", () => {
  it("returns nothing when there are no functions", () => {
    expect(rule.evaluate(inventoryOf(), testContext(rule))).toEqual([]);
  });

  it("passes a function without a resource-based policy", () => {
    expect(only(lambdaFunction())).toMatchObject({ status: "PASS", message: "Lambda function orders-api has no resource-based policy." });
  });

  it("fails Allow with NotPrincipal and says it is public when nothing narrows it (bad fixture)", () => {
    const r = only(lambdaFunction({ policy: policyOf(notPrincipal()) }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe(
      'Lambda function orders-api has a resource-based policy statement "AllButAuditor" that allows every principal except those in NotPrincipal; no condition narrows it, so it is public.',
    );
    expect(r.evidence.notPrincipalStatements).toEqual([expect.objectContaining({ sid: "AllButAuditor", restrictedByConditions: false })]);
  });

  it("still fails a conditioned NotPrincipal Allow but says the conditions narrow it", () => {
    const r = only(lambdaFunction({ policy: policyOf(notPrincipal({ Condition: { StringEquals: { "aws:SourceAccount": [ACCOUNT_ID] } } })) }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("its conditions narrow who can use it");
  });

  it("passes Deny with NotPrincipal (the documented use; look-alike)", () => {
    const deny = notPrincipal({ Effect: "Deny", Sid: "DenyAllButAuditor" });
    expect(only(lambdaFunction({ policy: policyOf(deny, serviceInvokeStatement("events.amazonaws.com")) }))).toMatchObject({
      status: "PASS",
      message: "Lambda function orders-api has no Allow statement that uses NotPrincipal.",
    });
  });

  it("passes a NotPrincipal Allow cancelled by an unconditional Deny for anyone", () => {
    const deny: TStatement = { Sid: "DenyAll", Effect: "Deny", Principal: "*", Action: ["lambda:*"], Resource: ["*"] };
    expect(only(lambdaFunction({ policy: policyOf(notPrincipal(), deny) })).status).toBe("PASS");
  });

  it("finds it on an alias policy", () => {
    const r = only(lambdaFunction({ qualifierPolicies: [qualifierPolicy("live", notPrincipal({ Resource: [`${functionArn("orders-api")}:live`] }))] }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("on qualifier live");
  });

  it("is UNKNOWN, never PASS, when the policy could not be read", () => {
    const r = only(lambdaFunction({ policy: fetchError() }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe("Could not read every resource-based policy of function orders-api: lambda:GetPolicy (AccessDeniedException).");
  });

  it("is UNKNOWN when a version's policy could not be read and nothing else was found", () => {
    const r = only(lambdaFunction({ policy: policyOf(serviceInvokeStatement("events.amazonaws.com")), qualifierPolicies: [{ qualifier: "3", policy: fetchError("ThrottlingException") }] }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toContain("lambda:GetPolicy for 3 (ThrottlingException)");
  });
});
