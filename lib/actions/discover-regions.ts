"use server";
import { getAccountTarget } from "@/lib/db/account-targets";
import { discoverRegionsAs } from "./onboarding";
import { ZDiscoverRegions, type TRegionDiscoveryResult } from "./onboarding-input";

/**
 * "Discover regions" in the add and edit forms: the regions enabled in the account, with the credentials
 * typed in the form, to fill the form's region list. Nothing is saved.
 */
export async function discoverRegionsAction(input: unknown): Promise<TRegionDiscoveryResult> {
  const parsed = ZDiscoverRegions.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const field = first.path[0] === "accountId" ? "the account id" : first.path[0] === "roleArn" ? "the role ARN" : "the external id";
    return { status: "invalid", message: `Fix ${field} first: ${first.message}` };
  }
  const { accountId, roleArn, externalId, useStoredExternalId } = parsed.data;
  const stored = useStoredExternalId && !externalId ? await getAccountTarget(accountId) : null;
  // The stored external id belongs to the stored role: a different role in the form goes without it.
  const storedExternalId = stored && stored.roleArn === roleArn ? stored.externalId : null;
  const answer = await discoverRegionsAs({ accountId, roleArn, externalId: externalId ?? storedExternalId, region: stored?.regions[0] });
  if (!answer.ok) return { status: "error", error: answer.error };
  if (answer.value.regions.length === 0) return { status: "invalid", message: `${answer.value.source} answered with no enabled region; type the regions instead.` };
  return { status: "found", ...answer.value };
}
