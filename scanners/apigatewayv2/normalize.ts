// Pure: turns the collected API Gateway v2 responses into ZHttpApiRecord rows keyed by
// arn:<partition>:apigateway:<region>::/apis/<apiId>. Values that may be secrets (stage variables, static
// integration request parameters and templates) are redacted here, in the record and in the stored raw alike.
import { REDACTED_VALUE, maskValues, redactEnvironment } from "@/lib/aws/redact";
import { httpApiArn } from "@/scanners/apigatewayv2/arn";
import type { NormalizeContext, NormalizeResult, NormalizedResource } from "@/scanners/types";
import type {
  ApiGatewayV2Raw,
  Listing,
  TApi,
  TAuthorizer,
  TAuthorizersRaw,
  TDomainApiMappingsRaw,
  TIntegration,
  TRoute,
  TRouteSettings,
  TStage,
} from "@/scanners/apigatewayv2/raw";
import {
  ZHttpApiRecord,
  type THttpApiMapping,
  type THttpApiRecord,
  type THttpAuthorizer,
  type THttpIntegration,
  type THttpRoute,
  type THttpRouteSettings,
  type THttpStage,
} from "@/scanners/apigatewayv2/record";

export { REDACTED_VALUE };

const orNull = <T>(value: T | null | undefined): T | null => value ?? null;
const nonEmptyOrNull = (value: string | null | undefined): string | null => (value ? value : null);
const byString =
  <T>(key: (item: T) => string) =>
  (a: T, b: T): number => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };

const LAMBDA_FUNCTION_ARN = /^(arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+)(?::([A-Za-z0-9_$-]+))?$/;
const APIGATEWAY_LAMBDA_INVOCATION = /^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path\/[^/]+\/functions\/(.+)\/invocations$/;

/**
 * The Lambda function an integration or authorizer URI invokes. HTTP APIs take the function ARN itself;
 * WebSocket APIs and Lambda authorizers take API Gateway's invocation path
 * (arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations). Either may carry
 * a qualifier (version or alias). A URI built from stage variables (${stageVariables.fn}) names no single
 * function and resolves to null, as does anything that is not a Lambda URI.
 */
export function lambdaTargetOf(uri: string | null | undefined): { functionArn: string; qualifier: string | null } | null {
  if (!uri) return null;
  const inner = APIGATEWAY_LAMBDA_INVOCATION.exec(uri)?.[1] ?? uri;
  const match = LAMBDA_FUNCTION_ARN.exec(inner);
  if (!match) return null;
  return { functionArn: match[1], qualifier: match[2] ?? null };
}

/** "integrations/abc123" -> "abc123"; any other target form is not an integration reference. */
function integrationIdOf(target: string | null | undefined): string | null {
  const match = /^integrations\/([^/]+)$/.exec(target ?? "");
  return match ? match[1] : null;
}

function routeOf(r: TRoute): THttpRoute {
  return {
    routeId: orNull(r.RouteId),
    routeKey: r.RouteKey,
    authorizationType: orNull(r.AuthorizationType),
    authorizerId: nonEmptyOrNull(r.AuthorizerId),
    authorizationScopes: r.AuthorizationScopes ?? [],
    apiKeyRequired: orNull(r.ApiKeyRequired),
    target: orNull(r.Target),
    integrationId: integrationIdOf(r.Target),
    operationName: orNull(r.OperationName),
    apiGatewayManaged: orNull(r.ApiGatewayManaged),
  };
}

function integrationOf(i: TIntegration, fingerprint: (value: string) => string): THttpIntegration {
  return {
    integrationId: i.IntegrationId,
    integrationType: orNull(i.IntegrationType),
    integrationSubtype: orNull(i.IntegrationSubtype),
    integrationUri: orNull(i.IntegrationUri),
    lambda: lambdaTargetOf(i.IntegrationUri),
    connectionType: orNull(i.ConnectionType),
    connectionId: orNull(i.ConnectionId),
    tlsServerNameToVerify: nonEmptyOrNull(i.TlsConfig?.ServerNameToVerify),
    payloadFormatVersion: orNull(i.PayloadFormatVersion),
    integrationMethod: orNull(i.IntegrationMethod),
    credentialsArn: nonEmptyOrNull(i.CredentialsArn),
    timeoutInMillis: orNull(i.TimeoutInMillis),
    description: nonEmptyOrNull(i.Description),
    requestParameters: redactEnvironment(i.RequestParameters ?? undefined, fingerprint),
    apiGatewayManaged: orNull(i.ApiGatewayManaged),
  };
}

