// collect + normalize against moto (the AWS emulator the integration global setup starts): real SDK clients
// from the production factory, real HTTP, real paginators, in a fresh moto account per file
// (x-moto-account-id). What moto cannot show (multi-page listings, AccessDenied, throttling, the escaped
// policy AWS returns, client certificates) is covered in collect.test.ts and normalize.test.ts; here the
// client-certificate gap must end as an error outcome (UNKNOWN), never as an empty success.
import { randomInt } from "node:crypto";
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
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateStageCommand,
} from "@aws-sdk/client-api-gateway";
import { beforeAll, describe, expect, it } from "vitest";
import { apiGatewayClients, instrument, type CallMetrics } from "@/lib/aws/clients";
import { makeFingerprint } from "@/lib/aws/redact";
import { env } from "@/lib/env";
import { apiGatewayScanner } from "@/scanners/apigateway/apigateway.scanner";
import type { ApiGatewayRaw } from "@/scanners/apigateway/raw";
import type { TRestApiRecord } from "@/scanners/apigateway/record";
import type { CallError } from "@/scanners/types";
import { randomAccountId } from "@/tests/support/moto";

const REGION = process.env.AWS_REGION ?? "us-east-1";
const STAGE_SECRET = `int-stage-secret-${randomInt(1e9)}`;
const fingerprint = makeFingerprint("integration-test-secret-0123");

function assertEmulator() {
  const { LANTERN_AWS_EMULATOR, AWS_ENDPOINT_URL } = env();
  const host = AWS_ENDPOINT_URL ? new URL(AWS_ENDPOINT_URL).hostname : "";
  // Creates APIs, keys and domains: refuse anything but a local emulator.
  if (!LANTERN_AWS_EMULATOR || !["127.0.0.1", "localhost", "::1"].includes(host)) {
    throw new Error("apigateway.int.test.ts needs LANTERN_AWS_EMULATOR=true and AWS_ENDPOINT_URL on loopback (moto)");
  }
}

function ok<T>(outcome: { status: string; value?: T } | undefined): T {
  if (outcome?.status !== "ok" || outcome.value === undefined) throw new Error(`expected ok, got ${JSON.stringify(outcome)}`);
  return outcome.value;
}

