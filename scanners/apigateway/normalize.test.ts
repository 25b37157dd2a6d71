// normalizeApiGateway on the recorded-shape fixtures (see __fixtures__/fixtures.ts), and the pure helpers it
// uses for URIs, policies and keys.
import { describe, expect, it } from "vitest";
import { makeFingerprint } from "@/lib/aws/redact";
import { normalizeApiGateway, REDACTED_VALUE } from "@/scanners/apigateway/normalize";
import type { ApiGatewayRaw, TRestApiRaw } from "@/scanners/apigateway/raw";
import { ZApiKeyRecord, ZDomainNameRecord, ZRestApiRecord, ZUsagePlanRecord, type TRestApiRecord } from "@/scanners/apigateway/record";
import {
  apiGatewayArn,
  lambdaTargetOf,
  partitionOf,
  resolveWithStageVariables,
  splitMethodKey,
  unescapeApiGatewayPolicy,
  unqualifiedFunctionArn,
} from "@/scanners/apigateway/uris";
import { ACCOUNT_ID, API_ARNS, API_IDS, FIXTURE_SECRET_VALUES, REGION, fixtureRaw } from "./__fixtures__/fixtures";

const fingerprint = makeFingerprint("normalize-test-secret-0123");
const ctx = { accountId: ACCOUNT_ID, region: REGION, fingerprint };
const fn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${name}`;
const lambdaUri = (functionArn: string) => `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;

function ok<T>(outcome: { status: string; value?: T } | undefined): T {
  if (outcome?.status !== "ok" || outcome.value === undefined) throw new Error(`expected ok, got ${JSON.stringify(outcome)}`);
  return outcome.value;
}

function restApi(out: ReturnType<typeof normalizeApiGateway>, arn: string): TRestApiRecord {
  const r = out.apigateway_rest_api.resources.find((x) => x.arn === arn);
  if (!r) throw new Error(`no REST API ${arn}`);
  return r.record;
}

function entryOf(raw: ApiGatewayRaw, id: string): TRestApiRaw {
  const entry = ok(raw.restApis).find((e) => e.api.id === id);
  if (!entry) throw new Error(`no raw REST API ${id}`);
  return entry;
}

