/* eslint-disable @typescript-eslint/no-explicit-any -- workaround code that patches untyped pg internals */
// Config for the Prisma 6.19 CLI (npm alias "prisma6"), used ONLY for migrations: its wasm
// ("js") schema engine runs through @prisma/adapter-pg, so no native binary is downloaded.
// Loaded by scripts/prisma-migrate.mjs. Plain object on purpose: `prisma/config` resolves to v7.
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";

// Workaround 1 (prisma/orm#27403): the schema engine reads pg_catalog columns of type `name`
// (oid 19) / "char" (oid 18), which @prisma/adapter-pg rejects. Report them as text (oid 25).
const require = createRequire(import.meta.url);
const Result = require("pg/lib/result.js");
const origAddFields = Result.prototype.addFields;
Result.prototype.addFields = function (fds: any[]) {
  for (const f of fds) if (f.dataTypeID === 19 || f.dataTypeID === 18) f.dataTypeID = 25;
  return origAddFields.call(this, fds);
};

// Workaround 2: the wasm engine leaves 10 s / 60 s timers pending after finishing, so the CLI
// would idle that long before exiting. Unref long timers.
const origSetTimeout = globalThis.setTimeout;
(globalThis as any).setTimeout = function (fn: any, ms?: number, ...args: any[]) {
  const t: any = origSetTimeout(fn, ms, ...args);
  if ((ms ?? 0) >= 5000) t?.unref?.();
  return t;
};

function pgConfig(database?: string) {
  // Discrete fields, NOT connectionString: pg lets connectionString override `database`,
  // which would silently point the shadow database at the main database.
  const u = new URL(process.env.DATABASE_URL!);
  return {
    host: u.hostname, port: Number(u.port || 5432),
    user: decodeURIComponent(u.username), password: decodeURIComponent(u.password),
    database: database ?? u.pathname.slice(1),
    allowExitOnIdle: true,
  };
}

// Workaround 3: adapter-pg's connectToShadowDb drops the shadow DB before closing its pool
// ("database ... is being accessed by other users"). Close first, then DROP ... WITH (FORCE).
class MigratePg extends PrismaPg {
  async connectToShadowDb() {
    const main = await this.connect();
    const database = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow: any = await new PrismaPg(pgConfig(database)).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await main.dispose();
    };
    return shadow;
  }
}

const config = {
  experimental: { adapter: true },
  schema: "prisma/.migrate/schema.prisma",
  migrations: { path: "prisma/migrations" },
  engine: "js",
  adapter: async () => new MigratePg(pgConfig()),
};

export default config;
