// A2-02 (Security Hub APIGateway.9): every HTTP and WebSocket API stage writes access logs. One result per stage.
import type { RuleDefinition } from "@/lib/rules/types";
import { perV2Stage, v2StageName } from "./stages";
import { V2_ACCESS_LOG_REMEDIATION } from "@/lib/rules/apigatewayv2/stages";

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
    ...V2_ACCESS_LOG_REMEDIATION,
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
