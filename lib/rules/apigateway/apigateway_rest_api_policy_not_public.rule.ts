// A1-04: a REST API's resource policy does not let anyone invoke it without a condition. "Principal: *" is fine
// when a condition pins the caller (aws:SourceVpce, aws:SourceVpc, aws:SourceIp, aws:PrincipalOrgID, ...) or a
// Deny guard covers the grant (the documented "Deny unless aws:SourceVpce" shape): both are look-alikes that
// pass. With AWS_IAM methods an open grant also lets IAM principals of every AWS account call the API.
import { anyoneInvokeGrants, type AnyoneGrant } from "@/lib/analysis/api-resource-policy";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import type { TRestApiRecord } from "@/scanners/apigateway/record";
import { apiBase, listOf, restPolicyScope } from "./support";

function grantEvidence(g: AnyoneGrant) {
  return {
    sid: g.sid,
    index: g.index,
    principal: g.statement.Principal ?? g.statement.NotPrincipal ?? null,
    action: g.statement.Action ?? g.statement.NotAction ?? null,
    resource: g.statement.Resource ?? g.statement.NotResource ?? null,
    condition: g.statement.Condition ?? null,
    restrictions: g.restrictions,
    guards: g.guards,
    denied: g.denied,
  };
}

const label = (g: AnyoneGrant) => (g.sid ? `"${g.sid}"` : `#${g.index + 1}`);

function evaluateApi(api: TRestApiRecord): RuleResult {
  const base = apiBase(api);
  if (api.policy.status === "absent") {
    return { ...base, status: "PASS", message: `REST API ${api.name} has no resource policy.`, evidence: { policy: null } };
  }
  if (api.policy.status === "error") {
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not read the resource policy of REST API ${api.name}: ${api.policy.code}.`,
      evidence: { policy: api.policy },
    };
  }
  const grants = anyoneInvokeGrants(api.policy.value.document, restPolicyScope(api));
  const open = grants.filter((g) => g.open);
  const evidence = { openStatements: open.map(grantEvidence), restrictedStatements: grants.filter((g) => !g.open).map(grantEvidence) };
  if (open.length > 0) {
    return {
      ...base,
      status: "FAIL",
      message: `REST API ${api.name} has a resource policy that lets anyone invoke it without a condition (statement ${listOf(open.map(label))}).`,
      evidence,
    };
  }
  if (grants.length === 0) {
    return { ...base, status: "PASS", message: `REST API ${api.name} has a resource policy that grants nothing to anyone.`, evidence };
  }
  const keys = [...new Set(grants.flatMap((g) => [...g.restrictions, ...g.guards.flat()]).map((r) => r.key))];
  return {
    ...base,
    status: "PASS",
    message: `REST API ${api.name} lets anyone invoke it only ${keys.length ? `when ${keys.join(", ")} match` : "where an unconditional Deny does not apply"}.`,
    evidence,
  };
}

export const rule: RuleDefinition = {
  id: "apigateway_rest_api_policy_not_public",
  catalogueId: "A1-04",
  title: "REST API resource policy does not let anyone invoke it without a condition",
  severity: "high",
  category: "api-gateway-rest",
  resourceType: "apigateway_rest_api",
  description:
    "Reads each REST API's resource policy and reports Allow statements for Principal \"*\" on execute-api:Invoke " +
    "that no condition limits (VPC endpoint, VPC, source IP, organization, account) and no Deny guard covers.",
  risk:
    "An unconditional grant to anyone removes the policy as a control: on a private API any VPC endpoint in any " +
    "account reaches it, and on IAM-authorized methods principals of every AWS account may call it.",
  remediation: {
    text:
      "Limit the grant with a condition (aws:SourceVpce for private APIs, aws:SourceIp or aws:PrincipalOrgID for " +
      "others), or add the documented Deny statement for callers outside your VPC endpoints.",
    cli:
      "aws apigateway update-rest-api --rest-api-id <api-id> --patch-operations " +
      "'op=replace,path=/policy,value=<policy JSON with a condition, escaped>'",
    cloudformation: [
      "Api:",
      "  Type: AWS::ApiGateway::RestApi",
      "  Properties:",
      "    Name: orders-api",
      "    Policy:",
      "      Version: '2012-10-17'",
      "      Statement:",
      "        - Effect: Allow",
      "          Principal: '*'",
      "          Action: execute-api:Invoke",
      "          Resource: execute-api:/*",
      "          Condition:",
      "            IpAddress:",
      "              aws:SourceIp: ['203.0.113.0/24']",
    ].join("\n"),
    terraform: [
      'data "aws_iam_policy_document" "api" {',
      "  statement {",
      '    actions   = ["execute-api:Invoke"]',
      '    resources = ["${aws_api_gateway_rest_api.this.execution_arn}/*"]',
      "    principals {",
      '      type        = "*"',
      '      identifiers = ["*"]',
      "    }",
      "    condition {",
      '      test     = "IpAddress"',
      '      variable = "aws:SourceIp"',
      '      values   = ["203.0.113.0/24"]',
      "    }",
      "  }",
      "}",
      'resource "aws_api_gateway_rest_api_policy" "this" {',
      "  rest_api_id = aws_api_gateway_rest_api.this.id",
      "  policy      = data.aws_iam_policy_document.api.json",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies.html",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html",
  ],
  evaluate(inventory) {
    return inventory.restApis.map(evaluateApi);
  },
};
