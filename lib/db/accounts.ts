// Accounts Lantern scans: the list shown on "Accounts & scans" and the overview, and account creation.
import { Prisma } from "../generated/prisma/client";
import { prisma, type Db } from "./client";

export type TScanStatus = "queued" | "running" | "succeeded" | "partial" | "failed";
export type TScanTrigger = "schedule" | "manual" | "cli";

export type TLastScan = {
  id: string;
  status: TScanStatus;
  trigger: TScanTrigger;
  requestedAt: Date;
  finishedAt: Date | null;
};

export type TAccountSummary = {
  id: string;
  name: string;
  regions: string[];
  schedule: string;
  enabled: boolean;
  /** The role Lantern assumes; null means the worker's own credentials. The external id is never shown. */
  roleArn: string | null;
  hasExternalId: boolean;
  lastScan: TLastScan | null;
};

const LAST_SCAN_SELECT = {
  orderBy: { requestedAt: "desc" },
  take: 1,
  select: { id: true, status: true, trigger: true, requestedAt: true, finishedAt: true },
} as const satisfies Prisma.Account$scansArgs;

/** Every account with its most recent scan, by name. */
export async function listAccounts(db: Db = prisma): Promise<TAccountSummary[]> {
  const rows = await db.account.findMany({
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      regions: true,
      schedule: true,
      enabled: true,
      roleArn: true,
      externalId: true,
      scans: LAST_SCAN_SELECT,
    },
  });
  return rows.map(({ externalId, scans, ...rest }) => ({
    ...rest,
    hasExternalId: externalId !== null,
    lastScan: scans[0] ?? null,
  }));
}

export type TAccount = {
  id: string;
  name: string;
  regions: string[];
  schedule: string;
  enabled: boolean;
};

export async function getAccount(id: string, db: Db = prisma): Promise<TAccount | null> {
  return db.account.findUnique({
    where: { id },
    select: { id: true, name: true, regions: true, schedule: true, enabled: true },
  });
}

export type TNewAccount = {
  id: string;
  name: string;
  regions: string[];
  roleArn: string | null;
  externalId: string | null;
  schedule: string;
  enabled: boolean;
};

export type TCreateAccountResult = { ok: true; id: string } | { ok: false; reason: "exists" };

/** Creates the account; an account with the same 12-digit id is reported, not overwritten. */
export async function createAccount(input: TNewAccount, db: Db = prisma): Promise<TCreateAccountResult> {
  try {
    const row = await db.account.create({ data: input, select: { id: true } });
    return { ok: true, id: row.id };
  } catch (err) {
    // P2002: unique constraint (the primary key) violated
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      return { ok: false, reason: "exists" };
    }
    throw err;
  }
}

export type TAccountChoice = { id: string; name: string; regions: string[] };

/** The accounts to pick from (e.g. an organization's management account), by name. */
export async function listAccountChoices(db: Db = prisma): Promise<TAccountChoice[]> {
  return db.account.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true, regions: true } });
}

/** Which of these account ids Lantern already has. */
export async function configuredAccountIds(ids: readonly string[], db: Db = prisma): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.account.findMany({ where: { id: { in: [...ids] } }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}

/** Creates every account not yet in Lantern in one statement; returns the ids it created (existing ones are left alone). */
export async function createAccounts(inputs: readonly TNewAccount[], db: Db = prisma): Promise<string[]> {
  if (inputs.length === 0) return [];
  const rows = await db.account.createManyAndReturn({ data: [...inputs], skipDuplicates: true, select: { id: true } });
  return rows.map((r) => r.id);
}

export type TAccountUpdate = {
  name: string;
  regions: string[];
  schedule: string;
  enabled: boolean;
  roleArn: string | null;
  /** undefined keeps the stored external id (the UI never reads it back); null removes it. */
  externalId?: string | null;
};

/** Updates an account's settings; false when there is no such account. */
export async function updateAccount(id: string, update: TAccountUpdate, db: Db = prisma): Promise<boolean> {
  const { count } = await db.account.updateMany({ where: { id }, data: update });
  return count > 0;
}

/** Replaces the regions an account scans; false when there is no such account. */
export async function setAccountRegions(id: string, regions: string[], db: Db = prisma): Promise<boolean> {
  const { count } = await db.account.updateMany({ where: { id }, data: { regions } });
  return count > 0;
}

/** Removes an account with its scans and inventory (cascade); false when there was none. */
export async function deleteAccount(id: string, db: Db = prisma): Promise<boolean> {
  const { count } = await db.account.deleteMany({ where: { id } });
  return count > 0;
}