describe("normalizeApiGateway: REST APIs", () => {
  const out = normalizeApiGateway(fixtureRaw(), ctx);
  const orders = restApi(out, API_ARNS.orders);

  it("keys every REST API by arn:aws:apigateway:<region>::/restapis/<id> and says the listing completed", () => {
    expect(out.apigateway_rest_api.listingComplete).toBe(true);
    expect(out.apigateway_rest_api.resources.map((r) => r.arn)).toEqual([API_ARNS.orders, API_ARNS.internal, API_ARNS.legacy]);
    for (const r of out.apigateway_rest_api.resources) expect(ZRestApiRecord.parse(r.record)).toEqual(r.record);
  });

  it("reads the API's own fields, tags and CloudFormation origin", () => {
    expect(orders).toMatchObject({
      id: API_IDS.orders,
      name: "orders-api",
      accountId: ACCOUNT_ID,
      region: REGION,
      description: "Public orders API",
      createdDate: "2024-02-01T10:00:00.000Z",
      endpointTypes: ["REGIONAL"],
      vpcEndpointIds: [],
      ipAddressType: "ipv4",
      disableExecuteApiEndpoint: false,
      apiKeySource: "HEADER",
      minimumCompressionSize: null,
      binaryMediaTypes: ["image/png"],
      tags: { team: "orders", "aws:cloudformation:stack-name": "orders-prod" },
      cloudFormation: {
        stackName: "orders-prod",
        stackId: expect.stringContaining(":stack/orders-prod/"),
        logicalId: "OrdersApi",
      },
    });
    const internal = restApi(out, API_ARNS.internal);
    expect(internal).toMatchObject({ endpointTypes: ["PRIVATE"], vpcEndpointIds: ["vpce-0a1b2c3d4e5f60718"], disableExecuteApiEndpoint: true, minimumCompressionSize: 1024, cloudFormation: null, tags: {} });
  });

  it("parses the JSON-escaped resource policy AWS returns (\\\" and \\/ undone)", () => {
    const policy = ok(orders.policy);
    expect(policy.document.Statement).toEqual([
      { Effect: "Allow", Principal: "*", Action: ["execute-api:Invoke"], Resource: ["arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5/*"] },
      {
        Effect: "Deny",
        Principal: "*",
        Action: ["execute-api:Invoke"],
        Resource: ["arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5/*/DELETE/*"],
        Condition: { NotIpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } },
      },
    ]);
    expect(policy.text.startsWith('{"Version":"2012-10-17"')).toBe(true);
    expect(ok(restApi(out, API_ARNS.internal).policy).document.Statement[0].Condition).toEqual({
      StringEquals: { "aws:SourceVpce": ["vpce-0a1b2c3d4e5f60718"] },
    });
  });

  it("reads a plain policy (as moto returns it) the same as the escaped one", () => {
    const raw = fixtureRaw();
    const entry = entryOf(raw, API_IDS.orders);
    entry.api.policy = JSON.stringify(ok(orders.policy).document);
    expect(ok(restApi(normalizeApiGateway(raw, ctx), API_ARNS.orders).policy).document).toEqual(ok(orders.policy).document);
  });

  it("stores an unreadable policy as a MalformedPolicy error and no policy as absent", () => {
    const raw = fixtureRaw();
    entryOf(raw, API_IDS.orders).api.policy = '{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect';
    const broken = restApi(normalizeApiGateway(raw, ctx), API_ARNS.orders).policy;
    expect(broken).toMatchObject({ status: "error", code: "MalformedPolicy" });
    expect(restApi(out, API_ARNS.legacy).policy).toEqual({ status: "absent" });
  });

  it("embeds methods in their resources with auth type, authorizer, API key, validator and integration", () => {
    const resources = ok(orders.resources);
    expect(resources.map((r) => r.path)).toEqual(["/", "/orders", "/orders/{id}"]);
    const byKey = new Map(resources.flatMap((r) => r.methods.map((m) => [`${m.httpMethod} ${r.path}`, m])));
    expect([...byKey.keys()]).toEqual(["GET /orders", "POST /orders", "DELETE /orders/{id}", "GET /orders/{id}"]);
    expect(byKey.get("GET /orders")).toEqual({
      httpMethod: "GET",
      authorizationType: "NONE",
      authorizerId: null,
      apiKeyRequired: false,
      requestValidatorId: null,
      operationName: "ListOrders",
      authorizationScopes: [],
      integration: {
        type: "AWS_PROXY",
        httpMethod: "POST",
        uri: lambdaUri(fn("orders-list")),
        connectionType: null,
        connectionId: null,
        credentials: null,
        timeoutInMillis: 29000,
        lambda: { functionArn: fn("orders-list"), unqualifiedFunctionArn: fn("orders-list"), stageVariables: [] },
      },
    });
    expect(byKey.get("POST /orders")).toMatchObject({
      authorizationType: "AWS_IAM",
      requestValidatorId: "val0body01",
      integration: {
        credentials: "arn:aws:iam::111122223333:role/apigw-invoke-orders",
        lambda: { functionArn: fn("orders-writer:live"), unqualifiedFunctionArn: fn("orders-writer"), stageVariables: [] },
      },
    });
    expect(byKey.get("GET /orders/{id}")).toMatchObject({
      authorizationType: "CUSTOM",
      authorizerId: "auth0tok01",
      apiKeyRequired: true,
      integration: {
        type: "AWS",
        uri: lambdaUri(fn("${stageVariables.ordersFn}")),
        lambda: { functionArn: fn("${stageVariables.ordersFn}"), unqualifiedFunctionArn: null, stageVariables: ["ordersFn"] },
      },
    });
    expect(byKey.get("DELETE /orders/{id}")).toMatchObject({
      authorizationType: "COGNITO_USER_POOLS",
      authorizationScopes: ["orders/admin"],
      integration: { type: "HTTP_PROXY", connectionType: "VPC_LINK", connectionId: "vl0link01", lambda: null },
    });
  });

  it("reads stages: method settings, access logs, tracing, WAF, cache, canary, dates", () => {
    const [dev, prod] = ok(orders.stages);
    expect(prod).toMatchObject({
      stageName: "prod",
      deploymentId: "dep0002aaa",
      description: "Production",
      tracingEnabled: true,
      webAclArn: expect.stringContaining(":regional/webacl/orders-acl/"),
      cacheClusterEnabled: true,
      cacheClusterSize: "0.5",
      cacheClusterStatus: "AVAILABLE",
      accessLogSettings: { destinationArn: "arn:aws:logs:us-east-1:111122223333:log-group:orders-api-access", format: expect.stringContaining("$context.requestId") },
      createdDate: "2024-02-01T10:05:00.000Z",
      lastUpdatedDate: "2024-09-30T16:45:00.000Z",
      canary: { percentTraffic: 10, deploymentId: "dep0003aaa", useStageCache: false },
    });
    expect(prod.methodSettings).toEqual([
      {
        key: "*/*",
        resourcePath: "*",
        httpMethod: "*",
        loggingLevel: "INFO",
        dataTraceEnabled: false,
        metricsEnabled: true,
        throttlingBurstLimit: 100,
        throttlingRateLimit: 50,
        cachingEnabled: false,
        cacheTtlInSeconds: 300,
        cacheDataEncrypted: false,
        requireAuthorizationForCacheControl: true,
        unauthorizedCacheControlHeaderStrategy: "SUCCEED_WITH_RESPONSE_HEADER",
      },
      expect.objectContaining({ key: "~1orders~1{id}/GET", resourcePath: "/orders/{id}", httpMethod: "GET", loggingLevel: "ERROR", cachingEnabled: true, cacheDataEncrypted: true }),
    ]);
    expect(dev).toMatchObject({ stageName: "dev", methodSettings: [], accessLogSettings: null, canary: null, webAclArn: null, tracingEnabled: false });
  });

  it("resolves the stage's client certificate from the region's listing; one it does not list is UNKNOWN", () => {
    const [dev, prod] = ok(orders.stages);
    expect(prod.clientCertificateId).toBe("cert0prod1");
    expect(prod.clientCertificate).toEqual({
      status: "ok",
      value: { id: "cert0prod1", description: "backend mTLS", createdDate: "2024-02-01T09:00:00.000Z", expirationDate: "2025-02-01T09:00:00.000Z" },
    });
    expect(dev.clientCertificate).toMatchObject({ status: "error", code: "NotListed", message: expect.stringContaining("cert0gone1") });
    expect(ok(restApi(out, API_ARNS.legacy).stages)[0].clientCertificate).toEqual({ status: "absent" });
  });

  it("redacts stage variables and canary overrides to name, length, fingerprint and the secret detectors that fired", () => {
    const [dev, prod] = ok(orders.stages);
    const password = "fixture-stage-secret-Qx81";
    const canaryPassword = "fixture-canary-secret-Lm20";
    const passwordHit = (value: string) => [{ detector: "password-assignment", confidence: "medium", fingerprint: fingerprint(value) }];
    expect(prod.variables).toEqual([
      { name: "DB_PASSWORD", length: password.length, fingerprint: fingerprint(password), secrets: passwordHit(password) },
      { name: "ordersFn", length: 13, fingerprint: fingerprint("orders-reader"), secrets: [] },
    ]);
    expect(prod.canary?.stageVariableOverrides).toEqual([
      { name: "DB_PASSWORD", length: canaryPassword.length, fingerprint: fingerprint(canaryPassword), secrets: passwordHit(canaryPassword) },
    ]);
    expect(dev.variables).toEqual([{ name: "ordersFn", length: 17, fingerprint: fingerprint("orders-reader-dev"), secrets: [] }]);
  });

  it("detects secrets in the clear stage variables and keeps only detector, confidence and fingerprint", () => {
    const raw = fixtureRaw();
    const prodStage = ok(entryOf(raw, API_IDS.orders).stages).find((s) => s.stageName === "prod");
    if (!prodStage) throw new Error("no prod stage in the fixture");
    const hook = ["https://hooks.slack", ".com/services/", "T0FIXTURE/", "B0FIXTURE/", "Zq81Lm20fixtureHookValue"].join("");
    prodStage.variables = { ...prodStage.variables, alertsHook: hook, backendHost: "orders.internal.example.com" };
    const out = normalizeApiGateway(raw, ctx);
    const prod = ok(restApi(out, API_ARNS.orders).stages).find((s) => s.stageName === "prod");
    expect(prod?.variables.find((v) => v.name === "alertsHook")?.secrets).toEqual([
      { detector: "slack-webhook", confidence: "high", fingerprint: fingerprint(hook) },
    ]);
    expect(prod?.variables.find((v) => v.name === "backendHost")?.secrets).toEqual([]);
    expect(JSON.stringify(out)).not.toContain(hook);
    expect(JSON.stringify(out)).not.toContain("Zq81Lm20fixtureHookValue");
  });

  it("resolves stage-variable Lambda URIs per stage", () => {
    const [dev, prod] = ok(orders.stages);
    const target = (functionArn: string) => ({
      source: "integration",
      resourcePath: "/orders/{id}",
      httpMethod: "GET",
      authorizerId: null,
      functionArn,
      unqualifiedFunctionArn: functionArn,
    });
    expect(prod.lambdaTargets).toEqual([target(fn("orders-reader"))]);
    expect(dev.lambdaTargets).toEqual([target(fn("orders-reader-dev"))]);
    expect(ok(restApi(out, API_ARNS.legacy).stages)[0].lambdaTargets).toEqual([]);
  });

  it("keeps an unresolvable stage-variable target as null rather than guessing or leaking the value", () => {
    const raw = fixtureRaw();
    const stages = ok(entryOf(raw, API_IDS.orders).stages);
    stages[0].variables = { ordersFn: "not a function name" };
    delete stages[1].variables;
    const [dev, prod] = ok(restApi(normalizeApiGateway(raw, ctx), API_ARNS.orders).stages);
    expect(prod.lambdaTargets).toEqual([expect.objectContaining({ functionArn: null, unqualifiedFunctionArn: null })]);
    expect(dev.lambdaTargets).toEqual([expect.objectContaining({ functionArn: null })]);
    expect(JSON.stringify(prod)).not.toContain("not a function name");
  });

  it("reads authorizers with their Lambda function, validators and deployments (oldest first)", () => {
    expect(ok(orders.authorizers)).toEqual([
      {
        id: "auth0cog01",
        name: "cognito",
        type: "COGNITO_USER_POOLS",
        identitySource: "method.request.header.Authorization",
        identityValidationExpression: null,
        providerArns: ["arn:aws:cognito-idp:us-east-1:111122223333:userpool/us-east-1_AbCdEfGhI"],
        authType: "cognito_user_pools",
        authorizerUri: null,
        lambda: null,
        authorizerCredentials: null,
        resultTtlInSeconds: 0,
      },
      expect.objectContaining({
        id: "auth0tok01",
        type: "TOKEN",
        lambda: { functionArn: fn("orders-authorizer"), unqualifiedFunctionArn: fn("orders-authorizer"), stageVariables: [] },
        authorizerCredentials: "arn:aws:iam::111122223333:role/apigw-authorizer-invoke",
        resultTtlInSeconds: 300,
      }),
    ]);
    expect(ok(orders.requestValidators)).toEqual([{ id: "val0body01", name: "body-only", validateRequestBody: true, validateRequestParameters: false }]);
    expect(ok(orders.deployments).map((d) => d.id)).toEqual(["dep0001aaa", "dep0002aaa", "dep0003aaa"]);
    expect(ok(orders.deployments)[0]).toEqual({ id: "dep0001aaa", description: "first", createdDate: "2024-02-01T10:00:30.000Z", apiSummary: null });
  });

  it("reads a deployment's apiSummary when AWS includes it", () => {
    const raw = fixtureRaw();
    ok(entryOf(raw, API_IDS.legacy).deployments)[0].apiSummary = {
      "/": { ANY: { authorizationType: "NONE", apiKeyRequired: false } },
      "/admin": { POST: { authorizationType: "AWS_IAM" } },
    };
    expect(ok(restApi(normalizeApiGateway(raw, ctx), API_ARNS.legacy).deployments)[0].apiSummary).toEqual([
      { path: "/", httpMethod: "ANY", authorizationType: "NONE", apiKeyRequired: false },
      { path: "/admin", httpMethod: "POST", authorizationType: "AWS_IAM", apiKeyRequired: null },
    ]);
  });

  it("never lets a secret value reach the record or the raw", () => {
    const everything = JSON.stringify(normalizeApiGateway(fixtureRaw(), ctx));
    for (const secret of FIXTURE_SECRET_VALUES) expect(everything, secret).not.toContain(secret);
  });

  it("redacts the raw: stage variables, canary overrides, static integration parameters and templates", () => {
    const raw = out.apigateway_rest_api.resources.find((r) => r.arn === API_ARNS.orders)?.raw as TRestApiRaw;
    const prod = ok(raw.stages).find((s) => s.stageName === "prod");
    expect(prod?.variables).toEqual({ ordersFn: REDACTED_VALUE, DB_PASSWORD: REDACTED_VALUE });
    expect(prod?.canarySettings?.stageVariableOverrides).toEqual({ DB_PASSWORD: REDACTED_VALUE });
    const integration = ok(raw.resources).find((r) => r.path === "/orders/{id}")?.resourceMethods?.GET.methodIntegration;
    expect(integration?.requestParameters).toEqual({
      "integration.request.header.x-api-key": REDACTED_VALUE,
      "integration.request.path.id": "method.request.path.id",
    });
    expect(integration?.requestTemplates).toEqual({ "application/json": REDACTED_VALUE });
    // What does not carry secrets stays as AWS sent it.
    expect(raw.api.policy).toBe(entryOf(fixtureRaw(), API_IDS.orders).api.policy);
    expect(ok(raw.authorizers)).toEqual(ok(entryOf(fixtureRaw(), API_IDS.orders).authorizers));
  });

  it("passes a failed per-API read through as that part's error outcome", () => {
    const raw = fixtureRaw();
    const failure = { status: "error" as const, code: "AccessDeniedException", message: "denied" };
    const entry = entryOf(raw, API_IDS.orders);
    entry.resources = failure;
    entry.authorizers = failure;
    const record = restApi(normalizeApiGateway(raw, ctx), API_ARNS.orders);
    expect(record.resources).toEqual(failure);
    expect(record.authorizers).toEqual(failure);
    // Stages still read; their stage-variable targets cannot be known without the methods.
    expect(ok(record.stages).map((s) => s.lambdaTargets)).toEqual([[], []]);
    expect(record.deployments.status).toBe("ok");
  });

  it("keeps unknown enum values as AWS sent them", () => {
    const raw = fixtureRaw();
    const entry = entryOf(raw, API_IDS.legacy);
    entry.api.endpointConfiguration = { types: ["QUANTUM_EDGE"] };
    const root = ok(entry.resources)[0];
    if (root.resourceMethods) root.resourceMethods.ANY.authorizationType = "SIGV5_FUTURE";
    const stage = ok(entry.stages)[0];
    if (stage.methodSettings) stage.methodSettings["*/*"].loggingLevel = "TRACE";
    const record = restApi(normalizeApiGateway(raw, ctx), API_ARNS.legacy);
    expect(record.endpointTypes).toEqual(["QUANTUM_EDGE"]);
    expect(ok(record.resources)[0].methods[0].authorizationType).toBe("SIGV5_FUTURE");
    expect(ok(record.stages)[0].methodSettings[0].loggingLevel).toBe("TRACE");
  });

  it("fills missing fields with null or empty values, never a guess", () => {
    const raw: ApiGatewayRaw = {
      ...fixtureRaw(),
      restApis: {
        status: "ok",
        value: [
          {
            api: { id: "bare000001" },
            resources: { status: "ok", value: [{ id: "rootbare01", resourceMethods: { GET: {} } }] },
            stages: { status: "ok", value: [{ stageName: "s" }] },
            authorizers: { status: "ok", value: [{ id: "a" }] },
            requestValidators: { status: "ok", value: [{ id: "v" }] },
            deployments: { status: "ok", value: [{ id: "d" }] },
          },
        ],
      },
    };
    const record = normalizeApiGateway(raw, ctx).apigateway_rest_api.resources[0].record;
    expect(record).toMatchObject({
      name: "bare000001",
      description: null,
      createdDate: null,
      endpointTypes: [],
      disableExecuteApiEndpoint: null,
      apiKeySource: null,
      policy: { status: "absent" },
      tags: {},
      cloudFormation: null,
    });
    expect(ok(record.resources)).toEqual([
      {
        id: "rootbare01",
        path: "rootbare01",
        parentId: null,
        methods: [
          {
            httpMethod: "GET",
            authorizationType: null,
            authorizerId: null,
            apiKeyRequired: null,
            requestValidatorId: null,
            operationName: null,
            authorizationScopes: [],
            integration: null,
          },
        ],
      },
    ]);
    expect(ok(record.stages)[0]).toMatchObject({
      deploymentId: null,
      clientCertificate: { status: "absent" },
      methodSettings: [],
      variables: [],
      tracingEnabled: null,
      createdDate: null,
      lastUpdatedDate: null,
      tags: {},
    });
    expect(ok(record.authorizers)[0]).toMatchObject({ type: null, providerArns: [], lambda: null });
    expect(ok(record.requestValidators)[0]).toEqual({ id: "v", name: null, validateRequestBody: null, validateRequestParameters: null });
  });

  it("stores an API listed twice once", () => {
    const raw = fixtureRaw();
    const apis = ok(raw.restApis);
    apis.push(structuredClone(apis[0]));
    expect(normalizeApiGateway(raw, ctx).apigateway_rest_api.resources.map((r) => r.arn)).toEqual([API_ARNS.orders, API_ARNS.internal, API_ARNS.legacy]);
  });

  it("gives the same record for the same API returned in another order", () => {
    const raw = fixtureRaw();
    const entry = entryOf(raw, API_IDS.orders);
    ok(entry.resources).reverse();
    ok(entry.stages).reverse();
    ok(entry.authorizers).reverse();
    ok(entry.deployments).reverse();
    expect(restApi(normalizeApiGateway(raw, ctx), API_ARNS.orders)).toEqual(orders);
  });
});

