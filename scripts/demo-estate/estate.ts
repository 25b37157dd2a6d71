// Seeds the "Acme Payments" demo estate (spec.ts) into one moto account, and remediates single planted
// flaws for the "a second scan resolves exactly that finding" tests. Targets moto only: every request
// carries x-moto-account-id, so each caller (demo, test file) gets its own isolated account.
import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateAuthorizerCommand,
  CreateBasePathMappingCommand,
  CreateDeploymentCommand,
  CreateDomainNameCommand,
  CreateRequestValidatorCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateStageCommand,
  type PatchOperation,
} from "@aws-sdk/client-api-gateway";
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateApiMappingCommand,
  CreateDomainNameCommand as CreateV2DomainNameCommand,
  CreateAuthorizerCommand as CreateV2AuthorizerCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand as CreateV2StageCommand,
  CreateVpcLinkCommand,
  type CreateIntegrationCommandInput,
} from "@aws-sdk/client-apigatewayv2";
import { CloudTrailClient, CreateTrailCommand, PutEventSelectorsCommand, StartLoggingCommand } from "@aws-sdk/client-cloudtrail";
import { CloudWatchLogsClient, CreateLogGroupCommand, PutRetentionPolicyCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client } from "@aws-sdk/client-ec2";
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetRoleCommand,
  IAMClient,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { CreateStreamCommand, KinesisClient } from "@aws-sdk/client-kinesis";
import { CreateAliasCommand as CreateKeyAliasCommand, CreateKeyCommand, EnableKeyRotationCommand, KMSClient } from "@aws-sdk/client-kms";
import {
  AddLayerVersionPermissionCommand,
  AddPermissionCommand,
  CreateAliasCommand,
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  CreateFunctionUrlConfigCommand,
  GetFunctionCommand,
  GetFunctionUrlConfigCommand,
  GetPolicyCommand,
  LambdaClient,
  PublishLayerVersionCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  PutFunctionEventInvokeConfigCommand,
  RemovePermissionCommand,
  TagResourceCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionUrlConfigCommand,
  type Runtime,
} from "@aws-sdk/client-lambda";
import { CreateBucketCommand, PutPublicAccessBlockCommand, S3Client, type BucketLocationConstraint } from "@aws-sdk/client-s3";
import { CreateTopicCommand, SNSClient, SetTopicAttributesCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, SQSClient } from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { BuildMiddleware, FinalizeRequestMiddleware } from "@smithy/types";
import { createHash } from "node:crypto";
import {
  apiKeyValue,
  buildManifest,
  customerPolicyArn,
  functionArn,
  httpPermissionSid,
  layerRegions,
  restPermissionSid,
  roleArn,
  type DemoManifest,
} from "./manifest";
import {
  ACME_API_VPCE,
  MARKER_FUNCTION,
  MARKER_TAG,
  buildSpec,
  codeSigningConfigArn,
  type AliasSpec,
  type Ctx,
  type DomainNameSpec,
  type EstateSpec,
  type FunctionSpec,
  type HttpDomainNameSpec,
  type PermissionSpec,
  type RoleSpec,
  type Slot,
  type TrailSpec,
  type VpcSpec,
} from "./spec";
import { buildZip } from "./zip";

export type { DemoManifest } from "./manifest";
export { resolveExpectedArn, type IdLookup, type PlaceholderKind, type RuleExpectation } from "./expectations";

export type SeedOptions = {
  /** moto's endpoint, e.g. http://127.0.0.1:5000. */
  endpoint: string;
  /** The moto account (x-moto-account-id) to seed: 12 digits. */
  accountId: string;
  /** Primary and secondary region. Default us-east-1, eu-west-1. */
  regions?: [string, string];
  log?: (msg: string) => void;
  /** Requests in flight at once. moto serves about 350 requests/s whatever the concurrency; the default is 8. */
  concurrency?: number;
};

export type SeedResult = {
  manifest: DemoManifest;
  /** True when the account already held the complete estate and nothing was created. */
  reused: boolean;
  /** AWS API requests sent, including the existence checks. */
  requests: number;
};

const DEFAULT_REGIONS: [string, string] = ["us-east-1", "eu-west-1"];
const FAKE_CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test" };

/** Create the demo estate in a moto account and describe it; returns the manifest if it is already there. */
export async function seedDemoEstate(opts: SeedOptions): Promise<DemoManifest> {
  return (await seedDemoEstateWithStats(opts)).manifest;
}

export async function seedDemoEstateWithStats(opts: SeedOptions): Promise<SeedResult> {
  const ctx = validate(opts);
  const log = opts.log ?? (() => {});
  const counter = { n: 0 };
  const aws = new Clients(opts.endpoint, ctx.accountId, counter);
  const manifest = buildManifest(ctx);
  const spec = buildSpec(ctx);

  if (await isSeeded(aws, ctx, spec)) {
    log(`account ${ctx.accountId} already holds the demo estate; nothing created`);
    return { manifest, reused: true, requests: counter.n };
  }
  await new Seeder(aws, ctx, spec, opts.concurrency ?? 8, log).run();
  return { manifest, reused: false, requests: counter.n };
}

export type FixOptions = {
  endpoint: string;
  accountId: string;
  region: string;
  functionName: string;
  kind: "publicPolicy" | "publicUrl";
};

/**
 * Remediate one planted flaw: remove the function's public statements (Principal "*" without a restrictive
 * condition), or switch its function URL to AWS_IAM. Throws when the function does not have that flaw.
 */
export async function fixDemoFlaw(opts: FixOptions): Promise<void> {
  if (!/^\d{12}$/.test(opts.accountId)) throw new Error(`accountId must be 12 digits, got ${JSON.stringify(opts.accountId)}`);
  const lambda = new Clients(opts.endpoint, opts.accountId, { n: 0 }).lambda(opts.region);
  const FunctionName = opts.functionName;
  if (opts.kind === "publicUrl") {
    const url = await lambda.send(new GetFunctionUrlConfigCommand({ FunctionName }));
    if (url.AuthType !== "NONE") throw new Error(`${FunctionName}: function URL auth type is ${url.AuthType}, not NONE`);
    await lambda.send(new UpdateFunctionUrlConfigCommand({ FunctionName, AuthType: "AWS_IAM" }));
    return;
  }
  const { Policy } = await lambda.send(new GetPolicyCommand({ FunctionName }));
  const statements = (JSON.parse(Policy ?? "{}") as { Statement?: PolicyStatementJson[] }).Statement ?? [];
  const publicSids = statements.filter(isUnrestrictedPublic).map((s) => s.Sid);
  if (publicSids.length === 0) throw new Error(`${FunctionName}: no public statement in its resource policy`);
  for (const sid of publicSids) {
    if (!sid) throw new Error(`${FunctionName}: a public statement has no Sid, so it cannot be removed`);
    await lambda.send(new RemovePermissionCommand({ FunctionName, StatementId: sid }));
  }
}

type PolicyStatementJson = {
  Sid?: string;
  Principal?: string | { AWS?: string | string[] };
  Condition?: Record<string, Record<string, unknown>>;
};

const RESTRICTIVE_KEYS = ["aws:sourcearn", "aws:sourceaccount", "aws:principalorgid", "aws:sourceowner", "aws:principalaccount"];

function isUnrestrictedPublic(s: PolicyStatementJson): boolean {
  const p = s.Principal;
  const anyone = p === "*" || (typeof p === "object" && [p.AWS].flat().includes("*"));
  if (!anyone) return false;
  const keys = Object.values(s.Condition ?? {}).flatMap((byKey) => Object.keys(byKey).map((k) => k.toLowerCase()));
  return !keys.some((k) => RESTRICTIVE_KEYS.includes(k));
}

