"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getAccountTarget } from "@/lib/db/account-targets";
import { createAccounts } from "@/lib/db/accounts";
import { env } from "@/lib/env";
import { DEFAULT_SCHEDULE } from "./account-input";
import { listMembersVia } from "./onboarding";
import { isAddable, memberRoleArn, ZAddMemberAccounts, type TMemberListing, type TMemberRow, type TOrgMembersState } from "./onboarding-input";

function refused(listing: TMemberListing, message: string): TOrgMembersState {
  return { listing, outcome: { kind: "invalid", message, fieldErrors: {} } };
}

/**
 * "Add" on a member account, or "Add all new". The members are listed again from AWS rather than taken
 * from the browser: names come from the organization, and only its ACTIVE members can be added.
 */
export async function addMemberAccountsAction(prev: TOrgMembersState, input: unknown): Promise<TOrgMembersState> {
  const parsed = ZAddMemberAccounts.safeParse(input);
  if (!parsed.success) {
    return {
      listing: prev.listing,
      outcome: { kind: "invalid", message: "Fix the highlighted fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors },
    };
  }
  const req = parsed.data;
  const management = await getAccountTarget(req.managementAccountId);
  if (!management) {
    return {
      listing: null,
      outcome: {
        kind: "invalid",
        message: "That account is no longer in Lantern.",
        fieldErrors: { managementAccountId: [`Account ${req.managementAccountId} is not configured.`] },
      },
    };
  }
  const answer = await listMembersVia(management);
  if (!answer.ok) return { listing: prev.listing, outcome: { kind: "aws_error", error: answer.error } };
  const listing = answer.value;

  let chosen: TMemberRow[];
  if (req.add === "all-new") {
    chosen = listing.members.filter(isAddable);
  } else {
    const { memberId } = req.add;
    const member = listing.members.find((m) => m.id === memberId);
    if (!member) return refused(listing, `Account ${memberId} is not a member of this organization (any more).`);
    if (member.configured) return refused(listing, `${member.name} (${member.id}) is already in Lantern.`);
    if (!isAddable(member)) return refused(listing, `${member.name} (${member.id}) is ${member.status}: only active accounts can be scanned.`);
    chosen = [member];
  }
  if (chosen.length === 0) return refused(listing, "Every active member account is already in Lantern.");

  const regions = req.regionSource === "management" && management.regions.length > 0 ? management.regions : env().LANTERN_DEFAULT_REGIONS;
  const created = await createAccounts(
    chosen.map((m) => ({
      id: m.id,
      name: m.name,
      regions,
      roleArn: memberRoleArn(m.id, req.roleName, listing.partition),
      externalId: req.externalId,
      schedule: DEFAULT_SCHEDULE,
      enabled: true,
    })),
  );
  const createdSet = new Set(created);
  revalidatePath("/scans");
  revalidatePath("/");
  revalidatePath("/findings");

  const names = chosen.filter((m) => createdSet.has(m.id)).map((m) => `${m.name} (${m.id})`);
  return {
    listing: { ...listing, members: listing.members.map((m) => (createdSet.has(m.id) ? { ...m, configured: true } : m)) },
    outcome: {
      kind: "added",
      accountIds: created,
      message:
        names.length === 0
          ? "Those accounts were added meanwhile; nothing to do."
          : `Added ${names.join(", ")}, assuming role ${req.roleName}, scanning ${regions.join(", ")}.`,
    },
  };
}
