import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import { alias, fetchError, inventoryOf, lambdaFunction, publishedVersion } from "@/lib/rules/__fixtures__/lambda-function";
import { DEFAULT_RUNTIMES, rule } from "./lambda_function_runtime_supported.rule";

// testContext pins the clock at 2026-11-23.
const evaluate = (...fns: TLambdaFunctionRecord[]) => rule.evaluate(inventoryOf(...fns), testContext(rule));
const only = (fn: TLambdaFunctionRecord) => {
  const results = evaluate(fn);
  expect(results).toHaveLength(1);
  return results[0];
};

describe("lambda_function_runtime_supported", () => {
  it("returns nothing when there are no functions", () => {
    expect(evaluate()).toEqual([]);
  });

  it("fails a deprecated runtime and gives the deprecation and block-update dates (bad fixture)", () => {
    const r = only(lambdaFunction({ runtime: "python3.7" }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe(
      "Lambda function orders-api uses runtime python3.7, deprecated since 2023-12-04; updating functions on it is blocked since 2025-11-01.",
    );
    expect(r.evidence.latest).toMatchObject({ runtime: "python3.7", deprecated: true, updateBlocked: true });
  });

  it("fails a runtime deprecated this year whose update block is still ahead", () => {
    const r = only(lambdaFunction({ runtime: "dotnet8" }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("deprecated since 2026-11-10; updates will be blocked from 2027-01-11");
  });

  it("passes a supported runtime (good fixture)", () => {
    const r = only(lambdaFunction({ runtime: "python3.13" }));
    expect(r).toMatchObject({ status: "PASS", message: "Lambda function orders-api uses runtime python3.13, supported until 2029-06-30." });
    expect(r.evidence.deprecationApproaching).toBe(false);
  });

  it("passes a runtime whose deprecation is near, and marks it as approaching", () => {
    const r = only(lambdaFunction({ runtime: "nodejs22.x" }));
    expect(r.status).toBe("PASS");
    expect(r.message).toBe("Lambda function orders-api uses runtime nodejs22.x, supported until 2027-04-30 (deprecated in 158 days).");
    expect(r.evidence.deprecationApproaching).toBe(true);
  });

  it("fails when an alias serves a published version on a deprecated runtime, though $LATEST was upgraded", () => {
    const r = only(
      lambdaFunction({
        runtime: "nodejs22.x",
        versions: { status: "ok", value: [publishedVersion("3", { runtime: "nodejs16.x" }), publishedVersion("4", { runtime: "nodejs22.x" })] },
        aliases: { status: "ok", value: [alias("live", "3")] },
      }),
    );
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("serves version 3 through alias live on runtime nodejs16.x, deprecated since 2024-06-12");
  });

  it("passes an old deprecated version that no alias serves (look-alike)", () => {
    const r = only(
      lambdaFunction({
        runtime: "python3.13",
        versions: { status: "ok", value: [publishedVersion("1", { runtime: "python3.8" }), publishedVersion("2", { runtime: "python3.13" })] },
        aliases: { status: "ok", value: [alias("live", "2")] },
      }),
    );
    expect(r.status).toBe("PASS");
  });

  it("counts a canary weight as serving the version", () => {
    const live = { ...alias("live", "2"), routing: [{ version: "1", weight: 0.1 }] };
    const r = only(
      lambdaFunction({
        runtime: "python3.13",
        versions: { status: "ok", value: [publishedVersion("1", { runtime: "python3.8" }), publishedVersion("2", { runtime: "python3.13" })] },
        aliases: { status: "ok", value: [live] },
      }),
    );
    expect(r.status).toBe("FAIL");
  });

  it("gives container-image functions no result", () => {
    expect(evaluate(lambdaFunction({ packageType: "Image", runtime: null }))).toEqual([]);
  });

  it("is UNKNOWN for a zip function without a recorded runtime", () => {
    expect(only(lambdaFunction({ runtime: null })).status).toBe("UNKNOWN");
  });

  it("is UNKNOWN, not PASS, for a runtime the list does not know", () => {
    const r = only(lambdaFunction({ runtime: "python3.15" }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe("Could not judge the runtime of function orders-api: python3.15 is not in this rule's runtime list.");
  });

  it("is UNKNOWN when the aliases could not be listed", () => {
    const r = only(lambdaFunction({ runtime: "python3.13", aliases: fetchError("AccessDeniedException") }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toContain("AccessDeniedException");
  });

  it("uses the saved runtime list instead of the defaults", () => {
    const ctx = testContext(rule, {
      settings: { runtimes: [{ identifier: "python3.13", name: "Python 3.13", deprecationDate: "2026-01-01", blockFunctionUpdateDate: null }], warnDaysBeforeDeprecation: 0 },
    });
    const [r] = rule.evaluate(inventoryOf(lambdaFunction({ runtime: "python3.13" })), ctx);
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe("Lambda function orders-api uses runtime python3.13, deprecated since 2026-01-01.");
  });

  it("ships a valid default list with unique identifiers", () => {
    expect(rule.settings?.schema.safeParse(rule.settings.defaults).success).toBe(true);
    const ids = DEFAULT_RUNTIMES.map((x) => x.identifier);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
