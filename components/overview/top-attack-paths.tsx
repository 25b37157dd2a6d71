// The open attack paths with the highest rank: the first thing to fix.
import Link from "next/link";
import { topAttackPaths } from "@/lib/db/overview";
import { Card, linkClass } from "@/components/ui/card";
import { CardSkeleton } from "@/components/ui/skeleton";
import { formatCount } from "@/components/ui/format";

export async function TopAttackPaths() {
  const { rows, total } = await topAttackPaths(5);
  return (
    <Card title="Top attack paths" id="attack-paths-heading">
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          No open attack path: no function reachable from the internet without authentication runs with an administrator, escalating or
          data-reading role.
        </p>
      ) : (
        <>
          <ol className="space-y-3">
            {rows.map((r) => (
              <li key={r.id} className="text-sm">
                <Link href={`/findings/${r.id}`} className={`${linkClass} font-medium`}>
                  {r.resourceName}
                </Link>{" "}
                <span className="text-xs text-slate-500 dark:text-slate-400">
                  {r.accountId} · {r.region} · rank {r.rank}
                </span>
                <p className="text-slate-700 dark:text-slate-300">{r.message}</p>
              </li>
            ))}
          </ol>
          {total > rows.length && (
            <p className="mt-3 text-sm">
              <Link href="/findings?rule=attack_path_internet_to_privileged_function" className={linkClass}>
                All {formatCount(total)} attack paths
              </Link>
            </p>
          )}
        </>
      )}
    </Card>
  );
}

export function TopAttackPathsSkeleton() {
  return <CardSkeleton lines={5} />;
}
