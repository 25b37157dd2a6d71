"use client";
import Link from "next/link";
import { useActionState } from "react";
import { requestScanAction } from "@/lib/actions/request-scan";
import type { TScanActionState } from "@/lib/actions/account-input";
import { buttonClass, linkClass } from "@/components/ui/card";

const IDLE: TScanActionState = { status: "idle" };

export function ScanNowButton({ accountId, accountName }: { accountId: string; accountName: string }) {
  const [state, action, pending] = useActionState(requestScanAction, IDLE);
  return (
    <form action={action} className="flex flex-col items-end gap-1">
      <input type="hidden" name="accountId" value={accountId} />
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? "Queuing…" : "Scan now"}
        <span className="sr-only"> {accountName}</span>
      </button>
      <p aria-live="polite" className="max-w-56 text-right text-xs">
        {state.status === "started" && <span className="text-emerald-700 dark:text-emerald-300">{state.message}</span>}
        {state.status === "already_running" && (
          <span className="text-amber-800 dark:text-amber-200">
            Already running.{" "}
            <Link href={`/scans/${state.scanId}`} className={linkClass}>
              Follow it
            </Link>
          </span>
        )}
        {state.status === "error" && (
          <span role="alert" className="text-red-700 dark:text-red-300">
            {state.message}
          </span>
        )}
      </p>
    </form>
  );
}
