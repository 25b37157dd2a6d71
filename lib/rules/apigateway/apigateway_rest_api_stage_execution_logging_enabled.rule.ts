// A1-06 (Security Hub APIGateway.1): every REST stage writes execution logs at an accepted level. The stage
// default ("*/*") must be accepted, and no method may override it with a level that is not (a per-method "OFF"
// silences exactly the method someone wanted to hide).
import { z } from "zod";
import type { RuleDefinition } from "@/lib/rules/types";
import { perStage, stageName } from "./stages";

type Settings = { acceptedLevels: string[] };

export const rule: RuleDefinition<Settings> = {
  id: "apigateway_rest_api_stage_execution_logging_enabled",
  catalogueId: "A1-06",
  title: "REST API stages write execution logs",
  severity: "medium",
  category: "api-gateway-rest",
  resourceType: "apigateway_rest_api",
  description:
    "Reports REST API stages whose default method setting does not log at an accepted level (ERROR or INFO by " +
    "default), or where a method overrides it with a level that is not accepted. One result per stage.",
  risk:
    "Without execution logs, authorization failures, integration errors and abuse of the API leave no trace in " +
    "CloudWatch, so incidents cannot be investigated.",
  remediation: {
    text:
      "Set the stage's logging level to ERROR or INFO for all methods (and remove per-method OFF overrides). The " +
      "account needs a CloudWatch Logs role set in API Gateway's settings.",
    cli: "aws apigateway update-stage --rest-api-id <api-id> --stage-name <stage> --patch-operations 'op=replace,path=/*/*/logging/loglevel,value=ERROR'",
    cloudformation: [
      "ProdStage:",
      "  Type: AWS::ApiGateway::Stage",
      "  Properties:",
      "    RestApiId: !Ref Api",
      "    DeploymentId: !Ref Deployment",
      "    StageName: prod",
      "    MethodSettings:",
      "      - ResourcePath: '/*'",
      "        HttpMethod: '*'",
      "        LoggingLevel: ERROR",
    ].join("\n"),
    terraform: [
      'resource "aws_api_gateway_method_settings" "all" {',
      "  rest_api_id = aws_api_gateway_rest_api.this.id",
      "  stage_name  = aws_api_gateway_stage.prod.stage_name",
      '  method_path = "*/*"',
      "  settings {",
      '    logging_level = "ERROR"',
      "  }",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-1",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html",
  ],
  frameworks: { "aws-fsbp": ["APIGateway.1"] },
  settings: {
    schema: z.object({ acceptedLevels: z.array(z.string().min(1)).min(1) }),
    defaults: { acceptedLevels: ["ERROR", "INFO"] },
    describe: { acceptedLevels: "Execution logging levels that count as logged (AWS offers OFF, ERROR and INFO)." },
  },
  evaluate(inventory, ctx) {
    const accepted = new Set(ctx.settings.acceptedLevels.map((l) => l.toUpperCase()));
    const ok = (level: string | null) => level !== null && accepted.has(level.toUpperCase());
    return perStage(inventory.restApis, (api, stage, base) => {
      const stageDefault = stage.methodSettings.find((s) => s.resourcePath === "*" && s.httpMethod === "*");
      const defaultLevel = stageDefault?.loggingLevel ?? "OFF";
      const overrides = stage.methodSettings.filter((s) => s !== stageDefault && s.loggingLevel !== null && !ok(s.loggingLevel));
      const evidence = {
        defaultLevel,
        acceptedLevels: [...accepted],
        overridesNotLogged: overrides.map((s) => ({ method: `${s.httpMethod} ${s.resourcePath}`, loggingLevel: s.loggingLevel })),
      };
      if (!ok(defaultLevel)) {
        return { ...base, status: "FAIL", message: `The ${stageName(api, stage)} does not write execution logs (level ${defaultLevel}).`, evidence };
      }
      if (overrides.length > 0) {
        const first = overrides[0];
        return {
          ...base,
          status: "FAIL",
          message: `The ${stageName(api, stage)} logs at ${defaultLevel}, but ${overrides.length === 1 ? `method ${first.httpMethod} ${first.resourcePath} overrides it with ${first.loggingLevel}` : `${overrides.length} methods override it with levels that are not logged`}.`,
          evidence,
        };
      }
      return { ...base, status: "PASS", message: `The ${stageName(api, stage)} writes execution logs at ${defaultLevel}.`, evidence };
    });
  },
};
