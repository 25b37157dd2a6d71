// Secret values (Lambda environment variables, API Gateway stage variables and static integration
// parameters) never leave the scanner: only their name, length and a keyed fingerprint are stored, so a change
// is visible without the value being recoverable from the database.
import { createHmac } from "node:crypto";
import { z } from "zod";

/** A value that may be a secret: its name, length and keyed fingerprint; never the value. */
export const ZRedactedValue = z.object({
  name: z.string(),
  /** Length of the value in characters. The value itself is never stored. */
  length: z.number().int(),
  /** HMAC-SHA256 of the value keyed by LANTERN_SECRET, hex, first 16 chars: tells "changed" without revealing it. */
  fingerprint: z.string(),
});
export type TRedactedValue = z.infer<typeof ZRedactedValue>;
/** Kept for the callers that speak of environment variables. */
export type TRedactedEnvVar = TRedactedValue;

/** What replaces a secret value in the raw API responses Lantern stores. */
export const REDACTED_VALUE = "[redacted]";

const FINGERPRINT_HEX_CHARS = 16;

/**
 * HMAC-SHA256 keyed by the installation secret, hex, first 16 chars. Keyed so that a leaked database cannot be
 * used to confirm guesses of low-entropy values offline without the secret as well.
 */
export function makeFingerprint(secret: string): (value: string) => string {
  if (secret.length === 0) throw new Error("makeFingerprint needs a non-empty secret");
  return (value: string) => createHmac("sha256", secret).update(value, "utf8").digest("hex").slice(0, FINGERPRINT_HEX_CHARS);
}

export function redactEnvironment(
  vars: Record<string, string> | undefined,
  fingerprint: (value: string) => string,
): TRedactedEnvVar[] {
  if (!vars) return [];
  return Object.entries(vars)
    .map(([name, value]) => ({
      name,
      // Characters (code points), not UTF-16 units: what a person reading the dashboard would count.
      length: Array.from(value).length,
      fingerprint: fingerprint(value),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The same map with every value replaced by REDACTED_VALUE: what the stored raw responses keep. */
export function maskValues<T extends Record<string, string> | null | undefined>(values: T): T {
  if (!values) return values;
  return Object.fromEntries(Object.keys(values).map((name) => [name, REDACTED_VALUE])) as T;
}
