// Pure: turns the collected Lambda responses into ZLambdaFunctionRecord rows keyed by unqualified function ARN.
// Environment variable values are redacted here, in the record and in the stored raw alike.
import type { Fetched } from "@/lib/aws/fetched";
import { parsePolicyDocument } from "@/lib/aws/policy";
import { redactEnvironment } from "@/lib/aws/redact";
import type { NormalizeContext, NormalizeResult, NormalizedResource } from "@/scanners/types";
import type {
  LambdaRaw,
  TEventSourceMapping,
  TFunctionConfiguration,
  TFunctionUrlConfig,
  TGetPolicyResponse,
} from "@/scanners/lambda/raw";
import { ZLambdaFunctionRecord, type TLambdaFunctionRecord } from "@/scanners/lambda/record";

/** What replaces an environment variable value in the stored raw; the record keeps length and fingerprint. */
export const REDACTED_VALUE = "[redacted]";

type EventSourceMappingRef = TLambdaFunctionRecord["eventSourceMappings"] extends Fetched<infer T> ? T : never;

/**
 * arn:partition:lambda:region:account:function:name[:qualifier] -> without the qualifier ($LATEST, a version
 * or an alias), so every reference to a function meets the ARN ListFunctions keys it by.
 */
export function unqualifiedFunctionArn(arn: string): string {
  const parts = arn.split(":");
  return parts.length > 7 && parts[5] === "function" ? parts.slice(0, 7).join(":") : arn;
}

const orNull = <T>(value: T | null | undefined): T | null => value ?? null;
const nonEmptyOrNull = (value: string | null | undefined): string | null => (value ? value : null);

function vpcOf(config: TFunctionConfiguration): TLambdaFunctionRecord["vpc"] {
  const vpc = config.VpcConfig;
  if (!vpc) return null;
  const subnetIds = vpc.SubnetIds ?? [];
  const securityGroupIds = vpc.SecurityGroupIds ?? [];
  // Functions detached from a VPC keep an empty VpcConfig ({"VpcId":"","SubnetIds":[],...}): that is no VPC.
  if (!vpc.VpcId && subnetIds.length === 0 && securityGroupIds.length === 0) return null;
  return { vpcId: nonEmptyOrNull(vpc.VpcId), subnetIds, securityGroupIds };
}

function policyOf(policy: Fetched<TGetPolicyResponse>): TLambdaFunctionRecord["policy"] {
  if (policy.status !== "ok") return policy;
  const parsed = parsePolicyDocument(policy.value.Policy);
  if (!parsed.ok) return { status: "error", code: parsed.code, message: parsed.message };
  return { status: "ok", value: { document: parsed.document, text: parsed.text } };
}

function urlOf(url: Fetched<TFunctionUrlConfig>): TLambdaFunctionRecord["url"] {
  if (url.status !== "ok") return url;
  const { FunctionUrl, AuthType, InvokeMode, Cors } = url.value;
  return {
    status: "ok",
    value: {
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
    },
  };
}

function redactedConfiguration(config: TFunctionConfiguration): TFunctionConfiguration {
  if (!config.Environment?.Variables) return config;
  const Variables = Object.fromEntries(Object.keys(config.Environment.Variables).map((name) => [name, REDACTED_VALUE]));
  return { ...config, Environment: { ...config.Environment, Variables } };
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

export function normalizeLambda(raw: LambdaRaw, ctx: NormalizeContext): NormalizeResult<TLambdaFunctionRecord> {
  if (raw.listing === "failed") return { resources: [], listingComplete: false };

  const esms = raw.eventSourceMappings;
  const byFunction = esms.status === "ok" ? groupByFunction(esms.value) : null;
  const resources = new Map<string, NormalizedResource<TLambdaFunctionRecord>>();

  for (const fn of raw.functions) {
    const c = fn.configuration;
    const arn = unqualifiedFunctionArn(c.FunctionArn);
    // A function listed twice (pages shifting under a concurrent deploy) is stored once.
    if (resources.has(arn)) continue;
    const mappings: Fetched<TEventSourceMapping[]> =
      esms.status === "error" ? esms : { status: "ok", value: byFunction?.get(arn) ?? [] };
    const eventSourceMappings: TLambdaFunctionRecord["eventSourceMappings"] =
      mappings.status === "ok" ? { status: "ok", value: mappings.value.map((m) => mappingRef(m, arn)) } : mappings;

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
      tracingMode: orNull(c.TracingConfig?.Mode),
      kmsKeyArn: nonEmptyOrNull(c.KMSKeyArn),
      deadLetterTargetArn: nonEmptyOrNull(c.DeadLetterConfig?.TargetArn),
      vpc: vpcOf(c),
      layers: (c.Layers ?? []).map((l) => ({ arn: l.Arn, codeSize: orNull(l.CodeSize) })),
      environment: redactEnvironment(c.Environment?.Variables ?? undefined, ctx.fingerprint),
      policy: policyOf(fn.policy),
      url: urlOf(fn.url),
      eventSourceMappings,
    } satisfies TLambdaFunctionRecord);

    resources.set(arn, {
      arn,
      record,
      raw: { configuration: redactedConfiguration(c), policy: fn.policy, url: fn.url, eventSourceMappings: mappings },
    });
  }

  return { resources: [...resources.values()], listingComplete: true };
}
