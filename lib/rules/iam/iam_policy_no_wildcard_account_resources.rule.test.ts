import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TStatement } from "@/lib/aws/policy-document";
import { fetchError } from "@/lib/rules/__fixtures__/lambda-function";
import { allow, deny, iamInventoryOf, managedPolicy } from "@/lib/rules/__fixtures__/iam";
import { rule } from "./iam_policy_no_wildcard_account_resources.rule";

const OWN = "111122223333";
const evaluate = (...statements: TStatement[]) => {
  const results = rule.evaluate(iamInventoryOf({ policies: [managedPolicy("queue-writer", statements)] }), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0];
};

describe("iam_policy_no_wildcard_account_resources", () => {
  it("fails a queue ARN with a wildcard account and names it (bad fixture)", () => {
    const r = evaluate(allow("sqs:SendMessage", "arn:aws:sqs:*:*:orders", { Sid: "Send" }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe('Customer managed policy queue-writer names resources in any account with a wildcard account id (arn:aws:sqs:*:*:orders) (statement "Send").');
    expect(r.evidence.findings).toEqual([expect.objectContaining({ resources: ["arn:aws:sqs:*:*:orders"] })]);
  });

  it.each([
    ["a wildcard account with a concrete region", "arn:aws:lambda:us-east-1:*:function:orders-api"],
    ["a partly wildcard account", "arn:aws:dynamodb:us-east-1:1111222233??:table/orders"],
    ["a wildcard that swallows the account field", "arn:aws:sqs:*"],
    ["an IAM role in any account", "arn:aws:iam::*:role/deployer"],
  ])("fails %s", (_label, resource) => {
    expect(evaluate(allow("sqs:SendMessage", resource)).status).toBe("FAIL");
  });

  it("shortens a long list of resources in the message", () => {
    const r = evaluate(allow("logs:PutLogEvents", ["arn:aws:logs:*:*:a", "arn:aws:logs:*:*:b", "arn:aws:logs:*:*:c", "arn:aws:logs:*:*:d"]));
    expect(r.message).toContain("(arn:aws:logs:*:*:a, arn:aws:logs:*:*:b, arn:aws:logs:*:*:c and 1 more)");
  });

  it.each([
    ["the own account with a wildcard region (good fixture)", [allow("logs:PutLogEvents", `arn:aws:logs:*:${OWN}:log-group:/aws/lambda/*`)]],
    ["S3 ARNs, which carry no account", [allow("s3:PutObject", "arn:aws:s3:::acme-uploads/*")]],
    ['Resource "*" (another rule)', [allow("xray:PutTraceSegments")]],
    ["a policy variable for the account", [allow("sqs:SendMessage", "arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:orders")]],
    ["AWS-owned resources", [allow("lambda:GetLayerVersion", "arn:aws:lambda:*:017000801446:layer:AWSLambdaPowertoolsPythonV3:*")]],
    ["a Deny", [deny("sqs:*", "arn:aws:sqs:*:*:*")]],
    ["NotResource (not a grant of those resources)", [{ Effect: "Allow", Action: ["sqs:SendMessage"], NotResource: ["arn:aws:sqs:*:*:secret"] } as TStatement]],
    ["a wildcard account pinned by aws:ResourceAccount", [allow("sqs:SendMessage", "arn:aws:sqs:*:*:orders", { Condition: { StringEquals: { "aws:ResourceAccount": [OWN] } } })]],
  ])("passes %s", (_label, statements) => {
    const r = evaluate(...statements);
    expect(r.status).toBe("PASS");
    expect(r.message).toBe("Customer managed policy queue-writer names no resource ARN with a wildcard account id.");
  });

  it("is UNKNOWN when the default version could not be read", () => {
    const policy = managedPolicy("broken", [], { versions: [{ versionId: "v1", isDefault: true, createDate: null, policy: fetchError() }] });
    expect(rule.evaluate(iamInventoryOf({ policies: [policy] }), testContext(rule))[0].status).toBe("UNKNOWN");
  });
});
