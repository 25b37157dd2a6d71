import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { fetchError, lambdaFunction } from "@/lib/rules/__fixtures__/lambda-function";
import { allow, deny, iamRole, parsedPolicy } from "@/lib/rules/__fixtures__/iam";
import { inventoryWith, logGroup } from "@/lib/rules/__fixtures__/neighbours";
import { ZIamPolicyRecord, type TIamPolicyRecord, type TIamRoleRecord } from "@/scanners/iam/record";
import { rule } from "./lambda_function_can_write_logs.rule";

const GROUP = "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/orders-api";
const BASIC_ARN = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
const basicExecution: TIamPolicyRecord = ZIamPolicyRecord.parse({
  arn: BASIC_ARN,
  name: "AWSLambdaBasicExecutionRole",
  accountId: "111122223333",
  path: "/service-role/",
  isAwsManaged: true,
  attachmentCount: 1,
  permissionsBoundaryUsageCount: 0,
  isAttachable: true,
  defaultVersionId: "v1",
  versions: [{ versionId: "v1", isDefault: true, createDate: null, policy: parsedPolicy(allow(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"])) }],
});
const inline = (...statements: Parameters<typeof parsedPolicy>) => [{ name: "logs", policy: parsedPolicy(...statements) }];
const scoped = inline(allow("logs:CreateLogGroup", "arn:aws:logs:us-east-1:111122223333:*"), allow(["logs:CreateLogStream", "logs:PutLogEvents"], `${GROUP}:*`));
const evaluate = (role: Partial<TIamRoleRecord>, parts: Parameters<typeof inventoryWith>[0] = {}, ctx = testContext(rule)) =>
  rule.evaluate(inventoryWith({ lambdaFunctions: [lambdaFunction()], iamRoles: [iamRole(role)], iamPolicies: [basicExecution], logGroups: [logGroup()], ...parts }), ctx);

describe("lambda_function_can_write_logs", () => {
  it("passes a role with AWSLambdaBasicExecutionRole and an existing group", () => {
    const [r] = evaluate({ attachedPolicies: [{ arn: BASIC_ARN, name: "AWSLambdaBasicExecutionRole" }] });
    expect(r).toMatchObject({ status: "PASS", message: "Lambda function orders-api can write logs to /aws/lambda/orders-api." });
  });

  it("passes the console's scoped statements (demo: own roles with WriteOwnLogs)", () => {
    expect(evaluate({ inlinePolicies: scoped })[0].status).toBe("PASS");
  });

  it("passes a function never invoked yet: no group, but its role may create it", () => {
    const [r] = evaluate({ inlinePolicies: scoped }, { logGroups: [] });
    expect(r).toMatchObject({ status: "PASS", message: "Lambda function orders-api can write logs: its role may create /aws/lambda/orders-api on the first invocation." });
  });

  it("fails a role without any logs permission", () => {
    const [r] = evaluate({});
    expect(r).toMatchObject({ status: "FAIL", message: "Lambda function orders-api cannot write logs to /aws/lambda/orders-api: its role orders-api-role is not allowed logs:CreateLogStream and logs:PutLogEvents." });
  });

  it("fails logs permissions scoped to another function's group (look-alike), and the default group's grants for a custom group", () => {
    const other = inline(allow(["logs:CreateLogStream", "logs:PutLogEvents"], "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/other:*"));
    expect(evaluate({ inlinePolicies: other })[0].status).toBe("FAIL");
    const custom = lambdaFunction({ logging: { logFormat: "JSON", applicationLogLevel: null, systemLogLevel: null, logGroup: "/acme/orders" } });
    const [r] = evaluate({ inlinePolicies: scoped }, { lambdaFunctions: [custom], logGroups: [logGroup({ name: "/acme/orders" })] });
    expect(r).toMatchObject({ status: "FAIL", message: expect.stringContaining("cannot write logs to /acme/orders") });
  });

  it("fails an explicit Deny, and a missing group the role may not create", () => {
    expect(evaluate({ attachedPolicies: [{ arn: BASIC_ARN, name: "AWSLambdaBasicExecutionRole" }], inlinePolicies: inline(deny("logs:PutLogEvents")) })[0].status).toBe("FAIL");
    const noCreate = inline(allow(["logs:CreateLogStream", "logs:PutLogEvents"], `${GROUP}:*`));
    const [r] = evaluate({ inlinePolicies: noCreate }, { logGroups: [] });
    expect(r).toMatchObject({ status: "FAIL", message: "Lambda function orders-api has no log group /aws/lambda/orders-api, and its role orders-api-role may not create it." });
  });

  it("honours a permissions boundary that leaves out logs", () => {
    const boundary = ZIamPolicyRecord.parse({ ...basicExecution, arn: "arn:aws:iam::111122223333:policy/boundary", name: "boundary", isAwsManaged: false, versions: [{ versionId: "v1", isDefault: true, createDate: null, policy: parsedPolicy(allow("dynamodb:*")) }] });
    const [r] = evaluate({ inlinePolicies: scoped, permissionsBoundary: { arn: boundary.arn, type: "PermissionsBoundaryPolicy" } }, { iamPolicies: [basicExecution, boundary] });
    expect(r.status).toBe("FAIL");
  });

  it("is UNKNOWN for unreadable or missing policies, conditional grants, an unlisted custom group, or a missing role", () => {
    expect(evaluate({ inlinePolicies: [{ name: "x", policy: fetchError() }] })[0].status).toBe("UNKNOWN");
    expect(evaluate({ attachedPolicies: [{ arn: BASIC_ARN, name: "AWSLambdaBasicExecutionRole" }] }, { iamPolicies: [] })[0].status).toBe("UNKNOWN");
    const conditional = inline(allow(["logs:*"], "*", { Condition: { StringEquals: { "aws:RequestedRegion": ["us-east-1"] } } }));
    expect(evaluate({ inlinePolicies: conditional })[0].status).toBe("UNKNOWN");
    const custom = lambdaFunction({ logging: { logFormat: "JSON", applicationLogLevel: null, systemLogLevel: null, logGroup: "/acme/orders" } });
    const [c] = evaluate({ attachedPolicies: [{ arn: BASIC_ARN, name: "AWSLambdaBasicExecutionRole" }] }, { lambdaFunctions: [custom] });
    expect(c).toMatchObject({ status: "UNKNOWN", message: expect.stringContaining("log group /acme/orders was not looked up") });
    const [m] = rule.evaluate(inventoryWith({ lambdaFunctions: [lambdaFunction()] }), testContext(rule));
    expect(m).toMatchObject({ status: "UNKNOWN", message: expect.stringContaining("its role arn:aws:iam::111122223333:role/orders-api-role was not found") });
  });

  it("is UNKNOWN when a missing default group may exist because the log group listing did not complete", () => {
    const [r] = evaluate({ inlinePolicies: inline(allow(["logs:CreateLogStream", "logs:PutLogEvents"], `${GROUP}:*`)) }, { logGroups: [] }, testContext(rule, { complete: (t) => t !== "logs_log_group" }));
    expect(r.status).toBe("UNKNOWN");
  });
});
