"use client";
import { useActionState } from "react";
import { saveTrustSettingsAction } from "@/lib/actions/save-trust-settings";
import type { TTrustFormState } from "@/lib/actions/trust-settings-input";
import { buttonClass, inputClass } from "@/components/ui/card";
import { Field, invalidRing } from "@/components/scans/form-field";

const IDLE: TTrustFormState = { status: "idle" };

/** Trusted AWS accounts and organizations, one id per line; validated on the server, kept on error. */
export function TrustForm({ trustedAccountIds, trustedOrganizationIds }: { trustedAccountIds: string[]; trustedOrganizationIds: string[] }) {
  const [state, action, pending] = useActionState(saveTrustSettingsAction, IDLE);
  const echoed = state.status === "invalid" ? state.values : null;
  const errors = state.status === "invalid" ? state.fieldErrors : {};
  const saved = { trustedAccountIds: trustedAccountIds.join("\n"), trustedOrganizationIds: trustedOrganizationIds.join("\n") };
  // Remount after each submission (and when the saved lists change) so the fields show the echoed or saved text.
  const formKey = state.status === "invalid" ? `invalid-${JSON.stringify(echoed)}` : `${state.status}-${JSON.stringify(saved)}`;
  const textarea = `${inputClass} ${invalidRing} min-h-32 font-mono`;

  return (
    <div>
      <form action={action} key={formKey} noValidate className="grid gap-4 md:grid-cols-2" aria-describedby="trust-form-status">
        <Field
          name="trustedAccountIds"
          label="Trusted AWS account ids"
          hint="One 12-digit account id per line, e.g. your organization's other accounts or a partner's."
          errors={errors.trustedAccountIds}
        >
          {(p) => (
            <textarea
              {...p}
              rows={6}
              spellCheck={false}
              autoComplete="off"
              defaultValue={echoed?.trustedAccountIds ?? saved.trustedAccountIds}
              placeholder={"111122223333\n444455556666"}
              className={textarea}
            />
          )}
        </Field>
        <Field
          name="trustedOrganizationIds"
          label="Trusted AWS Organizations ids"
          hint="One organization id per line, like o-a1b2c3d4e5 (AWS Organizations console → Settings)."
          errors={errors.trustedOrganizationIds}
        >
          {(p) => (
            <textarea
              {...p}
              rows={6}
              spellCheck={false}
              autoComplete="off"
              defaultValue={echoed?.trustedOrganizationIds ?? saved.trustedOrganizationIds}
              placeholder="o-a1b2c3d4e5"
              className={textarea}
            />
          )}
        </Field>
        <div className="md:col-span-2">
          <button type="submit" disabled={pending} className={buttonClass}>
            {pending ? "Saving…" : "Save trusted accounts"}
          </button>
        </div>
      </form>
      {/* Outside the form: the form remounts after each submission, a live region must not. */}
      <p id="trust-form-status" aria-live="polite" className="mt-3 min-h-5 text-sm">
        {state.status === "saved" && <span className="text-emerald-700 dark:text-emerald-300">{state.message}</span>}
        {state.status === "invalid" && <span className="text-red-700 dark:text-red-300">{state.message}</span>}
      </p>
    </div>
  );
}
