// What collect hands to normalize: the API Gateway v2 (HTTP and WebSocket) responses of one (account, region),
// JSON-only (dates as ISO strings) so a recorded fixture and a live collection have the same shape. The SDK
// types mark every field optional; these schemas require the few fields Lantern keys on and keep every other
// field as AWS sent it. Enum-like fields are plain strings, so a value AWS adds later is kept, not rejected.
import { z } from "zod";

const optionalString = z.string().nullish();
const optionalNumber = z.number().nullish();
const optionalBoolean = z.boolean().nullish();
const optionalStrings = z.array(z.string()).nullish();
const optionalStringMap = z.record(z.string(), z.string()).nullish();

export const ZCors = z.looseObject({
  AllowCredentials: optionalBoolean,
  AllowHeaders: optionalStrings,
  AllowMethods: optionalStrings,
  AllowOrigins: optionalStrings,
  ExposeHeaders: optionalStrings,
  MaxAge: optionalNumber,
});

/** One item of GetApis. */
export const ZApi = z.looseObject({
  ApiId: z.string(),
  Name: optionalString,
  ProtocolType: optionalString,
  ApiEndpoint: optionalString,
  ApiGatewayManaged: optionalBoolean,
  ApiKeySelectionExpression: optionalString,
  CorsConfiguration: ZCors.nullish(),
  CreatedDate: optionalString,
  Description: optionalString,
  DisableExecuteApiEndpoint: optionalBoolean,
  DisableSchemaValidation: optionalBoolean,
  IpAddressType: optionalString,
  RouteSelectionExpression: optionalString,
  Tags: optionalStringMap,
  Version: optionalString,
});
export type TApi = z.infer<typeof ZApi>;

/** One item of GetRoutes. */
export const ZRoute = z.looseObject({
  RouteKey: z.string(),
  RouteId: optionalString,
  ApiGatewayManaged: optionalBoolean,
  ApiKeyRequired: optionalBoolean,
  AuthorizationScopes: optionalStrings,
  AuthorizationType: optionalString,
  AuthorizerId: optionalString,
  OperationName: optionalString,
  Target: optionalString,
});
export type TRoute = z.infer<typeof ZRoute>;

/** One item of GetIntegrations. RequestParameters and RequestTemplates may hold static values (secrets). */
export const ZIntegration = z.looseObject({
  IntegrationId: z.string(),
  ApiGatewayManaged: optionalBoolean,
  ConnectionId: optionalString,
  ConnectionType: optionalString,
  CredentialsArn: optionalString,
  Description: optionalString,
  IntegrationMethod: optionalString,
  IntegrationSubtype: optionalString,
  IntegrationType: optionalString,
  IntegrationUri: optionalString,
  PayloadFormatVersion: optionalString,
  RequestParameters: optionalStringMap,
  RequestTemplates: optionalStringMap,
  TimeoutInMillis: optionalNumber,
  TlsConfig: z.looseObject({ ServerNameToVerify: optionalString }).nullish(),
});
export type TIntegration = z.infer<typeof ZIntegration>;

/** One item of GetAuthorizers, or a GetAuthorizer response without $metadata. */
export const ZAuthorizer = z.looseObject({
  AuthorizerId: z.string(),
  Name: optionalString,
  AuthorizerType: optionalString,
  AuthorizerCredentialsArn: optionalString,
  AuthorizerPayloadFormatVersion: optionalString,
  AuthorizerResultTtlInSeconds: optionalNumber,
  AuthorizerUri: optionalString,
  EnableSimpleResponses: optionalBoolean,
  IdentitySource: optionalStrings,
  IdentityValidationExpression: optionalString,
  JwtConfiguration: z.looseObject({ Audience: optionalStrings, Issuer: optionalString }).nullish(),
});
export type TAuthorizer = z.infer<typeof ZAuthorizer>;

export const ZRouteSettings = z.looseObject({
  DataTraceEnabled: optionalBoolean,
  DetailedMetricsEnabled: optionalBoolean,
  LoggingLevel: optionalString,
  ThrottlingBurstLimit: optionalNumber,
  ThrottlingRateLimit: optionalNumber,
});
export type TRouteSettings = z.infer<typeof ZRouteSettings>;

