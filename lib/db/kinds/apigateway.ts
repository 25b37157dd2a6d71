// API Gateway REST (v1) resource kinds: how each normalized record maps to its table's typed columns.
import type { ResourceKindSpec } from "../resource-store";
import {
  ZApiKeyRecord,
  ZDomainNameRecord,
  ZRestApiRecord,
  ZUsagePlanRecord,
  type TApiKeyRecord,
  type TDomainNameRecord,
  type TRestApiRecord,
  type TUsagePlanRecord,
} from "@/scanners/apigateway/record";

export const restApiKind: ResourceKindSpec<TRestApiRecord> = {
  resourceType: "apigateway_rest_api",
  label: "API Gateway REST APIs",
  model: "apiGatewayRestApi",
  schema: ZRestApiRecord,
  name: (r) => r.name,
  columns: (r) => ({
    endpointType: r.endpointTypes[0] ?? null,
    disableExecuteApiEndpoint: r.disableExecuteApiEndpoint,
    // The columns are NOT NULL (default 0): a failed GetResources/GetStages counts 0 here, and the record's
    // error outcome is what rules read.
    methodCount: r.resources.status === "ok" ? r.resources.value.reduce((n, res) => n + res.methods.length, 0) : null,
    stageCount: r.stages.status === "ok" ? r.stages.value.length : null,
  }),
};

export const domainNameKind: ResourceKindSpec<TDomainNameRecord> = {
  resourceType: "apigateway_domain_name",
  label: "API Gateway custom domain names",
  model: "apiGatewayDomainName",
  schema: ZDomainNameRecord,
  name: (r) => r.domainName,
  columns: (r) => ({
    endpointType: r.endpointTypes[0] ?? null,
    securityPolicy: r.securityPolicy,
    mutualTls: r.mutualTls !== null,
  }),
};

export const usagePlanKind: ResourceKindSpec<TUsagePlanRecord> = {
  resourceType: "apigateway_usage_plan",
  label: "API Gateway usage plans",
  model: "apiGatewayUsagePlan",
  schema: ZUsagePlanRecord,
  name: (r) => r.name,
  columns: () => ({}),
};

export const apiKeyKind: ResourceKindSpec<TApiKeyRecord> = {
  resourceType: "apigateway_api_key",
  label: "API Gateway API keys",
  model: "apiGatewayApiKey",
  schema: ZApiKeyRecord,
  name: (r) => r.name,
  columns: (r) => ({ enabled: r.enabled }),
};