describe("normalizeApiGateway: domain names, usage plans, API keys", () => {
  const out = normalizeApiGateway(fixtureRaw(), ctx);

  it("reads domain names with TLS policy, mutual TLS, certificates and base path mappings", () => {
    const [api, legacy] = out.apigateway_domain_name.resources;
    expect(out.apigateway_domain_name.listingComplete).toBe(true);
    // stored per account (a domain's ARN names none); the record keeps the real ARN
    expect(api.arn).toBe(`arn:aws:apigateway:us-east-1::/domainnames/api.example.com#${ACCOUNT_ID}`);
    expect(api.record.arn).toBe("arn:aws:apigateway:us-east-1::/domainnames/api.example.com");
    expect(ZDomainNameRecord.parse(api.record)).toEqual(api.record);
    expect(api.record).toMatchObject({
      domainName: "api.example.com",
      endpointTypes: ["REGIONAL"],
      securityPolicy: "TLS_1_2",
      mutualTls: { truststoreUri: "s3://example-truststore/truststore.pem", truststoreVersion: "3", truststoreWarnings: [] },
      regionalCertificateArn: expect.stringContaining(":certificate/11111111-"),
      regionalDomainName: "d-abcdef1234.execute-api.us-east-1.amazonaws.com",
      certificateArn: null,
      policy: { status: "absent" },
      tags: { team: "platform" },
    });
    expect(ok(api.record.basePathMappings)).toEqual([
      { basePath: "(none)", restApiId: API_IDS.orders, restApiArn: API_ARNS.orders, stage: "prod" },
      { basePath: "internal", restApiId: API_IDS.internal, restApiArn: API_ARNS.internal, stage: "live" },
    ]);
    expect(legacy.record).toMatchObject({
      endpointTypes: ["EDGE"],
      securityPolicy: "TLS_1_0",
      mutualTls: null,
      certificateUploadDate: "2019-03-20T12:30:00.000Z",
      distributionDomainName: "d111111abcdef8.cloudfront.net",
    });
  });

  it("tells a private custom domain from a public one of the same name", () => {
    const raw = fixtureRaw();
    const domains = ok(raw.domainNames);
    domains.push({
      domain: { ...domains[0].domain, domainNameId: "abcd1234", endpointConfiguration: { types: ["PRIVATE"] }, policy: '{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":\\"*\\",\\"Action\\":\\"execute-api:Invoke\\",\\"Resource\\":\\"*\\"}]}' },
      basePathMappings: { status: "ok", value: [] },
    });
    const records = normalizeApiGateway(raw, ctx).apigateway_domain_name.resources;
    expect(records.map((r) => r.record.arn)).toContain("arn:aws:apigateway:us-east-1::/domainnames/api.example.com+abcd1234");
    expect(records.find((r) => r.record.domainNameId === "abcd1234")?.record.policy.status).toBe("ok");
  });

  it("reads usage plans with throttles, quota, per-method throttles and key ids only", () => {
    const plans = new Map(out.apigateway_usage_plan.resources.map((r) => [r.record.id, r]));
    const gold = plans.get("up0gold001");
    expect(gold?.arn).toBe("arn:aws:apigateway:us-east-1::/usageplans/up0gold001");
    expect(ZUsagePlanRecord.parse(gold?.record)).toEqual(gold?.record);
    expect(gold?.record).toMatchObject({
      name: "gold",
      throttle: { burstLimit: 200, rateLimit: 100 },
      quota: { limit: 100000, offset: 0, period: "MONTH" },
      apiStages: [
        {
          restApiId: API_IDS.orders,
          restApiArn: API_ARNS.orders,
          stage: "prod",
          methodThrottles: [{ key: "/orders/GET", resourcePath: "/orders", httpMethod: "GET", burstLimit: 5, rateLimit: 2.5 }],
        },
      ],
      tags: { tier: "gold" },
      keys: { status: "ok", value: { count: 1, apiKeyIds: ["key0partnA"] } },
    });
    expect(plans.get("up0free001")?.record).toMatchObject({ throttle: null, quota: null, apiStages: [], keys: { status: "ok", value: { count: 0, apiKeyIds: [] } } });
  });

  it("reads API keys: enabled, dates, stage keys; never a value", () => {
    const [partner, old] = out.apigateway_api_key.resources;
    expect(partner.arn).toBe("arn:aws:apigateway:us-east-1::/apikeys/key0partnA");
    expect(ZApiKeyRecord.parse(partner.record)).toEqual(partner.record);
    expect(partner.record).toEqual({
      arn: partner.arn,
      id: "key0partnA",
      name: "partner-a",
      accountId: ACCOUNT_ID,
      region: REGION,
      description: null,
      customerId: "partner-a-marketplace",
      enabled: true,
      createdDate: "2024-03-01T09:00:00.000Z",
      lastUpdatedDate: "2024-03-01T09:00:00.000Z",
      stageKeys: [{ restApiId: API_IDS.orders, stageName: "prod" }],
      tags: { owner: "partnerships" },
    });
    expect(old.record).toMatchObject({ enabled: false, stageKeys: [] });
    expect(JSON.stringify(out.apigateway_api_key)).not.toMatch(/"value"/);
  });

  it("marks only the kind whose listing failed as incomplete", () => {
    const raw = fixtureRaw();
    raw.apiKeys = { status: "error", code: "AccessDeniedException", message: "denied" };
    const failed = normalizeApiGateway(raw, ctx);
    expect(failed.apigateway_api_key).toEqual({ resources: [], listingComplete: false });
    expect(failed.apigateway_usage_plan.listingComplete).toBe(true);
    expect(failed.apigateway_rest_api.resources).toHaveLength(3);
  });
});

