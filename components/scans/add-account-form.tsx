"use client";
import { useActionState, useId } from "react";
import { createAccountAction } from "@/lib/actions/create-account";
import { DEFAULT_SCHEDULE, type TAccountFormField, type TAccountFormState } from "@/lib/actions/account-input";
import { buttonClass, inputClass } from "@/components/ui/card";

const IDLE: TAccountFormState = { status: "idle" };

function Field({
  name,
  label,
  hint,
  errors,
  children,
}: {
  name: TAccountFormField;
  label: string;
  hint?: string;
  errors?: string[];
  children: (props: { id: string; "aria-invalid": boolean; "aria-describedby": string | undefined; name: string }) => React.ReactNode;
}) {
  const base = useId();
  const id = `${base}-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      {children({ id, name, "aria-invalid": Boolean(errorId), "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined })}
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      )}
      {errorId && (
        <p id={errorId} className="mt-1 text-xs font-medium text-red-700 dark:text-red-300">
          {errors?.join(" ")}
        </p>
      )}
    </div>
  );
}

const invalidRing = "aria-[invalid=true]:border-red-500 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-500";

/** "Add account": validated on the server (zod); a rejected submission keeps what was typed. */
export function AddAccountForm({ defaultRegions }: { defaultRegions: string }) {
  const [state, action, pending] = useActionState(createAccountAction, IDLE);
  const values = state.status === "invalid" ? state.values : null;
  const errors = state.status === "invalid" ? state.fieldErrors : {};
  // A new key after each submission remounts the fields, so they show the echoed values (or blanks).
  const formKey = state.status === "invalid" ? JSON.stringify(values) : state.status;

  return (
    <div>
    <form action={action} key={formKey} noValidate className="grid gap-4 md:grid-cols-2" aria-describedby="add-account-status">
      <Field name="accountId" label="AWS account id" hint="12 digits" errors={errors.accountId}>
        {(p) => (
          <input {...p} inputMode="numeric" autoComplete="off" required defaultValue={values?.accountId ?? ""} placeholder="123456789012" className={`${inputClass} ${invalidRing} font-mono`} />
        )}
      </Field>
      <Field name="name" label="Name" errors={errors.name}>
        {(p) => <input {...p} required defaultValue={values?.name ?? ""} placeholder="Production" className={`${inputClass} ${invalidRing}`} />}
      </Field>
      <Field name="regions" label="Regions" hint="Comma or space separated, e.g. us-east-1, eu-west-1" errors={errors.regions}>
        {(p) => <input {...p} required defaultValue={values?.regions ?? defaultRegions} className={`${inputClass} ${invalidRing} font-mono`} />}
      </Field>
      <Field name="schedule" label="Scan schedule (cron, UTC)" hint="minute hour day month weekday; 0 */6 * * * is every 6 hours" errors={errors.schedule}>
        {(p) => <input {...p} required defaultValue={values?.schedule ?? DEFAULT_SCHEDULE} className={`${inputClass} ${invalidRing} font-mono`} />}
      </Field>
      <Field name="roleArn" label="Role to assume (optional)" hint="Leave empty to use the worker's own credentials" errors={errors.roleArn}>
        {(p) => (
          <input {...p} defaultValue={values?.roleArn ?? ""} placeholder="arn:aws:iam::123456789012:role/LanternScanner" className={`${inputClass} ${invalidRing} font-mono`} />
        )}
      </Field>
      <Field name="externalId" label="External id (optional)" hint="Sent with sts:AssumeRole when the role's trust policy requires it" errors={errors.externalId}>
        {(p) => <input {...p} autoComplete="off" defaultValue={values?.externalId ?? ""} className={`${inputClass} ${invalidRing} font-mono`} />}
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
    </form>
    {/* Outside the form: the form remounts after each submission, a live region must not. */}
    <p id="add-account-status" aria-live="polite" className="mt-3 min-h-5 text-sm">
      {state.status === "created" && <span className="text-emerald-700 dark:text-emerald-300">{state.message}</span>}
      {state.status === "invalid" && <span className="text-red-700 dark:text-red-300">{state.message}</span>}
    </p>
    </div>
  );
}
