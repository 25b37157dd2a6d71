// The keyed fingerprint used for redacted secrets (env var values). Keyed with LANTERN_SECRET so a
// fingerprint in the database cannot be brute-forced back into a short secret without the key.
import { env } from "@/lib/env";
import { makeFingerprint } from "@/lib/aws/redact";

const DEV_KEY = "lantern-development-key-not-for-production";
let warned = false;
let cached: ((value: string) => string) | undefined;

export function secretFingerprint(): (value: string) => string {
  if (cached) return cached;
  const secret = env().LANTERN_SECRET;
  if (!secret && !warned) {
    warned = true;
    console.warn("LANTERN_SECRET is not set: secret fingerprints use a development key (set it in production).");
  }
  cached = makeFingerprint(secret ?? DEV_KEY);
  return cached;
}
