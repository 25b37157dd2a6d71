import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TIamRoleRecord } from "@/scanners/iam/record";
import { allow, deny, iamInventoryOf, iamRole, inlinePolicy } from "@/lib/rules/__fixtures__/iam";
import { rule } from "./iam_role_no_unconstrained_data_exfiltration.rule";

const judge = (role: TIamRoleRecord, ctx = testContext(rule)) => rule.evaluate(iamInventoryOf({ roles: [role] }), ctx)[0];
const withPolicy = (...s: Parameters<typeof inlinePolicy>[1][]) => iamRole({ inlinePolicies: [inlinePolicy("p", ...s)] });

describe("iam_role_no_unconstrained_data_exfiltration", () => {
  it("fails secretsmanager:GetSecretValue on * (bad fixture: the demo's marketing-events-forwarder)", () => {
    const r = judge(withPolicy(allow(["firehose:PutRecord"], "arn:aws:firehose:us-east-1:111122223333:deliverystream/x"), allow("secretsmanager:GetSecretValue")));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe("IAM role orders-api-role can read data with 1 action on every resource without a condition: secretsmanager:GetSecretValue (policy p, statement #2).");
  });

  it("fails every parameter of the account and every object of every bucket", () => {
    expect(judge(withPolicy(allow("ssm:GetParametersByPath", "arn:aws:ssm:us-east-1:111122223333:parameter/*"))).status).toBe("FAIL");
    expect(judge(withPolicy(allow("s3:GetObject", "arn:aws:s3:::*/*"))).status).toBe("FAIL");
  });

  it("passes a read of one secret and of one bucket prefix (good fixtures)", () => {
    expect(judge(withPolicy(allow("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/stripe-a8Kd2P"))).status).toBe("PASS");
    expect(judge(withPolicy(allow("s3:GetObject", "arn:aws:s3:::acme-receipts-inbox/*"))).status).toBe("PASS");
  });

  it("passes an unconstrained read that a tag condition limits, and lists it as conditional", () => {
    const r = judge(withPolicy(allow("secretsmanager:GetSecretValue", "*", { Condition: { StringEquals: { "secretsmanager:ResourceTag/team": ["payments"] } } })));
    expect(r.status).toBe("PASS");
    expect(r.evidence).toMatchObject({ conditionalCount: 1, conditionalActions: ["secretsmanager:GetSecretValue"] });
  });

  it("passes reads cut by an explicit Deny", () => {
    expect(judge(withPolicy(allow("ssm:GetParameter"), deny("ssm:*"))).status).toBe("PASS");
  });

  it("is UNKNOWN when IAM policies were not listed completely", () => {
    expect(judge(withPolicy(allow("s3:GetObject")), testContext(rule, { complete: (k) => k !== "iam_policy" })).status).toBe("UNKNOWN");
  });
});
