import type { TAwsCallError } from "@/lib/actions/onboarding-input";
import { explainDiscoveryError } from "./discovery-errors";

/** A refused or failed onboarding call: what it means, then the API, AWS's error code and message as sent. */
export function AwsCallErrorNotice({ title, error, compact = false }: { title: string; error: TAwsCallError; compact?: boolean }) {
  return (
    <div role="alert" className={`rounded-lg border border-red-200 bg-red-50 text-sm dark:border-red-500/40 dark:bg-red-500/10 ${compact ? "p-2" : "p-3"}`}>
      <p className="font-semibold text-red-900 dark:text-red-200">{title}</p>
      <p className="mt-1 text-slate-800 dark:text-slate-200">{explainDiscoveryError(error)}</p>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        <code className="font-mono font-semibold text-red-900 dark:text-red-200" data-testid="aws-error-code">
          {error.api} {error.code}
        </code>
        {error.message && (
          <>
            {" "}
            AWS said: <q className="break-all">{error.message}</q>
          </>
        )}
      </p>
    </div>
  );
}
