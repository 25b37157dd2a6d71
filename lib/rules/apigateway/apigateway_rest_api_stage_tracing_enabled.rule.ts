// A1-08 (Security Hub APIGateway.3): every REST stage has X-Ray tracing enabled. One result per stage.
import type { RuleDefinition } from "@/lib/rules/types";
import { perStage, stageName } from "./stages";

export const rule: RuleDefinition = {
  id: "apigateway_rest_api_stage_tracing_enabled",
  catalogueId: "A1-08",
  title: "REST API stages have X-Ray tracing enabled",
  severity: "low",
  category: "api-gateway-rest",
  resourceType: "apigateway_rest_api",
  description: "Reports REST API stages with AWS X-Ray active tracing turned off. One result per stage.",
  risk: "Without tracing, a request cannot be followed from the API through the authorizer and backend functions when investigating errors or abuse.",
  remediation: {
    text: "Turn on X-Ray tracing for the stage.",
    cli: "aws apigateway update-stage --rest-api-id <api-id> --stage-name <stage> --patch-operations op=replace,path=/tracingEnabled,value=true",
    cloudformation: ["ProdStage:", "  Type: AWS::ApiGateway::Stage", "  Properties:", "    RestApiId: !Ref Api", "    DeploymentId: !Ref Deployment", "    StageName: prod", "    TracingEnabled: true"].join("\n"),
    terraform: ['resource "aws_api_gateway_stage" "prod" {', "  rest_api_id          = aws_api_gateway_rest_api.this.id", "  deployment_id        = aws_api_gateway_deployment.this.id", '  stage_name           = "prod"', "  xray_tracing_enabled = true", "}"].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-3",
    "https://docs.aws.amazon.com/xray/latest/devguide/xray-services-apigateway.html",
  ],
  frameworks: { "aws-fsbp": ["APIGateway.3"] },
  evaluate(inventory) {
    return perStage(inventory.restApis, (api, stage, base) => {
      const evidence = { tracingEnabled: stage.tracingEnabled };
      if (stage.tracingEnabled === null) {
        return { ...base, status: "UNKNOWN", message: `Could not determine whether the ${stageName(api, stage)} traces requests: AWS did not report it.`, evidence };
      }
      return stage.tracingEnabled
        ? { ...base, status: "PASS", message: `The ${stageName(api, stage)} has X-Ray tracing enabled.`, evidence }
        : { ...base, status: "FAIL", message: `The ${stageName(api, stage)} has X-Ray tracing disabled.`, evidence };
    });
  },
};
