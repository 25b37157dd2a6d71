// Recorded-shape API Gateway v2 responses for account 111122223333 in us-east-1 (trimmed, values fake), and the
// ApiGatewayV2Raw a complete collection over them yields. Shared by the collect and normalize tests.
//
// The estate: "orders-http" (HTTP; an open GET /health, a JWT route, a Lambda-authorized route, an AWS_IAM
// $default route to a VPC link; CloudFormation tags; two stages, one with access logs, throttling and stage
// variables), "chat-ws" (WebSocket; $connect/$disconnect/$default/sendMessage all NONE, a template integration
// whose URI uses a stage variable) and "legacy-quick" (a quick-created HTTP API). Routes, integrations and
// authorizers of orders-http and GetApis itself span two pages, as AWS pages them with NextToken. Two custom
// domains map to orders-http, chat-ws and a REST API.
import {
  ZApi,
  ZApiMapping,
  ZAuthorizer,
  ZIntegration,
  ZRoute,
  ZStage,
  type ApiGatewayV2Raw,
  type THttpApiRaw,
} from "@/scanners/apigatewayv2/raw";
import getApis from "./get-apis.json";
import ordersHttp from "./api-orders-http.json";
import chatWs from "./api-chat-ws.json";
import legacyQuick from "./api-legacy-quick.json";
import domains from "./domains.json";

export const ACCOUNT_ID = "111122223333";
export const REGION = "us-east-1";

export const API_IDS = { orders: "a1b2c3d4e5", chat: "w5x6y7z8a9", legacy: "q1w2e3r4t5" } as const;
export const ARNS = {
  orders: `arn:aws:apigateway:${REGION}::/apis/${API_IDS.orders}`,
  chat: `arn:aws:apigateway:${REGION}::/apis/${API_IDS.chat}`,
  legacy: `arn:aws:apigateway:${REGION}::/apis/${API_IDS.legacy}`,
} as const;

/** Possibly secret values present in the fixtures: none may appear in anything normalize returns. */
export const FIXTURE_SECRET_VALUES = [
  "fixture-stage-secret-7c1d",
  "fixture-static-token-9f8e",
  "fixture-template-secret-41aa",
  "chat-send",
];

type Page = { Items: unknown[]; NextToken?: string };
type ApiFixture = { routes: Page[]; integrations: Page[]; authorizers: Page[]; stages: Page[] };
export type DetailKind = keyof ApiFixture;

const clone = <T>(value: T): T => structuredClone(value);
const API_FIXTURES: Record<string, ApiFixture> = {
  [API_IDS.orders]: ordersHttp,
  [API_IDS.chat]: chatWs,
  [API_IDS.legacy]: legacyQuick,
};

const DATE_FIELDS = new Set(["CreatedDate", "LastUpdatedDate", "CertificateUploadDate"]);

/** A page as the SDK returns it: timestamps deserialized to Date, with $metadata. */
function sdkPage(page: Page): Page & { $metadata: Record<string, never> } {
  const items = clone(page.Items).map((item) =>
    Object.fromEntries(Object.entries(item as Record<string, unknown>).map(([k, v]) => [k, DATE_FIELDS.has(k) ? new Date(v as string) : v])),
  );
  return { ...(page.NextToken ? { NextToken: page.NextToken } : {}), Items: items, $metadata: {} };
}

/** Pages keyed by the NextToken that requests them ("" = first page). */
function byToken(pages: Page[]): Record<string, ReturnType<typeof sdkPage>> {
  const out: Record<string, ReturnType<typeof sdkPage>> = {};
  let token = "";
  for (const page of pages) {
    out[token] = sdkPage(page);
    token = page.NextToken ?? "";
  }
  return out;
}

export function apiPagesByToken() {
  return byToken(getApis.pages);
}

/** One API's pages of routes, integrations, authorizers or stages, keyed by NextToken. */
export function detailPagesByToken(apiId: string, kind: DetailKind) {
  const fixture = API_FIXTURES[apiId];
  if (!fixture) throw new Error(`no fixture API ${apiId}`);
  return byToken(fixture[kind]);
}

export function domainNamePagesByToken() {
  return byToken(domains.domainNames);
}

export function apiMappingPagesByToken(domainName: string) {
  const pages = (domains.apiMappings as Record<string, Page[]>)[domainName];
  if (!pages) throw new Error(`no fixture domain ${domainName}`);
  return byToken(pages);
}

/** An authorizer as GetAuthorizer (singular) returns it. */
export function authorizerById(apiId: string, authorizerId: string): Record<string, unknown> | undefined {
  const items = (API_FIXTURES[apiId]?.authorizers ?? []).flatMap((p) => p.Items) as { AuthorizerId: string }[];
  const found = items.find((a) => a.AuthorizerId === authorizerId);
  return found ? { ...clone(found), $metadata: { httpStatusCode: 200 } } : undefined;
}

const itemsOf = (pages: Page[]) => clone(pages.flatMap((p) => p.Items));

/** What collect returns when every call succeeds over these fixtures. */
export function fixtureRaw(): ApiGatewayV2Raw {
  // Parsed with the raw schemas, which also checks that the fixtures fit them.
  const apis = ZApi.array().parse(itemsOf(getApis.pages));
  const details: THttpApiRaw[] = apis.map((api) => {
    const f = API_FIXTURES[api.ApiId];
    return {
      api,
      routes: { status: "ok", value: ZRoute.array().parse(itemsOf(f.routes)) },
      integrations: { status: "ok", value: ZIntegration.array().parse(itemsOf(f.integrations)) },
      stages: { status: "ok", value: ZStage.array().parse(itemsOf(f.stages)) },
      authorizers: { status: "ok", value: ZAuthorizer.array().parse(itemsOf(f.authorizers)) },
    };
  });
  return {
    listing: "complete",
    apis: details,
    domains: {
      status: "ok",
      value: itemsOf(domains.domainNames).map((d) => {
        const domainName = (d as { DomainName: string }).DomainName;
        const pages = (domains.apiMappings as Record<string, Page[]>)[domainName];
        return { domainName, apiMappings: { status: "ok", value: ZApiMapping.array().parse(itemsOf(pages)) } };
      }),
    },
  };
}

/** fixtureRaw() narrowed to a complete listing, with one API's detail. */
export function apiDetail(raw: ApiGatewayV2Raw, apiId: string): THttpApiRaw {
  if (raw.listing !== "complete") throw new Error(`expected a complete listing, got ${JSON.stringify(raw)}`);
  const detail = raw.apis.find((a) => a.api.ApiId === apiId);
  if (!detail) throw new Error(`no API ${apiId}`);
  return detail;
}
