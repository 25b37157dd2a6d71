// Hand-built normalized Lambda records for rule tests. Every record goes through ZLambdaFunctionRecord,
// so a fixture can never drift from what the scanner actually stores.
import type { TStatement } from "@/lib/aws/policy-document";
import { ZLambdaFunctionRecord, type TLambdaFunctionRecord, type TTrigger } from "@/scanners/lambda/record";
import { emptyInventory, type RuleInventory } from "@/lib/rules/types";

export const ACCOUNT_ID = "111122223333";
export const REGION = "us-east-1";

export function functionArn(name: string, accountId = ACCOUNT_ID, region = REGION): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${name}`;
}

/** A valid record of a plain function with no policy and no URL; `overrides` replace whole fields. */
export function lambdaFunction(overrides: Partial<TLambdaFunctionRecord> = {}): TLambdaFunctionRecord {
  const name = overrides.name ?? "orders-api";
  const accountId = overrides.accountId ?? ACCOUNT_ID;
  const region = overrides.region ?? REGION;
  return ZLambdaFunctionRecord.parse({
    arn: functionArn(name, accountId, region),
    name,
    accountId,
    region,
    description: null,
    runtime: "nodejs20.x",
    handler: "index.handler",
    packageType: "Zip",
    roleArn: `arn:aws:iam::${accountId}:role/${name}-role`,
    memorySize: 128,
    timeout: 3,
    codeSize: 1024,
    codeSha256: "c2hhMjU2",
    lastModified: "2026-01-01T00:00:00.000+0000",
    architectures: ["x86_64"],
    state: "Active",
    stateReasonCode: null,
    lastUpdateStatus: "Successful",
    tracingMode: "PassThrough",
    kmsKeyArn: null,
    deadLetterTargetArn: null,
    vpc: null,
    layers: [],
    environment: [],
    environmentError: null,
    ephemeralStorageMb: 512,
    snapStart: { applyOn: "None", optimizationStatus: "Off" },
    logging: { logFormat: "Text", applicationLogLevel: null, systemLogLevel: null, logGroup: `/aws/lambda/${name}` },
    runtimeVersionArn: null,
    signingProfileVersionArn: null,
    signingJobArn: null,
    fileSystems: [],
    policy: { status: "absent" },
    versions: { status: "ok", value: [] },
    aliases: { status: "ok", value: [] },
    qualifierPolicies: [],
    url: { status: "absent" },
    urls: { status: "ok", value: [] },
    urlsFetchedWith: "ListFunctionUrlConfigs",
    reservedConcurrency: { status: "absent" },
    provisionedConcurrency: { status: "ok", value: [] },
    eventInvokeConfigs: { status: "ok", value: [] },
    eventInvokeConfigsFetchedWith: "ListFunctionEventInvokeConfigs",
    codeSigningConfigArn: { status: "absent" },
    tags: { status: "ok", value: {} },
    recursiveLoop: { status: "ok", value: "Terminate" },
    eventSourceMappings: { status: "ok", value: [] },
    // Derived by the scanner from the fields above; a rule test that needs them sets them explicitly.
    triggers: [],
    triggerGaps: [],
    ...overrides,
  });
}

/** A fetched resource-based policy holding these statements. */
export function policyOf(...statements: TStatement[]): TLambdaFunctionRecord["policy"] {
  const document = { Version: "2012-10-17", Id: "default", Statement: statements };
  return { status: "ok", value: { document, text: JSON.stringify(document) } };
}

/** A failed read, as the scanner records it. */
export function fetchError(code = "AccessDeniedException"): { status: "error"; code: string; message: string } {
  return { status: "error", code, message: `${code}: not authorized to perform this operation` };
}

export function functionUrl(authType: string, url = "https://abc123.lambda-url.us-east-1.on.aws/"): TLambdaFunctionRecord["url"] {
  return { status: "ok", value: { url, authType, invokeMode: "BUFFERED", cors: null } };
}

export function inventoryOf(...lambdaFunctions: TLambdaFunctionRecord[]): RuleInventory {
  return { ...emptyInventory(ACCOUNT_ID), lambdaFunctions };
}

/** The statement AddPermission writes for `--principal "*"` with no condition. */
export function publicInvokeStatement(name = "orders-api", sid = "AllowAnyone"): TStatement {
  return { Sid: sid, Effect: "Allow", Principal: "*", Action: ["lambda:InvokeFunction"], Resource: [functionArn(name)] };
}

// ---- builders added for the LX/LC/ES rules (lib/rules/lambda, lib/rules/event-sources) ----------------

export type GrantOptions = {
  sid?: string;
  /** Function the statement's Resource names (default orders-api); with `qualifier`, the qualified ARN. */
  name?: string;
  qualifier?: string;
  action?: string;
  sourceArn?: string;
  sourceAccount?: string;
  /** Extra conditions, merged by operator. */
  condition?: TStatement["Condition"];
};

function grantResource(opts: GrantOptions): string[] {
  const arn = functionArn(opts.name ?? "orders-api");
  return [opts.qualifier ? `${arn}:${opts.qualifier}` : arn];
}

/** The condition block AddPermission writes for --source-arn / --source-account, plus `extra`. */
export function grantCondition(opts: Pick<GrantOptions, "sourceArn" | "sourceAccount" | "condition">): TStatement["Condition"] | undefined {
  const condition: NonNullable<TStatement["Condition"]> = {};
  if (opts.sourceArn) condition.ArnLike = { "AWS:SourceArn": [opts.sourceArn] };
  if (opts.sourceAccount) condition.StringEquals = { "AWS:SourceAccount": [opts.sourceAccount] };
  for (const [operator, keys] of Object.entries(opts.condition ?? {})) condition[operator] = { ...condition[operator], ...keys };
  return Object.keys(condition).length > 0 ? condition : undefined;
}

/** The statement AddPermission writes for `--principal <service>` (e.g. "s3.amazonaws.com"). */
export function serviceInvokeStatement(service: string, opts: GrantOptions = {}): TStatement {
  const condition = grantCondition(opts);
  return {
    Sid: opts.sid ?? `${service.split(".")[0]}-invoke`,
    Effect: "Allow",
    Principal: { Service: [service] },
    Action: [opts.action ?? "lambda:InvokeFunction"],
    Resource: grantResource(opts),
    ...(condition ? { Condition: condition } : {}),
  };
}

/** The statement AddPermission writes for `--principal <account id or ARN>` (normalized to an ARN like AWS does). */
export function accountInvokeStatement(principal: string, opts: GrantOptions = {}): TStatement {
  const condition = grantCondition(opts);
  const arn = /^\d{12}$/.test(principal) ? `arn:aws:iam::${principal}:root` : principal;
  return {
    Sid: opts.sid ?? "account-invoke",
    Effect: "Allow",
    Principal: { AWS: [arn] },
    Action: [opts.action ?? "lambda:InvokeFunction"],
    Resource: grantResource(opts),
    ...(condition ? { Condition: condition } : {}),
  };
}

/** One entry of `qualifierPolicies`: the policy of a version or alias. */
export function qualifierPolicy(
  qualifier: string,
  ...statements: TStatement[]
): TLambdaFunctionRecord["qualifierPolicies"][number] {
  return { qualifier, policy: policyOf(...statements) };
}

/** An alias record pointing at `version`. */
export function alias(
  name: string,
  version = "1",
  functionName = "orders-api",
): Extract<TLambdaFunctionRecord["aliases"], { status: "ok" }>["value"][number] {
  return { name, arn: `${functionArn(functionName)}:${name}`, functionVersion: version, description: null, routing: [] };
}

/** A published version record. */
export function publishedVersion(
  version: string,
  overrides: Partial<Extract<TLambdaFunctionRecord["versions"], { status: "ok" }>["value"][number]> = {},
  name = "orders-api",
): Extract<TLambdaFunctionRecord["versions"], { status: "ok" }>["value"][number] {
  return {
    version,
    arn: `${functionArn(name)}:${version}`,
    description: null,
    runtime: "nodejs20.x",
    roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/${name}-role`,
    codeSha256: "c2hhMjU2",
    codeSize: 1024,
    lastModified: "2026-01-01T00:00:00.000+0000",
    kmsKeyArn: null,
    state: "Active",
    environment: [],
    ...overrides,
  };
}

