// Reads one (account, region) of API Gateway REST (v1): the region-wide listings (GetRestApis, GetUsagePlans,
// GetApiKeys, GetDomainNames, GetClientCertificates), then per REST API GetResources (methods and integrations
// embedded, so never a GetMethod/GetIntegration per method), GetStages, GetAuthorizers, GetRequestValidators
// and GetDeployments; per usage plan GetUsagePlanKeys; per domain name GetBasePathMappings. A failed call is
// recorded and stored as an error outcome for what it describes; it never stops the rest of the collection.
//
// Rate limits (perf-targets.md §1): the management API allows 10 requests/s per account in total and
// GetResources 5 every 2 s, shared with API Gateway v2. The clients pace every call to those buckets
// (lib/aws/rate-limit.ts, shared by all units of the process); on top of that, per-resource reads run at most
// DETAIL_CONCURRENCY at a time, so a region with hundreds of APIs does not queue hundreds of calls at once.
//
// What moto lacks (aws-emulator.md): GetClientCertificates (HTTP 404, HTML body), so against moto the
// client-certificate listing always ends as an error outcome; it is implemented here against the real API
// shape and tested with aws-sdk-client-mock in collect.test.ts. GetTags is not called at all: GetRestApis
// items carry the tags. moto also ignores limit/position, so multi-page listings are tested with mocks only.
import { InvalidResponseError, parseResponse, runBounded, throwIfAborted } from "@/scanners/support";
import {
  GetAuthorizersCommand,
  GetRequestValidatorsCommand,
  GetStagesCommand,
  paginateGetApiKeys,
  paginateGetBasePathMappings,
  paginateGetClientCertificates,
  paginateGetDeployments,
  paginateGetDomainNames,
  paginateGetResources,
  paginateGetRestApis,
  paginateGetUsagePlanKeys,
  paginateGetUsagePlans,
} from "@aws-sdk/client-api-gateway";
import type { z } from "zod";
import type { ApiGatewayClients } from "@/lib/aws/clients";
import type { CollectContext } from "@/scanners/types";
import {
  ZApiKey,
  ZAuthorizer,
  ZBasePathMapping,
  ZClientCertificate,
  ZDeployment,
  ZDomainName,
  ZRequestValidator,
  ZResource,
  ZRestApi,
  ZStage,
  ZUsagePlan,
  ZUsagePlanKey,
  type ApiGatewayRaw,
  type Outcome,
  type TDomainNameRaw,
  type TRestApiRaw,
  type TUsagePlanRaw,
} from "@/scanners/apigateway/raw";

/** The largest page every API Gateway listing accepts (the default is 25). */
export const PAGE_SIZE = 500;
/** Per-resource reads in flight: GetResources' 2.5 req/s quota is the binding one, two in flight keep it busy. */
export const DETAIL_CONCURRENCY = 2;

type CallFailure = { code: string; message: string };

function failureOf(err: unknown): CallFailure {
  if (!(err instanceof Error)) return { code: "UnknownError", message: String(err) };
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  // The SDK raises a SyntaxError when the body is not an API Gateway response at all (moto answers calls it
  // does not implement with an HTML 404 page): name the HTTP status rather than a JSON parser's complaint.
  if (err.name === "SyntaxError" && status !== undefined) {
    return { code: "UnexpectedResponse", message: `HTTP ${status} with a body that is not an API Gateway response.` };
  }
  return { code: err.name || "Error", message: err.message };
}

type Page = { items?: unknown[]; position?: string };

