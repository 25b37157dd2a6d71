// SA-02 (functions): a function that serves an endpoint (a function URL, or a backend or authorizer of an API
// route) carries a marker of infrastructure as code. Functions that serve no endpoint are not judged here.
import { iacOrigin, sharedEndpointModel } from "@/lib/analysis/endpoints";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import { IAC_RISK, IAC_SETTINGS, type IacSettings } from "./iac";

export const rule: RuleDefinition<IacSettings> = {
  id: "lambda_function_endpoint_managed_by_iac",
  catalogueId: "SA-02",
  title: "Lambda function serving an API endpoint is managed by infrastructure as code",
  severity: "medium",
  category: "shadow-api",
  resourceType: "lambda_function",
  description:
    "For functions that have a function URL or back an API Gateway route or authorizer, reports those without an " +
    "infrastructure-as-code marker tag (CloudFormation, SAM, Amplify, Copilot or the configured marker tags).",
  risk: IAC_RISK,
  remediation: {
    text: "Define the function in your IaC (CloudFormation resource import or terraform import) or remove it and its endpoints if nobody owns them.",
    cli: "aws cloudformation create-change-set --stack-name <stack> --change-set-name import-fn --change-set-type IMPORT --resources-to-import ResourceType=AWS::Lambda::Function,LogicalResourceId=Fn,ResourceIdentifier={FunctionName=<function-name>} --template-body file://template.yaml",
    cloudformation: ["Fn:", "  Type: AWS::Lambda::Function", "  DeletionPolicy: Retain", "  Properties:", "    FunctionName: orders-api", "    Role: !GetAtt FnRole.Arn", "    Runtime: nodejs20.x", "    Handler: index.handler", "    Code:", "      S3Bucket: artifacts", "      S3Key: orders-api.zip"].join("\n"),
    terraform: ["import {", "  to = aws_lambda_function.orders_api", '  id = "orders-api"', "}"].join("\n"),
  },
  references: ["https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-resource-tags.html"],
  settings: IAC_SETTINGS,
  evaluate(inventory, ctx) {
    const model = sharedEndpointModel(inventory, ctx);
    const withUrl = new Set(model.endpoints.filter((e) => e.kind === "function_url").map((e) => e.function!.arn));
    return inventory.lambdaFunctions
      .filter((fn) => withUrl.has(fn.arn) || model.byFunction.has(fn.arn))
      .map((fn): RuleResult => {
        const base = { resourceArn: fn.arn, resourceName: fn.name, region: fn.region };
        const serves = [
          ...(withUrl.has(fn.arn) ? ["its function URL"] : []),
          ...[...new Set((model.byFunction.get(fn.arn) ?? []).map((l) => l.endpoint.api?.name).filter(Boolean))].map((n) => `API ${n}`),
        ];
        if (fn.tags.status === "error") {
          return { ...base, status: "UNKNOWN", message: `Could not read the tags of function ${fn.name}: ${fn.tags.code}.`, evidence: { tags: fn.tags, serves } };
        }
        const origin = iacOrigin(fn.tags.value, ctx.settings.markerTags);
        const evidence = { ...origin, tagKeys: Object.keys(fn.tags.value), serves };
        return origin.managed
          ? { ...base, status: "PASS", message: `Lambda function ${fn.name} is managed by ${origin.tool}${origin.stackName ? ` (stack ${origin.stackName})` : ""}.`, evidence }
          : { ...base, status: "FAIL", message: `Lambda function ${fn.name} serves ${serves.join(" and ")} but carries no infrastructure-as-code marker.`, evidence };
      });
  },
};
