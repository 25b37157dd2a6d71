// collectApiGateway against in-process emulated API Gateway management APIs.
//
// Every AWS call here is emulated with aws-sdk-client-mock, serving the recorded-shape responses in
// __fixtures__, because moto cannot produce what these tests are about: it ignores limit/position (one page,
// no position), checks no permissions (no AccessDenied), never throttles, returns the resource policy
// unescaped, and lacks GetClientCertificates altogether. aws-sdk-client-mock replaces `send`, so the SDK's
// middleware (retries included) does not run; clients are built with maxAttempts 1 all the same.
import {
  APIGatewayClient,
  APIGatewayServiceException,
  GetApiKeysCommand,
  GetAuthorizersCommand,
  GetBasePathMappingsCommand,
  GetClientCertificatesCommand,
  GetDeploymentsCommand,
  GetDomainNamesCommand,
  GetIntegrationCommand,
  GetMethodCommand,
  GetRequestValidatorsCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStagesCommand,
  GetTagsCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
  TooManyRequestsException,
} from "@aws-sdk/client-api-gateway";
import { mockClient } from "aws-sdk-client-mock";
import { describe, expect, it } from "vitest";
import { makeFingerprint } from "@/lib/aws/redact";
import { collectApiGateway, DETAIL_CONCURRENCY, PAGE_SIZE } from "@/scanners/apigateway/collect";
import { normalizeApiGateway } from "@/scanners/apigateway/normalize";
import type { ApiGatewayRaw } from "@/scanners/apigateway/raw";
import type { CallError, CollectContext } from "@/scanners/types";
import {
  ACCOUNT_ID,
  API_ARNS,
  API_IDS,
  FIXTURE_SECRET_VALUES,
  REGION,
  apiKeyPages,
  authorizerPages,
  basePathMappingPages,
  clientCertificatePages,
  deploymentPages,
  domainNamePages,
  fixtureRaw,
  requestValidatorPages,
  resourcePages,
  restApiPages,
  stagesOf,
  usagePlanKeyPages,
  usagePlanPages,
  type PagesByPosition,
} from "./__fixtures__/fixtures";

const CREDENTIALS = { accessKeyId: "AKIDTEST", secretAccessKey: "test-secret" };

function accessDenied(resourcePath: string): APIGatewayServiceException {
  // API Gateway does not model AccessDeniedException: the SDK raises a generic service exception named after it.
  return new APIGatewayServiceException({
    name: "AccessDeniedException",
    $fault: "client",
    $metadata: { httpStatusCode: 403 },
    message: `User: arn:aws:sts::${ACCOUNT_ID}:assumed-role/LanternScanner/lantern-scanner is not authorized to perform: apigateway:GET on resource: arn:aws:apigateway:${REGION}::${resourcePath}`,
  });
}

function throttled(): TooManyRequestsException {
  return new TooManyRequestsException({ message: "Too Many Requests", retryAfterSeconds: "2", $metadata: { httpStatusCode: 429 } });
}

function setup(signal?: AbortSignal) {
  const client = new APIGatewayClient({ region: REGION, credentials: CREDENTIALS, maxAttempts: 1 });
  const mock = mockClient(client);
  const errors: CallError[] = [];
  const ctx: CollectContext = { accountId: ACCOUNT_ID, region: REGION, recordError: (e) => errors.push(e), signal };
  return { clients: { apigateway: client }, mock, errors, ctx };
}

type Mock = ReturnType<typeof setup>["mock"];
type Sent = Record<string, Record<string, unknown>[]>;

/**
 * Serve the fixtures, paging by position exactly as AWS does; an unknown id or position is a test failure.
 * Returns the inputs as sent, copied: the SDK paginators reuse one input object across pages.
 */
