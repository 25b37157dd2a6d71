"use client";
// Suppress a finding (this resource, the rule in this account, or an ARN pattern) with a reason and an optional
// expiry; or, when it is suppressed, show the suppression and revoke it.
import { useActionState, useState } from "react";
import { revokeSuppressionAction, suppressFindingAction, type TSuppressState } from "@/lib/actions/suppress-finding";
import { Field, invalidRing } from "@/components/scans/form-field";
import { buttonClass, inputClass, secondaryButtonClass } from "@/components/ui/card";

const IDLE: TSuppressState = { status: "idle" };

function Message({ state }: { state: TSuppressState }) {
  if (state.status === "done") return <p role="status" className="mt-3 text-sm text-emerald-700 dark:text-emerald-300">{state.message}</p>;
  if (state.status === "error") return <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-300">{state.message}</p>;
  return null;
}

export type TSuppressionView = { id: string; reason: string; expiresAt: string | null; createdBy: string | null; createdAt: string; scope: string };

export function SuppressPanel({ findingId, resourceArn, status, suppression }: { findingId: string; resourceArn: string; status: string; suppression: TSuppressionView | null }) {
  const [state, action, pending] = useActionState(suppressFindingAction, IDLE);
  const [revokeState, revoke, revoking] = useActionState(revokeSuppressionAction, IDLE);
  const values = state.status === "invalid" ? state.values : null;
  const errors = state.status === "invalid" ? state.errors : {};
  const [scope, setScope] = useState(values?.scope ?? "resource");

  if (status === "suppressed" && suppression) {
    return (
      <div>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Suppressed {suppression.createdBy ? `by ${suppression.createdBy} ` : ""}on {suppression.createdAt.slice(0, 10)}
          {suppression.expiresAt ? `, until ${suppression.expiresAt.slice(0, 10)}` : ", with no expiry"}.
        </p>
        <p className="mt-2 whitespace-pre-line rounded-md bg-slate-100 p-2 text-sm text-slate-800 dark:bg-slate-800 dark:text-slate-200">{suppression.reason}</p>
        <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">Scope: {suppression.scope}</p>
        <form action={revoke} className="mt-3">
          <input type="hidden" name="findingId" value={findingId} />
          <input type="hidden" name="suppressionId" value={suppression.id} />
          <button type="submit" disabled={revoking} className={secondaryButtonClass}>
            {revoking ? "Revoking…" : "Revoke suppression"}
          </button>
        </form>
        <Message state={revokeState} />
      </div>
    );
  }
  if (status === "resolved") return <p className="text-sm text-slate-600 dark:text-slate-400">Resolved findings need no suppression.</p>;

  return (
    <form action={action} key={state.status === "done" ? "done" : "form"} className="space-y-3">
      <input type="hidden" name="findingId" value={findingId} />
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">What to suppress</legend>
        {[
          ["resource", "This resource only"],
          ["rule-account", "This rule on every resource of this account"],
          ["pattern", "This rule on resources matching an ARN pattern"],
        ].map(([value, label]) => (
          <label key={value} className="flex items-center gap-2 text-sm text-slate-800 dark:text-slate-200">
            <input type="radio" name="scope" value={value} checked={scope === value} onChange={() => setScope(value)} className="accent-brand-600" />
            {label}
          </label>
        ))}
      </fieldset>
      {scope === "pattern" && (
        <Field name="pattern" label="ARN pattern" hint="* matches anything, ? one character" errors={errors.pattern}>
          {(p) => <input {...p} defaultValue={values?.pattern ?? resourceArn} className={`${inputClass} ${invalidRing} font-mono text-xs`} />}
        </Field>
      )}
      {scope !== "pattern" && errors.pattern && <p className="text-xs font-medium text-red-700 dark:text-red-300">{errors.pattern.join(" ")}</p>}
      <Field name="reason" label="Reason" hint="Why the risk is accepted; shown in the finding's history" errors={errors.reason}>
        {(p) => <textarea {...p} rows={3} required defaultValue={values?.reason ?? ""} className={`${inputClass} ${invalidRing}`} />}
      </Field>
      <Field name="expiresAt" label="Expires (optional)" hint="The finding reopens on this date" errors={errors.expiresAt}>
        {(p) => <input {...p} type="date" defaultValue={values?.expiresAt ?? ""} className={`${inputClass} ${invalidRing}`} />}
      </Field>
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? "Suppressing…" : "Suppress"}
      </button>
      <Message state={state} />
    </form>
  );
}
