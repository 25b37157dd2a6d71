// Reads one (account, region) of API Gateway v2 (HTTP and WebSocket APIs): GetApis, then per API its routes,
// integrations, stages and authorizers, then the region's custom domain names and their API mappings. A failed
// call is recorded and stored as an error outcome for what it describes; it never stops the rest.
//
// The v2 SDK client has no paginators for these operations (only ListRoutingRules), so every listing pages
// with NextToken by hand.
import { InvalidResponseError, parseResponse, runBounded, throwIfAborted } from "@/scanners/support";
import {
  GetApiMappingsCommand,
  GetApisCommand,
  GetAuthorizerCommand,
  GetAuthorizersCommand,
  GetDomainNamesCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
} from "@aws-sdk/client-apigatewayv2";
import type { z } from "zod";
import type { ApiGatewayV2Clients } from "@/lib/aws/clients";
import type { CollectContext } from "@/scanners/types";
import { domainNameArn, httpApiArn } from "@/scanners/apigatewayv2/arn";
import {
  ZApi,
  ZApiMapping,
  ZAuthorizer,
  ZDomainName,
  ZIntegration,
  ZRoute,
  ZStage,
  type ApiGatewayV2Raw,
  type Listing,
  type TApi,
  type TAuthorizer,
  type TAuthorizersRaw,
  type TDomainApiMappingsRaw,
  type THttpApiRaw,
  type TRoute,
} from "@/scanners/apigatewayv2/raw";

/**
 * Items per page. AWS documents no maximum for the v2 MaxResults; 500 matches the v1 limit and keeps an API at
 * the 300-route quota to one GetRoutes call, which matters under the 10 req/s account bucket.
 */
export const PAGE_SIZE = "500";
/**
 * API reads in flight. API Gateway's management plane has one 10 req/s bucket per account and region for v1
 * and v2 together ("Total operations", not increasable), and the v1 scanner may be reading the same region at
 * the same time: two in flight leaves it room while the SDK's adaptive retry absorbs any throttles.
 */
export const DETAIL_CONCURRENCY = 2;

type CallFailure = { code: string; message: string };

function failureOf(err: unknown): CallFailure {
  if (err instanceof Error) {
    const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    // An error body that is not JSON (moto answers GetAuthorizers with an HTML page and HTTP 500) surfaces as
    // the parser's SyntaxError: name it after what happened, with the HTTP status.
    if (err.name === "SyntaxError" && status) {
      return { code: "InvalidResponse", message: `HTTP ${status} with a body that is not JSON: ${err.message.split("\n")[0]}` };
    }
    return { code: err.name || "Error", message: err.message };
  }
  return { code: "UnknownError", message: String(err) };
}

type Page = { Items?: unknown[]; NextToken?: string };

/** Every item of a NextToken-paged listing; a failure on any page fails the whole listing. */
async function listAll<S extends z.ZodTypeAny>(
  what: string,
  schema: S,
  fetchPage: (nextToken: string | undefined) => Promise<Page>,
  signal: AbortSignal | undefined,
): Promise<z.infer<S>[]> {
  const items: z.infer<S>[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    signal?.throwIfAborted();
    const page = await fetchPage(token);
    for (const item of page.Items ?? []) items.push(parseResponse(schema, item, what));
    token = page.NextToken || undefined;
    // A token handed out twice would page forever.
    if (token && seen.has(token)) throw new InvalidResponseError(`${what} returned the same NextToken twice`);
    if (token) seen.add(token);
  } while (token);
  return items;
}

