// SA-04 (HTTP/WebSocket): no zombie stages. The date is the stage's last update (every deployment, auto or not,
// updates it), else its creation. One result per stage.
import type { RuleDefinition } from "@/lib/rules/types";
import type { THttpStage } from "@/scanners/apigatewayv2/record";
import { perV2Stage, v2StageName } from "@/lib/rules/apigatewayv2/stages";
import { judgeStage, STALE_SETTINGS, type StageDates, type StaleSettings } from "./stale";

const datesOf = (s: THttpStage): StageDates =>
  s.lastUpdatedDate
    ? { name: s.stageName, lastDeployed: s.lastUpdatedDate, source: "stage lastUpdatedDate" }
    : { name: s.stageName, lastDeployed: s.createdDate, source: "stage createdDate" };

export const rule: RuleDefinition<StaleSettings> = {
  id: "apigatewayv2_api_stage_not_stale",
  catalogueId: "SA-04",
  title: "HTTP and WebSocket API stages are not stale",
  severity: "low",
  category: "shadow-api",
  resourceType: "apigatewayv2_api",
  description:
    "Reports HTTP and WebSocket API stages not updated or deployed for the configured number of days, and old " +
    "version stages (v1) still live after a newer version stage was deployed. One result per stage.",
  risk: "Zombie stages keep old routes, authorizers and integrations reachable after the team moved on; nobody patches or watches them.",
  remediation: {
    text: "Delete stages nobody uses (check their access logs first), or redeploy them.",
    cli: "aws apigatewayv2 delete-stage --api-id <api-id> --stage-name <stage>",
    cloudformation: "# Remove the AWS::ApiGatewayV2::Stage resource of the stale stage from the template and update the stack.",
    terraform: "# Remove the aws_apigatewayv2_stage resource of the stale stage and run terraform apply.",
  },
  references: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-stages.html"],
  settings: STALE_SETTINGS,
  evaluate(inventory, ctx) {
    return perV2Stage(inventory.httpApis, (api, stage, base) => {
      const siblings = api.stages.status === "ok" ? api.stages.value.map(datesOf) : [];
      return judgeStage(base, v2StageName(api, stage), datesOf(stage), siblings, ctx.now, ctx.settings);
    });
  },
};