function validate(opts: SeedOptions): Ctx {
  if (!/^\d{12}$/.test(opts.accountId)) throw new Error(`accountId must be 12 digits, got ${JSON.stringify(opts.accountId)}`);
  const regions = opts.regions ?? DEFAULT_REGIONS;
  if (regions.length !== 2 || regions[0] === regions[1]) throw new Error(`regions must be two different regions, got ${regions.join(",")}`);
  for (const r of regions) if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(r)) throw new Error(`not a region name: ${JSON.stringify(r)}`);
  new URL(opts.endpoint); // throws on a malformed endpoint before any request
  return { accountId: opts.accountId, regions: [regions[0], regions[1]] };
}

// ---------------------------------------------------------------------------------------------------------
// Clients

type StackClient<I extends object, O extends object> = {
  middlewareStack: {
    add(mw: BuildMiddleware<I, O>, o: { step: "build"; name: string }): void;
    add(mw: FinalizeRequestMiddleware<I, O>, o: { step: "finalizeRequest"; name: string }): void;
  };
};

function motoAccount<I extends object, O extends object>(accountId: string): BuildMiddleware<I, O> {
  return (next) => (args) => {
    const request = args.request as { headers?: Record<string, string> };
    if (request.headers) request.headers["x-moto-account-id"] = accountId;
    return next(args);
  };
}

function countRequests<I extends object, O extends object>(counter: { n: number }): FinalizeRequestMiddleware<I, O> {
  return (next) => (args) => {
    counter.n++;
    return next(args);
  };
}

class Clients {
  private cache = new Map<string, unknown>();
  constructor(
    private endpoint: string,
    private accountId: string,
    private counter: { n: number },
  ) {}

  private make<C extends StackClient<I, O>, I extends object, O extends object>(key: string, create: () => C): C {
    const hit = this.cache.get(key);
    if (hit) return hit as C;
    const client = create();
    client.middlewareStack.add(motoAccount<I, O>(this.accountId), { step: "build", name: "motoAccountId" });
    client.middlewareStack.add(countRequests<I, O>(this.counter), { step: "finalizeRequest", name: "demoRequestCount" });
    this.cache.set(key, client);
    return client;
  }

  private config(region: string) {
    return { endpoint: this.endpoint, region, credentials: FAKE_CREDENTIALS, maxAttempts: 3 };
  }

  iam() {
    return this.make("iam", () => new IAMClient(this.config("us-east-1")));
  }
  lambda(region: string) {
    return this.make(`lambda:${region}`, () => new LambdaClient(this.config(region)));
  }
  sqs(region: string) {
    return this.make(`sqs:${region}`, () => new SQSClient(this.config(region)));
  }
  dynamodb(region: string) {
    return this.make(`dynamodb:${region}`, () => new DynamoDBClient(this.config(region)));
  }
  kinesis(region: string) {
    // The Kinesis client defaults to an HTTP/2 handler (for SubscribeToShard), which moto cannot speak.
    return this.make(`kinesis:${region}`, () => new KinesisClient({ ...this.config(region), requestHandler: new NodeHttpHandler() }));
  }
  apigateway(region: string) {
    return this.make(`apigateway:${region}`, () => new APIGatewayClient(this.config(region)));
  }
  apigatewayv2(region: string) {
    return this.make(`apigatewayv2:${region}`, () => new ApiGatewayV2Client(this.config(region)));
  }
  kms(region: string) {
    return this.make(`kms:${region}`, () => new KMSClient(this.config(region)));
  }
  sns(region: string) {
    return this.make(`sns:${region}`, () => new SNSClient(this.config(region)));
  }
  s3(region: string) {
    // moto serves buckets by path, not by virtual host.
    return this.make(`s3:${region}`, () => new S3Client({ ...this.config(region), forcePathStyle: true }));
  }
  ec2(region: string) {
    return this.make(`ec2:${region}`, () => new EC2Client(this.config(region)));
  }
  cloudtrail(region: string) {
    return this.make(`cloudtrail:${region}`, () => new CloudTrailClient(this.config(region)));
  }
  logs(region: string) {
    return this.make(`logs:${region}`, () => new CloudWatchLogsClient(this.config(region)));
  }

  /**
   * One call to a JSON-protocol API that has no SDK client in this project (AWS WAF v2). moto reads the service
   * and region from the credential scope of the Authorization header and checks no signature; AWS would.
   */
  async motoJson<T>(service: string, region: string, target: string, body: unknown): Promise<T> {
    this.counter.n++;
    const res = await fetch(this.endpoint, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": target,
        "x-moto-account-id": this.accountId,
        authorization: `AWS4-HMAC-SHA256 Credential=${FAKE_CREDENTIALS.accessKeyId}/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`,
      },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${target}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  }
}

const errorName = (e: unknown) => (e as { name?: string })?.name;

async function isSeeded(aws: Clients, ctx: Ctx, spec: EstateSpec): Promise<boolean> {
  const marker = spec.functions.find((f) => f.name === MARKER_FUNCTION)!;
  try {
    const fn = await aws.lambda(ctx.regions[marker.slot]).send(new GetFunctionCommand({ FunctionName: MARKER_FUNCTION }));
    const tag = fn.Tags?.[MARKER_TAG.key];
    if (tag === MARKER_TAG.value) return true;
    throw partlySeeded(
      ctx,
      tag
        ? `it was seeded by another version of the demo estate (${MARKER_TAG.key}=${tag}, this is ${MARKER_TAG.value})`
        : `function ${MARKER_FUNCTION} exists but lacks the completion tag`,
    );
  } catch (e) {
    if (errorName(e) !== "ResourceNotFoundException") throw e;
  }
  try {
    await aws.iam().send(new GetRoleCommand({ RoleName: spec.roles[0].name }));
  } catch (e) {
    if (errorName(e) === "NoSuchEntityException") return false;
    throw e;
  }
  throw partlySeeded(ctx, `role ${spec.roles[0].name} exists but the estate is not complete in ${ctx.regions.join(", ")}`);
}

function partlySeeded(ctx: Ctx, why: string) {
  return new Error(
    `account ${ctx.accountId} holds part of a demo estate (${why}): an earlier seeding failed or used other regions. ` +
      `Seed a fresh account id, or reset moto (POST /moto-api/reset).`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Seeding

/** Run fn over items with at most `limit` in flight; stop starting new work after the first failure. */
async function forEachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: { error: unknown } | undefined;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++];
      try {
        await fn(item);
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failed) throw failed.error;
}

async function step<T>(label: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    throw new Error(`demo estate: ${label}: ${msg}`, { cause: e });
  }
}

