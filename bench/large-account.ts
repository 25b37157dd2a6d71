// The LARGE_ACCOUNT fixture of research/perf-targets.md §3, generated into one moto account, deterministically
// from a seed: at scale 1, 5,000 Lambda functions (10% with resource policies granting "*" or another account,
// 5% with AuthType NONE function URLs), 1,000 event-source mappings, 5,000 roles (1 inline policy each, 6
// attached managed policies on average, 15% with wildcard actions, 2% with privilege-escalation permissions),
// 1,500 customer managed policies, ~300 AWS managed policies referenced, and 500 APIs (250 REST APIs of 40
// resources x 2 methods, 250 HTTP APIs of 40 routes), 10% without an authorizer. --scale multiplies every
// count (not the size of one API), so a fraction of the account can be generated in reasonable time on a
// small machine; the output says how the figures extrapolate to scale 1.
//
//   npx tsx bench/large-account.ts [--moto http://127.0.0.1:5115] [--scale 0.1] [--seed 1] [--region us-east-1] [--concurrency 8]
//
// The account id is derived from the seed and scale, so B1/B2/B4 find the same account again. A marker queue
// written last says the account is complete; a run finding it creates nothing.
//
// Emulator gaps (aws-emulator.md): moto has no MSK, so the mappings read SQS, Kinesis and DynamoDB streams only;
// AddPermission with FunctionUrlAuthType is stored by moto as a plain public statement, so function URLs are
// created without it.
import { createHash } from "node:crypto";
import { parseArgs } from "node:util";
import {
  APIGatewayClient,
  CreateAuthorizerCommand,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from "@aws-sdk/client-api-gateway";
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateAuthorizerCommand as CreateV2AuthorizerCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand as CreateV2StageCommand,
} from "@aws-sdk/client-apigatewayv2";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { AttachRolePolicyCommand, CreatePolicyCommand, CreateRoleCommand, GetRoleCommand, IAMClient, ListPoliciesCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { CreateStreamCommand, KinesisClient } from "@aws-sdk/client-kinesis";
import { AddPermissionCommand, CreateEventSourceMappingCommand, CreateFunctionCommand, CreateFunctionUrlConfigCommand, LambdaClient, type Runtime } from "@aws-sdk/client-lambda";
import { CreateQueueCommand, GetQueueUrlCommand, SQSClient } from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { BuildMiddleware, FinalizeRequestMiddleware } from "@smithy/types";
import { buildZip } from "@/scripts/demo-estate/zip";
import { DEFAULT_MOTO, ensureMoto, formatMachine, isMain, machine, runMain, seconds } from "@/bench/support";

// ---------------------------------------------------------------------------------------------------------
// The plan: what the account holds, computed from (seed, scale) alone.

/** LARGE_ACCOUNT at scale 1 (perf-targets §3). */
export const FULL_SIZE = {
  functions: 5000,
  mappings: 1000,
  roles: 5000,
  customerPolicies: 1500,
  awsManagedPolicies: 300,
  restApis: 250,
  httpApis: 250,
} as const;

/** Per-API shape, which --scale does not change. */
export const API_SHAPE = { restResources: 40, restMethods: ["GET", "POST"] as const, httpRoutes: 40 } as const;

export const DEFAULT_SCALE = 0.1;
export const DEFAULT_SEED = 1;

type Trust = "lambda" | "ec2" | "ecs" | "account";

export type RolePlan = {
  name: string;
  trust: Trust;
  inlineWildcard: boolean;
  privesc: boolean;
  /** Indexes into customerPolicies. */
  customerManaged: number[];
  /** Indexes into the AWS managed policies picked from moto's list (sorted by ARN). */
  awsManaged: number[];
};

export type FunctionPlan = {
  name: string;
  runtime: string;
  memory: number;
  timeout: number;
  role: number;
  policy: "public" | "cross-account" | null;
  url: boolean;
};

export type MappingPlan = { fn: number; kind: "sqs" | "kinesis" | "dynamodb"; source: number };
export type RestApiPlan = { name: string; authorizer: boolean; fn: number };
export type HttpApiPlan = { name: string; authorizer: boolean; fn: number };

export type LargeAccountPlan = {
  seed: number;
  scale: number;
  accountId: string;
  region: string;
  marker: string;
  customerPolicies: { name: string; wildcard: boolean }[];
  awsManagedCount: number;
  roles: RolePlan[];
  functions: FunctionPlan[];
  sources: { sqs: number; kinesis: number; dynamodb: number };
  mappings: MappingPlan[];
  restApis: RestApiPlan[];
  httpApis: HttpApiPlan[];
};

/** A small, fast, seedable PRNG (mulberry32): the same seed gives the same account on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  /** `k` distinct integers in [0, n). */
  const distinct = (k: number, n: number) => {
    const out = new Set<number>();
    while (out.size < Math.min(k, n)) out.add(Math.floor(next() * n));
    return [...out].sort((x, y) => x - y);
  };
  return { next, int, pick, distinct };
}