describe("apigateway scanner against moto", () => {
  const accountId = randomAccountId();
  const fnArn = (name: string) => `arn:aws:lambda:${REGION}:${accountId}:function:${name}`;
  const lambdaUri = (functionArn: string) => `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
  const ids = { api: "", privateApi: "", authorizer: "", validator: "", deployment: "", plan: "", key: "", keyValue: "" };

  beforeAll(async () => {
    assertEmulator();
    const ag = instrument(new APIGatewayClient({ region: REGION }), { calls: 0, throttles: 0 }, accountId);
    const policy = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" }],
    };
    const api = await ag.send(
      new CreateRestApiCommand({
        name: "int-orders",
        endpointConfiguration: { types: ["REGIONAL"] },
        policy: JSON.stringify(policy),
        apiKeySource: "HEADER",
        tags: { "aws:cloudformation:stack-name": "int-orders-stack", team: "int" },
      }),
    );
    ids.api = api.id ?? "";
    const restApiId = ids.api;
    const root = (await ag.send(new GetResourcesCommand({ restApiId }))).items?.[0]?.id ?? "";

    const authorizer = await ag.send(
      new CreateAuthorizerCommand({
        restApiId,
        name: "token-auth",
        type: "TOKEN",
        authorizerUri: lambdaUri(fnArn("int-authorizer")),
        identitySource: "method.request.header.Authorization",
        authorizerResultTtlInSeconds: 120,
      }),
    );
    ids.authorizer = authorizer.id ?? "";
    const validator = await ag.send(new CreateRequestValidatorCommand({ restApiId, name: "body", validateRequestBody: true, validateRequestParameters: false }));
    ids.validator = validator.id ?? "";

    const resource = async (pathPart: string) => (await ag.send(new CreateResourceCommand({ restApiId, parentId: root, pathPart }))).id ?? "";
    const open = await resource("open");
    await ag.send(new PutMethodCommand({ restApiId, resourceId: open, httpMethod: "GET", authorizationType: "NONE", operationName: "OpenGet" }));
    await ag.send(
      new PutIntegrationCommand({ restApiId, resourceId: open, httpMethod: "GET", type: "AWS_PROXY", integrationHttpMethod: "POST", uri: lambdaUri(fnArn("int-open")) }),
    );
    const iam = await resource("iam");
    await ag.send(
      new PutMethodCommand({ restApiId, resourceId: iam, httpMethod: "POST", authorizationType: "AWS_IAM", requestValidatorId: ids.validator, apiKeyRequired: true }),
    );
    await ag.send(
      new PutIntegrationCommand({ restApiId, resourceId: iam, httpMethod: "POST", type: "HTTP_PROXY", integrationHttpMethod: "POST", uri: "https://backend.example.com/iam" }),
    );
    const custom = await resource("custom");
    await ag.send(new PutMethodCommand({ restApiId, resourceId: custom, httpMethod: "GET", authorizationType: "CUSTOM", authorizerId: ids.authorizer }));
    await ag.send(
      new PutIntegrationCommand({
        restApiId,
        resourceId: custom,
        httpMethod: "GET",
        type: "AWS_PROXY",
        integrationHttpMethod: "POST",
        uri: lambdaUri(fnArn("${stageVariables.customFn}")),
      }),
    );

    const deployment = await ag.send(
      new CreateDeploymentCommand({ restApiId, stageName: "prod", variables: { customFn: "int-custom", dbPassword: STAGE_SECRET } }),
    );
    ids.deployment = deployment.id ?? "";
    await ag.send(
      new UpdateStageCommand({
        restApiId,
        stageName: "prod",
        patchOperations: [
          { op: "replace", path: "/*/*/logging/loglevel", value: "INFO" },
          { op: "replace", path: "/*/*/logging/dataTrace", value: "true" },
          { op: "replace", path: "/*/*/metrics/enabled", value: "true" },
          { op: "replace", path: "/*/*/throttling/burstLimit", value: "50" },
          { op: "replace", path: "/*/*/throttling/rateLimit", value: "25" },
          { op: "replace", path: "/*/*/caching/enabled", value: "true" },
          { op: "replace", path: "/tracingEnabled", value: "true" },
          { op: "replace", path: "/accessLogSettings/destinationArn", value: `arn:aws:logs:${REGION}:${accountId}:log-group:int-access` },
          { op: "replace", path: "/accessLogSettings/format", value: "$context.requestId" },
        ],
      }),
    );

    const plan = await ag.send(
      new CreateUsagePlanCommand({
        name: "int-gold",
        apiStages: [{ apiId: restApiId, stage: "prod" }],
        throttle: { burstLimit: 20, rateLimit: 10 },
        quota: { limit: 1000, period: "DAY" },
      }),
    );
    ids.plan = plan.id ?? "";
    const key = await ag.send(new CreateApiKeyCommand({ name: "int-partner", enabled: true }));
    ids.key = key.id ?? "";
    ids.keyValue = key.value ?? "";
    await ag.send(new CreateUsagePlanKeyCommand({ usagePlanId: ids.plan, keyId: ids.key, keyType: "API_KEY" }));

    await ag.send(
      new CreateDomainNameCommand({
        domainName: "api.int.example.com",
        regionalCertificateArn: `arn:aws:acm:${REGION}:${accountId}:certificate/00000000-0000-0000-0000-000000000001`,
        endpointConfiguration: { types: ["REGIONAL"] },
        securityPolicy: "TLS_1_2",
      }),
    );
    await ag.send(new CreateBasePathMappingCommand({ domainName: "api.int.example.com", restApiId, stage: "prod", basePath: "orders" }));

    const privateApi = await ag.send(
      new CreateRestApiCommand({ name: "int-private", endpointConfiguration: { types: ["PRIVATE"], vpcEndpointIds: ["vpce-0123456789abcdef0"] }, disableExecuteApiEndpoint: true }),
    );
    ids.privateApi = privateApi.id ?? "";
  });

  async function scan(): Promise<{ raw: ApiGatewayRaw; errors: CallError[]; metrics: CallMetrics }> {
    const metrics: CallMetrics = { calls: 0, throttles: 0 };
    const errors: CallError[] = [];
    const raw = await apiGatewayScanner.collect(apiGatewayClients({ accountId, region: REGION }, metrics), {
      accountId,
      region: REGION,
      recordError: (e) => errors.push(e),
    });
    return { raw, errors, metrics };
  }

  it("collects every kind; the one gap (GetClientCertificates) is recorded as an error, not an empty list", async () => {
    const { raw, errors, metrics } = await scan();

    expect(errors).toEqual([{ api: "apigateway:GetClientCertificates", code: "UnexpectedResponse", message: "HTTP 404 with a body that is not an API Gateway response." }]);
    expect(raw.clientCertificates).toMatchObject({ status: "error", code: "UnexpectedResponse" });
    // 5 region-wide listings + 5 reads per API (2 APIs) + 1 GetUsagePlanKeys + 1 GetBasePathMappings: no per-method
    // reads, and moto answers every listing in one page.
    expect(metrics.calls).toBe(5 + 5 * 2 + 1 + 1);

    const out = apiGatewayScanner.normalize(raw, { accountId, region: REGION, fingerprint });
    for (const result of Object.values(out)) expect(result.listingComplete).toBe(true);
    expect(JSON.stringify(out)).not.toContain(STAGE_SECRET);
    expect(JSON.stringify([raw, out])).not.toContain(ids.keyValue);

    const arn = (id: string) => `arn:aws:apigateway:${REGION}::/restapis/${id}`;
    const apis = new Map<string, TRestApiRecord>(out.apigateway_rest_api.resources.map((r) => [r.arn, r.record]));
    expect([...apis.keys()].sort()).toEqual([arn(ids.api), arn(ids.privateApi)].sort());

    const api = apis.get(arn(ids.api));
    expect(api).toMatchObject({
      name: "int-orders",
      accountId,
      region: REGION,
      endpointTypes: ["REGIONAL"],
      disableExecuteApiEndpoint: false,
      apiKeySource: "HEADER",
      tags: { team: "int", "aws:cloudformation:stack-name": "int-orders-stack" },
      cloudFormation: { stackName: "int-orders-stack", stackId: null, logicalId: null },
    });
    expect(ok(api?.policy).document.Statement).toEqual([{ Effect: "Allow", Principal: "*", Action: ["execute-api:Invoke"], Resource: ["execute-api:/*"] }]);

    const methods = new Map(ok(api?.resources).flatMap((r) => r.methods.map((m) => [`${m.httpMethod} ${r.path}`, m])));
    expect([...methods.keys()].sort()).toEqual(["GET /custom", "GET /open", "POST /iam"]);
    expect(methods.get("GET /open")).toMatchObject({
      authorizationType: "NONE",
      operationName: "OpenGet",
      integration: { type: "AWS_PROXY", lambda: { functionArn: fnArn("int-open"), unqualifiedFunctionArn: fnArn("int-open"), stageVariables: [] } },
    });
    expect(methods.get("POST /iam")).toMatchObject({
      authorizationType: "AWS_IAM",
      apiKeyRequired: true,
      requestValidatorId: ids.validator,
      integration: { type: "HTTP_PROXY", uri: "https://backend.example.com/iam", lambda: null },
    });
    expect(methods.get("GET /custom")).toMatchObject({
      authorizationType: "CUSTOM",
      authorizerId: ids.authorizer,
      integration: { lambda: { unqualifiedFunctionArn: null, stageVariables: ["customFn"] } },
    });

    const [prod] = ok(api?.stages);
    expect(prod).toMatchObject({
      stageName: "prod",
      deploymentId: ids.deployment,
      tracingEnabled: true,
      accessLogSettings: { destinationArn: `arn:aws:logs:${REGION}:${accountId}:log-group:int-access`, format: "$context.requestId" },
      // moto keeps no stage dates and no client certificate id (aws-emulator.md).
      createdDate: null,
      clientCertificateId: null,
      clientCertificate: { status: "absent" },
    });
    expect(prod.methodSettings).toEqual([
      expect.objectContaining({ key: "*/*", loggingLevel: "INFO", dataTraceEnabled: true, metricsEnabled: true, throttlingBurstLimit: 50, throttlingRateLimit: 25, cachingEnabled: true }),
    ]);
    expect(prod.variables).toEqual([
      { name: "customFn", length: "int-custom".length, fingerprint: fingerprint("int-custom"), secrets: [] },
      {
        name: "dbPassword",
        length: STAGE_SECRET.length,
        fingerprint: fingerprint(STAGE_SECRET),
        secrets: [{ detector: "password-assignment", confidence: "medium", fingerprint: fingerprint(STAGE_SECRET) }],
      },
    ]);
    expect(prod.lambdaTargets).toEqual([
      { source: "integration", resourcePath: "/custom", httpMethod: "GET", authorizerId: null, functionArn: fnArn("int-custom"), unqualifiedFunctionArn: fnArn("int-custom") },
    ]);
    expect(ok(api?.authorizers)).toEqual([
      expect.objectContaining({ id: ids.authorizer, type: "TOKEN", identitySource: "method.request.header.Authorization", resultTtlInSeconds: 120, lambda: expect.objectContaining({ unqualifiedFunctionArn: fnArn("int-authorizer") }) }),
    ]);
    expect(ok(api?.requestValidators)).toEqual([{ id: ids.validator, name: "body", validateRequestBody: true, validateRequestParameters: false }]);
    expect(ok(api?.deployments)).toEqual([expect.objectContaining({ id: ids.deployment, createdDate: expect.any(String) })]);

    expect(apis.get(arn(ids.privateApi))).toMatchObject({
      endpointTypes: ["PRIVATE"],
      vpcEndpointIds: ["vpce-0123456789abcdef0"],
      disableExecuteApiEndpoint: true,
      policy: { status: "absent" },
      resources: { status: "ok" },
      stages: { status: "ok", value: [] },
    });

    expect(out.apigateway_usage_plan.resources.map((r) => [r.arn, r.record])).toEqual([
      [
        `arn:aws:apigateway:${REGION}::/usageplans/${ids.plan}`,
        expect.objectContaining({
          name: "int-gold",
          throttle: { burstLimit: 20, rateLimit: 10 },
          quota: expect.objectContaining({ limit: 1000, period: "DAY" }),
          apiStages: [expect.objectContaining({ restApiId: ids.api, restApiArn: arn(ids.api), stage: "prod" })],
          keys: { status: "ok", value: { count: 1, apiKeyIds: [ids.key] } },
        }),
      ],
    ]);
    expect(out.apigateway_api_key.resources.map((r) => [r.arn, r.record])).toEqual([
      [`arn:aws:apigateway:${REGION}::/apikeys/${ids.key}`, expect.objectContaining({ name: "int-partner", enabled: true })],
    ]);
    expect(out.apigateway_domain_name.resources.map((r) => [r.arn, r.record])).toEqual([
      [
        `arn:aws:apigateway:${REGION}::/domainnames/api.int.example.com#${accountId}`,
        expect.objectContaining({
          securityPolicy: "TLS_1_2",
          endpointTypes: ["REGIONAL"],
          mutualTls: null,
          basePathMappings: { status: "ok", value: [{ basePath: "orders", restApiId: ids.api, restApiArn: arn(ids.api), stage: "prod" }] },
        }),
      ],
    ]);
  });

  it("turns the missing client-certificate listing into UNKNOWN for a stage that names a certificate", async () => {
    const { raw } = await scan();
    // moto drops a stage's clientCertificateId; give the stage the one AWS would return, to follow the gap through.
    const entry = ok(raw.restApis).find((e) => e.api.id === ids.api);
    ok(entry?.stages)[0].clientCertificateId = "cert0000int";
    const out = apiGatewayScanner.normalize(raw, { accountId, region: REGION, fingerprint });
    const api = out.apigateway_rest_api.resources.find((r) => r.record.id === ids.api)?.record;
    expect(ok(api?.stages)[0].clientCertificate).toEqual({
      status: "error",
      code: "UnexpectedResponse",
      message: "HTTP 404 with a body that is not an API Gateway response.",
    });
  });

  it("sees nothing of this account from another moto account", async () => {
    const other = randomAccountId();
    const errors: CallError[] = [];
    const raw = await apiGatewayScanner.collect(apiGatewayClients({ accountId: other, region: REGION }, { calls: 0, throttles: 0 }), {
      accountId: other,
      region: REGION,
      recordError: (e) => errors.push(e),
    });
    expect(raw).toMatchObject({
      restApis: { status: "ok", value: [] },
      usagePlans: { status: "ok", value: [] },
      apiKeys: { status: "ok", value: [] },
      domainNames: { status: "ok", value: [] },
      clientCertificates: { status: "error" },
    });
    expect(errors.map((e) => e.api)).toEqual(["apigateway:GetClientCertificates"]);
  });
});
