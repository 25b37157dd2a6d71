import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { fetchError } from "@/lib/rules/__fixtures__/lambda-function";
import { accessAnalyzerRegion, analyzerEntry, inventoryWith } from "@/lib/rules/__fixtures__/neighbours";
import { rule } from "./accessanalyzer_no_active_findings.rule";

const evaluate = (...regions: ReturnType<typeof accessAnalyzerRegion>[]) => rule.evaluate(inventoryWith({ accessAnalyzerRegions: regions }), testContext(rule));
const findings = (count: number, byResourceType: Record<string, number>) => ({ status: "ok" as const, value: { count, byResourceType } });

describe("accessanalyzer_no_active_findings", () => {
  it("does not judge a region without an active external access analyzer (G-01 does)", () => {
    expect(evaluate(accessAnalyzerRegion({ status: "ok", value: [] }))).toEqual([]);
    expect(evaluate(accessAnalyzerRegion({ status: "ok", value: [analyzerEntry({ type: "ACCOUNT_UNUSED_ACCESS", activeFindings: findings(40, { "AWS::IAM::Role": 40 }) })] }))).toEqual([]);
  });

  it("passes an analyzer without active findings", () => {
    expect(evaluate(accessAnalyzerRegion({ status: "ok", value: [analyzerEntry()] }))[0]).toMatchObject({ status: "PASS", message: "IAM Access Analyzer in us-east-1 has no active external access findings." });
  });

  it("fails active findings, summed over analyzers with their resource types", () => {
    const [r] = evaluate(
      accessAnalyzerRegion({
        status: "ok",
        value: [
          analyzerEntry({ activeFindings: findings(2, { "AWS::Lambda::Function": 1, "AWS::S3::Bucket": 1 }) }),
          analyzerEntry({ name: "org", type: "ORGANIZATION", activeFindings: findings(1, { "AWS::S3::Bucket": 1 }) }),
        ],
      }),
    );
    expect(r).toMatchObject({ status: "FAIL", message: "IAM Access Analyzer in us-east-1 has 3 active external access findings (1 AWS::Lambda::Function, 2 AWS::S3::Bucket)." });
  });

  it("is UNKNOWN when the analyzers or their findings could not be read", () => {
    expect(evaluate(accessAnalyzerRegion(fetchError()))[0].status).toBe("UNKNOWN");
    const [r] = evaluate(accessAnalyzerRegion({ status: "ok", value: [analyzerEntry({ activeFindings: fetchError("ThrottlingException") })] }));
    expect(r).toMatchObject({ status: "UNKNOWN", message: "Could not count the active findings of IAM Access Analyzer in us-east-1: ThrottlingException." });
  });
});
