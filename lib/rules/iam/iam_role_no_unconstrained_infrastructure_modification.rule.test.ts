import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TIamRoleRecord } from "@/scanners/iam/record";
import { allow, deny, iamInventoryOf, iamRole, inlinePolicy } from "@/lib/rules/__fixtures__/iam";
import { rule } from "./iam_role_no_unconstrained_infrastructure_modification.rule";

const judge = (role: TIamRoleRecord, ctx = testContext(rule)) => rule.evaluate(iamInventoryOf({ roles: [role] }), ctx)[0];
const withPolicy = (...s: Parameters<typeof inlinePolicy>[1][]) => iamRole({ inlinePolicies: [inlinePolicy("p", ...s)] });

describe("iam_role_no_unconstrained_infrastructure_modification", () => {
  it("fails write actions on every resource (bad fixture)", () => {
    const r = judge(withPolicy(allow(["dynamodb:PutItem", "dynamodb:DeleteTable", "sqs:DeleteQueue"])));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe("IAM role orders-api-role can modify infrastructure with 3 actions on every resource without a condition: dynamodb:DeleteTable, dynamodb:PutItem and sqs:DeleteQueue (policy p, statement #1).");
    expect(r.evidence).toMatchObject({ count: 3, services: { dynamodb: 2, sqs: 1 } });
  });

  it("fails a pattern that covers every table of the account", () => {
    expect(judge(withPolicy(allow("dynamodb:PutItem", "arn:aws:dynamodb:*:111122223333:table/*"))).status).toBe("FAIL");
  });

  it("passes writes scoped to one table (good fixture)", () => {
    const r = judge(withPolicy(allow(["dynamodb:PutItem"], "arn:aws:dynamodb:us-east-1:111122223333:table/orders")));
    expect(r).toMatchObject({ status: "PASS", message: "IAM role orders-api-role grants no write, permissions-management or tagging actions on every resource without a condition." });
  });

  it("passes actions that take no resource, such as X-Ray tracing (cloudsplaining #190)", () => {
    expect(judge(withPolicy(allow(["xray:PutTraceSegments", "xray:PutTelemetryRecords"]))).status).toBe("PASS");
  });

  it("passes a conditioned grant and says so (cloudsplaining #278)", () => {
    const r = judge(withPolicy(allow("ec2:TerminateInstances", "*", { Condition: { StringEquals: { "aws:ResourceTag/team": ["payments"] } } })));
    expect(r.status).toBe("PASS");
    expect(r.message).toBe("IAM role orders-api-role grants no write, permissions-management or tagging actions on every resource without a condition. 1 is granted on every resource only under a condition (ec2:TerminateInstances).");
  });

  it("passes writes that a Deny removes", () => {
    expect(judge(withPolicy(allow("sqs:DeleteQueue"), deny("sqs:*"))).status).toBe("PASS");
  });

  it("is UNKNOWN on an unreadable policy", () => {
    expect(judge(iamRole({ inlinePolicies: [{ name: "bad", policy: { status: "error", code: "MalformedPolicy", message: "x" } }] })).status).toBe("UNKNOWN");
  });
});
