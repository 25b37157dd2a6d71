// Recorded-shape API Gateway (REST, v1) responses for account 111122223333 in us-east-1 (trimmed, values fake),
// as the SDK hands them back (items/item, position), and the ApiGatewayRaw a complete collection over them
// yields. Shared by the collect and normalize tests.
// Notes on realism: AWS returns a REST API's policy JSON-escaped (\" and \/), which the orders and internal APIs
// reproduce; GetUsagePlanKeys returns each key's value unasked (the gold plan's key has one); GetApiKeys without
// includeValues returns no value; dates arrive as epoch seconds, which the SDK turns into Dates (done here).
import { z } from "zod";
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
} from "@/scanners/apigateway/raw";
import restApisPage1 from "./get-rest-apis-page-1.json";
import restApisPage2 from "./get-rest-apis-page-2.json";
import ordersResourcesPage1 from "./get-resources-orders-api-page-1.json";
import ordersResourcesPage2 from "./get-resources-orders-api-page-2.json";
import internalResources from "./get-resources-internal-api.json";
import legacyResources from "./get-resources-legacy-edge.json";
import ordersStages from "./get-stages-orders-api.json";
import legacyStages from "./get-stages-legacy-edge.json";
import ordersAuthorizersPage1 from "./get-authorizers-orders-api-page-1.json";
import ordersAuthorizersPage2 from "./get-authorizers-orders-api-page-2.json";
import ordersValidators from "./get-request-validators-orders-api.json";
import ordersDeploymentsPage1 from "./get-deployments-orders-api-page-1.json";
import ordersDeploymentsPage2 from "./get-deployments-orders-api-page-2.json";
import legacyDeployments from "./get-deployments-legacy-edge.json";
import usagePlans from "./get-usage-plans.json";
import goldPlanKeys from "./get-usage-plan-keys-gold.json";
import apiKeys from "./get-api-keys.json";
import domainNames from "./get-domain-names.json";
import apiExampleMappings from "./get-base-path-mappings-api-example-com.json";
import legacyExampleMappings from "./get-base-path-mappings-legacy-example-com.json";
import clientCertificates from "./get-client-certificates.json";

export const ACCOUNT_ID = "111122223333";
export const REGION = "us-east-1";

export const API_IDS = { orders: "a1b2c3d4e5", internal: "p9q8r7s6t5", legacy: "e1d2g3e4x5" } as const;
export const API_ARNS = {
  orders: `arn:aws:apigateway:${REGION}::/restapis/${API_IDS.orders}`,
  internal: `arn:aws:apigateway:${REGION}::/restapis/${API_IDS.internal}`,
  legacy: `arn:aws:apigateway:${REGION}::/restapis/${API_IDS.legacy}`,
} as const;

/** Secret values in the fixtures: none may appear in anything normalize returns. */
export const FIXTURE_SECRET_VALUES = [
  "fixture-stage-secret-Qx81",
  "fixture-canary-secret-Lm20",
  "fixture-apikey-value-PARTNER-A-9f8e7d",
  "fixture-backend-key-7Hq2",
  "fixture-template-token-Zp4",
];

type JsonPage = { items?: unknown[]; item?: unknown[]; position?: string };
/** SDK pages keyed by the position that requests them ("" = first page). */
export type PagesByPosition = Record<string, JsonPage & { $metadata: object }>;

const DATE_FIELDS = new Set(["createdDate", "lastUpdatedDate", "expirationDate", "certificateUploadDate"]);

/** A recorded response as the SDK returns it: date fields as Date objects, with $metadata. */
function sdkOutput<T extends JsonPage>(page: T): T & { $metadata: object } {
  const revive = (value: unknown, key?: string): unknown => {
    if (typeof value === "string" && key && DATE_FIELDS.has(key)) return new Date(value);
    if (Array.isArray(value)) return value.map((v) => revive(v));
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v, k)]));
    }
    return value;
  };
  return { ...(revive(structuredClone(page)) as T), $metadata: {} };
}

function pages(...list: JsonPage[]): PagesByPosition {
  const out: PagesByPosition = {};
  let position = "";
  for (const page of list) {
    out[position] = sdkOutput(page);
    position = page.position ?? "";
  }
  return out;
}

const EMPTY: JsonPage = { items: [] };

/** The fixture for an id, or undefined for an id the fixtures do not know (a test failure in the mocks). */
function lookup<T>(byId: Record<string, () => T>, id: string): T | undefined {
  return Object.hasOwn(byId, id) ? byId[id]() : undefined;
}

export function restApiPages(): PagesByPosition {
  return pages(restApisPage1, restApisPage2);
}

