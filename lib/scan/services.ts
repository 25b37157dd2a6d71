// The services a scan covers and how each one's unit is collected and stored. Adding a service = one
// entry here: its scanner, its AWS client factory and the resource kinds its normalize produces.
import type { CallMetrics, ScanTarget } from "@/lib/aws/clients";
import { apiGatewayClients, apiGatewayV2Clients, iamClients, lambdaClients, neighboursClients } from "@/lib/aws/clients";
import type { CollectContext, NormalizeContext, ScanOutput } from "@/scanners/types";
import { lambdaScanner } from "@/scanners/lambda/lambda.scanner";
import type { ResourceKindSpec } from "@/lib/db/resource-store";
import { lambdaAccountSettingsKind, lambdaEventSourceMappingKind, lambdaFunctionKind, lambdaLayerVersionKind } from "@/lib/db/kinds/lambda";
import { iamScanner } from "@/scanners/iam/iam.scanner";
import { iamGroupKind, iamPolicyKind, iamRoleKind, iamUserKind } from "@/lib/db/kinds/iam";
import { apiGatewayScanner } from "@/scanners/apigateway/apigateway.scanner";
import { apiKeyKind, domainNameKind, restApiKind, usagePlanKind } from "@/lib/db/kinds/apigateway";
import { apiGatewayV2Scanner } from "@/scanners/apigatewayv2/apigatewayv2.scanner";
import { httpApiKind } from "@/lib/db/kinds/apigatewayv2";
import { neighboursScanner } from "@/scanners/neighbours/neighbours.scanner";
import { NEIGHBOUR_KINDS } from "@/lib/db/kinds/neighbours";

export type ServiceUnitRunner = {
  id: string;
  scope: "regional" | "global";
  apis: readonly string[];
  /** The resource kinds this service's normalize produces, keyed by resource type in its output. */
  kinds: readonly ResourceKindSpec<never>[];
  /** Lower runs earlier when workers are busy (IAM after the regional units, so its hints are fresh). */
  priority: number;
  collectAndNormalize(target: ScanTarget, metrics: CallMetrics, ctx: CollectContext, nctx: NormalizeContext): Promise<ScanOutput>;
};

function service<TClients, TRaw, TOutput extends ScanOutput>(def: {
  scanner: {
    id: string;
    scope: "regional" | "global";
    apis: readonly string[];
    collect(clients: TClients, ctx: CollectContext): Promise<TRaw>;
    normalize(raw: TRaw, ctx: NormalizeContext): TOutput;
  };
  clients(target: ScanTarget, metrics: CallMetrics): TClients;
  kinds: { [K in keyof TOutput]: ResourceKindSpec<TOutput[K]["resources"][number]["record"]> };
  priority?: number;
}): ServiceUnitRunner {
  return {
    id: def.scanner.id,
    scope: def.scanner.scope,
    apis: def.scanner.apis,
    kinds: Object.values(def.kinds) as ResourceKindSpec<never>[],
    priority: def.priority ?? 0,
    async collectAndNormalize(target, metrics, ctx, nctx) {
      const raw = await def.scanner.collect(def.clients(target, metrics), ctx);
      return def.scanner.normalize(raw, nctx);
    },
  };
}

export const SERVICES: readonly ServiceUnitRunner[] = [
  service({
    scanner: lambdaScanner,
    clients: lambdaClients,
    kinds: {
      lambda_function: lambdaFunctionKind,
      lambda_layer_version: lambdaLayerVersionKind,
      lambda_event_source_mapping: lambdaEventSourceMappingKind,
      lambda_account_settings: lambdaAccountSettingsKind,
    },
    priority: 10,
  }),
  service({
    scanner: apiGatewayScanner,
    clients: apiGatewayClients,
    kinds: { apigateway_rest_api: restApiKind, apigateway_domain_name: domainNameKind, apigateway_usage_plan: usagePlanKind, apigateway_api_key: apiKeyKind },
    priority: 10,
  }),
  service({ scanner: apiGatewayV2Scanner, clients: apiGatewayV2Clients, kinds: { apigatewayv2_api: httpApiKind }, priority: 10 }),
  // The resources around functions that checks read: buckets, queues, topics, tables, keys, trails, log groups, subnets, analyzers.
  service({ scanner: neighboursScanner, clients: neighboursClients, kinds: NEIGHBOUR_KINDS, priority: 10 }),
  // IAM last: its last-accessed collection targets the roles the regional Lambda units just stored.
  service({
    scanner: iamScanner,
    clients: iamClients,
    kinds: { iam_role: iamRoleKind, iam_user: iamUserKind, iam_group: iamGroupKind, iam_policy: iamPolicyKind },
    priority: 0,
  }),
];

export function getService(id: string): ServiceUnitRunner | undefined {
  return SERVICES.find((s) => s.id === id);
}

/** Every resource kind any service produces. */
export function allKinds(): ResourceKindSpec<never>[] {
  return SERVICES.flatMap((s) => s.kinds);
}

/** The units of a scan of an account: one per (regional service, region), one per global service. */
export function planUnits(regions: string[]): { service: string; region: string }[] {
  const units: { service: string; region: string }[] = [];
  for (const s of SERVICES) {
    if (s.scope === "global") units.push({ service: s.id, region: "global" });
    else for (const region of regions) units.push({ service: s.id, region });
  }
  return units;
}