/** One item of GetStages. StageVariables values may be secrets: normalize redacts them. */
export const ZStage = z.looseObject({
  StageName: z.string(),
  AccessLogSettings: z.looseObject({ DestinationArn: optionalString, Format: optionalString }).nullish(),
  ApiGatewayManaged: optionalBoolean,
  AutoDeploy: optionalBoolean,
  ClientCertificateId: optionalString,
  CreatedDate: optionalString,
  DefaultRouteSettings: ZRouteSettings.nullish(),
  DeploymentId: optionalString,
  Description: optionalString,
  LastDeploymentStatusMessage: optionalString,
  LastUpdatedDate: optionalString,
  RouteSettings: z.record(z.string(), ZRouteSettings).nullish(),
  StageVariables: optionalStringMap,
  Tags: optionalStringMap,
});
export type TStage = z.infer<typeof ZStage>;

/** One item of GetDomainNames: only the name is kept (the domain itself is stored by the v1 scanner). */
export const ZDomainName = z.looseObject({ DomainName: z.string() });

/** One item of GetApiMappings. */
export const ZApiMapping = z.looseObject({
  ApiId: z.string(),
  Stage: z.string(),
  ApiMappingId: optionalString,
  ApiMappingKey: optionalString,
});
export type TApiMapping = z.infer<typeof ZApiMapping>;

const ZFailure = { code: z.string(), message: z.string() };

/** A listing read to the end, or failed as a whole (a partial listing is never passed on as complete). */
export function zListing<T extends z.ZodTypeAny>(value: T) {
  return z.discriminatedUnion("status", [
    z.object({ status: z.literal("ok"), value }),
    z.object({ status: z.literal("error"), ...ZFailure }),
  ]);
}
export type Listing<T> = { status: "ok"; value: T } | { status: "error"; code: string; message: string };

/**
 * An API's authorizers. `ok`: GetAuthorizers paged to the end. `partial`: GetAuthorizers failed (code and
 * message say why), so only the authorizers that routes reference were read one by one with GetAuthorizer;
 * those reads that failed are in `unread`, and authorizers no route references are unknown. `error`:
 * GetAuthorizers failed and the routes could not be listed either, so nothing is known.
 */
export function zAuthorizersOutcome<T extends z.ZodTypeAny>(value: T) {
  return z.discriminatedUnion("status", [
    z.object({ status: z.literal("ok"), value: z.array(value) }),
    z.object({
      status: z.literal("partial"),
      ...ZFailure,
      value: z.array(value),
      unread: z.array(z.object({ authorizerId: z.string(), ...ZFailure })),
    }),
    z.object({ status: z.literal("error"), ...ZFailure }),
  ]);
}

export const ZAuthorizersRaw = zAuthorizersOutcome(ZAuthorizer);
export type TAuthorizersRaw = z.infer<typeof ZAuthorizersRaw>;

export const ZHttpApiRaw = z.object({
  api: ZApi,
  routes: zListing(z.array(ZRoute)),
  integrations: zListing(z.array(ZIntegration)),
  stages: zListing(z.array(ZStage)),
  authorizers: ZAuthorizersRaw,
});
export type THttpApiRaw = z.infer<typeof ZHttpApiRaw>;

export const ZDomainApiMappingsRaw = z.object({
  domainName: z.string(),
  apiMappings: zListing(z.array(ZApiMapping)),
});
export type TDomainApiMappingsRaw = z.infer<typeof ZDomainApiMappingsRaw>;

export const ZApiGatewayV2Raw = z.discriminatedUnion("listing", [
  z.object({
    /** GetApis paged to the end: the APIs below are every HTTP and WebSocket API in the region. */
    listing: z.literal("complete"),
    apis: z.array(ZHttpApiRaw),
    /** The region's custom domain names (GetDomainNames) with their API mappings (GetApiMappings). */
    domains: zListing(z.array(ZDomainApiMappingsRaw)),
  }),
  z.object({
    /** GetApis failed: nothing is known about the region's APIs. */
    listing: z.literal("failed"),
    ...ZFailure,
  }),
]);
export type ApiGatewayV2Raw = z.infer<typeof ZApiGatewayV2Raw>;