/** 12 digits from (seed, scale): one account per fixture, found again by the next run. */
export function accountIdFor(seed: number, scale: number): string {
  const h = createHash("sha256").update(`lantern-large-account:${seed}:${scale}`).digest("hex");
  return `9${(BigInt(`0x${h}`) % 10n ** 11n).toString().padStart(11, "0")}`;
}

const count = (full: number, scale: number) => Math.max(1, Math.round(full * scale));
const pad = (i: number) => String(i).padStart(5, "0");
const RUNTIMES = ["nodejs20.x", "nodejs22.x", "python3.12", "python3.13", "nodejs18.x", "java21", "python3.9", "python2.7", "nodejs14.x"];

export function planLargeAccount(opts: { scale?: number; seed?: number; region?: string } = {}): LargeAccountPlan {
  const scale = opts.scale ?? DEFAULT_SCALE;
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!(scale > 0 && scale <= 1)) throw new Error(`--scale must be in (0, 1], got ${scale}`);
  const rnd = prng(seed);
  const n = {
    functions: count(FULL_SIZE.functions, scale),
    mappings: count(FULL_SIZE.mappings, scale),
    roles: count(FULL_SIZE.roles, scale),
    customerPolicies: count(FULL_SIZE.customerPolicies, scale),
    awsManaged: count(FULL_SIZE.awsManagedPolicies, scale),
    restApis: count(FULL_SIZE.restApis, scale),
    httpApis: count(FULL_SIZE.httpApis, scale),
  };

  const customerPolicies = Array.from({ length: n.customerPolicies }, (_, i) => ({ name: `lb-policy-${pad(i)}`, wildcard: rnd.next() < 0.15 }));
  const roles: RolePlan[] = Array.from({ length: n.roles }, (_, i) => {
    // 2..10 attached (mean 6), half customer managed and half AWS managed.
    const attached = rnd.int(2, 10);
    const customer = Math.round(attached / 2);
    return {
      name: `lb-role-${pad(i)}`,
      trust: i % 5 < 3 ? "lambda" : rnd.pick(["ec2", "ecs", "account"] as const),
      inlineWildcard: rnd.next() < 0.15,
      privesc: rnd.next() < 0.02,
      customerManaged: rnd.distinct(customer, n.customerPolicies),
      awsManaged: rnd.distinct(attached - customer, n.awsManaged),
    };
  });
  const lambdaRoles = roles.flatMap((r, i) => (r.trust === "lambda" ? [i] : []));
  const functions: FunctionPlan[] = Array.from({ length: n.functions }, (_, i) => {
    const p = rnd.next();
    return {
      name: `lb-fn-${pad(i)}`,
      runtime: rnd.pick(RUNTIMES),
      memory: rnd.pick([128, 256, 512, 1024, 2048]),
      timeout: rnd.pick([3, 10, 30, 60, 300, 900]),
      role: rnd.pick(lambdaRoles),
      policy: p < 0.05 ? "public" : p < 0.1 ? "cross-account" : null,
      url: rnd.next() < 0.05,
    };
  });
  // Several mappings per source, as in real estates (and fewer sources to create).
  const sources = {
    sqs: Math.max(1, Math.round((n.mappings * 0.7) / 5)),
    kinesis: Math.max(1, Math.round((n.mappings * 0.15) / 5)),
    dynamodb: Math.max(1, Math.round((n.mappings * 0.15) / 5)),
  };
  const mappings: MappingPlan[] = Array.from({ length: n.mappings }, (_, i) => {
    const p = rnd.next();
    const kind = p < 0.7 ? "sqs" : p < 0.85 ? "kinesis" : "dynamodb";
    return { fn: i % n.functions, kind, source: rnd.int(0, sources[kind] - 1) };
  });
  const restApis = Array.from({ length: n.restApis }, (_, i) => ({ name: `lb-rest-${pad(i)}`, authorizer: rnd.next() >= 0.1, fn: rnd.int(0, n.functions - 1) }));
  const httpApis = Array.from({ length: n.httpApis }, (_, i) => ({ name: `lb-http-${pad(i)}`, authorizer: rnd.next() >= 0.1, fn: rnd.int(0, n.functions - 1) }));

  return {
    seed,
    scale,
    accountId: accountIdFor(seed, scale),
    region: opts.region ?? "us-east-1",
    marker: `lb-complete-${seed}-${String(scale).replace(".", "_")}`,
    customerPolicies,
    awsManagedCount: n.awsManaged,
    roles,
    functions,
    sources,
    mappings,
    restApis,
    httpApis,
  };
}

