"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getAccount } from "@/lib/db/accounts";
import { requestScan, ScanRequestError } from "@/lib/scan/request";
import type { TScanActionState } from "./account-input";

const ZScanRequest = z.object({ accountId: z.string().regex(/^\d{12}$/, "Not an AWS account id.") });

/** "Scan now" on the scans page: queue a manual scan, or point at the one already running. */
export async function requestScanAction(_prev: TScanActionState, form: FormData): Promise<TScanActionState> {
  const parsed = ZScanRequest.safeParse({ accountId: form.get("accountId") });
  if (!parsed.success) return { status: "error", message: "Not an AWS account id." };
  const { accountId } = parsed.data;

  const account = await getAccount(accountId);
  if (!account) return { status: "error", message: `Account ${accountId} is not in Lantern.` };

  let result: Awaited<ReturnType<typeof requestScan>>;
  try {
    result = await requestScan({ accountId, trigger: "manual" });
  } catch (err) {
    // Account problems are worded for users; anything else can name internals (queue, SQL), so it
    // stays in the server log and the user is told what to check.
    if (err instanceof ScanRequestError && err.code !== "enqueue_failed") return { status: "error", message: err.message };
    console.error(`[scan-now] account ${accountId}:`, err instanceof Error ? err.message : err);
    return { status: "error", message: "The scan could not be queued. Check that the database and job queue are up, then try again." };
  }

  revalidatePath("/scans");
  revalidatePath("/");
  return result.alreadyRunning
    ? { status: "already_running", message: `A scan of ${account.name} is already running.`, scanId: result.scanId }
    : { status: "started", message: `Scan of ${account.name} queued.`, scanId: result.scanId };
}
