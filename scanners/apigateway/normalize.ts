// Pure: turns the collected API Gateway (REST, v1) responses into one NormalizeResult per resource kind.
// Stage variable values (and canary overrides of them) are redacted here, in the record and the stored raw
// alike, after the secret detectors (lib/analysis/secrets) ran on the clear values; static values hard-coded
// in integration request parameters and mapping templates are redacted in the raw (the record does not carry
// them). Lists are sorted so the config hash only changes with the config.
import { parsePolicyDocument } from "@/lib/aws/policy";
import { REDACTED_VALUE, maskValues } from "@/lib/aws/redact";
import { redactWithSecrets } from "@/lib/analysis/secrets/redact";
import type { Fetched } from "@/lib/aws/fetched";
import type { NormalizeContext, NormalizeResult, NormalizedResource } from "@/scanners/types";
import type {
  ApiGatewayRaw,
  Outcome,
  TApiKey,
  TAuthorizer,
  TClientCertificate,
  TDeployment,
  TDomainNameRaw,
  TIntegration,
  TMethod,
  TResource,
  TRestApiRaw,
  TStage,
  TUsagePlanRaw,
} from "@/scanners/apigateway/raw";
import {
  ZApiKeyRecord,
  ZDomainNameRecord,
  ZRestApiRecord,
  ZUsagePlanRecord,
  type TApiKeyRecord,
  type TDomainNameRecord,
  type TMethodRecord,
  type TRestApiRecord,
  type TStageRecord,
  type TUsagePlanRecord,
} from "@/scanners/apigateway/record";
import {
  apiGatewayArn,
  lambdaTargetOf,
  resolveWithStageVariables,
  splitMethodKey,
  unescapeApiGatewayPolicy,
  unqualifiedFunctionArn,
} from "@/scanners/apigateway/uris";

export { REDACTED_VALUE };

export type ApiGatewayOutput = {
  apigateway_rest_api: NormalizeResult<TRestApiRecord>;
  apigateway_domain_name: NormalizeResult<TDomainNameRecord>;
  apigateway_usage_plan: NormalizeResult<TUsagePlanRecord>;
  apigateway_api_key: NormalizeResult<TApiKeyRecord>;
};

const orNull = <T>(value: T | null | undefined): T | null => value ?? null;
const nonEmptyOrNull = (value: string | null | undefined): string | null => (value ? value : null);
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortBy = <T>(items: T[], key: (item: T) => string): T[] => [...items].sort((a, b) => byString(key(a), key(b)));

/** An outcome mapped when ok; an error passes through unchanged (UNKNOWN for rules). */
function mapOutcome<T, U>(outcome: Outcome<T>, map: (value: T) => U): Fetched<U> {
  return outcome.status === "ok" ? { status: "ok", value: map(outcome.value) } : outcome;
}

function policyOf(text: string | null | undefined): TRestApiRecord["policy"] {
  if (!text) return { status: "absent" };
  const parsed = parsePolicyDocument(unescapeApiGatewayPolicy(text));
  if (!parsed.ok) return { status: "error", code: parsed.code, message: parsed.message };
  return { status: "ok", value: { document: parsed.document, text: parsed.text } };
}

// ---- REST APIs --------------------------------------------------------------------------------------------

function cloudFormationOf(tags: Record<string, string>): TRestApiRecord["cloudFormation"] {
  const stackName = tags["aws:cloudformation:stack-name"] ?? null;
  const stackId = tags["aws:cloudformation:stack-id"] ?? null;
  const logicalId = tags["aws:cloudformation:logical-id"] ?? null;
  return stackName || stackId || logicalId ? { stackName, stackId, logicalId } : null;
}

