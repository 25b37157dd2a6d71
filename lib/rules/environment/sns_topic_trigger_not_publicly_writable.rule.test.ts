import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { fetchError } from "@/lib/rules/__fixtures__/lambda-function";
import { inventoryWith, policyTriggered, resourcePolicy, snsTopic, topicArn } from "@/lib/rules/__fixtures__/neighbours";
import { rule } from "./sns_topic_trigger_not_publicly_writable.rule";

const T = topicArn("invoice-render-requests");
const fn = policyTriggered("invoice-pdf-renderer", "sns", T);
const anyonePublishes = { Sid: "Open", Effect: "Allow" as const, Principal: { AWS: ["*"] }, Action: ["SNS:Publish"], Resource: [T] };
const evaluate = (parts: Parameters<typeof inventoryWith>[0], ctx = testContext(rule)) => rule.evaluate(inventoryWith(parts), ctx);

describe("sns_topic_trigger_not_publicly_writable", () => {
  it("returns nothing without topics or without a function the topic triggers", () => {
    expect(evaluate({})).toEqual([]);
    expect(evaluate({ snsTopics: [snsTopic({ policy: resourcePolicy(anyonePublishes) })] })).toEqual([]);
  });

  it("passes SNS's default policy: {AWS: *} limited by AWS:SourceOwner (demo: invoice-render-requests)", () => {
    const [r] = evaluate({ snsTopics: [snsTopic()], lambdaFunctions: [fn] });
    expect(r).toMatchObject({ status: "PASS", resourceArn: T });
    expect(r.message).toBe("SNS topic invoice-render-requests, which triggers invoice-pdf-renderer (trigger), does not let anyone outside the policy's conditions publish.");
  });

  it("fails a topic anyone may publish to", () => {
    const [r] = evaluate({ snsTopics: [snsTopic({ policy: resourcePolicy(anyonePublishes) })], lambdaFunctions: [fn] });
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe('SNS topic invoice-render-requests, which triggers invoice-pdf-renderer (trigger), lets anyone publish (statement "Open").');
  });

  it("passes a public grant of Subscribe only (anyone may listen, not publish)", () => {
    const [r] = evaluate({ snsTopics: [snsTopic({ policy: resourcePolicy({ ...anyonePublishes, Action: ["SNS:Subscribe"] }) })], lambdaFunctions: [fn] });
    expect(r.status).toBe("PASS");
  });

  it("fails a StringNotEquals condition, which lets in everyone but one account", () => {
    const negated = { ...anyonePublishes, Condition: { StringNotEquals: { "aws:SourceAccount": ["444455556666"] } } };
    expect(evaluate({ snsTopics: [snsTopic({ policy: resourcePolicy(negated) })], lambdaFunctions: [fn] })[0].status).toBe("FAIL");
  });

  it("is UNKNOWN when the topic attributes could not be read, or the topic's region listing failed", () => {
    expect(evaluate({ snsTopics: [snsTopic({ policy: fetchError("AuthorizationError") })], lambdaFunctions: [fn] })[0]).toMatchObject({
      status: "UNKNOWN",
      message: "Could not read the policy of SNS topic invoice-render-requests: AuthorizationError.",
    });
    const [r] = evaluate({ lambdaFunctions: [fn] }, testContext(rule, { complete: (type) => type !== "sns_topic" }));
    expect(r).toMatchObject({ status: "UNKNOWN", resourceArn: T });
  });
});
