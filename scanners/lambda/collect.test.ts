// collectLambda against in-process emulated Lambda APIs.
//
// Every AWS call here (ListFunctions, ListEventSourceMappings, GetPolicy, GetFunctionUrlConfig) is emulated with
// aws-sdk-client-mock, serving the recorded-shape responses in __fixtures__, because moto cannot produce what
// these tests are about: it ignores MaxItems/Marker on ListFunctions (one page, no NextMarker), checks no
// permissions (no AccessDeniedException) and never throttles. aws-sdk-client-mock replaces `send`, so the SDK's
// middleware (retries included) does not run; clients are still built with maxAttempts 1 so nothing would retry
// if it did. The one test about retries runs a real client against a local HTTP server answering 429 instead.
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  GetFunctionUrlConfigCommand,
  GetPolicyCommand,
  LambdaClient,
  LambdaServiceException,
  ListEventSourceMappingsCommand,
  ListFunctionsCommand,
  ResourceNotFoundException,
  TooManyRequestsException,
  type GetFunctionUrlConfigCommandInput,
  type GetPolicyCommandInput,
  type ListEventSourceMappingsCommandInput,
  type ListFunctionsCommandInput,
} from "@aws-sdk/client-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { instrument, type CallMetrics } from "@/lib/aws/clients";
import { makeFingerprint } from "@/lib/aws/redact";
import { collectLambda, DETAIL_CONCURRENCY } from "@/scanners/lambda/collect";
import { normalizeLambda } from "@/scanners/lambda/normalize";
import type { LambdaRaw } from "@/scanners/lambda/raw";
import type { CallError, CollectContext } from "@/scanners/types";
import {
  ACCOUNT_ID,
  ARNS,
  FUNCTION_URLS,
  POLICIES,
  REGION,
  esmPagesByMarker,
  fixtureRaw,
  functionPagesByMarker,
} from "./__fixtures__/fixtures";

const CREDENTIALS = { accessKeyId: "AKIDTEST", secretAccessKey: "test-secret" };

function notFound(): ResourceNotFoundException {
  return new ResourceNotFoundException({
    message: "The resource you requested does not exist.",
    Type: "User",
    $metadata: { httpStatusCode: 404 },
  });
}

