"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createAccount } from "@/lib/db/accounts";
import { accountFormValues, ZNewAccountForm, type TAccountFormState } from "./account-input";

/** "Add account" form: validate, create, refresh the pages that list accounts. */
export async function createAccountAction(_prev: TAccountFormState, form: FormData): Promise<TAccountFormState> {
  const values = accountFormValues(form);
  const parsed = ZNewAccountForm.safeParse(values);
  if (!parsed.success) {
    return {
      status: "invalid",
      message: "Fix the highlighted fields.",
      fieldErrors: z.flattenError(parsed.error).fieldErrors,
      values,
    };
  }
  const { accountId, ...rest } = parsed.data;
  const result = await createAccount({ id: accountId, ...rest });
  if (!result.ok) {
    return {
      status: "invalid",
      message: "That account is already in Lantern.",
      fieldErrors: { accountId: [`Account ${accountId} already exists.`] },
      values,
    };
  }
  revalidatePath("/scans");
  revalidatePath("/");
  revalidatePath("/findings");
  return { status: "created", message: `Added ${parsed.data.name} (${accountId}).`, accountId };
}
