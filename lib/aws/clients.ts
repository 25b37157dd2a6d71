// AWS SDK v3 clients for one scan target: one client per (account, region, service), because the SDK's
// adaptive retry keeps its rate state per client instance and AWS throttles per account and region.
import { LambdaClient } from "@aws-sdk/client-lambda";
import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { env } from "@/lib/env";

export type ScanTarget = {
  accountId: string;
  region: string;
  roleArn?: string | null;
  externalId?: string | null;
};

/** Counters a unit reports: every attempt counts as a call, throttled attempts also as throttles. */
export type CallMetrics = { calls: number; throttles: number };

const THROTTLE_CODES = new Set([
  "ThrottlingException",
  "Throttling",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "SlowDown",
]);

export function isThrottle(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  return !!e && (THROTTLE_CODES.has(e.name ?? "") || e.$metadata?.httpStatusCode === 429);
}

type MiddlewareClient = {
  middlewareStack: {
    add: (mw: any, opts: any) => void; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
};

/** Count attempts and throttles. Added inside the retry loop (finalizeRequest, low priority), so retries count. */
export function instrument<C extends MiddlewareClient>(client: C, metrics: CallMetrics, emulatorAccountId?: string): C {
  client.middlewareStack.add(
    (next: (a: unknown) => Promise<unknown>) => async (args: unknown) => {
      metrics.calls++;
      try {
        return await next(args);
      } catch (err) {
        if (isThrottle(err)) metrics.throttles++;
        throw err;
      }
    },
    { step: "finalizeRequest", priority: "low", name: "lanternCallMetrics" },
  );
  if (emulatorAccountId) {
    // moto keeps one isolated account per x-moto-account-id header: each Lantern account is its own moto account.
    client.middlewareStack.add(
      (next: (a: { request: { headers: Record<string, string> } }) => Promise<unknown>) =>
        (args: { request: { headers: Record<string, string> } }) => {
          args.request.headers["x-moto-account-id"] = emulatorAccountId;
          return next(args);
        },
      { step: "build", name: "lanternMotoAccount" },
    );
  }
  return client;
}

const credentialCache = new Map<string, AwsCredentialIdentityProvider>();

/** Credentials for a target: the default chain, or an assumed role (cached for its lifetime by the provider). */
export function credentialsFor(target: ScanTarget): AwsCredentialIdentityProvider | undefined {
  if (!target.roleArn) return undefined; // SDK default chain
  const key = `${target.roleArn}|${target.externalId ?? ""}`;
  let provider = credentialCache.get(key);
  if (!provider) {
    provider = fromTemporaryCredentials({
      params: {
        RoleArn: target.roleArn,
        ExternalId: target.externalId ?? undefined,
        RoleSessionName: "lantern-scanner",
        DurationSeconds: 3600,
      },
      clientConfig: { region: target.region },
    });
    credentialCache.set(key, provider);
  }
  return provider;
}

export function baseClientConfig(target: ScanTarget) {
  return {
    region: target.region,
    credentials: credentialsFor(target),
    retryMode: "adaptive" as const,
    maxAttempts: 6,
  };
}

export function emulatorAccount(target: ScanTarget): string | undefined {
  return env().LANTERN_AWS_EMULATOR ? target.accountId : undefined;
}

export type LambdaClients = { lambda: LambdaClient };

export function lambdaClients(target: ScanTarget, metrics: CallMetrics): LambdaClients {
  return { lambda: instrument(new LambdaClient(baseClientConfig(target)), metrics, emulatorAccount(target)) };
}
