// Input rules for the installation's trust form (trusted AWS accounts and organizations), shared by the
// server action and its tests. No "use server": this module exports schemas and types.
import { z } from "zod";

const ACCOUNT_ID = /^\d{12}$/;
// The organization id format AWS documents: "o-" then 10 to 32 lowercase letters or digits.
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
const MAX_ENTRIES = 1000;

/** One id per line; commas and spaces also separate, blank lines and repeats are dropped. */
export function splitIdList(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean))];
}

function idList(pattern: RegExp, what: string, example: string) {
  return z
    .string()
    .transform(splitIdList)
    .superRefine((ids, ctx) => {
      if (ids.length > MAX_ENTRIES) {
        ctx.addIssue({ code: "custom", message: `List at most ${MAX_ENTRIES} ${what}s.` });
        return;
      }
      const bad = ids.filter((id) => !pattern.test(id));
      if (bad.length === 0) return;
      const shown = bad.slice(0, 5).map((id) => `“${id.length > 40 ? `${id.slice(0, 40)}…` : id}”`);
      const more = bad.length > 5 ? ` and ${bad.length - 5} more` : "";
      ctx.addIssue({
        code: "custom",
        message: `${shown.join(", ")}${more} ${bad.length === 1 ? "is not" : "are not"} ${
          bad.length === 1 ? `an ${what}` : `${what}s`
        }: ${example}.`,
      });
    });
}

export const ZTrustForm = z.object({
  trustedAccountIds: idList(ACCOUNT_ID, "AWS account id", "an account id is exactly 12 digits, e.g. 123456789012"),
  trustedOrganizationIds: idList(
    ORGANIZATION_ID,
    "organization id",
    "an organization id is o- followed by 10 to 32 lowercase letters or digits, e.g. o-a1b2c3d4e5",
  ),
});
export type TTrustForm = z.infer<typeof ZTrustForm>;

export type TTrustFormField = keyof TTrustForm;

/** What the form sent, echoed back so a rejected submission keeps what the user typed. */
export type TTrustFormValues = { trustedAccountIds: string; trustedOrganizationIds: string };

export type TTrustFormState =
  | { status: "idle" }
  | { status: "invalid"; message: string; fieldErrors: Partial<Record<TTrustFormField, string[]>>; values: TTrustFormValues }
  | { status: "saved"; message: string; savedAt: number };

export function trustFormValues(form: FormData): TTrustFormValues {
  const text = (key: string) => {
    const v = form.get(key);
    return typeof v === "string" ? v : "";
  };
  return { trustedAccountIds: text("trustedAccountIds"), trustedOrganizationIds: text("trustedOrganizationIds") };
}
