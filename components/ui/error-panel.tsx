"use client";
import { useEffect } from "react";
import { buttonClass } from "./card";

/**
 * What error.tsx files render. Server errors reach the browser without their message in production
 * (only a digest that matches the server log), so the text tells the operator where to look.
 */
export function ErrorPanel({ error, retry, what }: { error: unknown; retry: () => void; what: string }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-6 dark:border-red-500/40 dark:bg-red-500/10">
      <h2 className="text-base font-semibold text-red-900 dark:text-red-200">Lantern could not load {what}</h2>
      <p className="mt-2 text-sm text-red-900/80 dark:text-red-200/80">
        This is usually the database being unreachable. Check <code className="font-mono">/api/health</code> and the
        server log{digest ? <> (error reference <code className="font-mono">{digest}</code>)</> : null}, then try again.
      </p>
      <button type="button" onClick={() => retry()} className={`${buttonClass} mt-4`}>
        Try again
      </button>
    </div>
  );
}
