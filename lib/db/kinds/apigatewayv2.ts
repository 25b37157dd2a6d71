// API Gateway v2 resource kinds: how each normalized record maps to its table's typed columns.
import type { ResourceKindSpec } from "../resource-store";
import { ZHttpApiRecord, type THttpApiRecord } from "@/scanners/apigatewayv2/record";

export const httpApiKind: ResourceKindSpec<THttpApiRecord> = {
  resourceType: "apigatewayv2_api",
  label: "HTTP and WebSocket APIs",
  model: "apiGatewayV2Api",
  schema: ZHttpApiRecord,
  name: (r) => r.name,
  columns: (r) => ({
    // The column is required; AWS always sends ProtocolType, so "UNKNOWN" only marks a response that did not.
    protocolType: r.protocolType ?? "UNKNOWN",
    disableExecuteApiEndpoint: r.disableExecuteApiEndpoint,
    // Unknown (null), not 0, when the routes could not be listed (the record says routes.status "error").
    routeCount: r.routes.status === "ok" ? r.routes.value.length : null,
  }),
};