function accessDenied(action: string, resource = "*"): LambdaServiceException {
  // Lambda does not model AccessDeniedException: the SDK raises a generic service exception named after it.
  return new LambdaServiceException({
    name: "AccessDeniedException",
    $fault: "client",
    $metadata: { httpStatusCode: 403 },
    message: `User: arn:aws:sts::${ACCOUNT_ID}:assumed-role/lantern-scanner/lantern-scanner is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
  });
}

function throttled(): TooManyRequestsException {
  return new TooManyRequestsException({
    message: "Rate exceeded",
    Reason: "CallerRateLimitExceeded",
    Type: "User",
    retryAfterSeconds: "1",
    $metadata: { httpStatusCode: 429 },
  });
}

function setup(signal?: AbortSignal) {
  const client = new LambdaClient({ region: REGION, credentials: CREDENTIALS, maxAttempts: 1 });
  const mock = mockClient(client);
  const errors: CallError[] = [];
  const ctx: CollectContext = { accountId: ACCOUNT_ID, region: REGION, recordError: (e) => errors.push(e), signal };
  return { clients: { lambda: client }, mock, errors, ctx };
}

type Mock = ReturnType<typeof setup>["mock"];

/**
 * Serve the fixtures, paging by Marker exactly as AWS does; an unknown Marker is a test failure. Returns the
 * list inputs as sent: the SDK paginator reuses one input object, so commandCalls() shows only its last state.
 */
function serveFixtures(mock: Mock) {
  const functionPages = functionPagesByMarker();
  const esmPages = esmPagesByMarker();
  const sent = { listFunctions: [] as ListFunctionsCommandInput[], listEsm: [] as ListEventSourceMappingsCommandInput[] };
  mock.on(ListFunctionsCommand).callsFake((input: ListFunctionsCommandInput) => {
    sent.listFunctions.push({ ...input });
    const page = functionPages[input.Marker ?? ""];
    if (!page) throw new Error(`unexpected ListFunctions Marker ${input.Marker}`);
    return page;
  });
  mock.on(ListEventSourceMappingsCommand).callsFake((input: ListEventSourceMappingsCommandInput) => {
    sent.listEsm.push({ ...input });
    const page = esmPages[input.Marker ?? ""];
    if (!page) throw new Error(`unexpected ListEventSourceMappings Marker ${input.Marker}`);
    return page;
  });
  mock.on(GetPolicyCommand).callsFake((input: GetPolicyCommandInput) => {
    const policy = POLICIES[input.FunctionName ?? ""];
    if (!policy) throw notFound();
    return { ...policy, $metadata: { httpStatusCode: 200 } };
  });
  mock.on(GetFunctionUrlConfigCommand).callsFake((input: GetFunctionUrlConfigCommandInput) => {
    const url = FUNCTION_URLS[input.FunctionName ?? ""];
    if (!url) throw notFound();
    return { ...url, $metadata: { httpStatusCode: 200 } };
  });
  return sent;
}

function complete(raw: LambdaRaw): Extract<LambdaRaw, { listing: "complete" }> {
  if (raw.listing !== "complete") throw new Error(`expected a complete listing, got ${JSON.stringify(raw)}`);
  return raw;
}

function functionRaw(raw: LambdaRaw, arn: string) {
  const fn = complete(raw).functions.find((f) => f.configuration.FunctionArn === arn);
  if (!fn) throw new Error(`no function ${arn}`);
  return fn;
}

const normalizeCtx = { accountId: ACCOUNT_ID, region: REGION, fingerprint: makeFingerprint("collect-test-secret-0123") };

describe("collectLambda", () => {
  it("pages ListFunctions (3 pages) and ListEventSourceMappings (2 pages) to the end and fetches each function's details", async () => {
    const { clients, mock, errors, ctx } = setup();
    const sent = serveFixtures(mock);

    const raw = await collectLambda(clients, ctx);

    expect(raw).toEqual(fixtureRaw());
    expect(errors).toEqual([]);
    const pages = Object.values(functionPagesByMarker());
    expect(sent.listFunctions).toEqual([
      { Marker: undefined, MaxItems: 50 },
      { Marker: pages[0].NextMarker, MaxItems: 50 },
      { Marker: pages[1].NextMarker, MaxItems: 50 },
    ]);
    // One region-wide listing: no per-function filter.
    expect(sent.listEsm).toEqual([
      { Marker: undefined, MaxItems: 100 },
      { Marker: esmPagesByMarker()[""].NextMarker, MaxItems: 100 },
    ]);
    const allArns = Object.values(ARNS).sort();
    expect(mock.commandCalls(GetPolicyCommand).map((c) => c.args[0].input.FunctionName).sort()).toEqual(allArns);
    expect(mock.commandCalls(GetFunctionUrlConfigCommand).map((c) => c.args[0].input.FunctionName).sort()).toEqual(allArns);
  });

  it("turns Dates from the SDK into ISO strings so the raw is plain JSON", async () => {
    const { clients, mock, ctx } = setup();
    serveFixtures(mock);
    const raw = complete(await collectLambda(clients, ctx));
    if (raw.eventSourceMappings.status !== "ok") throw new Error("mappings should be listed");
    expect(raw.eventSourceMappings.value[0].LastModified).toBe("2026-10-01T10:05:00.000Z");
    expect(JSON.parse(JSON.stringify(raw))).toEqual(raw);
  });

  it("feeds normalize: five records with policy, URL and mapping outcomes", async () => {
    const { clients, mock, ctx } = setup();
    serveFixtures(mock);
    const result = normalizeLambda(await collectLambda(clients, ctx), normalizeCtx);
    expect(result.listingComplete).toBe(true);
    const byArn = new Map(result.resources.map((r) => [r.arn, r.record]));
    expect([...byArn.keys()].sort()).toEqual(Object.values(ARNS).sort());
    expect(byArn.get(ARNS.ordersApi)?.policy.status).toBe("ok");
    expect(byArn.get(ARNS.ordersApi)?.url).toMatchObject({ status: "ok", value: { authType: "NONE" } });
    expect(byArn.get(ARNS.queueWorker)?.eventSourceMappings).toMatchObject({ status: "ok", value: [{}, {}] });
  });

  it("reads GetPolicy / GetFunctionUrlConfig ResourceNotFoundException as absent, not as an error", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    const raw = await collectLambda(clients, ctx);
    expect(functionRaw(raw, ARNS.queueWorker).policy).toEqual({ status: "absent" });
    expect(functionRaw(raw, ARNS.queueWorker).url).toEqual({ status: "absent" });
    expect(errors).toEqual([]);
  });

  it("records AccessDenied on GetPolicy and stores it as that function's error outcome; the rest goes on", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    mock.on(GetPolicyCommand, { FunctionName: ARNS.ordersApi }).rejects(accessDenied("lambda:GetPolicy", ARNS.ordersApi));

    const raw = await collectLambda(clients, ctx);

    expect(functionRaw(raw, ARNS.ordersApi).policy).toEqual({
      status: "error",
      code: "AccessDeniedException",
      message: expect.stringContaining("is not authorized to perform: lambda:GetPolicy"),
    });
    expect(functionRaw(raw, ARNS.ordersApi).url.status).toBe("ok");
    expect(functionRaw(raw, ARNS.legacyReport).policy.status).toBe("ok");
    expect(errors).toEqual([
      { api: "lambda:GetPolicy", resource: ARNS.ordersApi, code: "AccessDeniedException", message: expect.any(String) },
    ]);
    const record = normalizeLambda(raw, normalizeCtx).resources.find((r) => r.arn === ARNS.ordersApi)?.record;
    expect(record?.policy).toMatchObject({ status: "error", code: "AccessDeniedException" });
  });

  it("reports a failed ListFunctions as a failed listing: no details fetched, normalize keeps nothing", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    mock.on(ListFunctionsCommand).rejects(accessDenied("lambda:ListFunctions"));

    const raw = await collectLambda(clients, ctx);

    expect(raw).toEqual({ listing: "failed", code: "AccessDeniedException", message: expect.stringContaining("lambda:ListFunctions") });
    expect(errors).toEqual([{ api: "lambda:ListFunctions", code: "AccessDeniedException", message: expect.any(String) }]);
    expect(mock.commandCalls(ListEventSourceMappingsCommand)).toHaveLength(0);
    expect(mock.commandCalls(GetPolicyCommand)).toHaveLength(0);
    expect(normalizeLambda(raw, normalizeCtx)).toEqual({ resources: [], listingComplete: false });
  });

  it("treats a ListFunctions failure on a later page as a failed listing, not a shorter one", async () => {
    const { clients, mock, errors, ctx } = setup();
    const pages = functionPagesByMarker();
    mock.on(ListFunctionsCommand).callsFake((input: ListFunctionsCommandInput) => {
      if (input.Marker) throw throttled();
      return pages[""];
    });

    const raw = await collectLambda(clients, ctx);

    expect(raw).toMatchObject({ listing: "failed", code: "TooManyRequestsException" });
    expect(errors).toMatchObject([{ api: "lambda:ListFunctions", code: "TooManyRequestsException" }]);
    expect(normalizeLambda(raw, normalizeCtx).listingComplete).toBe(false);
  });

  it("gives every function an error outcome for its mappings when ListEventSourceMappings fails", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    mock.on(ListEventSourceMappingsCommand).rejects(accessDenied("lambda:ListEventSourceMappings"));

    const raw = await collectLambda(clients, ctx);

    expect(complete(raw).eventSourceMappings).toMatchObject({ status: "error", code: "AccessDeniedException" });
    expect(errors).toMatchObject([{ api: "lambda:ListEventSourceMappings", code: "AccessDeniedException" }]);
    const result = normalizeLambda(raw, normalizeCtx);
    expect(result.listingComplete).toBe(true);
    expect(result.resources).toHaveLength(5);
    for (const r of result.resources) expect(r.record.eventSourceMappings).toMatchObject({ status: "error", code: "AccessDeniedException" });
    expect(result.resources.find((r) => r.arn === ARNS.ordersApi)?.record.policy.status).toBe("ok");
  });

  it("surfaces a throttle that outlasted the SDK's retries as that call's error outcome", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    mock.on(GetFunctionUrlConfigCommand, { FunctionName: ARNS.imageResizer }).rejects(throttled());

    const raw = await collectLambda(clients, ctx);

    expect(functionRaw(raw, ARNS.imageResizer).url).toEqual({ status: "error", code: "TooManyRequestsException", message: "Rate exceeded" });
    expect(errors).toEqual([
      { api: "lambda:GetFunctionUrlConfig", resource: ARNS.imageResizer, code: "TooManyRequestsException", message: "Rate exceeded" },
    ]);
  });

  it("keeps at most DETAIL_CONCURRENCY detail calls in flight", async () => {
    const { clients, mock, ctx } = setup();
    const functions = Array.from({ length: 12 }, (_, i) => ({
      FunctionName: `fn-${i}`,
      FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:fn-${i}`,
    }));
    mock.on(ListFunctionsCommand).resolves({ Functions: functions });
    mock.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [] });
    let inFlight = 0;
    let maxInFlight = 0;
    const slowNotFound = async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
      throw notFound();
    };
    mock.on(GetPolicyCommand).callsFake(slowNotFound);
    mock.on(GetFunctionUrlConfigCommand).callsFake(slowNotFound);

    const raw = complete(await collectLambda(clients, ctx));

    expect(raw.functions).toHaveLength(12);
    expect(maxInFlight).toBe(DETAIL_CONCURRENCY);
    expect(mock.commandCalls(GetPolicyCommand)).toHaveLength(12);
  });

  it("skips ListEventSourceMappings in a region without functions", async () => {
    const { clients, mock, errors, ctx } = setup();
    mock.on(ListFunctionsCommand).resolves({ Functions: [] });
    expect(await collectLambda(clients, ctx)).toEqual({
      listing: "complete",
      functions: [],
      eventSourceMappings: { status: "ok", value: [] },
    });
    expect(mock.commandCalls(ListEventSourceMappingsCommand)).toHaveLength(0);
    expect(errors).toEqual([]);
  });

  it("fails the listing with InvalidResponse when a listed function has no ARN", async () => {
    const { clients, mock, errors, ctx } = setup();
    mock.on(ListFunctionsCommand).resolves({ Functions: [{ FunctionName: "no-arn" }] });
    const raw = await collectLambda(clients, ctx);
    expect(raw).toMatchObject({ listing: "failed", code: "InvalidResponse", message: expect.stringContaining("FunctionArn") });
    expect(errors).toMatchObject([{ api: "lambda:ListFunctions", code: "InvalidResponse" }]);
  });

  it("makes no call when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const { clients, mock, errors, ctx } = setup(controller.signal);
    serveFixtures(mock);
    await expect(collectLambda(clients, ctx)).rejects.toMatchObject({ name: "AbortError" });
    expect(mock.calls()).toHaveLength(0);
    expect(errors).toEqual([]);
  });

  it("stops starting detail calls once aborted, and rejects instead of returning a partial raw", async () => {
    const controller = new AbortController();
    const { clients, mock, errors, ctx } = setup(controller.signal);
    serveFixtures(mock);
    mock.on(GetPolicyCommand).callsFake(() => {
      controller.abort();
      throw notFound();
    });
    await expect(collectLambda(clients, ctx)).rejects.toMatchObject({ name: "AbortError" });
    const detailCalls = mock.commandCalls(GetPolicyCommand).length + mock.commandCalls(GetFunctionUrlConfigCommand).length;
    expect(detailCalls).toBeLessThan(10);
    expect(errors).toEqual([]);
  });

  it("passes the abort signal to every SDK call", async () => {
    const controller = new AbortController();
    const { clients, mock, ctx } = setup(controller.signal);
    serveFixtures(mock);
    await collectLambda(clients, ctx);
    for (const call of mock.calls()) expect((call.args as unknown[])[1]).toMatchObject({ abortSignal: controller.signal });
  });
});

