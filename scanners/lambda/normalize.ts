// Pure: turns the collected Lambda responses of one (account, region) into one NormalizeResult per resource type:
// functions keyed by unqualified ARN (with their triggers), layer versions, event source mappings and the
// region's account settings. Environment variable values are redacted here, in the records and the stored raw;
// the secret detectors (lib/analysis/secrets) run on each clear value first and only their findings, with
// fingerprints, are kept.
import type { Fetched } from "@/lib/aws/fetched";
import { REDACTED_VALUE, maskValues } from "@/lib/aws/redact";
import { redactWithSecrets } from "@/lib/analysis/secrets/redact";
import type { NormalizeContext, NormalizeResult, NormalizedResource } from "@/scanners/types";
import type {
  LambdaRaw,
  Outcome,
  TAlias,
  TEventInvokeConfigsRaw,
  TEventSourceMapping,
  TFunctionConfiguration,
  TFunctionEventInvokeConfig,
  TFunctionUrlConfig,
  TFunctionUrlsRaw,
  TLambdaFunctionRaw,
} from "@/scanners/lambda/raw";
import {
  ZFetchedCodeSecrets,
  ZLambdaFunctionRecord,
  type TFetchedCodeSecrets,
  type TLambdaAccountSettingsRecord,
  type TLambdaEventSourceMappingRecord,
  type TLambdaFunctionRecord,
  type TLambdaLayerVersionRecord,
  type TTriggerGap,
} from "@/scanners/lambda/record";
import {
  nonEmptyOrNull,
  normalizeAccountSettings,
  normalizeEventSourceMappings,
  normalizeLayerVersions,
  orNull,
  policyOf,
  sourceServiceOf,
  unqualifiedFunctionArn,
} from "@/scanners/lambda/normalize-region";
import { deriveTriggers, qualifierOf, type PolicyInput } from "@/scanners/lambda/triggers";

export { unqualifiedFunctionArn } from "@/scanners/lambda/normalize-region";

export { REDACTED_VALUE };

export type LambdaScanOutput = {
  lambda_function: NormalizeResult<TLambdaFunctionRecord>;
  lambda_layer_version: NormalizeResult<TLambdaLayerVersionRecord>;
  lambda_event_source_mapping: NormalizeResult<TLambdaEventSourceMappingRecord>;
  lambda_account_settings: NormalizeResult<TLambdaAccountSettingsRecord>;
};

type Rec = TLambdaFunctionRecord;
type EventSourceMappingRef = Rec["eventSourceMappings"] extends Fetched<infer T> ? T : never;
type Listed<T> = Outcome<T>;

function vpcOf(config: TFunctionConfiguration): Rec["vpc"] {
  const vpc = config.VpcConfig;
  if (!vpc) return null;
  const subnetIds = vpc.SubnetIds ?? [];
  const securityGroupIds = vpc.SecurityGroupIds ?? [];
  // Functions detached from a VPC keep an empty VpcConfig ({"VpcId":"","SubnetIds":[],...}): that is no VPC.
  if (!vpc.VpcId && subnetIds.length === 0 && securityGroupIds.length === 0) return null;
  return { vpcId: nonEmptyOrNull(vpc.VpcId), subnetIds, securityGroupIds };
}

function urlValue(config: TFunctionUrlConfig): Extract<Rec["url"], { status: "ok" }>["value"] {
  const { FunctionUrl, AuthType, InvokeMode, Cors } = config;
  return {
    url: FunctionUrl,
    authType: AuthType,
    invokeMode: orNull(InvokeMode),
    cors: Cors
      ? {
          allowOrigins: Cors.AllowOrigins ?? [],
          allowMethods: Cors.AllowMethods ?? [],
          allowHeaders: Cors.AllowHeaders ?? [],
          exposeHeaders: Cors.ExposeHeaders ?? [],
          allowCredentials: orNull(Cors.AllowCredentials),
          maxAge: orNull(Cors.MaxAge),
        }
      : null,
  };
}

function redactedConfiguration(config: TFunctionConfiguration): TFunctionConfiguration {
  if (!config.Environment?.Variables) return config;
  return { ...config, Environment: { ...config.Environment, Variables: maskValues(config.Environment.Variables) } };
}