describe("uris", () => {
  it.each([
    ["us-east-1", "aws"],
    ["cn-north-1", "aws-cn"],
    ["us-gov-west-1", "aws-us-gov"],
    ["us-iso-east-1", "aws-iso"],
    ["us-isob-east-1", "aws-iso-b"],
  ])("partitionOf(%s) = %s", (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
    expect(apiGatewayArn(region, "/restapis/x")).toBe(`arn:${partition}:apigateway:${region}::/restapis/x`);
  });

  it.each([
    [lambdaUri(fn("f")), { functionArn: fn("f"), unqualifiedFunctionArn: fn("f"), stageVariables: [] }],
    [lambdaUri(fn("f:7")), { functionArn: fn("f:7"), unqualifiedFunctionArn: fn("f"), stageVariables: [] }],
    [lambdaUri(fn("f:$LATEST")), { functionArn: fn("f:$LATEST"), unqualifiedFunctionArn: fn("f"), stageVariables: [] }],
    [lambdaUri(fn("f:${stageVariables.alias}")), { functionArn: fn("f:${stageVariables.alias}"), unqualifiedFunctionArn: fn("f"), stageVariables: ["alias"] }],
    [
      lambdaUri("arn:aws:lambda:us-east-1:${stageVariables.account}:function:${stageVariables.fn}"),
      { functionArn: "arn:aws:lambda:us-east-1:${stageVariables.account}:function:${stageVariables.fn}", unqualifiedFunctionArn: null, stageVariables: ["account", "fn"] },
    ],
    [
      "arn:aws-cn:apigateway:cn-north-1:lambda:path/2015-03-31/functions/arn:aws-cn:lambda:cn-north-1:111122223333:function:g/invocations",
      { functionArn: "arn:aws-cn:lambda:cn-north-1:111122223333:function:g", unqualifiedFunctionArn: "arn:aws-cn:lambda:cn-north-1:111122223333:function:g", stageVariables: [] },
    ],
  ])("lambdaTargetOf(%s)", (uri, expected) => {
    expect(lambdaTargetOf(uri)).toEqual(expected);
  });

  it.each([
    [null],
    [""],
    ["https://backend.example.com/orders"],
    ["arn:aws:apigateway:us-east-1:s3:path/bucket/key"],
    ["arn:aws:apigateway:us-east-1:sqs:path/111122223333/queue"],
    ["arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/invocations"],
  ])("lambdaTargetOf(%s) is null: not a Lambda invocation URI", (uri) => {
    expect(lambdaTargetOf(uri)).toBeNull();
  });

  it("resolves stage variables only into a Lambda function ARN", () => {
    const templated = fn("${stageVariables.fn}:${stageVariables.alias}");
    expect(resolveWithStageVariables(templated, { fn: "orders", alias: "live" })).toBe(fn("orders:live"));
    expect(resolveWithStageVariables(templated, { fn: "orders" })).toBeNull();
    expect(resolveWithStageVariables(templated, { fn: "a/b", alias: "live" })).toBeNull();
    expect(unqualifiedFunctionArn(fn("orders:live"))).toBe(fn("orders"));
    expect(unqualifiedFunctionArn("arn:aws:lambda:us-east-1:111122223333:layer:l:3")).toBeNull();
  });

  it("unescapes the policy AWS returns and leaves plain or broken text alone", () => {
    expect(unescapeApiGatewayPolicy('{\\"Version\\":\\"2012-10-17\\",\\"Resource\\":\\"arn:x\\/*\\"}')).toBe('{"Version":"2012-10-17","Resource":"arn:x/*"}');
    expect(unescapeApiGatewayPolicy('  {\\"a\\":\\"\\\\u0041\\"}')).toBe('{"a":"\\u0041"}');
    expect(unescapeApiGatewayPolicy('{"Version":"2012-10-17"}')).toBe('{"Version":"2012-10-17"}');
    expect(unescapeApiGatewayPolicy('{\\"broken": "x"}')).toBe('{\\"broken": "x"}');
  });

  it.each([
    ["*/*", "*", "*"],
    ["~1orders~1{id}/GET", "/orders/{id}", "GET"],
    ["~1/GET", "/", "GET"],
    ["orders/POST", "/orders", "POST"],
    ["/orders/GET", "/orders", "GET"],
    ["~1a~0b/PUT", "/a~b", "PUT"],
  ])("splitMethodKey(%s)", (key, resourcePath, httpMethod) => {
    expect(splitMethodKey(key)).toEqual({ resourcePath, httpMethod });
  });
});
