// What the scan machinery needs of accounts: how to reach them, what to scan, when.
import { prisma, type Db } from "./client";

export type AccountTarget = {
  id: string;
  name: string;
  roleArn: string | null;
  externalId: string | null;
  regions: string[];
  schedule: string;
  enabled: boolean;
};

const SELECT = { id: true, name: true, roleArn: true, externalId: true, regions: true, schedule: true, enabled: true } as const;

export async function getAccountTarget(id: string, db: Db = prisma): Promise<AccountTarget | null> {
  return db.account.findUnique({ where: { id }, select: SELECT });
}

export async function listAccountTargets(filter: { enabledOnly?: boolean } = {}, db: Db = prisma): Promise<AccountTarget[]> {
  return db.account.findMany({ where: filter.enabledOnly ? { enabled: true } : {}, select: SELECT, orderBy: { id: "asc" } });
}

/** Create or update an account (CLI, demo and tests; the UI has its own validated form). */
export async function upsertAccountTarget(
  input: { id: string; name: string; regions: string[]; roleArn?: string | null; externalId?: string | null; schedule?: string; enabled?: boolean },
  db: Db = prisma,
): Promise<AccountTarget> {
  const data = {
    name: input.name,
    regions: input.regions,
    roleArn: input.roleArn ?? null,
    externalId: input.externalId ?? null,
    ...(input.schedule ? { schedule: input.schedule } : {}),
    ...(input.enabled === undefined ? {} : { enabled: input.enabled }),
  };
  return db.account.upsert({ where: { id: input.id }, create: { id: input.id, ...data }, update: data, select: SELECT });
}
