// collectApiGatewayV2 against in-process emulated API Gateway v2 APIs.
//
// Every AWS call here (GetApis, GetRoutes, GetIntegrations, GetAuthorizers, GetAuthorizer, GetStages,
// GetDomainNames, GetApiMappings) is emulated with aws-sdk-client-mock, serving the recorded-shape responses in
// __fixtures__, because moto cannot produce what these tests are about: it ignores MaxResults/NextToken (one
// page), does not implement GetAuthorizers at all (HTTP 500 with an HTML body), checks no permissions (no
// AccessDeniedException) and never throttles. aws-sdk-client-mock replaces `send`, so the SDK's middleware does
// not run; clients are built with maxAttempts 1 so nothing would retry if it did.
import {
  AccessDeniedException,
  ApiGatewayV2Client,
  GetApiMappingsCommand,
  GetApisCommand,
  GetAuthorizerCommand,
  GetAuthorizersCommand,
  GetDomainNamesCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
  NotFoundException,
  TooManyRequestsException,
  type GetApiMappingsCommandInput,
  type GetApisCommandInput,
  type GetAuthorizerCommandInput,
  type GetDomainNamesCommandInput,
} from "@aws-sdk/client-apigatewayv2";
import { mockClient } from "aws-sdk-client-mock";
import { describe, expect, it } from "vitest";
import { makeFingerprint } from "@/lib/aws/redact";
import { collectApiGatewayV2, DETAIL_CONCURRENCY, PAGE_SIZE } from "@/scanners/apigatewayv2/collect";
import { normalizeApiGatewayV2 } from "@/scanners/apigatewayv2/normalize";
import type { ApiGatewayV2Raw } from "@/scanners/apigatewayv2/raw";
import { authorizerOfRoute } from "@/scanners/apigatewayv2/record";
import type { CallError, CollectContext } from "@/scanners/types";
import {
  ACCOUNT_ID,
  API_IDS,
  ARNS,
  REGION,
  apiDetail,
  apiMappingPagesByToken,
  apiPagesByToken,
  authorizerById,
  detailPagesByToken,
  domainNamePagesByToken,
  fixtureRaw,
  type DetailKind,
} from "./__fixtures__/fixtures";

const CREDENTIALS = { accessKeyId: "AKIDTEST", secretAccessKey: "test-secret" };
const normalizeCtx = { accountId: ACCOUNT_ID, region: REGION, fingerprint: makeFingerprint("collect-test-secret-0123") };

function accessDenied(path: string): AccessDeniedException {
  return new AccessDeniedException({
    message: `User: arn:aws:sts::${ACCOUNT_ID}:assumed-role/lantern-scanner/lantern-scanner is not authorized to perform: apigateway:GET on resource: arn:aws:apigateway:${REGION}::${path} because no identity-based policy allows the apigateway:GET action`,
    $metadata: { httpStatusCode: 403 },
  });
}

function throttled(): TooManyRequestsException {
  return new TooManyRequestsException({ message: "Too Many Requests", LimitType: "ThrottlingException", $metadata: { httpStatusCode: 429 } });
}

/**
 * What the SDK throws when GetAuthorizers meets moto: moto answers with an HTML error page and HTTP 500, which
 * the JSON error parser cannot read (recorded from moto 5.2.1 with client-apigatewayv2 3.1169.0).
 */
function motoGetAuthorizersError(): Error {
  return Object.assign(
    new SyntaxError(
      `Unexpected token '<', "<!doctype "... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.`,
    ),
    { $metadata: { httpStatusCode: 500 } },
  );
}

function setup(signal?: AbortSignal) {
  const client = new ApiGatewayV2Client({ region: REGION, credentials: CREDENTIALS, maxAttempts: 1 });
  const mock = mockClient(client);
  const errors: CallError[] = [];
  const ctx: CollectContext = { accountId: ACCOUNT_ID, region: REGION, recordError: (e) => errors.push(e), signal };
  return { clients: { apigatewayv2: client }, mock, errors, ctx };
}

type Mock = ReturnType<typeof setup>["mock"];
type DetailInput = { ApiId?: string; NextToken?: string; MaxResults?: string };

/**
 * Serve the fixtures, paging by NextToken exactly as AWS does; an unknown token is a test failure. Returns the
 * inputs as sent, copied when sent (the same input object may be reused by a caller).
 */
