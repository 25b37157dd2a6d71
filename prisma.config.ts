// Prisma 7 CLI config. In this stack the v7 CLI is only used for `prisma generate`
// (migrations go through scripts/prisma-migrate.mjs + prisma.migrate.config.ts, see README).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    // not env("DATABASE_URL"): that throws when the variable is unset, which would break `generate`
    url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/lantern",
  },
});
