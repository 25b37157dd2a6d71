// Request a scan of an account: create the scan and its units, then hand the units to workers through
// pg-boss. The web app and the scheduler call this; they never scan themselves.
import type { PgBoss } from "pg-boss";
import { ANALYSIS_UNIT, createScanRun, failScan } from "@/lib/db/scans";
import { getAccountTarget } from "@/lib/db/account-targets";
import { getService, planUnits } from "@/lib/scan/services";
import { QUEUE_SCAN_UNIT, webBoss, type TScanUnitJob } from "@/lib/jobs/queues";

export class ScanRequestError extends Error {
  constructor(
    message: string,
    readonly code: "account_not_found" | "account_disabled" | "enqueue_failed",
  ) {
    super(message);
    this.name = "ScanRequestError";
  }
}

export type ScanRequest = { accountId: string; trigger: "manual" | "schedule" | "cli"; regions?: string[] };

export async function requestScan(input: ScanRequest, boss?: PgBoss): Promise<{ scanId: string; alreadyRunning: boolean }> {
  const account = await getAccountTarget(input.accountId);
  if (!account) throw new ScanRequestError(`Account ${input.accountId} is not configured in Lantern.`, "account_not_found");
  if (!account.enabled && input.trigger === "schedule") {
    throw new ScanRequestError(`Account ${input.accountId} is disabled; scheduled scans are off.`, "account_disabled");
  }
  const regions = input.regions?.length ? input.regions : account.regions;
  const created = await createScanRun({ accountId: account.id, trigger: input.trigger, units: planUnits(regions) });
  if (created.alreadyRunning) return { scanId: created.scanId, alreadyRunning: true };
  try {
    const b = boss ?? (await webBoss());
    await b.insert(
      QUEUE_SCAN_UNIT,
      // The analysis unit is run by whoever finishes the last collection unit (or the workers' sweep).
      created.units.filter((u) => u.service !== ANALYSIS_UNIT.service).map((u) => ({
        data: { scanId: created.scanId, unitId: u.id } satisfies TScanUnitJob,
        singletonKey: u.id,
        priority: getService(u.service)?.priority ?? 0,
      })),
    );
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    await failScan(created.scanId, `The scan could not be handed to the workers: ${msg}`);
    throw new ScanRequestError(`The scan could not be queued: ${msg}`, "enqueue_failed");
  }
  return { scanId: created.scanId, alreadyRunning: false };
}
