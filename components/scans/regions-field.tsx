"use client";
import { startTransition, useState, useTransition } from "react";
import { discoverRegionsAction } from "@/lib/actions/discover-regions";
import type { TRegionDiscoveryResult } from "@/lib/actions/onboarding-input";
import { inputClass, secondaryButtonClass } from "@/components/ui/card";
import { AwsCallErrorNotice } from "./aws-call-error";
import { Field, invalidRing } from "./form-field";

function text(form: FormData, key: string): string {
  const v = form.get(key);
  return typeof v === "string" ? v : "";
}

/**
 * The region list of an account form, with "Discover regions": the regions enabled in the account, asked
 * with the account id, role and external id typed in the same form. It fills the field; saving stays
 * with the form, and the list stays editable.
 */
export function RegionsField({
  value,
  onChange,
  errors,
  useStoredExternalId,
}: {
  value: string;
  onChange: (regions: string) => void;
  errors?: string[];
  /** Edit form: an empty external id field stands for the stored one (unless "remove" is ticked). */
  useStoredExternalId: boolean;
}) {
  const [result, setResult] = useState<TRegionDiscoveryResult | null>(null);
  const [discovering, startDiscovery] = useTransition();

  function discover(form: HTMLFormElement | null) {
    if (!form) return;
    const fields = new FormData(form);
    const request = {
      accountId: text(fields, "accountId"),
      roleArn: text(fields, "roleArn"),
      externalId: text(fields, "externalId"),
      useStoredExternalId: useStoredExternalId && fields.get("clearExternalId") === null,
    };
    startDiscovery(async () => {
      const answer = await discoverRegionsAction(request);
      startTransition(() => {
        setResult(answer);
        if (answer.status === "found") onChange(answer.regions.join(", "));
      });
    });
  }

  return (
    <div className="md:col-span-2">
      <Field name="regions" label="Regions" hint="Comma or space separated, e.g. us-east-1, eu-west-1. Discovered regions can be removed before saving." errors={errors}>
        {(p) => (
          <div className="flex flex-wrap items-start gap-2 sm:flex-nowrap">
            <input {...p} required value={value} onChange={(e) => onChange(e.target.value)} className={`${inputClass} ${invalidRing} font-mono`} />
            <button type="button" onClick={(e) => discover(e.currentTarget.form)} disabled={discovering} className={`${secondaryButtonClass} whitespace-nowrap`}>
              {discovering ? "Discovering…" : "Discover regions"}
            </button>
          </div>
        )}
      </Field>
      <div aria-live="polite" className="mt-1 text-xs">
        {discovering && <p className="text-slate-600 dark:text-slate-400">Asking AWS which regions are enabled in this account…</p>}
        {!discovering && result?.status === "found" && (
          <p className="text-emerald-700 dark:text-emerald-300" data-testid="regions-source">
            {result.regions.length} enabled region{result.regions.length === 1 ? "" : "s"}, from <code className="font-mono">{result.source}</code>.
          </p>
        )}
        {!discovering && result?.status === "invalid" && <p className="font-medium text-red-700 dark:text-red-300">{result.message}</p>}
        {!discovering && result?.status === "error" && <AwsCallErrorNotice compact title="The regions could not be discovered" error={result.error} />}
      </div>
    </div>
  );
}
