// LC-08: a function attached to a VPC has subnets in at least two Availability Zones (Security Hub Lambda.5,
// prowler awslambda_function_vpc_multi_az with lambda_min_azs 2). Functions outside a VPC are not judged here
// (LC-07). The subnets' zones come from the neighbours scanner's DescribeSubnets listing of the function's region.
import { z } from "zod";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";

type Settings = { minAvailabilityZones: number };

export const rule: RuleDefinition<Settings> = {
  id: "lambda_function_vpc_multi_az",
  catalogueId: "LC-08",
  title: "Lambda function in a VPC runs in more than one Availability Zone",
  severity: "medium",
  category: "lambda-configuration",
  resourceType: "lambda_function",
  description:
    "For each function attached to a VPC, looks up the Availability Zone of every subnet in its VPC configuration " +
    "and checks that they span at least the configured number of zones (2 by default, as Security Hub Lambda.5).",
  risk:
    "Lambda places the function's network interfaces only in the subnets it is given: when they all sit in one " +
    "Availability Zone, an outage of that zone stops every invocation that needs the VPC.",
  remediation: {
    text: "Add subnets in other Availability Zones of the same VPC to the function's VPC configuration.",
    cli: "aws lambda update-function-configuration --function-name <function-name> --vpc-config SubnetIds=<subnet-az-a>,<subnet-az-b>,SecurityGroupIds=<sg-id>",
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
    "https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-5",
    "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html",
  ],
  frameworks: { "aws-fsbp": ["Lambda.5"] },
  settings: {
    schema: z.object({ minAvailabilityZones: z.number().int().min(2).max(6) }),
    defaults: { minAvailabilityZones: 2 },
    describe: { minAvailabilityZones: "Fewest distinct Availability Zones a VPC function's subnets must span." },
  },
  evaluate(inventory, ctx) {
    const min = ctx.settings.minAvailabilityZones;
    const results: RuleResult[] = [];
    for (const fn of inventory.lambdaFunctions) {
      if (!fn.vpc || fn.vpc.subnetIds.length === 0) continue;
      const base = { resourceArn: fn.arn, resourceName: fn.name, region: fn.region };
      const subnets = fn.vpc.subnetIds.map((id) => ({
        subnetId: id,
        record: inventory.subnets.find((s) => s.region === fn.region && s.subnetId === id && s.accountId === fn.accountId) ?? null,
      }));
      const zones = [...new Set(subnets.flatMap((s) => (s.record?.availabilityZone ? [s.record.availabilityZone] : [])))].sort();
      const unknown = subnets.filter((s) => !s.record?.availabilityZone).map((s) => s.subnetId);
      const evidence = {
        vpcId: fn.vpc.vpcId,
        subnets: subnets.map((s) => ({ subnetId: s.subnetId, availabilityZone: s.record?.availabilityZone ?? null, availabilityZoneId: s.record?.availabilityZoneId ?? null })),
        availabilityZones: zones,
        minAvailabilityZones: min,
      };
      if (zones.length >= min) {
        results.push({ ...base, status: "PASS", message: `Lambda function ${fn.name} runs in ${zones.length} Availability Zones (${zones.join(", ")}).`, evidence });
      } else if (unknown.length > 0) {
        const why = ctx.complete("ec2_subnet", fn.region) ? "not found among the region's subnets" : `not listed (the ${fn.region} subnet listing did not complete)`;
        results.push({
          ...base,
          status: "UNKNOWN",
          message: `Could not determine the Availability Zones of Lambda function ${fn.name}: subnet ${unknown.join(", ")} ${why}.`,
          evidence,
        });
      } else {
        results.push({
          ...base,
          status: "FAIL",
          message: `Lambda function ${fn.name} runs in ${zones.length === 1 ? `only one Availability Zone (${zones[0]})` : `${zones.length} Availability Zones`}, fewer than ${min}.`,
          evidence,
        });
      }
    }
    return results;
  },
};
