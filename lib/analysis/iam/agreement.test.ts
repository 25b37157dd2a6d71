// The engine's request decisions against the reference evaluator, @cloud-copilot/iam-simulate (benchmark B6
// runs the same comparison at 100,000 queries): queries over a scaled-down LARGE_ACCOUNT fixture, and queries
// over randomly generated statements that exercise every condition operator, set operator, ...IfExists,
// negation on missing keys, policy variables with and without defaults, NotAction/NotResource and boundaries.
import { describe, expect, it } from "vitest";
import { generateIamFixture } from "@/bench/iam-fixture";
import { compare, conditionHeavy, generateQueries } from "@/bench/b6-iam-agreement";
import { analyzeAccountIam } from "./analyze";

describe("agreement with @cloud-copilot/iam-simulate", () => {
  it("decides 2,000 queries over the LARGE_ACCOUNT fixture exactly as the reference does", async () => {
    const fixture = generateIamFixture({ seed: 7, scale: 0.04 });
    const a = analyzeAccountIam(fixture);
    const queries = generateQueries(a, 2000, 77);
    const { disagreements, outcomes } = await compare(a, queries);
    expect(outcomes.Rejected).toBeLessThan(20);
    expect(outcomes.Allowed).toBeGreaterThan(300);
    expect(outcomes.ExplicitlyDenied).toBeGreaterThan(20);
    expect(disagreements).toEqual([]);
  }, 120_000);

  it("decides 2,000 queries over generated condition-heavy statements exactly as the reference does", async () => {
    const { a, queries } = conditionHeavy(42, 2000);
    const { disagreements, outcomes } = await compare(a, queries);
    expect(outcomes.Rejected).toBe(0);
    expect(outcomes.Allowed).toBeGreaterThan(200);
    expect(disagreements.map((d) => `${d.cause} ${d.action} ${d.resource} ${JSON.stringify(d.context)}`)).toEqual([]);
  }, 120_000);
});
