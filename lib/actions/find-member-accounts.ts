"use server";
import { z } from "zod";
import { getAccountTarget } from "@/lib/db/account-targets";
import { listMembersVia } from "./onboarding";
import { ZFindMemberAccounts, type TOrgMembersState } from "./onboarding-input";

/** "Find member accounts": organizations:ListAccounts through a configured management (or delegated admin) account. */
export async function findMemberAccountsAction(prev: TOrgMembersState, input: unknown): Promise<TOrgMembersState> {
  const parsed = ZFindMemberAccounts.safeParse(input);
  if (!parsed.success) {
    return {
      listing: prev.listing,
      outcome: { kind: "invalid", message: "Pick the management account.", fieldErrors: z.flattenError(parsed.error).fieldErrors },
    };
  }
  const management = await getAccountTarget(parsed.data.managementAccountId);
  if (!management) {
    return {
      listing: null,
      outcome: {
        kind: "invalid",
        message: "That account is no longer in Lantern.",
        fieldErrors: { managementAccountId: [`Account ${parsed.data.managementAccountId} is not configured.`] },
      },
    };
  }
  const answer = await listMembersVia(management);
  if (!answer.ok) return { listing: null, outcome: { kind: "aws_error", error: answer.error } };
  return { listing: answer.value, outcome: { kind: "listed" } };
}
