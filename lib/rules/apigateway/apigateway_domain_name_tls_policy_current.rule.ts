// A1-13: custom domain names negotiate TLS 1.2 or newer. Legacy TLS_1_0 accepts TLS 1.0 (and 1.1 on older
// policies); TLS_1_2 and the enhanced SecurityPolicy_TLS12_* / SecurityPolicy_TLS13_* policies do not. HTTP and
// WebSocket APIs only support TLS_1_2 (apigateway-custom-domain-tls-version.html); their domains are listed by
// the REST scanner too.
import { z } from "zod";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import type { TDomainNameRecord } from "@/scanners/apigateway/record";
import { globMatches } from "./support";

type Settings = { acceptedPolicies: string[] };

function evaluateDomain(d: TDomainNameRecord, accepted: string[]): RuleResult {
  const base = { resourceArn: d.arn, resourceName: d.domainName, region: d.region };
  const evidence = { securityPolicy: d.securityPolicy, acceptedPolicies: accepted, endpointTypes: d.endpointTypes };
  if (!d.securityPolicy) {
    return { ...base, status: "UNKNOWN", message: `Could not determine the TLS security policy of custom domain ${d.domainName}: AWS did not report it.`, evidence };
  }
  if (accepted.some((p) => globMatches(p, d.securityPolicy!))) {
    return { ...base, status: "PASS", message: `Custom domain ${d.domainName} uses security policy ${d.securityPolicy}.`, evidence };
  }
  return {
    ...base,
    status: "FAIL",
    message: `Custom domain ${d.domainName} uses security policy ${d.securityPolicy}, which accepts TLS versions older than 1.2.`,
    evidence,
  };
}

export const rule: RuleDefinition<Settings> = {
  id: "apigateway_domain_name_tls_policy_current",
  catalogueId: "A1-13",
  title: "API Gateway custom domains require TLS 1.2 or newer",
  severity: "high",
  category: "api-gateway-rest",
  resourceType: "apigateway_domain_name",
  description: "Reports custom domain names whose security policy is not in the accepted list (TLS_1_2 and the enhanced TLS 1.2/1.3 policies by default).",
  risk: "TLS 1.0 and 1.1 have known weaknesses (BEAST, weak ciphers) and are deprecated; clients that negotiate them can have API traffic downgraded and read.",
  remediation: {
    text: "Update the domain name's security policy to TLS_1_2 (or an enhanced SecurityPolicy_TLS13_* policy for REST APIs).",
    cli: "aws apigateway update-domain-name --domain-name <domain> --patch-operations op=replace,path=/securityPolicy,value=TLS_1_2",
    cloudformation: [
      "ApiDomain:",
      "  Type: AWS::ApiGateway::DomainName",
      "  Properties:",
      "    DomainName: api.example.com",
      "    RegionalCertificateArn: !Ref Certificate",
      "    EndpointConfiguration:",
      "      Types: [REGIONAL]",
      "    SecurityPolicy: TLS_1_2",
    ].join("\n"),
    terraform: [
      'resource "aws_api_gateway_domain_name" "api" {',
      '  domain_name              = "api.example.com"',
      "  regional_certificate_arn = aws_acm_certificate.api.arn",
      '  security_policy          = "TLS_1_2"',
      "  endpoint_configuration {",
      '    types = ["REGIONAL"]',
      "  }",
      "}",
    ].join("\n"),
  },
  references: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html"],
  settings: {
    schema: z.object({ acceptedPolicies: z.array(z.string().min(1)).min(1) }),
    defaults: { acceptedPolicies: ["TLS_1_2", "SecurityPolicy_TLS12_*", "SecurityPolicy_TLS13_*"] },
    describe: { acceptedPolicies: "Security policies that count as current (globs, e.g. SecurityPolicy_TLS13_*)." },
  },
  evaluate(inventory, ctx) {
    return inventory.apiDomainNames.map((d) => evaluateDomain(d, ctx.settings.acceptedPolicies));
  },
};
