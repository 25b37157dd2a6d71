import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { fetchError } from "@/lib/rules/__fixtures__/lambda-function";
import { inventoryWith, policyTriggered, snsTopic, topicArn } from "@/lib/rules/__fixtures__/neighbours";
import type { TSnsTopicRecord } from "@/scanners/neighbours/record";
import { rule } from "./sns_topic_encrypted_at_rest.rule";

const T = topicArn("invoice-render-requests");
const one = (topic: Partial<TSnsTopicRecord>) => {
  const results = rule.evaluate(inventoryWith({ snsTopics: [snsTopic(topic)], lambdaFunctions: [policyTriggered("invoice-pdf-renderer", "sns", T)] }), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0];
};

describe("sns_topic_encrypted_at_rest", () => {
  it("returns nothing for topics no function uses", () => {
    expect(rule.evaluate(inventoryWith({ snsTopics: [snsTopic({ encryption: { status: "ok", value: { kmsMasterKeyId: null } } })] }), testContext(rule))).toEqual([]);
  });

  it("passes a topic with a KMS key (AWS managed or customer managed)", () => {
    expect(one({})).toMatchObject({ status: "PASS", message: "SNS topic invoice-render-requests, linked to invoice-pdf-renderer (trigger), is encrypted at rest with KMS key alias/aws/sns." });
  });

  it("fails a topic without a key: SNS does not encrypt by default (demo: SNS topics are created without one)", () => {
    expect(one({ encryption: { status: "ok", value: { kmsMasterKeyId: null } } })).toMatchObject({ status: "FAIL", resourceArn: T });
  });

  it("is UNKNOWN when the attributes could not be read", () => {
    expect(one({ encryption: fetchError("AuthorizationError") }).status).toBe("UNKNOWN");
  });
});
