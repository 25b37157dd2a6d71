"use client";
import { useId, type ReactNode } from "react";

export type TFieldProps = { id: string; "aria-invalid": boolean; "aria-describedby": string | undefined; name: string };

/** A labelled form control with its hint and server-side errors, wired for assistive technology. */
export function Field({
  name,
  label,
  hint,
  errors,
  children,
}: {
  name: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
  children: (props: TFieldProps) => ReactNode;
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

export const invalidRing = "aria-[invalid=true]:border-red-500 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-500";