function serveFixtures(mock: Mock): Sent {
  const sent: Sent = {};
  const record = (name: string, input: object) => (sent[name] ??= []).push({ ...input });
  const page = (name: string, pages: PagesByPosition | undefined, position: string | undefined) => {
    const p = pages?.[position ?? ""];
    if (!p) throw new Error(`unexpected ${name} position ${position}`);
    return p;
  };
  mock.on(GetRestApisCommand).callsFake((input) => (record("GetRestApis", input), page("GetRestApis", restApiPages(), input.position)));
  mock.on(GetResourcesCommand).callsFake((input) => {
    record(`GetResources ${input.restApiId}`, input);
    return page("GetResources", resourcePages(input.restApiId), input.position);
  });
  mock.on(GetStagesCommand).callsFake((input) => {
    record(`GetStages ${input.restApiId}`, input);
    const stages = stagesOf(input.restApiId);
    if (!stages) throw new Error(`unexpected GetStages ${input.restApiId}`);
    return stages;
  });
  mock.on(GetAuthorizersCommand).callsFake((input) => {
    record(`GetAuthorizers ${input.restApiId}`, input);
    return page("GetAuthorizers", authorizerPages(input.restApiId), input.position);
  });
  mock.on(GetRequestValidatorsCommand).callsFake((input) => {
    record(`GetRequestValidators ${input.restApiId}`, input);
    return page("GetRequestValidators", requestValidatorPages(input.restApiId), input.position);
  });
  mock.on(GetDeploymentsCommand).callsFake((input) => {
    record(`GetDeployments ${input.restApiId}`, input);
    return page("GetDeployments", deploymentPages(input.restApiId), input.position);
  });
  mock.on(GetUsagePlansCommand).callsFake((input) => (record("GetUsagePlans", input), page("GetUsagePlans", usagePlanPages(), input.position)));
  mock.on(GetUsagePlanKeysCommand).callsFake((input) => {
    record(`GetUsagePlanKeys ${input.usagePlanId}`, input);
    return page("GetUsagePlanKeys", usagePlanKeyPages(input.usagePlanId), input.position);
  });
  mock.on(GetApiKeysCommand).callsFake((input) => (record("GetApiKeys", input), page("GetApiKeys", apiKeyPages(), input.position)));
  mock.on(GetDomainNamesCommand).callsFake((input) => (record("GetDomainNames", input), page("GetDomainNames", domainNamePages(), input.position)));
  mock.on(GetBasePathMappingsCommand).callsFake((input) => {
    record(`GetBasePathMappings ${input.domainName}`, input);
    return page("GetBasePathMappings", basePathMappingPages(input.domainName), input.position);
  });
  mock.on(GetClientCertificatesCommand).callsFake((input) => {
    record("GetClientCertificates", input);
    return page("GetClientCertificates", clientCertificatePages(), input.position);
  });
  return sent;
}

function ok<T>(outcome: { status: string; value?: T }): T {
  if (outcome.status !== "ok" || outcome.value === undefined) throw new Error(`expected ok, got ${JSON.stringify(outcome)}`);
  return outcome.value;
}

function restApiRaw(raw: ApiGatewayRaw, id: string) {
  const entry = ok(raw.restApis).find((e) => e.api.id === id);
  if (!entry) throw new Error(`no REST API ${id}`);
  return entry;
}

const normalizeCtx = { accountId: ACCOUNT_ID, region: REGION, fingerprint: makeFingerprint("collect-test-secret-0123") };
const positionOf = (pages: PagesByPosition | undefined, index: number) => Object.values(pages ?? {})[index]?.position;

