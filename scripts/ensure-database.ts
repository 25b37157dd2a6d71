// Create the database named in DATABASE_URL when it does not exist yet (demo and first start).
import pg from "pg";
import { env } from "@/lib/env";

const url = new URL(env().DATABASE_URL);
const name = decodeURIComponent(url.pathname.slice(1));
const admin = new URL(url);
admin.pathname = "/postgres";
const c = new pg.Client({ connectionString: admin.toString() });
try {
  await c.connect();
  const r = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  if (r.rowCount === 0) {
    await c.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    console.log(`created database ${name}`);
  }
} catch (err) {
  console.error(`Could not reach or create database ${name} at ${url.host}: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
} finally {
  await c.end().catch(() => undefined);
}
