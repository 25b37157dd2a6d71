"use server";
// Suppress from a finding's page: this resource, this rule in this account, or an ARN pattern; and revoke.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getFinding } from "@/lib/db/findings-query";
import { createSuppression, revokeSuppression, ZSuppressionInput } from "@/lib/db/suppressions";

export type TSuppressState =
  | { status: "idle" }
  | { status: "invalid"; errors: Partial<Record<"scope" | "pattern" | "reason" | "expiresAt", string[]>>; values: { scope: string; pattern: string; reason: string; expiresAt: string } }
  | { status: "done"; message: string }
  | { status: "error"; message: string };

const ZForm = z.object({
  findingId: z.uuid(),
  scope: z.enum(["resource", "rule-account", "pattern"], { message: "Choose what to suppress." }),
  pattern: z.string().max(2048),
  reason: z.string().trim().min(10, "Say why this risk is accepted (at least 10 characters).").max(2000),
  expiresAt: z
    .string()
    .refine((v) => v === "" || /^\d{4}-\d{2}-\d{2}$/.test(v), "Use a date (YYYY-MM-DD) or leave empty for no expiry."),
});

// Until access control exists (issue #6) the actor is not known; the suppression records "unknown user".
const ACTOR = null;

export async function suppressFindingAction(_prev: TSuppressState, form: FormData): Promise<TSuppressState> {
  const raw = {
    findingId: String(form.get("findingId") ?? ""),
    scope: String(form.get("scope") ?? ""),
    pattern: String(form.get("pattern") ?? ""),
    reason: String(form.get("reason") ?? ""),
    expiresAt: String(form.get("expiresAt") ?? ""),
  };
  const values = { scope: raw.scope, pattern: raw.pattern, reason: raw.reason, expiresAt: raw.expiresAt };
  const parsed = ZForm.safeParse(raw);
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors;
    if (errors.findingId) return { status: "error", message: "This finding id is not valid." };
    return { status: "invalid", errors, values };
  }
  const f = await getFinding(parsed.data.findingId);
  if (!f) return { status: "error", message: "This finding no longer exists." };
  const expiresAt = parsed.data.expiresAt ? new Date(`${parsed.data.expiresAt}T23:59:59.999Z`) : null;
  if (expiresAt && expiresAt <= new Date()) return { status: "invalid", errors: { expiresAt: ["The expiry must be in the future."] }, values };

  const scope = parsed.data.scope;
  if (scope === "pattern" && !parsed.data.pattern.trim()) return { status: "invalid", errors: { pattern: ["Give an ARN pattern, e.g. arn:aws:lambda:*:*:function:legacy-*."] }, values };
  const input = ZSuppressionInput.safeParse({
    ruleId: f.ruleId,
    accountId: f.accountId,
    resourcePattern: scope === "resource" ? f.resourceArn.replace(/[*?]/g, "?") : scope === "pattern" ? parsed.data.pattern.trim() : null,
    tagKey: null,
    tagValue: null,
    reason: parsed.data.reason,
    expiresAt,
  });
  if (!input.success) return { status: "invalid", errors: { pattern: input.error.issues.map((i) => i.message) }, values };
  try {
    const { applied } = await createSuppression(input.data, ACTOR);
    revalidatePath(`/findings/${f.id}`);
    revalidatePath("/findings");
    return { status: "done", message: `Suppressed ${applied.suppressed} finding${applied.suppressed === 1 ? "" : "s"}.` };
  } catch (err) {
    console.error("[suppress]", err instanceof Error ? err.message : err);
    return { status: "error", message: "The suppression could not be saved. Check that the database is up, then try again." };
  }
}

const ZRevoke = z.object({ suppressionId: z.uuid(), findingId: z.uuid() });

export async function revokeSuppressionAction(_prev: TSuppressState, form: FormData): Promise<TSuppressState> {
  const parsed = ZRevoke.safeParse({ suppressionId: form.get("suppressionId"), findingId: form.get("findingId") });
  if (!parsed.success) return { status: "error", message: "Not a valid suppression." };
  const out = await revokeSuppression(parsed.data.suppressionId, ACTOR);
  revalidatePath(`/findings/${parsed.data.findingId}`);
  revalidatePath("/findings");
  return out ? { status: "done", message: `Suppression revoked; ${out.reopened} finding${out.reopened === 1 ? "" : "s"} open again.` } : { status: "error", message: "This suppression was already revoked." };
}
