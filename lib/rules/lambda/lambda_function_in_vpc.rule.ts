// LC-07: Security Hub Lambda.3. A function attached to a VPC (subnets and security groups) reaches the network
// through paths the account controls and logs (VPC flow logs, security groups, endpoints, egress filtering);
// one outside a VPC has unrestricted internet egress from Lambda's own network.
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";

function evaluateFunction(fn: TLambdaFunctionRecord): RuleResult {
  const base = { resourceArn: fn.arn, resourceName: fn.name, region: fn.region };
  if (fn.vpc === undefined) {
    return { ...base, status: "UNKNOWN", message: `Could not determine the VPC configuration of function ${fn.name}: its inventory record has no VPC data.`, evidence: { vpc: null } };
  }
  if (fn.vpc === null || fn.vpc.subnetIds.length === 0) {
    return { ...base, status: "FAIL", message: `Lambda function ${fn.name} is not attached to a VPC.`, evidence: { vpc: fn.vpc } };
  }
  return {
    ...base,
    status: "PASS",
    message: `Lambda function ${fn.name} runs in VPC ${fn.vpc.vpcId ?? "(id not reported)"} across ${fn.vpc.subnetIds.length} subnet(s).`,
    evidence: { vpc: fn.vpc },
  };
}

export const rule: RuleDefinition = {
  id: "lambda_function_in_vpc",
  catalogueId: "LC-07",
  title: "Lambda function is attached to a VPC",
  severity: "low",
  category: "lambda-configuration",
  resourceType: "lambda_function",
  description: "Reads each function's VpcConfig and reports functions that are not attached to any subnet.",
  risk:
    "A function outside a VPC can reach any internet address, and its traffic cannot be filtered by security " +
    "groups or network firewalls or recorded in VPC flow logs. Exfiltration by compromised code or a malicious " +
    "dependency leaves no network trace in the account.",
  remediation: {
    text:
      "Attach the function to private subnets in at least two Availability Zones with a security group that allows " +
      "only the egress it needs; give it VPC endpoints or a NAT gateway for the AWS services and hosts it calls. The " +
      "execution role needs the AWSLambdaVPCAccessExecutionRole permissions.",
    cli:
      "aws lambda update-function-configuration --function-name <function-name> " +
      "--vpc-config SubnetIds=subnet-0a1b2c3d,subnet-4e5f6a7b,SecurityGroupIds=sg-0123456789abcdef0",
    cloudformation: [
      "Function:",
      "  Type: AWS::Lambda::Function",
      "  Properties:",
      "    VpcConfig:",
      "      SubnetIds: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]",
      "      SecurityGroupIds: [!Ref FunctionSecurityGroup]",
    ].join("\n"),
    terraform: [
      'resource "aws_lambda_function" "this" {',
      "  # ...",
      "  vpc_config {",
      "    subnet_ids         = [aws_subnet.private_a.id, aws_subnet.private_b.id]",
      "    security_group_ids = [aws_security_group.function.id]",
      "  }",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-3",
  ],
  frameworks: { "aws-fsbp": ["Lambda.3"] },
  evaluate(inventory) {
    return inventory.lambdaFunctions.map(evaluateFunction);
  },
};