/** What the account holds, per inventory table (the Prisma model a scanner stores it in). */
export function expectedCounts(plan: LargeAccountPlan): Record<string, number> {
  const awsUsed = new Set(plan.roles.flatMap((r) => r.awsManaged));
  return {
    lambdaFunction: plan.functions.length,
    lambdaEventSourceMapping: plan.mappings.length,
    iamRole: plan.roles.length,
    // Customer managed policies plus the AWS managed policies that are attached (schema: IamPolicy).
    iamPolicy: plan.customerPolicies.length + awsUsed.size,
    apiGatewayRestApi: plan.restApis.length,
    apiGatewayV2Api: plan.httpApis.length,
  };
}

/** Requests the generator sends for a plan (besides the two lookups of AWS managed policies). */
export function plannedRequests(plan: LargeAccountPlan): number {
  const iam = plan.customerPolicies.length + plan.roles.reduce((n, r) => n + 2 + r.customerManaged.length + r.awsManaged.length, 0);
  const sources = plan.sources.sqs + plan.sources.kinesis + plan.sources.dynamodb;
  const lambda = plan.functions.reduce((n, f) => n + 1 + (f.policy ? 1 : 0) + (f.url ? 1 : 0), 0) + plan.mappings.length;
  const perRest = 1 + API_SHAPE.restResources * (1 + 2 * API_SHAPE.restMethods.length) + 1;
  const rest = plan.restApis.reduce((n, a) => n + perRest + (a.authorizer ? 1 : 0), 0);
  const perHttp = 1 + 1 + API_SHAPE.httpRoutes + 1;
  const http = plan.httpApis.reduce((n, a) => n + perHttp + (a.authorizer ? 1 : 0), 0);
  return iam + sources + lambda + rest + http + 1; // + the marker queue
}

// ---------------------------------------------------------------------------------------------------------
// Generation into moto.

const FAKE_CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test" };
const OTHER_ACCOUNT = "999988887777";
const CODE = buildZip([{ name: "index.mjs", data: "export const handler = async () => ({ statusCode: 200 });\n" }]);

type StackClient = {
  middlewareStack: {
    add(mw: BuildMiddleware<object, object>, o: { step: "build"; name: string }): void;
    add(mw: FinalizeRequestMiddleware<object, object>, o: { step: "finalizeRequest"; name: string }): void;
  };
};

class MotoClients {
  requests = 0;
  private cache = new Map<string, unknown>();
  constructor(
    private endpoint: string,
    private accountId: string,
    private region: string,
  ) {}