export async function collectApiGatewayV2(clients: ApiGatewayV2Clients, ctx: CollectContext): Promise<ApiGatewayV2Raw> {
  const { signal } = ctx;
  const client = clients.apigatewayv2;
  const opts = { abortSignal: signal };
  signal?.throwIfAborted();

  /** A listing whose failure is recorded and kept as that listing's error outcome. */
  const listing = async <T>(api: string, resource: string | undefined, list: () => Promise<T>): Promise<Listing<T>> => {
    try {
      return { status: "ok", value: await list() };
    } catch (err) {
      throwIfAborted(err, signal);
      const failure = failureOf(err);
      ctx.recordError({ api, ...(resource ? { resource } : {}), ...failure });
      return { status: "error", ...failure };
    }
  };

  let apis: TApi[];
  try {
    apis = await listAll(
      "GetApis",
      ZApi,
      (NextToken) => client.send(new GetApisCommand({ MaxResults: PAGE_SIZE, NextToken }), opts),
      signal,
    );
  } catch (err) {
    throwIfAborted(err, signal);
    const failure = failureOf(err);
    ctx.recordError({ api: "apigatewayv2:GetApis", ...failure });
    return { listing: "failed", ...failure };
  }

  /**
   * GetAuthorizers, with a fallback: when it fails, read each authorizer the routes reference with
   * GetAuthorizer. The fallback exists for two cases. The emulator: moto does not implement GetAuthorizers
   * (HTTP 500) but does implement GetAuthorizer. Partial permissions: a policy may allow apigateway:GET on
   * /apis/<id>/authorizers/<authorizerId> but not on the /authorizers collection. Either way every route's
   * authorizer stays known, and the outcome says `partial`, because authorizers no route references are not.
   */
  const authorizersOf = async (apiId: string, resource: string, routes: Listing<TRoute[]>): Promise<TAuthorizersRaw> => {
    try {
      const value = await listAll(
        "GetAuthorizers",
        ZAuthorizer,
        (NextToken) => client.send(new GetAuthorizersCommand({ ApiId: apiId, MaxResults: PAGE_SIZE, NextToken }), opts),
        signal,
      );
      return { status: "ok", value };
    } catch (err) {
      throwIfAborted(err, signal);
      const failure = failureOf(err);
      ctx.recordError({ api: "apigatewayv2:GetAuthorizers", resource, ...failure });
      if (routes.status !== "ok") return { status: "error", ...failure };
      const referenced = [...new Set(routes.value.flatMap((r) => (r.AuthorizerId ? [r.AuthorizerId] : [])))].sort();
      const value: TAuthorizer[] = [];
      const unread: { authorizerId: string; code: string; message: string }[] = [];
      for (const authorizerId of referenced) {
        signal?.throwIfAborted();
        try {
          const out = await client.send(new GetAuthorizerCommand({ ApiId: apiId, AuthorizerId: authorizerId }), opts);
          value.push(parseResponse(ZAuthorizer, out, "GetAuthorizer"));
        } catch (authErr) {
          throwIfAborted(authErr, signal);
          const authFailure = failureOf(authErr);
          ctx.recordError({ api: "apigatewayv2:GetAuthorizer", resource: `${resource}/authorizers/${authorizerId}`, ...authFailure });
          unread.push({ authorizerId, ...authFailure });
        }
      }
      return { status: "partial", ...failure, value, unread };
    }
  };

  const details: THttpApiRaw[] = [];
  // Per API, its calls run one after another (the authorizer fallback needs the routes first); the bound on
  // APIs in flight is the bound on calls in flight.
  const apiTasks = apis.map((api) => async () => {
    const apiId = api.ApiId;
    const resource = httpApiArn(ctx.region, apiId);
    const page = <S extends z.ZodTypeAny>(what: string, schema: S, send: (token: string | undefined) => Promise<Page>) =>
      listing(`apigatewayv2:${what}`, resource, () => listAll(what, schema, send, signal));

    const routes = await page("GetRoutes", ZRoute, (NextToken) =>
      client.send(new GetRoutesCommand({ ApiId: apiId, MaxResults: PAGE_SIZE, NextToken }), opts),
    );
    const integrations = await page("GetIntegrations", ZIntegration, (NextToken) =>
      client.send(new GetIntegrationsCommand({ ApiId: apiId, MaxResults: PAGE_SIZE, NextToken }), opts),
    );
    const stages = await page("GetStages", ZStage, (NextToken) =>
      client.send(new GetStagesCommand({ ApiId: apiId, MaxResults: PAGE_SIZE, NextToken }), opts),
    );
    const authorizers = await authorizersOf(apiId, resource, routes);
    details.push({ api, routes, integrations, stages, authorizers });
  });

  let domains: Listing<TDomainApiMappingsRaw[]>;
  const mappingTasks: (() => Promise<void>)[] = [];
  if (apis.length === 0) {
    // No API for a mapping to point at: skip the calls (one per empty region adds up across regions).
    domains = { status: "ok", value: [] };
  } else {
    const names = await listing("apigatewayv2:GetDomainNames", undefined, () =>
      listAll(
        "GetDomainNames",
        ZDomainName,
        (NextToken) => client.send(new GetDomainNamesCommand({ MaxResults: PAGE_SIZE, NextToken }), opts),
        signal,
      ),
    );
    if (names.status === "error") {
      domains = names;
    } else {
      // Each placeholder is replaced by its task below; an aborted run throws instead of returning them.
      const value: TDomainApiMappingsRaw[] = names.value.map((d) => ({ domainName: d.DomainName, apiMappings: { status: "ok", value: [] } }));
      domains = { status: "ok", value };
      for (const domain of value) {
        mappingTasks.push(async () => {
          domain.apiMappings = await listing(
            "apigatewayv2:GetApiMappings",
            domainNameArn(ctx.region, domain.domainName),
            () =>
              listAll(
                "GetApiMappings",
                ZApiMapping,
                (NextToken) =>
                  client.send(new GetApiMappingsCommand({ DomainName: domain.domainName, MaxResults: PAGE_SIZE, NextToken }), opts),
                signal,
              ),
          );
        });
      }
    }
  }

  await runBounded([...apiTasks, ...mappingTasks], DETAIL_CONCURRENCY, signal);

  // Tasks finish in any order: keep GetApis' order so the raw does not depend on timing.
  const order = new Map(apis.map((a, i) => [a.ApiId, i]));
  details.sort((a, b) => (order.get(a.api.ApiId) ?? 0) - (order.get(b.api.ApiId) ?? 0));
  return { listing: "complete", apis: details, domains };
}
