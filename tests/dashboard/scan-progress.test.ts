// Live scan progress: the time left is extrapolated from finished units and is never negative or NaN,
// and an access-denied error names the IAM permission the scanning role lacks and where Lantern ships it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { estimateScanEta } from "@/lib/db/scan-progress";
import { etaText, explainError } from "@/components/scans/scan-status";
import { iamActionFor, missingPermission, shippedPolicyAllows } from "@/components/scans/scanner-policy";

const t0 = new Date("2030-01-01T00:00:00.000Z");
const at = (s: number) => new Date(t0.getTime() + s * 1000);

type TUnit = Parameters<typeof estimateScanEta>[1][number];
const done = (start: number, end: number): TUnit => ({ state: "succeeded", startedAt: at(start), finishedAt: at(end) });
const running = (start: number): TUnit => ({ state: "running", startedAt: at(start), finishedAt: null });
const queued: TUnit = { state: "queued", startedAt: null, finishedAt: null };

describe("estimateScanEta", () => {
  it("says estimating until a unit has finished", () => {
    expect(estimateScanEta("queued", [queued, queued], at(0))).toEqual({ state: "estimating" });
    expect(estimateScanEta("running", [running(0), queued], at(30))).toEqual({ state: "estimating" });
    expect(estimateScanEta("running", [], at(30))).toEqual({ state: "estimating" });
  });

  it("has nothing to estimate once the scan is over", () => {
    for (const status of ["succeeded", "partial", "failed"] as const) {
      expect(estimateScanEta(status, [done(0, 10), queued], at(99))).toEqual({ state: "done" });
    }
  });

  it("extrapolates the mean unit duration over the units left, shared by the units running at once", () => {
    // mean of finished units: (10 + 30) / 2 = 20 s; two queued units = 40 s of work; the running one
    // started 5 s ago, so 15 s of it is left; one unit running at a time
    const eta = estimateScanEta("running", [done(0, 10), done(10, 40), running(40), queued, queued], at(45));
    expect(eta).toEqual({ state: "estimated", remainingMs: 55_000, measuredUnits: 2 });
    // the same work over two running units takes half as long
    const parallel = estimateScanEta("running", [done(0, 20), running(25), running(25), queued, queued], at(30));
    expect(parallel).toEqual({ state: "estimated", remainingMs: (15_000 * 2 + 40_000) / 2, measuredUnits: 1 });
  });

  it("is never negative or NaN: a unit running past the mean counts as about to finish", () => {
    const late = estimateScanEta("running", [done(0, 10), running(10)], at(500));
    expect(late).toEqual({ state: "estimated", remainingMs: 0, measuredUnits: 1 });
    // a finish before its start (clock step between workers) is not a duration
    const skewed = estimateScanEta("running", [{ state: "failed", startedAt: at(10), finishedAt: at(5) }, queued], at(20));
    expect(skewed).toEqual({ state: "estimating" });
    // a running unit that started "in the future" (skewed clock) leaves the whole mean
    const future = estimateScanEta("running", [done(0, 10), running(100)], at(50));
    expect(future).toEqual({ state: "estimated", remainingMs: 10_000, measuredUnits: 1 });
    // finished units without timestamps (failed before they started) are not measured
    const unmeasured = estimateScanEta("running", [{ state: "failed", startedAt: null, finishedAt: at(3) }, queued], at(20));
    expect(unmeasured).toEqual({ state: "estimating" });
  });

  it("reads as text people understand", () => {
    expect(etaText({ state: "estimating" })).toBe("estimating…");
    expect(etaText({ state: "done" })).toBe("—");
    expect(etaText({ state: "estimated", remainingMs: 0, measuredUnits: 1 })).toBe("any moment");
    expect(etaText({ state: "estimated", remainingMs: 125_000, measuredUnits: 3 })).toBe("about 2 min 05 s");
    expect(etaText({ state: "estimated", remainingMs: Number.NaN, measuredUnits: 3 })).toBe("any moment");
  });
});

describe("missing IAM permissions", () => {
  it("maps scanner api labels to IAM actions", () => {
    expect(iamActionFor("lambda:GetPolicy")).toBe("lambda:GetPolicy");
    expect(iamActionFor("iam:GetAccountAuthorizationDetails")).toBe("iam:GetAccountAuthorizationDetails");
    // API Gateway authorizes reads as HTTP GET on resource paths, v1 and v2 alike
    expect(iamActionFor("apigateway:GetRestApis")).toBe("apigateway:GET");
    expect(iamActionFor("apigatewayv2:GetApis")).toBe("apigateway:GET");
    expect(iamActionFor("lantern:worker")).toBeNull();
    expect(iamActionFor("unknown")).toBeNull();
  });

  it("tells whether the shipped policy grants the action, from the policy file itself", () => {
    const policy = JSON.parse(readFileSync(new URL("../../iam/lantern-scanner-policy.json", import.meta.url), "utf8")) as {
      Statement: { Effect: string; Action: string | string[] }[];
    };
    const granted = policy.Statement.filter((s) => s.Effect === "Allow").flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(granted.length).toBeGreaterThan(0);
    for (const action of granted) expect(shippedPolicyAllows(action), action).toBe(true);
    expect(shippedPolicyAllows("lambda:getpolicy")).toBe(true);
    expect(shippedPolicyAllows("lambda:GetFunction")).toBe(false);
    expect(shippedPolicyAllows("s3:GetObject")).toBe(false);
  });

  it("explains AccessDenied with the action and the shipped policy, and other errors without one", () => {
    expect(missingPermission("lambda:GetPolicy", "AccessDeniedException")).toEqual({ action: "lambda:GetPolicy", inShippedPolicy: true });
    expect(missingPermission("lambda:GetFunction", "AccessDenied")).toEqual({ action: "lambda:GetFunction", inShippedPolicy: false });
    expect(missingPermission("lambda:GetPolicy", "ThrottlingException")).toBeNull();

    const denied = explainError("lambda:GetPolicy", "AccessDeniedException");
    expect(denied).toContain("lambda:GetPolicy");
    expect(denied).toContain("iam/lantern-scanner-policy.json");
    expect(denied).toContain("docs/aws-access.md");
    expect(explainError("lambda:GetFunction", "AccessDeniedException")).toMatch(/does not grant either/);
    expect(explainError("sts:AssumeRole", "AccessDenied")).toMatch(/trust policy/);
    expect(explainError("lambda:ListFunctions", "ThrottlingException")).toMatch(/rate-limited/);
    expect(explainError("lambda:ListFunctions", "ThrottlingException")).not.toContain("lantern-scanner-policy");
    expect(explainError("lambda:GetFunctionRecursionConfig", "UnknownOperation")).toMatch(/does not implement the call/);
  });
});
