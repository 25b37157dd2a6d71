// SA-02 (HTTP/WebSocket): an API carries a marker of infrastructure as code. CloudFormation does not propagate its
// stack tags to API Gateway v2 APIs (cloudformation-coverage-roadmap #398, #1236; SAM #1838), so a CDK or plain
// CloudFormation HTTP API often has no aws:cloudformation:* tag. Decision: an unmarked API whose integrations or
// authorizers invoke functions that belong to a CloudFormation stack is UNKNOWN (likely the same stack, not
// provable from tags); an unmarked API with no such function fails. SAM's HTTP APIs carry httpapi:createdBy=SAM.
import { iacOrigin } from "@/lib/analysis/endpoints";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import type { THttpApiRecord } from "@/scanners/apigatewayv2/record";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import { apiBase } from "@/lib/rules/apigateway/support";
import { kindOf } from "@/lib/rules/apigatewayv2/stages";
import { IAC_RISK, IAC_SETTINGS, type IacSettings } from "./iac";

function backingFunctions(api: THttpApiRecord): string[] {
  const fromIntegrations = api.integrations.status === "ok" ? api.integrations.value.flatMap((i) => (i.lambda ? [i.lambda.functionArn] : [])) : [];
  const fromAuthorizers = api.authorizers.status !== "error" ? api.authorizers.value.flatMap((a) => (a.lambda ? [a.lambda.functionArn] : [])) : [];
  return [...new Set([...fromIntegrations, ...fromAuthorizers])];
}

export const rule: RuleDefinition<IacSettings> = {
  id: "apigatewayv2_api_managed_by_iac",
  catalogueId: "SA-02",
  title: "HTTP or WebSocket API is managed by infrastructure as code",
  severity: "medium",
  category: "shadow-api",
  resourceType: "apigatewayv2_api",
  description:
    "Reports HTTP and WebSocket APIs without an infrastructure-as-code marker tag. Because CloudFormation does not " +
    "tag v2 APIs, an unmarked API whose functions belong to a CloudFormation stack is reported as unknown, not failed.",
  risk: IAC_RISK,
  remediation: {
    text:
      "Define the API in your IaC (import it into a CloudFormation stack or Terraform state) and tag it, or delete it " +
      "if nobody owns it. Add your tagging convention to this rule's marker tags.",
    cli: "aws apigatewayv2 tag-resource --resource-arn arn:aws:apigateway:<region>::/apis/<api-id> --tags ManagedBy=terraform",
    cloudformation: ["HttpApi:", "  Type: AWS::ApiGatewayV2::Api", "  Properties:", "    Name: mobile-bff", "    ProtocolType: HTTP", "    Tags:", "      ManagedBy: cloudformation"].join("\n"),
    terraform: ["import {", "  to = aws_apigatewayv2_api.mobile_bff", '  id = "<api-id>"', "}"].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-resource-tags.html",
    "https://github.com/aws-cloudformation/cloudformation-coverage-roadmap/issues/398",
  ],
  settings: IAC_SETTINGS,
  evaluate(inventory, ctx) {
    const functions = new Map<string, TLambdaFunctionRecord>(inventory.lambdaFunctions.map((f) => [f.arn, f]));
    return inventory.httpApis.map((api): RuleResult => {
      const base = apiBase(api);
      const kind = kindOf(api);
      const origin = iacOrigin(api.tags, ctx.settings.markerTags);
      if (origin.managed) {
        return { ...base, status: "PASS", message: `${kind} ${api.name} is managed by ${origin.tool}${origin.stackName ? ` (stack ${origin.stackName})` : ""}.`, evidence: origin };
      }
      const fnArns = backingFunctions(api);
      const stacks = fnArns.flatMap((arn) => {
        const fn = functions.get(arn);
        const tags = fn?.tags.status === "ok" ? fn.tags.value : null;
        const o = iacOrigin(tags, ctx.settings.markerTags);
        return o.managed ? [{ functionArn: arn, tool: o.tool, stackName: o.stackName }] : [];
      });
      const missing = fnArns.filter((arn) => !functions.has(arn) || functions.get(arn)!.tags.status !== "ok");
      const evidence = { ...origin, tagKeys: Object.keys(api.tags), backingFunctions: fnArns, managedFunctions: stacks };
      if (stacks.length > 0) {
        return {
          ...base,
          status: "UNKNOWN",
          message: `${kind} ${api.name} carries no infrastructure-as-code tag (CloudFormation does not tag v2 APIs), but its functions belong to ${stacks[0].stackName ? `stack ${stacks[0].stackName}` : stacks[0].tool}.`,
          evidence,
        };
      }
      if (missing.length > 0 && !ctx.complete("lambda_function", api.region)) {
        return { ...base, status: "UNKNOWN", message: `Could not determine whether ${kind} ${api.name} is managed by infrastructure as code: its functions were not listed completely.`, evidence };
      }
      return { ...base, status: "FAIL", message: `${kind} ${api.name} carries no infrastructure-as-code marker, and neither do its functions; it may have been created by hand.`, evidence };
    });
  },
};
