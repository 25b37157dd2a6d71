// Recorded-shape AWS Lambda responses for account 111122223333 in us-east-1 (trimmed, values fake), and the
// LambdaRaw a complete collection over them yields. Shared by the collect and normalize tests.
// Notes on realism: ListFunctions does not return State/LastUpdateStatus (only GetFunction does), so these
// pages omit them, as AWS does; moto returns them. The SDK deserializes ESM and invoke-config timestamps to
// Dates: the *PagesByMarker helpers hand them out as Dates, fixtureRaw() holds them as ISO strings.
//
// The estate: orders-api (public URL, reserved concurrency), legacy-report (cross-account and S3 grants, an
// on-failure destination), image-resizer (IAM URL, a self-managed Kafka mapping), queue-worker (versions 1-2 and
// aliases live/canary over two pages each, policies on both aliases, a URL on canary, provisioned concurrency)
// and stream-consumer (CloudWatch Logs and ALB grants, code signing, recursion Allow). Two layers, three versions
// of one over two pages, one with a public policy.
import type {
  ListEventSourceMappingsCommandOutput,
  ListFunctionsCommandOutput,
} from "@aws-sdk/client-lambda";
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
  type TLambdaFunctionRaw,
  type TLayerRaw,
} from "@/scanners/lambda/raw";
import functionsPage1 from "./list-functions-page-1.json";
import functionsPage2 from "./list-functions-page-2.json";
import functionsPage3 from "./list-functions-page-3.json";
import esmPage1 from "./list-event-source-mappings-page-1.json";
import esmPage2 from "./list-event-source-mappings-page-2.json";
import policyOrdersApi from "./get-policy-orders-api.json";
import policyLegacyReport from "./get-policy-legacy-report.json";
import policyStreamConsumer from "./get-policy-stream-consumer.json";
import qualifiedPolicies from "./get-policy-qualified.json";
import urlOrdersApi from "./get-function-url-config-orders-api.json";
import urlImageResizer from "./get-function-url-config-image-resizer.json";
import urlQueueWorkerCanary from "./get-function-url-config-queue-worker-canary.json";
import versionPages from "./list-versions-by-function.json";
import aliasPages from "./list-aliases.json";
import urlConfigPages from "./list-function-url-configs.json";
import concurrency from "./get-function-concurrency.json";
import provisionedPages from "./list-provisioned-concurrency-configs.json";
import invokeConfigPages from "./list-function-event-invoke-configs.json";
import codeSigning from "./get-function-code-signing-config.json";
import tags from "./list-tags.json";
import recursion from "./get-function-recursion-config.json";
import layersPage1 from "./list-layers-page-1.json";
import layersPage2 from "./list-layers-page-2.json";
import layerVersionPages from "./list-layer-versions.json";
import layerPolicies from "./get-layer-version-policy.json";
import accountSettings from "./get-account-settings.json";

export const ACCOUNT_ID = "111122223333";
export const REGION = "us-east-1";