export async function collectApiGateway(clients: ApiGatewayClients, ctx: CollectContext): Promise<ApiGatewayRaw> {
  const { signal } = ctx;
  const client = clients.apigateway;
  const sendOptions = { abortSignal: signal };
  signal?.throwIfAborted();

  /** Drain an SDK paginator, validating each item. */
  const drain = async <S extends z.ZodTypeAny>(pages: AsyncIterable<Page>, schema: S, what: string): Promise<z.infer<S>[]> => {
    const items: z.infer<S>[] = [];
    for await (const page of pages) {
      for (const item of page.items ?? []) items.push(parseResponse(schema, item, what));
    }
    return items;
  };

  /** For the listings the SDK has no paginator for (GetAuthorizers, GetRequestValidators). */
  const drainByPosition = async <S extends z.ZodTypeAny>(
    request: (position: string | undefined) => Promise<Page>,
    schema: S,
    what: string,
  ): Promise<z.infer<S>[]> => {
    const items: z.infer<S>[] = [];
    let position: string | undefined;
    do {
      const page = await request(position);
      for (const item of page.items ?? []) items.push(parseResponse(schema, item, what));
      if (page.position && page.position === position) {
        throw new InvalidResponseError(`${what} returned the same position twice (${position}).`);
      }
      position = page.position || undefined;
    } while (position);
    return items;
  };

  const attempt = async <T>(api: string, resource: string | undefined, read: () => Promise<T>): Promise<Outcome<T>> => {
    try {
      return { status: "ok", value: await read() };
    } catch (err) {
      throwIfAborted(err, signal);
      const failure = failureOf(err);
      ctx.recordError({ api, ...(resource ? { resource } : {}), ...failure });
      return { status: "error", ...failure };
    }
  };

  const paginatorConfig = { client, pageSize: PAGE_SIZE, stopOnSameToken: true };

  // ---- region-wide listings -----------------------------------------------------------------------------
  const restApiList = await attempt("apigateway:GetRestApis", undefined, () =>
    drain(paginateGetRestApis(paginatorConfig, {}, sendOptions), ZRestApi, "GetRestApis"),
  );
  const usagePlanList = await attempt("apigateway:GetUsagePlans", undefined, () =>
    drain(paginateGetUsagePlans(paginatorConfig, {}, sendOptions), ZUsagePlan, "GetUsagePlans"),
  );
  // includeValues stays false: Lantern never asks for API key values (ZApiKey would drop one anyway).
  const apiKeys = await attempt("apigateway:GetApiKeys", undefined, () =>
    drain(paginateGetApiKeys(paginatorConfig, { includeValues: false }, sendOptions), ZApiKey, "GetApiKeys"),
  );
  const domainList = await attempt("apigateway:GetDomainNames", undefined, () =>
    drain(paginateGetDomainNames(paginatorConfig, {}, sendOptions), ZDomainName, "GetDomainNames"),
  );
  const clientCertificates = await attempt("apigateway:GetClientCertificates", undefined, () =>
    drain(paginateGetClientCertificates(paginatorConfig, {}, sendOptions), ZClientCertificate, "GetClientCertificates"),
  );

  // ---- per-resource reads ----------------------------------------------------------------------------------
  const pending: Outcome<never[]> = { status: "error", code: "NotCollected", message: "Not collected." };
  const restApis: TRestApiRaw[] = (restApiList.status === "ok" ? restApiList.value : []).map((api) => ({
    api,
    resources: pending,
    stages: pending,
    authorizers: pending,
    requestValidators: pending,
    deployments: pending,
  }));
  const usagePlans: TUsagePlanRaw[] = (usagePlanList.status === "ok" ? usagePlanList.value : []).map((plan) => ({ plan, keys: pending }));
  const domains: TDomainNameRaw[] = (domainList.status === "ok" ? domainList.value : []).map((domain) => ({
    domain,
    basePathMappings: pending,
  }));

  const tasks: (() => Promise<void>)[] = [
    ...restApis.map((entry) => async () => {
      const restApiId = entry.api.id;
      entry.resources = await attempt("apigateway:GetResources", restApiId, () =>
        drain(paginateGetResources(paginatorConfig, { restApiId, embed: ["methods"] }, sendOptions), ZResource, "GetResources"),
      );
      // GetStages is not paginated: one response holds every stage (at most 10 per API).
      entry.stages = await attempt("apigateway:GetStages", restApiId, async () => {
        const out = await client.send(new GetStagesCommand({ restApiId }), sendOptions);
        return (out.item ?? []).map((s) => parseResponse(ZStage, s, "GetStages"));
      });
      entry.authorizers = await attempt("apigateway:GetAuthorizers", restApiId, () =>
        drainByPosition(
          (position) => client.send(new GetAuthorizersCommand({ restApiId, limit: PAGE_SIZE, position }), sendOptions),
          ZAuthorizer,
          "GetAuthorizers",
        ),
      );
      entry.requestValidators = await attempt("apigateway:GetRequestValidators", restApiId, () =>
        drainByPosition(
          (position) => client.send(new GetRequestValidatorsCommand({ restApiId, limit: PAGE_SIZE, position }), sendOptions),
          ZRequestValidator,
          "GetRequestValidators",
        ),
      );
      entry.deployments = await attempt("apigateway:GetDeployments", restApiId, () =>
        drain(paginateGetDeployments(paginatorConfig, { restApiId }, sendOptions), ZDeployment, "GetDeployments"),
      );
    }),
    ...usagePlans.map((entry) => async () => {
      entry.keys = await attempt("apigateway:GetUsagePlanKeys", entry.plan.id, () =>
        drain(paginateGetUsagePlanKeys(paginatorConfig, { usagePlanId: entry.plan.id }, sendOptions), ZUsagePlanKey, "GetUsagePlanKeys"),
      );
    }),
    ...domains.map((entry) => async () => {
      const { domainName, domainNameId } = entry.domain;
      entry.basePathMappings = await attempt("apigateway:GetBasePathMappings", domainName, () =>
        drain(
          paginateGetBasePathMappings(paginatorConfig, { domainName, domainNameId: domainNameId ?? undefined }, sendOptions),
          ZBasePathMapping,
          "GetBasePathMappings",
        ),
      );
    }),
  ];
  await runBounded(tasks, DETAIL_CONCURRENCY, signal);

  const listed = <T>(list: Outcome<unknown>, value: T): Outcome<T> => (list.status === "ok" ? { status: "ok", value } : list);
  return {
    restApis: listed(restApiList, restApis),
    usagePlans: listed(usagePlanList, usagePlans),
    apiKeys,
    domainNames: listed(domainList, domains),
    clientCertificates,
  };
}