/** Mappings grouped by the function they invoke; a qualified target counts for its function. */
function groupByFunction(mappings: TEventSourceMapping[]): Map<string, TEventSourceMapping[]> {
  const byFunction = new Map<string, TEventSourceMapping[]>();
  for (const m of mappings) {
    if (!m.FunctionArn) continue;
    const key = unqualifiedFunctionArn(m.FunctionArn);
    byFunction.set(key, [...(byFunction.get(key) ?? []), m]);
  }
  return byFunction;
}

function mappingRef(m: TEventSourceMapping, functionArn: string): EventSourceMappingRef[number] {
  return {
    uuid: m.UUID,
    eventSourceArn: orNull(m.EventSourceArn),
    state: orNull(m.State),
    batchSize: orNull(m.BatchSize),
    // Kept as AWS reports it: a qualifier here says which version or alias the source invokes.
    functionArn: m.FunctionArn ?? functionArn,
  };
}

/** A config's qualifier from the ARN AWS reports it under, else from what was asked for. */
function reportedQualifier(functionArn: string | null | undefined, askedFor: string | null): string | null {
  return functionArn ? qualifierOf(functionArn) : askedFor;
}

/** Keeps the first of each key, in order. */
function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const gap = (via: TTriggerGap["via"], qualifier: string | null, api: string, failure: { code: string; message: string }): TTriggerGap => ({
  via,
  qualifier,
  api,
  code: failure.code,
  message: failure.message,
});

function versionsOf(fn: TLambdaFunctionRaw, ctx: NormalizeContext): Rec["versions"] {
  if (fn.versions.status !== "ok") return fn.versions;
  return {
    status: "ok",
    value: fn.versions.value
      .map((v) => ({ v, version: v.Version ?? qualifierOf(v.FunctionArn) }))
      .filter((x): x is { v: TFunctionConfiguration; version: string } => !!x.version && x.version !== "$LATEST")
      .map(({ v, version }) => ({
        version,
        arn: v.FunctionArn,
        description: nonEmptyOrNull(v.Description),
        runtime: orNull(v.Runtime),
        roleArn: orNull(v.Role),
        codeSha256: orNull(v.CodeSha256),
        codeSize: orNull(v.CodeSize),
        lastModified: orNull(v.LastModified),
        kmsKeyArn: nonEmptyOrNull(v.KMSKeyArn),
        state: orNull(v.State),
        environment: redactWithSecrets(v.Environment?.Variables, ctx.fingerprint),
      })),
  };
}

function aliasesOf(aliases: Outcome<TAlias[]>): Rec["aliases"] {
  if (aliases.status !== "ok") return aliases;
  return {
    status: "ok",
    value: aliases.value.map((a) => ({
      name: a.Name,
      arn: orNull(a.AliasArn),
      functionVersion: orNull(a.FunctionVersion),
      description: nonEmptyOrNull(a.Description),
      routing: Object.entries(a.RoutingConfig?.AdditionalVersionWeights ?? {})
        .map(([version, weight]) => ({ version, weight }))
        .sort((x, y) => (x.version < y.version ? -1 : x.version > y.version ? 1 : 0)),
    })),
  };
}

function urlsOf(
  raw: TFunctionUrlsRaw,
  aliases: Outcome<TAlias[]>,
): { url: Rec["url"]; urls: Rec["urls"]; gaps: TTriggerGap[] } {
  const key = (u: { qualifier: string | null; url: string }) => `${u.qualifier}|${u.url}`;
  if (raw.via === "ListFunctionUrlConfigs") {
    const r = raw.result;
    if (r.status !== "ok") return { url: r, urls: r, gaps: [gap("function_url", null, "lambda:ListFunctionUrlConfigs", r)] };
    const urls = uniqueBy(
      r.value.map((c) => ({ qualifier: reportedQualifier(c.FunctionArn, null), ...urlValue(c) })),
      key,
    );
    const own = r.value.find((c) => reportedQualifier(c.FunctionArn, null) === null);
    const url: Rec["url"] = own ? { status: "ok", value: urlValue(own) } : { status: "absent" };
    return { url, urls: { status: "ok", value: urls }, gaps: [] };
  }

  const gaps: TTriggerGap[] = [];
  const found: Extract<Rec["urls"], { status: "ok" }>["value"] = [];
  let failure: { code: string; message: string } | null = null;
  let url: Rec["url"] = { status: "absent" };
  for (const { qualifier, config } of raw.results) {
    if (config.status === "error") {
      gaps.push(gap("function_url", qualifier, "lambda:GetFunctionUrlConfig", config));
      failure ??= config;
    } else if (config.status === "ok") {
      found.push({ qualifier: reportedQualifier(config.value.FunctionArn, qualifier), ...urlValue(config.value) });
    }
    if (qualifier === null) url = config.status === "ok" ? { status: "ok", value: urlValue(config.value) } : config;
  }
  if (aliases.status === "error") {
    // Without the aliases, the URLs of aliases were never asked for.
    gaps.push(gap("function_url", null, "lambda:ListAliases", aliases));
    failure ??= aliases;
  }
  const urls: Rec["urls"] = failure ? { status: "error", ...failure } : { status: "ok", value: uniqueBy(found, key) };
  return { url, urls, gaps };
}