function authorizerOf(a: TAuthorizer): THttpAuthorizer {
  return {
    authorizerId: a.AuthorizerId,
    name: orNull(a.Name),
    authorizerType: orNull(a.AuthorizerType),
    jwtIssuer: nonEmptyOrNull(a.JwtConfiguration?.Issuer),
    jwtAudience: a.JwtConfiguration?.Audience ?? [],
    authorizerUri: orNull(a.AuthorizerUri),
    lambda: lambdaTargetOf(a.AuthorizerUri),
    credentialsArn: nonEmptyOrNull(a.AuthorizerCredentialsArn),
    identitySources: a.IdentitySource ?? [],
    identityValidationExpression: nonEmptyOrNull(a.IdentityValidationExpression),
    payloadFormatVersion: orNull(a.AuthorizerPayloadFormatVersion),
    enableSimpleResponses: orNull(a.EnableSimpleResponses),
    resultTtlInSeconds: orNull(a.AuthorizerResultTtlInSeconds),
  };
}

function routeSettingsOf(s: TRouteSettings): THttpRouteSettings {
  return {
    throttlingBurstLimit: orNull(s.ThrottlingBurstLimit),
    throttlingRateLimit: orNull(s.ThrottlingRateLimit),
    detailedMetricsEnabled: orNull(s.DetailedMetricsEnabled),
    loggingLevel: orNull(s.LoggingLevel),
    dataTraceEnabled: orNull(s.DataTraceEnabled),
  };
}

function stageOf(s: TStage, fingerprint: (value: string) => string): THttpStage {
  const destinationArn = s.AccessLogSettings?.DestinationArn;
  return {
    stageName: s.StageName,
    description: nonEmptyOrNull(s.Description),
    deploymentId: orNull(s.DeploymentId),
    autoDeploy: orNull(s.AutoDeploy),
    createdDate: orNull(s.CreatedDate),
    lastUpdatedDate: orNull(s.LastUpdatedDate),
    lastDeploymentStatusMessage: nonEmptyOrNull(s.LastDeploymentStatusMessage),
    clientCertificateId: nonEmptyOrNull(s.ClientCertificateId),
    apiGatewayManaged: orNull(s.ApiGatewayManaged),
    // A format without a destination writes no log anywhere.
    accessLogs: destinationArn ? { destinationArn, format: nonEmptyOrNull(s.AccessLogSettings?.Format) } : null,
    defaultRouteSettings: s.DefaultRouteSettings ? routeSettingsOf(s.DefaultRouteSettings) : null,
    routeSettings: Object.entries(s.RouteSettings ?? {})
      .map(([routeKey, settings]) => ({ routeKey, ...routeSettingsOf(settings) }))
      .sort(byString((r) => r.routeKey)),
    stageVariables: redactEnvironment(s.StageVariables ?? undefined, fingerprint),
    tags: s.Tags ?? {},
  };
}

function corsOf(api: TApi): THttpApiRecord["cors"] {
  const c = api.CorsConfiguration;
  if (!c) return null;
  return {
    allowOrigins: c.AllowOrigins ?? [],
    allowMethods: c.AllowMethods ?? [],
    allowHeaders: c.AllowHeaders ?? [],
    exposeHeaders: c.ExposeHeaders ?? [],
    allowCredentials: orNull(c.AllowCredentials),
    maxAge: orNull(c.MaxAge),
  };
}

function cloudFormationOf(tags: Record<string, string>): THttpApiRecord["cloudFormation"] {
  const stackName = tags["aws:cloudformation:stack-name"] ?? null;
  const stackId = tags["aws:cloudformation:stack-id"] ?? null;
  const logicalId = tags["aws:cloudformation:logical-id"] ?? null;
  return stackName || stackId || logicalId ? { stackName, stackId, logicalId } : null;
}

function mapListing<T, U>(listing: Listing<T[]>, map: (item: T) => U, sort: (a: U, b: U) => number): Listing<U[]> {
  return listing.status === "ok" ? { status: "ok", value: listing.value.map(map).sort(sort) } : listing;
}

function authorizersOf(raw: TAuthorizersRaw): THttpApiRecord["authorizers"] {
  const sort = byString<THttpAuthorizer>((a) => a.authorizerId);
  if (raw.status === "error") return raw;
  if (raw.status === "ok") return { status: "ok", value: raw.value.map(authorizerOf).sort(sort) };
  return { ...raw, value: raw.value.map(authorizerOf).sort(sort), unread: [...raw.unread].sort(byString((u) => u.authorizerId)) };
}

/** Per API id: the mappings that route to it, and which domains' mappings could not be read. */
type MappingsIndex = { byApi: Map<string, THttpApiMapping[]>; unread: { domainName: string; code: string; message: string }[] };

