// Reads one (account, region) of Lambda. Region-wide: paginated ListFunctions, ListEventSourceMappings,
// ListLayers (+ ListLayerVersions and GetLayerVersionPolicy per layer version) and GetAccountSettings. Per
// function: GetPolicy, ListVersionsByFunction, ListAliases, ListFunctionUrlConfigs, GetFunctionConcurrency,
// ListFunctionEventInvokeConfigs, GetFunctionCodeSigningConfig, ListTags and GetFunctionRecursionConfig; then,
// only for a function with published versions or aliases, GetPolicy per qualifier and
// ListProvisionedConcurrencyConfigs. GetFunction is never called: it returns a presigned code download URL.
//
// A failed call is recorded and stored as an error outcome for what it describes; it never stops the rest of
// the collection. Where moto (the emulator the integration tests use) lacks a call, the real API is still
// called; see aws-emulator.md and the fallbacks for ListFunctionUrlConfigs and ListFunctionEventInvokeConfigs.
import { parseResponse, throwIfAborted } from "@/scanners/support";
import {
  GetAccountSettingsCommand,
  GetFunctionCodeSigningConfigCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionEventInvokeConfigCommand,
  GetFunctionRecursionConfigCommand,
  GetFunctionUrlConfigCommand,
  GetLayerVersionPolicyCommand,
  GetPolicyCommand,
  ListTagsCommand,
  paginateListAliases,
  paginateListEventSourceMappings,
  paginateListFunctionEventInvokeConfigs,
  paginateListFunctions,
  paginateListFunctionUrlConfigs,
  paginateListLayers,
  paginateListLayerVersions,
  paginateListProvisionedConcurrencyConfigs,
  paginateListVersionsByFunction,
} from "@aws-sdk/client-lambda";
import type { z } from "zod";
import type { LambdaClients } from "@/lib/aws/clients";
import type { Fetched } from "@/lib/aws/fetched";
import type { CollectContext } from "@/scanners/types";
import {
  ZAccountSettings,
  ZAlias,
  ZEventSourceMapping,
  ZFunctionCodeSigningConfig,
  ZFunctionConcurrency,
  ZFunctionConfiguration,
  ZFunctionEventInvokeConfig,
  ZFunctionRecursionConfig,
  ZFunctionUrlConfig,
  ZGetPolicyResponse,
  ZLayersListItem,
  ZLayerVersionListItem,
  ZListTagsResponse,
  ZProvisionedConcurrencyConfig,
  type LambdaRaw,
  type Outcome,
  type TEventInvokeConfigsRaw,
  type TFailure,
  type TFunctionConfiguration,
  type TFunctionEventInvokeConfig,
  type TFunctionUrlConfig,
  type TFunctionUrlsRaw,
  type TLambdaFunctionRaw,
  type TLayerRaw,
  type TLayersListItem,
} from "@/scanners/lambda/raw";
import { qualifierOf } from "@/scanners/lambda/triggers";
import { codeScanConfig, createLayerScanCache, scanFunctionCode } from "@/scanners/lambda/code-scan";
import { secretFingerprint } from "@/lib/scan/fingerprint";

/** AWS returns at most 50 items per page of the Lambda list calls whatever MaxItems says (ESMs: 100). */
const PAGE_SIZE = 50;
const LIST_ESM_PAGE_SIZE = 100;
/**
 * Calls in flight at once, for the whole unit. Everything but GetPolicy shares Lambda's 15 req/s control-plane
 * bucket (GetPolicy has its own 15 req/s); a handful in flight keeps the bucket busy while the SDK's client-side
 * rate limiting and adaptive retry absorb throttles, without a burst that trips them all at once.
 */
export const DETAIL_CONCURRENCY = 4;
/** Code scans at once (each holds a deployment package in memory). */
const CODE_SCAN_CONCURRENCY = 1;

function httpStatusOf(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}

/** Modeled AWS errors (ResourceNotFoundException, AccessDeniedException, ...) carry $fault; an SDK parse failure does not. */
function isServiceError(err: unknown): boolean {
  return typeof err === "object" && err !== null && "$fault" in err;
}

/**
 * The endpoint does not implement the operation: AWS's UnknownOperationException, or a 404 that is not a Lambda
 * error (moto answers operations it lacks with an HTML 404 page, which the SDK fails to parse).
 */