function serveFixtures(mock: Mock) {
  const sent = {
    getApis: [] as GetApisCommandInput[],
    details: [] as (DetailInput & { kind: DetailKind })[],
    domainNames: [] as GetDomainNamesCommandInput[],
    apiMappings: [] as GetApiMappingsCommandInput[],
    getAuthorizer: [] as GetAuthorizerCommandInput[],
  };
  const apiPages = apiPagesByToken();
  mock.on(GetApisCommand).callsFake((input: GetApisCommandInput) => {
    sent.getApis.push({ ...input });
    const page = apiPages[input.NextToken ?? ""];
    if (!page) throw new Error(`unexpected GetApis NextToken ${input.NextToken}`);
    return page;
  });
  const detail = (kind: DetailKind) => (input: DetailInput) => {
    sent.details.push({ kind, ...input });
    const page = detailPagesByToken(input.ApiId ?? "", kind)[input.NextToken ?? ""];
    if (!page) throw new Error(`unexpected ${kind} NextToken ${input.NextToken} for ${input.ApiId}`);
    return page;
  };
  mock.on(GetRoutesCommand).callsFake(detail("routes"));
  mock.on(GetIntegrationsCommand).callsFake(detail("integrations"));
  mock.on(GetAuthorizersCommand).callsFake(detail("authorizers"));
  mock.on(GetStagesCommand).callsFake(detail("stages"));
  mock.on(GetAuthorizerCommand).callsFake((input: GetAuthorizerCommandInput) => {
    sent.getAuthorizer.push({ ...input });
    const found = authorizerById(input.ApiId ?? "", input.AuthorizerId ?? "");
    if (!found) throw new NotFoundException({ message: `Invalid authorizer identifier specified`, $metadata: { httpStatusCode: 404 } });
    return found;
  });
  const domainPages = domainNamePagesByToken();
  mock.on(GetDomainNamesCommand).callsFake((input: GetDomainNamesCommandInput) => {
    sent.domainNames.push({ ...input });
    const page = domainPages[input.NextToken ?? ""];
    if (!page) throw new Error(`unexpected GetDomainNames NextToken ${input.NextToken}`);
    return page;
  });
  mock.on(GetApiMappingsCommand).callsFake((input: GetApiMappingsCommandInput) => {
    sent.apiMappings.push({ ...input });
    const page = apiMappingPagesByToken(input.DomainName ?? "")[input.NextToken ?? ""];
    if (!page) throw new Error(`unexpected GetApiMappings NextToken ${input.NextToken}`);
    return page;
  });
  return sent;
}

function complete(raw: ApiGatewayV2Raw): Extract<ApiGatewayV2Raw, { listing: "complete" }> {
  if (raw.listing !== "complete") throw new Error(`expected a complete listing, got ${JSON.stringify(raw)}`);
  return raw;
}