  private make<C extends StackClient>(key: string, create: (cfg: { endpoint: string; region: string; credentials: typeof FAKE_CREDENTIALS; maxAttempts: number }) => C): C {
    const hit = this.cache.get(key);
    if (hit) return hit as C;
    const client = create({ endpoint: this.endpoint, region: this.region, credentials: FAKE_CREDENTIALS, maxAttempts: 10 });
    client.middlewareStack.add(
      (next) => (args) => {
        const req = args.request as { headers?: Record<string, string> };
        if (req.headers) req.headers["x-moto-account-id"] = this.accountId;
        return next(args);
      },
      { step: "build", name: "motoAccountId" },
    );
    client.middlewareStack.add(
      (next) => (args) => {
        this.requests++;
        return next(args);
      },
      { step: "finalizeRequest", name: "benchRequestCount" },
    );
    this.cache.set(key, client);
    return client;
  }

  iam = () => this.make("iam", (c) => new IAMClient({ ...c, region: "us-east-1" }));
  lambda = () => this.make("lambda", (c) => new LambdaClient(c));
  sqs = () => this.make("sqs", (c) => new SQSClient(c));
  dynamodb = () => this.make("dynamodb", (c) => new DynamoDBClient(c));
  // The Kinesis client defaults to an HTTP/2 handler, which moto cannot speak.
  kinesis = () => this.make("kinesis", (c) => new KinesisClient({ ...c, requestHandler: new NodeHttpHandler() }));
  apigateway = () => this.make("apigateway", (c) => new APIGatewayClient(c));
  apigatewayv2 = () => this.make("apigatewayv2", (c) => new ApiGatewayV2Client(c));
}

/** Run `fn` over items with at most `limit` in flight; the first failure stops new work and is thrown. */
async function forEachLimit<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: { error: unknown } | undefined;
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        await fn(items[i], i);
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failed) throw failed.error;
}

const errorName = (e: unknown) => (e as { name?: string })?.name;

const TRUST: Record<Trust, (acct: string) => unknown> = {
  lambda: () => ({ Service: "lambda.amazonaws.com" }),
  ec2: () => ({ Service: "ec2.amazonaws.com" }),
  ecs: () => ({ Service: "ecs-tasks.amazonaws.com" }),
  account: (acct) => ({ AWS: `arn:aws:iam::${acct}:root` }),
};

const READ_ACTIONS = ["s3:GetObject", "s3:ListBucket", "dynamodb:GetItem", "dynamodb:Query", "sqs:ReceiveMessage", "logs:PutLogEvents", "kms:Decrypt", "ssm:GetParameter"];

function policyDocument(wildcard: boolean, privesc: boolean, i: number) {
  const statements: unknown[] = [
    { Effect: "Allow", Action: [READ_ACTIONS[i % READ_ACTIONS.length], READ_ACTIONS[(i + 3) % READ_ACTIONS.length]], Resource: "*" },
  ];
  if (wildcard) statements.push({ Effect: "Allow", Action: i % 2 ? "*" : "s3:*", Resource: "*" });
  if (privesc) statements.push({ Effect: "Allow", Action: ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], Resource: "*" });
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

export type GenerateResult = { plan: LargeAccountPlan; reused: boolean; requests: number; ms: number };

