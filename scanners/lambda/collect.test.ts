// collectLambda against in-process emulated Lambda APIs.
//
// Every AWS call here is emulated with aws-sdk-client-mock, serving the recorded-shape responses in __fixtures__
// (see __fixtures__/serve.ts), because moto cannot produce what these tests are about: it ignores MaxItems/Marker
// (one page, no NextMarker), checks no permissions (no AccessDeniedException), never throttles, lacks
// ListFunctionUrlConfigs, ListProvisionedConcurrencyConfigs, GetAccountSettings and GetFunctionRecursionConfig,
// and answers ListFunctionEventInvokeConfigs with a reply the SDK cannot read. aws-sdk-client-mock replaces
// `send`, so the SDK's middleware (retries included) does not run; clients are still built with maxAttempts 1 so
// nothing would retry if it did. The one test about retries runs a real client against a local HTTP server
// answering 429 instead.
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  GetAccountSettingsCommand,
  GetFunctionCodeSigningConfigCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionEventInvokeConfigCommand,
  GetFunctionRecursionConfigCommand,
  GetFunctionUrlConfigCommand,
  GetLayerVersionPolicyCommand,
  GetPolicyCommand,
  LambdaClient,
  LambdaServiceException,
  ListAliasesCommand,
  ListEventSourceMappingsCommand,
  ListFunctionEventInvokeConfigsCommand,
  ListFunctionsCommand,
  ListFunctionUrlConfigsCommand,
  ListLayersCommand,
  ListLayerVersionsCommand,
  ListProvisionedConcurrencyConfigsCommand,
  ListTagsCommand,
  ListVersionsByFunctionCommand,
  TooManyRequestsException,
  type ListFunctionsCommandInput,
} from "@aws-sdk/client-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { instrument, type CallMetrics } from "@/lib/aws/clients";
import { makeFingerprint } from "@/lib/aws/redact";
import { collectLambda, DETAIL_CONCURRENCY, isUnknownOperation, isUnparseableReply } from "@/scanners/lambda/collect";
import { normalizeLambda } from "@/scanners/lambda/normalize";
import type { LambdaRaw, TLambdaFunctionRaw } from "@/scanners/lambda/raw";
import type { CallError, CollectContext } from "@/scanners/types";
import {
  ACCOUNT_ID,
  ARNS,
  LAYER_VERSION_ARNS,
  REGION,
  esmPagesByMarker,
  fixtureRaw,
  functionPagesByMarker,
} from "./__fixtures__/fixtures";
import { notFound, serveFixtures, type LambdaMock } from "./__fixtures__/serve";

const CREDENTIALS = { accessKeyId: "AKIDTEST", secretAccessKey: "test-secret" };

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

/** What the SDK throws for moto's HTML 404 page (recorded against moto 5.2.1: a SyntaxError with $metadata, no $fault). */
function emulatorNotImplemented(): Error {
  return Object.assign(
    new SyntaxError(
      `Unexpected token '<', "<!doctype "... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.`,
    ),
    { $metadata: { httpStatusCode: 404 } },
  );
}

/** What the SDK throws for moto's ListFunctionEventInvokeConfigs reply (recorded: HTTP 200, ISO LastModified). */
function unreadableReply(): Error {
  return Object.assign(
    new TypeError(
      "Expected real number, got implicit NaN\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.",
    ),
    { $metadata: { httpStatusCode: 200 } },
  );
}

function setup(signal?: AbortSignal) {
  const client = new LambdaClient({ region: REGION, credentials: CREDENTIALS, maxAttempts: 1 });
  const mock: LambdaMock = mockClient(client);
  const errors: CallError[] = [];
  const ctx: CollectContext = { accountId: ACCOUNT_ID, region: REGION, recordError: (e) => errors.push(e), signal };
  return { clients: { lambda: client }, mock, errors, ctx };
}

function functionsOf(raw: LambdaRaw): TLambdaFunctionRaw[] {
  if (raw.functions.status !== "ok") throw new Error(`expected a complete function listing, got ${JSON.stringify(raw.functions)}`);
  return raw.functions.value;
}

function functionRaw(raw: LambdaRaw, arn: string): TLambdaFunctionRaw {
  const fn = functionsOf(raw).find((f) => f.configuration.FunctionArn === arn);
  if (!fn) throw new Error(`no function ${arn}`);
  return fn;
}

const normalizeCtx = { accountId: ACCOUNT_ID, region: REGION, fingerprint: makeFingerprint("collect-test-secret-0123") };

function functionRecord(raw: LambdaRaw, arn: string) {
  const record = normalizeLambda(raw, normalizeCtx).lambda_function.resources.find((r) => r.arn === arn)?.record;
  if (!record) throw new Error(`no record for ${arn}`);
  return record;
}

const inputsOf = (mock: LambdaMock, command: Parameters<LambdaMock["commandCalls"]>[0]) =>
  mock.commandCalls(command).map((c) => c.args[0].input as Record<string, unknown>);

