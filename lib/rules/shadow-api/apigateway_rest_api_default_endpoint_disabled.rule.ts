// SA-01 (REST): a REST API served on a custom domain has its default execute-api endpoint turned off. The default
// endpoint is a second way in that skips what the domain adds (mutual TLS, the domain's TLS policy, base path
// routing, WAF on the domain's distribution). An API that no custom domain maps passes: the default endpoint is
// its only address and turning it off would take the API offline (the look-alike CloudSploit flags).
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import type { TDomainNameRecord, TRestApiRecord } from "@/scanners/apigateway/record";
import { apiBase } from "@/lib/rules/apigateway/support";

function evaluateApi(api: TRestApiRecord, domains: TDomainNameRecord[], domainsComplete: boolean): RuleResult {
  const base = apiBase(api);
  const mapped = domains.flatMap((d) =>
    d.basePathMappings.status === "ok"
      ? d.basePathMappings.value.filter((m) => m.restApiId === api.id).map((m) => ({ domain: d.domainName, basePath: m.basePath, stage: m.stage, mutualTls: !!d.mutualTls?.truststoreUri }))
      : [],
  );
  const unread = domains.filter((d) => d.basePathMappings.status === "error").map((d) => d.domainName);
  const evidence = { disableExecuteApiEndpoint: api.disableExecuteApiEndpoint, customDomainMappings: mapped, unreadDomains: unread };
  if (api.disableExecuteApiEndpoint === true) {
    return { ...base, status: "PASS", message: `REST API ${api.name} has its default execute-api endpoint disabled.`, evidence };
  }
  if (mapped.length > 0) {
    const mtls = mapped.some((m) => m.mutualTls);
    return {
      ...base,
      status: "FAIL",
      message: `REST API ${api.name} is served on custom domain ${mapped[0].domain} but still answers on its default execute-api endpoint${mtls ? ", which skips the domain's mutual TLS" : ""}.`,
      evidence,
    };
  }
  if (!domainsComplete || unread.length > 0) {
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not determine whether a custom domain serves REST API ${api.name}: custom domains or their mappings were not read completely.`,
      evidence,
    };
  }
  return { ...base, status: "PASS", message: `REST API ${api.name} is served only on its default execute-api endpoint; no custom domain maps it.`, evidence };
}

export const rule: RuleDefinition = {
  id: "apigateway_rest_api_default_endpoint_disabled",
  catalogueId: "SA-01",
  title: "REST API on a custom domain has its default endpoint disabled",
  severity: "high",
  category: "shadow-api",
  resourceType: "apigateway_rest_api",
  description:
    "Reports REST APIs that a custom domain maps but whose default https://<api-id>.execute-api.<region>.amazonaws.com " +
    "endpoint is still enabled. APIs without a custom domain pass.",
  risk:
    "The default endpoint is a shadow entry point: it bypasses the custom domain's mutual TLS and TLS policy and " +
    "is found by scanners that enumerate execute-api hosts, while monitoring and firewall rules watch the domain.",
  remediation: {
    text: "Disable the default endpoint and redeploy the API so that clients can only use the custom domain.",
    cli:
      "aws apigateway update-rest-api --rest-api-id <api-id> --patch-operations op=replace,path=/disableExecuteApiEndpoint,value='True'\n" +
      "aws apigateway create-deployment --rest-api-id <api-id> --stage-name <stage>",
    cloudformation: ["Api:", "  Type: AWS::ApiGateway::RestApi", "  Properties:", "    Name: orders-api", "    DisableExecuteApiEndpoint: true"].join("\n"),
    terraform: ['resource "aws_api_gateway_rest_api" "this" {', '  name                         = "orders-api"', "  disable_execute_api_endpoint = true", "}"].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-disable-default-endpoint.html",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mutual-tls.html",
  ],
  evaluate(inventory, ctx) {
    return inventory.restApis.map((api) =>
      evaluateApi(api, inventory.apiDomainNames.filter((d) => d.region === api.region), ctx.complete("apigateway_domain_name", api.region)),
    );
  },
};
