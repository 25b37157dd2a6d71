import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { fetchError } from "@/lib/rules/__fixtures__/lambda-function";
import { accessAnalyzerRegion, analyzerEntry, inventoryWith } from "@/lib/rules/__fixtures__/neighbours";
import { rule } from "./accessanalyzer_external_access_enabled.rule";

const evaluate = (...regions: ReturnType<typeof accessAnalyzerRegion>[]) => rule.evaluate(inventoryWith({ accessAnalyzerRegions: regions }), testContext(rule));

describe("accessanalyzer_external_access_enabled", () => {
  it("returns nothing when no region was scanned", () => {
    expect(evaluate()).toEqual([]);
  });

  it("passes an active account or organization analyzer", () => {
    const [r] = evaluate(accessAnalyzerRegion({ status: "ok", value: [analyzerEntry()] }));
    expect(r).toMatchObject({ status: "PASS", resourceArn: "arn:aws:access-analyzer:us-east-1:111122223333:analyzer/*", message: "Region us-east-1 has an active external access analyzer (account-analyzer, ACCOUNT)." });
    expect(evaluate(accessAnalyzerRegion({ status: "ok", value: [analyzerEntry({ type: "ORGANIZATION" })] }))[0].status).toBe("PASS");
  });

  it("fails a region without analyzers, and one with only an unused-access analyzer (look-alike)", () => {
    expect(evaluate(accessAnalyzerRegion({ status: "ok", value: [] }))[0]).toMatchObject({ status: "FAIL", message: "Region us-east-1 has no IAM Access Analyzer external access analyzer." });
    expect(evaluate(accessAnalyzerRegion({ status: "ok", value: [analyzerEntry({ type: "ACCOUNT_UNUSED_ACCESS" })] }))[0].status).toBe("FAIL");
  });

  it("fails a disabled analyzer and is UNKNOWN while one is being created", () => {
    expect(evaluate(accessAnalyzerRegion({ status: "ok", value: [analyzerEntry({ status: "DISABLED" })] }))[0]).toMatchObject({ status: "FAIL", message: expect.stringContaining("account-analyzer: DISABLED") });
    expect(evaluate(accessAnalyzerRegion({ status: "ok", value: [analyzerEntry({ status: "CREATING" })] }))[0].status).toBe("UNKNOWN");
  });

  it("judges every region on its own, and is UNKNOWN where the listing failed (the emulator case)", () => {
    const results = evaluate(accessAnalyzerRegion({ status: "ok", value: [analyzerEntry()] }), accessAnalyzerRegion(fetchError("UnexpectedResponse"), "eu-west-1"));
    expect(results.map((r) => [r.region, r.status])).toEqual([
      ["us-east-1", "PASS"],
      ["eu-west-1", "UNKNOWN"],
    ]);
  });
});
