import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import { inventoryOf, lambdaFunction } from "@/lib/rules/__fixtures__/lambda-function";
import { rule } from "./lambda_function_tracing_active.rule";

const only = (fn: TLambdaFunctionRecord) => {
  const results = rule.evaluate(inventoryOf(fn), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0];
};

describe("lambda_function_tracing_active", () => {
  it("returns nothing when there are no functions", () => {
    expect(rule.evaluate(inventoryOf(), testContext(rule))).toEqual([]);
  });

  it("fails PassThrough, the default (bad fixture)", () => {
    const r = only(lambdaFunction({ tracingMode: "PassThrough" }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe(
      "Lambda function orders-api uses tracing mode PassThrough, so it traces only requests that arrive with a sampled trace header.",
    );
    expect(r.evidence).toEqual({ tracingMode: "PassThrough" });
  });

  it("passes Active (good fixture)", () => {
    expect(only(lambdaFunction({ tracingMode: "Active" }))).toMatchObject({ status: "PASS", message: "Lambda function orders-api has X-Ray active tracing enabled." });
  });

  it("is UNKNOWN when no mode is recorded", () => {
    expect(only(lambdaFunction({ tracingMode: null })).status).toBe("UNKNOWN");
  });

  it("is UNKNOWN, not FAIL, for a mode it does not recognize (look-alike)", () => {
    const r = only(lambdaFunction({ tracingMode: "Sampled" }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe('Could not judge function orders-api: it has an unrecognized tracing mode "Sampled".');
  });
});
