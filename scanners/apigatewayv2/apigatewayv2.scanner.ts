// The API Gateway v2 scanner (HTTP and WebSocket APIs): one unit per (account, region). Collects every API
// with its routes, integrations, authorizers and stages, and the API mappings of the region's custom domain
// names; see collect.ts and normalize.ts. Every call is apigateway:GET on /apis/* or /domainnames/*.
import type { ApiGatewayV2Clients } from "@/lib/aws/clients";
import type { NormalizeResult, ScannerDefinition } from "@/scanners/types";
import { collectApiGatewayV2 } from "@/scanners/apigatewayv2/collect";
import { normalizeApiGatewayV2 } from "@/scanners/apigatewayv2/normalize";
import type { ApiGatewayV2Raw } from "@/scanners/apigatewayv2/raw";
import type { THttpApiRecord } from "@/scanners/apigatewayv2/record";

export const apiGatewayV2Scanner = {
  id: "apigatewayv2",
  scope: "regional",
  apis: ["apigateway:GET"],
  collect: collectApiGatewayV2,
  normalize: (raw, ctx) => ({ apigatewayv2_api: normalizeApiGatewayV2(raw, ctx) }),
} as const satisfies ScannerDefinition<ApiGatewayV2Clients, ApiGatewayV2Raw, { apigatewayv2_api: NormalizeResult<THttpApiRecord> }>;
