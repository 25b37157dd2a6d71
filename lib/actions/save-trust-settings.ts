"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { saveInstallationSettings } from "@/lib/db/settings";
import { trustFormValues, ZTrustForm, type TTrustFormState } from "./trust-settings-input";

/** Settings → trusted accounts and organizations: validate, save. Rules read them at the next scan. */
export async function saveTrustSettingsAction(_prev: TTrustFormState, form: FormData): Promise<TTrustFormState> {
  const values = trustFormValues(form);
  const parsed = ZTrustForm.safeParse(values);
  if (!parsed.success) {
    return { status: "invalid", message: "Fix the highlighted fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  }
  await saveInstallationSettings(parsed.data, null);
  revalidatePath("/settings");
  const { trustedAccountIds: accounts, trustedOrganizationIds: orgs } = parsed.data;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return {
    status: "saved",
    savedAt: Date.now(),
    message: `Saved: ${plural(accounts.length, "trusted account")} and ${plural(orgs.length, "trusted organization")}. The next scan of each account applies them.`,
  };
}
