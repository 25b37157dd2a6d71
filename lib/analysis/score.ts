// Posture score (0-100) of an account, and of each function and API in it. Documented in docs/scoring.md and on
// the pages that show it; change the formula only together with that text.
//
// Every judged (rule, resource) pair of a scan weighs
//     w = severity weight of the rule  x  exposure multiplier of the resource
// with severity weights critical 10, high 5, medium 2, low 1, informational 0, and an exposure multiplier of 2
// when the resource is reachable from the internet (an unauthenticated route, a public function URL or a
// public resource policy leads to it) and 1 otherwise. Then
//     score = 100 x (sum of w over passing pairs) / (sum of w over all judged pairs)
// rounded down to an integer. UNKNOWN results (could not judge) and pairs whose finding is suppressed are left
// out of both sums; a scope with nothing judged has no score (null), not 100.
//
// Why this shape: it is Prowler ThreatScore's weighted pass rate and Security Hub's passed/enabled ratio
// (explainable, per scope, snapshot per scan), plus what neither has: exposure, so the same misconfiguration
// costs more on an internet-facing function than on an internal one.
import type { RuleResult, Severity } from "@/lib/rules/types";

export const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 10, high: 5, medium: 2, low: 1, informational: 0 };
export const EXPOSURE_MULTIPLIER = 2;

export type ScoredResult = Pick<RuleResult, "status" | "resourceArn"> & { severity: Severity; suppressed?: boolean };

export type ScoreBreakdown = {
  /** null when nothing in the scope was judged. */
  score: number | null;
  passWeight: number;
  totalWeight: number;
  passed: number;
  failed: number;
  /** Failing pairs per severity. */
  failedBySeverity: Record<Severity, number>;
};

export function emptyBreakdown(): ScoreBreakdown {
  return { score: null, passWeight: 0, totalWeight: 0, passed: 0, failed: 0, failedBySeverity: { critical: 0, high: 0, medium: 0, low: 0, informational: 0 } };
}

/** Adds one judged pair to a breakdown (UNKNOWN and suppressed pairs are ignored). */
export function addToBreakdown(b: ScoreBreakdown, r: ScoredResult, exposed: boolean): void {
  if (r.status === "UNKNOWN" || r.suppressed) return;
  const w = SEVERITY_WEIGHT[r.severity] * (exposed ? EXPOSURE_MULTIPLIER : 1);
  b.totalWeight += w;
  if (r.status === "PASS") {
    b.passWeight += w;
    b.passed++;
  } else {
    b.failed++;
    b.failedBySeverity[r.severity]++;
  }
}

export function finishBreakdown(b: ScoreBreakdown): ScoreBreakdown {
  return { ...b, score: b.totalWeight > 0 ? Math.floor((100 * b.passWeight) / b.totalWeight) : b.passed + b.failed > 0 ? 100 : null };
}

/** Score of a list of results. */
export function scoreOf(results: Iterable<ScoredResult>, isExposed: (arn: string) => boolean = () => false): ScoreBreakdown {
  const b = emptyBreakdown();
  for (const r of results) addToBreakdown(b, r, isExposed(r.resourceArn));
  return finishBreakdown(b);
}

export type ScoreBand = "excellent" | "good" | "fair" | "poor" | "critical";

/** Bands as Prowler ThreatScore draws them: >= 90 excellent, 80-89 good, 70-79 fair, 60-69 poor, < 60 critical. */
export function scoreBand(score: number): ScoreBand {
  return score >= 90 ? "excellent" : score >= 80 ? "good" : score >= 70 ? "fair" : score >= 60 ? "poor" : "critical";
}

export type ScopedScores = {
  account: ScoreBreakdown;
  /** Per function ARN: its own results plus those of its execution role. */
  functions: Map<string, ScoreBreakdown>;
  /** Per API ARN: results on the API and on its stages/routes (ARNs that start with the API's ARN). */
  apis: Map<string, ScoreBreakdown>;
};

/**
 * Scores of an account and of each function and API in it from one scan's results. `functionRoles` maps a
 * function ARN to its execution role ARN; `apiArns` lists the APIs. Results about a role count for every
 * function using it (a function's blast radius includes its role).
 */
export function scopedScores(input: {
  results: ScoredResult[];
  isExposed: (arn: string) => boolean;
  functionRoles: Map<string, string | null>;
  apiArns: string[];
}): ScopedScores {
  const account = emptyBreakdown();
  const byArn = new Map<string, ScoredResult[]>();
  for (const r of input.results) {
    addToBreakdown(account, r, input.isExposed(r.resourceArn));
    const list = byArn.get(r.resourceArn);
    if (list) list.push(r);
    else byArn.set(r.resourceArn, [r]);
  }
  const functions = new Map<string, ScoreBreakdown>();
  for (const [fn, role] of input.functionRoles) {
    const b = emptyBreakdown();
    const exposed = input.isExposed(fn);
    for (const r of byArn.get(fn) ?? []) addToBreakdown(b, r, exposed);
    // The role's results weigh with the function's exposure: an exposed function makes its role's flaws reachable.
    if (role) for (const r of byArn.get(role) ?? []) addToBreakdown(b, r, exposed);
    functions.set(fn, finishBreakdown(b));
  }
  const apis = new Map<string, ScoreBreakdown>();
  // Stage and route results carry ARNs under the API's ARN (…/restapis/<id>/stages/<name>).
  const sorted = [...input.apiArns].sort();
  const ownerOf = (arn: string): string | undefined => {
    let lo = 0;
    let hi = sorted.length - 1;
    let best: string | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] <= arn) {
        best = sorted[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best !== undefined && (arn === best || arn.startsWith(`${best}/`)) ? best : undefined;
  };
  for (const api of input.apiArns) apis.set(api, emptyBreakdown());
  for (const [arn, list] of byArn) {
    const api = ownerOf(arn);
    if (!api) continue;
    const b = apis.get(api)!;
    for (const r of list) addToBreakdown(b, r, input.isExposed(arn) || input.isExposed(api));
  }
  for (const [api, b] of apis) apis.set(api, finishBreakdown(b));
  return { account: finishBreakdown(account), functions, apis };
}