function invokeConfigValue(c: TFunctionEventInvokeConfig, askedFor: string | null): Extract<Rec["eventInvokeConfigs"], { status: "ok" }>["value"][number] {
  return {
    qualifier: reportedQualifier(c.FunctionArn, askedFor),
    maximumRetryAttempts: orNull(c.MaximumRetryAttempts),
    maximumEventAgeInSeconds: orNull(c.MaximumEventAgeInSeconds),
    onSuccessDestination: nonEmptyOrNull(c.DestinationConfig?.OnSuccess?.Destination),
    onFailureDestination: nonEmptyOrNull(c.DestinationConfig?.OnFailure?.Destination),
  };
}

function eventInvokeConfigsOf(raw: TEventInvokeConfigsRaw, fn: TLambdaFunctionRaw): Rec["eventInvokeConfigs"] {
  const key = (c: { qualifier: string | null }) => String(c.qualifier);
  if (raw.via === "ListFunctionEventInvokeConfigs") {
    const r = raw.result;
    return r.status === "ok" ? { status: "ok", value: uniqueBy(r.value.map((c) => invokeConfigValue(c, null)), key) } : r;
  }
  // Qualifiers that could not be listed were never asked for: the answer is incomplete.
  if (fn.versions.status === "error") return fn.versions;
  if (fn.aliases.status === "error") return fn.aliases;
  const configs: ReturnType<typeof invokeConfigValue>[] = [];
  for (const { qualifier, config } of raw.results) {
    if (config.status === "error") return config;
    if (config.status === "ok") configs.push(invokeConfigValue(config.value, qualifier));
  }
  return { status: "ok", value: uniqueBy(configs, key) };
}

function provisionedConcurrencyOf(fn: TLambdaFunctionRaw): Rec["provisionedConcurrency"] {
  const pc = fn.provisionedConcurrency;
  if (pc.status === "skipped") return { status: "ok", value: [] };
  if (pc.status === "error") return pc;
  return {
    status: "ok",
    value: pc.value.map((c) => ({
      qualifier: qualifierOf(c.FunctionArn),
      requested: orNull(c.RequestedProvisionedConcurrentExecutions),
      available: orNull(c.AvailableProvisionedConcurrentExecutions),
      allocated: orNull(c.AllocatedProvisionedConcurrentExecutions),
      status: orNull(c.Status),
      statusReason: orNull(c.StatusReason),
    })),
  };
}

function mapFetched<T, U>(f: Fetched<T>, map: (value: T) => Fetched<U>): Fetched<U> {
  return f.status === "ok" ? map(f.value) : f;
}
function mapListed<T, U>(f: Listed<T>, map: (value: T) => U): Listed<U> {
  return f.status === "ok" ? { status: "ok", value: map(f.value) } : f;
}

/**
 * The code scan collect attaches to a function (scanners/lambda/code-scan.ts) when LANTERN_SCAN_FUNCTION_CODE
 * is on. It holds detector ids, paths, lines and fingerprints only; absent when the opt-in is off.
 */
function codeSecretsOf(fn: TLambdaFunctionRaw): TFetchedCodeSecrets {
  const scanned = fn.codeSecrets;
  if (!scanned) return { status: "absent" };
  const parsed = ZFetchedCodeSecrets.safeParse(scanned);
  return parsed.success ? parsed.data : { status: "error", code: "InvalidCodeScan", message: "The code scan result did not have the expected shape." };
}

