import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  // Keep the DB driver and pg-boss out of the server bundle (loaded from node_modules at runtime).
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "pg-boss"],
};

export default nextConfig;
