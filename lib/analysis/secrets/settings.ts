// The settings the secret rules share (LC-02, LC-03, A1-11) and how they filter what the scanner stored.
// Detection itself runs at scan time on the clear values, which are never stored, so what a rule can tune
// is which findings count: the confidence threshold, detectors to ignore, and variables or paths accepted
// as not secret. The patterns and secret-like names live in patterns.ts (DETECTORS lists every detector).
import { z } from "zod";
import { CONFIDENCE_RANK, DETECTOR_IDS, type Confidence } from "./patterns";
import { ZSecretConfidence } from "./redact";

export const ZSecretRuleSettings = z.object({
  minimumConfidence: ZSecretConfidence,
  ignoredDetectors: z.array(z.string()),
  /** Glob patterns (* and ?, case-insensitive) of variable names, or of file paths for code. */
  ignored: z.array(z.string()),
});
export type TSecretRuleSettings = z.infer<typeof ZSecretRuleSettings>;

export const SECRET_RULE_DEFAULTS: TSecretRuleSettings = { minimumConfidence: "medium", ignoredDetectors: [], ignored: [] };

export const DESCRIBE_MINIMUM_CONFIDENCE =
  "Report findings of at least this confidence: high (a credential format such as AKIA…, sk_live_…, a PEM key), medium (also random values under secret-like names and literal passwords) or low (also test-mode keys, localhost connection strings, short passwords in code).";
export const DESCRIBE_IGNORED_DETECTORS = `Detectors whose findings are ignored, by id: ${DETECTOR_IDS.join(", ")}.`;

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`, "i");
}

/** Whether `value` matches one of the glob patterns (* any characters, ? one character, case-insensitive). */
export function matchesAny(value: string, globs: readonly string[]): boolean {
  return globs.some((g) => globToRegExp(g).test(value));
}

/** Whether a finding counts under these settings (the variable name or file path is checked against `ignored`). */
export function counts(finding: { detector: string; confidence: Confidence }, where: string, settings: TSecretRuleSettings): boolean {
  return (
    CONFIDENCE_RANK[finding.confidence] >= CONFIDENCE_RANK[settings.minimumConfidence] &&
    !settings.ignoredDetectors.includes(finding.detector) &&
    !matchesAny(where, settings.ignored)
  );
}