describe("collectApiGatewayV2", () => {
  it("pages GetApis and every per-API listing with NextToken to the end, and reads domain mappings", async () => {
    const { clients, mock, errors, ctx } = setup();
    const sent = serveFixtures(mock);

    const raw = await collectApiGatewayV2(clients, ctx);

    expect(raw).toEqual(fixtureRaw());
    expect(errors).toEqual([]);
    const apiPages = Object.values(apiPagesByToken());
    expect(sent.getApis).toEqual([
      { MaxResults: PAGE_SIZE, NextToken: undefined },
      { MaxResults: PAGE_SIZE, NextToken: apiPages[0].NextToken },
    ]);
    const ordersCalls = (kind: DetailKind) => sent.details.filter((d) => d.kind === kind && d.ApiId === API_IDS.orders).map((d) => d.NextToken);
    for (const kind of ["routes", "integrations", "authorizers"] as const) {
      expect(ordersCalls(kind)).toEqual([undefined, detailPagesByToken(API_IDS.orders, kind)[""].NextToken]);
    }
    expect(ordersCalls("stages")).toEqual([undefined]);
    for (const d of sent.details) expect(d.MaxResults).toBe(PAGE_SIZE);
    // 3 APIs x 4 listings + 3 extra pages for orders-http.
    expect(sent.details).toHaveLength(15);
    expect(sent.domainNames).toEqual([{ MaxResults: PAGE_SIZE, NextToken: undefined }]);
    expect(sent.apiMappings.map((m) => m.DomainName).sort()).toEqual(["api.example.com", "ws.example.com"]);
    // GetAuthorizers worked: no per-authorizer reads.
    expect(sent.getAuthorizer).toEqual([]);
  });

  it("turns Dates from the SDK into ISO strings so the raw is plain JSON", async () => {
    const { clients, mock, ctx } = setup();
    serveFixtures(mock);
    const raw = complete(await collectApiGatewayV2(clients, ctx));
    expect(raw.apis[0].api.CreatedDate).toBe("2025-02-03T10:11:12.000Z");
    const stages = raw.apis[0].stages;
    expect(stages.status === "ok" && stages.value[0].LastUpdatedDate).toBe("2025-09-14T16:02:03.000Z");
    expect(JSON.parse(JSON.stringify(raw))).toEqual(raw);
  });

  it("feeds normalize: three records with routes, authorizers, stages and mappings", async () => {
    const { clients, mock, ctx } = setup();
    serveFixtures(mock);
    const result = normalizeApiGatewayV2(await collectApiGatewayV2(clients, ctx), normalizeCtx);
    expect(result.listingComplete).toBe(true);
    expect(result.resources.map((r) => r.arn)).toEqual([ARNS.orders, ARNS.chat, ARNS.legacy]);
    const orders = result.resources[0].record;
    expect(orders.routes).toMatchObject({ status: "ok", value: [{}, {}, {}, {}] });
    expect(orders.apiMappings).toMatchObject({ status: "ok", value: [{ domainName: "api.example.com" }] });
  });

  it("records AccessDenied on one API's routes as that API's error outcome; other parts and APIs go on", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    mock.on(GetRoutesCommand, { ApiId: API_IDS.chat }).rejects(accessDenied(`/apis/${API_IDS.chat}/routes`));

    const raw = await collectApiGatewayV2(clients, ctx);

    const chat = apiDetail(raw, API_IDS.chat);
    expect(chat.routes).toEqual({
      status: "error",
      code: "AccessDeniedException",
      message: expect.stringContaining("is not authorized to perform: apigateway:GET"),
    });
    expect(chat.integrations.status).toBe("ok");
    expect(chat.stages.status).toBe("ok");
    expect(chat.authorizers).toEqual({ status: "ok", value: [] });
    expect(apiDetail(raw, API_IDS.orders)).toEqual(apiDetail(fixtureRaw(), API_IDS.orders));
    expect(errors).toEqual([
      { api: "apigatewayv2:GetRoutes", resource: ARNS.chat, code: "AccessDeniedException", message: expect.any(String) },
    ]);
    const record = normalizeApiGatewayV2(raw, normalizeCtx).resources.find((r) => r.arn === ARNS.chat)?.record;
    expect(record?.routes).toMatchObject({ status: "error", code: "AccessDeniedException" });
  });

  it("records every detail call denied on one API, with no authorizer fallback once the routes are unknown", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    const denied = accessDenied(`/apis/${API_IDS.orders}/*`);
    // One line per command: mock.on() is typed per command, so they do not fit in one loop.
    mock.on(GetRoutesCommand, { ApiId: API_IDS.orders }).rejects(denied);
    mock.on(GetIntegrationsCommand, { ApiId: API_IDS.orders }).rejects(denied);
    mock.on(GetStagesCommand, { ApiId: API_IDS.orders }).rejects(denied);
    mock.on(GetAuthorizersCommand, { ApiId: API_IDS.orders }).rejects(denied);

    const raw = await collectApiGatewayV2(clients, ctx);

    const orders = apiDetail(raw, API_IDS.orders);
    for (const part of [orders.routes, orders.integrations, orders.stages, orders.authorizers]) {
      expect(part).toMatchObject({ status: "error", code: "AccessDeniedException" });
    }
    expect(mock.commandCalls(GetAuthorizerCommand)).toHaveLength(0);
    expect(errors.map((e) => [e.api, e.resource, e.code])).toEqual([
      ["apigatewayv2:GetRoutes", ARNS.orders, "AccessDeniedException"],
      ["apigatewayv2:GetIntegrations", ARNS.orders, "AccessDeniedException"],
      ["apigatewayv2:GetStages", ARNS.orders, "AccessDeniedException"],
      ["apigatewayv2:GetAuthorizers", ARNS.orders, "AccessDeniedException"],
    ]);
    expect(apiDetail(raw, API_IDS.chat)).toEqual(apiDetail(fixtureRaw(), API_IDS.chat));
    expect(apiDetail(raw, API_IDS.legacy)).toEqual(apiDetail(fixtureRaw(), API_IDS.legacy));
  });

  it("falls back to GetAuthorizer per referenced authorizer when GetAuthorizers answers HTTP 500 (moto)", async () => {
    const { clients, mock, errors, ctx } = setup();
    const sent = serveFixtures(mock);
    mock.on(GetAuthorizersCommand).rejects(motoGetAuthorizersError());

    const raw = await collectApiGatewayV2(clients, ctx);

    const orders = apiDetail(raw, API_IDS.orders).authorizers;
    expect(orders).toEqual({
      status: "partial",
      code: "InvalidResponse",
      message: expect.stringMatching(/^HTTP 500 with a body that is not JSON: Unexpected token/),
      value: [
        expect.objectContaining({ AuthorizerId: "jwt0001", AuthorizerType: "JWT" }),
        expect.objectContaining({ AuthorizerId: "lam0001", AuthorizerType: "REQUEST" }),
      ],
      unread: [],
    });
    // Only the referenced ones: jwt0002 (no route uses it) is unknown, hence "partial".
    expect(sent.getAuthorizer).toEqual([
      { ApiId: API_IDS.orders, AuthorizerId: "jwt0001" },
      { ApiId: API_IDS.orders, AuthorizerId: "lam0001" },
    ]);
    // APIs whose routes reference no authorizer need no reads, and still are partial.
    expect(apiDetail(raw, API_IDS.chat).authorizers).toMatchObject({ status: "partial", value: [], unread: [] });
    expect(errors.map((e) => [e.api, e.resource, e.code])).toEqual(
      expect.arrayContaining([
        ["apigatewayv2:GetAuthorizers", ARNS.orders, "InvalidResponse"],
        ["apigatewayv2:GetAuthorizers", ARNS.chat, "InvalidResponse"],
        ["apigatewayv2:GetAuthorizers", ARNS.legacy, "InvalidResponse"],
      ]),
    );
    expect(errors).toHaveLength(3);

    const record = normalizeApiGatewayV2(raw, normalizeCtx).resources.find((r) => r.arn === ARNS.orders)?.record;
    if (!record || record.routes.status !== "ok") throw new Error("orders routes should be listed");
    const byKey = new Map(record.routes.value.map((r) => [r.routeKey, r]));
    const post = byKey.get("POST /orders");
    if (!post) throw new Error("no POST /orders");
    expect(authorizerOfRoute(record, post)).toMatchObject({
      status: "ok",
      value: { authorizerType: "REQUEST", lambda: { functionArn: "arn:aws:lambda:us-east-1:111122223333:function:orders-authorizer" } },
    });
  });

  it("falls back on AccessDenied too (partial permissions), keeping a denied GetAuthorizer as unread", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    mock.on(GetAuthorizersCommand, { ApiId: API_IDS.orders }).rejects(accessDenied(`/apis/${API_IDS.orders}/authorizers`));
    mock
      .on(GetAuthorizerCommand, { ApiId: API_IDS.orders, AuthorizerId: "lam0001" })
      .rejects(accessDenied(`/apis/${API_IDS.orders}/authorizers/lam0001`));

    const raw = await collectApiGatewayV2(clients, ctx);

    expect(apiDetail(raw, API_IDS.orders).authorizers).toEqual({
      status: "partial",
      code: "AccessDeniedException",
      message: expect.stringContaining("/authorizers"),
      value: [expect.objectContaining({ AuthorizerId: "jwt0001" })],
      unread: [{ authorizerId: "lam0001", code: "AccessDeniedException", message: expect.stringContaining("/authorizers/lam0001") }],
    });
    expect(apiDetail(raw, API_IDS.chat).authorizers).toEqual({ status: "ok", value: [] });
    expect(errors.map((e) => [e.api, e.resource, e.code])).toEqual([
      ["apigatewayv2:GetAuthorizers", ARNS.orders, "AccessDeniedException"],
      ["apigatewayv2:GetAuthorizer", `${ARNS.orders}/authorizers/lam0001`, "AccessDeniedException"],
    ]);
  });

  it("reports a failed GetApis as a failed listing: no detail calls, normalize keeps nothing", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    mock.on(GetApisCommand).rejects(accessDenied("/apis"));

    const raw = await collectApiGatewayV2(clients, ctx);

    expect(raw).toEqual({ listing: "failed", code: "AccessDeniedException", message: expect.stringContaining("/apis") });
    expect(errors).toEqual([{ api: "apigatewayv2:GetApis", code: "AccessDeniedException", message: expect.any(String) }]);
    expect(mock.calls()).toHaveLength(1);
    expect(normalizeApiGatewayV2(raw, normalizeCtx)).toEqual({ resources: [], listingComplete: false });
  });

  it("treats a GetApis failure on a later page as a failed listing, not a shorter one", async () => {
    const { clients, mock, errors, ctx } = setup();
    const pages = apiPagesByToken();
    mock.on(GetApisCommand).callsFake((input: GetApisCommandInput) => {
      if (input.NextToken) throw throttled();
      return pages[""];
    });

    const raw = await collectApiGatewayV2(clients, ctx);

    expect(raw).toMatchObject({ listing: "failed", code: "TooManyRequestsException" });
    expect(errors).toMatchObject([{ api: "apigatewayv2:GetApis", code: "TooManyRequestsException" }]);
  });

  it("treats a routes failure on a later page as that API's routes error, not fewer routes", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    const pages = detailPagesByToken(API_IDS.orders, "routes");
    mock.on(GetRoutesCommand, { ApiId: API_IDS.orders }).callsFake((input: DetailInput) => {
      if (input.NextToken) throw throttled();
      return pages[""];
    });

    const raw = await collectApiGatewayV2(clients, ctx);

    expect(apiDetail(raw, API_IDS.orders).routes).toEqual({ status: "error", code: "TooManyRequestsException", message: "Too Many Requests" });
    expect(errors).toEqual([
      { api: "apigatewayv2:GetRoutes", resource: ARNS.orders, code: "TooManyRequestsException", message: "Too Many Requests" },
    ]);
  });

  it("keeps a failed GetDomainNames as the domains' error, and a failed GetApiMappings as that domain's", async () => {
    {
      const { clients, mock, errors, ctx } = setup();
      serveFixtures(mock);
      mock.on(GetDomainNamesCommand).rejects(accessDenied("/domainnames"));
      const raw = complete(await collectApiGatewayV2(clients, ctx));
      expect(raw.domains).toMatchObject({ status: "error", code: "AccessDeniedException" });
      expect(mock.commandCalls(GetApiMappingsCommand)).toHaveLength(0);
      expect(errors).toMatchObject([{ api: "apigatewayv2:GetDomainNames", code: "AccessDeniedException" }]);
    }
    {
      const { clients, mock, errors, ctx } = setup();
      serveFixtures(mock);
      mock.on(GetApiMappingsCommand, { DomainName: "ws.example.com" }).rejects(accessDenied("/domainnames/ws.example.com/apimappings"));
      const raw = complete(await collectApiGatewayV2(clients, ctx));
      if (raw.domains.status !== "ok") throw new Error("domains should be listed");
      expect(raw.domains.value.map((d) => [d.domainName, d.apiMappings.status])).toEqual([
        ["api.example.com", "ok"],
        ["ws.example.com", "error"],
      ]);
      expect(errors).toEqual([
        {
          api: "apigatewayv2:GetApiMappings",
          resource: `arn:aws:apigateway:${REGION}::/domainnames/ws.example.com`,
          code: "AccessDeniedException",
          message: expect.any(String),
        },
      ]);
    }
  });

  it("skips the domain calls in a region without APIs", async () => {
    const { clients, mock, errors, ctx } = setup();
    mock.on(GetApisCommand).resolves({ Items: [] });
    expect(await collectApiGatewayV2(clients, ctx)).toEqual({ listing: "complete", apis: [], domains: { status: "ok", value: [] } });
    expect(mock.calls()).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it("keeps at most DETAIL_CONCURRENCY calls in flight", async () => {
    const { clients, mock, ctx } = setup();
    const apis = Array.from({ length: 8 }, (_, i) => ({ ApiId: `api${i}`, Name: `api-${i}`, ProtocolType: "HTTP" as const, RouteSelectionExpression: "$request.method $request.path" }));
    mock.on(GetApisCommand).resolves({ Items: apis });
    let inFlight = 0;
    let maxInFlight = 0;
    const slowEmpty = async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
      return { Items: [] };
    };
    mock.on(GetRoutesCommand).callsFake(slowEmpty);
    mock.on(GetIntegrationsCommand).callsFake(slowEmpty);
    mock.on(GetStagesCommand).callsFake(slowEmpty);
    mock.on(GetAuthorizersCommand).callsFake(slowEmpty);
    mock.on(GetApiMappingsCommand).callsFake(slowEmpty);
    mock.on(GetDomainNamesCommand).resolves({ Items: [{ DomainName: "a.example.com" }, { DomainName: "b.example.com" }] });

    const raw = complete(await collectApiGatewayV2(clients, ctx));

    expect(raw.apis.map((a) => a.api.ApiId)).toEqual(apis.map((a) => a.ApiId));
    expect(maxInFlight).toBe(DETAIL_CONCURRENCY);
    expect(mock.commandCalls(GetRoutesCommand)).toHaveLength(8);
    expect(mock.commandCalls(GetApiMappingsCommand)).toHaveLength(2);
  });

  it("fails a listing that hands out the same NextToken twice instead of paging forever", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    mock.on(GetStagesCommand, { ApiId: API_IDS.legacy }).resolves({ Items: [], NextToken: "again" });

    const raw = await collectApiGatewayV2(clients, ctx);

    expect(apiDetail(raw, API_IDS.legacy).stages).toEqual({
      status: "error",
      code: "InvalidResponse",
      message: "GetStages returned the same NextToken twice",
    });
    expect(mock.commandCalls(GetStagesCommand, { ApiId: API_IDS.legacy })).toHaveLength(2);
    expect(errors).toMatchObject([{ api: "apigatewayv2:GetStages", resource: ARNS.legacy, code: "InvalidResponse" }]);
  });

  it("fails that listing with InvalidResponse when an item lacks the field Lantern keys on", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    mock.on(GetRoutesCommand, { ApiId: API_IDS.legacy }).resolves({ Items: [{ RouteId: "noKey", RouteKey: undefined }] });
    // An API item with nothing but its id (the SDK types say Name/ProtocolType are always sent) is still collected.
    mock.on(GetApisCommand).resolves({ Items: [{ ApiId: API_IDS.legacy, Name: undefined, ProtocolType: undefined, RouteSelectionExpression: undefined }] });

    const raw = await collectApiGatewayV2(clients, ctx);

    expect(apiDetail(raw, API_IDS.legacy).routes).toMatchObject({ status: "error", code: "InvalidResponse", message: expect.stringContaining("RouteKey") });
    expect(errors).toMatchObject([{ api: "apigatewayv2:GetRoutes", code: "InvalidResponse" }]);
    expect(apiDetail(raw, API_IDS.legacy).api).toEqual({ ApiId: API_IDS.legacy });
    expect(apiDetail(raw, API_IDS.legacy).stages.status).toBe("ok");

    const noId = setup();
    noId.mock.on(GetApisCommand).resolves({ Items: [{ Name: "no-id", ProtocolType: "HTTP", RouteSelectionExpression: "x" }] });
    expect(await collectApiGatewayV2(noId.clients, noId.ctx)).toMatchObject({ listing: "failed", code: "InvalidResponse", message: expect.stringContaining("ApiId") });
  });

  it("makes no call when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const { clients, mock, errors, ctx } = setup(controller.signal);
    serveFixtures(mock);
    await expect(collectApiGatewayV2(clients, ctx)).rejects.toMatchObject({ name: "AbortError" });
    expect(mock.calls()).toHaveLength(0);
    expect(errors).toEqual([]);
  });

  it("stops starting calls once aborted, and rejects instead of returning a partial raw", async () => {
    const controller = new AbortController();
    const { clients, mock, errors, ctx } = setup(controller.signal);
    serveFixtures(mock);
    mock.on(GetRoutesCommand).callsFake(() => {
      controller.abort();
      throw throttled();
    });
    await expect(collectApiGatewayV2(clients, ctx)).rejects.toMatchObject({ name: "AbortError" });
    expect(mock.commandCalls(GetRoutesCommand).length).toBeLessThanOrEqual(DETAIL_CONCURRENCY);
    expect(mock.commandCalls(GetIntegrationsCommand)).toHaveLength(0);
    expect(errors).toEqual([]);
  });

  it("passes the abort signal to every SDK call, the GetAuthorizer fallback included", async () => {
    const controller = new AbortController();
    const { clients, mock, ctx } = setup(controller.signal);
    serveFixtures(mock);
    mock.on(GetAuthorizersCommand).rejects(motoGetAuthorizersError());
    await collectApiGatewayV2(clients, ctx);
    expect(mock.commandCalls(GetAuthorizerCommand).length).toBeGreaterThan(0);
    for (const call of mock.calls()) expect((call.args as unknown[])[1]).toMatchObject({ abortSignal: controller.signal });
  });
});