function integrationOf(integration: TIntegration | null | undefined): TMethodRecord["integration"] {
  if (!integration) return null;
  const type = orNull(integration.type);
  // Only AWS (non-proxy) and AWS_PROXY integrations invoke Lambda through a lambda:path URI.
  const lambda = type === "AWS" || type === "AWS_PROXY" ? lambdaTargetOf(integration.uri) : null;
  return {
    type,
    httpMethod: orNull(integration.httpMethod),
    uri: orNull(integration.uri),
    connectionType: orNull(integration.connectionType),
    connectionId: orNull(integration.connectionId),
    credentials: nonEmptyOrNull(integration.credentials),
    timeoutInMillis: orNull(integration.timeoutInMillis),
    lambda,
  };
}

function methodOf(key: string, method: TMethod): TMethodRecord {
  return {
    httpMethod: method.httpMethod ?? key,
    authorizationType: orNull(method.authorizationType),
    authorizerId: nonEmptyOrNull(method.authorizerId),
    apiKeyRequired: orNull(method.apiKeyRequired),
    requestValidatorId: nonEmptyOrNull(method.requestValidatorId),
    operationName: nonEmptyOrNull(method.operationName),
    authorizationScopes: method.authorizationScopes ?? [],
    integration: integrationOf(method.methodIntegration),
  };
}

function resourcesOf(resources: TResource[]) {
  return sortBy(
    resources.map((r) => ({
      id: r.id,
      path: r.path ?? r.pathPart ?? r.id,
      parentId: nonEmptyOrNull(r.parentId),
      methods: sortBy(
        Object.entries(r.resourceMethods ?? {}).map(([key, m]) => methodOf(key, m)),
        (m) => m.httpMethod,
      ),
    })),
    (r) => `${r.path}\u0000${r.id}`,
  );
}

/** Raw resources with static request parameter values and mapping templates redacted. */
function redactedResources(resources: TResource[]): TResource[] {
  return resources.map((r) => {
    if (!r.resourceMethods) return r;
    const resourceMethods = Object.fromEntries(
      Object.entries(r.resourceMethods).map(([key, m]) => {
        const i = m.methodIntegration;
        if (!i) return [key, m];
        const requestParameters = i.requestParameters
          ? Object.fromEntries(
              Object.entries(i.requestParameters).map(([name, value]) => [name, value.startsWith("'") ? REDACTED_VALUE : value]),
            )
          : i.requestParameters;
        return [key, { ...m, methodIntegration: { ...i, requestParameters, requestTemplates: maskValues(i.requestTemplates) } }];
      }),
    );
    return { ...r, resourceMethods };
  });
}

function clientCertificateOf(
  id: string | null,
  certificates: Outcome<TClientCertificate[]>,
): TStageRecord["clientCertificate"] {
  if (!id) return { status: "absent" };
  if (certificates.status === "error") return certificates;
  const cert = certificates.value.find((c) => c.clientCertificateId === id);
  if (!cert) {
    return { status: "error", code: "NotListed", message: `GetClientCertificates did not return ${id}, which the stage names.` };
  }
  return {
    status: "ok",
    value: {
      id,
      description: nonEmptyOrNull(cert.description),
      createdDate: orNull(cert.createdDate),
      expirationDate: orNull(cert.expirationDate),
    },
  };
}

/** Lambda targets whose URI uses stage variables, resolved with this stage's values. */
function stageLambdaTargets(
  stage: TStage,
  resources: ReturnType<typeof resourcesOf> | null,
  authorizers: TRestApiRecord["authorizers"],
): TStageRecord["lambdaTargets"] {
  const variables = stage.variables ?? {};
  const resolve = (functionArn: string) => {
    const resolved = resolveWithStageVariables(functionArn, variables);
    return { functionArn: resolved, unqualifiedFunctionArn: resolved ? unqualifiedFunctionArn(resolved) : null };
  };
  const targets: TStageRecord["lambdaTargets"] = [];
  for (const r of resources ?? []) {
    for (const m of r.methods) {
      const lambda = m.integration?.lambda;
      if (!lambda?.stageVariables.length) continue;
      targets.push({ source: "integration", resourcePath: r.path, httpMethod: m.httpMethod, authorizerId: null, ...resolve(lambda.functionArn) });
    }
  }
  for (const a of authorizers.status === "ok" ? authorizers.value : []) {
    if (!a.lambda?.stageVariables.length) continue;
    targets.push({ source: "authorizer", resourcePath: null, httpMethod: null, authorizerId: a.id, ...resolve(a.lambda.functionArn) });
  }
  return targets;
}

