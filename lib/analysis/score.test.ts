import { describe, expect, it } from "vitest";
import { scoreBand, scoreOf, scopedScores, type ScoredResult } from "./score";

const r = (status: ScoredResult["status"], severity: ScoredResult["severity"], resourceArn = "arn:fn:a", suppressed = false): ScoredResult => ({
  status,
  severity,
  resourceArn,
  suppressed,
});

describe("posture score", () => {
  it("is the severity-weighted share of passing pairs (the worked example of docs/scoring.md)", () => {
    // pass: high 5 + medium 2 + low 1 = 8; fail: critical 10 + medium 2 = 12; 100 * 8 / 20 = 40
    const b = scoreOf([r("PASS", "high"), r("PASS", "medium"), r("PASS", "low"), r("FAIL", "critical"), r("FAIL", "medium")]);
    expect(b).toMatchObject({ score: 40, passWeight: 8, totalWeight: 20, passed: 3, failed: 2 });
    expect(b.failedBySeverity).toMatchObject({ critical: 1, medium: 1, high: 0 });
  });

  it("doubles the weight of pairs on internet-reachable resources", () => {
    const results = [r("FAIL", "high", "arn:exposed"), r("PASS", "high", "arn:internal")];
    expect(scoreOf(results).score).toBe(50);
    // failing exposed pair weighs 10, passing internal 5: 100 * 5 / 15 = 33
    expect(scoreOf(results, (arn) => arn === "arn:exposed").score).toBe(33);
  });

  it("leaves UNKNOWN and suppressed pairs out, and has no score when nothing was judged", () => {
    expect(scoreOf([r("UNKNOWN", "critical"), r("FAIL", "critical", "arn:x", true)]).score).toBeNull();
    expect(scoreOf([r("UNKNOWN", "critical"), r("PASS", "low")]).score).toBe(100);
    expect(scoreOf([]).score).toBeNull();
  });

  it("bands scores like Prowler ThreatScore", () => {
    expect([95, 85, 75, 65, 10].map(scoreBand)).toEqual(["excellent", "good", "fair", "poor", "critical"]);
  });

  it("scores functions with their role's results and APIs with their stages' results", () => {
    const api = "arn:aws:apigateway:us-east-1::/restapis/abc";
    const other = "arn:aws:apigateway:us-east-1::/restapis/abcd";
    const s = scopedScores({
      results: [
        r("PASS", "high", "arn:fn:a"),
        r("FAIL", "critical", "arn:role:a"),
        r("FAIL", "medium", `${api}/stages/prod`),
        r("PASS", "medium", api),
        r("PASS", "medium", other),
      ],
      isExposed: () => false,
      functionRoles: new Map([
        ["arn:fn:a", "arn:role:a"],
        ["arn:fn:b", null],
      ]),
      apiArns: [api, other],
    });
    expect(s.functions.get("arn:fn:a")).toMatchObject({ score: 33, passed: 1, failed: 1 });
    expect(s.functions.get("arn:fn:b")!.score).toBeNull();
    expect(s.apis.get(api)).toMatchObject({ score: 50, passed: 1, failed: 1 });
    expect(s.apis.get(other)).toMatchObject({ score: 100, passed: 1, failed: 0 });
    expect(s.account).toMatchObject({ passed: 3, failed: 2 });
  });
});
