// collect + normalize + store against moto (the AWS emulator the integration global setup starts): real SDK
// clients, real HTTP, in a fresh moto account per run (x-moto-account-id), then the records through the
// inventory store and back.
//
// moto's gap: GetAuthorizers is not implemented (HTTP 500 with an HTML body). The scanner then falls back to
// GetAuthorizer per authorizer the routes reference; this test checks that the gap ends as a recorded error and a
// `partial` authorizer outcome (never an empty success), and that the JWT route's authorizer is still known.
// What moto cannot show (multi-page listings, AccessDenied, throttling, a working GetAuthorizers) is covered
// in collect.test.ts.
import { randomInt } from "node:crypto";
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateApiMappingCommand,
  CreateAuthorizerCommand,
  CreateDomainNameCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
} from "@aws-sdk/client-apigatewayv2";
import { beforeAll, describe, expect, it } from "vitest";
import { instrument, type CallMetrics } from "@/lib/aws/clients";
import { makeFingerprint } from "@/lib/aws/redact";
import { env } from "@/lib/env";
import { createAccount } from "@/lib/db/accounts";
import { httpApiKind } from "@/lib/db/kinds/apigatewayv2";
import { countResources, loadResources, storeResources } from "@/lib/db/resource-store";
import { apiGatewayV2Scanner } from "@/scanners/apigatewayv2/apigatewayv2.scanner";
import { authorizerOfRoute, type THttpApiRecord } from "@/scanners/apigatewayv2/record";
import type { CallError } from "@/scanners/types";
import { randomAccountId } from "@/tests/support/moto";

const REGION = process.env.AWS_REGION ?? "us-east-1";
const STAGE_SECRET = `int-stage-secret-${randomInt(1e9)}`;

function assertEmulator() {
  const { LANTERN_AWS_EMULATOR, AWS_ENDPOINT_URL } = env();
  const host = AWS_ENDPOINT_URL ? new URL(AWS_ENDPOINT_URL).hostname : "";
  // Creates APIs and domain names: refuse anything but a local emulator.
  if (!LANTERN_AWS_EMULATOR || !["127.0.0.1", "localhost", "::1"].includes(host)) {
    throw new Error("apigatewayv2.int.test.ts needs LANTERN_AWS_EMULATOR=true and AWS_ENDPOINT_URL on loopback (moto)");
  }
}