/** Create the plan's account in moto, or find it complete and create nothing. */
export async function generateLargeAccount(opts: {
  endpoint: string;
  scale?: number;
  seed?: number;
  region?: string;
  concurrency?: number;
  log?: (s: string) => void;
}): Promise<GenerateResult> {
  const plan = planLargeAccount(opts);
  const log = opts.log ?? (() => {});
  const limit = opts.concurrency ?? 8;
  const aws = new MotoClients(opts.endpoint, plan.accountId, plan.region);
  const { accountId, region } = plan;
  const started = performance.now();

  try {
    await aws.sqs().send(new GetQueueUrlCommand({ QueueName: plan.marker }));
    return { plan, reused: true, requests: aws.requests, ms: performance.now() - started };
  } catch (e) {
    if (errorName(e) !== "QueueDoesNotExist" && errorName(e) !== "AWS.SimpleQueueService.NonExistentQueue") throw e;
  }
  const firstRole = await aws.iam().send(new GetRoleCommand({ RoleName: plan.roles[0].name })).catch((e: unknown) => {
    if (errorName(e) === "NoSuchEntityException") return undefined;
    throw e;
  });
  if (firstRole) {
    throw new Error(`account ${accountId} holds part of a large account (an earlier generation stopped): restart moto or use another --seed`);
  }

  let t = performance.now();
  const phase = (what: string) => {
    const now = performance.now();
    log(`  ${what} (${seconds(now - t)}, ${aws.requests} requests so far)`);
    t = now;
  };

  // AWS managed policies: the plan's indexes map onto moto's bundled list, sorted, so the choice is stable.
  const awsArns: string[] = [];
  let marker: string | undefined;
  do {
    const page = await aws.iam().send(new ListPoliciesCommand({ Scope: "AWS", MaxItems: 1000, Marker: marker }));
    for (const p of page.Policies ?? []) if (p.Arn) awsArns.push(p.Arn);
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  if (awsArns.length < plan.awsManagedCount) {
    throw new Error(`moto lists ${awsArns.length} AWS managed policies, ${plan.awsManagedCount} needed: start it with MOTO_IAM_LOAD_MANAGED_POLICIES=true`);
  }
  awsArns.sort();
  const stride = Math.floor(awsArns.length / plan.awsManagedCount);
  const awsManaged = Array.from({ length: plan.awsManagedCount }, (_, i) => awsArns[i * stride]);

  await forEachLimit(plan.customerPolicies, limit, async (p, i) => {
    await aws.iam().send(new CreatePolicyCommand({ PolicyName: p.name, PolicyDocument: policyDocument(p.wildcard, false, i) }));
  });
  phase(`${plan.customerPolicies.length} customer managed policies`);
  await forEachLimit(plan.roles, limit, async (r, i) => {
    const iam = aws.iam();
    await iam.send(
      new CreateRoleCommand({
        RoleName: r.name,
        AssumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: TRUST[r.trust](OTHER_ACCOUNT), Action: "sts:AssumeRole" }] }),
      }),
    );
    await iam.send(new PutRolePolicyCommand({ RoleName: r.name, PolicyName: "inline", PolicyDocument: policyDocument(r.inlineWildcard, r.privesc, i) }));
    for (const c of r.customerManaged) {
      await iam.send(new AttachRolePolicyCommand({ RoleName: r.name, PolicyArn: `arn:aws:iam::${accountId}:policy/${plan.customerPolicies[c].name}` }));
    }
    for (const a of r.awsManaged) await iam.send(new AttachRolePolicyCommand({ RoleName: r.name, PolicyArn: awsManaged[a] }));
  });
  phase(`${plan.roles.length} roles with inline and attached policies`);

  const queueArns = Array.from({ length: plan.sources.sqs }, (_, i) => `arn:aws:sqs:${region}:${accountId}:lb-queue-${pad(i)}`);
  const streamArns = Array.from({ length: plan.sources.kinesis }, (_, i) => `arn:aws:kinesis:${region}:${accountId}:stream/lb-stream-${pad(i)}`);
  const tableStreams: string[] = [];
  await Promise.all([
    forEachLimit(queueArns, limit, async (_, i) => {
      await aws.sqs().send(new CreateQueueCommand({ QueueName: `lb-queue-${pad(i)}` }));
    }),
    forEachLimit(streamArns, limit, async (_, i) => {
      await aws.kinesis().send(new CreateStreamCommand({ StreamName: `lb-stream-${pad(i)}`, ShardCount: 1 }));
    }),
    forEachLimit(Array.from({ length: plan.sources.dynamodb }), limit, async (_, i) => {
      const out = await aws.dynamodb().send(
        new CreateTableCommand({
          TableName: `lb-table-${pad(i)}`,
          BillingMode: "PAY_PER_REQUEST",
          AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
          KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
          StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
        }),
      );
      const arn = out.TableDescription?.LatestStreamArn;
      if (!arn) throw new Error(`table lb-table-${pad(i)} was created without a stream`);
      tableStreams[i] = arn;
    }),
  ]);
  phase(`${queueArns.length} queues, ${streamArns.length} streams, ${tableStreams.length} tables`);

  const fnArn = (i: number) => `arn:aws:lambda:${region}:${accountId}:function:${plan.functions[i].name}`;
  await forEachLimit(plan.functions, limit, async (f, i) => {
    const lambda = aws.lambda();
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: f.name,
        Runtime: f.runtime as Runtime,
        Role: `arn:aws:iam::${accountId}:role/${plan.roles[f.role].name}`,
        Handler: "index.handler",
        Code: { ZipFile: CODE },
        MemorySize: f.memory,
        Timeout: f.timeout,
        // A secret-looking value the scanner must redact, and a plain one.
        Environment: { Variables: { STAGE: "prod", API_TOKEN: `tok-${createHash("sha256").update(`${plan.seed}:${i}`).digest("hex").slice(0, 24)}` } },
        Tags: { team: `team-${i % 12}` },
      }),
    );
    if (f.policy) {
      await lambda.send(
        new AddPermissionCommand({
          FunctionName: f.name,
          StatementId: f.policy,
          Action: "lambda:InvokeFunction",
          Principal: f.policy === "public" ? "*" : OTHER_ACCOUNT,
        }),
      );
    }
    if (f.url) await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: f.name, AuthType: "NONE" }));
  });
  phase(`${plan.functions.length} functions (${plan.functions.filter((f) => f.policy).length} resource policies, ${plan.functions.filter((f) => f.url).length} URLs)`);
  await forEachLimit(plan.mappings, limit, async (m) => {
    const source = m.kind === "sqs" ? queueArns[m.source] : m.kind === "kinesis" ? streamArns[m.source] : tableStreams[m.source];
    await aws.lambda().send(
      new CreateEventSourceMappingCommand({
        FunctionName: plan.functions[m.fn].name,
        EventSourceArn: source,
        BatchSize: 10,
        StartingPosition: m.kind === "sqs" ? undefined : "LATEST",
      }),
    );
  });
  phase(`${plan.mappings.length} event-source mappings`);

  await forEachLimit(plan.restApis, limit, async (a) => {
    const gw = aws.apigateway();
    const api = await gw.send(new CreateRestApiCommand({ name: a.name, endpointConfiguration: { types: ["REGIONAL"] } }));
    const restApiId = api.id!;
    const uri = `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${fnArn(a.fn)}/invocations`;
    const authorizerId = a.authorizer
      ? (await gw.send(new CreateAuthorizerCommand({ restApiId, name: "token", type: "TOKEN", authorizerUri: uri, identitySource: "method.request.header.Authorization" }))).id
      : undefined;
    // 10 top-level resources with 3 children each: 40 resources.
    const parents: string[] = [];
    for (let r = 0; r < API_SHAPE.restResources; r++) {
      const top = r < 10;
      const parentId = top ? api.rootResourceId! : parents[(r - 10) % 10];
      const res = await gw.send(new CreateResourceCommand({ restApiId, parentId, pathPart: top ? `r${r}` : `c${r}` }));
      if (top) parents.push(res.id!);
      for (const httpMethod of API_SHAPE.restMethods) {
        await gw.send(
          new PutMethodCommand({ restApiId, resourceId: res.id!, httpMethod, authorizationType: authorizerId ? "CUSTOM" : "NONE", authorizerId }),
        );
        await gw.send(new PutIntegrationCommand({ restApiId, resourceId: res.id!, httpMethod, type: "AWS_PROXY", integrationHttpMethod: "POST", uri }));
      }
    }
    await gw.send(new CreateDeploymentCommand({ restApiId, stageName: "prod" }));
  });
  phase(`${plan.restApis.length} REST APIs`);
  await forEachLimit(plan.httpApis, limit, async (a) => {
    const gw = aws.apigatewayv2();
    const api = await gw.send(new CreateApiCommand({ Name: a.name, ProtocolType: "HTTP" }));
    const ApiId = api.ApiId!;
    const integration = await gw.send(new CreateIntegrationCommand({ ApiId, IntegrationType: "AWS_PROXY", IntegrationUri: fnArn(a.fn), PayloadFormatVersion: "2.0" }));
    const authorizer = a.authorizer
      ? await gw.send(
          new CreateV2AuthorizerCommand({
            ApiId,
            Name: "jwt",
            AuthorizerType: "JWT",
            IdentitySource: ["$request.header.Authorization"],
            JwtConfiguration: { Audience: ["lantern-bench"], Issuer: "https://issuer.example.com" },
          }),
        )
      : undefined;
    for (let r = 0; r < API_SHAPE.httpRoutes; r++) {
      await gw.send(
        new CreateRouteCommand({
          ApiId,
          RouteKey: `${r % 2 ? "POST" : "GET"} /r${r}`,
          Target: `integrations/${integration.IntegrationId}`,
          AuthorizationType: authorizer ? "JWT" : "NONE",
          AuthorizerId: authorizer?.AuthorizerId,
        }),
      );
    }
    await gw.send(new CreateV2StageCommand({ ApiId, StageName: "$default", AutoDeploy: true }));
  });
  phase(`${plan.httpApis.length} HTTP APIs`);

  // Written last: its presence tells a later run that the account is complete.
  await aws.sqs().send(new CreateQueueCommand({ QueueName: plan.marker }));
  return { plan, reused: false, requests: aws.requests, ms: performance.now() - started };
}

