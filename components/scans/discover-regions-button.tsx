"use client";
import { useActionState } from "react";
import { saveDiscoveredRegionsAction } from "@/lib/actions/save-discovered-regions";
import type { TSaveRegionsState } from "@/lib/actions/onboarding-input";
import { AwsCallErrorNotice } from "./aws-call-error";

const IDLE: TSaveRegionsState = { status: "idle" };

const smallButton =
  "inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium text-slate-800 shadow-sm hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-60 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800";

/** "Discover regions" on an account row: the regions enabled in the account become the ones it scans. */
export function DiscoverRegionsButton({ accountId, accountName }: { accountId: string; accountName: string }) {
  const [state, action, pending] = useActionState(saveDiscoveredRegionsAction, IDLE);
  return (
    <form action={action} className="mt-2">
      <input type="hidden" name="accountId" value={accountId} />
      <button type="submit" disabled={pending} className={smallButton}>
        {pending ? "Discovering…" : "Discover regions"}
        <span className="sr-only"> of {accountName}</span>
      </button>
      <div aria-live="polite" className="mt-1 max-w-72 font-sans text-xs">
        {state.status === "saved" && (
          <p className="text-emerald-700 dark:text-emerald-300" data-testid="regions-source">
            {state.message}
          </p>
        )}
        {state.status === "invalid" && (
          <p role="alert" className="text-red-700 dark:text-red-300">
            {state.message}
          </p>
        )}
        {state.status === "error" && <AwsCallErrorNotice compact title="The regions could not be discovered; the list is unchanged." error={state.error} />}
      </div>
    </form>
  );
}