/** The calls a full collection over the fixtures makes, per command (see fixtures.ts for the estate). */
const FULL_COLLECTION_CALLS: [Parameters<LambdaMock["commandCalls"]>[0], number][] = [
  [ListFunctionsCommand, 3],
  [ListEventSourceMappingsCommand, 2],
  [ListLayersCommand, 2],
  [ListLayerVersionsCommand, 3], // shared-utils: 2 pages, internal-auth: 1
  [GetLayerVersionPolicyCommand, 4],
  [GetAccountSettingsCommand, 1],
  [GetPolicyCommand, 9], // 5 unqualified + queue-worker's versions 1, 2 and aliases live, canary
  [ListVersionsByFunctionCommand, 6], // queue-worker: 2 pages
  [ListAliasesCommand, 6], // queue-worker: 2 pages
  [ListFunctionUrlConfigsCommand, 5],
  [GetFunctionConcurrencyCommand, 5],
  [ListFunctionEventInvokeConfigsCommand, 5],
  [GetFunctionCodeSigningConfigCommand, 5],
  [ListTagsCommand, 5],
  [GetFunctionRecursionConfigCommand, 5],
  [ListProvisionedConcurrencyConfigsCommand, 2], // queue-worker only (2 pages): the others have nothing beyond $LATEST
  [GetFunctionUrlConfigCommand, 0],
  [GetFunctionEventInvokeConfigCommand, 0],
];

