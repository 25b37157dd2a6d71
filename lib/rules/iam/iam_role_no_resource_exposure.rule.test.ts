import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TIamRoleRecord } from "@/scanners/iam/record";
import { allow, iamInventoryOf, iamRole, inlinePolicy } from "@/lib/rules/__fixtures__/iam";
import { rule } from "./iam_role_no_resource_exposure.rule";

const judge = (role: TIamRoleRecord, ctx = testContext(rule)) => rule.evaluate(iamInventoryOf({ roles: [role] }), ctx)[0];
const withPolicy = (...s: Parameters<typeof inlinePolicy>[1][]) => iamRole({ inlinePolicies: [inlinePolicy("p", ...s)] });

describe("iam_role_no_resource_exposure", () => {
  it("fails policy writers on every resource (bad fixture)", () => {
    const r = judge(withPolicy(allow(["s3:PutBucketPolicy", "lambda:AddPermission", "kms:PutKeyPolicy"])));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe("IAM role orders-api-role can change resource policies and permissions with 3 actions on every resource without a condition: kms:PutKeyPolicy, lambda:AddPermission and s3:PutBucketPolicy (policy p, statement #1).");
  });

  it("passes lambda:AddPermission on its own function (good fixture)", () => {
    expect(judge(withPolicy(allow("lambda:AddPermission", "arn:aws:lambda:us-east-1:111122223333:function:orders-api"))).status).toBe("PASS");
  });

  it("passes read-only IAM, which is not permissions management (look-alike)", () => {
    expect(judge(withPolicy(allow(["iam:Get*", "iam:List*"]))).status).toBe("PASS");
  });

  it("passes AddPermission limited by lambda:Principal, listed as conditional", () => {
    const r = judge(withPolicy(allow("lambda:AddPermission", "*", { Condition: { StringEquals: { "lambda:Principal": ["s3.amazonaws.com"] } } })));
    expect(r).toMatchObject({ status: "PASS", evidence: { conditionalCount: 1 } });
  });

  it("is UNKNOWN when roles were not listed completely", () => {
    expect(judge(withPolicy(allow("s3:PutBucketPolicy")), testContext(rule, { complete: () => false })).status).toBe("UNKNOWN");
  });
});