function normalizeFunction(
  fn: TLambdaFunctionRaw,
  mappings: Fetched<TEventSourceMapping[]>,
  ctx: NormalizeContext,
): NormalizedResource<TLambdaFunctionRecord> {
  const c = fn.configuration;
  const arn = unqualifiedFunctionArn(c.FunctionArn);
  const policy = policyOf(fn.policy);
  const qualifierPolicies = fn.qualifierPolicies.map((q) => ({ qualifier: q.qualifier, policy: policyOf(q.policy) }));
  const { url, urls, gaps: urlGaps } = urlsOf(fn.urls, fn.aliases);

  const gaps: TTriggerGap[] = [];
  if (mappings.status === "error") gaps.push(gap("event_source_mapping", null, "lambda:ListEventSourceMappings", mappings));
  if (policy.status === "error") gaps.push(gap("resource_policy", null, "lambda:GetPolicy", policy));
  // Qualifiers that could not be listed had their policies never read.
  if (fn.versions.status === "error") gaps.push(gap("resource_policy", null, "lambda:ListVersionsByFunction", fn.versions));
  if (fn.aliases.status === "error") gaps.push(gap("resource_policy", null, "lambda:ListAliases", fn.aliases));
  for (const q of qualifierPolicies) if (q.policy.status === "error") gaps.push(gap("resource_policy", q.qualifier, "lambda:GetPolicy", q.policy));
  gaps.push(...urlGaps);

  const policies: PolicyInput[] = [
    ...(policy.status === "ok" ? [{ qualifier: null, document: policy.value.document }] : []),
    ...qualifierPolicies.flatMap((q) => (q.policy.status === "ok" ? [{ qualifier: q.qualifier, document: q.policy.value.document }] : [])),
  ];
  const triggers = deriveTriggers({
    accountId: ctx.accountId,
    mappings: (mappings.status === "ok" ? mappings.value : []).map((m) => ({
      uuid: m.UUID,
      functionArn: orNull(m.FunctionArn),
      eventSourceArn: nonEmptyOrNull(m.EventSourceArn),
      sourceService: sourceServiceOf(m),
      state: orNull(m.State),
    })),
    policies,
    urls: urls.status === "ok" ? urls.value : url.status === "ok" ? [{ qualifier: null, ...url.value }] : [],
  });

  const record = ZLambdaFunctionRecord.parse({
    arn,
    name: c.FunctionName,
    accountId: ctx.accountId,
    region: ctx.region,
    description: nonEmptyOrNull(c.Description),
    runtime: orNull(c.Runtime),
    handler: orNull(c.Handler),
    packageType: orNull(c.PackageType),
    roleArn: orNull(c.Role),
    memorySize: orNull(c.MemorySize),
    timeout: orNull(c.Timeout),
    codeSize: orNull(c.CodeSize),
    codeSha256: orNull(c.CodeSha256),
    lastModified: orNull(c.LastModified),
    architectures: c.Architectures ?? [],
    state: orNull(c.State),
    stateReasonCode: orNull(c.StateReasonCode),
    lastUpdateStatus: orNull(c.LastUpdateStatus),
    tracingMode: orNull(c.TracingConfig?.Mode),
    kmsKeyArn: nonEmptyOrNull(c.KMSKeyArn),
    deadLetterTargetArn: nonEmptyOrNull(c.DeadLetterConfig?.TargetArn),
    vpc: vpcOf(c),
    layers: (c.Layers ?? []).map((l) => ({ arn: l.Arn, codeSize: orNull(l.CodeSize) })),
    environment: redactWithSecrets(c.Environment?.Variables, ctx.fingerprint),
    environmentError: c.Environment?.Error
      ? { errorCode: orNull(c.Environment.Error.ErrorCode), message: orNull(c.Environment.Error.Message) }
      : null,
    ephemeralStorageMb: orNull(c.EphemeralStorage?.Size),
    snapStart: c.SnapStart ? { applyOn: orNull(c.SnapStart.ApplyOn), optimizationStatus: orNull(c.SnapStart.OptimizationStatus) } : null,
    logging: c.LoggingConfig
      ? {
          logFormat: orNull(c.LoggingConfig.LogFormat),
          applicationLogLevel: orNull(c.LoggingConfig.ApplicationLogLevel),
          systemLogLevel: orNull(c.LoggingConfig.SystemLogLevel),
          logGroup: orNull(c.LoggingConfig.LogGroup),
        }
      : null,
    runtimeVersionArn: nonEmptyOrNull(c.RuntimeVersionConfig?.RuntimeVersionArn),
    signingProfileVersionArn: nonEmptyOrNull(c.SigningProfileVersionArn),
    signingJobArn: nonEmptyOrNull(c.SigningJobArn),
    fileSystems: (c.FileSystemConfigs ?? []).map((f) => ({ arn: f.Arn, localMountPath: orNull(f.LocalMountPath) })),
    policy,
    versions: versionsOf(fn, ctx),
    aliases: aliasesOf(fn.aliases),
    qualifierPolicies,
    url,
    urls,
    urlsFetchedWith: fn.urls.via,
    reservedConcurrency: mapFetched(fn.concurrency, (v): Fetched<number> =>
      v.ReservedConcurrentExecutions == null ? { status: "absent" } : { status: "ok", value: v.ReservedConcurrentExecutions },
    ),
    provisionedConcurrency: provisionedConcurrencyOf(fn),
    eventInvokeConfigs: eventInvokeConfigsOf(fn.eventInvokeConfigs, fn),
    eventInvokeConfigsFetchedWith: fn.eventInvokeConfigs.via,
    codeSigningConfigArn: mapFetched(fn.codeSigning, (v): Fetched<string> =>
      v.CodeSigningConfigArn ? { status: "ok", value: v.CodeSigningConfigArn } : { status: "absent" },
    ),
    tags: mapListed(fn.tags, (v) => v.Tags ?? {}),
    recursiveLoop: mapListed(fn.recursion, (v) => v.RecursiveLoop ?? null),
    eventSourceMappings: mapFetched(mappings, (value) => ({ status: "ok", value: value.map((m) => mappingRef(m, arn)) })),
    triggers,
    triggerGaps: gaps,
    codeSecrets: codeSecretsOf(fn),
  } satisfies TLambdaFunctionRecord);

  return {
    arn,
    record,
    raw: {
      configuration: redactedConfiguration(c),
      policy: fn.policy,
      versions: mapListed(fn.versions, (versions) => versions.map(redactedConfiguration)),
      aliases: fn.aliases,
      qualifierPolicies: fn.qualifierPolicies,
      urls: fn.urls,
      concurrency: fn.concurrency,
      provisionedConcurrency: fn.provisionedConcurrency,
      eventInvokeConfigs: fn.eventInvokeConfigs,
      codeSigning: fn.codeSigning,
      tags: fn.tags,
      recursion: fn.recursion,
      eventSourceMappings: mappings,
    },
  };
}