describe("apigatewayv2 scanner against moto", () => {
  const accountId = randomAccountId();
  const functionArn = `arn:aws:lambda:${REGION}:${accountId}:function:orders-handler`;
  const ids = { http: "", ws: "", jwt: "", lambdaIntegration: "" };

  beforeAll(async () => {
    assertEmulator();
    const gw = instrument(new ApiGatewayV2Client({ region: REGION }), { calls: 0, throttles: 0 }, accountId);

    const http = await gw.send(
      new CreateApiCommand({
        Name: "orders-http",
        ProtocolType: "HTTP",
        CorsConfiguration: { AllowOrigins: ["*"], AllowCredentials: false, AllowMethods: ["GET"] },
        DisableExecuteApiEndpoint: false,
        Tags: { "aws:cloudformation:stack-name": "orders-int", team: "orders" },
      }),
    );
    ids.http = http.ApiId ?? "";
    const integration = await gw.send(
      new CreateIntegrationCommand({ ApiId: ids.http, IntegrationType: "AWS_PROXY", IntegrationUri: functionArn, PayloadFormatVersion: "2.0" }),
    );
    ids.lambdaIntegration = integration.IntegrationId ?? "";
    const jwt = await gw.send(
      new CreateAuthorizerCommand({
        ApiId: ids.http,
        Name: "cognito",
        AuthorizerType: "JWT",
        IdentitySource: ["$request.header.Authorization"],
        JwtConfiguration: { Issuer: "https://issuer.example.com", Audience: ["orders-client"] },
      }),
    );
    ids.jwt = jwt.AuthorizerId ?? "";
    const target = `integrations/${ids.lambdaIntegration}`;
    await gw.send(new CreateRouteCommand({ ApiId: ids.http, RouteKey: "GET /open", AuthorizationType: "NONE", Target: target }));
    await gw.send(
      new CreateRouteCommand({
        ApiId: ids.http,
        RouteKey: "GET /secure",
        AuthorizationType: "JWT",
        AuthorizerId: ids.jwt,
        AuthorizationScopes: ["orders/read"],
        Target: target,
      }),
    );
    await gw.send(new CreateRouteCommand({ ApiId: ids.http, RouteKey: "$default", AuthorizationType: "AWS_IAM", Target: target }));
    await gw.send(
      new CreateStageCommand({
        ApiId: ids.http,
        StageName: "prod",
        AutoDeploy: true,
        AccessLogSettings: { DestinationArn: `arn:aws:logs:${REGION}:${accountId}:log-group:orders-access`, Format: "$context.requestId" },
        DefaultRouteSettings: { ThrottlingBurstLimit: 20, ThrottlingRateLimit: 10 },
        RouteSettings: { "GET /open": { ThrottlingBurstLimit: 5, ThrottlingRateLimit: 2 } },
        StageVariables: { backendToken: STAGE_SECRET },
      }),
    );

    const ws = await gw.send(new CreateApiCommand({ Name: "chat-ws", ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action" }));
    ids.ws = ws.ApiId ?? "";
    for (const routeKey of ["$connect", "$disconnect", "$default"]) {
      await gw.send(new CreateRouteCommand({ ApiId: ids.ws, RouteKey: routeKey, AuthorizationType: "NONE" }));
    }

    await gw.send(
      new CreateDomainNameCommand({
        DomainName: "api.int.example.com",
        DomainNameConfigurations: [{ CertificateArn: `arn:aws:acm:${REGION}:${accountId}:certificate/int`, EndpointType: "REGIONAL" }],
      }),
    );
    await gw.send(new CreateApiMappingCommand({ DomainName: "api.int.example.com", ApiId: ids.http, Stage: "prod", ApiMappingKey: "orders" }));
  });

  it("collects, normalizes and stores both APIs; moto's missing GetAuthorizers ends partial, not empty", async () => {
    const metrics: CallMetrics = { calls: 0, throttles: 0 };
    const errors: CallError[] = [];
    const apigatewayv2 = instrument(new ApiGatewayV2Client({ region: REGION, maxAttempts: 1 }), metrics, accountId);

    const raw = await apiGatewayV2Scanner.collect({ apigatewayv2 }, { accountId, region: REGION, recordError: (e) => errors.push(e) });
    const result = apiGatewayV2Scanner.normalize(raw, {
      accountId,
      region: REGION,
      fingerprint: makeFingerprint("integration-test-secret-0123"),
    }).apigatewayv2_api;

    // The emulator gap, once per API, recorded: nothing else failed.
    expect(errors.map((e) => [e.api, e.code]).sort()).toEqual([
      ["apigatewayv2:GetAuthorizers", "InvalidResponse"],
      ["apigatewayv2:GetAuthorizers", "InvalidResponse"],
    ]);
    expect(errors[0].message).toMatch(/^HTTP 500/);
    // GetApis, GetDomainNames, GetApiMappings, 4 listings per API and one GetAuthorizer for the JWT route.
    expect(metrics).toEqual({ calls: 12, throttles: 0 });
    expect(result.listingComplete).toBe(true);

    const byId = new Map<string, THttpApiRecord>(result.resources.map((r) => [r.record.apiId, r.record]));
    const http = byId.get(ids.http);
    if (!http) throw new Error("no HTTP API record");
    expect(http).toMatchObject({
      arn: `arn:aws:apigateway:${REGION}::/apis/${ids.http}`,
      name: "orders-http",
      protocolType: "HTTP",
      disableExecuteApiEndpoint: false,
      apiEndpoint: expect.stringMatching(/^https:\/\//),
      cors: { allowOrigins: ["*"], allowMethods: ["GET"], allowCredentials: false },
      cloudFormation: { stackName: "orders-int", stackId: null, logicalId: null },
      apiMappings: { status: "ok", value: [{ domainName: "api.int.example.com", apiMappingKey: "orders", stage: "prod", apiMappingId: expect.any(String) }] },
    });
    if (http.routes.status !== "ok") throw new Error(`routes: ${JSON.stringify(http.routes)}`);
    expect(http.routes.value.map((r) => [r.routeKey, r.authorizationType, r.integrationId])).toEqual([
      ["$default", "AWS_IAM", ids.lambdaIntegration],
      ["GET /open", "NONE", ids.lambdaIntegration],
      ["GET /secure", "JWT", ids.lambdaIntegration],
    ]);
    const secure = http.routes.value[2];
    expect(secure.authorizationScopes).toEqual(["orders/read"]);
    expect(http.authorizers).toMatchObject({ status: "partial", code: "InvalidResponse", unread: [] });
    expect(authorizerOfRoute(http, secure)).toMatchObject({
      status: "ok",
      value: { authorizerId: ids.jwt, authorizerType: "JWT", jwtIssuer: "https://issuer.example.com", jwtAudience: ["orders-client"] },
    });
    expect(authorizerOfRoute(http, http.routes.value[1])).toBeNull();
    expect(http.integrations).toMatchObject({
      status: "ok",
      value: [{ integrationId: ids.lambdaIntegration, integrationType: "AWS_PROXY", lambda: { functionArn, qualifier: null }, payloadFormatVersion: "2.0" }],
    });
    if (http.stages.status !== "ok") throw new Error(`stages: ${JSON.stringify(http.stages)}`);
    expect(http.stages.value).toEqual([
      expect.objectContaining({
        stageName: "prod",
        autoDeploy: true,
        accessLogs: { destinationArn: `arn:aws:logs:${REGION}:${accountId}:log-group:orders-access`, format: "$context.requestId" },
        defaultRouteSettings: expect.objectContaining({ throttlingBurstLimit: 20, throttlingRateLimit: 10 }),
        routeSettings: [expect.objectContaining({ routeKey: "GET /open", throttlingBurstLimit: 5, throttlingRateLimit: 2 })],
        stageVariables: [{ name: "backendToken", length: STAGE_SECRET.length, fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) }],
      }),
    ]);
    expect(JSON.stringify(result)).not.toContain(STAGE_SECRET);

    const ws = byId.get(ids.ws);
    expect(ws).toMatchObject({ protocolType: "WEBSOCKET", routeSelectionExpression: "$request.body.action", apiMappings: { status: "ok", value: [] } });
    expect(ws?.routes).toMatchObject({
      status: "ok",
      value: [
        { routeKey: "$connect", authorizationType: "NONE", authorizerId: null },
        { routeKey: "$default", authorizationType: "NONE" },
        { routeKey: "$disconnect", authorizationType: "NONE" },
      ],
    });
    // No route references an authorizer, so nothing could be read one by one: still partial, not "none".
    expect(ws?.authorizers).toMatchObject({ status: "partial", value: [], unread: [] });

    // Through the inventory store and back: the kind's typed columns match the table.
    const created = await createAccount({
      id: accountId,
      name: "apigatewayv2 int",
      regions: [REGION],
      roleArn: null,
      externalId: null,
      schedule: "0 */6 * * *",
      enabled: true,
    });
    expect(created.ok).toBe(true);
    const stored = await storeResources(httpApiKind, { accountId, region: REGION, scanId: "int-apigatewayv2", ...result });
    expect(stored).toEqual({ created: 2, changed: 0, unchanged: 0, deleted: 0 });
    const loaded = await loadResources(httpApiKind, accountId, REGION);
    expect(loaded.map((r) => r.apiId).sort()).toEqual([ids.http, ids.ws].sort());
    expect(loaded.find((r) => r.apiId === ids.http)).toEqual(http);
    expect(await countResources(httpApiKind, { accountId })).toBe(2);
    const again = await storeResources(httpApiKind, { accountId, region: REGION, scanId: "int-apigatewayv2-2", ...result });
    expect(again).toEqual({ created: 0, changed: 0, unchanged: 2, deleted: 0 });
  });

  it("sees nothing of this account from another moto account, and makes only the GetApis call", async () => {
    const metrics: CallMetrics = { calls: 0, throttles: 0 };
    const errors: CallError[] = [];
    const other = randomAccountId();
    const apigatewayv2 = instrument(new ApiGatewayV2Client({ region: REGION }), metrics, other);
    const raw = await apiGatewayV2Scanner.collect({ apigatewayv2 }, { accountId: other, region: REGION, recordError: (e) => errors.push(e) });
    expect(raw).toEqual({ listing: "complete", apis: [], domains: { status: "ok", value: [] } });
    expect(metrics.calls).toBe(1);
    expect(errors).toEqual([]);
  });
});
