// Rule settings and installation-wide settings: saved overrides only; defaults live in the rules' metadata.
import { z } from "zod";
import { prisma, type Db } from "./client";
import type { InstallationSettings } from "@/lib/rules/types";

export const ZAccountIdList = z.array(z.string().regex(/^\d{12}$/, "an AWS account id is 12 digits"));
export const ZOrganizationIdList = z.array(z.string().regex(/^o-[a-z0-9]{10,32}$/, "an organization id looks like o-abc123defg"));

export const ZInstallationSettings = z.object({
  trustedAccountIds: ZAccountIdList,
  trustedOrganizationIds: ZOrganizationIdList,
});

export const DEFAULT_INSTALLATION_SETTINGS: InstallationSettings = { trustedAccountIds: [], trustedOrganizationIds: [] };

const TRUST_KEY = "trust";

export async function getInstallationSettings(db: Db = prisma): Promise<InstallationSettings> {
  const row = await db.installationSetting.findUnique({ where: { key: TRUST_KEY } });
  if (!row) return DEFAULT_INSTALLATION_SETTINGS;
  const parsed = ZInstallationSettings.safeParse(row.value);
  // A row that no longer parses (edited by hand) is reported by the settings page; rules get the defaults.
  return parsed.success ? parsed.data : DEFAULT_INSTALLATION_SETTINGS;
}

export async function saveInstallationSettings(value: InstallationSettings, updatedBy: string | null, db: Db = prisma): Promise<void> {
  const data = ZInstallationSettings.parse(value);
  await db.installationSetting.upsert({ where: { key: TRUST_KEY }, create: { key: TRUST_KEY, value: data, updatedBy }, update: { value: data, updatedBy } });
}

export type SavedRuleSetting = { enabled: boolean; settings: unknown; updatedAt: Date; updatedBy: string | null };

export async function getRuleSettings(db: Db = prisma): Promise<Map<string, SavedRuleSetting>> {
  const rows = await db.ruleSetting.findMany();
  return new Map(rows.map((r) => [r.ruleId, { enabled: r.enabled, settings: r.settings, updatedAt: r.updatedAt, updatedBy: r.updatedBy }]));
}

/** Save a rule's overrides; the caller validated `settings` against the rule's schema. */
export async function saveRuleSetting(ruleId: string, value: { enabled: boolean; settings: Record<string, unknown> }, updatedBy: string | null, db: Db = prisma) {
  await db.ruleSetting.upsert({
    where: { ruleId },
    create: { ruleId, enabled: value.enabled, settings: value.settings as object, updatedBy },
    update: { enabled: value.enabled, settings: value.settings as object, updatedBy },
  });
}
