// Lambda resource kinds: how each normalized record maps to its table's typed columns.
import type { ResourceKindSpec } from "../resource-store";
import {
  ZLambdaAccountSettingsRecord,
  ZLambdaEventSourceMappingRecord,
  ZLambdaFunctionRecord,
  ZLambdaLayerVersionRecord,
  type TLambdaAccountSettingsRecord,
  type TLambdaEventSourceMappingRecord,
  type TLambdaFunctionRecord,
  type TLambdaLayerVersionRecord,
} from "@/scanners/lambda/record";

export const lambdaFunctionKind: ResourceKindSpec<TLambdaFunctionRecord> = {
  resourceType: "lambda_function",
  label: "Lambda functions",
  model: "lambdaFunction",
  schema: ZLambdaFunctionRecord,
  name: (r) => r.name,
  columns: (r) => ({
    runtime: r.runtime,
    packageType: r.packageType,
    roleArn: r.roleArn,
    handler: r.handler,
    memorySize: r.memorySize,
    timeout: r.timeout,
    lastModified: r.lastModified,
    hasPolicy: r.policy.status === "error" ? null : r.policy.status === "ok",
    urlAuthType: r.url.status === "ok" ? r.url.value.authType : null,
  }),
};

export const lambdaLayerVersionKind: ResourceKindSpec<TLambdaLayerVersionRecord> = {
  resourceType: "lambda_layer_version",
  label: "Lambda layer versions",
  model: "lambdaLayerVersion",
  schema: ZLambdaLayerVersionRecord,
  name: (r) => `${r.layerName}:${r.version}`,
  columns: (r) => ({
    layerName: r.layerName,
    version: r.version,
    compatibleRuntimes: r.compatibleRuntimes,
    hasPolicy: r.policy.status === "error" ? null : r.policy.status === "ok",
  }),
};

export const lambdaEventSourceMappingKind: ResourceKindSpec<TLambdaEventSourceMappingRecord> = {
  resourceType: "lambda_event_source_mapping",
  label: "Lambda event source mappings",
  model: "lambdaEventSourceMapping",
  schema: ZLambdaEventSourceMappingRecord,
  name: (r) => r.uuid,
  columns: (r) => ({
    // Unqualified, so it joins the function table; the record keeps the qualifier.
    functionArn: r.unqualifiedFunctionArn,
    eventSourceArn: r.eventSourceArn,
    sourceService: r.sourceService,
    state: r.state,
    batchSize: r.batchSize,
  }),
};

export const lambdaAccountSettingsKind: ResourceKindSpec<TLambdaAccountSettingsRecord> = {
  resourceType: "lambda_account_settings",
  label: "Lambda account settings",
  model: "lambdaAccountSettings",
  schema: ZLambdaAccountSettingsRecord,
  name: (r) => `Lambda settings ${r.region}`,
  columns: () => ({}),
};
