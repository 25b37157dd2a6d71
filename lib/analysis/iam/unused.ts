// Unused permissions: services a role may use but has not used for N days, from IAM's service last
// accessed data (GenerateServiceLastAccessedDetails, ACTION_LEVEL) stored on the role record, and a
// least-privilege proposal built from what was used.
//
// The proposal keeps each original statement's Resource and Condition and narrows its actions:
// - services not used in the window are dropped;
// - for services IAM tracks per action, tracked actions not used in the window are dropped; actions IAM does
//   not track (S3 data events such as s3:GetObject, for example) are kept, since "not tracked" is not "unused";
// - Deny statements are kept unchanged.
import type { TPolicyDocument, TStatement } from "@/lib/aws/policy-document";
import type { TLastAccessed } from "@/scanners/iam/record";
import { and, andNot, emptyBits, hasBit, isEmpty, orInto, type Bits } from "./bitset";
import type { ActionCatalog } from "./catalog";
import type { Principal } from "./permissions";

export type UnusedService = { service: string; name: string; lastAuthenticated: string | null };

export type UnusedAnalysis = {
  /** Start of the window: anything last used before it counts as unused. */
  since: string;
  /** When IAM computed the report. */
  reportedAt: string | null;
  /** Services the role's effective permissions reach (any action). */
  grantedServices: string[];
  unused: UnusedService[];
  used: (UnusedService & { unusedTrackedActions: string[] })[];
  /** Granted services IAM's report does not list (a catalog/report mismatch): neither used nor unused. */
  notReported: string[];
  /** Identity statements narrowed to what was used; null when nothing would change. */
  proposal: TPolicyDocument | null;
  /** Actions the proposal removes. */
  removedActionCount: number;
};

export function unusedPermissions(c: ActionCatalog, p: Principal, lastAccessed: TLastAccessed, now: Date, days: number): UnusedAnalysis {
  const since = new Date(now.getTime() - days * 86_400_000);
  const granted = new Set(c.servicesOf(p.perms.allowMay));
  const report = new Map(lastAccessed.services.map((s) => [s.namespace.toLowerCase(), s]));
  const isRecent = (t: string | null) => !!t && Date.parse(t) >= since.getTime();

  const unused: UnusedService[] = [];
  const used: UnusedAnalysis["used"] = [];
  const notReported: string[] = [];
  // Actions to drop from the role's statements.
  const drop = emptyBits(c.size);
  for (const service of [...granted].sort()) {
    const s = report.get(service);
    if (!s) {
      notReported.push(service);
      continue;
    }
    if (!isRecent(s.lastAuthenticated)) {
      unused.push({ service, name: s.name, lastAuthenticated: s.lastAuthenticated });
      orInto(drop, c.serviceBits(service));
      continue;
    }
    const unusedTracked = (s.trackedActions ?? []).filter((a) => !isRecent(a.lastAccessedTime)).map((a) => `${service}:${a.name}`);
    for (const a of unusedTracked) {
      const i = c.indexOf(a);
      if (i >= 0) drop[i >>> 5] |= 1 << (i & 31);
    }
    used.push({ service, name: s.name, lastAuthenticated: s.lastAuthenticated, unusedTrackedActions: unusedTracked });
  }

  const { proposal, removed } = narrow(c, p, drop);
  return { since: since.toISOString(), reportedAt: lastAccessed.jobCompletedAt, grantedServices: [...granted].sort(), unused, used, notReported, proposal, removedActionCount: removed };
}

function narrow(c: ActionCatalog, p: Principal, drop: Bits): { proposal: TPolicyDocument | null; removed: number } {
  const removedBits = emptyBits(c.size);
  const statements: TStatement[] = [];
  let changed = false;
  for (const u of p.perms.identity) {
    const s = u.st.statement;
    if (u.st.effect === "Deny") {
      statements.push(s);
      continue;
    }
    const dropped = and(u.st.actions.bits, drop);
    if (isEmpty(dropped)) {
      statements.push(s);
      continue;
    }
    changed = true;
    orInto(removedBits, dropped);
    const keep = andNot(u.st.actions.bits, drop);
    if (isEmpty(keep)) continue;
    statements.push({ ...stripped(s), Action: compactActions(c, u.st.statement, keep) });
  }
  let removed = 0;
  for (let i = 0; i < c.size; i++) if (hasBit(removedBits, i) && hasBit(p.perms.allowMay, i)) removed++;
  if (!changed) return { proposal: null, removed: 0 };
  return { proposal: { Version: "2012-10-17", Statement: statements }, removed };
}

function stripped(s: TStatement): TStatement {
  const { Action: _a, NotAction: _n, ...rest } = s;
  return rest as TStatement;
}

/** The kept actions, written as the original patterns where a service is kept whole, else listed. */
function compactActions(c: ActionCatalog, s: TStatement, keep: Bits): string[] {
  const out: string[] = [];
  for (const service of c.servicesOf(keep)) {
    const range = c.services.get(service)!;
    const serviceKeep = emptyBits(c.size);
    for (let i = range.start; i < range.end; i++) if (hasBit(keep, i)) serviceKeep[i >>> 5] |= 1 << (i & 31);
    const original = (s.Action ?? []).filter((a) => a.toLowerCase().startsWith(`${service}:`));
    const originalBits = emptyBits(c.size);
    for (const a of original) orInto(originalBits, c.patternBits(a));
    const sameAsOriginal = !s.NotAction && original.length > 0 && isEmpty(andNot(originalBits, serviceKeep)) && isEmpty(andNot(serviceKeep, originalBits));
    if (sameAsOriginal) out.push(...original);
    else out.push(...c.names(serviceKeep));
  }
  return out;
}
