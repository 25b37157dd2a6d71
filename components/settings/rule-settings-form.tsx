"use client";
import { useActionState, useId, type ReactNode } from "react";
import { saveRuleSettingsAction } from "@/lib/actions/save-rule-settings";
import { SETTING_FIELD_PREFIX, type TRuleSettingsFormState, type TSettingField } from "@/lib/actions/rule-settings-input";
import { buttonClass, inputClass, secondaryButtonClass } from "@/components/ui/card";
import { invalidRing } from "@/components/scans/form-field";
import { CustomizedBadge } from "./rule-state-badges";

const IDLE: TRuleSettingsFormState = { status: "idle" };
const checkboxClass = "mt-0.5 h-4 w-4 shrink-0 rounded border-slate-300 accent-brand-600";

function DefaultValue({ field }: { field: TSettingField }) {
  const { kind, defaultValue } = field;
  if (kind === "boolean") return <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">Default: {defaultValue ? "on" : "off"}</p>;
  if (kind === "number" || kind === "text" || kind === "choice") {
    return (
      <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
        Default: <code className="font-mono">{defaultValue === "" ? "(empty)" : String(defaultValue)}</code>
      </p>
    );
  }
  const text = String(defaultValue);
  return (
    <details className="mt-1 text-xs text-slate-500 dark:text-slate-400">
      <summary className="cursor-pointer select-none">{kind === "lines" ? `Default (${text === "" ? "empty" : `${text.split("\n").length} entries`})` : "Default"}</summary>
      <pre className="mt-1 max-h-64 overflow-auto rounded-md bg-slate-100 p-2 font-mono text-slate-700 dark:bg-slate-800 dark:text-slate-200">
        {text === "" ? "(empty)" : text}
      </pre>
    </details>
  );
}

const KIND_HINT: Record<TSettingField["kind"], string | null> = {
  number: null,
  boolean: null,
  text: null,
  choice: null,
  lines: "One entry per line.",
  json: "JSON, checked against the rule's schema when you save.",
};

/** " Allowed: more than 0, at most 3650." */
function boundsText(field: TSettingField): string {
  const parts = [
    field.min !== undefined ? `${field.minExclusive ? "more than" : "at least"} ${field.min}` : null,
    field.max !== undefined ? `${field.maxExclusive ? "less than" : "at most"} ${field.max}` : null,
  ].filter(Boolean);
  return parts.length > 0 ? ` Allowed: ${parts.join(", ")}${field.step === 1 ? ", whole numbers" : ""}.` : field.step === 1 ? " Whole numbers." : "";
}

