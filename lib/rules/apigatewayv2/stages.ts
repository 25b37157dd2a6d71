// Stage-level HTTP/WebSocket rules: one result per stage; a failed stage listing gives one UNKNOWN for the API.
import type { RuleResult } from "@/lib/rules/types";
import type { THttpApiRecord, THttpStage } from "@/scanners/apigatewayv2/record";
import { apiBase, stageBase, unreadable } from "@/lib/rules/apigateway/support";

export function kindOf(api: THttpApiRecord): string {
  return api.protocolType === "WEBSOCKET" ? "WebSocket API" : "HTTP API";
}

export function perV2Stage(
  apis: THttpApiRecord[],
  judge: (api: THttpApiRecord, stage: THttpStage, base: ReturnType<typeof stageBase>) => RuleResult,
): RuleResult[] {
  return apis.flatMap((api) => {
    if (api.stages.status === "error") return [unreadable(apiBase(api), kindOf(api), "stages", api.stages)];
    return api.stages.value.map((stage) => judge(api, stage, stageBase(api, stage.stageName)));
  });
}

export function v2StageName(api: THttpApiRecord, stage: THttpStage): string {
  return `stage ${stage.stageName} of ${kindOf(api)} ${api.name}`;
}
