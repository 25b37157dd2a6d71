// The API Gateway REST (v1) scanner: one unit per (account, region). Collects REST APIs with their resources,
// methods, integrations, stages, authorizers, request validators and deployments, plus the region's usage
// plans, API keys (never their values), custom domain names with base path mappings and client certificates;
// see collect.ts and normalize.ts.
import type { ApiGatewayClients } from "@/lib/aws/clients";
import type { ScannerDefinition } from "@/scanners/types";
import { collectApiGateway } from "@/scanners/apigateway/collect";
import { normalizeApiGateway, type ApiGatewayOutput } from "@/scanners/apigateway/normalize";
import type { ApiGatewayRaw } from "@/scanners/apigateway/raw";

export const apiGatewayScanner = {
  id: "apigateway",
  scope: "regional",
  // API Gateway's management API is authorized per HTTP verb and resource path, so every read above
  // (GetRestApis, GetResources, GetStages, GetAuthorizers, GetRequestValidators, GetDeployments, GetUsagePlans,
  // GetUsagePlanKeys, GetApiKeys, GetDomainNames, GetBasePathMappings, GetClientCertificates) is the one IAM
  // action apigateway:GET, on /restapis/*, /usageplans(/*), /apikeys, /domainnames(/*) and /clientcertificates.
  apis: ["apigateway:GET"],
  collect: collectApiGateway,
  normalize: normalizeApiGateway,
} as const satisfies ScannerDefinition<ApiGatewayClients, ApiGatewayRaw, ApiGatewayOutput>;
