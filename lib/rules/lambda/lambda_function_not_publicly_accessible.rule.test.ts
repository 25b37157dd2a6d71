import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import {
  fetchError,
  functionArn,
  inventoryOf,
  lambdaFunction,
  policyOf,
  publicInvokeStatement,
  qualifierPolicy,
  serviceInvokeStatement,
} from "@/lib/rules/__fixtures__/lambda-function";
import { rule } from "./lambda_function_not_publicly_accessible.rule";

const FN = functionArn("orders-api");

const only = (fn: TLambdaFunctionRecord) => {
  const results = rule.evaluate(inventoryOf(fn), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0];
};

describe("lambda_function_not_publicly_accessible", () => {
  it("returns nothing when there are no functions", () => {
    expect(rule.evaluate(inventoryOf(), testContext(rule))).toEqual([]);
  });

  it("passes a function without a resource-based policy", () => {
    const r = only(lambdaFunction());
    expect(r).toMatchObject({ status: "PASS", resourceArn: FN, resourceName: "orders-api" });
    expect(r.message).toBe("Lambda function orders-api has no resource-based policy.");
  });

  it("passes a policy that grants only to a service with a source ARN (good fixture)", () => {
    const r = only(
      lambdaFunction({
        policy: policyOf({
          Sid: "s3invoke",
          Effect: "Allow",
          Principal: { Service: ["s3.amazonaws.com"] },
          Action: ["lambda:InvokeFunction"],
          Resource: [FN],
          Condition: { ArnLike: { "AWS:SourceArn": ["arn:aws:s3:::orders-uploads"] } },
        }),
      }),
    );
    expect(r.status).toBe("PASS");
    expect(r.message).toBe("Lambda function orders-api has a resource-based policy that grants nothing to anyone.");
  });

  it("fails Principal * without a condition and shows the statement (bad fixture)", () => {
    const r = only(lambdaFunction({ policy: policyOf(publicInvokeStatement()) }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe(
      'Lambda function orders-api has a resource-based policy that lets anyone invoke it (statement "AllowAnyone").',
    );
    expect(r.evidence.publicStatements).toEqual([
      expect.objectContaining({
        sid: "AllowAnyone",
        reason: "principal_star",
        principal: "*",
        action: ["lambda:InvokeFunction"],
        condition: null,
        viaFunctionUrl: false,
      }),
    ]);
    expect(r.evidence.removeCommands).toEqual([
      `aws lambda remove-permission --function-name ${FN} --statement-id AllowAnyone`,
    ]);
  });

  it("passes Principal * restricted by AWS:SourceArn and says which condition restricts it", () => {
    const statement = {
      ...publicInvokeStatement(),
      Condition: { ArnLike: { "AWS:SourceArn": ["arn:aws:execute-api:us-east-1:111122223333:abc123/*/GET/orders"] } },
    };
    const r = only(lambdaFunction({ policy: policyOf(statement) }));
    expect(r.status).toBe("PASS");
    expect(r.message).toBe(
      "Lambda function orders-api does not allow public access: every statement for any principal is limited by AWS:SourceArn.",
    );
    expect(r.evidence.publicStatements).toEqual([]);
    expect(r.evidence.restrictedStatements).toEqual([expect.objectContaining({ sid: "AllowAnyone" })]);
  });

  it("fails Principal * with a wildcard SourceArn", () => {
    const statement = { ...publicInvokeStatement(), Condition: { ArnLike: { "AWS:SourceArn": ["*"] } } };
    expect(only(lambdaFunction({ policy: policyOf(statement) })).status).toBe("FAIL");
  });

  it("fails a public function URL permission and marks it as via the function URL", () => {
    const statement = {
      Sid: "FunctionURLAllowPublicAccess",
      Effect: "Allow" as const,
      Principal: "*" as const,
      Action: ["lambda:InvokeFunctionUrl"],
      Resource: [FN],
      Condition: { StringEquals: { "lambda:FunctionUrlAuthType": ["NONE"] } },
    };
    const r = only(lambdaFunction({ policy: policyOf(statement) }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("lets anyone invoke it through its function URL");
    expect(r.evidence.publicStatements).toEqual([expect.objectContaining({ viaFunctionUrl: true })]);
  });

  it("fails a configuration-only grant to anyone and names the actions", () => {
    const statement = { ...publicInvokeStatement(), Action: ["lambda:GetFunction", "lambda:GetPolicy"] };
    const r = only(lambdaFunction({ policy: policyOf(statement) }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("lets anyone call lambda:GetFunction, lambda:GetPolicy");
  });

  it("counts several public statements in one message", () => {
    const r = only(
      lambdaFunction({ policy: policyOf(publicInvokeStatement("orders-api", "A"), publicInvokeStatement("orders-api", "B")) }),
    );
    expect(r.message).toBe('Lambda function orders-api has a resource-based policy that grants access to anyone in 2 statements: "A", "B".');
  });

  it("passes when an unconditional Deny for anyone cancels the public Allow", () => {
    const deny = { Sid: "DenyAll", Effect: "Deny" as const, Principal: "*" as const, Action: ["lambda:*"], Resource: ["*"] };
    const r = only(lambdaFunction({ policy: policyOf(publicInvokeStatement(), deny) }));
    expect(r.status).toBe("PASS");
    expect(r.message).toContain("cancelled by an unconditional Deny");
  });

  it("is UNKNOWN, never PASS, when the policy could not be read", () => {
    const r = only(lambdaFunction({ policy: fetchError("AccessDeniedException") }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe("Could not read the resource policy of function orders-api: AccessDeniedException.");
    expect(r.evidence.policy).toMatchObject({ status: "error", code: "AccessDeniedException" });
  });

  it("labels a statement without a Sid by position and offers no remove command for it", () => {
    const { Sid: _sid, ...noSid } = publicInvokeStatement();
    const r = only(lambdaFunction({ policy: policyOf(noSid) }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("(statement #1)");
    expect(r.evidence.removeCommands).toEqual([]);
  });

  it("is UNKNOWN when the record has no policy attribute (collected by an older scanner)", () => {
    const { policy: _policy, ...rest } = lambdaFunction();
    const r = only(rest as TLambdaFunctionRecord);
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toContain("function orders-api");
  });

  it("returns one result per function, in inventory order", () => {
    const results = rule.evaluate(
      inventoryOf(
        lambdaFunction({ name: "a", policy: policyOf(publicInvokeStatement("a")) }),
        lambdaFunction({ name: "b" }),
        lambdaFunction({ name: "c", policy: fetchError() }),
      ),
      testContext(rule),
    );
    expect(results.map((r) => [r.resourceName, r.status])).toEqual([
      ["a", "FAIL"],
      ["b", "PASS"],
      ["c", "UNKNOWN"],
    ]);
    for (const r of results) {
      expect(r.message).toContain(`function ${r.resourceName}`);
      expect(r.message.endsWith(".")).toBe(true);
    }
  });

  it("fails a public grant on an alias policy and names the qualifier", () => {
    const aliasGrant = { ...publicInvokeStatement("orders-api", "LiveAnyone"), Resource: [`${FN}:live`] };
    const r = only(lambdaFunction({ qualifierPolicies: [qualifierPolicy("live", aliasGrant)] }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe('Lambda function orders-api has a resource-based policy that lets anyone invoke it (statement "LiveAnyone" on qualifier live).');
    expect(r.evidence.removeCommands).toEqual([`aws lambda remove-permission --function-name ${FN} --statement-id LiveAnyone --qualifier live`]);
  });

  it("counts a statement repeated in several qualifiers' policies once", () => {
    const r = only(lambdaFunction({ policy: policyOf(publicInvokeStatement()), qualifierPolicies: [qualifierPolicy("1", publicInvokeStatement())] }));
    expect(r.evidence.publicStatements).toHaveLength(1);
  });

  it("passes an alias policy that grants only a conditioned service (look-alike)", () => {
    const grant = serviceInvokeStatement("events.amazonaws.com", { qualifier: "live", sourceArn: "arn:aws:events:us-east-1:111122223333:rule/r" });
    expect(only(lambdaFunction({ qualifierPolicies: [qualifierPolicy("live", grant)] })).status).toBe("PASS");
  });

  it("is UNKNOWN, not PASS, when an alias policy could not be read", () => {
    const r = only(lambdaFunction({ qualifierPolicies: [{ qualifier: "live", policy: fetchError("AccessDeniedException") }] }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe("Could not read every resource-based policy of function orders-api: lambda:GetPolicy for live (AccessDeniedException).");
  });

  it("still fails a public alias grant when the unqualified policy could not be read", () => {
    const aliasGrant = { ...publicInvokeStatement(), Resource: [`${FN}:live`] };
    const r = only(lambdaFunction({ policy: fetchError(), qualifierPolicies: [qualifierPolicy("live", aliasGrant)] }));
    expect(r.status).toBe("FAIL");
  });
});
