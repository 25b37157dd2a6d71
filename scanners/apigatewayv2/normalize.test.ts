import { describe, expect, it } from "vitest";
import { makeFingerprint } from "@/lib/aws/redact";
import { configHash } from "@/lib/db/resource-store";
import { httpApiKind } from "@/lib/db/kinds/apigatewayv2";
import { lambdaTargetOf, normalizeApiGatewayV2, REDACTED_VALUE } from "@/scanners/apigatewayv2/normalize";
import type { ApiGatewayV2Raw } from "@/scanners/apigatewayv2/raw";
import { authorizerOfRoute, ZHttpApiRecord, type THttpApiRecord, type THttpRoute } from "@/scanners/apigatewayv2/record";
import type { NormalizeContext } from "@/scanners/types";
import { ACCOUNT_ID, API_IDS, ARNS, FIXTURE_SECRET_VALUES, REGION, apiDetail, fixtureRaw } from "./__fixtures__/fixtures";

const fingerprint = makeFingerprint("normalize-test-secret-0123456789");
const ctx: NormalizeContext = { accountId: ACCOUNT_ID, region: REGION, fingerprint };

function complete(raw: ApiGatewayV2Raw): Extract<ApiGatewayV2Raw, { listing: "complete" }> {
  if (raw.listing !== "complete") throw new Error("fixture raw should be complete");
  return raw;
}

function recordOf(raw: ApiGatewayV2Raw, arn: string): THttpApiRecord {
  const record = normalizeApiGatewayV2(raw, ctx).resources.find((r) => r.arn === arn)?.record;
  if (!record) throw new Error(`no record for ${arn}`);
  return record;
}

function ok<T>(outcome: { status: string; value?: T }): T {
  if (outcome.status !== "ok" || outcome.value === undefined) throw new Error(`expected ok, got ${JSON.stringify(outcome)}`);
  return outcome.value;
}

function route(record: THttpApiRecord, routeKey: string): THttpRoute {
  const found = ok(record.routes).find((r) => r.routeKey === routeKey);
  if (!found) throw new Error(`no route ${routeKey}`);
  return found;
}

