// A1-05: a PRIVATE REST API's resource policy pins anonymous callers to named VPCs or VPC endpoints. Without
// aws:SourceVpce/aws:SourceVpc, a private API is reachable through any execute-api VPC endpoint, in any VPC of
// any account (tfsec #1314, defsec #395). Passing look-alikes: the documented "Allow * + Deny unless
// aws:SourceVpce" policy; grants limited to an organization or named accounts (callers must sign as them); no
// policy at all (a private API refuses every call without one).
import { anyoneInvokeGrants } from "@/lib/analysis/api-resource-policy";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import type { TRestApiRecord } from "@/scanners/apigateway/record";
import { grantIsIdentityLimited } from "./network";
import { apiBase, listOf, restPolicyScope } from "./support";

function evaluateApi(api: TRestApiRecord): RuleResult {
  const base = apiBase(api);
  const evidence: Record<string, unknown> = { endpointTypes: api.endpointTypes, vpcEndpointIds: api.vpcEndpointIds };
  if (api.policy.status === "absent") {
    return {
      ...base,
      status: "PASS",
      message: `Private REST API ${api.name} has no resource policy, so it refuses every call.`,
      evidence: { ...evidence, policy: null },
    };
  }
  if (api.policy.status === "error") {
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not read the resource policy of private REST API ${api.name}: ${api.policy.code}.`,
      evidence: { ...evidence, policy: api.policy },
    };
  }
  const grants = anyoneInvokeGrants(api.policy.value.document, restPolicyScope(api));
  const unpinned = grants.filter((g) => !g.vpcPinned && !grantIsIdentityLimited(g));
  const describe = (g: (typeof grants)[number]) => ({
    sid: g.sid,
    index: g.index,
    resource: g.statement.Resource ?? g.statement.NotResource ?? null,
    condition: g.statement.Condition ?? null,
    restrictions: g.restrictions,
    guards: g.guards,
  });
  const full = { ...evidence, unpinnedStatements: unpinned.map(describe), pinnedStatements: grants.filter((g) => !unpinned.includes(g)).map(describe) };
  if (unpinned.length > 0) {
    const labels = unpinned.map((g) => (g.sid ? `"${g.sid}"` : `#${g.index + 1}`));
    return {
      ...base,
      status: "FAIL",
      message: `Private REST API ${api.name} lets anyone invoke it from any VPC endpoint: statement ${listOf(labels)} has no aws:SourceVpce or aws:SourceVpc limit.`,
      evidence: full,
    };
  }
  return {
    ...base,
    status: "PASS",
    message:
      grants.length === 0
        ? `Private REST API ${api.name} grants nothing to anyone in its resource policy.`
        : `Private REST API ${api.name} admits anonymous callers only from named VPCs or VPC endpoints, or signed callers it names.`,
    evidence: full,
  };
}

export const rule: RuleDefinition = {
  id: "apigateway_rest_api_private_policy_restricts_vpc",
  catalogueId: "A1-05",
  title: "Private REST API resource policy limits callers to named VPCs or VPC endpoints",
  severity: "high",
  category: "api-gateway-rest",
  resourceType: "apigateway_rest_api",
  description:
    "For PRIVATE REST APIs, reports resource policy grants to Principal \"*\" that neither an aws:SourceVpce or " +
    "aws:SourceVpc condition nor a Deny guard on those keys limits. Other endpoint types are not judged.",
  risk:
    "A private API is not private to your VPC: without a VPC or VPC endpoint condition, anyone with an " +
    "execute-api interface endpoint in their own VPC, in any AWS account, can call it.",
  remediation: {
    text:
      "Add a Deny statement for callers whose aws:SourceVpce is not one of your VPC endpoints (or put that " +
      "condition on the Allow), then redeploy the API so the policy takes effect.",
    cli:
      "aws apigateway update-rest-api --rest-api-id <api-id> --patch-operations " +
      "'op=replace,path=/policy,value=<policy JSON with the aws:SourceVpce Deny, escaped>'\n" +
      "aws apigateway create-deployment --rest-api-id <api-id> --stage-name <stage>",
    cloudformation: [
      "Policy:",
      "  Version: '2012-10-17'",
      "  Statement:",
      "    - Effect: Allow",
      "      Principal: '*'",
      "      Action: execute-api:Invoke",
      "      Resource: execute-api:/*",
      "    - Effect: Deny",
      "      Principal: '*'",
      "      Action: execute-api:Invoke",
      "      Resource: execute-api:/*",
      "      Condition:",
      "        StringNotEquals:",
      "          aws:SourceVpce: !Ref ApiVpcEndpoint",
    ].join("\n"),
    terraform: [
      'data "aws_iam_policy_document" "private_api" {',
      "  statement {",
      '    effect    = "Allow"',
      '    actions   = ["execute-api:Invoke"]',
      '    resources = ["execute-api:/*"]',
      "    principals {",
      '      type        = "*"',
      '      identifiers = ["*"]',
      "    }",
      "  }",
      "  statement {",
      '    effect    = "Deny"',
      '    actions   = ["execute-api:Invoke"]',
      '    resources = ["execute-api:/*"]',
      "    principals {",
      '      type        = "*"',
      '      identifiers = ["*"]',
      "    }",
      "    condition {",
      '      test     = "StringNotEquals"',
      '      variable = "aws:SourceVpce"',
      "      values   = [aws_vpc_endpoint.execute_api.id]",
      "    }",
      "  }",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-api-create.html",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-examples.html",
  ],
  evaluate(inventory) {
    return inventory.restApis.filter((api) => api.endpointTypes.includes("PRIVATE")).map(evaluateApi);
  },
};
