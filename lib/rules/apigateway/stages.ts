// Stage-level REST rules produce one result per stage; the API's stage listing failing gives one UNKNOWN result
// for the API instead.
import type { RuleResult } from "@/lib/rules/types";
import type { TRestApiRecord, TStageRecord } from "@/scanners/apigateway/record";
import { apiBase, stageBase, unreadable } from "./support";

export function perStage(
  restApis: TRestApiRecord[],
  judge: (api: TRestApiRecord, stage: TStageRecord, base: ReturnType<typeof stageBase>) => RuleResult,
): RuleResult[] {
  return restApis.flatMap((api) => {
    if (api.stages.status === "error") return [unreadable(apiBase(api), "REST API", "stages", api.stages)];
    if (api.stages.status === "absent") return [];
    return api.stages.value.map((stage) => judge(api, stage, stageBase(api, stage.stageName)));
  });
}

/** "stage prod of REST API orders-api" */
export function stageName(api: TRestApiRecord, stage: TStageRecord): string {
  return `stage ${stage.stageName} of REST API ${api.name}`;
}
