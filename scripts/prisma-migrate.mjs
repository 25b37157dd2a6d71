#!/usr/bin/env node
// Usage: node scripts/prisma-migrate.mjs migrate dev --name x | migrate deploy | migrate status | db push ...
// Prisma 7's CLI runs migrations only through the native schema-engine binary, which it downloads
// from Prisma's binary download host (unreachable offline). Prisma 6.19's CLI can use the wasm schema engine
// shipped in its npm package instead, so migrations run through it; the client stays Prisma 7.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/lantern";

const schema = readFileSync("prisma/schema.prisma", "utf8")
  .replace(/generator\s+\w+\s*\{[^}]*\}/g, "") // prisma6 must never generate a client
  .replace(/(datasource\s+\w+\s*\{)/, '$1\n  url = env("DATABASE_URL")'); // v6 requires url, v7 forbids it
mkdirSync("prisma/.migrate", { recursive: true });
writeFileSync("prisma/.migrate/schema.prisma", schema);

const stub = resolve("prisma/no-engine.sh");
const r = spawnSync(
  process.execPath,
  ["node_modules/prisma6/build/index.js", ...process.argv.slice(2), "--config", "prisma.migrate.config.ts"],
  {
    stdio: "inherit",
    env: {
      ...process.env,
      CHECKPOINT_DISABLE: "1",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      PRISMA_SCHEMA_ENGINE_BINARY: stub,
      PRISMA_QUERY_ENGINE_LIBRARY: stub,
    },
  },
);
process.exit(r.status ?? 1);
