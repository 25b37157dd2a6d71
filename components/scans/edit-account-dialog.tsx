"use client";
import { useActionState, useId, useRef, useState } from "react";
import { updateAccountAction } from "@/lib/actions/update-account";
import type { TUpdateAccountState } from "@/lib/actions/account-input";
import type { TAccountSummary } from "@/lib/db/accounts";
import { buttonClass, inputClass, secondaryButtonClass } from "@/components/ui/card";
import { Field, invalidRing } from "./form-field";
import { RegionsField } from "./regions-field";

export type TEditableAccount = Pick<TAccountSummary, "id" | "name" | "regions" | "schedule" | "enabled" | "roleArn" | "hasExternalId">;

const IDLE: TUpdateAccountState = { status: "idle" };

function EditAccountFields({ account, state, pending }: { account: TEditableAccount; state: TUpdateAccountState; pending: boolean }) {
  const echoed = state.status === "invalid" ? state.values : null;
  const errors = state.status === "invalid" ? state.fieldErrors : {};
  const [regions, setRegions] = useState(echoed?.regions ?? account.regions.join(", "));
  const enabledId = useId();
  const clearId = useId();
  return (
    <>
      <input type="hidden" name="accountId" value={account.id} />
      <Field name="name" label="Name" errors={errors.name}>
        {(p) => <input {...p} required defaultValue={echoed?.name ?? account.name} className={`${inputClass} ${invalidRing}`} />}
      </Field>
      <Field name="schedule" label="Scan schedule (cron, UTC)" hint="The worker picks up schedule changes within 30 s." errors={errors.schedule}>
        {(p) => <input {...p} required defaultValue={echoed?.schedule ?? account.schedule} className={`${inputClass} ${invalidRing} font-mono`} />}
      </Field>
      <Field name="roleArn" label="Role to assume" hint="Empty: the worker's own credentials" errors={errors.roleArn}>
        {(p) => (
          <input {...p} defaultValue={echoed?.roleArn ?? account.roleArn ?? ""} placeholder="arn:aws:iam::123456789012:role/LanternScanner" className={`${inputClass} ${invalidRing} font-mono`} />
        )}
      </Field>
      <Field
        name="externalId"
        label="External id"
        hint={account.hasExternalId ? "Stored and never shown; leave empty to keep it, or type a new one." : "Optional; sent with sts:AssumeRole."}
        errors={errors.externalId}
      >
        {(p) => <input {...p} autoComplete="off" placeholder={account.hasExternalId ? "(unchanged)" : ""} className={`${inputClass} ${invalidRing} font-mono`} />}
      </Field>
      {account.hasExternalId && (
        <div className="flex items-center gap-2 md:col-span-2">
          <input id={clearId} name="clearExternalId" type="checkbox" className="h-4 w-4 rounded border-slate-300 accent-brand-600" />
          <label htmlFor={clearId} className="text-sm text-slate-800 dark:text-slate-200">
            Remove the stored external id
          </label>
        </div>
      )}
      <RegionsField value={regions} onChange={setRegions} errors={errors.regions} useStoredExternalId />
      <div className="flex items-center gap-2 md:col-span-2">
        <input
          id={enabledId}
          name="enabled"
          type="checkbox"
          defaultChecked={echoed ? echoed.enabled : account.enabled}
          className="h-4 w-4 rounded border-slate-300 accent-brand-600"
        />
        <label htmlFor={enabledId} className="text-sm text-slate-800 dark:text-slate-200">
          Scan on the schedule
        </label>
      </div>
      <div className="md:col-span-2">
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? "Saving…" : "Save"}
        </button>
      </div>
    </>
  );
}

/** "Edit" on an account row: a dialog to change its regions, schedule, enabled flag and role. */
export function EditAccountDialog({ account }: { account: TEditableAccount }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const statusId = useId();
  const [state, action, pending] = useActionState(updateAccountAction, IDLE);
  // Remount the fields after each answer: echoed values when rejected, the saved account otherwise.
  const formKey = state.status === "invalid" ? JSON.stringify(state.values) : `${state.status === "saved" ? state.savedAt : 0}-${JSON.stringify(account)}`;

  return (
    <>
      <button type="button" onClick={() => dialog.current?.showModal()} className={secondaryButtonClass}>
        Edit<span className="sr-only"> {account.name}</span>
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-full max-w-2xl rounded-xl border border-slate-200 bg-white p-0 text-left shadow-xl backdrop:bg-slate-900/50 dark:border-slate-700 dark:bg-slate-900"
      >
        <div className="p-5">
          <div className="flex items-start justify-between gap-4">
            <div>
              <h2 id={titleId} className="text-base font-semibold text-slate-900 dark:text-white">
                Edit {account.name}
              </h2>
              <p className="font-mono text-xs text-slate-500 dark:text-slate-400">{account.id}</p>
            </div>
            <button type="button" onClick={() => dialog.current?.close()} className={secondaryButtonClass}>
              Close
            </button>
          </div>
          <form action={action} key={formKey} noValidate aria-describedby={statusId} className="mt-4 grid gap-4 md:grid-cols-2">
            <EditAccountFields account={account} state={state} pending={pending} />
          </form>
          <p id={statusId} aria-live="polite" className="mt-3 min-h-5 text-sm">
            {state.status === "saved" && <span className="text-emerald-700 dark:text-emerald-300">{state.message}</span>}
            {state.status === "invalid" && <span className="text-red-700 dark:text-red-300">{state.message}</span>}
          </p>
        </div>
      </dialog>
    </>
  );
}
