import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import { fetchError, inventoryOf, lambdaFunction } from "@/lib/rules/__fixtures__/lambda-function";
import { rule } from "./lambda_function_owner_tagged.rule";

const tags = (value: Record<string, string>) => ({ tags: { status: "ok" as const, value } });
const only = (fn: TLambdaFunctionRecord, ctx = testContext(rule)) => {
  const results = rule.evaluate(inventoryOf(fn), ctx);
  expect(results).toHaveLength(1);
  return results[0];
};

describe("lambda_function_owner_tagged", () => {
  it("returns nothing when there are no functions", () => {
    expect(rule.evaluate(inventoryOf(), testContext(rule))).toEqual([]);
  });

  it("fails an untagged function (bad fixture)", () => {
    expect(only(lambdaFunction())).toMatchObject({ status: "FAIL", message: "Lambda function orders-api has no tags, so nothing says who owns it." });
  });

  it("passes a function with a team tag (good fixture)", () => {
    expect(only(lambdaFunction(tags({ team: "payments", env: "prod" })))).toMatchObject({
      status: "PASS",
      message: "Lambda function orders-api is tagged with owner team=payments.",
    });
  });

  it("fails tags without an owner key", () => {
    const r = only(lambdaFunction(tags({ env: "prod", "cost-center": "cc-1" })));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe("Lambda function orders-api has 2 tag(s) but no owner tag (owner, team).");
  });

  it("does not count CloudFormation's aws: tags (look-alike)", () => {
    const r = only(lambdaFunction(tags({ "aws:cloudformation:stack-name": "orders" })));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("has no tags");
  });

  it("matches owner keys case-insensitively and ignores empty values", () => {
    expect(only(lambdaFunction(tags({ Owner: "alice@example.com" }))).status).toBe("PASS");
    expect(only(lambdaFunction(tags({ owner: " " }))).status).toBe("FAIL");
  });

  it("uses the saved owner keys", () => {
    const ctx = testContext(rule, { settings: { ownerTagKeys: ["service-owner"] } });
    expect(only(lambdaFunction(tags({ team: "payments" })), ctx).status).toBe("FAIL");
    expect(only(lambdaFunction(tags({ "service-owner": "payments" })), ctx).status).toBe("PASS");
  });

  it("is UNKNOWN, never FAIL, when the tags could not be read", () => {
    const r = only(lambdaFunction({ tags: fetchError("AccessDeniedException") }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe("Could not read the tags of function orders-api: AccessDeniedException.");
  });
});
