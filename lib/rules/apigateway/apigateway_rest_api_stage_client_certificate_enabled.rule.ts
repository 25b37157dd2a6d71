// A1-10 (Security Hub APIGateway.2): a REST stage that calls HTTP backends presents a (valid) client certificate,
// so the backend can tell API Gateway's calls from anyone else's. Decision, unlike Security Hub: a stage whose
// methods only invoke Lambda, AWS services or MOCK integrations passes, since no HTTP backend receives the
// certificate; an expired certificate fails.
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import type { TRestApiRecord, TStageRecord } from "@/scanners/apigateway/record";
import { perStage, stageName } from "./stages";

function httpBackends(api: TRestApiRecord): string[] | null {
  if (api.resources.status !== "ok") return null;
  return api.resources.value.flatMap((r) =>
    r.methods
      .filter((m) => (m.integration?.type === "HTTP" || m.integration?.type === "HTTP_PROXY") && m.integration.connectionType !== "VPC_LINK")
      .map((m) => `${m.httpMethod} ${r.path}`),
  );
}

export const rule: RuleDefinition = {
  id: "apigateway_rest_api_stage_client_certificate_enabled",
  catalogueId: "A1-10",
  title: "REST API stages with HTTP backends present a client certificate",
  severity: "medium",
  category: "api-gateway-rest",
  resourceType: "apigateway_rest_api",
  description:
    "Reports REST API stages whose API has HTTP or HTTP_PROXY integrations over the internet and whose stage has " +
    "no client certificate, or an expired one. Stages whose methods only invoke Lambda, AWS services or mocks " +
    "pass. One result per stage.",
  risk: "Without a client certificate, an HTTP backend cannot verify that a request comes from API Gateway, so callers can go around the API's authorization and throttling to the backend directly.",
  remediation: {
    text: "Generate a client certificate, set it on the stage, and configure the backend to require it (mutual TLS).",
    cli:
      "aws apigateway generate-client-certificate --description backend-auth\n" +
      "aws apigateway update-stage --rest-api-id <api-id> --stage-name <stage> --patch-operations op=replace,path=/clientCertificateId,value=<certificate-id>",
    cloudformation: [
      "BackendCertificate:",
      "  Type: AWS::ApiGateway::ClientCertificate",
      "ProdStage:",
      "  Type: AWS::ApiGateway::Stage",
      "  Properties:",
      "    RestApiId: !Ref Api",
      "    DeploymentId: !Ref Deployment",
      "    StageName: prod",
      "    ClientCertificateId: !Ref BackendCertificate",
    ].join("\n"),
    terraform: [
      'resource "aws_api_gateway_client_certificate" "backend" {',
      '  description = "backend-auth"',
      "}",
      'resource "aws_api_gateway_stage" "prod" {',
      "  rest_api_id           = aws_api_gateway_rest_api.this.id",
      "  deployment_id         = aws_api_gateway_deployment.this.id",
      '  stage_name            = "prod"',
      "  client_certificate_id = aws_api_gateway_client_certificate.backend.id",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-2",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/getting-started-client-side-ssl-authentication.html",
  ],
  frameworks: { "aws-fsbp": ["APIGateway.2"] },
  evaluate(inventory, ctx) {
    return perStage(inventory.restApis, (api: TRestApiRecord, stage: TStageRecord, base): RuleResult => {
      const backends = httpBackends(api);
      const cert = stage.clientCertificate;
      const evidence = { clientCertificateId: stage.clientCertificateId, clientCertificate: cert, httpBackends: backends };
      if (stage.clientCertificateId) {
        if (cert.status === "ok" && cert.value.expirationDate && Date.parse(cert.value.expirationDate) < ctx.now.getTime()) {
          return {
            ...base,
            status: "FAIL",
            message: `The ${stageName(api, stage)} presents client certificate ${stage.clientCertificateId}, which expired on ${cert.value.expirationDate.slice(0, 10)}.`,
            evidence,
          };
        }
        return { ...base, status: "PASS", message: `The ${stageName(api, stage)} presents client certificate ${stage.clientCertificateId} to its backends.`, evidence };
      }
      if (backends === null) {
        return { ...base, status: "UNKNOWN", message: `Could not determine whether the ${stageName(api, stage)} calls HTTP backends: the API's resources could not be read.`, evidence };
      }
      if (backends.length === 0) {
        return { ...base, status: "PASS", message: `The ${stageName(api, stage)} has no HTTP backend that a client certificate would authenticate to.`, evidence };
      }
      return {
        ...base,
        status: "FAIL",
        message: `The ${stageName(api, stage)} calls HTTP backends (${backends[0]}${backends.length > 1 ? ` and ${backends.length - 1} more` : ""}) without a client certificate.`,
        evidence,
      };
    });
  },
};