function indexMappings(domains: TDomainApiMappingsRaw[]): MappingsIndex {
  const byApi = new Map<string, THttpApiMapping[]>();
  const unread: MappingsIndex["unread"] = [];
  for (const d of domains) {
    if (d.apiMappings.status === "error") {
      unread.push({ domainName: d.domainName, code: d.apiMappings.code, message: d.apiMappings.message });
      continue;
    }
    // GetApiMappings also lists REST APIs mapped to the domain: those ids match no HTTP API and are skipped below.
    for (const m of d.apiMappings.value) {
      const mapping: THttpApiMapping = {
        domainName: d.domainName,
        apiMappingId: orNull(m.ApiMappingId),
        apiMappingKey: orNull(m.ApiMappingKey),
        stage: m.Stage,
      };
      byApi.set(m.ApiId, [...(byApi.get(m.ApiId) ?? []), mapping]);
    }
  }
  return { byApi, unread };
}

function apiMappingsOf(apiId: string, mappings: Listing<MappingsIndex>): THttpApiRecord["apiMappings"] {
  if (mappings.status === "error") return mappings;
  const index = mappings.value;
  const value = [...(index.byApi.get(apiId) ?? [])].sort(byString((m) => `${m.domainName}\u0000${m.apiMappingKey ?? ""}`));
  if (index.unread.length === 0) return { status: "ok", value };
  const first = index.unread[0];
  return {
    status: "partial",
    code: first.code,
    message: first.message,
    value,
    unreadDomains: index.unread.map((u) => u.domainName).sort(),
  };
}

function redactedIntegrations(listing: Listing<TIntegration[]>): Listing<TIntegration[]> {
  if (listing.status !== "ok") return listing;
  return {
    status: "ok",
    value: listing.value.map((i) => ({
      ...i,
      RequestParameters: maskValues(i.RequestParameters),
      RequestTemplates: maskValues(i.RequestTemplates),
    })),
  };
}

function redactedStages(listing: Listing<TStage[]>): Listing<TStage[]> {
  if (listing.status !== "ok") return listing;
  return { status: "ok", value: listing.value.map((s) => ({ ...s, StageVariables: maskValues(s.StageVariables) })) };
}

export function normalizeApiGatewayV2(raw: ApiGatewayV2Raw, ctx: NormalizeContext): NormalizeResult<THttpApiRecord> {
  if (raw.listing === "failed") return { resources: [], listingComplete: false };

  const mappings: Listing<MappingsIndex> =
    raw.domains.status === "ok" ? { status: "ok", value: indexMappings(raw.domains.value) } : raw.domains;
  const resources = new Map<string, NormalizedResource<THttpApiRecord>>();

  for (const detail of raw.apis) {
    const { api } = detail;
    const arn = httpApiArn(ctx.region, api.ApiId);
    // An API listed twice (pages shifting under a concurrent deploy) is stored once.
    if (resources.has(arn)) continue;
    const tags = api.Tags ?? {};
    const apiMappings = apiMappingsOf(api.ApiId, mappings);

    const record = ZHttpApiRecord.parse({
      arn,
      apiId: api.ApiId,
      name: api.Name || api.ApiId,
      accountId: ctx.accountId,
      region: ctx.region,
      protocolType: orNull(api.ProtocolType),
      description: nonEmptyOrNull(api.Description),
      apiEndpoint: orNull(api.ApiEndpoint),
      disableExecuteApiEndpoint: orNull(api.DisableExecuteApiEndpoint),
      routeSelectionExpression: orNull(api.RouteSelectionExpression),
      apiKeySelectionExpression: orNull(api.ApiKeySelectionExpression),
      ipAddressType: orNull(api.IpAddressType),
      apiGatewayManaged: orNull(api.ApiGatewayManaged),
      createdDate: orNull(api.CreatedDate),
      version: nonEmptyOrNull(api.Version),
      cors: corsOf(api),
      tags,
      cloudFormation: cloudFormationOf(tags),
      routes: mapListing(detail.routes, routeOf, byString((r) => `${r.routeKey}\u0000${r.routeId ?? ""}`)),
      integrations: mapListing(detail.integrations, (i) => integrationOf(i, ctx.fingerprint), byString((i) => i.integrationId)),
      authorizers: authorizersOf(detail.authorizers),
      stages: mapListing(detail.stages, (s) => stageOf(s, ctx.fingerprint), byString((s) => s.stageName)),
      apiMappings,
    } satisfies THttpApiRecord);

    resources.set(arn, {
      arn,
      record,
      raw: {
        api,
        routes: detail.routes,
        integrations: redactedIntegrations(detail.integrations),
        authorizers: detail.authorizers,
        stages: redactedStages(detail.stages),
        apiMappings,
      },
    });
  }

  return { resources: [...resources.values()], listingComplete: true };
}
