// A1-07 (Security Hub APIGateway.4): every REST stage is associated with an AWS WAF web ACL. One result per stage.
import type { RuleDefinition } from "@/lib/rules/types";
import { perStage, stageName } from "./stages";

export const rule: RuleDefinition = {
  id: "apigateway_rest_api_stage_waf_enabled",
  catalogueId: "A1-07",
  title: "REST API stages are protected by an AWS WAF web ACL",
  severity: "medium",
  category: "api-gateway-rest",
  resourceType: "apigateway_rest_api",
  description: "Reports REST API stages with no AWS WAF web ACL associated. One result per stage.",
  risk:
    "Without a web ACL, the stage has no managed protection against common exploits, bad bots and request " +
    "floods beyond API Gateway's throttling: every request reaches the authorizer and backend.",
  remediation: {
    text: "Associate a regional AWS WAF web ACL (for example with the AWS managed core rule set and a rate-based rule) with the stage.",
    cli: "aws wafv2 associate-web-acl --web-acl-arn <web-acl-arn> --resource-arn arn:aws:apigateway:<region>::/restapis/<api-id>/stages/<stage>",
    cloudformation: [
      "StageWebAcl:",
      "  Type: AWS::WAFv2::WebACLAssociation",
      "  Properties:",
      "    ResourceArn: !Sub arn:aws:apigateway:${AWS::Region}::/restapis/${Api}/stages/prod",
      "    WebACLArn: !GetAtt WebAcl.Arn",
    ].join("\n"),
    terraform: [
      'resource "aws_wafv2_web_acl_association" "prod" {',
      "  resource_arn = aws_api_gateway_stage.prod.arn",
      "  web_acl_arn  = aws_wafv2_web_acl.api.arn",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-4",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html",
  ],
  frameworks: { "aws-fsbp": ["APIGateway.4"] },
  evaluate(inventory) {
    return perStage(inventory.restApis, (api, stage, base) =>
      stage.webAclArn
        ? { ...base, status: "PASS", message: `The ${stageName(api, stage)} is associated with a web ACL.`, evidence: { webAclArn: stage.webAclArn } }
        : { ...base, status: "FAIL", message: `The ${stageName(api, stage)} is not associated with an AWS WAF web ACL.`, evidence: { webAclArn: null } },
    );
  },
};
