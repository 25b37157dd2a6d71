// SA-04 (REST): no zombie stages. The date is that of the deployment the stage serves (what is live), else the
// stage's last update. One result per stage.
import type { RuleDefinition } from "@/lib/rules/types";
import type { TRestApiRecord, TStageRecord } from "@/scanners/apigateway/record";
import { perStage, stageName } from "@/lib/rules/apigateway/stages";
import { judgeStage, STALE_SETTINGS, type StageDates, type StaleSettings } from "./stale";

function datesOf(api: TRestApiRecord, stage: TStageRecord): StageDates {
  const deployment = api.deployments.status === "ok" ? api.deployments.value.find((d) => d.id === stage.deploymentId) : undefined;
  if (deployment?.createdDate) return { name: stage.stageName, lastDeployed: deployment.createdDate, source: `deployment ${deployment.id}` };
  if (stage.lastUpdatedDate) return { name: stage.stageName, lastDeployed: stage.lastUpdatedDate, source: "stage lastUpdatedDate" };
  return { name: stage.stageName, lastDeployed: stage.createdDate, source: "stage createdDate" };
}

export const rule: RuleDefinition<StaleSettings> = {
  id: "apigateway_rest_api_stage_not_stale",
  catalogueId: "SA-04",
  title: "REST API stages are not stale",
  severity: "low",
  category: "shadow-api",
  resourceType: "apigateway_rest_api",
  description:
    "Reports REST API stages whose served deployment (or last update) is older than the configured number of days, " +
    "and old version stages (v1) still live after a newer version stage was deployed. One result per stage.",
  risk:
    "Zombie stages keep old code, old authorization and old backends reachable long after the team moved on; " +
    "nobody patches or watches them.",
  remediation: {
    text: "Delete stages nobody uses (check their access logs and CloudWatch metrics first), or redeploy them from the current definition.",
    cli: "aws apigateway delete-stage --rest-api-id <api-id> --stage-name <stage>",
    cloudformation: "# Remove the AWS::ApiGateway::Stage resource of the stale stage from the template and update the stack.",
    terraform: "# Remove the aws_api_gateway_stage resource of the stale stage and run terraform apply.",
  },
  references: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/stages.html"],
  settings: STALE_SETTINGS,
  evaluate(inventory, ctx) {
    return perStage(inventory.restApis, (api, stage, base) => {
      const siblings = api.stages.status === "ok" ? api.stages.value.map((s) => datesOf(api, s)) : [];
      return judgeStage(base, stageName(api, stage), datesOf(api, stage), siblings, ctx.now, ctx.settings);
    });
  },
};
