// Serves the recorded fixtures through aws-sdk-client-mock, paging by Marker exactly as AWS does. An unknown
// Marker, function or layer is a test failure, not an empty answer.
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
  ResourceNotFoundException,
  type ListEventSourceMappingsCommandInput,
  type ListFunctionsCommandInput,
} from "@aws-sdk/client-lambda";
import type { AwsClientStub } from "aws-sdk-client-mock";
import {
  ACCOUNT_SETTINGS,
  FUNCTION_URLS,
  LAYER_PAGES,
  LAYER_POLICIES,
  LAYER_VERSION_PAGES,
  PER_FUNCTION,
  PER_FUNCTION_PAGES,
  POLICIES,
  QUALIFIED_POLICIES,
  byMarker,
  esmPagesByMarker,
  functionNameOf,
  functionPagesByMarker,
  invokeConfigPagesOf,
  type FunctionName,
} from "./fixtures";

export type LambdaMock = AwsClientStub<LambdaClient>;

export function notFound(message = "The resource you requested does not exist."): ResourceNotFoundException {
  return new ResourceNotFoundException({ message, Type: "User", $metadata: { httpStatusCode: 404 } });
}

const ok = <T extends object>(value: T) => ({ ...structuredClone(value), $metadata: { httpStatusCode: 200 } });

function page<P>(pages: Record<string, P>, marker: string | undefined, what: string): P {
  const p = pages[marker ?? ""];
  if (!p) throw new Error(`unexpected ${what} Marker ${marker}`);
  return p;
}

function known<T>(table: Partial<Record<FunctionName, T>>, fn: string | undefined, what: string): T {
  const value = table[functionNameOf(fn ?? "")];
  if (value === undefined) throw new Error(`unexpected ${what} for ${fn}`);
  return value;
}

type Input = { FunctionName?: string; Qualifier?: string; Marker?: string; Resource?: string };

/**
 * Mocks every Lambda call the collector makes. Returns the inputs of the region-wide listings as sent: the SDK
 * paginator reuses one input object, so commandCalls() shows only its last state.
 */
export function serveFixtures(mock: LambdaMock) {
  const functionPages = functionPagesByMarker();
  const esmPages = esmPagesByMarker();
  const sent = { listFunctions: [] as ListFunctionsCommandInput[], listEsm: [] as ListEventSourceMappingsCommandInput[] };

  mock.on(ListFunctionsCommand).callsFake((input: ListFunctionsCommandInput) => {
    sent.listFunctions.push({ ...input });
    return page(functionPages, input.Marker, "ListFunctions");
  });
  mock.on(ListEventSourceMappingsCommand).callsFake((input: ListEventSourceMappingsCommandInput) => {
    sent.listEsm.push({ ...input });
    return page(esmPages, input.Marker, "ListEventSourceMappings");
  });
  mock.on(GetPolicyCommand).callsFake((input: Input) => {
    const key = input.Qualifier ? `${input.FunctionName}:${input.Qualifier}` : (input.FunctionName ?? "");
    const policy = input.Qualifier ? QUALIFIED_POLICIES[key] : POLICIES[key];
    if (!policy) throw notFound();
    return ok(policy);
  });
  mock.on(GetFunctionUrlConfigCommand).callsFake((input: Input) => {
    const url = FUNCTION_URLS[input.Qualifier ? `${input.FunctionName}:${input.Qualifier}` : (input.FunctionName ?? "")];
    if (!url) throw notFound();
    return ok(url);
  });
  const perFunctionPages =
    (table: Partial<Record<FunctionName, object[]>>, what: string) =>
    (input: Input) =>
      page(byMarker(known(table, input.FunctionName, what)), input.Marker, what);
  mock.on(ListVersionsByFunctionCommand).callsFake(perFunctionPages(PER_FUNCTION_PAGES.versions, "ListVersionsByFunction"));
  mock.on(ListAliasesCommand).callsFake(perFunctionPages(PER_FUNCTION_PAGES.aliases, "ListAliases"));
  mock.on(ListFunctionUrlConfigsCommand).callsFake(perFunctionPages(PER_FUNCTION_PAGES.urlConfigs, "ListFunctionUrlConfigs"));
  mock
    .on(ListProvisionedConcurrencyConfigsCommand)
    .callsFake(perFunctionPages(PER_FUNCTION_PAGES.provisionedConcurrency, "ListProvisionedConcurrencyConfigs"));
  mock.on(ListFunctionEventInvokeConfigsCommand).callsFake((input: Input) =>
    page(byMarker(invokeConfigPagesOf(functionNameOf(input.FunctionName ?? ""))), input.Marker, "ListFunctionEventInvokeConfigs"),
  );
  mock.on(GetFunctionEventInvokeConfigCommand).callsFake((input: Input) => {
    const configs = invokeConfigPagesOf(functionNameOf(input.FunctionName ?? "")).flatMap((p) => p.FunctionEventInvokeConfigs);
    const wanted = `${input.FunctionName}:${input.Qualifier ?? "$LATEST"}`;
    const config = configs.find((c) => c.FunctionArn === wanted);
    if (!config) throw notFound(`The function ${wanted} doesn't have an EventInvokeConfig`);
    return ok(config);
  });
  mock.on(GetFunctionConcurrencyCommand).callsFake((input: Input) => ok(known(PER_FUNCTION.concurrency, input.FunctionName, "GetFunctionConcurrency")));
  mock.on(GetFunctionCodeSigningConfigCommand).callsFake((input: Input) =>
    ok(known(PER_FUNCTION.codeSigning, input.FunctionName, "GetFunctionCodeSigningConfig")),
  );
  mock.on(ListTagsCommand).callsFake((input: Input) => ok(known(PER_FUNCTION.tags, input.Resource, "ListTags")));
  mock.on(GetFunctionRecursionConfigCommand).callsFake((input: Input) =>
    ok(known(PER_FUNCTION.recursion, input.FunctionName, "GetFunctionRecursionConfig")),
  );
  mock.on(ListLayersCommand).callsFake((input: Input) => page(byMarker(LAYER_PAGES), input.Marker, "ListLayers"));
  mock.on(ListLayerVersionsCommand).callsFake((input: { LayerName?: string; Marker?: string }) => {
    const pages = LAYER_VERSION_PAGES[input.LayerName ?? ""];
    if (!pages) throw new Error(`unexpected ListLayerVersions for ${input.LayerName}`);
    return page(byMarker(pages), input.Marker, "ListLayerVersions");
  });
  mock.on(GetLayerVersionPolicyCommand).callsFake((input: { LayerName?: string; VersionNumber?: number }) => {
    const policy = LAYER_POLICIES[`arn:aws:lambda:us-east-1:111122223333:layer:${input.LayerName}:${input.VersionNumber}`];
    if (!policy) throw notFound("No policy is associated with the given resource.");
    return ok(policy);
  });
  mock.on(GetAccountSettingsCommand).callsFake(() => ok(ACCOUNT_SETTINGS));
  return sent;
}