function stageOf(
  stage: TStage,
  ctx: NormalizeContext,
  certificates: Outcome<TClientCertificate[]>,
  resources: ReturnType<typeof resourcesOf> | null,
  authorizers: TRestApiRecord["authorizers"],
): TStageRecord {
  const clientCertificateId = nonEmptyOrNull(stage.clientCertificateId);
  const canary = stage.canarySettings;
  return {
    stageName: stage.stageName,
    deploymentId: orNull(stage.deploymentId),
    description: nonEmptyOrNull(stage.description),
    clientCertificateId,
    clientCertificate: clientCertificateOf(clientCertificateId, certificates),
    cacheClusterEnabled: orNull(stage.cacheClusterEnabled),
    cacheClusterSize: orNull(stage.cacheClusterSize),
    cacheClusterStatus: orNull(stage.cacheClusterStatus),
    tracingEnabled: orNull(stage.tracingEnabled),
    webAclArn: nonEmptyOrNull(stage.webAclArn),
    documentationVersion: nonEmptyOrNull(stage.documentationVersion),
    methodSettings: sortBy(
      Object.entries(stage.methodSettings ?? {}).map(([key, s]) => ({
        key,
        ...splitMethodKey(key),
        loggingLevel: orNull(s.loggingLevel),
        dataTraceEnabled: orNull(s.dataTraceEnabled),
        metricsEnabled: orNull(s.metricsEnabled),
        throttlingBurstLimit: orNull(s.throttlingBurstLimit),
        throttlingRateLimit: orNull(s.throttlingRateLimit),
        cachingEnabled: orNull(s.cachingEnabled),
        cacheTtlInSeconds: orNull(s.cacheTtlInSeconds),
        cacheDataEncrypted: orNull(s.cacheDataEncrypted),
        requireAuthorizationForCacheControl: orNull(s.requireAuthorizationForCacheControl),
        unauthorizedCacheControlHeaderStrategy: orNull(s.unauthorizedCacheControlHeaderStrategy),
      })),
      (s) => s.key,
    ),
    accessLogSettings:
      stage.accessLogSettings && (stage.accessLogSettings.destinationArn || stage.accessLogSettings.format)
        ? { destinationArn: nonEmptyOrNull(stage.accessLogSettings.destinationArn), format: nonEmptyOrNull(stage.accessLogSettings.format) }
        : null,
    variables: redactWithSecrets(stage.variables, ctx.fingerprint),
    canary: canary
      ? {
          percentTraffic: orNull(canary.percentTraffic),
          deploymentId: orNull(canary.deploymentId),
          useStageCache: orNull(canary.useStageCache),
          stageVariableOverrides: redactWithSecrets(canary.stageVariableOverrides, ctx.fingerprint),
        }
      : null,
    tags: stage.tags ?? {},
    createdDate: orNull(stage.createdDate),
    lastUpdatedDate: orNull(stage.lastUpdatedDate),
    lambdaTargets: stageLambdaTargets(stage, resources, authorizers),
  };
}

function redactedStage(stage: TStage): TStage {
  const canarySettings = stage.canarySettings
    ? { ...stage.canarySettings, stageVariableOverrides: maskValues(stage.canarySettings.stageVariableOverrides) }
    : stage.canarySettings;
  return { ...stage, variables: maskValues(stage.variables), canarySettings };
}

