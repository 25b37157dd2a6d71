import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { fetchError, lambdaFunction } from "@/lib/rules/__fixtures__/lambda-function";
import { ACCOUNT_ID, inventoryWith, mappedFunction, queueArn, resourcePolicy, sqsQueue, topicArn } from "@/lib/rules/__fixtures__/neighbours";
import { rule } from "./sqs_queue_trigger_not_publicly_writable.rule";

const Q = queueArn("notifications");
const anyoneSends = { Sid: "AnyoneCanSend", Effect: "Allow" as const, Principal: "*" as const, Action: ["sqs:SendMessage"], Resource: [Q] };
const evaluate = (parts: Parameters<typeof inventoryWith>[0], ctx = testContext(rule)) => rule.evaluate(inventoryWith(parts), ctx);

describe("sqs_queue_trigger_not_publicly_writable", () => {
  it("returns nothing without queues, and does not judge a queue that triggers no function", () => {
    expect(evaluate({})).toEqual([]);
    // Look-alike: a public queue nobody's function reads is not a trigger source (other rules judge the policy).
    expect(evaluate({ sqsQueues: [sqsQueue({ name: "notifications", policy: resourcePolicy(anyoneSends) })], lambdaFunctions: [lambdaFunction()] })).toEqual([]);
  });

  it("fails a trigger queue anyone may send to, naming the statement and the function (demo: notifications)", () => {
    const [r] = evaluate({ sqsQueues: [sqsQueue({ name: "notifications", policy: resourcePolicy(anyoneSends) })], lambdaFunctions: [mappedFunction("email-sender", Q)] });
    expect(r).toMatchObject({ status: "FAIL", resourceArn: Q, resourceName: "notifications", region: "us-east-1" });
    expect(r.message).toBe('SQS queue notifications, which triggers email-sender (event source mapping), lets anyone send messages (statement "AnyoneCanSend").');
    expect(r.evidence.publicStatements).toEqual([expect.objectContaining({ sid: "AnyoneCanSend", writeActions: ["sqs:SendMessage"] })]);
  });

  it("fails sqs:* and wildcard actions for anyone, and {AWS: *} principals", () => {
    const star = { ...anyoneSends, Principal: { AWS: ["*"] }, Action: ["SQS:*"] };
    const [r] = evaluate({ sqsQueues: [sqsQueue({ name: "notifications", policy: resourcePolicy(star) })], lambdaFunctions: [mappedFunction("email-sender", Q)] });
    expect(r.status).toBe("FAIL");
  });

  it("passes a trigger queue without a policy", () => {
    const [r] = evaluate({ sqsQueues: [sqsQueue({ name: "notifications" })], lambdaFunctions: [mappedFunction("email-sender", Q)] });
    expect(r).toMatchObject({ status: "PASS", message: "SQS queue notifications, which triggers email-sender (event source mapping), has no queue policy." });
  });

  it("passes Principal * limited to an SNS topic by aws:SourceArn (the usual fan-out subscription)", () => {
    const sub = { ...anyoneSends, Condition: { ArnEquals: { "aws:SourceArn": [topicArn("orders-events")] } } };
    const [r] = evaluate({ sqsQueues: [sqsQueue({ name: "notifications", policy: resourcePolicy(sub) })], lambdaFunctions: [mappedFunction("email-sender", Q)] });
    expect(r.status).toBe("PASS");
    expect(r.evidence.restrictedStatements).toEqual([expect.objectContaining({ sid: "AnyoneCanSend" })]);
  });

  it("passes a public grant that cannot write (read-only look-alike) and one cancelled by a Deny for anyone", () => {
    const readOnly = { ...anyoneSends, Action: ["sqs:GetQueueAttributes"] };
    const denyAll = { Effect: "Deny" as const, Principal: "*" as const, Action: ["sqs:*"], Resource: ["*"] };
    for (const policy of [resourcePolicy(readOnly), resourcePolicy(anyoneSends, denyAll)]) {
      const [r] = evaluate({ sqsQueues: [sqsQueue({ name: "notifications", policy })], lambdaFunctions: [mappedFunction("email-sender", Q)] });
      expect(r.status).toBe("PASS");
    }
  });

  it("fails a wildcard aws:SourceArn (lets in any account's topic)", () => {
    const loose = { ...anyoneSends, Condition: { ArnLike: { "aws:SourceArn": ["arn:aws:sns:*:*:*"] } } };
    const [r] = evaluate({ sqsQueues: [sqsQueue({ name: "notifications", policy: resourcePolicy(loose) })], lambdaFunctions: [mappedFunction("email-sender", Q)] });
    expect(r.status).toBe("FAIL");
  });

  it("is UNKNOWN when the queue policy could not be read", () => {
    const [r] = evaluate({ sqsQueues: [sqsQueue({ name: "notifications", policy: fetchError() })], lambdaFunctions: [mappedFunction("email-sender", Q)] });
    expect(r).toMatchObject({ status: "UNKNOWN", message: "Could not read the policy of SQS queue notifications: AccessDeniedException." });
  });

  it("is UNKNOWN for a trigger queue of this account whose region was not listed completely, silent for other accounts' queues", () => {
    const foreign = queueArn("partner-feed", "us-east-1", "999988887777");
    const results = evaluate(
      { lambdaFunctions: [mappedFunction("email-sender", Q), mappedFunction("partner-sync", foreign)] },
      testContext(rule, { complete: (type) => type !== "sqs_queue" }),
    );
    expect(results).toEqual([expect.objectContaining({ status: "UNKNOWN", resourceArn: Q, region: "us-east-1" })]);
    expect(results[0].message).toContain("the us-east-1 listing of SQS queues did not complete");
    expect(evaluate({ lambdaFunctions: [mappedFunction("email-sender", Q)] })).toEqual([]);
    expect(ACCOUNT_ID).not.toBe("999988887777");
  });
});