describe("normalizeApiGatewayV2 on recorded responses", () => {
  it("returns one valid record per API, keyed by the apigateway ARN, with a complete listing", () => {
    const result = normalizeApiGatewayV2(fixtureRaw(), ctx);
    expect(result.listingComplete).toBe(true);
    expect(result.resources.map((r) => r.arn)).toEqual([ARNS.orders, ARNS.chat, ARNS.legacy]);
    for (const r of result.resources) {
      expect(r.record.arn).toBe(r.arn);
      expect(ZHttpApiRecord.safeParse(r.record).success).toBe(true);
    }
  });

  it("maps the API's own settings: protocol, endpoint, CORS, execute-api endpoint, selection expressions, tags", () => {
    expect(recordOf(fixtureRaw(), ARNS.orders)).toMatchObject({
      apiId: API_IDS.orders,
      name: "orders-http",
      accountId: ACCOUNT_ID,
      region: REGION,
      protocolType: "HTTP",
      description: "Orders HTTP API",
      apiEndpoint: "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com",
      disableExecuteApiEndpoint: true,
      routeSelectionExpression: "$request.method $request.path",
      apiKeySelectionExpression: "$request.header.x-api-key",
      ipAddressType: "ipv4",
      createdDate: "2025-02-03T10:11:12.000Z",
      cors: {
        allowOrigins: ["https://app.example.com"],
        allowMethods: ["GET", "POST"],
        allowHeaders: ["authorization", "content-type"],
        exposeHeaders: [],
        allowCredentials: true,
        maxAge: 300,
      },
      tags: { "aws:cloudformation:stack-name": "orders-prod", team: "orders" },
      cloudFormation: {
        stackName: "orders-prod",
        stackId: "arn:aws:cloudformation:us-east-1:111122223333:stack/orders-prod/6f1c2b30-0a1b-11ef-9c1d-0a8e3f7b2c11",
        logicalId: "OrdersHttpApi",
      },
    });
    const legacy = recordOf(fixtureRaw(), ARNS.legacy);
    expect(legacy).toMatchObject({ cors: null, disableExecuteApiEndpoint: false, tags: { owner: "platform" }, cloudFormation: null });
  });

  it("keeps every route's authorization type, authorizer, scopes, API key flag and integration target", () => {
    const record = recordOf(fixtureRaw(), ARNS.orders);
    expect(ok(record.routes)).toEqual([
      {
        routeId: "r0defalt",
        routeKey: "$default",
        authorizationType: "AWS_IAM",
        authorizerId: null,
        authorizationScopes: [],
        apiKeyRequired: false,
        target: "integrations/intvpclk",
        integrationId: "intvpclk",
        operationName: null,
        apiGatewayManaged: null,
      },
      expect.objectContaining({ routeKey: "GET /health", authorizationType: "NONE", authorizerId: null, integrationId: "intlambda" }),
      expect.objectContaining({
        routeKey: "GET /orders",
        authorizationType: "JWT",
        authorizerId: "jwt0001",
        authorizationScopes: ["orders/read"],
        operationName: "listOrders",
      }),
      expect.objectContaining({ routeKey: "POST /orders", authorizationType: "CUSTOM", authorizerId: "lam0001", integrationId: "intalias" }),
    ]);
  });

  it("lets each route's effective auth be read from the record: type plus the authorizer it names", () => {
    const record = recordOf(fixtureRaw(), ARNS.orders);
    expect(authorizerOfRoute(record, route(record, "GET /health"))).toBeNull();
    expect(authorizerOfRoute(record, route(record, "$default"))).toBeNull();
    expect(authorizerOfRoute(record, route(record, "GET /orders"))).toEqual({
      status: "ok",
      value: expect.objectContaining({
        authorizerType: "JWT",
        jwtIssuer: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Fixture01",
        jwtAudience: ["5n2b8c1d3e4f5g6h7i8j9k0l1m"],
        identitySources: ["$request.header.Authorization"],
      }),
    });
    expect(authorizerOfRoute(record, route(record, "POST /orders"))).toEqual({
      status: "ok",
      value: {
        authorizerId: "lam0001",
        name: "orders-lambda-authorizer",
        authorizerType: "REQUEST",
        jwtIssuer: null,
        jwtAudience: [],
        authorizerUri:
          "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:111122223333:function:orders-authorizer/invocations",
        lambda: { functionArn: "arn:aws:lambda:us-east-1:111122223333:function:orders-authorizer", qualifier: null },
        credentialsArn: "arn:aws:iam::111122223333:role/orders-authorizer-invoke",
        identitySources: ["$request.header.X-Api-Token", "$context.stage"],
        identityValidationExpression: null,
        payloadFormatVersion: "2.0",
        enableSimpleResponses: true,
        resultTtlInSeconds: 300,
      },
    });
    // An id the complete listing does not have (AWS forbids it; a record must still answer).
    expect(authorizerOfRoute(record, { ...route(record, "GET /orders"), authorizerId: "gone" })).toEqual({ status: "absent" });
    // The unreferenced authorizer is kept too: a complete listing has every authorizer.
    expect(ok(record.authorizers).map((a) => a.authorizerId)).toEqual(["jwt0001", "jwt0002", "lam0001"]);
  });

  it("resolves integration URIs to Lambda functions: function ARN, invocation path with alias, version", () => {
    const orders = recordOf(fixtureRaw(), ARNS.orders);
    const integrations = new Map(ok(orders.integrations).map((i) => [i.integrationId, i]));
    expect(integrations.get("intlambda")).toMatchObject({
      integrationType: "AWS_PROXY",
      lambda: { functionArn: "arn:aws:lambda:us-east-1:111122223333:function:orders-api", qualifier: null },
      payloadFormatVersion: "2.0",
      integrationMethod: "POST",
      connectionType: "INTERNET",
      tlsServerNameToVerify: null,
      credentialsArn: null,
    });
    expect(integrations.get("intalias")).toMatchObject({
      lambda: { functionArn: "arn:aws:lambda:us-east-1:111122223333:function:orders-api", qualifier: "live" },
      credentialsArn: "arn:aws:iam::111122223333:role/orders-apigw-invoke",
      timeoutInMillis: 10000,
    });
    expect(integrations.get("intvpclk")).toMatchObject({
      integrationType: "HTTP_PROXY",
      lambda: null,
      connectionType: "VPC_LINK",
      connectionId: "vl4k3j2",
      tlsServerNameToVerify: "orders.internal.example.com",
      integrationMethod: "ANY",
      payloadFormatVersion: "1.0",
      description: "Internal orders service behind an ALB",
    });
    expect(ok(recordOf(fixtureRaw(), ARNS.legacy).integrations)[0].lambda).toEqual({
      functionArn: "arn:aws:lambda:us-east-1:111122223333:function:legacy-report",
      qualifier: "7",
    });
    // A URI built from a stage variable names no single function.
    const chatSend = ok(recordOf(fixtureRaw(), ARNS.chat).integrations).find((i) => i.integrationId === "wssend");
    expect(chatSend?.lambda).toBeNull();
    expect(chatSend?.integrationUri).toContain("${stageVariables.sendFn}");
  });

  it("maps a WebSocket API: $connect, $disconnect, $default and custom routes, stage logging and client certificate", () => {
    const chat = recordOf(fixtureRaw(), ARNS.chat);
    expect(chat).toMatchObject({ protocolType: "WEBSOCKET", routeSelectionExpression: "$request.body.action", cors: null });
    expect(ok(chat.routes).map((r) => [r.routeKey, r.authorizationType, r.apiKeyRequired])).toEqual([
      ["$connect", "NONE", false],
      ["$default", "NONE", false],
      ["$disconnect", "NONE", false],
      ["sendMessage", "NONE", true],
    ]);
    expect(authorizerOfRoute(chat, route(chat, "$connect"))).toBeNull();
    expect(chat.authorizers).toEqual({ status: "ok", value: [] });
    const connect = ok(chat.integrations).find((i) => i.integrationId === "wsconnect");
    expect(connect?.lambda).toEqual({ functionArn: "arn:aws:lambda:us-east-1:111122223333:function:chat-connect", qualifier: null });
    expect(ok(chat.stages)[0]).toMatchObject({
      stageName: "production",
      clientCertificateId: "cc7h2k",
      autoDeploy: false,
      accessLogs: null,
      defaultRouteSettings: {
        loggingLevel: "INFO",
        dataTraceEnabled: true,
        detailedMetricsEnabled: true,
        throttlingBurstLimit: 500,
        throttlingRateLimit: 1000,
      },
    });
  });

  it("maps stages: access logs, default and per-route throttling, deployment, dates", () => {
    const stages = ok(recordOf(fixtureRaw(), ARNS.orders).stages);
    expect(stages.map((s) => s.stageName)).toEqual(["$default", "v1"]);
    expect(stages[0]).toMatchObject({
      accessLogs: {
        destinationArn: "arn:aws:logs:us-east-1:111122223333:log-group:/aws/apigateway/orders-http",
        format: '{"requestId":"$context.requestId","status":"$context.status"}',
      },
      autoDeploy: true,
      deploymentId: "dep9x8",
      createdDate: "2025-02-03T10:11:40.000Z",
      lastUpdatedDate: "2025-09-14T16:02:03.000Z",
      lastDeploymentStatusMessage: "Successfully deployed stage with deployment ID 'dep9x8'",
      clientCertificateId: null,
      defaultRouteSettings: {
        throttlingBurstLimit: 100,
        throttlingRateLimit: 50,
        detailedMetricsEnabled: false,
        loggingLevel: null,
        dataTraceEnabled: null,
      },
      routeSettings: [
        { routeKey: "GET /health", detailedMetricsEnabled: true, throttlingBurstLimit: null, throttlingRateLimit: null, loggingLevel: null, dataTraceEnabled: null },
        { routeKey: "POST /orders", throttlingBurstLimit: 10, throttlingRateLimit: 5, detailedMetricsEnabled: null, loggingLevel: null, dataTraceEnabled: null },
      ],
      tags: { team: "orders" },
    });
    expect(stages[1]).toMatchObject({ accessLogs: null, autoDeploy: false, routeSettings: [], stageVariables: [] });
  });

  it("redacts stage variables in the record: names, lengths and fingerprints only", () => {
    const stage = ok(recordOf(fixtureRaw(), ARNS.orders).stages)[0];
    expect(stage.stageVariables).toEqual([
      { name: "backendToken", length: "fixture-stage-secret-7c1d".length, fingerprint: fingerprint("fixture-stage-secret-7c1d") },
      { name: "env", length: 4, fingerprint: fingerprint("prod") },
    ]);
  });

  it("fingerprints integration request parameters, whose static values may be credentials", () => {
    const vpc = ok(recordOf(fixtureRaw(), ARNS.orders).integrations).find((i) => i.integrationId === "intvpclk");
    expect(vpc?.requestParameters).toEqual([
      { name: "append:header.x-request-id", length: "$context.requestId".length, fingerprint: fingerprint("$context.requestId") },
      {
        name: "overwrite:header.x-internal-token",
        length: "fixture-static-token-9f8e".length,
        fingerprint: fingerprint("fixture-static-token-9f8e"),
      },
    ]);
  });

  it("redacts stage variables, request parameters and request templates in the stored raw too", () => {
    const resources = normalizeApiGatewayV2(fixtureRaw(), ctx).resources;
    const serialized = JSON.stringify(resources);
    for (const value of FIXTURE_SECRET_VALUES) expect(serialized).not.toContain(value);

    type StoredRaw = {
      stages: { value: { StageVariables: Record<string, string> }[] };
      integrations: { value: { IntegrationId: string; RequestParameters?: Record<string, string>; RequestTemplates?: Record<string, string> }[] };
    };
    const orders = resources.find((r) => r.arn === ARNS.orders)?.raw as StoredRaw;
    expect(orders.stages.value[0].StageVariables).toEqual({ backendToken: REDACTED_VALUE, env: REDACTED_VALUE });
    expect(orders.integrations.value.find((i) => i.IntegrationId === "intvpclk")?.RequestParameters).toEqual({
      "append:header.x-request-id": REDACTED_VALUE,
      "overwrite:header.x-internal-token": REDACTED_VALUE,
    });
    const chat = resources.find((r) => r.arn === ARNS.chat)?.raw as StoredRaw;
    expect(chat.integrations.value.find((i) => i.IntegrationId === "wssend")?.RequestTemplates).toEqual({ "application/json": REDACTED_VALUE });
    expect(chat.stages.value[0].StageVariables).toEqual({ sendFn: REDACTED_VALUE });
  });

  it("does not modify the raw it was given", () => {
    const raw = fixtureRaw();
    const before = JSON.stringify(raw);
    normalizeApiGatewayV2(raw, ctx);
    expect(JSON.stringify(raw)).toBe(before);
  });

  it("attaches custom-domain API mappings to the APIs they route to, and skips REST API mappings", () => {
    expect(recordOf(fixtureRaw(), ARNS.orders).apiMappings).toEqual({
      status: "ok",
      value: [{ domainName: "api.example.com", apiMappingId: "m1orders", apiMappingKey: "", stage: "$default" }],
    });
    expect(recordOf(fixtureRaw(), ARNS.chat).apiMappings).toEqual({
      status: "ok",
      value: [{ domainName: "ws.example.com", apiMappingId: "m3chat", apiMappingKey: null, stage: "production" }],
    });
    expect(recordOf(fixtureRaw(), ARNS.legacy).apiMappings).toEqual({ status: "ok", value: [] });
    expect(JSON.stringify(normalizeApiGatewayV2(fixtureRaw(), ctx).resources.map((r) => r.record))).not.toContain("r3st4p1xyz");
  });

  it("marks mappings partial on every API when one domain's mappings could not be read, and error when domains could not be listed", () => {
    const raw = complete(fixtureRaw());
    if (raw.domains.status !== "ok") throw new Error("fixture domains should be listed");
    raw.domains.value[1].apiMappings = { status: "error", code: "AccessDeniedException", message: "not authorized: GetApiMappings" };
    expect(recordOf(raw, ARNS.orders).apiMappings).toEqual({
      status: "partial",
      code: "AccessDeniedException",
      message: "not authorized: GetApiMappings",
      value: [expect.objectContaining({ domainName: "api.example.com" })],
      unreadDomains: ["ws.example.com"],
    });
    expect(recordOf(raw, ARNS.chat).apiMappings).toMatchObject({ status: "partial", value: [], unreadDomains: ["ws.example.com"] });

    raw.domains = { status: "error", code: "AccessDeniedException", message: "not authorized: GetDomainNames" };
    for (const arn of Object.values(ARNS)) {
      expect(recordOf(raw, arn).apiMappings).toEqual({ status: "error", code: "AccessDeniedException", message: "not authorized: GetDomainNames" });
    }
  });

  it("keeps a per-API detail failure on that part of that API only", () => {
    const raw = fixtureRaw();
    apiDetail(raw, API_IDS.orders).routes = { status: "error", code: "AccessDeniedException", message: "not authorized: GetRoutes" };
    apiDetail(raw, API_IDS.orders).stages = { status: "error", code: "TooManyRequestsException", message: "Too Many Requests" };
    const orders = recordOf(raw, ARNS.orders);
    expect(orders.routes).toEqual({ status: "error", code: "AccessDeniedException", message: "not authorized: GetRoutes" });
    expect(orders.stages).toEqual({ status: "error", code: "TooManyRequestsException", message: "Too Many Requests" });
    expect(orders.integrations.status).toBe("ok");
    expect(orders.authorizers.status).toBe("ok");
    expect(recordOf(raw, ARNS.chat).routes.status).toBe("ok");
    expect(httpApiKind.columns(orders)).toMatchObject({ routeCount: null });
  });

  it("carries a partial authorizer outcome (GetAuthorizer fallback) so routes read ok, unread or undetermined", () => {
    const raw = fixtureRaw();
    const detail = apiDetail(raw, API_IDS.orders);
    if (detail.authorizers.status !== "ok") throw new Error("fixture authorizers should be listed");
    const jwt = detail.authorizers.value.find((a) => a.AuthorizerId === "jwt0001");
    if (!jwt) throw new Error("no jwt0001");
    detail.authorizers = {
      status: "partial",
      code: "InvalidResponse",
      message: "HTTP 500 with a body that is not JSON",
      value: [jwt],
      unread: [{ authorizerId: "lam0001", code: "AccessDeniedException", message: "not authorized: GetAuthorizer" }],
    };
    const record = recordOf(raw, ARNS.orders);
    expect(record.authorizers).toMatchObject({ status: "partial", value: [{ authorizerId: "jwt0001", jwtIssuer: expect.any(String) }] });
    expect(authorizerOfRoute(record, route(record, "GET /orders"))).toMatchObject({ status: "ok", value: { authorizerId: "jwt0001" } });
    expect(authorizerOfRoute(record, route(record, "POST /orders"))).toEqual({
      status: "error",
      code: "AccessDeniedException",
      message: "not authorized: GetAuthorizer",
    });
    expect(authorizerOfRoute(record, { ...route(record, "GET /orders"), authorizerId: "unknown" })).toEqual({
      status: "error",
      code: "InvalidResponse",
      message: "HTTP 500 with a body that is not JSON",
    });

    detail.authorizers = { status: "error", code: "AccessDeniedException", message: "denied" };
    const failed = recordOf(raw, ARNS.orders);
    expect(authorizerOfRoute(failed, route(failed, "GET /orders"))).toEqual({ status: "error", code: "AccessDeniedException", message: "denied" });
    expect(authorizerOfRoute(failed, route(failed, "GET /health"))).toBeNull();
  });

  it("keeps unknown enum values as strings", () => {
    const raw = fixtureRaw();
    const detail = apiDetail(raw, API_IDS.legacy);
    detail.api.ProtocolType = "GRPC";
    if (detail.routes.status !== "ok" || detail.integrations.status !== "ok" || detail.stages.status !== "ok") throw new Error("fixture");
    detail.routes.value[0].AuthorizationType = "MUTUAL_TLS";
    detail.integrations.value[0].IntegrationType = "AWS_STREAM";
    detail.integrations.value[0].ConnectionType = "PRIVATE_LINK";
    detail.stages.value[0].DefaultRouteSettings = { LoggingLevel: "TRACE" };
    const record = recordOf(raw, ARNS.legacy);
    expect(record.protocolType).toBe("GRPC");
    expect(ok(record.routes)[0].authorizationType).toBe("MUTUAL_TLS");
    expect(ok(record.integrations)[0]).toMatchObject({ integrationType: "AWS_STREAM", connectionType: "PRIVATE_LINK" });
    expect(ok(record.stages)[0].defaultRouteSettings?.loggingLevel).toBe("TRACE");
    expect(httpApiKind.columns(record).protocolType).toBe("GRPC");
  });

  it("sets fields AWS left out to null (never a guessed default)", () => {
    const raw = complete(fixtureRaw());
    raw.apis = [
      {
        api: { ApiId: "bare000001" },
        routes: { status: "ok", value: [{ RouteKey: "GET /x" }] },
        integrations: { status: "ok", value: [{ IntegrationId: "int1" }] },
        stages: { status: "ok", value: [{ StageName: "dev", AccessLogSettings: { Format: "$context.requestId" } }] },
        authorizers: { status: "ok", value: [{ AuthorizerId: "auth1" }] },
      },
    ];
    const record = recordOf(raw, `arn:aws:apigateway:${REGION}::/apis/bare000001`);
    expect(record).toMatchObject({
      name: "bare000001",
      protocolType: null,
      apiEndpoint: null,
      disableExecuteApiEndpoint: null,
      routeSelectionExpression: null,
      cors: null,
      tags: {},
      cloudFormation: null,
      apiMappings: { status: "ok", value: [] },
    });
    expect(ok(record.routes)[0]).toEqual({
      routeId: null,
      routeKey: "GET /x",
      authorizationType: null,
      authorizerId: null,
      authorizationScopes: [],
      apiKeyRequired: null,
      target: null,
      integrationId: null,
      operationName: null,
      apiGatewayManaged: null,
    });
    expect(ok(record.integrations)[0]).toMatchObject({ integrationType: null, lambda: null, tlsServerNameToVerify: null, requestParameters: [] });
    // A log format without a destination writes no log anywhere.
    expect(ok(record.stages)[0]).toMatchObject({ accessLogs: null, defaultRouteSettings: null, routeSettings: [], stageVariables: [], tags: {} });
    expect(ok(record.authorizers)[0]).toMatchObject({ authorizerType: null, jwtIssuer: null, jwtAudience: [], identitySources: [], lambda: null });
    expect(httpApiKind.columns(record)).toEqual({ protocolType: "UNKNOWN", disableExecuteApiEndpoint: null, routeCount: 1 });
  });

  it("gives the same record whatever order AWS lists items in, so the config hash only moves on real change", () => {
    const shuffled = complete(fixtureRaw());
    for (const d of shuffled.apis) {
      for (const part of [d.routes, d.integrations, d.stages, d.authorizers]) if (part.status === "ok") part.value.reverse();
    }
    if (shuffled.domains.status === "ok") shuffled.domains.value.reverse();
    for (const arn of Object.values(ARNS)) {
      expect(configHash(recordOf(shuffled, arn))).toBe(configHash(recordOf(fixtureRaw(), arn)));
    }
  });

  it("stores an API listed twice once", () => {
    const raw = complete(fixtureRaw());
    raw.apis.push(structuredClone(raw.apis[0]));
    expect(normalizeApiGatewayV2(raw, ctx).resources.map((r) => r.arn)).toEqual([ARNS.orders, ARNS.chat, ARNS.legacy]);
  });

  it("keeps nothing and reports an incomplete listing when GetApis failed", () => {
    expect(normalizeApiGatewayV2({ listing: "failed", code: "AccessDeniedException", message: "denied" }, ctx)).toEqual({
      resources: [],
      listingComplete: false,
    });
  });

  it("builds ARNs in the region's partition", () => {
    const raw = complete(fixtureRaw());
    raw.apis = raw.apis.slice(0, 1);
    const cn = normalizeApiGatewayV2(raw, { ...ctx, region: "cn-north-1" }).resources[0];
    expect(cn.arn).toBe(`arn:aws-cn:apigateway:cn-north-1::/apis/${API_IDS.orders}`);
    expect(cn.record.region).toBe("cn-north-1");
  });

  it("maps the typed columns of the kind", () => {
    expect(httpApiKind.columns(recordOf(fixtureRaw(), ARNS.orders))).toEqual({ protocolType: "HTTP", disableExecuteApiEndpoint: true, routeCount: 4 });
    expect(httpApiKind.columns(recordOf(fixtureRaw(), ARNS.chat))).toEqual({ protocolType: "WEBSOCKET", disableExecuteApiEndpoint: false, routeCount: 4 });
    expect(httpApiKind.name(recordOf(fixtureRaw(), ARNS.legacy))).toBe("legacy-quick");
  });
});

