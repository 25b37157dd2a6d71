"use client";
import "./globals.css";
import { ErrorPanel } from "@/components/ui/error-panel";

// Replaces the root layout when the layout itself fails, so it renders its own <html>.
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 p-8 font-sans text-slate-900 dark:bg-slate-950 dark:text-slate-100">
        <ErrorPanel error={error} retry={retry} what="Lantern" />
      </body>
    </html>
  );
}