export function resourcePages(restApiId: string): PagesByPosition | undefined {
  return lookup(
    {
      [API_IDS.orders]: () => pages(ordersResourcesPage1, ordersResourcesPage2),
      [API_IDS.internal]: () => pages(internalResources),
      [API_IDS.legacy]: () => pages(legacyResources),
    },
    restApiId,
  );
}

/** GetStages output (one response, no paging). */
export function stagesOf(restApiId: string): (JsonPage & { $metadata: object }) | undefined {
  return lookup<JsonPage & { $metadata: object }>(
    {
      [API_IDS.orders]: () => sdkOutput(ordersStages),
      [API_IDS.internal]: () => sdkOutput({ item: [] }),
      [API_IDS.legacy]: () => sdkOutput(legacyStages),
    },
    restApiId,
  );
}

export function authorizerPages(restApiId: string): PagesByPosition | undefined {
  return lookup(
    {
      [API_IDS.orders]: () => pages(ordersAuthorizersPage1, ordersAuthorizersPage2),
      [API_IDS.internal]: () => pages(EMPTY),
      [API_IDS.legacy]: () => pages(EMPTY),
    },
    restApiId,
  );
}

export function requestValidatorPages(restApiId: string): PagesByPosition | undefined {
  return lookup(
    {
      [API_IDS.orders]: () => pages(ordersValidators),
      [API_IDS.internal]: () => pages(EMPTY),
      [API_IDS.legacy]: () => pages(EMPTY),
    },
    restApiId,
  );
}

export function deploymentPages(restApiId: string): PagesByPosition | undefined {
  return lookup(
    {
      [API_IDS.orders]: () => pages(ordersDeploymentsPage1, ordersDeploymentsPage2),
      [API_IDS.internal]: () => pages(EMPTY),
      [API_IDS.legacy]: () => pages(legacyDeployments),
    },
    restApiId,
  );
}

export function usagePlanPages(): PagesByPosition {
  return pages(usagePlans);
}

export function usagePlanKeyPages(usagePlanId: string): PagesByPosition | undefined {
  return lookup({ up0gold001: () => pages(goldPlanKeys), up0free001: () => pages(EMPTY) }, usagePlanId);
}

export function apiKeyPages(): PagesByPosition {
  return pages(apiKeys);
}

export function domainNamePages(): PagesByPosition {
  return pages(domainNames);
}

export function basePathMappingPages(domainName: string): PagesByPosition | undefined {
  return lookup(
    {
      "api.example.com": () => pages(apiExampleMappings),
      "legacy.example.com": () => pages(legacyExampleMappings),
    },
    domainName,
  );
}

export function clientCertificatePages(): PagesByPosition {
  return pages(clientCertificates);
}

// ---- the raw a complete collection yields -------------------------------------------------------------------

const all = (p: PagesByPosition | undefined): unknown[] => Object.values(p ?? {}).flatMap((page) => page.items ?? page.item ?? []);
/** Through JSON, as collect does: Dates back to ISO strings, then the raw schema (which drops key values). */
const parsed = <S extends z.ZodTypeAny>(schema: S, p: PagesByPosition | undefined): z.infer<S>[] =>
  all(p).map((item) => schema.parse(JSON.parse(JSON.stringify(item))));
const ok = <T>(value: T) => ({ status: "ok" as const, value });

export function fixtureRaw(): ApiGatewayRaw {
  return {
    restApis: ok(
      parsed(ZRestApi, restApiPages()).map((api) => ({
        api,
        resources: ok(parsed(ZResource, resourcePages(api.id))),
        stages: ok(parsed(ZStage, { "": stagesOf(api.id) ?? { $metadata: {} } })),
        authorizers: ok(parsed(ZAuthorizer, authorizerPages(api.id))),
        requestValidators: ok(parsed(ZRequestValidator, requestValidatorPages(api.id))),
        deployments: ok(parsed(ZDeployment, deploymentPages(api.id))),
      })),
    ),
    usagePlans: ok(parsed(ZUsagePlan, usagePlanPages()).map((plan) => ({ plan, keys: ok(parsed(ZUsagePlanKey, usagePlanKeyPages(plan.id))) }))),
    apiKeys: ok(parsed(ZApiKey, apiKeyPages())),
    domainNames: ok(
      parsed(ZDomainName, domainNamePages()).map((domain) => ({
        domain,
        basePathMappings: ok(parsed(ZBasePathMapping, basePathMappingPages(domain.domainName))),
      })),
    ),
    clientCertificates: ok(parsed(ZClientCertificate, clientCertificatePages())),
  };
}
