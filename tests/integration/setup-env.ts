// Runs in each integration test worker before the tests import Lantern: points the app at the test
// database and the emulator (lib/env reads process.env on first use).
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.AWS_ENDPOINT_URL = inject("motoEndpoint");
process.env.LANTERN_AWS_EMULATOR = "true";
process.env.AWS_ACCESS_KEY_ID = "test";
process.env.AWS_SECRET_ACCESS_KEY = "test";
process.env.AWS_REGION = "us-east-1";
process.env.LANTERN_SECRET = "integration-test-secret-0123456789";
process.env.AWS_MAX_ATTEMPTS = "2";
// Fast takeover of a killed worker's unit in the fault tests (production defaults: 30 s and 45 s).
process.env.LANTERN_UNIT_HEARTBEAT_SECONDS = "10";
process.env.LANTERN_UNIT_STALE_SECONDS = "12";
// moto does not throttle and these tests are not about pacing (lib/aws/rate-limit.test.ts and bench/ are):
// raise the client-side quotas so the suite is not paced at AWS's 15 req/s.
const fast = { rate: 2000, burst: 2000 };
process.env.LANTERN_AWS_QUOTAS = JSON.stringify({
  "lambda:GetPolicy": fast,
  "lambda:control": fast,
  "apigateway:GetResources": fast,
  "apigateway:total": fast,
  "iam:read": fast,
});
