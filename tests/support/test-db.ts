// A disposable local Postgres database for integration and e2e runs: refuses any non-local host,
// recreates the database and applies the committed migrations.
import { execFileSync } from "node:child_process";
import pg from "pg";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

export function assertLocalDatabaseUrl(url: string) {
  const u = new URL(url);
  if (!LOCAL_HOSTS.has(u.hostname)) {
    throw new Error(`Refusing to reset database on non-local host "${u.hostname}": tests only run against a local Postgres.`);
  }
}

export async function recreateDatabase(url: string) {
  assertLocalDatabaseUrl(url);
  const u = new URL(url);
  const name = u.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Unexpected test database name "${name}"`);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  } finally {
    await c.end();
  }
  execFileSync(process.execPath, ["scripts/prisma-migrate.mjs", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "ignore", "inherit"],
  });
}
