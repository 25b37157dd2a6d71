// Suppressions: accepted risks. Applied retroactively when created and after every scan's analysis; an
// expired or revoked suppression reopens the findings it held. Every change writes a finding event that says
// who and why (the audit log of issue #6 builds on these).
import { z } from "zod";
import { prisma, type Db } from "./client";
import { isBlanket, suppressionMatches } from "@/lib/analysis/suppression-match";
import { resourceTags } from "./inventory";

export const ZSuppressionInput = z
  .object({
    ruleId: z.string().trim().min(1).max(200).nullable(),
    accountId: z.string().regex(/^\d{12}$/, "An AWS account id is 12 digits.").nullable(),
    resourcePattern: z.string().trim().min(1).max(2048).nullable(),
    tagKey: z.string().trim().min(1).max(128).nullable(),
    tagValue: z.string().max(256).nullable(),
    reason: z.string().trim().min(10, "Say why this risk is accepted (at least 10 characters).").max(2000),
    expiresAt: z.date().nullable(),
  })
  .refine((s) => !isBlanket(s), { message: "A suppression must name a rule, an account, a tag or a resource pattern narrower than *.", path: ["ruleId"] })
  .refine((s) => s.tagValue === null || s.tagKey !== null, { message: "A tag value needs a tag key.", path: ["tagValue"] });
export type TSuppressionInput = z.infer<typeof ZSuppressionInput>;

export type ApplyOutcome = { suppressed: number; reopened: number };

export async function createSuppression(input: TSuppressionInput, by: string | null, now = new Date(), db: Db = prisma) {
  const data = ZSuppressionInput.parse(input);
  if (data.expiresAt && data.expiresAt <= now) throw new Error("The expiry must be in the future.");
  const s = await db.suppression.create({ data: { ...data, createdBy: by } });
  const applied = await applySuppressions({ now }, db);
  return { suppression: s, applied };
}

export async function revokeSuppression(id: string, by: string | null, now = new Date(), db: Db = prisma): Promise<ApplyOutcome | null> {
  const r = await db.suppression.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now, revokedBy: by } });
  if (r.count === 0) return null;
  return applySuppressions({ now }, db);
}

export async function listSuppressions(db: Db = prisma) {
  const rows = await db.suppression.findMany({ orderBy: { createdAt: "desc" }, include: { _count: { select: { findings: true } } } });
  return rows.map(({ _count, ...s }) => ({ ...s, heldFindings: _count.findings }));
}

/**
 * Reopen findings held by expired or revoked suppressions, then suppress the open findings that an active
 * suppression covers (optionally in one account only). Idempotent.
 */
export async function applySuppressions(opts: { now?: Date; accountId?: string } = {}, db: Db = prisma): Promise<ApplyOutcome> {
  const now = opts.now ?? new Date();
  const out: ApplyOutcome = { suppressed: 0, reopened: 0 };

  // 1. Release what ended.
  const released = await db.finding.findMany({
    where: {
      status: "suppressed",
      suppressionId: { not: null },
      suppression: { OR: [{ revokedAt: { not: null } }, { expiresAt: { lte: now } }] },
      ...(opts.accountId ? { accountId: opts.accountId } : {}),
    },
    select: { id: true, suppression: { select: { revokedAt: true, revokedBy: true, reason: true } } },
  });
  if (released.length) {
    await db.$transaction([
      db.finding.updateMany({ where: { id: { in: released.map((f) => f.id) } }, data: { status: "open", suppressionId: null } }),
      db.findingEvent.createMany({
        data: released.map((f) => ({
          findingId: f.id,
          type: "unsuppressed",
          at: now,
          detail: f.suppression?.revokedAt
            ? `Suppression revoked${f.suppression.revokedBy ? ` by ${f.suppression.revokedBy}` : ""}; the finding is open again.`
            : "Suppression expired; the finding is open again.",
        })),
      }),
    ]);
    out.reopened = released.length;
  }

  // 2. Hold what an active suppression covers (oldest suppression first, so a finding keeps a stable holder).
  const active = await db.suppression.findMany({
    where: {
      revokedAt: null,
      AND: [
        { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
        ...(opts.accountId ? [{ OR: [{ accountId: null }, { accountId: opts.accountId }] }] : []),
      ],
    },
    orderBy: { createdAt: "asc" },
  });
  for (const s of active) {
    const candidates = await db.finding.findMany({
      where: {
        status: "open",
        ...(s.ruleId ? { ruleId: s.ruleId } : {}),
        ...(s.accountId ? { accountId: s.accountId } : opts.accountId ? { accountId: opts.accountId } : {}),
      },
      select: { id: true, ruleId: true, accountId: true, resourceArn: true, resourceType: true },
    });
    // Everything but the tag first (no lookups), then the tags of what is left.
    const narrowed = candidates.filter((c) => suppressionMatches({ ...s, tagKey: null, tagValue: null }, c, null));
    if (narrowed.length === 0) continue;
    const tags = s.tagKey ? await resourceTags(narrowed, db) : new Map<string, Record<string, string> | null>();
    const held = narrowed.filter((c) => suppressionMatches(s, c, tags.get(c.resourceArn) ?? null));
    if (held.length === 0) continue;
    await db.$transaction([
      db.finding.updateMany({ where: { id: { in: held.map((f) => f.id) }, status: "open" }, data: { status: "suppressed", suppressionId: s.id } }),
      db.findingEvent.createMany({
        data: held.map((f) => ({
          findingId: f.id,
          type: "suppressed",
          at: now,
          detail: `Suppressed${s.createdBy ? ` by ${s.createdBy}` : ""}${s.expiresAt ? ` until ${s.expiresAt.toISOString().slice(0, 10)}` : ""}: ${s.reason}`,
        })),
      }),
    ]);
    out.suppressed += held.length;
  }
  return out;
}
