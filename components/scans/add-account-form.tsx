"use client";
import { useActionState, useState } from "react";
import { createAccountAction } from "@/lib/actions/create-account";
import { DEFAULT_SCHEDULE, type TAccountFormField, type TAccountFormState, type TAccountFormValues } from "@/lib/actions/account-input";
import { buttonClass, inputClass } from "@/components/ui/card";
import { Field, invalidRing } from "./form-field";
import { RegionsField } from "./regions-field";

const IDLE: TAccountFormState = { status: "idle" };

function AddAccountFields({
  values,
  errors,
  defaultRegions,
  pending,
}: {
  values: TAccountFormValues | null;
  errors: Partial<Record<TAccountFormField, string[]>>;
  defaultRegions: string;
  pending: boolean;
}) {
  // Controlled, so "Discover regions" can fill it; the form's key resets it with the other fields.
  const [regions, setRegions] = useState(values?.regions ?? defaultRegions);
  return (
    <>
      <Field name="accountId" label="AWS account id" hint="12 digits" errors={errors.accountId}>
        {(p) => (
          <input {...p} inputMode="numeric" autoComplete="off" required defaultValue={values?.accountId ?? ""} placeholder="123456789012" className={`${inputClass} ${invalidRing} font-mono`} />
        )}
      </Field>
      <Field name="name" label="Name" errors={errors.name}>
        {(p) => <input {...p} required defaultValue={values?.name ?? ""} placeholder="Production" className={`${inputClass} ${invalidRing}`} />}
      </Field>
      <Field name="roleArn" label="Role to assume (optional)" hint="Leave empty to use the worker's own credentials" errors={errors.roleArn}>
        {(p) => (
          <input {...p} defaultValue={values?.roleArn ?? ""} placeholder="arn:aws:iam::123456789012:role/LanternScanner" className={`${inputClass} ${invalidRing} font-mono`} />
        )}
      </Field>
      <Field name="externalId" label="External id (optional)" hint="Sent with sts:AssumeRole when the role's trust policy requires it" errors={errors.externalId}>
        {(p) => <input {...p} autoComplete="off" defaultValue={values?.externalId ?? ""} className={`${inputClass} ${invalidRing} font-mono`} />}
      </Field>
      <RegionsField value={regions} onChange={setRegions} errors={errors.regions} useStoredExternalId={false} />
      <Field name="schedule" label="Scan schedule (cron, UTC)" hint="minute hour day month weekday; 0 */6 * * * is every 6 hours" errors={errors.schedule}>
        {(p) => <input {...p} required defaultValue={values?.schedule ?? DEFAULT_SCHEDULE} className={`${inputClass} ${invalidRing} font-mono`} />}
      </Field>
      <div className="flex items-center gap-2 md:col-span-2">
        <input
          id="add-account-enabled"
          name="enabled"
          type="checkbox"
          defaultChecked={values ? values.enabled : true}
          className="h-4 w-4 rounded border-slate-300 accent-brand-600"
        />
        <label htmlFor="add-account-enabled" className="text-sm text-slate-800 dark:text-slate-200">
          Scan on the schedule
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-4 md:col-span-2">
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? "Adding…" : "Add account"}
        </button>
      </div>
    </>
  );
}

/** "Add account": validated on the server (zod); a rejected submission keeps what was typed. */
export function AddAccountForm({ defaultRegions }: { defaultRegions: string }) {
  const [state, action, pending] = useActionState(createAccountAction, IDLE);
  const values = state.status === "invalid" ? state.values : null;
  const errors = state.status === "invalid" ? state.fieldErrors : {};
  // A new key after each submission remounts the fields, so they show the echoed values (or blanks).
  const formKey = state.status === "invalid" ? JSON.stringify(values) : state.status === "created" ? `created-${state.accountId}` : state.status;

  return (
    <div>
      <form action={action} key={formKey} noValidate className="grid gap-4 md:grid-cols-2" aria-describedby="add-account-status">
        <AddAccountFields values={values} errors={errors} defaultRegions={defaultRegions} pending={pending} />
      </form>
      {/* Outside the form: the form remounts after each submission, a live region must not. */}
      <p id="add-account-status" aria-live="polite" className="mt-3 min-h-5 text-sm">
        {state.status === "created" && <span className="text-emerald-700 dark:text-emerald-300">{state.message}</span>}
        {state.status === "invalid" && <span className="text-red-700 dark:text-red-300">{state.message}</span>}
      </p>
    </div>
  );
}