describe("collectApiGateway", () => {
  it("pages every listing by position to the end and reads each API, plan and domain", async () => {
    const { clients, mock, errors, ctx } = setup();
    const sent = serveFixtures(mock);

    const raw = await collectApiGateway(clients, ctx);

    expect(raw).toEqual(fixtureRaw());
    expect(errors).toEqual([]);
    expect(sent.GetRestApis).toEqual([
      { position: undefined, limit: PAGE_SIZE },
      { position: positionOf(restApiPages(), 0), limit: PAGE_SIZE },
    ]);
    // Methods and integrations come embedded, 500 resources a page.
    expect(sent[`GetResources ${API_IDS.orders}`]).toEqual([
      { restApiId: API_IDS.orders, embed: ["methods"], position: undefined, limit: 500 },
      { restApiId: API_IDS.orders, embed: ["methods"], position: positionOf(resourcePages(API_IDS.orders), 0), limit: 500 },
    ]);
    // No SDK paginator for GetAuthorizers: paged by position all the same.
    expect(sent[`GetAuthorizers ${API_IDS.orders}`]).toEqual([
      { restApiId: API_IDS.orders, limit: PAGE_SIZE, position: undefined },
      { restApiId: API_IDS.orders, limit: PAGE_SIZE, position: positionOf(authorizerPages(API_IDS.orders), 0) },
    ]);
    expect(sent[`GetDeployments ${API_IDS.orders}`]).toEqual([
      { restApiId: API_IDS.orders, position: undefined, limit: PAGE_SIZE },
      { restApiId: API_IDS.orders, position: positionOf(deploymentPages(API_IDS.orders), 0), limit: PAGE_SIZE },
    ]);
    // GetStages has no paging: one call per API.
    for (const id of Object.values(API_IDS)) expect(sent[`GetStages ${id}`]).toEqual([{ restApiId: id }]);
    expect(Object.keys(sent).filter((k) => k.startsWith("GetUsagePlanKeys")).sort()).toEqual(["GetUsagePlanKeys up0free001", "GetUsagePlanKeys up0gold001"]);
    expect(sent["GetBasePathMappings api.example.com"]).toEqual([{ domainName: "api.example.com", domainNameId: undefined, position: undefined, limit: PAGE_SIZE }]);
    expect(sent.GetClientCertificates).toHaveLength(1);
  });

  it("never asks for API key values and never reads a method or integration on its own", async () => {
    const { clients, mock, ctx } = setup();
    const sent = serveFixtures(mock);
    await collectApiGateway(clients, ctx);
    expect(sent.GetApiKeys).toEqual([{ includeValues: false, position: undefined, limit: PAGE_SIZE }]);
    for (const command of [GetMethodCommand, GetIntegrationCommand, GetRestApiCommand, GetTagsCommand]) {
      expect(mock.calls().filter((c) => c.args[0] instanceof command)).toHaveLength(0);
    }
    // 2 GetRestApis + 4 GetResources + 3 GetStages + 4 GetAuthorizers + 3 GetRequestValidators + 4 GetDeployments
    // + 1 GetUsagePlans + 2 GetUsagePlanKeys + 1 GetApiKeys + 1 GetDomainNames + 2 GetBasePathMappings + 1 GetClientCertificates
    expect(mock.calls()).toHaveLength(28);
  });

  it("drops key values AWS returns anyway: GetUsagePlanKeys always, GetApiKeys if includeValues were ignored", async () => {
    const { clients, mock, ctx } = setup();
    serveFixtures(mock);
    const leaked = "fixture-apikey-value-LEAKED-000";
    mock.on(GetApiKeysCommand).resolves({ items: [{ id: "key0leak01", name: "leaky", enabled: true, value: leaked }] });

    const raw = await collectApiGateway(clients, ctx);

    expect(ok(raw.apiKeys)).toEqual([{ id: "key0leak01", name: "leaky", enabled: true }]);
    expect(ok(ok(raw.usagePlans)[0].keys)).toEqual([{ id: "key0partnA", type: "API_KEY", name: "partner-a" }]);
    const everything = JSON.stringify([raw, normalizeApiGateway(raw, normalizeCtx)]);
    expect(everything).not.toContain(leaked);
    expect(everything).not.toContain("fixture-apikey-value-PARTNER-A-9f8e7d");
  });

  it("turns Dates from the SDK into ISO strings so the raw is plain JSON", async () => {
    const { clients, mock, ctx } = setup();
    serveFixtures(mock);
    const raw = await collectApiGateway(clients, ctx);
    expect(restApiRaw(raw, API_IDS.orders).api.createdDate).toBe("2024-02-01T10:00:00.000Z");
    expect(ok(raw.clientCertificates)[0].expirationDate).toBe("2025-02-01T09:00:00.000Z");
    expect(JSON.parse(JSON.stringify(raw))).toEqual(raw);
  });

  it("records AccessDenied on one API's GetStages as that API's stages error outcome; everything else goes on", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    mock.on(GetStagesCommand, { restApiId: API_IDS.orders }).rejects(accessDenied(`/restapis/${API_IDS.orders}/stages`));

    const raw = await collectApiGateway(clients, ctx);

    const orders = restApiRaw(raw, API_IDS.orders);
    expect(orders.stages).toEqual({ status: "error", code: "AccessDeniedException", message: expect.stringContaining("apigateway:GET") });
    expect(orders.resources.status).toBe("ok");
    expect(orders.deployments.status).toBe("ok");
    expect(restApiRaw(raw, API_IDS.legacy).stages.status).toBe("ok");
    expect(errors).toEqual([{ api: "apigateway:GetStages", resource: API_IDS.orders, code: "AccessDeniedException", message: expect.any(String) }]);

    const result = normalizeApiGateway(raw, normalizeCtx).apigateway_rest_api;
    expect(result.listingComplete).toBe(true);
    expect(result.resources).toHaveLength(3);
    const record = result.resources.find((r) => r.arn === API_ARNS.orders)?.record;
    expect(record?.stages).toMatchObject({ status: "error", code: "AccessDeniedException" });
    expect(record?.resources.status).toBe("ok");
    expect(result.resources.find((r) => r.arn === API_ARNS.legacy)?.record.stages.status).toBe("ok");
  });

  it.each([
    ["GetResources", GetResourcesCommand, "resources"],
    ["GetAuthorizers", GetAuthorizersCommand, "authorizers"],
    ["GetRequestValidators", GetRequestValidatorsCommand, "requestValidators"],
    ["GetDeployments", GetDeploymentsCommand, "deployments"],
  ] as const)("records AccessDenied on %s as that part's error outcome for that API only", async (api, command, part) => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    mock.on(command, { restApiId: API_IDS.internal }).rejects(accessDenied(`/restapis/${API_IDS.internal}`));

    const raw = await collectApiGateway(clients, ctx);

    expect(restApiRaw(raw, API_IDS.internal)[part]).toMatchObject({ status: "error", code: "AccessDeniedException" });
    expect(restApiRaw(raw, API_IDS.orders)[part].status).toBe("ok");
    expect(errors).toEqual([{ api: `apigateway:${api}`, resource: API_IDS.internal, code: "AccessDeniedException", message: expect.any(String) }]);
  });

  it("treats a GetResources failure on a later page as that API's failed read, not a shorter list", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    const pages = resourcePages(API_IDS.orders) ?? {};
    mock.on(GetResourcesCommand, { restApiId: API_IDS.orders }).callsFake((input) => {
      if (input.position) throw throttled();
      return pages[""];
    });

    const raw = await collectApiGateway(clients, ctx);

    expect(restApiRaw(raw, API_IDS.orders).resources).toEqual({ status: "error", code: "TooManyRequestsException", message: "Too Many Requests" });
    expect(errors).toMatchObject([{ api: "apigateway:GetResources", resource: API_IDS.orders, code: "TooManyRequestsException" }]);
  });

  it("reports a failed GetRestApis as a failed listing: no per-API reads, the other kinds unaffected", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    mock.on(GetRestApisCommand).rejects(accessDenied("/restapis"));

    const raw = await collectApiGateway(clients, ctx);

    expect(raw.restApis).toEqual({ status: "error", code: "AccessDeniedException", message: expect.stringContaining("/restapis") });
    expect(errors).toEqual([{ api: "apigateway:GetRestApis", code: "AccessDeniedException", message: expect.any(String) }]);
    for (const command of [GetResourcesCommand, GetStagesCommand, GetAuthorizersCommand, GetDeploymentsCommand]) {
      expect(mock.commandCalls(command)).toHaveLength(0);
    }
    const out = normalizeApiGateway(raw, normalizeCtx);
    expect(out.apigateway_rest_api).toEqual({ resources: [], listingComplete: false });
    expect(out.apigateway_usage_plan.listingComplete).toBe(true);
    expect(out.apigateway_domain_name.resources).toHaveLength(2);
  });

  it("treats a GetRestApis failure on the second page as a failed listing", async () => {
    const { clients, mock, ctx } = setup();
    serveFixtures(mock);
    const first = restApiPages()[""];
    mock.on(GetRestApisCommand).callsFake((input) => {
      if (input.position) throw throttled();
      return first;
    });
    const raw = await collectApiGateway(clients, ctx);
    expect(raw.restApis).toMatchObject({ status: "error", code: "TooManyRequestsException" });
    expect(normalizeApiGateway(raw, normalizeCtx).apigateway_rest_api.listingComplete).toBe(false);
  });

  it.each([
    ["GetUsagePlans", GetUsagePlansCommand, "/usageplans", "apigateway_usage_plan", GetUsagePlanKeysCommand],
    ["GetApiKeys", GetApiKeysCommand, "/apikeys", "apigateway_api_key", undefined],
    ["GetDomainNames", GetDomainNamesCommand, "/domainnames", "apigateway_domain_name", GetBasePathMappingsCommand],
  ] as const)("gives a failed %s listing to its own kind only", async (api, command, path, kind, detail) => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    mock.on(command).rejects(accessDenied(path));

    const raw = await collectApiGateway(clients, ctx);
    const out = normalizeApiGateway(raw, normalizeCtx);

    expect(errors).toEqual([{ api: `apigateway:${api}`, code: "AccessDeniedException", message: expect.any(String) }]);
    expect(out[kind]).toEqual({ resources: [], listingComplete: false });
    if (detail) expect(mock.calls().filter((c) => c.args[0] instanceof detail)).toHaveLength(0);
    for (const other of Object.keys(out).filter((k) => k !== kind) as (keyof typeof out)[]) {
      expect(out[other].listingComplete, other).toBe(true);
    }
  });

  it("records a failed GetUsagePlanKeys or GetBasePathMappings on that plan or domain", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    mock.on(GetUsagePlanKeysCommand, { usagePlanId: "up0gold001" }).rejects(accessDenied("/usageplans/up0gold001/keys"));
    mock.on(GetBasePathMappingsCommand, { domainName: "legacy.example.com" }).rejects(accessDenied("/domainnames/legacy.example.com/basepathmappings"));

    const out = normalizeApiGateway(await collectApiGateway(clients, ctx), normalizeCtx);

    const plans = new Map(out.apigateway_usage_plan.resources.map((r) => [r.record.id, r.record]));
    expect(plans.get("up0gold001")?.keys).toMatchObject({ status: "error", code: "AccessDeniedException" });
    expect(plans.get("up0free001")?.keys).toEqual({ status: "ok", value: { count: 0, apiKeyIds: [] } });
    const domains = new Map(out.apigateway_domain_name.resources.map((r) => [r.record.domainName, r.record]));
    expect(domains.get("legacy.example.com")?.basePathMappings).toMatchObject({ status: "error", code: "AccessDeniedException" });
    expect(domains.get("api.example.com")?.basePathMappings.status).toBe("ok");
    expect(errors.map((e) => [e.api, e.resource])).toEqual(
      expect.arrayContaining([
        ["apigateway:GetUsagePlanKeys", "up0gold001"],
        ["apigateway:GetBasePathMappings", "legacy.example.com"],
      ]),
    );
  });

  it("names an answer that is not an API Gateway response (moto's HTML 404) UnexpectedResponse", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    // What the SDK raises for moto's GetClientCertificates: its JSON parser's SyntaxError, with the HTTP metadata.
    const htmlPage = Object.assign(new SyntaxError(`Unexpected token '<', "<!doctype "... is not valid JSON`), {
      $metadata: { httpStatusCode: 404 },
    });
    mock.on(GetClientCertificatesCommand).rejects(htmlPage);

    const raw = await collectApiGateway(clients, ctx);

    const failure = { status: "error", code: "UnexpectedResponse", message: "HTTP 404 with a body that is not an API Gateway response." };
    expect(raw.clientCertificates).toEqual(failure);
    expect(errors).toEqual([{ api: "apigateway:GetClientCertificates", code: "UnexpectedResponse", message: failure.message }]);
    // The prod stage names a certificate: with the listing failed, that certificate is UNKNOWN, not "none".
    const orders = normalizeApiGateway(raw, normalizeCtx).apigateway_rest_api.resources.find((r) => r.arn === API_ARNS.orders)?.record;
    expect(ok(orders?.stages ?? { status: "error" }).find((s) => s.stageName === "prod")?.clientCertificate).toEqual(failure);
  });

  it("fails a listing with InvalidResponse when an item lacks its id", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    mock.on(GetRestApisCommand).resolves({ items: [{ name: "no-id" }] });
    const raw = await collectApiGateway(clients, ctx);
    expect(raw.restApis).toMatchObject({ status: "error", code: "InvalidResponse", message: expect.stringContaining("id") });
    expect(errors).toMatchObject([{ api: "apigateway:GetRestApis", code: "InvalidResponse" }]);
  });

  it("stops paging GetAuthorizers when AWS repeats a position, as an error rather than a loop", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    mock.on(GetAuthorizersCommand, { restApiId: API_IDS.legacy }).resolves({ items: [], position: "same" });
    const raw = await collectApiGateway(clients, ctx);
    expect(restApiRaw(raw, API_IDS.legacy).authorizers).toMatchObject({ status: "error", code: "InvalidResponse" });
    expect(mock.commandCalls(GetAuthorizersCommand, { restApiId: API_IDS.legacy })).toHaveLength(2);
    expect(errors).toMatchObject([{ api: "apigateway:GetAuthorizers", resource: API_IDS.legacy, code: "InvalidResponse" }]);
  });

  it("keeps at most DETAIL_CONCURRENCY per-resource calls in flight", async () => {
    const { clients, mock, ctx } = setup();
    const apis = Array.from({ length: 7 }, (_, i) => ({ id: `api${i}`, name: `api-${i}` }));
    mock.on(GetRestApisCommand).resolves({ items: apis });
    mock.on(GetUsagePlansCommand).resolves({ items: [{ id: "plan1" }, { id: "plan2" }] });
    mock.on(GetApiKeysCommand).resolves({ items: [] });
    mock.on(GetDomainNamesCommand).resolves({ items: [{ domainName: "a.example.com" }] });
    mock.on(GetClientCertificatesCommand).resolves({ items: [] });
    let inFlight = 0;
    let maxInFlight = 0;
    const slow = (output: object) => async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
      return output;
    };
    mock.on(GetResourcesCommand).callsFake(slow({ items: [] }));
    mock.on(GetStagesCommand).callsFake(slow({ item: [] }));
    mock.on(GetAuthorizersCommand).callsFake(slow({ items: [] }));
    mock.on(GetRequestValidatorsCommand).callsFake(slow({ items: [] }));
    mock.on(GetDeploymentsCommand).callsFake(slow({ items: [] }));
    mock.on(GetUsagePlanKeysCommand).callsFake(slow({ items: [] }));
    mock.on(GetBasePathMappingsCommand).callsFake(slow({ items: [] }));

    const raw = await collectApiGateway(clients, ctx);

    expect(ok(raw.restApis)).toHaveLength(7);
    expect(maxInFlight).toBe(DETAIL_CONCURRENCY);
    expect(mock.commandCalls(GetStagesCommand)).toHaveLength(7);
    expect(mock.commandCalls(GetBasePathMappingsCommand)).toHaveLength(1);
  });

  it("makes no call when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const { clients, mock, errors, ctx } = setup(controller.signal);
    serveFixtures(mock);
    await expect(collectApiGateway(clients, ctx)).rejects.toMatchObject({ name: "AbortError" });
    expect(mock.calls()).toHaveLength(0);
    expect(errors).toEqual([]);
  });

  it("ends by throwing, not with error outcomes, when the signal aborts mid-collection", async () => {
    const controller = new AbortController();
    const { clients, mock, errors, ctx } = setup(controller.signal);
    serveFixtures(mock);
    mock.on(GetStagesCommand).callsFake(() => {
      controller.abort();
      throw Object.assign(new Error("The operation was aborted"), { name: "AbortError" });
    });
    await expect(collectApiGateway(clients, ctx)).rejects.toMatchObject({ name: "AbortError" });
    expect(errors).toEqual([]);
  });
});

describe("fixture secrets", () => {
  it("are really in the fixtures, so the redaction tests can fail", () => {
    const everything = JSON.stringify([fixtureRaw(), usagePlanKeyPages("up0gold001")]);
    for (const secret of FIXTURE_SECRET_VALUES) expect(everything, secret).toContain(secret);
  });
});
