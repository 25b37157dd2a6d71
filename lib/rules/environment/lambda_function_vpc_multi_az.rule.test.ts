import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { lambdaFunction } from "@/lib/rules/__fixtures__/lambda-function";
import { inventoryWith, subnet } from "@/lib/rules/__fixtures__/neighbours";
import { rule } from "./lambda_function_vpc_multi_az.rule";

const vpc = (...subnetIds: string[]) => ({ vpcId: "vpc-0abc", subnetIds, securityGroupIds: ["sg-1"] });
const subnets = [subnet("subnet-a1", "us-east-1a"), subnet("subnet-a2", "us-east-1a"), subnet("subnet-b1", "us-east-1b"), subnet("subnet-c1", "us-east-1c")];
const evaluate = (fn = lambdaFunction(), ctx = testContext(rule), parts = {}) => rule.evaluate(inventoryWith({ lambdaFunctions: [fn], subnets, ...parts }), ctx);

describe("lambda_function_vpc_multi_az", () => {
  it("does not judge functions outside a VPC (LC-07 does)", () => {
    expect(evaluate()).toEqual([]);
  });

  it("passes subnets in two zones", () => {
    const [r] = evaluate(lambdaFunction({ name: "fraud-scorer", vpc: vpc("subnet-a1", "subnet-b1") }));
    expect(r).toMatchObject({ status: "PASS", message: "Lambda function fraud-scorer runs in 2 Availability Zones (us-east-1a, us-east-1b)." });
  });

  it("fails two subnets in the same zone (look-alike of a multi-subnet setup)", () => {
    const [r] = evaluate(lambdaFunction({ name: "fraud-scorer", vpc: vpc("subnet-a1", "subnet-a2") }));
    expect(r).toMatchObject({ status: "FAIL", message: "Lambda function fraud-scorer runs in only one Availability Zone (us-east-1a), fewer than 2." });
    expect(r.evidence.subnets).toEqual([
      { subnetId: "subnet-a1", availabilityZone: "us-east-1a", availabilityZoneId: "use1-aza" },
      { subnetId: "subnet-a2", availabilityZone: "us-east-1a", availabilityZoneId: "use1-aza" },
    ]);
  });

  it("honours a higher minimum from the settings", () => {
    const ctx = testContext(rule, { settings: { minAvailabilityZones: 3 } });
    expect(evaluate(lambdaFunction({ vpc: vpc("subnet-a1", "subnet-b1") }), ctx)[0].status).toBe("FAIL");
    expect(evaluate(lambdaFunction({ vpc: vpc("subnet-a1", "subnet-b1", "subnet-c1") }), ctx)[0].status).toBe("PASS");
  });

  it("is UNKNOWN when a subnet is not known and the known ones span too few zones", () => {
    const [missing] = evaluate(lambdaFunction({ vpc: vpc("subnet-a1", "subnet-0a1b2c3d4e5f60001") }));
    expect(missing).toMatchObject({ status: "UNKNOWN", message: "Could not determine the Availability Zones of Lambda function orders-api: subnet subnet-0a1b2c3d4e5f60001 not found among the region's subnets." });
    const [incomplete] = evaluate(lambdaFunction({ vpc: vpc("subnet-x") }), testContext(rule, { complete: (t) => t !== "ec2_subnet" }));
    expect(incomplete.message).toContain("the us-east-1 subnet listing did not complete");
    // Enough zones among the known subnets: the unknown one cannot change the verdict.
    expect(evaluate(lambdaFunction({ vpc: vpc("subnet-a1", "subnet-b1", "subnet-x") }))[0].status).toBe("PASS");
  });

  it("does not take a same-named subnet of another region", () => {
    const [r] = evaluate(lambdaFunction({ region: "eu-west-1", vpc: vpc("subnet-a1", "subnet-b1") }));
    expect(r.status).toBe("UNKNOWN");
  });
});
