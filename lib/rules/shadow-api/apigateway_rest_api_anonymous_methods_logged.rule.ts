// SA-06 (REST): a method that accepts anonymous calls (no authorization, no API key, not closed by the resource
// policy) is logged, by execution logs at ERROR/INFO or access logs, on every stage that serves it: unauthenticated
// AND unlogged is the combination no one would notice being abused. One result per method.
import { sharedEndpointModel } from "@/lib/analysis/endpoints";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import { apiBase, unreadable } from "@/lib/rules/apigateway/support";
import { judgeAnonymousLogged } from "./anonymous";

export const rule: RuleDefinition = {
  id: "apigateway_rest_api_anonymous_methods_logged",
  catalogueId: "SA-06",
  title: "REST API methods open to anonymous callers are logged",
  severity: "high",
  category: "shadow-api",
  resourceType: "apigateway_rest_api",
  description:
    "Reports REST API methods that accept calls without authorization or an API key and are served by a stage with " +
    "neither execution logging (ERROR/INFO) nor access logging. Authenticated methods pass. One result per method.",
  risk: "An open method without logs can be scraped, brute-forced or abused for as long as anyone likes, and nothing records it.",
  remediation: {
    text: "Require authorization on the method, or at least turn on access logging (and execution logging) on every stage that serves it.",
    cli:
      "aws apigateway update-stage --rest-api-id <api-id> --stage-name <stage> --patch-operations " +
      "'op=replace,path=/accessLogSettings/destinationArn,value=arn:aws:logs:<region>:<account-id>:log-group:/aws/apigateway/<api-name>' " +
      "'op=replace,path=/accessLogSettings/format,value={\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\",\"status\":\"$context.status\"}'",
    cloudformation: [
      "ProdStage:",
      "  Type: AWS::ApiGateway::Stage",
      "  Properties:",
      "    RestApiId: !Ref Api",
      "    DeploymentId: !Ref Deployment",
      "    StageName: prod",
      "    AccessLogSetting:",
      "      DestinationArn: !GetAtt ApiLogGroup.Arn",
      "      Format: '{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\",\"status\":\"$context.status\"}'",
    ].join("\n"),
    terraform: [
      'resource "aws_api_gateway_stage" "prod" {',
      "  rest_api_id   = aws_api_gateway_rest_api.this.id",
      "  deployment_id = aws_api_gateway_deployment.this.id",
      '  stage_name    = "prod"',
      "  access_log_settings {",
      "    destination_arn = aws_cloudwatch_log_group.api.arn",
      '    format          = jsonencode({ requestId = "$context.requestId", ip = "$context.identity.sourceIp", status = "$context.status" })',
      "  }",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html",
  ],
  evaluate(inventory, ctx) {
    const model = sharedEndpointModel(inventory, ctx);
    return inventory.restApis.flatMap((api): RuleResult[] => {
      if (api.resources.status === "error") return [unreadable(apiBase(api), "REST API", "resources", api.resources)];
      if (api.stages.status === "error") return [unreadable(apiBase(api), "REST API", "stages", api.stages)];
      return model.endpoints.filter((e) => e.api?.arn === api.arn).map((e) => judgeAnonymousLogged(e, "REST API"));
    });
  },
};
