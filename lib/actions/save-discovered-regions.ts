"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getAccountTarget } from "@/lib/db/account-targets";
import { setAccountRegions } from "@/lib/db/accounts";
import { discoverRegionsAs } from "./onboarding";
import type { TSaveRegionsState } from "./onboarding-input";

const ZSaveRegions = z.object({ accountId: z.string().regex(/^\d{12}$/, "Not an AWS account id.") });

/** "Discover regions" on an account row: the enabled regions, with the account's stored role, become its region list. */
export async function saveDiscoveredRegionsAction(_prev: TSaveRegionsState, form: FormData): Promise<TSaveRegionsState> {
  const parsed = ZSaveRegions.safeParse({ accountId: form.get("accountId") });
  if (!parsed.success) return { status: "invalid", message: "Not an AWS account id." };
  const account = await getAccountTarget(parsed.data.accountId);
  if (!account) return { status: "invalid", message: `Account ${parsed.data.accountId} is not in Lantern.` };

  const answer = await discoverRegionsAs({ accountId: account.id, roleArn: account.roleArn, externalId: account.externalId, region: account.regions[0] });
  if (!answer.ok) return { status: "error", error: answer.error };
  const { regions, source } = answer.value;
  if (regions.length === 0) return { status: "invalid", message: `${source} answered with no enabled region; the list is unchanged.` };
  if (!(await setAccountRegions(account.id, regions))) return { status: "invalid", message: `Account ${account.id} is not in Lantern.` };

  revalidatePath("/scans");
  return {
    status: "saved",
    regions,
    source,
    message: `${account.name} now scans ${regions.length} region${regions.length === 1 ? "" : "s"} (from ${source}). Edit the account to narrow the list.`,
  };
}
