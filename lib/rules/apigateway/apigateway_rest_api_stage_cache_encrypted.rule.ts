// A1-09 (Security Hub APIGateway.5): responses cached by a REST stage are encrypted at rest. Only methods that
// cache are judged: a stage without a cache cluster, or whose methods do not cache, passes.
import type { RuleDefinition } from "@/lib/rules/types";
import { perStage, stageName } from "./stages";

export const rule: RuleDefinition = {
  id: "apigateway_rest_api_stage_cache_encrypted",
  catalogueId: "A1-09",
  title: "REST API stage caches encrypt cached responses",
  severity: "medium",
  category: "api-gateway-rest",
  resourceType: "apigateway_rest_api",
  description:
    "Reports REST API stages where a method (or the stage default) caches responses without encrypting the " +
    "cache data. Stages that cache nothing pass. One result per stage.",
  risk: "Cached responses may hold personal or payment data; unencrypted, they sit in plain text in the cache cluster.",
  remediation: {
    text: "Turn on cache data encryption for every method that caches (the stage default */* and any override).",
    cli: "aws apigateway update-stage --rest-api-id <api-id> --stage-name <stage> --patch-operations 'op=replace,path=/*/*/caching/dataEncrypted,value=true'",
    cloudformation: [
      "ProdStage:",
      "  Type: AWS::ApiGateway::Stage",
      "  Properties:",
      "    RestApiId: !Ref Api",
      "    DeploymentId: !Ref Deployment",
      "    StageName: prod",
      "    CacheClusterEnabled: true",
      "    MethodSettings:",
      "      - ResourcePath: '/*'",
      "        HttpMethod: '*'",
      "        CachingEnabled: true",
      "        CacheDataEncrypted: true",
    ].join("\n"),
    terraform: [
      'resource "aws_api_gateway_method_settings" "all" {',
      "  rest_api_id = aws_api_gateway_rest_api.this.id",
      "  stage_name  = aws_api_gateway_stage.prod.stage_name",
      '  method_path = "*/*"',
      "  settings {",
      "    caching_enabled      = true",
      "    cache_data_encrypted = true",
      "  }",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-5",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html",
  ],
  frameworks: { "aws-fsbp": ["APIGateway.5"] },
  evaluate(inventory) {
    return perStage(inventory.restApis, (api, stage, base) => {
      const caching = stage.methodSettings.filter((s) => s.cachingEnabled === true);
      const unencrypted = caching.filter((s) => s.cacheDataEncrypted !== true);
      const evidence = {
        cacheClusterEnabled: stage.cacheClusterEnabled,
        cachingMethods: caching.map((s) => ({ method: `${s.httpMethod} ${s.resourcePath}`, cacheDataEncrypted: s.cacheDataEncrypted })),
      };
      if (stage.cacheClusterEnabled === false || caching.length === 0) {
        return { ...base, status: "PASS", message: `The ${stageName(api, stage)} caches no responses.`, evidence };
      }
      if (unencrypted.length > 0) {
        return {
          ...base,
          status: "FAIL",
          message: `The ${stageName(api, stage)} caches responses unencrypted for ${unencrypted.map((s) => (s.key === "*/*" ? "every method" : `${s.httpMethod} ${s.resourcePath}`)).join(", ")}.`,
          evidence,
        };
      }
      return { ...base, status: "PASS", message: `The ${stageName(api, stage)} encrypts every cached response.`, evidence };
    });
  },
};
