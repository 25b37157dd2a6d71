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

/** Remediation snippets that turn on access logging for an HTTP/WebSocket stage (shared by the v2 logging rules). */
export const V2_ACCESS_LOG_REMEDIATION = {
  cli:
    "aws apigatewayv2 update-stage --api-id <api-id> --stage-name '$default' --access-log-settings " +
    "'DestinationArn=arn:aws:logs:<region>:<account-id>:log-group:/aws/apigateway/<api-name>,Format={\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\",\"routeKey\":\"$context.routeKey\",\"status\":\"$context.status\"}'",
  cloudformation: [
    "DefaultStage:",
    "  Type: AWS::ApiGatewayV2::Stage",
    "  Properties:",
    "    ApiId: !Ref HttpApi",
    "    StageName: $default",
    "    AutoDeploy: true",
    "    AccessLogSettings:",
    "      DestinationArn: !GetAtt ApiLogGroup.Arn",
    "      Format: '{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\",\"routeKey\":\"$context.routeKey\",\"status\":\"$context.status\"}'",
  ].join("\n"),
  terraform: [
    'resource "aws_apigatewayv2_stage" "default" {',
    "  api_id      = aws_apigatewayv2_api.this.id",
    '  name        = "$default"',
    "  auto_deploy = true",
    "  access_log_settings {",
    "    destination_arn = aws_cloudwatch_log_group.api.arn",
    '    format          = jsonencode({ requestId = "$context.requestId", ip = "$context.identity.sourceIp", routeKey = "$context.routeKey", status = "$context.status" })',
    "  }",
    "}",
  ].join("\n"),
};
