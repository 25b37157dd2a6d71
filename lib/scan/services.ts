// The services a scan covers and how each one's unit is collected, stored and judged. Adding a
// service = one entry here (scanner + client factory + store + inventory loader + resource type).
import type { CallMetrics, ScanTarget } from "@/lib/aws/clients";
import { lambdaClients } from "@/lib/aws/clients";
import type { NormalizeResult, CollectContext, NormalizeContext } from "@/scanners/types";
import { lambdaScanner } from "@/scanners/lambda/lambda.scanner";
import { storeLambdaFunctions, loadLambdaInventory, deletedLambdaArns, type StoreResult } from "@/lib/db/inventory";
import type { RuleInventory, ResourceType } from "@/lib/rules/types";

export type ServiceUnitRunner = {
  id: string;
  scope: "regional" | "global";
  resourceTypes: ResourceType[];
  apis: readonly string[];
  collectAndNormalize(
    target: ScanTarget,
    metrics: CallMetrics,
    ctx: CollectContext,
    nctx: NormalizeContext,
  ): Promise<NormalizeResult<unknown>>;
  store(input: { accountId: string; region: string; scanId: string; result: NormalizeResult<unknown> }): Promise<StoreResult>;
  /** Adds this service's live inventory of the region to what rules see. */
  loadInventory(inv: RuleInventory): Promise<void>;
  deletedArns(accountId: string, region: string): Promise<string[]>;
};

const lambdaService: ServiceUnitRunner = {
  id: lambdaScanner.id,
  scope: lambdaScanner.scope,
  resourceTypes: ["lambda_function"],
  apis: lambdaScanner.apis,
  async collectAndNormalize(target, metrics, ctx, nctx) {
    const raw = await lambdaScanner.collect(lambdaClients(target, metrics), ctx);
    return lambdaScanner.normalize(raw, nctx);
  },
  store({ accountId, region, scanId, result }) {
    return storeLambdaFunctions({
      accountId,
      region,
      scanId,
      resources: (result as ReturnType<typeof lambdaScanner.normalize>).resources,
      listingComplete: result.listingComplete,
    });
  },
  async loadInventory(inv) {
    inv.lambdaFunctions = await loadLambdaInventory(inv.accountId, inv.region);
  },
  deletedArns: deletedLambdaArns,
};

export const SERVICES: readonly ServiceUnitRunner[] = [lambdaService];

export function getService(id: string): ServiceUnitRunner | undefined {
  return SERVICES.find((s) => s.id === id);
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
