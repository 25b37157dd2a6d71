"use client";
import { useState } from "react";
import type { TScanProgress } from "@/lib/db/scan-progress";
import { LiveScanProgress } from "./live-scan-progress";

/**
 * The scans page's running scans. A scan that finishes stays on screen (in its final state) until
 * dismissed, even though the refreshed server data no longer lists it as running.
 */
export function ScanProgressList({ active }: { active: TScanProgress[] }) {
  const [followed, setFollowed] = useState<TScanProgress[]>(active);
  // New scans arrive through props after "Scan now" re-renders the page: follow them too.
  const added = active.filter((a) => !followed.some((f) => f.id === a.id));
  if (added.length > 0) setFollowed([...followed, ...added]);

  if (followed.length === 0) return null;
  return (
    <div className="space-y-4">
      {followed.map((scan) => (
        <LiveScanProgress
          key={scan.id}
          initial={scan}
          showDetailLink
          onDismiss={() => setFollowed((list) => list.filter((s) => s.id !== scan.id))}
        />
      ))}
    </div>
  );
}
