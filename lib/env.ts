// Environment, validated once with zod. Every process (web, worker, CLI, scripts) reads config from here.
import { z } from "zod";
import { ZQuotaShare, ZQuotasJson } from "./aws/quotas";

const boolish = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes");

export const ZEnv = z.object({
  DATABASE_URL: z
    .string()
    .url("DATABASE_URL must be a postgresql:// URL")
    .default("postgresql://postgres@127.0.0.1:5432/lantern")
    .describe("Postgres holding the inventory, findings and the pg-boss job queue"),
  /** Key for the keyed hash (HMAC-SHA256) that fingerprints redacted secrets such as env var values. */
  LANTERN_SECRET: z
    .string()
    .min(16, "LANTERN_SECRET must be at least 16 characters")
    .optional()
    .describe("Installation secret; fingerprints of redacted values are keyed with it"),
  /** Set by the demo and the tests: the AWS endpoint is moto, and each Lantern account maps to a moto account. */
  LANTERN_AWS_EMULATOR: boolish.describe("AWS_ENDPOINT_URL points at moto; send x-moto-account-id per account"),
  AWS_ENDPOINT_URL: z.string().url().optional(),
  LANTERN_DEFAULT_REGIONS: z
    .string()
    .default("us-east-1")
    .transform((s) => s.split(",").map((r) => r.trim()).filter(Boolean)),
  LANTERN_SCAN_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  LANTERN_WORKER_ID: z.string().optional(),
  LANTERN_LAST_ACCESSED_MAX_AGE_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 90)
    .default(24)
    .describe("A role's stored service last-accessed report younger than this is reused instead of generated again"),
  LANTERN_UNIT_HEARTBEAT_SECONDS: z.coerce
    .number()
    .int()
    .min(10)
    .max(600)
    .default(30)
    .describe("pg-boss retries a scan unit on another worker when its worker sent no heartbeat for this long"),
  LANTERN_UNIT_STALE_SECONDS: z.coerce
    .number()
    .int()
    .min(10)
    .max(3600)
    .default(45)
    .describe("A running unit whose heartbeat is older than this may be taken over by another worker"),
  LANTERN_AWS_QUOTAS: ZQuotasJson.describe(
    'AWS request quotas Lantern paces itself to, as JSON merged over the defaults, e.g. {"iam:read":{"rate":5,"burst":5}}',
  ),
  LANTERN_AWS_QUOTA_SHARE: ZQuotaShare.describe(
    "Fraction (0 < x <= 1) of every AWS quota this process may use: the buckets are per process, so split them between workers scanning the same accounts",
  ),
  LANTERN_SCAN_FUNCTION_CODE: boolish.describe(
    "Download each function's deployment package and its account's layers and scan them for secrets (LC-03); needs the optional iam/lantern-code-scan-policy.json",
  ),
  LANTERN_CODE_SCAN_MAX_PACKAGE_MB: z.coerce
    .number()
    .int()
    .min(1)
    .max(1024)
    .default(256)
    .describe("Largest deployment package or layer archive (zipped, MB) code scanning downloads; a larger one is reported as not scanned"),
  WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});
export type TEnv = z.infer<typeof ZEnv>;

let cached: TEnv | undefined;

/** Parse process.env; throws one readable error listing every bad variable. */
export function env(): TEnv {
  if (cached) return cached;
  const parsed = ZEnv.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid Lantern configuration:\n${lines.join("\n")}`);
  }
  if (parsed.data.LANTERN_AWS_EMULATOR && !parsed.data.AWS_ENDPOINT_URL) {
    throw new Error("Invalid Lantern configuration:\n  - LANTERN_AWS_EMULATOR is set but AWS_ENDPOINT_URL is not");
  }
  // `next build` imports every route to read its config, as NODE_ENV=production, and an image is built
  // without runtime secrets: the secret is required when the server or worker runs, not while building.
  const isNextBuild = process.env.NEXT_PHASE === "phase-production-build";
  if (parsed.data.NODE_ENV === "production" && !parsed.data.LANTERN_SECRET && !isNextBuild) {
    throw new Error("Invalid Lantern configuration:\n  - LANTERN_SECRET is required in production (openssl rand -hex 32)");
  }
  cached = parsed.data;
  return cached;
}

/** For tests that change process.env. */
export function resetEnvCache() {
  cached = undefined;
}