const arn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${name}`;
export const ARNS = {
  ordersApi: arn("orders-api"),
  legacyReport: arn("legacy-report"),
  imageResizer: arn("image-resizer"),
  queueWorker: arn("queue-worker"),
  streamConsumer: arn("stream-consumer"),
} as const;
export type FunctionName = "orders-api" | "legacy-report" | "image-resizer" | "queue-worker" | "stream-consumer";

export const LAYER_VERSION_ARNS = {
  sharedUtils7: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:layer:shared-utils:7`,
  sharedUtils6: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:layer:shared-utils:6`,
  sharedUtils5: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:layer:shared-utils:5`,
  internalAuth3: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:layer:internal-auth:3`,
} as const;

/** Environment variable values present in the fixtures: none may appear in anything normalize returns. */
export const FIXTURE_SECRET_VALUES = [
  "orders-prod",
  "sk_live_fixture_4eC39HqLyjWDarjtT1zdp7dc",
  "fixture-db-password-Zq81!",
  "images-prod",
  "fixture-signing-key-0000",
  "fixture-old-api-key-1111",
];

const clone = <T>(value: T): T => structuredClone(value);
/**
 * JSON imports are typed with plain strings where the SDK has string-enum types (Runtime, State, ...); the
 * files are recorded SDK outputs, so they are typed as such here rather than re-declared field by field.
 */
const asSdkOutput = <T>(value: unknown): T => clone(value) as T;

/** The function name in a function ARN (qualifier dropped), or the name itself. */
export function functionNameOf(nameOrArn: string): FunctionName {
  const parts = nameOrArn.split(":");
  return (parts.length >= 7 ? parts[6] : nameOrArn) as FunctionName;
}

/** Pages keyed by the Marker that requests them ("" = first page), following each page's NextMarker. */
export function byMarker<P extends object>(pages: P[]): Record<string, P> {
  const out: Record<string, P> = {};
  let marker = "";
  for (const page of pages) {
    out[marker] = asSdkOutput({ ...page, $metadata: {} });
    marker = (page as { NextMarker?: string }).NextMarker ?? "";
  }
  return out;
}

/** ListFunctions pages keyed by the Marker that requests them ("" = first page). */
export function functionPagesByMarker(): Record<string, ListFunctionsCommandOutput> {
  return byMarker([functionsPage1, functionsPage2, functionsPage3]) as Record<string, ListFunctionsCommandOutput>;
}

const dateOrUndefined = (s: string | undefined) => (s === undefined ? undefined : new Date(s));

/** ListEventSourceMappings pages keyed by Marker, with timestamps as the Dates the SDK deserializes them to. */
export function esmPagesByMarker(): Record<string, ListEventSourceMappingsCommandOutput> {
  const withDates = (page: { EventSourceMappings: Record<string, unknown>[]; NextMarker?: string }) => ({
    ...page,
    EventSourceMappings: page.EventSourceMappings.map((m) => ({
      ...m,
      LastModified: dateOrUndefined(m.LastModified as string | undefined),
      StartingPositionTimestamp: dateOrUndefined(m.StartingPositionTimestamp as string | undefined),
    })),
  });
  return byMarker([withDates(esmPage1), withDates(esmPage2)]) as Record<string, ListEventSourceMappingsCommandOutput>;
}

/** Unqualified resource policies by function ARN. */
export const POLICIES: Record<string, { Policy: string; RevisionId: string }> = {
  [ARNS.ordersApi]: policyOrdersApi,
  [ARNS.legacyReport]: policyLegacyReport,
  [ARNS.streamConsumer]: policyStreamConsumer,
};

/** Qualifier policies by "<function ARN>:<qualifier>". */
export const QUALIFIED_POLICIES: Record<string, { Policy: string; RevisionId: string }> = qualifiedPolicies;

/** What GetFunctionUrlConfig answers, by function ARN (with ":<alias>" for an alias's URL). */
export const FUNCTION_URLS: Record<string, typeof urlOrdersApi | typeof urlImageResizer | typeof urlQueueWorkerCanary> = {
  [ARNS.ordersApi]: urlOrdersApi,
  [ARNS.imageResizer]: urlImageResizer,
  [`${ARNS.queueWorker}:canary`]: urlQueueWorkerCanary,
};

type Pages<K extends string> = Record<K, { NextMarker?: string }[]>;

/** Per-function paginated responses, as recorded. */
export const PER_FUNCTION_PAGES = {
  versions: versionPages as Pages<FunctionName>,
  aliases: aliasPages as Pages<FunctionName>,
  urlConfigs: urlConfigPages as Pages<FunctionName>,
  provisionedConcurrency: provisionedPages as Partial<Pages<FunctionName>>,
  invokeConfigs: invokeConfigPages as Pages<FunctionName>,
};

/** ListFunctionEventInvokeConfigs pages with LastModified as the Date the SDK deserializes it to. */
export function invokeConfigPagesOf(name: FunctionName): { FunctionEventInvokeConfigs: { FunctionArn: string; LastModified: Date }[]; NextMarker?: string }[] {
  type Recorded = { FunctionEventInvokeConfigs: { FunctionArn: string; LastModified: string }[]; NextMarker?: string };
  return (PER_FUNCTION_PAGES.invokeConfigs[name] as Recorded[]).map((page) => ({
    ...page,
    FunctionEventInvokeConfigs: page.FunctionEventInvokeConfigs.map((c) => ({ ...c, LastModified: new Date(c.LastModified) })),
  }));
}

/** Per-function single responses, as recorded. */
export const PER_FUNCTION = {
  concurrency: concurrency as Record<FunctionName, object>,
  codeSigning: codeSigning as Record<FunctionName, object>,
  tags: tags as Record<FunctionName, object>,
  recursion: recursion as Record<FunctionName, object>,
};

export const LAYER_PAGES: object[] = [layersPage1, layersPage2];
export const LAYER_VERSION_PAGES = layerVersionPages as Record<string, { NextMarker?: string }[]>;
export const LAYER_POLICIES: Record<string, { Policy: string; RevisionId: string }> = layerPolicies;
export const ACCOUNT_SETTINGS = accountSettings;

function itemsOf<T>(pages: { NextMarker?: string }[], key: string): T[] {
  return pages.flatMap((p) => (p as Record<string, T[]>)[key] ?? []);
}

function functionRaw(configuration: TLambdaFunctionRaw["configuration"]): TLambdaFunctionRaw {
  const fnArn = configuration.FunctionArn;
  const name = functionNameOf(fnArn);
  const versions = ZFunctionConfiguration.array().parse(itemsOf(clone(PER_FUNCTION_PAGES.versions[name]), "Versions"));
  const aliases = ZAlias.array().parse(itemsOf(clone(PER_FUNCTION_PAGES.aliases[name]), "Aliases"));
  const qualifiers = [...versions.map((v) => v.Version ?? "").filter((v) => v && v !== "$LATEST"), ...aliases.map((a) => a.Name)];
  const policy = POLICIES[fnArn];
  const pcPages = PER_FUNCTION_PAGES.provisionedConcurrency[name];
  return {
    configuration,
    policy: policy ? { status: "ok", value: ZGetPolicyResponse.parse(clone(policy)) } : { status: "absent" },
    versions: { status: "ok", value: versions },
    aliases: { status: "ok", value: aliases },
    qualifierPolicies: qualifiers.map((qualifier) => {
      const p = QUALIFIED_POLICIES[`${fnArn}:${qualifier}`];
      return { qualifier, policy: p ? { status: "ok", value: ZGetPolicyResponse.parse(clone(p)) } : { status: "absent" } };
    }),
    urls: {
      via: "ListFunctionUrlConfigs",
      result: { status: "ok", value: ZFunctionUrlConfig.array().parse(itemsOf(clone(PER_FUNCTION_PAGES.urlConfigs[name]), "FunctionUrlConfigs")) },
    },
    concurrency: { status: "ok", value: ZFunctionConcurrency.parse(clone(PER_FUNCTION.concurrency[name])) },
    provisionedConcurrency:
      qualifiers.length === 0
        ? { status: "skipped" }
        : {
            status: "ok",
            value: ZProvisionedConcurrencyConfig.array().parse(itemsOf(clone(pcPages ?? [{}]), "ProvisionedConcurrencyConfigs")),
          },
    eventInvokeConfigs: {
      via: "ListFunctionEventInvokeConfigs",
      result: {
        status: "ok",
        value: ZFunctionEventInvokeConfig.array().parse(itemsOf(clone(PER_FUNCTION_PAGES.invokeConfigs[name]), "FunctionEventInvokeConfigs")),
      },
    },
    codeSigning: { status: "ok", value: ZFunctionCodeSigningConfig.parse(clone(PER_FUNCTION.codeSigning[name])) },
    tags: { status: "ok", value: ZListTagsResponse.parse(clone(PER_FUNCTION.tags[name])) },
    recursion: { status: "ok", value: ZFunctionRecursionConfig.parse(clone(PER_FUNCTION.recursion[name])) },
  };
}

function layersRaw(): TLayerRaw[] {
  return ZLayersListItem.array()
    .parse(itemsOf(clone(LAYER_PAGES), "Layers"))
    .map((layer) => ({
      layer,
      versionsListing: { status: "ok" },
      versions: ZLayerVersionListItem.array()
        .parse(itemsOf(clone(LAYER_VERSION_PAGES[layer.LayerName]), "LayerVersions"))
        .map((version) => {
          const p = LAYER_POLICIES[version.LayerVersionArn];
          return { version, policy: p ? { status: "ok", value: ZGetPolicyResponse.parse(clone(p)) } : { status: "absent" } };
        }),
    }));
}

/** What collect returns when every call succeeds over these fixtures (no policy / no URL = absent). */
export function fixtureRaw(): LambdaRaw {
  // Parsed with the raw schemas, which also checks that the fixtures fit them.
  const configurations = ZFunctionConfiguration.array().parse(
    [...functionsPage1.Functions, ...functionsPage2.Functions, ...functionsPage3.Functions].map(clone),
  );
  return {
    functions: { status: "ok", value: configurations.map(functionRaw) },
    eventSourceMappings: {
      status: "ok",
      value: ZEventSourceMapping.array().parse([...clone(esmPage1.EventSourceMappings), ...clone(esmPage2.EventSourceMappings)]),
    },
    layers: { status: "ok", value: layersRaw() },
    accountSettings: { status: "ok", value: ZAccountSettings.parse(clone(ACCOUNT_SETTINGS)) },
  };
}

/** fixtureRaw() with its function list known to be complete, for tests that edit one function. */
export function fixtureFunctions(raw: LambdaRaw): TLambdaFunctionRaw[] {
  if (raw.functions.status !== "ok") throw new Error("fixture raw should list its functions");
  return raw.functions.value;
}
