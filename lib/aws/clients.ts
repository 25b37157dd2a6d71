// AWS SDK v3 clients for one scan target: one client per (account, region, service), because the SDK's
// adaptive retry keeps its rate state per client instance and AWS throttles per account and region.
import { LambdaClient } from "@aws-sdk/client-lambda";
import { IAMClient } from "@aws-sdk/client-iam";
import { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { ApiGatewayV2Client } from "@aws-sdk/client-apigatewayv2";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { AccountClient } from "@aws-sdk/client-account";
import { EC2Client } from "@aws-sdk/client-ec2";
import { STSClient } from "@aws-sdk/client-sts";
import { S3Client } from "@aws-sdk/client-s3";
import { SQSClient } from "@aws-sdk/client-sqs";
import { SNSClient } from "@aws-sdk/client-sns";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { KMSClient } from "@aws-sdk/client-kms";
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { AccessAnalyzerClient } from "@aws-sdk/client-accessanalyzer";
import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { env } from "@/lib/env";
import { rateLimit } from "@/lib/aws/rate-limit";
import type { AwsService } from "@/lib/aws/quotas";

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
    // Standard retries (exponential back-off with jitter, 500 ms base for throttles), not "adaptive": Lantern
    // already paces every call to the account's quotas with its own token buckets (rate-limit.ts), and the
    // adaptive limiter on top cut a unit to ~1 req/s after a few throttles (tests/integration/faults).
    retryMode: "standard" as const,
    // The emulator answers the APIs it lacks with HTTP 500/404 pages, which the SDK retries as transient
    // server errors: fewer attempts there keep a scan of the demo from waiting on calls that cannot succeed.
    maxAttempts: env().LANTERN_AWS_EMULATOR ? 4 : 8,
  };
}

export function emulatorAccount(target: ScanTarget): string | undefined {
  return env().LANTERN_AWS_EMULATOR ? target.accountId : undefined;
}

/** Count calls (instrument) and pace them to the account's quotas, shared with every client of the process. */
function scanClient<C extends Parameters<typeof instrument>[0] & Parameters<typeof rateLimit>[0]>(
  client: C,
  service: AwsService,
  target: ScanTarget,
  metrics: CallMetrics,
): C {
  return rateLimit(instrument(client, metrics, emulatorAccount(target)), { service, accountId: target.accountId, region: target.region });
}

export type LambdaClients = { lambda: LambdaClient };

export function lambdaClients(target: ScanTarget, metrics: CallMetrics): LambdaClients {
  return { lambda: scanClient(new LambdaClient(baseClientConfig(target)), "lambda", target, metrics) };
}

export type IamClients = { iam: IAMClient };

/** IAM is global: one client per account, on us-east-1 (aws partition). */
export function iamClients(target: ScanTarget, metrics: CallMetrics): IamClients {
  return { iam: scanClient(new IAMClient({ ...baseClientConfig(target), region: "us-east-1" }), "iam", target, metrics) };
}

export type ApiGatewayClients = { apigateway: APIGatewayClient };

export function apiGatewayClients(target: ScanTarget, metrics: CallMetrics): ApiGatewayClients {
  return { apigateway: scanClient(new APIGatewayClient(baseClientConfig(target)), "apigateway", target, metrics) };
}

export type ApiGatewayV2Clients = { apigatewayv2: ApiGatewayV2Client };

export function apiGatewayV2Clients(target: ScanTarget, metrics: CallMetrics): ApiGatewayV2Clients {
  return { apigatewayv2: scanClient(new ApiGatewayV2Client(baseClientConfig(target)), "apigatewayv2", target, metrics) };
}

export type AccountDiscoveryClients = { organizations: OrganizationsClient; account: AccountClient; ec2: EC2Client; sts: STSClient };

/** Clients for account onboarding: organization members and enabled regions. */
export function accountDiscoveryClients(target: ScanTarget, metrics: CallMetrics): AccountDiscoveryClients {
  const cfg = baseClientConfig(target);
  return {
    organizations: scanClient(new OrganizationsClient({ ...cfg, region: "us-east-1" }), "organizations", target, metrics),
    account: scanClient(new AccountClient({ ...cfg, region: "us-east-1" }), "account", target, metrics),
    ec2: scanClient(new EC2Client(cfg), "ec2", target, metrics),
    sts: scanClient(new STSClient(cfg), "sts", target, metrics),
  };
}

export type NeighboursClients = {
  s3: S3Client;
  sqs: SQSClient;
  sns: SNSClient;
  dynamodb: DynamoDBClient;
  kms: KMSClient;
  cloudtrail: CloudTrailClient;
  logs: CloudWatchLogsClient;
  ec2: EC2Client;
  accessanalyzer: AccessAnalyzerClient;
};

/** The resources around serverless functions in one (account, region): one client per service, each paced to its own quotas. */
export function neighboursClients(target: ScanTarget, metrics: CallMetrics): NeighboursClients {
  const cfg = baseClientConfig(target);
  return {
    s3: scanClient(
      new S3Client({
        ...cfg,
        // The emulator serves buckets on its own host (no per-bucket DNS names). Buckets are read in the unit of
        // their own region; following a redirect covers a bucket that moved between listing and reading.
        forcePathStyle: !!env().LANTERN_AWS_EMULATOR,
        followRegionRedirects: true,
      }),
      "s3",
      target,
      metrics,
    ),
    sqs: scanClient(new SQSClient(cfg), "sqs", target, metrics),
    sns: scanClient(new SNSClient(cfg), "sns", target, metrics),
    dynamodb: scanClient(new DynamoDBClient(cfg), "dynamodb", target, metrics),
    kms: scanClient(new KMSClient(cfg), "kms", target, metrics),
    cloudtrail: scanClient(new CloudTrailClient(cfg), "cloudtrail", target, metrics),
    logs: scanClient(new CloudWatchLogsClient(cfg), "logs", target, metrics),
    ec2: scanClient(new EC2Client(cfg), "ec2", target, metrics),
    accessanalyzer: scanClient(new AccessAnalyzerClient(cfg), "accessanalyzer", target, metrics),
  };
}
