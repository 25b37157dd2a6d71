"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { updateAccount } from "@/lib/db/accounts";
import { updateAccountFormValues, ZUpdateAccountForm, type TUpdateAccountState } from "./account-input";

/** "Edit account": validate, save, refresh the pages that show accounts. The worker re-reads schedules every 30 s. */
export async function updateAccountAction(_prev: TUpdateAccountState, form: FormData): Promise<TUpdateAccountState> {
  const raw = updateAccountFormValues(form);
  const { externalId: _secret, clearExternalId: _clear, ...values } = raw;
  const parsed = ZUpdateAccountForm.safeParse(raw);
  if (!parsed.success) {
    return { status: "invalid", message: "Fix the highlighted fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  }
  const { accountId, ...update } = parsed.data;
  if (!(await updateAccount(accountId, update))) {
    return { status: "invalid", message: `Account ${accountId} is no longer in Lantern.`, fieldErrors: {}, values };
  }
  revalidatePath("/scans");
  revalidatePath("/");
  revalidatePath("/findings");
  return {
    status: "saved",
    savedAt: Date.now(),
    message: `Saved ${update.name}. The worker picks up schedule and enabled changes within 30 s.`,
  };
}
