import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The container image runs the standalone server (the Dockerfile sets LANTERN_STANDALONE=1 to build it);
  // `npm start`, the demo and the tests use `next start`, which does not serve a standalone build.
  output: process.env.LANTERN_STANDALONE === "1" ? "standalone" : undefined,
  poweredByHeader: false,
  // Keep the DB driver and pg-boss out of the server bundle (loaded from node_modules at runtime).
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "pg-boss"],
};

export default nextConfig;
