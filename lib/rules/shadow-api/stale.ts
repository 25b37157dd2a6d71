// SA-04 shared: a stage is a zombie when nothing was deployed to it for `staleDays`, or when it is an old version
// stage (v1) whose successor (v2, ...) was deployed after it.
import { z } from "zod";
import type { RuleResult, RuleSettingsSpec } from "@/lib/rules/types";
import { daysSince } from "@/lib/rules/apigateway/support";

export type StaleSettings = { staleDays: number; flagSupersededVersions: boolean };

export const STALE_SETTINGS: RuleSettingsSpec<StaleSettings> = {
  schema: z.object({ staleDays: z.number().int().positive(), flagSupersededVersions: z.boolean() }),
  defaults: { staleDays: 180, flagSupersededVersions: true },
  describe: {
    staleDays: "A stage whose last deployment (or update) is older than this many days is stale.",
    flagSupersededVersions: "Also report version stages (v1, v2, ...) deployed before a newer version stage of the same API.",
  },
};

export type StageDates = { name: string; lastDeployed: string | null; source: string };

const versionOf = (name: string) => {
  const m = /^v(\d+)$/i.exec(name);
  return m ? Number(m[1]) : null;
};

export function judgeStage(
  base: Pick<RuleResult, "resourceArn" | "resourceName" | "region">,
  what: string,
  stage: StageDates,
  siblings: StageDates[],
  now: Date,
  settings: StaleSettings,
): RuleResult {
  const age = daysSince(stage.lastDeployed, now);
  const evidence: Record<string, unknown> = { lastDeployed: stage.lastDeployed, dateSource: stage.source, ageDays: age, staleDays: settings.staleDays };
  if (age === null) {
    return { ...base, status: "UNKNOWN", message: `Could not determine when the ${what} was last deployed: AWS reported no date.`, evidence };
  }
  if (age > settings.staleDays) {
    return { ...base, status: "FAIL", message: `The ${what} was last deployed ${age} days ago, more than ${settings.staleDays}.`, evidence };
  }
  const version = versionOf(stage.name);
  if (settings.flagSupersededVersions && version !== null) {
    const newer = siblings.filter((s) => {
      const v = versionOf(s.name);
      return v !== null && v > version && s.lastDeployed && Date.parse(s.lastDeployed) > Date.parse(stage.lastDeployed!);
    });
    if (newer.length > 0) {
      return {
        ...base,
        status: "FAIL",
        message: `The ${what} is an old version stage still live next to ${newer.map((s) => s.name).join(", ")}.`,
        evidence: { ...evidence, supersededBy: newer.map((s) => s.name) },
      };
    }
  }
  return { ...base, status: "PASS", message: `The ${what} was last deployed ${age} days ago.`, evidence };
}
