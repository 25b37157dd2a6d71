// Recorded-shape AWS Lambda responses for account 111122223333 in us-east-1 (trimmed, values fake), and the
// LambdaRaw a complete collection over them yields. Shared by the collect and normalize tests.
// Note on realism: ListFunctions does not return State/LastUpdateStatus (only GetFunction does), so these
// pages omit them, as AWS does; moto returns them.
import type { ListEventSourceMappingsCommandOutput, ListFunctionsCommandOutput } from "@aws-sdk/client-lambda";
import {
  ZEventSourceMapping,
  ZFunctionConfiguration,
  ZFunctionUrlConfig,
  ZGetPolicyResponse,
  type LambdaRaw,
  type TLambdaFunctionRaw,
} from "@/scanners/lambda/raw";
import functionsPage1 from "./list-functions-page-1.json";
import functionsPage2 from "./list-functions-page-2.json";
import functionsPage3 from "./list-functions-page-3.json";
import esmPage1 from "./list-event-source-mappings-page-1.json";
import esmPage2 from "./list-event-source-mappings-page-2.json";
import policyOrdersApi from "./get-policy-orders-api.json";
import policyLegacyReport from "./get-policy-legacy-report.json";
import urlOrdersApi from "./get-function-url-config-orders-api.json";
import urlImageResizer from "./get-function-url-config-image-resizer.json";

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

/** Environment variable values present in the fixtures: none may appear in anything normalize returns. */
export const FIXTURE_SECRET_VALUES = [
  "orders-prod",
  "sk_live_fixture_4eC39HqLyjWDarjtT1zdp7dc",
  "fixture-db-password-Zq81!",
  "images-prod",
  "fixture-signing-key-0000",
];

const clone = <T>(value: T): T => structuredClone(value);
/**
 * JSON imports are typed with plain strings where the SDK has string-enum types (Runtime, State, ...); the
 * files are recorded SDK outputs, so they are typed as such here rather than re-declared field by field.
 */
const asSdkOutput = <T>(value: unknown): T => clone(value) as T;

/** ListFunctions pages keyed by the Marker that requests them ("" = first page). */
export function functionPagesByMarker(): Record<string, ListFunctionsCommandOutput> {
  return {
    "": asSdkOutput({ ...functionsPage1, $metadata: {} }),
    [functionsPage1.NextMarker]: asSdkOutput({ ...functionsPage2, $metadata: {} }),
    [functionsPage2.NextMarker]: asSdkOutput({ ...functionsPage3, $metadata: {} }),
  };
}

/** ListEventSourceMappings pages keyed by Marker, with LastModified as the Date the SDK deserializes it to. */
export function esmPagesByMarker(): Record<string, ListEventSourceMappingsCommandOutput> {
  const withDates = (page: typeof esmPage1 | typeof esmPage2): ListEventSourceMappingsCommandOutput =>
    asSdkOutput({
      ...page,
      EventSourceMappings: page.EventSourceMappings.map((m) => ({ ...m, LastModified: new Date(m.LastModified) })),
      $metadata: {},
    });
  return { "": withDates(esmPage1), [esmPage1.NextMarker]: withDates(esmPage2) };
}

export const POLICIES: Record<string, { Policy: string; RevisionId: string }> = {
  [ARNS.ordersApi]: policyOrdersApi,
  [ARNS.legacyReport]: policyLegacyReport,
};

export const FUNCTION_URLS: Record<string, typeof urlOrdersApi | typeof urlImageResizer> = {
  [ARNS.ordersApi]: urlOrdersApi,
  [ARNS.imageResizer]: urlImageResizer,
};

/** What collect returns when every call succeeds over these fixtures (no policy / no URL = absent). */
export function fixtureRaw(): LambdaRaw {
  // Parsed with the raw schemas, which also checks that the fixtures fit them.
  const configurations = ZFunctionConfiguration.array().parse(
    [...functionsPage1.Functions, ...functionsPage2.Functions, ...functionsPage3.Functions].map(clone),
  );
  const functions: TLambdaFunctionRaw[] = configurations.map((configuration) => {
    const policy = POLICIES[configuration.FunctionArn];
    const url = FUNCTION_URLS[configuration.FunctionArn];
    return {
      configuration,
      policy: policy ? { status: "ok", value: ZGetPolicyResponse.parse(clone(policy)) } : { status: "absent" },
      url: url ? { status: "ok", value: ZFunctionUrlConfig.parse(clone(url)) } : { status: "absent" },
    };
  });
  return {
    listing: "complete",
    functions,
    eventSourceMappings: {
      status: "ok",
      value: ZEventSourceMapping.array().parse([...clone(esmPage1.EventSourceMappings), ...clone(esmPage2.EventSourceMappings)]),
    },
  };
}
