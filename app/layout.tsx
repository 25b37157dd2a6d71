import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { LanternMark } from "@/components/brand/lantern-mark";
import { NavLinks } from "@/components/layout/nav-links";
import "./globals.css";

// No next/font/google: it downloads fonts at build time, and Lantern builds offline. System fonts instead.
export const metadata: Metadata = {
  title: { default: "Lantern", template: "%s · Lantern" },
  description: "Security posture of your AWS serverless estate",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <a
          href="#main"
          className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-semibold text-slate-900 focus:not-sr-only focus:fixed focus:left-3 focus:top-3"
        >
          Skip to content
        </a>
        <div className="md:flex">
          {/* The column stretches with the page; only its content sticks, so full-page screenshots look right too. */}
          <header className="border-b border-slate-200 bg-white md:min-h-screen md:w-60 md:shrink-0 md:border-b-0 md:border-r dark:border-slate-800 dark:bg-slate-900">
            <div className="flex items-center justify-between gap-4 px-4 py-3 md:sticky md:top-0 md:block md:px-5 md:py-6">
              <Link href="/" className="flex items-center gap-2 text-slate-900 dark:text-white">
                <LanternMark />
                <span className="text-lg font-bold tracking-tight">Lantern</span>
              </Link>
              <nav aria-label="Main" className="md:mt-8">
                <NavLinks />
              </nav>
            </div>
          </header>
          <main id="main" className="min-w-0 flex-1 px-4 py-6 md:px-8 md:py-8">
            <div className="mx-auto max-w-7xl">{children}</div>
          </main>
        </div>
      </body>
    </html>
  );
}