/** One setting: label, input by kind, the rule's description of it, its default and its errors. */
function SettingInput({ field, value, errors }: { field: TSettingField; value: string | boolean; errors: string[] | undefined }) {
  const base = useId();
  const id = `${base}-${field.key}`;
  const hintId = `${id}-hint`;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ");
  const name = `${SETTING_FIELD_PREFIX}${field.key}`;
  const common = { id, name, "aria-describedby": describedBy, "aria-invalid": Boolean(errorId) };
  const kindHint = KIND_HINT[field.kind];

  let control: ReactNode;
  if (field.kind === "boolean") {
    control = <input {...common} type="checkbox" defaultChecked={value === true} className={checkboxClass} />;
  } else if (field.kind === "number") {
    control = (
      <input
        {...common}
        type="number"
        inputMode={field.step === 1 ? "numeric" : "decimal"}
        min={field.min}
        max={field.max}
        step={field.step}
        defaultValue={String(value)}
        className={`${inputClass} ${invalidRing} max-w-48 font-mono`}
      />
    );
  } else if (field.kind === "choice") {
    const options = field.options ?? [];
    const current = String(value);
    control = (
      <select {...common} defaultValue={current} className={`${inputClass} ${invalidRing} max-w-64`}>
        {/* A saved value the rule no longer offers stays visible, so saving does not change it silently. */}
        {!options.includes(current) && <option value={current}>{current}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  } else if (field.kind === "text") {
    control = <input {...common} type="text" spellCheck={false} autoComplete="off" defaultValue={String(value)} className={`${inputClass} ${invalidRing} font-mono`} />;
  } else {
    const lines = String(value).split("\n").length;
    control = (
      <textarea
        {...common}
        rows={Math.min(16, Math.max(field.kind === "json" ? 6 : 4, lines + 1))}
        spellCheck={false}
        autoComplete="off"
        defaultValue={String(value)}
        className={`${inputClass} ${invalidRing} font-mono text-xs`}
      />
    );
  }

  const label = (
    <label htmlFor={id} className="text-sm font-medium text-slate-800 dark:text-slate-200">
      {field.label}
    </label>
  );
  const bounds = field.kind === "number" ? boundsText(field) : "";

  return (
    <div className="border-t border-slate-200 pt-4 first:border-t-0 first:pt-0 dark:border-slate-800" data-setting={field.key}>
      {field.kind === "boolean" ? (
        <div className="flex items-start gap-2">
          {control}
          <div className="flex flex-wrap items-center gap-2">
            {label}
            {field.isCustomized && <CustomizedBadge />}
          </div>
        </div>
      ) : (
        <>
          <div className="mb-1 flex flex-wrap items-center gap-2">
            {label}
            {field.isCustomized && <CustomizedBadge />}
            <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{field.key}</span>
          </div>
          {control}
        </>
      )}
      <p id={hintId} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        {field.describe}
        {kindHint && ` ${kindHint}`}
        {bounds}
      </p>
      <DefaultValue field={field} />
      {errorId && (
        <ul id={errorId} className="mt-1 space-y-0.5 text-xs font-medium text-red-700 dark:text-red-300">
          {errors?.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * Whether a rule runs, and its settings. Validated on the server with the rule's own schema; a rejected
 * submission keeps what was typed. "Reset to defaults" forgets the saved settings.
 */
export function RuleSettingsForm({
  ruleId,
  enabled,
  fields,
  savedInvalid,
}: {
  ruleId: string;
  enabled: boolean;
  fields: TSettingField[];
  /** The stored settings no longer fit the rule's schema (the analysis uses the defaults). */
  savedInvalid: boolean;
}) {
  const [state, action, pending] = useActionState(saveRuleSettingsAction, IDLE);
  const echoed = state.status === "invalid" ? state.values : null;
  const fieldErrors = state.status === "invalid" ? state.fieldErrors : {};
  const formErrors = state.status === "invalid" ? state.formErrors : [];
  const enabledId = useId();
  const props = JSON.stringify({ enabled, values: fields.map((f) => f.value) });
  // Remount after each submission (and when the saved values change) so inputs show echoed or saved values.
  const formKey = state.status === "invalid" ? `invalid-${JSON.stringify(echoed)}` : `${state.status}-${props}`;
  const anyCustomized = fields.some((f) => f.isCustomized) || savedInvalid || state.status === "invalid";

  return (
    <div>
      <form action={action} key={formKey} noValidate aria-describedby="rule-settings-status" className="space-y-6">
        <input type="hidden" name="ruleId" value={ruleId} />
        <div className="flex items-start gap-2">
          <input
            id={enabledId}
            name="enabled"
            type="checkbox"
            defaultChecked={echoed ? echoed.enabled : enabled}
            aria-describedby={`${enabledId}-hint`}
            className={checkboxClass}
          />
          <div>
            <label htmlFor={enabledId} className="text-sm font-medium text-slate-800 dark:text-slate-200">
              Run this rule in scans
            </label>
            <p id={`${enabledId}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
              A disabled rule is skipped by every scan. Findings it already reported stay as they are.
            </p>
          </div>
        </div>

        {fields.length === 0 ? (
          <p className="rounded-md border border-dashed border-slate-300 px-3 py-2 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
            This rule has no thresholds or lists to tune: it can only be enabled or disabled.
          </p>
        ) : (
          <fieldset>
            <legend className="text-sm font-semibold text-slate-900 dark:text-white">Settings</legend>
            {savedInvalid && (
              <p role="note" className="mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-400/40 dark:bg-amber-400/10 dark:text-amber-200">
                The saved settings no longer fit this rule (it changed in this Lantern version), so scans use the defaults shown
                here. Save or reset to replace them.
              </p>
            )}
            {formErrors.length > 0 && (
              <ul role="alert" className="mt-2 list-disc pl-5 text-sm font-medium text-red-700 dark:text-red-300">
                {formErrors.map((e, i) => (
                  <li key={i}>{e}</li>
                ))}
              </ul>
            )}
            <div className="mt-3 space-y-4">
              {fields.map((f) => (
                <SettingInput key={f.key} field={f} value={echoed ? (echoed.settings[f.key] ?? f.value) : f.value} errors={fieldErrors[f.key]} />
              ))}
            </div>
          </fieldset>
        )}

        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" name="intent" value="save" disabled={pending} className={buttonClass}>
            {pending ? "Saving…" : "Save rule settings"}
          </button>
          {fields.length > 0 && (
            <button
              type="submit"
              name="intent"
              value="reset"
              disabled={pending || !anyCustomized}
              aria-describedby={`${enabledId}-reset-hint`}
              className={`${secondaryButtonClass} disabled:cursor-not-allowed disabled:opacity-60`}
            >
              Reset to defaults
            </button>
          )}
          {fields.length > 0 && (
            <span id={`${enabledId}-reset-hint`} className="text-xs text-slate-500 dark:text-slate-400">
              {anyCustomized ? "Reset puts every setting back to its default; whether the rule runs does not change." : "Every setting has its default value."}
            </span>
          )}
        </div>
      </form>
      {/* Outside the form: the form remounts after each submission, a live region must not. */}
      <p id="rule-settings-status" aria-live="polite" className="mt-3 min-h-5 text-sm">
        {state.status === "saved" && <span className="text-emerald-700 dark:text-emerald-300">{state.message}</span>}
        {state.status === "invalid" && <span className="text-red-700 dark:text-red-300">{state.message}</span>}
      </p>
    </div>
  );
}
