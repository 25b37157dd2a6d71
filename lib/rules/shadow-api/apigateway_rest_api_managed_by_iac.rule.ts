// SA-02 (REST): a REST API carries a marker of infrastructure as code. CloudFormation tags what it creates with
// aws:cloudformation:stack-name/stack-id/logical-id (so do SAM, CDK and the Serverless Framework, which deploy
// through it); Terraform and Pulumi leave no marker unless a tag convention is configured (setting markerTags).
import { iacOrigin } from "@/lib/analysis/endpoints";
import type { RuleDefinition } from "@/lib/rules/types";
import { apiBase } from "@/lib/rules/apigateway/support";
import { IAC_RISK, IAC_SETTINGS, type IacSettings } from "./iac";

export const rule: RuleDefinition<IacSettings> = {
  id: "apigateway_rest_api_managed_by_iac",
  catalogueId: "SA-02",
  title: "REST API is managed by infrastructure as code",
  severity: "medium",
  category: "shadow-api",
  resourceType: "apigateway_rest_api",
  description:
    "Reports REST APIs without a tag that marks them as created by infrastructure as code: CloudFormation's " +
    "aws:cloudformation:* tags (also SAM, CDK, Serverless Framework), SAM, Amplify or Copilot markers, or the " +
    "marker tags configured for tools that leave none (Terraform, Pulumi).",
  risk: IAC_RISK,
  remediation: {
    text:
      "Import the API into a CloudFormation stack (resource import) or Terraform state, or delete it if nobody owns " +
      "it. For Terraform, tag every resource through the provider's default_tags and add that tag to this rule's settings.",
    cli: "aws cloudformation create-change-set --stack-name <stack> --change-set-name import-api --change-set-type IMPORT --resources-to-import ResourceType=AWS::ApiGateway::RestApi,LogicalResourceId=Api,ResourceIdentifier={RestApiId=<api-id>} --template-body file://template.yaml",
    cloudformation: ["Api:", "  Type: AWS::ApiGateway::RestApi", "  DeletionPolicy: Retain", "  Properties:", "    Name: orders-api"].join("\n"),
    terraform: ["import {", "  to = aws_api_gateway_rest_api.orders", '  id = "<api-id>"', "}", 'provider "aws" {', "  default_tags {", '    tags = { ManagedBy = "terraform" }', "  }", "}"].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-resource-tags.html",
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resource-import.html",
  ],
  settings: IAC_SETTINGS,
  evaluate(inventory, ctx) {
    return inventory.restApis.map((api) => {
      const origin = iacOrigin(api.tags, ctx.settings.markerTags);
      const evidence = { ...origin, tagKeys: Object.keys(api.tags) };
      return origin.managed
        ? { ...apiBase(api), status: "PASS" as const, message: `REST API ${api.name} is managed by ${origin.tool}${origin.stackName ? ` (stack ${origin.stackName})` : ""}.`, evidence }
        : { ...apiBase(api), status: "FAIL" as const, message: `REST API ${api.name} carries no infrastructure-as-code marker; it may have been created by hand.`, evidence };
    });
  },
};
