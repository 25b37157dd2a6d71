// Redaction with detection: the scanner's normalize replaces each secret-bearing value (Lambda environment
// variables, API Gateway stage variables) by its name, length and keyed fingerprint (lib/aws/redact.ts), and
// adds what the detectors found in the clear value first. Only detector ids, confidences and fingerprints
// of the matched secrets are kept: never the value, never a part of it.
import { z } from "zod";
import { ZRedactedValue, redactEnvironment } from "@/lib/aws/redact";
import { findSecrets } from "./detect";
import { CONFIDENCES, type Confidence } from "./patterns";

export const ZSecretConfidence = z.enum(CONFIDENCES as [Confidence, ...Confidence[]]);

/** One detector that fired on a value. */
export const ZSecretHit = z.object({
  /** Detector id (lib/analysis/secrets/patterns.ts DETECTORS), e.g. "aws-access-key-id". */
  detector: z.string(),
  confidence: ZSecretConfidence,
  /**
   * Keyed fingerprint (LANTERN_SECRET) of the matched secret: the whole value, or the part that is the
   * secret (a connection string's password). The same key in two places has the same fingerprint.
   */
  fingerprint: z.string(),
});
export type TSecretHit = z.infer<typeof ZSecretHit>;

/**
 * A redacted value with what the detectors found in it. `secrets` is missing on records stored before
 * detection existed: rules read that as "not analysed" (UNKNOWN), never as "no secret".
 */
export const ZRedactedValueWithSecrets = ZRedactedValue.extend({
  secrets: z.array(ZSecretHit).optional(),
});
export type TRedactedValueWithSecrets = z.infer<typeof ZRedactedValueWithSecrets>;

/** The detections of one value, fingerprinted. One per (detector, secret). */
export function secretHits(name: string, value: string, fingerprint: (value: string) => string): TSecretHit[] {
  const seen = new Set<string>();
  const hits: TSecretHit[] = [];
  for (const m of findSecrets(name, value)) {
    const hit = { detector: m.detector, confidence: m.confidence, fingerprint: fingerprint(m.match) };
    const key = `${hit.detector}:${hit.fingerprint}`;
    if (seen.has(key)) continue;
    seen.add(key);
    hits.push(hit);
  }
  return hits;
}

/**
 * redactEnvironment (name, length, fingerprint; sorted by name) plus the detectors that fired on each
 * clear value. The values themselves are read here and nowhere after.
 */
export function redactWithSecrets(
  vars: Record<string, string> | null | undefined,
  fingerprint: (value: string) => string,
): TRedactedValueWithSecrets[] {
  if (!vars) return [];
  const values = new Map(Object.entries(vars));
  return redactEnvironment(vars, fingerprint).map((r) => ({ ...r, secrets: secretHits(r.name, values.get(r.name) ?? "", fingerprint) }));
}
