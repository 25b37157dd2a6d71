// tsx tests/support/reset-db-cli.ts <postgres url>: drop, create and migrate a local test database.
import { recreateDatabase } from "./test-db";

const url = process.argv[2];
if (!url) {
  console.error("usage: reset-db-cli.ts <postgresql://... local url>");
  process.exit(2);
}
recreateDatabase(url).then(
  () => console.log(`database ${new URL(url).pathname.slice(1)} recreated and migrated`),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
