// End-to-end tests in Debian's Chromium (never `playwright install`). Run through `npm run test:e2e`
// (scripts/e2e.sh), which prepares the database, the emulator and the demo estate first; Playwright
// then starts a worker and the built web app.
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const WORKER_HEALTH_PORT = Number(process.env.E2E_WORKER_HEALTH_PORT ?? 3199);
const baseURL = `http://127.0.0.1:${PORT}`;
const appEnv = {
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: process.env.DATABASE_URL ?? "",
  AWS_ENDPOINT_URL: process.env.AWS_ENDPOINT_URL ?? "",
  LANTERN_AWS_EMULATOR: process.env.LANTERN_AWS_EMULATOR ?? "",
  AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? "",
  AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? "",
  AWS_REGION: process.env.AWS_REGION ?? "us-east-1",
  LANTERN_SECRET: process.env.LANTERN_SECRET ?? "",
  LANTERN_AWS_QUOTAS: process.env.LANTERN_AWS_QUOTAS ?? "",
};

export default defineConfig({
  testDir: "./e2e",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1, // 2-core machine, one shared database
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  outputDir: "test-results/artifacts",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    viewport: { width: 1366, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  webServer: [
    {
      command: "node_modules/.bin/tsx lib/jobs/worker.ts",
      url: `http://127.0.0.1:${WORKER_HEALTH_PORT}/`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { ...appEnv, WORKER_HEALTH_PORT: String(WORKER_HEALTH_PORT), LANTERN_WORKER_ID: "e2e-worker" },
      stdout: "pipe",
    },
    {
      command: `node_modules/.bin/next start -H 127.0.0.1 -p ${PORT}`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 90_000,
      env: appEnv,
    },
  ],
});
