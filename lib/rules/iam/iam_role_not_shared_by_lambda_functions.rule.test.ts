import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import type { TIamRoleRecord } from "@/scanners/iam/record";
import { fetchError, functionArn, lambdaFunction } from "@/lib/rules/__fixtures__/lambda-function";
import { ACCOUNT_ID, iamInventoryOf, iamRole, roleArn, serviceLinkedRole } from "@/lib/rules/__fixtures__/iam";
import { rule } from "./iam_role_not_shared_by_lambda_functions.rule";

const LEGACY = iamRole({ name: "legacy-lambda-role" });
const fn = (name: string, role = "legacy-lambda-role", extra: Partial<TLambdaFunctionRecord> = {}) =>
  lambdaFunction({ name, roleArn: roleArn(role), ...extra });
const run = (roles: TIamRoleRecord[], functions: TLambdaFunctionRecord[], ctx = testContext(rule)) =>
  rule.evaluate(iamInventoryOf({ roles, functions }), ctx);

describe("iam_role_not_shared_by_lambda_functions", () => {
  it("fails a role used by two functions and lists them (bad fixture)", () => {
    const [r] = run([LEGACY], [fn("legacy-coupon-redeemer"), fn("legacy-geoip-lookup")]);
    expect(r).toMatchObject({ status: "FAIL", resourceArn: LEGACY.arn, resourceName: "legacy-lambda-role", region: "global" });
    expect(r.message).toBe("IAM role legacy-lambda-role is the execution role of 2 Lambda functions: legacy-coupon-redeemer, legacy-geoip-lookup.");
    expect(r.evidence.functions).toEqual([
      { name: "legacy-coupon-redeemer", arn: functionArn("legacy-coupon-redeemer"), region: "us-east-1", via: ["$LATEST"] },
      { name: "legacy-geoip-lookup", arn: functionArn("legacy-geoip-lookup"), region: "us-east-1", via: ["$LATEST"] },
    ]);
  });

  it("passes a role used by one function (good fixture)", () => {
    const [r] = run([iamRole({ name: "order-lookup-role" })], [fn("order-lookup", "order-lookup-role")]);
    expect(r.status).toBe("PASS");
    expect(r.message).toBe("IAM role order-lookup-role is the execution role of one Lambda function, order-lookup.");
  });

  it("counts a function deployed under one name in two regions once (look-alike)", () => {
    const [r] = run([LEGACY], [fn("geo"), fn("geo", "legacy-lambda-role", { region: "eu-west-1" })]);
    expect(r.status).toBe("PASS");
    expect(r.message).toBe("IAM role legacy-lambda-role is the execution role of one Lambda function, geo (eu-west-1, us-east-1).");
  });

  it("counts functions in other regions", () => {
    const [r] = run([LEGACY], [fn("a"), fn("b", "legacy-lambda-role", { region: "eu-west-1" })]);
    expect(r.status).toBe("FAIL");
  });

  it("counts a published version that still uses the role", () => {
    const version = {
      version: "1",
      arn: `${functionArn("a")}:1`,
      description: null,
      runtime: "nodejs20.x",
      roleArn: roleArn("legacy-lambda-role"),
      codeSha256: null,
      codeSize: null,
      lastModified: null,
      kmsKeyArn: null,
      state: "Active",
      environment: [],
    };
    const a = fn("a", "a-role", { versions: { status: "ok", value: [version] } });
    const results = run([LEGACY, iamRole({ name: "a-role" })], [a, fn("b")]);
    expect(results.map((r) => [r.resourceName, r.status])).toEqual([
      ["legacy-lambda-role", "FAIL"],
      ["a-role", "PASS"],
    ]);
    expect(results[0].evidence.functions).toEqual([
      expect.objectContaining({ name: "a", via: ["version 1"] }),
      expect.objectContaining({ name: "b", via: ["$LATEST"] }),
    ]);
  });

  it("matches the role by name whatever the path and case in the function's role ARN", () => {
    const role = iamRole({ name: "Orders-Role", path: "/service-role/", arn: `arn:aws:iam::${ACCOUNT_ID}:role/service-role/Orders-Role` });
    const [r] = run([role], [lambdaFunction({ name: "a", roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/orders-role` }), fn("b", "service-role/Orders-Role")]);
    expect(r.status).toBe("FAIL");
  });

  it("is UNKNOWN, not PASS, for one known function when a region's functions were not all listed", () => {
    const ctx = testContext(rule, { complete: (_type, region) => region !== "eu-west-1" });
    const [r] = run([LEGACY], [fn("a"), fn("other", "other-role", { region: "eu-west-1" })], ctx);
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe("Could not tell whether IAM role legacy-lambda-role is shared: it is the execution role of a, but the functions of eu-west-1 were not all listed.");
  });

  it("is UNKNOWN for one known function when another function's versions could not be read", () => {
    const [r] = run([LEGACY], [fn("a"), fn("b", "b-role", { versions: fetchError() })]);
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toContain("the versions of 1 function could not be read");
  });

  it("still fails two users when the listing is incomplete (more data only adds users)", () => {
    const [r] = run([LEGACY], [fn("a"), fn("b")], testContext(rule, { complete: () => false }));
    expect(r.status).toBe("FAIL");
  });

  it("does not judge roles no function uses, nor service-linked roles", () => {
    expect(run([iamRole({ name: "unused" }), serviceLinkedRole("lambda.amazonaws.com", "AWSServiceRoleForLambda")], [fn("a", "other")])).toEqual([]);
  });
});
