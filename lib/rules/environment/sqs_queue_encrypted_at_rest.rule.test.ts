import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { fetchError, lambdaFunction } from "@/lib/rules/__fixtures__/lambda-function";
import { inventoryWith, mappedFunction, queueArn, sqsQueue } from "@/lib/rules/__fixtures__/neighbours";
import type { TSqsQueueRecord } from "@/scanners/neighbours/record";
import { rule } from "./sqs_queue_encrypted_at_rest.rule";

const Q = queueArn("orders-fulfilment");
const one = (queue: Partial<TSqsQueueRecord>, fns = [mappedFunction("fulfilment-worker", Q)]) => {
  const results = rule.evaluate(inventoryWith({ sqsQueues: [sqsQueue(queue)], lambdaFunctions: fns }), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0];
};

describe("sqs_queue_encrypted_at_rest", () => {
  it("returns nothing for queues no function uses", () => {
    expect(rule.evaluate(inventoryWith({ sqsQueues: [sqsQueue({ encryption: { status: "ok", value: { kmsMasterKeyId: null, sqsManagedSse: false } } })] }), testContext(rule))).toEqual([]);
  });

  it("passes SSE-SQS and SSE-KMS (demo: every queue has SqsManagedSseEnabled)", () => {
    expect(one({})).toMatchObject({ status: "PASS", message: "SQS queue orders-fulfilment, linked to fulfilment-worker (event source mapping), is encrypted at rest with SQS-managed keys." });
    expect(one({ encryption: { status: "ok", value: { kmsMasterKeyId: "alias/orders", sqsManagedSse: false } } }).message).toContain("with KMS key alias/orders");
  });

  it("fails an unencrypted trigger queue and an unencrypted dead-letter queue", () => {
    const plain = { encryption: { status: "ok" as const, value: { kmsMasterKeyId: null, sqsManagedSse: false } } };
    expect(one(plain)).toMatchObject({ status: "FAIL", message: "SQS queue orders-fulfilment, linked to fulfilment-worker (event source mapping), is not encrypted at rest." });
    const dlq = one(plain, [lambdaFunction({ name: "invoice-pdf-renderer", deadLetterTargetArn: Q })]);
    expect(dlq.message).toContain("linked to invoice-pdf-renderer (dead-letter queue)");
  });

  it("links asynchronous-invocation destinations", () => {
    const fn = lambdaFunction({
      name: "payments-webhook",
      eventInvokeConfigs: { status: "ok", value: [{ qualifier: null, maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600, onSuccessDestination: null, onFailureDestination: Q }] },
    });
    expect(one({}, [fn]).message).toContain("payments-webhook (destination)");
  });

  it("is UNKNOWN when the attributes could not be read", () => {
    expect(one({ encryption: fetchError() })).toMatchObject({ status: "UNKNOWN", message: "Could not read the encryption settings of SQS queue orders-fulfilment: AccessDeniedException." });
  });
});