export function isUnknownOperation(err: unknown): boolean {
  if (err instanceof Error && err.name === "UnknownOperationException") return true;
  return httpStatusOf(err) === 404 && !isServiceError(err);
}

/** A successful HTTP reply the SDK could not deserialize (moto's ListFunctionEventInvokeConfigs). */
export function isUnparseableReply(err: unknown): boolean {
  const status = httpStatusOf(err);
  return status !== undefined && status >= 200 && status < 300 && !isServiceError(err);
}

function failureOf(err: unknown): TFailure {
  if (isUnknownOperation(err) && !(err instanceof Error && err.name === "UnknownOperationException")) {
    return { code: "UnknownOperation", message: "The endpoint answered HTTP 404 without a Lambda error: it does not implement this operation." };
  }
  if (isUnparseableReply(err)) {
    const detail = err instanceof Error ? err.message.split("\n")[0] : String(err);
    return { code: "UnparseableResponse", message: `HTTP ${httpStatusOf(err)} reply the SDK could not read: ${detail}` };
  }
  if (err instanceof Error) return { code: err.name || "Error", message: err.message };
  return { code: "UnknownError", message: String(err) };
}

/** At most `limit` calls in flight; a call asked for after the signal is aborted is never started. */
class CallLimiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(
    private readonly limit: number,
    private readonly signal: AbortSignal | undefined,
  ) {}

  async run<T>(call: () => Promise<T>): Promise<T> {
    this.signal?.throwIfAborted();
    if (this.active < this.limit) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve)); // the slot is handed over by release()
    try {
      this.signal?.throwIfAborted();
      return await call();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

type Attempt<T> = { ok: true; value: T } | { ok: false; err: unknown };

export async function collectLambda(clients: LambdaClients, ctx: CollectContext): Promise<LambdaRaw> {
  const { signal } = ctx;
  signal?.throwIfAborted();
  const limiter = new CallLimiter(DETAIL_CONCURRENCY, signal);
  const codeScan = codeScanConfig();
  const codeScanSlots = new CallLimiter(CODE_SCAN_CONCURRENCY, signal);
  const layerCache = createLayerScanCache();
  const send = { abortSignal: signal };
  const paging = (pageSize: number) => ({ client: clients.lambda, pageSize });

  /** One limited call (a whole paginated listing counts as one: its pages are sequential). */
  const attempt = async <T>(call: () => Promise<T>): Promise<Attempt<T>> => {
    try {
      return { ok: true, value: await limiter.run(call) };
    } catch (err) {
      throwIfAborted(err, signal);
      return { ok: false, err };
    }
  };

  const failed = (api: string, resource: string | undefined, err: unknown): TFailure => {
    const failure = failureOf(err);
    ctx.recordError({ api, ...(resource ? { resource } : {}), ...failure });
    return failure;
  };

  /** Every item of every page, each checked against the schema. */
  const pagesOf = async <P, S extends z.ZodTypeAny>(
    pages: AsyncIterable<P>,
    items: (page: P) => unknown[] | undefined,
    schema: S,
    api: string,
  ): Promise<z.infer<S>[]> => {
    const out: z.infer<S>[] = [];
    for await (const page of pages) for (const item of items(page) ?? []) out.push(parseResponse(schema, item, api));
    return out;
  };

  const listAll = async <P, S extends z.ZodTypeAny>(
    api: string,
    resource: string | undefined,
    pages: () => AsyncIterable<P>,
    items: (page: P) => unknown[] | undefined,
    schema: S,
  ): Promise<Outcome<z.infer<S>[]>> => {
    const r = await attempt(() => pagesOf(pages(), items, schema, api));
    return r.ok ? { status: "ok", value: r.value } : { status: "error", ...failed(api, resource, r.err) };
  };

  /** A read that may legitimately be absent: ResourceNotFoundException means "none configured". */
  const fetchOptional = async <S extends z.ZodTypeAny>(
    api: string,
    resource: string,
    call: () => Promise<unknown>,
    schema: S,
  ): Promise<Fetched<z.infer<S>>> => {
    const r = await attempt(async () => parseResponse(schema, await call(), api));
    if (r.ok) return { status: "ok", value: r.value };
    if (r.err instanceof Error && r.err.name === "ResourceNotFoundException") return { status: "absent" };
    return { status: "error", ...failed(api, resource, r.err) };
  };

  const fetchRequired = async <S extends z.ZodTypeAny>(
    api: string,
    resource: string | undefined,
    call: () => Promise<unknown>,
    schema: S,
  ): Promise<Outcome<z.infer<S>>> => {
    const r = await attempt(async () => parseResponse(schema, await call(), api));
    return r.ok ? { status: "ok", value: r.value } : { status: "error", ...failed(api, resource, r.err) };
  };

  // Once the endpoint has shown it lacks a list call, the other functions go straight to the fallback.
  const unsupported: { urls: TFailure | null; invokeConfigs: TFailure | null } = { urls: null, invokeConfigs: null };

  /**
   * ListFunctionUrlConfigs covers the function and all its aliases in one call. moto does not implement it
   * (HTTP 404): only then are the URLs read with GetFunctionUrlConfig per qualifier. That fallback is complete,
   * so the 404 itself is not recorded as an error.
   */
  const listUrls = async (arn: string): Promise<Outcome<TFunctionUrlConfig[]> | { unsupported: TFailure }> => {
    if (unsupported.urls) return { unsupported: unsupported.urls };
    const api = "lambda:ListFunctionUrlConfigs";
    const r = await attempt(() =>
      pagesOf(paginateListFunctionUrlConfigs(paging(PAGE_SIZE), { FunctionName: arn }, send), (p) => p.FunctionUrlConfigs, ZFunctionUrlConfig, api),
    );
    if (r.ok) return { status: "ok", value: r.value };
    if (isUnknownOperation(r.err)) return { unsupported: (unsupported.urls = failureOf(r.err)) };
    return { status: "error", ...failed(api, arn, r.err) };
  };

  /**
   * ListFunctionEventInvokeConfigs covers every qualifier in one call. moto answers it with a timestamp the SDK
   * cannot read: only when the reply is unreadable (or the call unknown) is GetFunctionEventInvokeConfig called
   * per qualifier instead.
   */
  const listInvokeConfigs = async (arn: string): Promise<Outcome<TFunctionEventInvokeConfig[]> | { unsupported: TFailure }> => {
    if (unsupported.invokeConfigs) return { unsupported: unsupported.invokeConfigs };
    const api = "lambda:ListFunctionEventInvokeConfigs";
    const r = await attempt(() =>
      pagesOf(
        paginateListFunctionEventInvokeConfigs(paging(PAGE_SIZE), { FunctionName: arn }, send),
        (p) => p.FunctionEventInvokeConfigs,
        ZFunctionEventInvokeConfig,
        api,
      ),
    );
    if (r.ok) return { status: "ok", value: r.value };
    if (isUnparseableReply(r.err) || isUnknownOperation(r.err)) return { unsupported: (unsupported.invokeConfigs = failureOf(r.err)) };
    return { status: "error", ...failed(api, arn, r.err) };
  };

  const collectFunction = async (configuration: TFunctionConfiguration): Promise<TLambdaFunctionRaw> => {
    const arn = configuration.FunctionArn;
    const [policy, versions, aliases, urlList, concurrency, invokeConfigList, codeSigning, tags, recursion] = await Promise.all([
      fetchOptional("lambda:GetPolicy", arn, () => clients.lambda.send(new GetPolicyCommand({ FunctionName: arn }), send), ZGetPolicyResponse),
      listAll(
        "lambda:ListVersionsByFunction",
        arn,
        // By name, not ARN: AWS takes either, but moto answers an ARN here with no versions at all.
        () => paginateListVersionsByFunction(paging(PAGE_SIZE), { FunctionName: configuration.FunctionName }, send),
        (p) => p.Versions,
        ZFunctionConfiguration,
      ),
      listAll("lambda:ListAliases", arn, () => paginateListAliases(paging(PAGE_SIZE), { FunctionName: arn }, send), (p) => p.Aliases, ZAlias),
      listUrls(arn),
      fetchOptional(
        "lambda:GetFunctionConcurrency",
        arn,
        () => clients.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: arn }), send),
        ZFunctionConcurrency,
      ),
      listInvokeConfigs(arn),
      fetchOptional(
        "lambda:GetFunctionCodeSigningConfig",
        arn,
        () => clients.lambda.send(new GetFunctionCodeSigningConfigCommand({ FunctionName: arn }), send),
        ZFunctionCodeSigningConfig,
      ),
      fetchRequired("lambda:ListTags", arn, () => clients.lambda.send(new ListTagsCommand({ Resource: arn }), send), ZListTagsResponse),
      // moto lacks GetFunctionRecursionConfig (HTTP 404): against it this is always an error outcome.
      fetchRequired(
        "lambda:GetFunctionRecursionConfig",
        arn,
        () => clients.lambda.send(new GetFunctionRecursionConfigCommand({ FunctionName: arn }), send),
        ZFunctionRecursionConfig,
      ),
    ]);

    const versionQualifiers =
      versions.status === "ok"
        ? versions.value.map((v) => v.Version ?? qualifierOf(v.FunctionArn)).filter((q): q is string => !!q && q !== "$LATEST")
        : [];
    const aliasNames = aliases.status === "ok" ? aliases.value.map((a) => a.Name) : [];
    const qualifiers = [...versionQualifiers, ...aliasNames];
    // Nothing beyond $LATEST (and both listings answered): no per-qualifier call can return anything.
    const onlyLatest = versions.status === "ok" && aliases.status === "ok" && qualifiers.length === 0;

    const fallbackUrls = async (listFailure: TFailure): Promise<TFunctionUrlsRaw> => {
      // A URL belongs to $LATEST or to an alias, never to a numbered version.
      const results = await Promise.all(
        [null, ...aliasNames].map(async (qualifier) => ({
          qualifier,
          config: await fetchOptional(
            "lambda:GetFunctionUrlConfig",
            qualifier ? `${arn}:${qualifier}` : arn,
            () => clients.lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: arn, Qualifier: qualifier ?? undefined }), send),
            ZFunctionUrlConfig,
          ),
        })),
      );
      return { via: "GetFunctionUrlConfig", listFailure, results };
    };

    const fallbackInvokeConfigs = async (listFailure: TFailure): Promise<TEventInvokeConfigsRaw> => {
      const results = await Promise.all(
        [null, ...qualifiers].map(async (qualifier) => ({
          qualifier,
          config: await fetchOptional(
            "lambda:GetFunctionEventInvokeConfig",
            qualifier ? `${arn}:${qualifier}` : arn,
            () =>
              clients.lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: arn, Qualifier: qualifier ?? undefined }), send),
            ZFunctionEventInvokeConfig,
          ),
        })),
      );
      return { via: "GetFunctionEventInvokeConfig", listFailure, results };
    };

    const [qualifierPolicies, provisionedConcurrency, urls, eventInvokeConfigs] = await Promise.all([
      Promise.all(
        qualifiers.map(async (qualifier) => ({
          qualifier,
          policy: await fetchOptional(
            "lambda:GetPolicy",
            `${arn}:${qualifier}`,
            () => clients.lambda.send(new GetPolicyCommand({ FunctionName: arn, Qualifier: qualifier }), send),
            ZGetPolicyResponse,
          ),
        })),
      ),
      onlyLatest
        ? Promise.resolve({ status: "skipped" as const })
        : // moto lacks ListProvisionedConcurrencyConfigs (HTTP 404): against it this is an error outcome.
          listAll(
            "lambda:ListProvisionedConcurrencyConfigs",
            arn,
            () => paginateListProvisionedConcurrencyConfigs(paging(PAGE_SIZE), { FunctionName: arn }, send),
            (p) => p.ProvisionedConcurrencyConfigs,
            ZProvisionedConcurrencyConfig,
          ),
      "unsupported" in urlList
        ? fallbackUrls(urlList.unsupported)
        : Promise.resolve<TFunctionUrlsRaw>({ via: "ListFunctionUrlConfigs", result: urlList }),
      "unsupported" in invokeConfigList
        ? fallbackInvokeConfigs(invokeConfigList.unsupported)
        : Promise.resolve<TEventInvokeConfigsRaw>({ via: "ListFunctionEventInvokeConfigs", result: invokeConfigList }),
    ]);

    return {
      configuration,
      policy,
      versions,
      aliases,
      qualifierPolicies,
      urls,
      concurrency,
      provisionedConcurrency,
      eventInvokeConfigs,
      codeSigning,
      tags,
      recursion,
      // Opt-in (LANTERN_SCAN_FUNCTION_CODE): the deployment package and own layers, scanned for secrets.
      ...(codeScan.enabled ? { codeSecrets: await codeScanSlots.run(() => scanCode(configuration)) } : {}),
    };
  };

  /** GetFunction + download + unzip + detectors; one package in memory per slot (packages go up to 256 MB). */
  const scanCode = (configuration: TFunctionConfiguration) =>
    scanFunctionCode(
      clients.lambda,
      {
        functionArn: configuration.FunctionArn,
        accountId: ctx.accountId,
        packageType: configuration.PackageType ?? null,
        layerArns: (configuration.Layers ?? []).map((l) => l.Arn).filter((a): a is string => !!a),
      },
      { fingerprint: secretFingerprint(), signal, limits: codeScan.limits, layerCache, recordError: ctx.recordError },
    );

  const collectLayer = async (layer: TLayersListItem): Promise<TLayerRaw> => {
    const versions = await listAll(
      "lambda:ListLayerVersions",
      layer.LayerArn ?? layer.LayerName,
      () => paginateListLayerVersions(paging(PAGE_SIZE), { LayerName: layer.LayerName }, send),
      (p) => p.LayerVersions,
      ZLayerVersionListItem,
    );
    // Without the listing, the version ListLayers named is still known to exist.
    const items = versions.status === "ok" ? versions.value : layer.LatestMatchingVersion ? [layer.LatestMatchingVersion] : [];
    const withPolicies = await Promise.all(
      items.map(async (version) => ({
        version,
        policy: await fetchOptional(
          "lambda:GetLayerVersionPolicy",
          version.LayerVersionArn,
          () => clients.lambda.send(new GetLayerVersionPolicyCommand({ LayerName: layer.LayerName, VersionNumber: version.Version }), send),
          ZGetPolicyResponse,
        ),
      })),
    );
    return { layer, versionsListing: versions.status === "ok" ? { status: "ok" } : versions, versions: withPolicies };
  };

  const functionsTask = (async (): Promise<LambdaRaw["functions"]> => {
    const listed = await listAll(
      "lambda:ListFunctions",
      undefined,
      () => paginateListFunctions(paging(PAGE_SIZE), {}, send),
      (p) => p.Functions,
      ZFunctionConfiguration,
    );
    if (listed.status === "error") return listed;
    // Whole functions at a time (their calls still go through the limiter), so memory holds a few in progress.
    const out: TLambdaFunctionRaw[] = new Array(listed.value.length);
    let next = 0;
    const worker = async () => {
      while (next < listed.value.length) {
        signal?.throwIfAborted();
        const i = next++;
        out[i] = await collectFunction(listed.value[i]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(DETAIL_CONCURRENCY, listed.value.length) }, worker));
    return { status: "ok", value: out };
  })();

  // Listed region-wide even where there are no functions: a mapping outlives its deleted function.
  const mappingsTask = listAll(
    "lambda:ListEventSourceMappings",
    undefined,
    () => paginateListEventSourceMappings(paging(LIST_ESM_PAGE_SIZE), {}, send),
    (p) => p.EventSourceMappings,
    ZEventSourceMapping,
  );

  const layersTask = (async (): Promise<LambdaRaw["layers"]> => {
    const listed = await listAll("lambda:ListLayers", undefined, () => paginateListLayers(paging(PAGE_SIZE), {}, send), (p) => p.Layers, ZLayersListItem);
    if (listed.status === "error") return listed;
    return { status: "ok", value: await Promise.all(listed.value.map(collectLayer)) };
  })();

  // moto lacks GetAccountSettings (HTTP 404): against it this is always an error outcome.
  const settingsTask = fetchRequired(
    "lambda:GetAccountSettings",
    undefined,
    () => clients.lambda.send(new GetAccountSettingsCommand({}), send),
    ZAccountSettings,
  );

  const [functions, eventSourceMappings, layers, accountSettings] = await Promise.all([functionsTask, mappingsTask, layersTask, settingsTask]);
  return { functions, eventSourceMappings, layers, accountSettings };
}
