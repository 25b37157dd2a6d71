// A2-02 (Security Hub APIGateway.9): every HTTP and WebSocket API stage writes access logs. One result per stage.
import type { RuleDefinition } from "@/lib/rules/types";
import { perV2Stage, v2StageName } from "./stages";

export const rule: RuleDefinition = {
  id: "apigatewayv2_api_stage_access_logging_enabled",
  catalogueId: "A2-02",
  title: "HTTP and WebSocket API stages write access logs",
  severity: "medium",
  category: "api-gateway-v2",
  resourceType: "apigatewayv2_api",
  description: "Reports HTTP and WebSocket API stages without an access log destination. One result per stage.",
  risk: "Without access logs there is no record of who called which route, from where, and with what result: abuse and data access cannot be investigated.",
  remediation: {
    text: "Configure access logging on the stage to a CloudWatch Logs log group (or Firehose), with a format that includes the request id, source IP, route and status.",
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
  },
  references: [
    "https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-9",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html",
  ],
  frameworks: { "aws-fsbp": ["APIGateway.9"] },
  evaluate(inventory) {
    return perV2Stage(inventory.httpApis, (api, stage, base) =>
      stage.accessLogs?.destinationArn
        ? { ...base, status: "PASS", message: `The ${v2StageName(api, stage)} writes access logs.`, evidence: { accessLogs: stage.accessLogs } }
        : { ...base, status: "FAIL", message: `The ${v2StageName(api, stage)} writes no access logs.`, evidence: { accessLogs: null } },
    );
  },
};
