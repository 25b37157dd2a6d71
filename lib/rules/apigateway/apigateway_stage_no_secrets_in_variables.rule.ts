// A1-11: no secret in a REST API stage's variables, nor in its canary's overrides of them. Stage variables are
// configuration, readable with apigateway:GET and visible in the console and in every mapping template that
// references them. The detectors ran in the scanner on the clear values; the record keeps detector ids,
// confidences and fingerprints. One result per stage.
import {
  DESCRIBE_IGNORED_DETECTORS,
  DESCRIBE_MINIMUM_CONFIDENCE,
  SECRET_RULE_DEFAULTS,
  ZSecretRuleSettings,
  counts,
  type TSecretRuleSettings,
} from "@/lib/analysis/secrets/settings";
import type { TRedactedVariable } from "@/scanners/apigateway/record";
import type { RuleDefinition } from "@/lib/rules/types";
import { perStage, stageName } from "./stages";

type Found = { variable: string; canary: boolean; detectors: { detector: string; confidence: string; fingerprint: string }[] };

export const rule: RuleDefinition<TSecretRuleSettings> = {
  id: "apigateway_stage_no_secrets_in_variables",
  catalogueId: "A1-11",
  title: "REST API stage variables hold no secrets",
  severity: "high",
  category: "api-gateway-rest",
  resourceType: "apigateway_rest_api",
  description:
    "Reports REST API stages whose variables (or the canary's overrides of them) hold a likely secret: an AWS " +
    "access key, a private key, a signed JWT, a service token, a connection string or URL with a password, a " +
    "literal password, or a random-looking value under a secret-like name. Detection runs in the scanner on the " +
    "clear values, which Lantern never stores. Function names, aliases, host names, URLs without credentials and " +
    "ARNs are not flagged. One result per stage.",
  risk:
    "Stage variables are plain configuration: anyone with apigateway:GET on the API reads them, the console shows " +
    "them, and they travel into integration requests and mapping templates. A backend password or API key passed " +
    "this way is exposed to every reader of the API's configuration and cannot be rotated without a redeploy.",
  remediation: {
    text:
      "Rotate the exposed secret. Keep credentials for backends out of stage variables: for HTTP backends use a " +
      "Lambda authorizer or a VPC link with the backend's own authentication, for AWS services an integration " +
      "role (credentials), and read real secrets at run time from AWS Secrets Manager in the function behind the " +
      "API. Then remove the variable from the stage (and from the canary settings).",
    cli: "aws apigateway update-stage --rest-api-id <api-id> --stage-name <stage> --patch-operations op=remove,path=/variables/<name>",
    cloudformation: [
      "ProdStage:",
      "  Type: AWS::ApiGateway::Stage",
      "  Properties:",
      "    RestApiId: !Ref Api",
      "    DeploymentId: !Ref Deployment",
      "    StageName: prod",
      "    Variables:",
      "      # names and aliases only; no passwords, tokens or keys",
      "      lambdaAlias: live",
    ].join("\n"),
    terraform: [
      'resource "aws_api_gateway_stage" "prod" {',
      "  rest_api_id   = aws_api_gateway_rest_api.this.id",
      "  deployment_id = aws_api_gateway_deployment.this.id",
      '  stage_name    = "prod"',
      "  variables = {",
      "    # names and aliases only; no passwords, tokens or keys",
      '    lambdaAlias = "live"',
      "  }",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/stage-variables.html",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/aws-api-gateway-stage-variables-reference.html",
  ],
  settings: {
    schema: ZSecretRuleSettings,
    defaults: SECRET_RULE_DEFAULTS,
    describe: {
      minimumConfidence: DESCRIBE_MINIMUM_CONFIDENCE,
      ignoredDetectors: DESCRIBE_IGNORED_DETECTORS,
      ignored: "Stage variable names whose values are known not to be secrets, as glob patterns (* and ?, case-insensitive).",
    },
  },
  evaluate(inventory, ctx) {
    const settings = ctx.settings;
    return perStage(inventory.restApis, (api, stage, base) => {
      const all: { v: TRedactedVariable; canary: boolean }[] = [
        ...stage.variables.map((v) => ({ v, canary: false })),
        ...(stage.canary?.stageVariableOverrides ?? []).map((v) => ({ v, canary: true })),
      ];
      const found: Found[] = [];
      const notAnalysed: string[] = [];
      for (const { v, canary } of all) {
        if (!v.secrets) {
          notAnalysed.push(v.name);
          continue;
        }
        const detectors = v.secrets.filter((s) => counts(s, v.name, settings));
        if (detectors.length > 0) found.push({ variable: v.name, canary, detectors });
      }
      const name = stageName(api, stage);
      if (found.length > 0) {
        const list = found.map((f) => `${f.variable}${f.canary ? " (canary override)" : ""} (${[...new Set(f.detectors.map((d) => d.detector))].join(", ")})`).join(", ");
        return {
          ...base,
          status: "FAIL",
          message: `The ${name} has ${found.length > 1 ? `${found.length} stage variables that hold` : "a stage variable that holds"} a likely secret: ${list}.`,
          evidence: { variables: found, minimumConfidence: settings.minimumConfidence },
        };
      }
      if (notAnalysed.length > 0) {
        return {
          ...base,
          status: "UNKNOWN",
          message: `Could not check the variables of the ${name}: they were stored before secret detection existed; the next scan checks them.`,
          evidence: { notAnalysed },
        };
      }
      return {
        ...base,
        status: "PASS",
        message:
          all.length === 0
            ? `The ${name} has no stage variables.`
            : `The ${name} has no likely secret in its ${all.length} stage variable${all.length > 1 ? "s" : ""}.`,
        evidence: { variablesChecked: all.length, minimumConfidence: settings.minimumConfidence },
      };
    });
  },
};