describe("lambdaTargetOf", () => {
  it.each([
    ["arn:aws:lambda:eu-west-1:111122223333:function:fn", { functionArn: "arn:aws:lambda:eu-west-1:111122223333:function:fn", qualifier: null }],
    ["arn:aws:lambda:eu-west-1:111122223333:function:fn:$LATEST", { functionArn: "arn:aws:lambda:eu-west-1:111122223333:function:fn", qualifier: "$LATEST" }],
    [
      "arn:aws-cn:apigateway:cn-north-1:lambda:path/2015-03-31/functions/arn:aws-cn:lambda:cn-north-1:111122223333:function:my_fn-2:12/invocations",
      { functionArn: "arn:aws-cn:lambda:cn-north-1:111122223333:function:my_fn-2", qualifier: "12" },
    ],
  ])("resolves %s", (uri, expected) => {
    expect(lambdaTargetOf(uri)).toEqual(expected);
  });

  it.each([
    [null],
    [""],
    ["orders-api"],
    ["https://backend.example.com/orders"],
    ["arn:aws:elasticloadbalancing:us-east-1:111122223333:listener/app/x/1/2"],
    ["arn:aws:lambda:us-east-1:111122223333:function:${stageVariables.fn}"],
    ["arn:aws:apigateway:us-east-1:dynamodb:action/PutItem"],
    ["arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/not-an-arn/invocations"],
  ])("names no function for %s", (uri) => {
    expect(lambdaTargetOf(uri)).toBeNull();
  });
});