export function normalizeFunctions(raw: LambdaRaw, ctx: NormalizeContext): NormalizeResult<TLambdaFunctionRecord> {
  if (raw.functions.status !== "ok") return { resources: [], listingComplete: false };
  const esms = raw.eventSourceMappings;
  const byFunction = esms.status === "ok" ? groupByFunction(esms.value) : null;
  const resources = new Map<string, NormalizedResource<TLambdaFunctionRecord>>();
  for (const fn of raw.functions.value) {
    const arn = unqualifiedFunctionArn(fn.configuration.FunctionArn);
    // A function listed twice (pages shifting under a concurrent deploy) is stored once.
    if (resources.has(arn)) continue;
    const mappings: Fetched<TEventSourceMapping[]> = esms.status === "error" ? esms : { status: "ok", value: byFunction?.get(arn) ?? [] };
    resources.set(arn, normalizeFunction(fn, mappings, ctx));
  }
  return { resources: [...resources.values()], listingComplete: true };
}

export function normalizeLambda(raw: LambdaRaw, ctx: NormalizeContext): LambdaScanOutput {
  return {
    lambda_function: normalizeFunctions(raw, ctx),
    lambda_layer_version: normalizeLayerVersions(raw, ctx),
    lambda_event_source_mapping: normalizeEventSourceMappings(raw, ctx),
    lambda_account_settings: normalizeAccountSettings(raw, ctx),
  };
}