function authorizerOf(a: TAuthorizer) {
  return {
    id: a.id,
    name: orNull(a.name),
    type: orNull(a.type),
    identitySource: nonEmptyOrNull(a.identitySource),
    identityValidationExpression: nonEmptyOrNull(a.identityValidationExpression),
    providerArns: a.providerARNs ?? [],
    authType: orNull(a.authType),
    authorizerUri: nonEmptyOrNull(a.authorizerUri),
    lambda: lambdaTargetOf(a.authorizerUri),
    authorizerCredentials: nonEmptyOrNull(a.authorizerCredentials),
    resultTtlInSeconds: orNull(a.authorizerResultTtlInSeconds),
  };
}

function deploymentOf(d: TDeployment) {
  const apiSummary = d.apiSummary
    ? Object.entries(d.apiSummary)
        .flatMap(([path, methods]) =>
          Object.entries(methods).map(([httpMethod, m]) => ({
            path,
            httpMethod,
            authorizationType: orNull(m.authorizationType),
            apiKeyRequired: orNull(m.apiKeyRequired),
          })),
        )
        .sort((a, b) => byString(`${a.path} ${a.httpMethod}`, `${b.path} ${b.httpMethod}`))
    : null;
  return { id: d.id, description: nonEmptyOrNull(d.description), createdDate: orNull(d.createdDate), apiSummary };
}

function restApiOf(
  entry: TRestApiRaw,
  ctx: NormalizeContext,
  certificates: Outcome<TClientCertificate[]>,
): NormalizedResource<TRestApiRecord> {
  const { api } = entry;
  const arn = apiGatewayArn(ctx.region, `/restapis/${api.id}`);
  const tags = api.tags ?? {};
  const resources = mapOutcome(entry.resources, resourcesOf);
  const authorizers = mapOutcome(entry.authorizers, (list) => sortBy(list.map(authorizerOf), (a) => a.id));
  const resolvedResources = resources.status === "ok" ? resources.value : null;

  const record = ZRestApiRecord.parse({
    arn,
    id: api.id,
    name: api.name || api.id,
    accountId: ctx.accountId,
    region: ctx.region,
    description: nonEmptyOrNull(api.description),
    createdDate: orNull(api.createdDate),
    version: nonEmptyOrNull(api.version),
    apiStatus: orNull(api.apiStatus),
    endpointTypes: api.endpointConfiguration?.types ?? [],
    vpcEndpointIds: [...(api.endpointConfiguration?.vpcEndpointIds ?? [])].sort(byString),
    ipAddressType: orNull(api.endpointConfiguration?.ipAddressType),
    disableExecuteApiEndpoint: orNull(api.disableExecuteApiEndpoint),
    apiKeySource: orNull(api.apiKeySource),
    minimumCompressionSize: orNull(api.minimumCompressionSize),
    binaryMediaTypes: api.binaryMediaTypes ?? [],
    securityPolicy: orNull(api.securityPolicy),
    endpointAccessMode: orNull(api.endpointAccessMode),
    policy: policyOf(api.policy),
    tags,
    cloudFormation: cloudFormationOf(tags),
    resources,
    stages: mapOutcome(entry.stages, (stages) =>
      sortBy(
        stages.map((s) => stageOf(s, ctx, certificates, resolvedResources, authorizers)),
        (s) => s.stageName,
      ),
    ),
    authorizers,
    requestValidators: mapOutcome(entry.requestValidators, (list) =>
      sortBy(
        list.map((v) => ({
          id: v.id,
          name: orNull(v.name),
          validateRequestBody: orNull(v.validateRequestBody),
          validateRequestParameters: orNull(v.validateRequestParameters),
        })),
        (v) => v.id,
      ),
    ),
    deployments: mapOutcome(entry.deployments, (list) => sortBy(list.map(deploymentOf), (d) => `${d.createdDate ?? ""} ${d.id}`)),
  } satisfies TRestApiRecord);

  const raw = {
    ...entry,
    resources: mapOutcome(entry.resources, redactedResources),
    stages: mapOutcome(entry.stages, (stages) => stages.map(redactedStage)),
  };
  return { arn, record, raw };
}