describe("collectLambda with the SDK's real retry loop", () => {
  // Not aws-sdk-client-mock: it bypasses the middleware stack, so it cannot show retries happening. A local
  // HTTP server answering every request with Lambda's 429 TooManyRequestsException lets the real client retry.
  let server: Server | undefined;
  afterEach(async () => {
    if (server) await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  it("retries a throttled ListFunctions, counts every attempt, then records the throttle", async () => {
    let requests = 0;
    server = createServer((_req, res) => {
      requests++;
      res.writeHead(429, { "content-type": "application/json", "x-amzn-errortype": "TooManyRequestsException" });
      res.end(JSON.stringify({ message: "Rate exceeded", Reason: "CallerRateLimitExceeded", Type: "User" }));
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;

    const metrics: CallMetrics = { calls: 0, throttles: 0 };
    const lambda = instrument(
      new LambdaClient({
        region: REGION,
        credentials: CREDENTIALS,
        endpoint: `http://127.0.0.1:${port}`,
        maxAttempts: 2,
        retryMode: "standard",
      }),
      metrics,
    );
    const errors: CallError[] = [];

    const raw = await collectLambda({ lambda }, { accountId: ACCOUNT_ID, region: REGION, recordError: (e) => errors.push(e) });

    expect(requests).toBe(2);
    expect(metrics).toEqual({ calls: 2, throttles: 2 });
    expect(raw).toEqual({ listing: "failed", code: "TooManyRequestsException", message: "Rate exceeded" });
    expect(errors).toEqual([{ api: "lambda:ListFunctions", code: "TooManyRequestsException", message: "Rate exceeded" }]);
  });
});
