import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ["node_modules/**", ".next/**", "lib/generated/**", "prisma/.migrate/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Only lib/db talks to Prisma.
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["lib/db/**", "prisma/**", "scripts/**", "tests/**", "e2e/**", "bench/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/generated/prisma/**", "@prisma/client", "@/lib/db/client"], message: "Only lib/db/* imports Prisma; call a lib/db function." }] },
      ],
    },
  },
];

export default config;
