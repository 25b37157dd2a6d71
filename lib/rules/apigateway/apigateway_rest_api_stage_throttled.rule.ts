// A1-14: a public REST stage that serves methods without authentication throttles them. Usage plans only meter
// requests that carry an API key, so a NONE method without an API key is throttled only by the stage's (or the
// method's) own rate limit; a method that requires an API key is throttled by either that or a usage plan with
// a throttle on the stage. A rate at or above `maxRateLimit` (the account default, 10,000 requests per second)
// limits nothing. Stages of private or network-limited APIs, or that serve no anonymous method, pass.
import { z } from "zod";
import { sharedEndpointModel, type Endpoint } from "@/lib/analysis/endpoints";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import type { TRestApiRecord, TStageRecord, TUsagePlanRecord } from "@/scanners/apigateway/record";
import { perStage, stageName } from "./stages";
import { listOf } from "./support";

type Settings = { maxRateLimit: number };

const limits = (rate: number | null | undefined, max: number) => rate !== null && rate !== undefined && rate >= 0 && rate < max;

function planThrottles(plans: TUsagePlanRecord[], api: TRestApiRecord, stage: TStageRecord, e: Endpoint, max: number): string | null {
  for (const p of plans) {
    for (const s of p.apiStages.filter((x) => x.restApiId === api.id && x.stage === stage.stageName)) {
      const own = s.methodThrottles.find((t) => t.resourcePath === e.path && t.httpMethod === e.method);
      if (limits(own?.rateLimit, max) || limits(p.throttle?.rateLimit, max)) return p.name;
    }
  }
  return null;
}

export const rule: RuleDefinition<Settings> = {
  id: "apigateway_rest_api_stage_throttled",
  catalogueId: "A1-14",
  title: "Public REST API stages throttle their unauthenticated methods",
  severity: "low",
  category: "api-gateway-rest",
  resourceType: "apigateway_rest_api",
  description:
    "For each stage of a public REST API, reports methods without authentication (no authorization, with or " +
    "without an API key) that no stage or method rate limit below the account default throttles; API-key " +
    "methods may also be throttled by a usage plan. One result per stage.",
  risk: "Unauthenticated, unthrottled methods let anyone drive up Lambda concurrency and cost (denial of wallet) and crowd out legitimate callers up to the account-wide limit.",
  remediation: {
    text: "Set a stage-wide (or per-method) rate and burst limit sized for legitimate traffic; put API-key clients on usage plans with throttles.",
    cli: "aws apigateway update-stage --rest-api-id <api-id> --stage-name <stage> --patch-operations 'op=replace,path=/*/*/throttling/rateLimit,value=100' 'op=replace,path=/*/*/throttling/burstLimit,value=200'",
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
      "        ThrottlingRateLimit: 100",
      "        ThrottlingBurstLimit: 200",
    ].join("\n"),
    terraform: [
      'resource "aws_api_gateway_method_settings" "all" {',
      "  rest_api_id = aws_api_gateway_rest_api.this.id",
      "  stage_name  = aws_api_gateway_stage.prod.stage_name",
      '  method_path = "*/*"',
      "  settings {",
      "    throttling_rate_limit  = 100",
      "    throttling_burst_limit = 200",
      "  }",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html",
  ],
  settings: {
    schema: z.object({ maxRateLimit: z.number().positive() }),
    defaults: { maxRateLimit: 10000 },
    describe: { maxRateLimit: "A rate limit (requests per second) at or above this throttles nothing; 10,000 is the account default." },
  },
  evaluate(inventory, ctx) {
    const model = sharedEndpointModel(inventory, ctx);
    const max = ctx.settings.maxRateLimit;
    return perStage(inventory.restApis, (api, stage, base): RuleResult => {
      const anonymous = model.endpoints.filter(
        (e) =>
          e.api?.arn === api.arn &&
          (e.auth.level === "none" || e.auth.level === "api_key") &&
          e.network.scope === "internet" &&
          !e.network.networkRestricted &&
          !e.isCorsPreflight &&
          e.integration?.type !== "MOCK",
      );
      const served = anonymous.flatMap((e) => {
        const s = e.stages.find((x) => x.name === stage.stageName);
        return s && s.serves !== false ? [{ e, s }] : [];
      });
      if (served.length === 0) {
        return { ...base, status: "PASS", message: `The ${stageName(api, stage)} serves no public method without authentication.`, evidence: { anonymousMethods: [] } };
      }
      const plans = inventory.usagePlans.filter((p) => p.region === api.region);
      const plansComplete = ctx.complete("apigateway_usage_plan", api.region);
      const unthrottled: string[] = [];
      const undetermined: string[] = [];
      const throttled: { method: string; by: string }[] = [];
      for (const { e, s } of served) {
        if (limits(s.throttle?.rateLimit, max)) throttled.push({ method: e.label, by: `${s.throttle!.source} rate limit ${s.throttle!.rateLimit}/s` });
        else if (e.auth.level === "api_key") {
          const plan = planThrottles(plans, api, stage, e, max);
          if (plan) throttled.push({ method: e.label, by: `usage plan ${plan}` });
          else if (!plansComplete) undetermined.push(e.label);
          else unthrottled.push(e.label);
        } else unthrottled.push(e.label);
      }
      const evidence = { maxRateLimit: max, unthrottled, throttled, undetermined, usagePlansComplete: plansComplete };
      if (unthrottled.length > 0) {
        return {
          ...base,
          status: "FAIL",
          message: `The ${stageName(api, stage)} does not throttle unauthenticated method${unthrottled.length === 1 ? "" : "s"} ${listOf(unthrottled)}.`,
          evidence,
        };
      }
      if (undetermined.length > 0) {
        return {
          ...base,
          status: "UNKNOWN",
          message: `Could not determine whether the ${stageName(api, stage)} throttles ${listOf(undetermined)}: usage plans were not listed completely.`,
          evidence,
        };
      }
      return { ...base, status: "PASS", message: `The ${stageName(api, stage)} throttles every unauthenticated method.`, evidence };
    });
  },
};
