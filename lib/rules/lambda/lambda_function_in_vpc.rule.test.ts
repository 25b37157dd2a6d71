import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import { inventoryOf, lambdaFunction } from "@/lib/rules/__fixtures__/lambda-function";
import { rule } from "./lambda_function_in_vpc.rule";

const only = (fn: TLambdaFunctionRecord) => {
  const results = rule.evaluate(inventoryOf(fn), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0];
};

const VPC = { vpcId: "vpc-0a1b2c3d", subnetIds: ["subnet-1", "subnet-2"], securityGroupIds: ["sg-1"] };

describe("lambda_function_in_vpc", () => {
  it("returns nothing when there are no functions", () => {
    expect(rule.evaluate(inventoryOf(), testContext(rule))).toEqual([]);
  });

  it("fails a function outside any VPC (bad fixture)", () => {
    expect(only(lambdaFunction({ vpc: null }))).toMatchObject({ status: "FAIL", message: "Lambda function orders-api is not attached to a VPC." });
  });

  it("passes a function in a VPC (good fixture)", () => {
    expect(only(lambdaFunction({ vpc: VPC }))).toMatchObject({ status: "PASS", message: "Lambda function orders-api runs in VPC vpc-0a1b2c3d across 2 subnet(s)." });
  });

  it("fails a VPC config without subnets (look-alike: detached, only a leftover VPC id)", () => {
    expect(only(lambdaFunction({ vpc: { vpcId: "vpc-0a1b2c3d", subnetIds: [], securityGroupIds: [] } })).status).toBe("FAIL");
  });

  it("is UNKNOWN when the record has no VPC data (older scanner)", () => {
    const { vpc: _vpc, ...rest } = lambdaFunction();
    expect(only(rest as TLambdaFunctionRecord).status).toBe("UNKNOWN");
  });
});
