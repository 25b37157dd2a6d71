import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TLambdaEventSourceMappingRecord } from "@/scanners/lambda/record";
import { eventSourceMapping, inventoryOfMappings, streamMapping } from "@/lib/rules/__fixtures__/lambda-esm";
import { rule } from "./lambda_event_source_mapping_failure_destination_configured.rule";

const DLQ = "arn:aws:sqs:us-east-1:111122223333:failed-records";

const only = (m: TLambdaEventSourceMappingRecord) => {
  const results = rule.evaluate(inventoryOfMappings(m), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0];
};

describe("lambda_event_source_mapping_failure_destination_configured", () => {
  it("returns nothing when there are no mappings", () => {
    expect(rule.evaluate(inventoryOfMappings(), testContext(rule))).toEqual([]);
  });

  it("fails a Kinesis mapping without destination, with default unbounded retries (bad fixture)", () => {
    const r = only(streamMapping("kinesis"));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe(
      "Event source mapping payment-events -> orders-api has no on-failure destination, so a failing batch is retried until its records expire, blocking its shard, and is then dropped without a record. Failed batches are not split either.",
    );
    expect(r.evidence).toMatchObject({ retriesUnbounded: true, bisectBatchOnFunctionError: false });
  });

  it("passes a DynamoDB stream mapping with destination, bisect and bounded retries (good fixture)", () => {
    const r = only(streamMapping("dynamodb", { onFailureDestination: DLQ, bisectBatchOnFunctionError: true, maximumRetryAttempts: 5 }));
    expect(r).toMatchObject({ status: "PASS", message: `Event source mapping orders -> orders-api sends records that fail to ${DLQ}.` });
  });

  it("passes a destination with default retries but notes the shard can still stall", () => {
    const r = only(streamMapping("kinesis", { onFailureDestination: DLQ, bisectBatchOnFunctionError: true }));
    expect(r.status).toBe("PASS");
    expect(r.message).toContain("note: retries are unbounded");
  });

  it("fails a Kafka mapping without destination", () => {
    const r = only(eventSourceMapping({ sourceService: "kafka", eventSourceArn: "arn:aws:kafka:us-east-1:111122223333:cluster/events/abc-1" }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("records that keep failing are dropped");
  });

  it("is UNKNOWN for SQS, whose dead-letter queue is the queue's redrive policy (look-alike: not a FAIL)", () => {
    const r = only(eventSourceMapping({ functionResponseTypes: ["ReportBatchItemFailures"] }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe(
      "Could not judge failure handling of event source mapping orders-queue -> orders-api: it depends on the queue's redrive policy (sqs:GetQueueAttributes RedrivePolicy), which Lantern does not inventory. It reports partial batch failures.",
    );
  });

  it("gives DocumentDB mappings no result (no failure destination exists)", () => {
    expect(rule.evaluate(inventoryOfMappings(eventSourceMapping({ sourceService: "docdb" })), testContext(rule))).toEqual([]);
  });

  it("is UNKNOWN for an unrecognized source kind", () => {
    expect(only(eventSourceMapping({ sourceService: "other", eventSourceArn: null })).status).toBe("UNKNOWN");
  });
});
