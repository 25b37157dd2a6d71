"use client";
import { useEffect, useRef, useState } from "react";

async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the selection-based copy (clipboard permission denied)
  }
  // Plain-HTTP self-hosted installs have no Clipboard API outside a secure context.
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  return ok;
}

/** A titled, monospaced code sample with a copy button. */
export function CodeBlock({ label, code, language }: { label: string; code: string; language: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function onCopy() {
    const ok = await copyText(code);
    setState(ok ? "copied" : "failed");
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState("idle"), 2000);
  }

  return (
    <figure className="overflow-hidden rounded-lg border border-slate-200 dark:border-slate-700">
      <figcaption className="flex items-center justify-between gap-2 border-b border-slate-200 bg-slate-100 px-3 py-1.5 text-xs font-semibold text-slate-700 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200">
        <span>{label}</span>
        <span className="flex items-center gap-2">
          <span aria-live="polite" className="font-normal text-slate-500 dark:text-slate-400">
            {state === "copied" ? "Copied" : state === "failed" ? "Copy failed: select the text instead" : ""}
          </span>
          <button
            type="button"
            onClick={onCopy}
            aria-label={`Copy ${label}`}
            className="rounded border border-slate-300 bg-white px-2 py-0.5 font-medium text-slate-700 hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-700"
          >
            Copy
          </button>
        </span>
      </figcaption>
      <pre className="overflow-x-auto bg-slate-950 p-3 text-xs leading-relaxed text-slate-100" data-language={language}>
        <code>{code}</code>
      </pre>
    </figure>
  );
}