/** One line per inventory table: count at this scale and at scale 1. */
export function describePlan(plan: LargeAccountPlan): string {
  const full = expectedCounts(planLargeAccount({ seed: plan.seed, scale: 1, region: plan.region }));
  const here = expectedCounts(plan);
  const rows = Object.keys(here).map((k) => `  ${k.padEnd(26)} ${String(here[k]).padStart(6)}   (scale 1: ${full[k]})`);
  const attached = plan.roles.reduce((n, r) => n + r.customerManaged.length + r.awsManaged.length, 0);
  return [
    `LARGE_ACCOUNT seed ${plan.seed}, scale ${plan.scale}: account ${plan.accountId}, region ${plan.region}`,
    ...rows,
    `  role policy attachments     ${String(attached).padStart(6)}   (${(attached / plan.roles.length).toFixed(1)} per role)`,
    `  REST API resources          ${String(plan.restApis.length * API_SHAPE.restResources).padStart(6)}   (x${API_SHAPE.restMethods.length} methods)`,
    `  HTTP API routes             ${String(plan.httpApis.length * API_SHAPE.httpRoutes).padStart(6)}`,
  ].join("\n");
}

async function main() {
  const { values } = parseArgs({
    options: {
      moto: { type: "string", default: DEFAULT_MOTO },
      scale: { type: "string", default: String(DEFAULT_SCALE) },
      seed: { type: "string", default: String(DEFAULT_SEED) },
      region: { type: "string", default: "us-east-1" },
      concurrency: { type: "string", default: "8" },
    },
    strict: true,
  });
  const scale = Number(values.scale);
  const seed = Number(values.seed);
  console.log(formatMachine(machine()));
  const moto = await ensureMoto(values.moto, console.log);
  try {
    const plan = planLargeAccount({ scale, seed, region: values.region });
    console.log(describePlan(plan));
    const res = await generateLargeAccount({ endpoint: values.moto, scale, seed, region: values.region, concurrency: Number(values.concurrency), log: console.log });
    if (res.reused) {
      console.log(`account ${plan.accountId} is already complete in moto at ${values.moto}: nothing created`);
      return;
    }
    const full = planLargeAccount({ seed, scale: 1, region: values.region });
    const rate = res.requests / (res.ms / 1000);
    console.log(
      [
        `created in ${seconds(res.ms)}: ${res.requests} requests (${plannedRequests(plan)} planned + lookups), ${rate.toFixed(0)} req/s, concurrency ${values.concurrency}`,
        `scale 1 would send ${plannedRequests(full)} requests: about ${seconds((plannedRequests(full) / rate) * 1000)} at this rate (moto's rate is flat, ~300-430 req/s on 2 cores)`,
      ].join("\n"),
    );
  } finally {
    if (moto.started) console.log("note: this run started moto itself and stops it now, so the account is gone; start moto first to keep it");
    await moto.stop();
  }
}

if (isMain(import.meta.url)) runMain(main);