// ---- domain names, usage plans, API keys --------------------------------------------------------------------

function domainNameOf(entry: TDomainNameRaw, ctx: NormalizeContext): NormalizedResource<TDomainNameRecord> {
  const d = entry.domain;
  const id = nonEmptyOrNull(d.domainNameId);
  // A private custom domain can share its name with a public one: AWS tells them apart by "+<domainNameId>".
  const arn = apiGatewayArn(ctx.region, `/domainnames/${d.domainName}${id ? `+${id}` : ""}`);
  const mtls = d.mutualTlsAuthentication;
  const record = ZDomainNameRecord.parse({
    arn,
    domainName: d.domainName,
    domainNameId: id,
    domainNameArn: orNull(d.domainNameArn),
    accountId: ctx.accountId,
    region: ctx.region,
    endpointTypes: d.endpointConfiguration?.types ?? [],
    vpcEndpointIds: [...(d.endpointConfiguration?.vpcEndpointIds ?? [])].sort(byString),
    securityPolicy: orNull(d.securityPolicy),
    endpointAccessMode: orNull(d.endpointAccessMode),
    status: orNull(d.domainNameStatus),
    statusMessage: nonEmptyOrNull(d.domainNameStatusMessage),
    mutualTls: mtls?.truststoreUri
      ? { truststoreUri: mtls.truststoreUri, truststoreVersion: orNull(mtls.truststoreVersion), truststoreWarnings: mtls.truststoreWarnings ?? [] }
      : null,
    certificateArn: nonEmptyOrNull(d.certificateArn),
    certificateName: nonEmptyOrNull(d.certificateName),
    certificateUploadDate: orNull(d.certificateUploadDate),
    distributionDomainName: nonEmptyOrNull(d.distributionDomainName),
    distributionHostedZoneId: nonEmptyOrNull(d.distributionHostedZoneId),
    regionalCertificateArn: nonEmptyOrNull(d.regionalCertificateArn),
    regionalCertificateName: nonEmptyOrNull(d.regionalCertificateName),
    regionalDomainName: nonEmptyOrNull(d.regionalDomainName),
    regionalHostedZoneId: nonEmptyOrNull(d.regionalHostedZoneId),
    ownershipVerificationCertificateArn: nonEmptyOrNull(d.ownershipVerificationCertificateArn),
    routingMode: orNull(d.routingMode),
    policy: policyOf(d.policy),
    tags: d.tags ?? {},
    basePathMappings: mapOutcome(entry.basePathMappings, (mappings) =>
      sortBy(
        mappings.map((m) => ({
          // "(none)" is how API Gateway shows the empty base path.
          basePath: m.basePath ?? "(none)",
          restApiId: orNull(m.restApiId),
          restApiArn: m.restApiId ? apiGatewayArn(ctx.region, `/restapis/${m.restApiId}`) : null,
          stage: nonEmptyOrNull(m.stage),
        })),
        (m) => m.basePath,
      ),
    ),
  } satisfies TDomainNameRecord);
  // A custom domain's ARN names no account, and the same name can exist in two accounts Lantern scans (a
  // private domain, or a domain moved between accounts): the inventory keys it per account. The record keeps
  // the real ARN.
  return { arn: `${arn}#${ctx.accountId}`, record, raw: entry };
}