const trustPolicy = (r: Pick<RoleSpec, "trust" | "extraTrustedAccount">) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: r.trust ?? [
      { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
      ...(r.extraTrustedAccount
        ? [{ Sid: "PartnerAssume", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${r.extraTrustedAccount}:root` }, Action: "sts:AssumeRole" }]
        : []),
    ],
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** moto dates deployments and stages to the second: waiting this long after one makes the next one strictly later. */
const NEXT_SECOND_MS = 1100;

/** The function's code; a release other than the first differs by its RELEASE line, as a new build would. */
function handlerPackage(runtime: string, release = 1): { handler: string; zip: Buffer } {
  if (runtime.startsWith("python")) {
    const code = [
      ...(release > 1 ? [`RELEASE = ${release}`] : []),
      "import json, os",
      "",
      "def handler(event, context):",
      '    return {"statusCode": 200, "body": json.dumps({"ok": True, "fn": os.environ.get("AWS_LAMBDA_FUNCTION_NAME")})}',
      "",
    ].join("\n");
    return { handler: "lambda_function.handler", zip: buildZip([{ name: "lambda_function.py", data: code }]) };
  }
  // nodejs14.x predates ES modules in Lambda: CommonJS there, ESM elsewhere.
  if (runtime === "nodejs14.x" || runtime === "nodejs16.x") {
    const code = `${release > 1 ? `exports.release = ${release};\n` : ""}exports.handler = async () => ({ statusCode: 200, body: JSON.stringify({ ok: true }) });\n`;
    return { handler: "index.handler", zip: buildZip([{ name: "index.js", data: code }]) };
  }
  const code = `${release > 1 ? `export const release = ${release};\n` : ""}export const handler = async () => ({ statusCode: 200, body: JSON.stringify({ ok: true }) });\n`;
  return { handler: "index.handler", zip: buildZip([{ name: "index.mjs", data: code }]) };
}

const layerZip = (description: string) =>
  buildZip([
    { name: "python/acme_obs/__init__.py", data: `from .log import logger\n__doc__ = ${JSON.stringify(description)}\n` },
    { name: "python/acme_obs/log.py", data: "import logging\nlogger = logging.getLogger('acme')\n" },
  ]);

/** A fixed, UUID-shaped ACM certificate ARN for a domain name (moto does not check that it exists). */
function certificateArn(region: string, accountId: string, domain: string): string {
  const h = createHash("sha256").update(domain).digest("hex");
  return `arn:aws:acm:${region}:${accountId}:certificate/${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

class Seeder {
  private queueArn = new Map<string, string>();
  private tableStreamArn = new Map<string, string>();
  private layerArn = new Map<Slot, string>();
  private restApiId = new Map<string, string>();
  private httpApiId = new Map<string, string>();
  /** "<slot>/<subnet name>" -> subnet id. */
  private subnetId = new Map<string, string>();
  private securityGroupId = new Map<Slot, string>();
  private vpcLinkId = new Map<Slot, string>();

  constructor(
    private aws: Clients,
    private ctx: Ctx,
    private spec: EstateSpec,
    private limit: number,
    private log: (msg: string) => void,
  ) {}

  private region(slot: Slot) {
    return this.ctx.regions[slot];
  }
  private fnArn(name: string) {
    const f = this.spec.functions.find((x) => x.name === name);
    if (!f) throw new Error(`demo estate spec: unknown function ${name}`);
    return functionArn(this.ctx, f);
  }
  private fnSpec(name: string): FunctionSpec {
    const f = this.spec.functions.find((x) => x.name === name);
    if (!f) throw new Error(`demo estate spec: unknown function ${name}`);
    return f;
  }

  async run() {
    const { spec, ctx } = this;
    this.log(`seeding the demo estate into account ${ctx.accountId} (${ctx.regions.join(", ")})`);
    let t = performance.now();
    const done = (what: string) => {
      const now = performance.now();
      this.log(`  ${what} (${((now - t) / 1000).toFixed(2)} s)`);
      t = now;
    };
    await Promise.all([this.seedIam(), this.seedDataSources(), this.seedSurroundings()]);
    done(
      `${spec.roles.length} roles, ${spec.users.length} users, ${spec.groups.length} groups, ${spec.customerPolicies.length} policies, ` +
        `${spec.queues.length} queues, ${spec.tables.length} tables, ${spec.streams.length} streams, layer versions, ` +
        `${spec.kmsKeys.length} KMS keys, ${spec.topics.length} topics, ${spec.buckets.length} buckets, ${spec.vpcs.length} VPC, ${spec.trails.length} trail, log groups`,
    );
    await forEachLimit(spec.functions, this.limit, (f) => this.createFunction(f));
    done(`${spec.functions.length} functions`);
    await forEachLimit(spec.functions, this.limit, async (f) => {
      await this.configureFunction(f);
      await this.release(f);
    });
    done("function URLs, permissions, event source mappings, versions and aliases");
    await forEachLimit([...spec.restApis.map((a) => () => this.restApi(a)), ...spec.httpApis.map((a) => () => this.httpApi(a))], this.limit, (run) => run());
    done(`${spec.restApis.length} REST APIs (with usage plans and API keys), ${spec.httpApis.length} HTTP APIs`);
    await forEachLimit(
      [...spec.domainNames.map((d) => () => this.domainName(d)), ...spec.httpDomainNames.map((d) => () => this.httpDomainName(d))],
      this.limit,
      (run) => run(),
    );
    done(`${spec.domainNames.length + spec.httpDomainNames.length} custom domain names with their mappings`);
    // Written last: its presence tells a later run that the estate is complete.
    const marker = this.fnSpec(MARKER_FUNCTION);
    await step("completion tag", () =>
      this.aws.lambda(this.region(marker.slot)).send(
        new TagResourceCommand({ Resource: functionArn(ctx, marker), Tags: { [MARKER_TAG.key]: MARKER_TAG.value } }),
      ),
    );
  }

  private async seedIam() {
    const iam = this.aws.iam();
    // Policies first: roles, groups and users attach them, and a role names one as its boundary.
    await forEachLimit(this.spec.customerPolicies, this.limit, (p) =>
      step(`policy ${p.name}`, async () => {
        const [first, ...later] = [...(p.previousVersions ?? []), p.document];
        await iam.send(new CreatePolicyCommand({ PolicyName: p.name, Description: p.description, PolicyDocument: JSON.stringify(first) }));
        const PolicyArn = customerPolicyArn(this.ctx, p.name);
        for (const [i, document] of later.entries()) {
          await iam.send(
            new CreatePolicyVersionCommand({ PolicyArn, PolicyDocument: JSON.stringify(document), SetAsDefault: i === later.length - 1 }),
          );
        }
      }),
    );
    const groups = this.spec.groups.map((g) => () =>
      step(`group ${g.name}`, async () => {
        await iam.send(new CreateGroupCommand({ GroupName: g.name, Path: g.path }));
        for (const [PolicyName, document] of Object.entries(g.inline)) {
          await iam.send(new PutGroupPolicyCommand({ GroupName: g.name, PolicyName, PolicyDocument: JSON.stringify(document) }));
        }
        for (const name of g.awsManaged) await this.attachAwsManaged(name, (PolicyArn) => iam.send(new AttachGroupPolicyCommand({ GroupName: g.name, PolicyArn })));
        for (const name of g.customerManaged) {
          await iam.send(new AttachGroupPolicyCommand({ GroupName: g.name, PolicyArn: customerPolicyArn(this.ctx, name) }));
        }
      }),
    );
    const roles = this.spec.roles.map((r) => () => this.seedRole(r));
    await forEachLimit([...groups, ...roles], this.limit, (run) => run());
    // Users after the groups they join.
    await forEachLimit(this.spec.users, this.limit, (u) =>
      step(`user ${u.name}`, async () => {
        await iam.send(
          new CreateUserCommand({ UserName: u.name, Path: u.path, Tags: Object.entries(u.tags ?? {}).map(([Key, Value]) => ({ Key, Value })) }),
        );
        for (const [PolicyName, document] of Object.entries(u.inline)) {
          await iam.send(new PutUserPolicyCommand({ UserName: u.name, PolicyName, PolicyDocument: JSON.stringify(document) }));
        }
        for (const name of u.awsManaged) await this.attachAwsManaged(name, (PolicyArn) => iam.send(new AttachUserPolicyCommand({ UserName: u.name, PolicyArn })));
        for (const name of u.customerManaged) {
          await iam.send(new AttachUserPolicyCommand({ UserName: u.name, PolicyArn: customerPolicyArn(this.ctx, name) }));
        }
        for (const GroupName of u.groups) await iam.send(new AddUserToGroupCommand({ GroupName, UserName: u.name }));
      }),
    );
  }

  /** Attach AWS-managed policy `name` with `send`, explaining the one way it goes missing on moto. */
  private async attachAwsManaged(name: string, send: (PolicyArn: string) => Promise<unknown>) {
    await send(`arn:aws:iam::aws:policy/${name}`).catch((e) => {
      if (errorName(e) !== "NoSuchEntityException") throw e;
      throw new Error(`AWS-managed policy ${name} is missing: start moto with MOTO_IAM_LOAD_MANAGED_POLICIES=true`, { cause: e });
    });
  }

  private seedRole(r: EstateSpec["roles"][number]) {
    const iam = this.aws.iam();
    return step(`role ${r.name}`, async () => {
      await iam.send(
        new CreateRoleCommand({
          RoleName: r.name,
          Path: r.path,
          Description: r.description,
          AssumeRolePolicyDocument: trustPolicy(r),
          PermissionsBoundary: r.permissionsBoundary ? customerPolicyArn(this.ctx, r.permissionsBoundary) : undefined,
          Tags: Object.entries(r.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
        }),
      );
      for (const [PolicyName, document] of Object.entries(r.inline)) {
        await iam.send(new PutRolePolicyCommand({ RoleName: r.name, PolicyName, PolicyDocument: JSON.stringify(document) }));
      }
      for (const name of r.awsManaged) {
        await this.attachAwsManaged(name, (PolicyArn) => iam.send(new AttachRolePolicyCommand({ RoleName: r.name, PolicyArn })));
      }
      for (const name of r.customerManaged) {
        await iam.send(new AttachRolePolicyCommand({ RoleName: r.name, PolicyArn: customerPolicyArn(this.ctx, name) }));
      }
    });
  }

  private async seedDataSources() {
    const { ctx, spec } = this;
    // Queues in order: a redrive target is created before the queue that points at it; keys before the queues.
    const queues = async (slot: Slot) => {
      await keysCreated;
      for (const q of spec.queues.filter((x) => x.slot === slot)) {
        const arn = `arn:aws:sqs:${this.region(slot)}:${ctx.accountId}:${q.name}`;
        const Attributes: Record<string, string> = {
          VisibilityTimeout: String(q.visibilityTimeout),
          MessageRetentionPeriod: String(4 * 24 * 3600),
          ...(q.encryption === "none"
            ? { SqsManagedSseEnabled: "false" }
            : q.encryption
              ? { KmsMasterKeyId: this.keyAlias(slot, q.encryption.kmsKey), KmsDataKeyReusePeriodSeconds: "300" }
              : { SqsManagedSseEnabled: "true" }),
        };
        if (q.redriveTo) {
          const target = this.queueArn.get(q.redriveTo);
          if (!target) throw new Error(`demo estate spec: queue ${q.name} redrives to ${q.redriveTo}, created later or elsewhere`);
          Attributes.RedrivePolicy = JSON.stringify({ deadLetterTargetArn: target, maxReceiveCount: 5 });
        }
        if (q.publicSend) {
          Attributes.Policy = JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Sid: "AnyoneCanSend", Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: arn }],
          });
        }
        await step(`queue ${q.name}`, () => this.aws.sqs(this.region(slot)).send(new CreateQueueCommand({ QueueName: q.name, Attributes })));
        this.queueArn.set(q.name, arn);
      }
    };
    const keysCreated = this.seedKeys();
    const tables = forEachLimit(spec.tables, this.limit, async (t) => {
      const out = await step(`table ${t.name}`, () =>
        this.aws.dynamodb(this.region(t.slot)).send(
          new CreateTableCommand({
            TableName: t.name,
            BillingMode: "PAY_PER_REQUEST",
            AttributeDefinitions: [
              { AttributeName: t.hashKey, AttributeType: "S" },
              ...(t.rangeKey ? [{ AttributeName: t.rangeKey, AttributeType: "S" as const }] : []),
            ],
            KeySchema: [{ AttributeName: t.hashKey, KeyType: "HASH" }, ...(t.rangeKey ? [{ AttributeName: t.rangeKey, KeyType: "RANGE" as const }] : [])],
            StreamSpecification: t.stream ? { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" } : undefined,
            Tags: [{ Key: "team", Value: "platform" }],
          }),
        ),
      );
      if (t.stream) {
        const arn = out.TableDescription?.LatestStreamArn;
        if (!arn) throw new Error(`demo estate: table ${t.name} was created without a stream ARN`);
        this.tableStreamArn.set(t.name, arn);
      }
    });
    const streams = forEachLimit(spec.streams, this.limit, (s) =>
      step(`stream ${s.name}`, async () => {
        await this.aws.kinesis(this.region(s.slot)).send(
          new CreateStreamCommand({ StreamName: s.name, ShardCount: s.shards, StreamModeDetails: { StreamMode: "PROVISIONED" } }),
        );
      }),
    );
    // Versions in order (their numbers are what the manifest names); functions use the newest.
    const layers = forEachLimit(layerRegions(spec), this.limit, async (slot) => {
      const lambda = this.aws.lambda(this.region(slot));
      for (const [i, v] of spec.layer.versions.entries()) {
        const label = `layer ${spec.layer.name} version ${i + 1} in ${this.region(slot)}`;
        const out = await step(label, () =>
          lambda.send(
            new PublishLayerVersionCommand({
              LayerName: spec.layer.name,
              Description: v.description,
              Content: { ZipFile: layerZip(v.description) },
              CompatibleRuntimes: spec.layer.runtimes as Runtime[],
            }),
          ),
        );
        if (out.Version !== i + 1 || !out.LayerVersionArn) {
          throw new Error(`demo estate: ${label} was published as version ${out.Version}: the layer existed before seeding`);
        }
        const grant = v.grant;
        if (grant) {
          await step(`${label} permission ${grant.sid}`, () =>
            lambda.send(
              new AddLayerVersionPermissionCommand({
                LayerName: spec.layer.name,
                VersionNumber: i + 1,
                StatementId: grant.sid,
                Action: "lambda:GetLayerVersion",
                Principal: "*",
                OrganizationId: grant.organizationId,
              }),
            ),
          );
        }
        this.layerArn.set(slot, out.LayerVersionArn);
      }
    });
    await Promise.all([keysCreated, queues(0), queues(1), tables, streams, layers]);
  }

  /** The alias a queue or topic names as its KMS key: one of the estate's keys (in that region) or AWS's own. */
  private keyAlias(slot: Slot, alias: string): string {
    if (!alias.startsWith("alias/aws/") && !this.spec.kmsKeys.some((k) => k.slot === slot && k.alias === alias)) {
      throw new Error(`demo estate spec: KMS key ${alias} is not defined in ${this.region(slot)}`);
    }
    return alias;
  }

  private seedKeys() {
    return forEachLimit(this.spec.kmsKeys, this.limit, (k) =>
      step(`KMS key ${k.alias}`, async () => {
        const kms = this.aws.kms(this.region(k.slot));
        const out = await kms.send(new CreateKeyCommand({ Description: k.description, Tags: [{ TagKey: "team", TagValue: "platform" }] }));
        const KeyId = out.KeyMetadata?.KeyId;
        if (!KeyId) throw new Error("CreateKey returned no key id");
        await kms.send(new CreateKeyAliasCommand({ AliasName: k.alias, TargetKeyId: KeyId }));
        if (k.rotation) await kms.send(new EnableKeyRotationCommand({ KeyId }));
      }),
    );
  }

  /** What surrounds the functions: topics, buckets (then the trail that writes to one), the VPC, log groups. */
  private async seedSurroundings() {
    const { ctx, spec } = this;
    const topics = forEachLimit(spec.topics, this.limit, (t) =>
      step(`topic ${t.name}`, async () => {
        const sns = this.aws.sns(this.region(t.slot));
        const out = await sns.send(
          new CreateTopicCommand({
            Name: t.name,
            Attributes: t.kmsKey ? { KmsMasterKeyId: this.keyAlias(t.slot, t.kmsKey) } : undefined,
            Tags: [{ Key: "team", Value: "platform" }],
          }),
        );
        const TopicArn = out.TopicArn;
        if (!TopicArn) throw new Error("CreateTopic returned no ARN");
        if (t.publicPublish) {
          // SNS's default policy (owner account only), plus the statement someone added "so partners can publish".
          const Policy = JSON.stringify({
            Version: "2008-10-17",
            Id: "__default_policy_ID",
            Statement: [
              {
                Sid: "__default_statement_ID",
                Effect: "Allow",
                Principal: { AWS: "*" },
                Action: ["SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission", "SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish"],
                Resource: TopicArn,
                Condition: { StringEquals: { "AWS:SourceOwner": ctx.accountId } },
              },
              { Sid: "PartnersPublish", Effect: "Allow", Principal: "*", Action: "SNS:Publish", Resource: TopicArn },
            ],
          });
          await sns.send(new SetTopicAttributesCommand({ TopicArn, AttributeName: "Policy", AttributeValue: Policy }));
        }
      }),
    );
    const bucketsThenTrails = (async () => {
      await forEachLimit(spec.buckets, this.limit, (b) =>
        step(`bucket ${b.name}`, async () => {
          const region = this.region(b.slot);
          const s3 = this.aws.s3(region);
          await s3.send(
            new CreateBucketCommand({
              Bucket: b.name,
              CreateBucketConfiguration: region === "us-east-1" ? undefined : { LocationConstraint: region as BucketLocationConstraint },
            }),
          );
          if (b.blockPublicAccess) {
            await s3.send(
              new PutPublicAccessBlockCommand({
                Bucket: b.name,
                PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
              }),
            );
          }
        }),
      );
      await forEachLimit(spec.trails, this.limit, (t) => this.trail(t));
    })();
    const vpcs = forEachLimit(spec.vpcs, this.limit, (v) => this.vpc(v));
    const logGroups = forEachLimit(
      spec.functions.filter((f) => f.logRetentionDays !== undefined),
      this.limit,
      (f) =>
        step(`log group of ${f.name}`, async () => {
          const logs = this.aws.logs(this.region(f.slot));
          const logGroupName = `/aws/lambda/${f.name}`;
          await logs.send(new CreateLogGroupCommand({ logGroupName }));
          await logs.send(new PutRetentionPolicyCommand({ logGroupName, retentionInDays: f.logRetentionDays }));
        }),
    );
    await Promise.all([topics, bucketsThenTrails, vpcs, logGroups]);
  }

  private trail(t: TrailSpec) {
    const ct = this.aws.cloudtrail(this.region(t.slot));
    return step(`trail ${t.name}`, async () => {
      await ct.send(new CreateTrailCommand({ Name: t.name, S3BucketName: t.bucket, IsMultiRegionTrail: t.multiRegion }));
      await ct.send(
        new PutEventSelectorsCommand({
          TrailName: t.name,
          EventSelectors: [
            {
              ReadWriteType: "All",
              IncludeManagementEvents: true,
              DataResources: [{ Type: "AWS::Lambda::Function", Values: t.functions.map((name) => this.fnArn(name)) }],
            },
          ],
        }),
      );
      await ct.send(new StartLoggingCommand({ Name: t.name }));
    });
  }

  private vpc(v: VpcSpec) {
    const region = this.region(v.slot);
    const ec2 = this.aws.ec2(region);
    const named = (ResourceType: "vpc" | "subnet" | "security-group", name: string) => [{ ResourceType, Tags: [{ Key: "Name", Value: name }] }];
    return step(`VPC ${v.name}`, async () => {
      const out = await ec2.send(new CreateVpcCommand({ CidrBlock: v.cidr, TagSpecifications: named("vpc", v.name) }));
      const VpcId = out.Vpc?.VpcId;
      if (!VpcId) throw new Error("CreateVpc returned no id");
      for (const sn of v.subnets) {
        const created = await ec2.send(
          new CreateSubnetCommand({ VpcId, CidrBlock: sn.cidr, AvailabilityZone: `${region}${sn.zone}`, TagSpecifications: named("subnet", `${v.name}-${sn.name}`) }),
        );
        if (!created.Subnet?.SubnetId) throw new Error(`CreateSubnet ${sn.name} returned no id`);
        this.subnetId.set(`${v.slot}/${sn.name}`, created.Subnet.SubnetId);
      }
      const sg = await ec2.send(
        new CreateSecurityGroupCommand({ GroupName: v.securityGroup, Description: `Lambda functions in ${v.name}`, VpcId, TagSpecifications: named("security-group", v.securityGroup) }),
      );
      if (!sg.GroupId) throw new Error("CreateSecurityGroup returned no id");
      this.securityGroupId.set(v.slot, sg.GroupId);
      if (v.vpcLink) {
        const link = await this.aws.apigatewayv2(region).send(
          new CreateVpcLinkCommand({ Name: v.vpcLink.name, SubnetIds: this.subnets(v.slot, v.vpcLink.subnets), SecurityGroupIds: [sg.GroupId], Tags: { team: "platform" } }),
        );
        if (!link.VpcLinkId) throw new Error("CreateVpcLink returned no id");
        this.vpcLinkId.set(v.slot, link.VpcLinkId);
      }
    });
  }

  private subnets(slot: Slot, names: string[]): string[] {
    return names.map((n) => {
      const id = this.subnetId.get(`${slot}/${n}`);
      if (!id) throw new Error(`demo estate spec: no subnet ${n} in ${this.region(slot)}`);
      return id;
    });
  }

  private async createFunction(f: FunctionSpec) {
    const roleSpec = this.spec.roles.find((r) => r.name === f.role);
    if (!roleSpec) throw new Error(`demo estate spec: function ${f.name} uses unknown role ${f.role}`);
    const pkg = handlerPackage(f.runtime);
    const dlqArn = f.dlq ? this.queueArn.get(f.dlq) : undefined;
    if (f.dlq && !dlqArn) throw new Error(`demo estate spec: ${f.name} has unknown DLQ ${f.dlq}`);
    const layer = f.layer ? this.layerArn.get(f.slot) : undefined;
    await step(`function ${f.name}`, () =>
      this.aws.lambda(this.region(f.slot)).send(
        new CreateFunctionCommand({
          FunctionName: f.name,
          Runtime: f.runtime as Runtime, // spec.ts keeps plain strings; the SDK enum still lists the deprecated ones
          Role: roleArn(this.ctx, roleSpec),
          Handler: pkg.handler,
          Code: { ZipFile: pkg.zip },
          Description: f.description,
          MemorySize: f.memory,
          Timeout: f.timeout,
          Environment: f.env ? { Variables: f.env } : undefined,
          TracingConfig: { Mode: f.tracing ? "Active" : "PassThrough" },
          DeadLetterConfig: dlqArn ? { TargetArn: dlqArn } : undefined,
          VpcConfig: f.vpc ? { SubnetIds: this.subnets(f.slot, f.vpc.subnets), SecurityGroupIds: [this.securityGroup(f.slot)] } : undefined,
          Layers: layer ? [layer] : undefined,
          CodeSigningConfigArn: f.codeSigning ? codeSigningConfigArn(this.ctx, f.slot) : undefined,
          Tags: f.tags,
        }),
      ),
    );
  }

  private securityGroup(slot: Slot): string {
    const id = this.securityGroupId.get(slot);
    if (!id) throw new Error(`demo estate spec: no VPC in ${this.region(slot)}`);
    return id;
  }

  private async configureFunction(f: FunctionSpec) {
    const lambda = this.aws.lambda(this.region(f.slot));
    const FunctionName = f.name;
    if (f.reservedConcurrency !== undefined) {
      await step(`${f.name} reserved concurrency`, () =>
        lambda.send(new PutFunctionConcurrencyCommand({ FunctionName, ReservedConcurrentExecutions: f.reservedConcurrency })),
      );
    }
    if (f.onFailure) {
      const Destination = this.queueArn.get(f.onFailure);
      if (!Destination) throw new Error(`demo estate spec: ${f.name} has unknown on-failure queue ${f.onFailure}`);
      await step(`${f.name} on-failure destination`, () =>
        lambda.send(
          new PutFunctionEventInvokeConfigCommand({
            FunctionName,
            MaximumRetryAttempts: 2,
            MaximumEventAgeInSeconds: 3600,
            DestinationConfig: { OnFailure: { Destination } },
          }),
        ),
      );
    }
    if (f.url) {
      const url = f.url;
      // Only the URL config: AddPermission with FunctionUrlAuthType would, on moto, become a plain Principal "*"
      // statement (the condition is dropped) and plant a public-policy finding that AWS would not have.
      await step(`${f.name} function URL`, () =>
        lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName, AuthType: url.authType, Cors: url.cors })),
      );
    }
    for (const p of f.permissions ?? []) await this.addPermission(f, p);
    for (const es of f.eventSources ?? []) {
      const region = this.region(f.slot);
      const base = { FunctionName, BatchSize: es.batchSize, Enabled: es.enabled ?? true };
      const onFailure = (q?: string) => {
        if (!q) return undefined;
        const Destination = this.queueArn.get(q);
        if (!Destination) throw new Error(`demo estate spec: ${f.name} has unknown on-failure queue ${q}`);
        return { OnFailure: { Destination } };
      };
      let input;
      if (es.kind === "sqs") {
        const arn = this.queueArn.get(es.queue);
        if (!arn) throw new Error(`demo estate spec: ${f.name} reads unknown queue ${es.queue}`);
        input = { ...base, EventSourceArn: arn, FunctionResponseTypes: ["ReportBatchItemFailures" as const] };
      } else if (es.kind === "dynamodb") {
        const arn = this.tableStreamArn.get(es.table);
        if (!arn) throw new Error(`demo estate spec: ${f.name} reads table ${es.table}, which has no stream`);
        input = { ...base, EventSourceArn: arn, StartingPosition: "LATEST" as const, BisectBatchOnFunctionError: true, DestinationConfig: onFailure(es.onFailureQueue) };
      } else {
        const arn = `arn:aws:kinesis:${region}:${this.ctx.accountId}:stream/${es.stream}`;
        input = { ...base, EventSourceArn: arn, StartingPosition: "TRIM_HORIZON" as const, ParallelizationFactor: 2, DestinationConfig: onFailure(es.onFailureQueue) };
      }
      await step(`${f.name} event source ${input.EventSourceArn}`, () => lambda.send(new CreateEventSourceMappingCommand(input)));
    }
  }

  /**
   * Publish the function's versions and create its aliases. Each release after the first ships new code first:
   * AWS (and moto) publish nothing new for unchanged code and configuration.
   */
  private async release(f: FunctionSpec) {
    const lambda = this.aws.lambda(this.region(f.slot));
    const FunctionName = f.name;
    for (const [i, Description] of (f.versions ?? []).entries()) {
      const n = i + 1;
      if (n > 1) {
        await step(`${f.name} code for version ${n}`, () =>
          lambda.send(new UpdateFunctionCodeCommand({ FunctionName, ZipFile: handlerPackage(f.runtime, n).zip })),
        );
      }
      const out = await step(`${f.name} version ${n}`, () => lambda.send(new PublishVersionCommand({ FunctionName, Description })));
      if (out.Version !== String(n)) throw new Error(`demo estate: ${f.name} published version ${out.Version}, expected ${n}`);
    }
    for (const a of f.aliases ?? []) await this.alias(f, a);
  }

  private async alias(f: FunctionSpec, a: AliasSpec) {
    const lambda = this.aws.lambda(this.region(f.slot));
    const published = f.versions?.length ?? 0;
    for (const v of [a.version, a.canary?.version]) {
      if (v !== undefined && (v < 1 || v > published)) throw new Error(`demo estate spec: alias ${f.name}:${a.name} names unpublished version ${v}`);
    }
    await step(`${f.name} alias ${a.name}`, () =>
      lambda.send(
        new CreateAliasCommand({
          FunctionName: f.name,
          Name: a.name,
          FunctionVersion: String(a.version),
          Description: a.description,
          RoutingConfig: a.canary ? { AdditionalVersionWeights: { [String(a.canary.version)]: a.canary.weight } } : undefined,
        }),
      ),
    );
    const p = a.permission;
    if (p) {
      await step(`${f.name}:${a.name} permission ${p.sid}`, () =>
        lambda.send(
          new AddPermissionCommand({
            FunctionName: f.name,
            Qualifier: a.name,
            StatementId: p.sid,
            Action: "lambda:InvokeFunction",
            Principal: p.principal,
            SourceArn: p.sourceArn,
            SourceAccount: p.sourceAccount,
          }),
        ),
      );
    }
  }

  private addPermission(f: Pick<FunctionSpec, "name" | "slot">, p: PermissionSpec) {
    return step(`${f.name} permission ${p.sid}`, () =>
      this.aws.lambda(this.region(f.slot)).send(
        new AddPermissionCommand({
          FunctionName: f.name,
          StatementId: p.sid,
          Action: p.action ?? "lambda:InvokeFunction",
          Principal: p.principal,
          SourceArn: p.sourceArn,
          SourceAccount: p.sourceAccount,
          PrincipalOrgID: p.principalOrgId,
        }),
      ),
    );
  }

  private lambdaUri(slot: Slot, fn: string) {
    return `arn:aws:apigateway:${this.region(slot)}:lambda:path/2015-03-31/functions/${this.fnArn(fn)}/invocations`;
  }

  private async restApi(api: EstateSpec["restApis"][number]) {
    const region = this.region(api.slot);
    const gw = this.aws.apigateway(region);
    const acct = this.ctx.accountId;
    const label = `REST API ${api.name}`;
    const allowAnyone = { Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" };
    const policy =
      api.policy === "open"
        ? JSON.stringify({ Version: "2012-10-17", Statement: [allowAnyone] })
        : api.policy === "vpce"
          ? // The private API policy of the API Gateway developer guide: anyone, but only through this VPC endpoint.
            JSON.stringify({
              Version: "2012-10-17",
              Statement: [
                allowAnyone,
                { ...allowAnyone, Effect: "Deny", Condition: { StringNotEquals: { "aws:SourceVpce": ACME_API_VPCE } } },
              ],
            })
          : undefined;
    const created = await step(label, () =>
      gw.send(
        new CreateRestApiCommand({
          name: api.name,
          description: api.description,
          endpointConfiguration: { types: [api.endpointType] },
          policy,
          apiKeySource: "HEADER",
          tags: { team: "platform", service: api.name, ...api.tags },
        }),
      ),
    );
    const restApiId = created.id!;
    this.restApiId.set(api.name, restApiId);
    const apiArn = `arn:aws:execute-api:${region}:${acct}:${restApiId}`;
    const { items } = await step(`${label} resources`, () => gw.send(new GetResourcesCommand({ restApiId })));
    const root = items?.find((r) => r.path === "/")?.id;
    if (!root) throw new Error(`demo estate: ${label} has no root resource`);

    const resourceIds = new Map<string, string>([["/", root]]);
    for (const path of [...new Set(api.methods.map((m) => m.path))]) {
      let parentPath = "";
      for (const part of path.split("/").filter(Boolean)) {
        const here = `${parentPath}/${part}`;
        if (!resourceIds.has(here)) {
          const parentId = resourceIds.get(parentPath || "/")!;
          const r = await step(`${label} resource ${here}`, () => gw.send(new CreateResourceCommand({ restApiId, parentId, pathPart: part })));
          resourceIds.set(here, r.id!);
        }
        parentPath = here;
      }
    }

    let requestValidatorId: string | undefined;
    if (api.requestValidator) {
      const name = api.requestValidator;
      const out = await step(`${label} request validator`, () =>
        gw.send(new CreateRequestValidatorCommand({ restApiId, name, validateRequestBody: true, validateRequestParameters: false })),
      );
      requestValidatorId = out.id;
    }
    if (api.methods.some((m) => m.validated) && !requestValidatorId) throw new Error(`demo estate spec: ${label} validates methods without a request validator`);

    let authorizerId: string | undefined;
    if (api.authorizer) {
      const a = api.authorizer;
      const out = await step(`${label} authorizer`, () =>
        gw.send(
          new CreateAuthorizerCommand({
            restApiId,
            name: a.name,
            type: a.type,
            authorizerUri: this.lambdaUri(api.slot, a.fn),
            identitySource: a.type === "TOKEN" ? "method.request.header.Authorization" : "method.request.header.Authorization,context.httpMethod",
            authorizerResultTtlInSeconds: 300,
          }),
        ),
      );
      authorizerId = out.id!;
      await this.addPermission(this.fnSpec(a.fn), {
        sid: `apigw-${api.name}-authorizer`,
        principal: "apigateway.amazonaws.com",
        sourceArn: `${apiArn}/authorizers/${authorizerId}`,
      });
    }

    for (const m of api.methods) {
      const resourceId = resourceIds.get(m.path)!;
      const where = `${label} ${m.method} ${m.path}`;
      await step(where, async () => {
        await gw.send(
          new PutMethodCommand({
            restApiId,
            resourceId,
            httpMethod: m.method,
            authorizationType: m.auth,
            authorizerId: m.auth === "CUSTOM" ? authorizerId : undefined,
            apiKeyRequired: m.apiKeyRequired ?? false,
            requestValidatorId: m.validated ? requestValidatorId : undefined,
          }),
        );
        await gw.send(
          m.fn
            ? new PutIntegrationCommand({
                restApiId,
                resourceId,
                httpMethod: m.method,
                type: "AWS_PROXY",
                integrationHttpMethod: "POST",
                uri: this.lambdaUri(api.slot, m.fn),
              })
            : m.http
              ? new PutIntegrationCommand({ restApiId, resourceId, httpMethod: m.method, type: "HTTP_PROXY", integrationHttpMethod: m.method, uri: m.http })
              : new PutIntegrationCommand({
                restApiId,
                resourceId,
                httpMethod: m.method,
                type: "MOCK",
                requestTemplates: { "application/json": '{"statusCode": 200}' },
              }),
        );
      });
      if (m.fn) {
        // Console-style source ARN: path parameters become "*".
        const scoped = `${apiArn}/*/${m.method}${m.path.replace(/\{[^}]+\}/g, "*")}`;
        const sourceArn = m.permission === "noSourceArn" ? undefined : m.permission === "anyMethod" ? `${apiArn}/*/*/*` : scoped;
        await this.addPermission(this.fnSpec(m.fn), {
          sid: restPermissionSid(api.name, m.method, m.path),
          principal: "apigateway.amazonaws.com",
          sourceArn,
        });
      }
    }

    if (api.previousStage) {
      const previous = api.previousStage.name;
      const first = await step(`${label} first deployment`, () => gw.send(new CreateDeploymentCommand({ restApiId, description: "First release" })));
      await step(`${label} stage ${previous}`, () => gw.send(new CreateStageCommand({ restApiId, stageName: previous, deploymentId: first.id! })));
      // The current release follows, strictly later: the stage left on the first one is the superseded version.
      await sleep(NEXT_SECOND_MS);
    }
    const deployment = await step(`${label} deployment`, () =>
      gw.send(new CreateDeploymentCommand({ restApiId, description: api.previousStage ? "Current release" : "Initial deployment" })),
    );
    await step(`${label} stage ${api.stage.name}`, () =>
      gw.send(
        new CreateStageCommand({
          restApiId,
          stageName: api.stage.name,
          deploymentId: deployment.id!,
          tracingEnabled: api.stage.tracing,
          variables: api.stage.variables,
        }),
      ),
    );
    if (api.stage.logging) {
      const patchOperations: PatchOperation[] = [
        { op: "replace", path: "/*/*/logging/loglevel", value: "INFO" },
        { op: "replace", path: "/*/*/metrics/enabled", value: "true" },
        { op: "replace", path: "/*/*/throttling/rateLimit", value: "500" },
        { op: "replace", path: "/*/*/throttling/burstLimit", value: "1000" },
        { op: "replace", path: "/accessLogSettings/destinationArn", value: `arn:aws:logs:${region}:${acct}:log-group:/aws/apigateway/${api.name}` },
        { op: "replace", path: "/accessLogSettings/format", value: '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","status":"$context.status"}' },
      ];
      await step(`${label} stage logging`, () => gw.send(new UpdateStageCommand({ restApiId, stageName: api.stage.name, patchOperations })));
    }
    if (api.stage.caching) {
      const patchOperations: PatchOperation[] = [
        { op: "replace", path: "/cacheClusterEnabled", value: "true" },
        { op: "replace", path: "/cacheClusterSize", value: "0.5" },
        { op: "replace", path: "/*/*/caching/enabled", value: "true" },
        { op: "replace", path: "/*/*/caching/dataEncrypted", value: String(api.stage.caching.encrypted) },
        // The method settings this creates carry the account's default throttle on AWS (10,000 requests/s, burst
        // 5,000), which limits nothing; moto would otherwise write its own default of 1,000.
        { op: "replace", path: "/*/*/throttling/rateLimit", value: "10000" },
        { op: "replace", path: "/*/*/throttling/burstLimit", value: "5000" },
      ];
      await step(`${label} stage cache`, () => gw.send(new UpdateStageCommand({ restApiId, stageName: api.stage.name, patchOperations })));
    }
    if (api.stage.webAcl) await this.protectStage(api.slot, api.stage.webAcl, `arn:aws:apigateway:${region}::/restapis/${restApiId}/stages/${api.stage.name}`);
    if (api.usagePlan) {
      const u = api.usagePlan;
      const plan = await step(`${label} usage plan`, () =>
        gw.send(
          new CreateUsagePlanCommand({
            name: u.name,
            throttle: { rateLimit: u.rateLimit, burstLimit: u.burstLimit },
            quota: { limit: 1_000_000, period: "MONTH" },
            apiStages: [{ apiId: restApiId, stage: api.stage.name }],
          }),
        ),
      );
      for (const k of u.keys ?? []) {
        await step(`${label} API key ${k.name}`, async () => {
          const key = await gw.send(
            new CreateApiKeyCommand({
              name: k.name,
              description: k.description,
              enabled: k.enabled,
              value: apiKeyValue(this.ctx, api.slot, k.name),
              tags: k.tags,
            }),
          );
          await gw.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id!, keyId: key.id!, keyType: "API_KEY" }));
        });
      }
    }
  }

  /** Create a regional AWS WAF web ACL (managed common rule set) and associate it with a REST stage. */
  private async protectStage(slot: Slot, name: string, stageArn: string) {
    const region = this.region(slot);
    const visibility = (metric: string) => ({ SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: metric });
    const created = await step(`web ACL ${name}`, () =>
      this.aws.motoJson<{ Summary?: { ARN?: string } }>("wafv2", region, "AWSWAF_20190729.CreateWebACL", {
        Name: name,
        Scope: "REGIONAL",
        DefaultAction: { Allow: {} },
        Rules: [
          {
            Name: "aws-common-rules",
            Priority: 0,
            Statement: { ManagedRuleGroupStatement: { VendorName: "AWS", Name: "AWSManagedRulesCommonRuleSet" } },
            OverrideAction: { None: {} },
            VisibilityConfig: visibility("aws-common-rules"),
          },
        ],
        VisibilityConfig: visibility(name),
        Tags: [{ Key: "team", Value: "platform" }],
      }),
    );
    const WebACLArn = created.Summary?.ARN;
    if (!WebACLArn) throw new Error(`demo estate: web ACL ${name} was created without an ARN`);
    await step(`web ACL ${name} on ${stageArn}`, () =>
      this.aws.motoJson("wafv2", region, "AWSWAF_20190729.AssociateWebACL", { WebACLArn, ResourceArn: stageArn }),
    );
  }

  private async domainName(d: DomainNameSpec) {
    const region = this.region(d.slot);
    const gw = this.aws.apigateway(region);
    const label = `domain name ${d.name}`;
    // An edge-optimized domain's certificate lives in us-east-1 (CloudFront's region), a regional one beside the API.
    const certificate = certificateArn(d.endpointType === "EDGE" ? "us-east-1" : region, this.ctx.accountId, d.name);
    await step(label, () =>
      gw.send(
        new CreateDomainNameCommand({
          domainName: d.name,
          endpointConfiguration: { types: [d.endpointType] },
          securityPolicy: d.securityPolicy,
          ...(d.endpointType === "EDGE" ? { certificateArn: certificate } : { regionalCertificateArn: certificate }),
          tags: { team: "platform" },
        }),
      ),
    );
    for (const m of d.mappings) {
      const restApiId = this.restApiId.get(m.api);
      if (!restApiId) throw new Error(`demo estate spec: ${label} maps unknown REST API ${m.api}`);
      await step(`${label} base path ${m.basePath}`, () =>
        gw.send(new CreateBasePathMappingCommand({ domainName: d.name, restApiId, stage: m.stage, basePath: m.basePath })),
      );
    }
  }

  private async httpDomainName(d: HttpDomainNameSpec) {
    const region = this.region(d.slot);
    const gw = this.aws.apigatewayv2(region);
    const label = `HTTP API domain name ${d.name}`;
    await step(label, () =>
      gw.send(
        new CreateV2DomainNameCommand({
          DomainName: d.name,
          DomainNameConfigurations: [
            { CertificateArn: certificateArn(region, this.ctx.accountId, d.name), EndpointType: "REGIONAL", SecurityPolicy: d.securityPolicy },
          ],
          Tags: { team: "platform" },
        }),
      ),
    );
    for (const m of d.mappings) {
      const ApiId = this.httpApiId.get(m.api);
      if (!ApiId) throw new Error(`demo estate spec: ${label} maps unknown HTTP API ${m.api}`);
      await step(`${label} mapping ${m.key}`, () =>
        gw.send(new CreateApiMappingCommand({ DomainName: d.name, ApiId, Stage: m.stage, ApiMappingKey: m.key })),
      );
    }
  }

  private async httpApi(api: EstateSpec["httpApis"][number]) {
    const region = this.region(api.slot);
    const gw = this.aws.apigatewayv2(region);
    const webSocket = api.protocol === "WEBSOCKET";
    const label = `${webSocket ? "WebSocket" : "HTTP"} API ${api.name}`;
    const created = await step(label, () =>
      gw.send(
        new CreateApiCommand({
          Name: api.name,
          ProtocolType: webSocket ? "WEBSOCKET" : "HTTP",
          RouteSelectionExpression: webSocket ? "$request.body.action" : undefined,
          Description: api.description,
          CorsConfiguration: api.cors,
          Tags: { team: "platform", service: api.name, ...api.tags },
        }),
      ),
    );
    const ApiId = created.ApiId!;
    this.httpApiId.set(api.name, ApiId);
    const apiArn = `arn:aws:execute-api:${region}:${this.ctx.accountId}:${ApiId}`;
    let jwtAuthorizerId: string | undefined;
    if (api.jwt) {
      const jwt = api.jwt;
      const out = await step(`${label} JWT authorizer`, () =>
        gw.send(
          new CreateV2AuthorizerCommand({
            ApiId,
            Name: "jwt",
            AuthorizerType: "JWT",
            IdentitySource: ["$request.header.Authorization"],
            JwtConfiguration: { Issuer: jwt.issuer, Audience: jwt.audience },
          }),
        ),
      );
      jwtAuthorizerId = out.AuthorizerId!;
    }
    let requestAuthorizerId: string | undefined;
    if (api.requestAuthorizer) {
      const a = api.requestAuthorizer;
      const out = await step(`${label} REQUEST authorizer`, () =>
        gw.send(
          new CreateV2AuthorizerCommand({
            ApiId,
            Name: a.name,
            AuthorizerType: "REQUEST",
            AuthorizerUri: this.lambdaUri(api.slot, a.fn),
            IdentitySource: a.identitySource,
          }),
        ),
      );
      requestAuthorizerId = out.AuthorizerId!;
      await this.addPermission(this.fnSpec(a.fn), {
        sid: `apigw-${api.name}-authorizer`,
        principal: "apigateway.amazonaws.com",
        sourceArn: `${apiArn}/authorizers/${requestAuthorizerId}`,
      });
    }
    const integrate = async (key: string, input: Omit<CreateIntegrationCommandInput, "ApiId">) => {
      const out = await step(`${label} integration ${key}`, () => gw.send(new CreateIntegrationCommand({ ApiId, ...input })));
      return out.IntegrationId!;
    };
    const integrationIds = new Map<string, string>();
    for (const r of api.routes) {
      if ("fn" in r) {
        if (integrationIds.has(r.fn)) continue;
        // WebSocket integrations name the function by its API Gateway invocation URI; HTTP APIs take the ARN.
        const input = webSocket
          ? { IntegrationType: "AWS_PROXY" as const, IntegrationUri: this.lambdaUri(api.slot, r.fn), TimeoutInMillis: 10_000 }
          : { IntegrationType: "AWS_PROXY" as const, IntegrationUri: this.fnArn(r.fn), PayloadFormatVersion: "2.0", TimeoutInMillis: 10_000 };
        integrationIds.set(r.fn, await integrate(r.fn, input));
      } else {
        const ConnectionId = this.vpcLinkId.get(api.slot);
        if (!ConnectionId) throw new Error(`demo estate spec: ${label} routes ${r.routeKey} through a VPC link, and ${region} has none`);
        const id = await integrate(r.routeKey, {
          IntegrationType: "HTTP_PROXY",
          IntegrationMethod: "ANY",
          ConnectionType: "VPC_LINK",
          ConnectionId,
          IntegrationUri: r.private.uri,
          PayloadFormatVersion: "1.0",
          TlsConfig: r.private.tlsServerName ? { ServerNameToVerify: r.private.tlsServerName } : undefined,
        });
        integrationIds.set(r.routeKey, id);
      }
    }
    for (const r of api.routes) {
      const target = integrationIds.get("fn" in r ? r.fn : r.routeKey);
      const AuthorizerId = r.auth === "JWT" ? jwtAuthorizerId : r.auth === "CUSTOM" ? requestAuthorizerId : undefined;
      if (r.auth !== "NONE" && r.auth !== "AWS_IAM" && !AuthorizerId) throw new Error(`demo estate spec: ${label} route ${r.routeKey} has no ${r.auth} authorizer`);
      await step(`${label} route ${r.routeKey}`, () =>
        gw.send(new CreateRouteCommand({ ApiId, RouteKey: r.routeKey, AuthorizationType: r.auth, AuthorizerId, Target: `integrations/${target}` })),
      );
      if (!("fn" in r)) continue;
      // Console-style source ARN: any stage, this route ("$connect" for WebSocket, "GET/path" for HTTP).
      const [method, path] = r.routeKey.split(" ");
      await this.addPermission(this.fnSpec(r.fn), {
        sid: httpPermissionSid(api.name, r.routeKey),
        principal: "apigateway.amazonaws.com",
        sourceArn: webSocket ? `${apiArn}/*/${r.routeKey}` : `${apiArn}/*/${method}${path}`,
      });
    }
    const createStage = (StageName: string) =>
      step(`${label} stage ${StageName}`, () =>
        gw.send(
          new CreateV2StageCommand({
            ApiId,
            StageName,
            // moto has no CreateDeployment for v2 APIs; HTTP stages deploy themselves.
            AutoDeploy: webSocket ? undefined : true,
            AccessLogSettings: api.stage.accessLogs
              ? {
                  DestinationArn: `arn:aws:logs:${region}:${this.ctx.accountId}:log-group:/aws/apigateway/${api.name}`,
                  Format: webSocket
                    ? '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","routeKey":"$context.routeKey","connectionId":"$context.connectionId","status":"$context.status"}'
                    : '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","routeKey":"$context.routeKey","status":"$context.status"}',
                }
              : undefined,
            DefaultRouteSettings: api.stage.throttling
              ? { ThrottlingRateLimit: api.stage.throttling.rate, ThrottlingBurstLimit: api.stage.throttling.burst }
              : undefined,
          }),
        ),
      );
    await createStage(api.stage.name ?? "$default");
    // Each version stage strictly later than the one before (moto dates stages to the second).
    for (const name of api.versionStages ?? []) {
      await sleep(NEXT_SECOND_MS);
      await createStage(name);
    }
  }
}
