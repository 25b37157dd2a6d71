// Secret values (Lambda environment variables) never leave the scanner: only their name, length and a keyed
// fingerprint are stored, so a change is visible without the value being recoverable from the database.
import { createHmac } from "node:crypto";
import type { z } from "zod";
import type { ZRedactedEnvVar } from "@/scanners/lambda/record";

export type TRedactedEnvVar = z.infer<typeof ZRedactedEnvVar>;

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