function usagePlanOf(entry: TUsagePlanRaw, ctx: NormalizeContext): NormalizedResource<TUsagePlanRecord> {
  const p = entry.plan;
  const arn = apiGatewayArn(ctx.region, `/usageplans/${p.id}`);
  const record = ZUsagePlanRecord.parse({
    arn,
    id: p.id,
    name: p.name || p.id,
    accountId: ctx.accountId,
    region: ctx.region,
    description: nonEmptyOrNull(p.description),
    throttle: p.throttle ? { burstLimit: orNull(p.throttle.burstLimit), rateLimit: orNull(p.throttle.rateLimit) } : null,
    quota: p.quota ? { limit: orNull(p.quota.limit), offset: orNull(p.quota.offset), period: orNull(p.quota.period) } : null,
    apiStages: sortBy(
      (p.apiStages ?? []).map((s) => ({
        restApiId: orNull(s.apiId),
        restApiArn: s.apiId ? apiGatewayArn(ctx.region, `/restapis/${s.apiId}`) : null,
        stage: orNull(s.stage),
        methodThrottles: sortBy(
          Object.entries(s.throttle ?? {}).map(([key, t]) => ({
            key,
            ...splitMethodKey(key),
            burstLimit: orNull(t.burstLimit),
            rateLimit: orNull(t.rateLimit),
          })),
          (t) => t.key,
        ),
      })),
      (s) => `${s.restApiId ?? ""} ${s.stage ?? ""}`,
    ),
    productCode: nonEmptyOrNull(p.productCode),
    tags: p.tags ?? {},
    keys: mapOutcome(entry.keys, (keys) => ({ count: keys.length, apiKeyIds: keys.map((k) => k.id).sort(byString) })),
  } satisfies TUsagePlanRecord);
  return { arn, record, raw: entry };
}

function apiKeyOf(key: TApiKey, ctx: NormalizeContext): NormalizedResource<TApiKeyRecord> {
  const arn = apiGatewayArn(ctx.region, `/apikeys/${key.id}`);
  const record = ZApiKeyRecord.parse({
    arn,
    id: key.id,
    name: key.name || key.id,
    accountId: ctx.accountId,
    region: ctx.region,
    description: nonEmptyOrNull(key.description),
    customerId: nonEmptyOrNull(key.customerId),
    enabled: orNull(key.enabled),
    createdDate: orNull(key.createdDate),
    lastUpdatedDate: orNull(key.lastUpdatedDate),
    stageKeys: (key.stageKeys ?? [])
      .map((k) => {
        const at = k.indexOf("/");
        return at < 0 ? { restApiId: k, stageName: "" } : { restApiId: k.slice(0, at), stageName: k.slice(at + 1) };
      })
      .sort((a, b) => byString(`${a.restApiId}/${a.stageName}`, `${b.restApiId}/${b.stageName}`)),
    tags: key.tags ?? {},
  } satisfies TApiKeyRecord);
  return { arn, record, raw: key };
}

/** One result per kind; a kind whose listing failed keeps nothing and says its listing is incomplete. */
function resultOf<TItem, TRecord>(
  listing: Outcome<TItem[]>,
  toResource: (item: TItem) => NormalizedResource<TRecord>,
): NormalizeResult<TRecord> {
  if (listing.status === "error") return { resources: [], listingComplete: false };
  const byArn = new Map<string, NormalizedResource<TRecord>>();
  for (const item of listing.value) {
    const resource = toResource(item);
    // An item listed twice (pages shifting under a concurrent change) is stored once.
    if (!byArn.has(resource.arn)) byArn.set(resource.arn, resource);
  }
  return { resources: [...byArn.values()], listingComplete: true };
}

export function normalizeApiGateway(raw: ApiGatewayRaw, ctx: NormalizeContext): ApiGatewayOutput {
  return {
    apigateway_rest_api: resultOf(raw.restApis, (entry) => restApiOf(entry, ctx, raw.clientCertificates)),
    apigateway_domain_name: resultOf(raw.domainNames, (entry) => domainNameOf(entry, ctx)),
    apigateway_usage_plan: resultOf(raw.usagePlans, (entry) => usagePlanOf(entry, ctx)),
    apigateway_api_key: resultOf(raw.apiKeys, (key) => apiKeyOf(key, ctx)),
  };
}