describe("collectLambda", () => {
  it("pages every listing to the end, fetches each function's details and makes exactly the expected calls", async () => {
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
    for (const [command, count] of FULL_COLLECTION_CALLS) expect(mock.commandCalls(command), command.name).toHaveLength(count);
    expect(mock.calls()).toHaveLength(FULL_COLLECTION_CALLS.reduce((n, [, c]) => n + c, 0));
    const allArns = Object.values(ARNS).sort();
    expect(inputsOf(mock, GetPolicyCommand).filter((i) => !i.Qualifier).map((i) => i.FunctionName).sort()).toEqual(allArns);
    expect(inputsOf(mock, ListTagsCommand).map((i) => i.Resource).sort()).toEqual(allArns);
  });

  it("reads qualifier policies and provisioned concurrency only for a function with versions or aliases", async () => {
    const { clients, mock, ctx } = setup();
    serveFixtures(mock);
    await collectLambda(clients, ctx);
    expect(inputsOf(mock, GetPolicyCommand).filter((i) => i.Qualifier)).toEqual([
      { FunctionName: ARNS.queueWorker, Qualifier: "1" },
      { FunctionName: ARNS.queueWorker, Qualifier: "2" },
      { FunctionName: ARNS.queueWorker, Qualifier: "live" },
      { FunctionName: ARNS.queueWorker, Qualifier: "canary" },
    ]);
    expect(new Set(inputsOf(mock, ListProvisionedConcurrencyConfigsCommand).map((i) => i.FunctionName))).toEqual(new Set([ARNS.queueWorker]));
  });

  it("never calls GetFunction (it returns a presigned code download URL)", async () => {
    const { clients, mock, ctx } = setup();
    serveFixtures(mock);
    await collectLambda(clients, ctx);
    expect(mock.calls().map((c) => c.args[0].constructor.name)).not.toContain("GetFunctionCommand");
  });

  it("turns Dates from the SDK into ISO strings so the raw is plain JSON", async () => {
    const { clients, mock, ctx } = setup();
    serveFixtures(mock);
    const raw = await collectLambda(clients, ctx);
    if (raw.eventSourceMappings.status !== "ok") throw new Error("mappings should be listed");
    expect(raw.eventSourceMappings.value[0].LastModified).toBe("2026-10-01T10:05:00.000Z");
    const legacy = functionRaw(raw, ARNS.legacyReport).eventInvokeConfigs;
    expect(legacy).toMatchObject({ via: "ListFunctionEventInvokeConfigs", result: { status: "ok", value: [{ LastModified: "2021-06-02T17:45:00.000Z" }] } });
    expect(JSON.parse(JSON.stringify(raw))).toEqual(raw);
  });

  it("feeds normalize: every kind with a complete listing", async () => {
    const { clients, mock, ctx } = setup();
    serveFixtures(mock);
    const out = normalizeLambda(await collectLambda(clients, ctx), normalizeCtx);
    expect(out.lambda_function.listingComplete).toBe(true);
    const byArn = new Map(out.lambda_function.resources.map((r) => [r.arn, r.record]));
    expect([...byArn.keys()].sort()).toEqual(Object.values(ARNS).sort());
    expect(byArn.get(ARNS.ordersApi)?.policy.status).toBe("ok");
    expect(byArn.get(ARNS.ordersApi)?.url).toMatchObject({ status: "ok", value: { authType: "NONE" } });
    expect(byArn.get(ARNS.queueWorker)?.eventSourceMappings).toMatchObject({ status: "ok", value: [{}, {}] });
    expect(out.lambda_layer_version).toMatchObject({ listingComplete: true });
    expect(out.lambda_layer_version.resources.map((r) => r.arn).sort()).toEqual(Object.values(LAYER_VERSION_ARNS).sort());
    expect(out.lambda_event_source_mapping).toMatchObject({ listingComplete: true });
    expect(out.lambda_event_source_mapping.resources).toHaveLength(5);
    expect(out.lambda_account_settings).toMatchObject({ listingComplete: true, resources: [{ record: { settings: { status: "ok" } } }] });
  });

  it("reads ResourceNotFoundException from GetPolicy, GetLayerVersionPolicy and qualifier GetPolicy as absent, not as an error", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    const raw = await collectLambda(clients, ctx);
    expect(functionRaw(raw, ARNS.queueWorker).policy).toEqual({ status: "absent" });
    expect(functionRaw(raw, ARNS.queueWorker).qualifierPolicies.find((q) => q.qualifier === "1")?.policy).toEqual({ status: "absent" });
    if (raw.layers.status !== "ok") throw new Error("layers should be listed");
    expect(raw.layers.value[0].versions.find((v) => v.version.Version === 5)?.policy).toEqual({ status: "absent" });
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
    expect(functionRaw(raw, ARNS.ordersApi).urls).toMatchObject({ via: "ListFunctionUrlConfigs", result: { status: "ok" } });
    expect(functionRaw(raw, ARNS.legacyReport).policy.status).toBe("ok");
    expect(errors).toEqual([
      { api: "lambda:GetPolicy", resource: ARNS.ordersApi, code: "AccessDeniedException", message: expect.any(String) },
    ]);
    const record = functionRecord(raw, ARNS.ordersApi);
    expect(record.policy).toMatchObject({ status: "error", code: "AccessDeniedException" });
    expect(record.triggerGaps).toEqual([
      { via: "resource_policy", qualifier: null, api: "lambda:GetPolicy", code: "AccessDeniedException", message: expect.any(String) },
    ]);
  });

  // One row per call: deny it (for queue-worker where it is per function) and check the outcome it fills.
  const deniedCases: {
    api: string;
    deny: (mock: LambdaMock, err: Error) => void;
    resource?: string;
    outcome: (raw: LambdaRaw) => unknown;
    record?: (raw: LambdaRaw) => unknown;
  }[] = [
    {
      api: "lambda:ListVersionsByFunction",
      // Asked by name (moto answers an ARN with no versions), recorded by ARN.
      deny: (mock, err) => mock.on(ListVersionsByFunctionCommand, { FunctionName: "queue-worker" }).rejects(err),
      resource: ARNS.queueWorker,
      outcome: (raw) => functionRaw(raw, ARNS.queueWorker).versions,
      record: (raw) => functionRecord(raw, ARNS.queueWorker).versions,
    },
    {
      api: "lambda:ListAliases",
      deny: (mock, err) => mock.on(ListAliasesCommand, { FunctionName: ARNS.queueWorker }).rejects(err),
      resource: ARNS.queueWorker,
      outcome: (raw) => functionRaw(raw, ARNS.queueWorker).aliases,
      record: (raw) => functionRecord(raw, ARNS.queueWorker).aliases,
    },
    {
      api: "lambda:GetPolicy",
      deny: (mock, err) => mock.on(GetPolicyCommand, { FunctionName: ARNS.queueWorker, Qualifier: "live" }).rejects(err),
      resource: `${ARNS.queueWorker}:live`,
      outcome: (raw) => functionRaw(raw, ARNS.queueWorker).qualifierPolicies.find((q) => q.qualifier === "live")?.policy,
      record: (raw) => functionRecord(raw, ARNS.queueWorker).qualifierPolicies.find((q) => q.qualifier === "live")?.policy,
    },
    {
      api: "lambda:ListFunctionUrlConfigs",
      deny: (mock, err) => mock.on(ListFunctionUrlConfigsCommand, { FunctionName: ARNS.queueWorker }).rejects(err),
      resource: ARNS.queueWorker,
      outcome: (raw) => {
        const urls = functionRaw(raw, ARNS.queueWorker).urls;
        return urls.via === "ListFunctionUrlConfigs" ? urls.result : urls;
      },
      record: (raw) => functionRecord(raw, ARNS.queueWorker).urls,
    },
    {
      api: "lambda:GetFunctionConcurrency",
      deny: (mock, err) => mock.on(GetFunctionConcurrencyCommand, { FunctionName: ARNS.queueWorker }).rejects(err),
      resource: ARNS.queueWorker,
      outcome: (raw) => functionRaw(raw, ARNS.queueWorker).concurrency,
      record: (raw) => functionRecord(raw, ARNS.queueWorker).reservedConcurrency,
    },
    {
      api: "lambda:ListProvisionedConcurrencyConfigs",
      deny: (mock, err) => mock.on(ListProvisionedConcurrencyConfigsCommand, { FunctionName: ARNS.queueWorker }).rejects(err),
      resource: ARNS.queueWorker,
      outcome: (raw) => functionRaw(raw, ARNS.queueWorker).provisionedConcurrency,
      record: (raw) => functionRecord(raw, ARNS.queueWorker).provisionedConcurrency,
    },
    {
      api: "lambda:ListFunctionEventInvokeConfigs",
      deny: (mock, err) => mock.on(ListFunctionEventInvokeConfigsCommand, { FunctionName: ARNS.queueWorker }).rejects(err),
      resource: ARNS.queueWorker,
      outcome: (raw) => {
        const c = functionRaw(raw, ARNS.queueWorker).eventInvokeConfigs;
        return c.via === "ListFunctionEventInvokeConfigs" ? c.result : c;
      },
      record: (raw) => functionRecord(raw, ARNS.queueWorker).eventInvokeConfigs,
    },
    {
      api: "lambda:GetFunctionCodeSigningConfig",
      deny: (mock, err) => mock.on(GetFunctionCodeSigningConfigCommand, { FunctionName: ARNS.queueWorker }).rejects(err),
      resource: ARNS.queueWorker,
      outcome: (raw) => functionRaw(raw, ARNS.queueWorker).codeSigning,
      record: (raw) => functionRecord(raw, ARNS.queueWorker).codeSigningConfigArn,
    },
    {
      api: "lambda:ListTags",
      deny: (mock, err) => mock.on(ListTagsCommand, { Resource: ARNS.queueWorker }).rejects(err),
      resource: ARNS.queueWorker,
      outcome: (raw) => functionRaw(raw, ARNS.queueWorker).tags,
      record: (raw) => functionRecord(raw, ARNS.queueWorker).tags,
    },
    {
      api: "lambda:GetFunctionRecursionConfig",
      deny: (mock, err) => mock.on(GetFunctionRecursionConfigCommand, { FunctionName: ARNS.queueWorker }).rejects(err),
      resource: ARNS.queueWorker,
      outcome: (raw) => functionRaw(raw, ARNS.queueWorker).recursion,
      record: (raw) => functionRecord(raw, ARNS.queueWorker).recursiveLoop,
    },
    {
      api: "lambda:ListLayers",
      deny: (mock, err) => mock.on(ListLayersCommand).rejects(err),
      outcome: (raw) => raw.layers,
    },
    {
      api: "lambda:ListLayerVersions",
      deny: (mock, err) => mock.on(ListLayerVersionsCommand, { LayerName: "shared-utils" }).rejects(err),
      resource: "arn:aws:lambda:us-east-1:111122223333:layer:shared-utils",
      outcome: (raw) => (raw.layers.status === "ok" ? raw.layers.value[0].versionsListing : raw.layers),
    },
    {
      api: "lambda:GetLayerVersionPolicy",
      deny: (mock, err) => mock.on(GetLayerVersionPolicyCommand, { LayerName: "shared-utils", VersionNumber: 7 }).rejects(err),
      resource: LAYER_VERSION_ARNS.sharedUtils7,
      outcome: (raw) => (raw.layers.status === "ok" ? raw.layers.value[0].versions[0].policy : raw.layers),
      record: (raw) =>
        normalizeLambda(raw, normalizeCtx).lambda_layer_version.resources.find((r) => r.arn === LAYER_VERSION_ARNS.sharedUtils7)?.record.policy,
    },
    {
      api: "lambda:GetAccountSettings",
      deny: (mock, err) => mock.on(GetAccountSettingsCommand).rejects(err),
      outcome: (raw) => raw.accountSettings,
      record: (raw) => normalizeLambda(raw, normalizeCtx).lambda_account_settings.resources[0].record.settings,
    },
  ];

  it.each(deniedCases)("records AccessDenied on $api as that outcome's error, and the record carries it", async (c) => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    c.deny(mock, accessDenied(c.api, c.resource));

    const raw = await collectLambda(clients, ctx);

    const expected = { status: "error", code: "AccessDeniedException", message: expect.stringContaining(`perform: ${c.api}`) };
    expect(c.outcome(raw)).toEqual(expected);
    if (c.record) expect(c.record(raw)).toEqual(expected);
    expect(errors).toEqual([{ api: c.api, ...(c.resource ? { resource: c.resource } : {}), code: "AccessDeniedException", message: expect.any(String) }]);
    // Every other function is untouched.
    expect(functionRaw(raw, ARNS.ordersApi)).toEqual(functionRaw(fixtureRaw(), ARNS.ordersApi));
  });

  it("still reads alias policies and provisioned concurrency when ListVersionsByFunction fails", async () => {
    const { clients, mock, ctx } = setup();
    serveFixtures(mock);
    mock.on(ListVersionsByFunctionCommand, { FunctionName: "queue-worker" }).rejects(accessDenied("lambda:ListVersionsByFunction"));
    const raw = await collectLambda(clients, ctx);
    expect(functionRaw(raw, ARNS.queueWorker).qualifierPolicies.map((q) => q.qualifier)).toEqual(["live", "canary"]);
    expect(functionRaw(raw, ARNS.queueWorker).provisionedConcurrency).toMatchObject({ status: "ok" });
    const record = functionRecord(raw, ARNS.queueWorker);
    expect(record.triggerGaps).toContainEqual(expect.objectContaining({ via: "resource_policy", qualifier: null, api: "lambda:ListVersionsByFunction" }));
  });

  it("calls ListProvisionedConcurrencyConfigs when the qualifiers are unknown, even for a function without any", async () => {
    const { clients, mock, ctx } = setup();
    serveFixtures(mock);
    mock.on(ListAliasesCommand, { FunctionName: ARNS.ordersApi }).rejects(accessDenied("lambda:ListAliases"));
    mock.on(ListProvisionedConcurrencyConfigsCommand, { FunctionName: ARNS.ordersApi }).resolves({ ProvisionedConcurrencyConfigs: [] });
    const raw = await collectLambda(clients, ctx);
    expect(functionRaw(raw, ARNS.ordersApi).provisionedConcurrency).toEqual({ status: "ok", value: [] });
    expect(inputsOf(mock, ListProvisionedConcurrencyConfigsCommand).map((i) => i.FunctionName)).toContain(ARNS.ordersApi);
  });

  describe("function URLs when the endpoint lacks ListFunctionUrlConfigs (moto)", () => {
    it("falls back to GetFunctionUrlConfig for $LATEST and each alias, says so, and records no error for the 404", async () => {
      const { clients, mock, errors, ctx } = setup();
      serveFixtures(mock);
      mock.on(ListFunctionUrlConfigsCommand).rejects(emulatorNotImplemented());

      const raw = await collectLambda(clients, ctx);

      expect(errors).toEqual([]);
      // Asked only by the functions already in progress: the later ones go straight to the fallback.
      expect(mock.commandCalls(ListFunctionUrlConfigsCommand).length).toBeLessThanOrEqual(DETAIL_CONCURRENCY);
      expect(mock.commandCalls(ListFunctionUrlConfigsCommand).length).toBeLessThan(5);
      expect(inputsOf(mock, GetFunctionUrlConfigCommand)).toHaveLength(5 + 2);
      expect(inputsOf(mock, GetFunctionUrlConfigCommand).filter((i) => i.FunctionName === ARNS.queueWorker)).toEqual([
        { FunctionName: ARNS.queueWorker, Qualifier: undefined },
        { FunctionName: ARNS.queueWorker, Qualifier: "live" },
        { FunctionName: ARNS.queueWorker, Qualifier: "canary" },
      ]);
      expect(functionRaw(raw, ARNS.queueWorker).urls).toMatchObject({
        via: "GetFunctionUrlConfig",
        listFailure: { code: "UnknownOperation" },
        results: [
          { qualifier: null, config: { status: "absent" } },
          { qualifier: "live", config: { status: "absent" } },
          { qualifier: "canary", config: { status: "ok" } },
        ],
      });
      // Both paths give the same record, apart from saying which one was used.
      for (const arn of Object.values(ARNS)) {
        const viaGet = functionRecord(raw, arn);
        const viaList = functionRecord(fixtureRaw(), arn);
        expect(viaGet.urlsFetchedWith).toBe("GetFunctionUrlConfig");
        expect({ ...viaGet, urlsFetchedWith: "ListFunctionUrlConfigs" }).toEqual(viaList);
      }
    });

    it("treats UnknownOperationException as the same gap", async () => {
      const { clients, mock, errors, ctx } = setup();
      serveFixtures(mock);
      mock.on(ListFunctionUrlConfigsCommand).rejects(
        new LambdaServiceException({ name: "UnknownOperationException", $fault: "client", $metadata: { httpStatusCode: 400 }, message: "Unknown operation" }),
      );
      const raw = await collectLambda(clients, ctx);
      expect(errors).toEqual([]);
      expect(functionRaw(raw, ARNS.ordersApi).urls).toMatchObject({ via: "GetFunctionUrlConfig", listFailure: { code: "UnknownOperationException" } });
    });

    it("does not fall back on a Lambda error, even a 404 ResourceNotFoundException: that is an error outcome", async () => {
      const { clients, mock, errors, ctx } = setup();
      serveFixtures(mock);
      mock.on(ListFunctionUrlConfigsCommand, { FunctionName: ARNS.ordersApi }).rejects(notFound("Function not found"));
      const raw = await collectLambda(clients, ctx);
      expect(mock.commandCalls(GetFunctionUrlConfigCommand)).toHaveLength(0);
      expect(functionRaw(raw, ARNS.ordersApi).urls).toEqual({
        via: "ListFunctionUrlConfigs",
        result: { status: "error", code: "ResourceNotFoundException", message: "Function not found" },
      });
      expect(errors).toEqual([{ api: "lambda:ListFunctionUrlConfigs", resource: ARNS.ordersApi, code: "ResourceNotFoundException", message: "Function not found" }]);
      const record = functionRecord(raw, ARNS.ordersApi);
      expect(record.url).toMatchObject({ status: "error", code: "ResourceNotFoundException" });
      expect(record.triggerGaps).toContainEqual(expect.objectContaining({ via: "function_url", api: "lambda:ListFunctionUrlConfigs" }));
    });

    it("records a fallback GetFunctionUrlConfig that fails, as that qualifier's gap", async () => {
      const { clients, mock, errors, ctx } = setup();
      serveFixtures(mock);
      mock.on(ListFunctionUrlConfigsCommand).rejects(emulatorNotImplemented());
      mock
        .on(GetFunctionUrlConfigCommand, { FunctionName: ARNS.queueWorker, Qualifier: "canary" })
        .rejects(accessDenied("lambda:GetFunctionUrlConfig", `${ARNS.queueWorker}:canary`));
      const raw = await collectLambda(clients, ctx);
      expect(errors).toEqual([
        { api: "lambda:GetFunctionUrlConfig", resource: `${ARNS.queueWorker}:canary`, code: "AccessDeniedException", message: expect.any(String) },
      ]);
      const record = functionRecord(raw, ARNS.queueWorker);
      expect(record.urls).toMatchObject({ status: "error", code: "AccessDeniedException" });
      expect(record.url).toEqual({ status: "absent" });
      expect(record.triggerGaps).toEqual([
        { via: "function_url", qualifier: "canary", api: "lambda:GetFunctionUrlConfig", code: "AccessDeniedException", message: expect.any(String) },
      ]);
    });
  });

  describe("invoke configs when the SDK cannot read ListFunctionEventInvokeConfigs (moto)", () => {
    it("falls back to GetFunctionEventInvokeConfig for $LATEST, each version and each alias", async () => {
      const { clients, mock, errors, ctx } = setup();
      serveFixtures(mock);
      mock.on(ListFunctionEventInvokeConfigsCommand).rejects(unreadableReply());

      const raw = await collectLambda(clients, ctx);

      expect(errors).toEqual([]);
      expect(mock.commandCalls(ListFunctionEventInvokeConfigsCommand).length).toBeLessThan(5);
      expect(inputsOf(mock, GetFunctionEventInvokeConfigCommand).filter((i) => i.FunctionName === ARNS.queueWorker).map((i) => i.Qualifier)).toEqual([
        undefined,
        "1",
        "2",
        "live",
        "canary",
      ]);
      expect(inputsOf(mock, GetFunctionEventInvokeConfigCommand)).toHaveLength(4 + 5);
      expect(functionRaw(raw, ARNS.legacyReport).eventInvokeConfigs).toMatchObject({
        via: "GetFunctionEventInvokeConfig",
        listFailure: { code: "UnparseableResponse" },
        results: [{ qualifier: null, config: { status: "ok", value: { MaximumRetryAttempts: 0 } } }],
      });
      for (const arn of Object.values(ARNS)) {
        const viaGet = functionRecord(raw, arn);
        expect(viaGet.eventInvokeConfigsFetchedWith).toBe("GetFunctionEventInvokeConfig");
        expect(viaGet.eventInvokeConfigs).toEqual(functionRecord(fixtureRaw(), arn).eventInvokeConfigs);
      }
    });

    it("ends as an error outcome (UNKNOWN) when a fallback call fails", async () => {
      const { clients, mock, errors, ctx } = setup();
      serveFixtures(mock);
      mock.on(ListFunctionEventInvokeConfigsCommand).rejects(unreadableReply());
      mock.on(GetFunctionEventInvokeConfigCommand, { FunctionName: ARNS.queueWorker, Qualifier: "live" }).rejects(throttled());
      const raw = await collectLambda(clients, ctx);
      expect(errors).toEqual([
        { api: "lambda:GetFunctionEventInvokeConfig", resource: `${ARNS.queueWorker}:live`, code: "TooManyRequestsException", message: "Rate exceeded" },
      ]);
      expect(functionRecord(raw, ARNS.queueWorker).eventInvokeConfigs).toEqual({ status: "error", code: "TooManyRequestsException", message: "Rate exceeded" });
    });
  });

  it("records calls the endpoint lacks (moto: GetAccountSettings, GetFunctionRecursionConfig) as UnknownOperation error outcomes", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    mock.on(GetAccountSettingsCommand).rejects(emulatorNotImplemented());
    mock.on(GetFunctionRecursionConfigCommand).rejects(emulatorNotImplemented());
    const raw = await collectLambda(clients, ctx);
    expect(raw.accountSettings).toMatchObject({ status: "error", code: "UnknownOperation" });
    for (const fn of functionsOf(raw)) expect(fn.recursion).toMatchObject({ status: "error", code: "UnknownOperation" });
    expect(errors.map((e) => `${e.api} ${e.code}`).sort()).toEqual([
      "lambda:GetAccountSettings UnknownOperation",
      ...Array(5).fill("lambda:GetFunctionRecursionConfig UnknownOperation"),
    ]);
  });

  it("keeps the latest layer version ListLayers named when ListLayerVersions fails", async () => {
    const { clients, mock, ctx } = setup();
    serveFixtures(mock);
    mock.on(ListLayerVersionsCommand, { LayerName: "shared-utils" }).rejects(throttled());
    const raw = await collectLambda(clients, ctx);
    if (raw.layers.status !== "ok") throw new Error("layers should be listed");
    expect(raw.layers.value[0].versions.map((v) => v.version.Version)).toEqual([7]);
    expect(raw.layers.value[0].versions[0].policy.status).toBe("ok");
    const out = normalizeLambda(raw, normalizeCtx).lambda_layer_version;
    expect(out.listingComplete).toBe(false);
    expect(out.resources.map((r) => r.arn).sort()).toEqual([LAYER_VERSION_ARNS.internalAuth3, LAYER_VERSION_ARNS.sharedUtils7].sort());
  });

  it("reports a failed ListFunctions as a failed function listing: no per-function call, the region-wide kinds still collected", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    mock.on(ListFunctionsCommand).rejects(accessDenied("lambda:ListFunctions"));

    const raw = await collectLambda(clients, ctx);

    expect(raw.functions).toEqual({ status: "error", code: "AccessDeniedException", message: expect.stringContaining("lambda:ListFunctions") });
    expect(errors).toEqual([{ api: "lambda:ListFunctions", code: "AccessDeniedException", message: expect.any(String) }]);
    const perFunction: Parameters<LambdaMock["commandCalls"]>[0][] = [
      GetPolicyCommand,
      ListVersionsByFunctionCommand,
      ListAliasesCommand,
      ListTagsCommand,
      ListFunctionUrlConfigsCommand,
    ];
    for (const command of perFunction) expect(mock.commandCalls(command), command.name).toHaveLength(0);
    const out = normalizeLambda(raw, normalizeCtx);
    expect(out.lambda_function).toEqual({ resources: [], listingComplete: false });
    expect(out.lambda_event_source_mapping.listingComplete).toBe(true);
    expect(out.lambda_layer_version.listingComplete).toBe(true);
    expect(out.lambda_account_settings.resources).toHaveLength(1);
  });

  it("treats a ListFunctions failure on a later page as a failed listing, not a shorter one", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    const pages = functionPagesByMarker();
    mock.on(ListFunctionsCommand).callsFake((input: ListFunctionsCommandInput) => {
      if (input.Marker) throw throttled();
      return pages[""];
    });

    const raw = await collectLambda(clients, ctx);

    expect(raw.functions).toMatchObject({ status: "error", code: "TooManyRequestsException" });
    expect(errors).toMatchObject([{ api: "lambda:ListFunctions", code: "TooManyRequestsException" }]);
    expect(normalizeLambda(raw, normalizeCtx).lambda_function.listingComplete).toBe(false);
  });

  it("gives every function an error outcome for its mappings and a trigger gap when ListEventSourceMappings fails", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    mock.on(ListEventSourceMappingsCommand).rejects(accessDenied("lambda:ListEventSourceMappings"));

    const raw = await collectLambda(clients, ctx);

    expect(raw.eventSourceMappings).toMatchObject({ status: "error", code: "AccessDeniedException" });
    expect(errors).toMatchObject([{ api: "lambda:ListEventSourceMappings", code: "AccessDeniedException" }]);
    const out = normalizeLambda(raw, normalizeCtx);
    expect(out.lambda_event_source_mapping).toEqual({ resources: [], listingComplete: false });
    expect(out.lambda_function.listingComplete).toBe(true);
    expect(out.lambda_function.resources).toHaveLength(5);
    for (const r of out.lambda_function.resources) {
      expect(r.record.eventSourceMappings).toMatchObject({ status: "error", code: "AccessDeniedException" });
      expect(r.record.triggers.filter((t) => t.via === "event_source_mapping")).toEqual([]);
      expect(r.record.triggerGaps).toContainEqual(
        expect.objectContaining({ via: "event_source_mapping", qualifier: null, api: "lambda:ListEventSourceMappings", code: "AccessDeniedException" }),
      );
    }
    expect(out.lambda_function.resources.find((r) => r.arn === ARNS.ordersApi)?.record.policy.status).toBe("ok");
  });

  it("surfaces a throttle that outlasted the SDK's retries as that call's error outcome", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    mock.on(ListFunctionUrlConfigsCommand, { FunctionName: ARNS.imageResizer }).rejects(throttled());

    const raw = await collectLambda(clients, ctx);

    expect(functionRaw(raw, ARNS.imageResizer).urls).toEqual({
      via: "ListFunctionUrlConfigs",
      result: { status: "error", code: "TooManyRequestsException", message: "Rate exceeded" },
    });
    expect(errors).toEqual([
      { api: "lambda:ListFunctionUrlConfigs", resource: ARNS.imageResizer, code: "TooManyRequestsException", message: "Rate exceeded" },
    ]);
  });

  it("keeps at most DETAIL_CONCURRENCY calls in flight", async () => {
    const { clients, mock, ctx } = setup();
    const functions = Array.from({ length: 12 }, (_, i) => ({
      FunctionName: `fn-${i}`,
      FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:fn-${i}`,
    }));
    let inFlight = 0;
    let maxInFlight = 0;
    const slow =
      <T,>(answer: () => T) =>
      async () => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight--;
        return answer();
      };
    mock.on(ListFunctionsCommand).callsFake(slow(() => ({ Functions: functions })));
    mock.on(ListEventSourceMappingsCommand).callsFake(slow(() => ({ EventSourceMappings: [] })));
    mock.on(ListLayersCommand).callsFake(slow(() => ({ Layers: [] })));
    mock.on(GetAccountSettingsCommand).callsFake(slow(() => ({})));
    const none = slow(() => {
      throw notFound();
    });
    mock.on(GetPolicyCommand).callsFake(none);
    mock.on(GetFunctionConcurrencyCommand).callsFake(none);
    mock.on(GetFunctionCodeSigningConfigCommand).callsFake(none);
    mock.on(ListVersionsByFunctionCommand).callsFake(slow(() => ({ Versions: [] })));
    mock.on(ListAliasesCommand).callsFake(slow(() => ({ Aliases: [] })));
    mock.on(ListFunctionUrlConfigsCommand).callsFake(slow(() => ({ FunctionUrlConfigs: [] })));
    mock.on(ListFunctionEventInvokeConfigsCommand).callsFake(slow(() => ({ FunctionEventInvokeConfigs: [] })));
    mock.on(ListTagsCommand).callsFake(slow(() => ({ Tags: {} })));
    mock.on(GetFunctionRecursionConfigCommand).callsFake(slow(() => ({ RecursiveLoop: "Terminate" })));

    const raw = await collectLambda(clients, ctx);

    expect(functionsOf(raw)).toHaveLength(12);
    expect(maxInFlight).toBe(DETAIL_CONCURRENCY);
    expect(mock.commandCalls(GetPolicyCommand)).toHaveLength(12);
    expect(mock.commandCalls(ListProvisionedConcurrencyConfigsCommand)).toHaveLength(0);
  });

  it("lists mappings, layers and account settings in a region without functions (a mapping outlives its function)", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    mock.on(ListFunctionsCommand).resolves({ Functions: [] });
    const raw = await collectLambda(clients, ctx);
    expect(raw.functions).toEqual({ status: "ok", value: [] });
    expect(raw.eventSourceMappings).toEqual(fixtureRaw().eventSourceMappings);
    expect(mock.commandCalls(GetPolicyCommand)).toHaveLength(0);
    expect(mock.commandCalls(ListTagsCommand)).toHaveLength(0);
    expect(errors).toEqual([]);
    // The orphaned mappings are still inventoried.
    expect(normalizeLambda(raw, normalizeCtx).lambda_event_source_mapping.resources).toHaveLength(5);
  });

  it("fails the listing with InvalidResponse when a listed function has no ARN", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    mock.on(ListFunctionsCommand).resolves({ Functions: [{ FunctionName: "no-arn" }] });
    const raw = await collectLambda(clients, ctx);
    expect(raw.functions).toMatchObject({ status: "error", code: "InvalidResponse", message: expect.stringContaining("FunctionArn") });
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

  it("stops starting calls once aborted, and rejects instead of returning a partial raw", async () => {
    const controller = new AbortController();
    const { clients, mock, errors, ctx } = setup(controller.signal);
    serveFixtures(mock);
    mock.on(GetPolicyCommand).callsFake(() => {
      controller.abort();
      throw notFound();
    });
    await expect(collectLambda(clients, ctx)).rejects.toMatchObject({ name: "AbortError" });
    // At most the calls already in flight when GetPolicy aborted.
    expect(mock.commandCalls(GetPolicyCommand).length).toBeLessThanOrEqual(DETAIL_CONCURRENCY);
    expect(mock.calls().length).toBeLessThan(20);
    expect(errors).toEqual([]);
  });

  it("passes the abort signal to every SDK call", async () => {
    const controller = new AbortController();
    const { clients, mock, ctx } = setup(controller.signal);
    serveFixtures(mock);
    await collectLambda(clients, ctx);
    expect(mock.calls().length).toBeGreaterThan(0);
    for (const call of mock.calls()) expect((call.args as unknown[])[1]).toMatchObject({ abortSignal: controller.signal });
  });
});

describe("error classification", () => {
  it("reads an unmodelled 404 or UnknownOperationException as an unknown operation, never a Lambda 404", () => {
    expect(isUnknownOperation(emulatorNotImplemented())).toBe(true);
    expect(isUnknownOperation(new LambdaServiceException({ name: "UnknownOperationException", $fault: "client", $metadata: {}, message: "" }))).toBe(true);
    expect(isUnknownOperation(notFound())).toBe(false);
    expect(isUnknownOperation(accessDenied("lambda:ListTags"))).toBe(false);
    expect(isUnknownOperation(new Error("socket hang up"))).toBe(false);
  });

  it("reads a 2xx reply the SDK failed on as unparseable, never a service error", () => {
    expect(isUnparseableReply(unreadableReply())).toBe(true);
    expect(isUnparseableReply(emulatorNotImplemented())).toBe(false);
    expect(isUnparseableReply(throttled())).toBe(false);
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

  it("retries each throttled region-wide call, counts every attempt, then records the throttles", async () => {
    const requests: string[] = [];
    server = createServer((req, res) => {
      requests.push((req.url ?? "").split("?")[0]);
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

    // ListFunctions, ListEventSourceMappings, ListLayers and GetAccountSettings, two attempts each.
    expect(requests.sort()).toEqual(
      ["/2015-03-31/event-source-mappings", "/2015-03-31/functions", "/2016-08-19/account-settings", "/2018-10-31/layers"]
        .flatMap((p) => [p, p])
        .sort(),
    );
    expect(metrics).toEqual({ calls: 8, throttles: 8 });
    const throttle = { status: "error", code: "TooManyRequestsException", message: "Rate exceeded" };
    expect(raw).toEqual({ functions: throttle, eventSourceMappings: throttle, layers: throttle, accountSettings: throttle });
    expect(errors.map((e) => e.api).sort()).toEqual([
      "lambda:GetAccountSettings",
      "lambda:ListEventSourceMappings",
      "lambda:ListFunctions",
      "lambda:ListLayers",
    ]);
    expect(new Set(errors.map((e) => e.code))).toEqual(new Set(["TooManyRequestsException"]));
  });
});