export type CorsOptions = { allowOrigins: string[]; allowCredentials?: boolean | null; allowMethods?: string[] };

/** A function URL value with optional CORS. */
export function urlValue(authType: string, cors?: CorsOptions, url = "https://abc123.lambda-url.us-east-1.on.aws/") {
  return {
    url,
    authType,
    invokeMode: "BUFFERED",
    cors: cors
      ? {
          allowOrigins: cors.allowOrigins,
          allowMethods: cors.allowMethods ?? ["GET"],
          allowHeaders: [],
          exposeHeaders: [],
          allowCredentials: cors.allowCredentials ?? null,
          maxAge: null,
        }
      : null,
  };
}

/**
 * `url` and `urls` fields for a function whose URLs are these ({qualifier: null} is the function's own URL),
 * as ListFunctionUrlConfigs records them.
 */
export function urlsOf(
  ...entries: { qualifier: string | null; authType: string; cors?: CorsOptions; url?: string }[]
): Pick<TLambdaFunctionRecord, "url" | "urls"> {
  const values = entries.map((e) => ({ qualifier: e.qualifier, ...urlValue(e.authType, e.cors, e.url) }));
  const own = values.find((v) => v.qualifier === null);
  return {
    url: own ? { status: "ok", value: { url: own.url, authType: own.authType, invokeMode: own.invokeMode, cors: own.cors } } : { status: "absent" },
    urls: { status: "ok", value: values },
  };
}

/** A derived trigger with defaults for a resource-policy grant; `overrides` replace fields. */
export function trigger(overrides: Partial<TTrigger> = {}): TTrigger {
  return {
    sourceType: "apigateway",
    sourceArn: null,
    principal: "apigateway.amazonaws.com",
    via: "resource_policy",
    qualifier: null,
    statementSid: "apigw-invoke",
    esmUuid: null,
    enabled: true,
    crossAccount: null,
    conditions: { sourceAccounts: [], keys: [] },
    authType: null,
    ...overrides,
  };
}

/** A redacted environment variable as the scanner stores it. */
export function envVar(name: string, length = 8): TLambdaFunctionRecord["environment"][number] {
  return { name, length, fingerprint: "0123456789abcdef" };
}
