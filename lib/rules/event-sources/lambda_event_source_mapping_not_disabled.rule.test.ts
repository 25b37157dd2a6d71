import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TLambdaEventSourceMappingRecord } from "@/scanners/lambda/record";
import { esmArn, eventSourceMapping, inventoryOfMappings, streamMapping } from "@/lib/rules/__fixtures__/lambda-esm";
import { rule } from "./lambda_event_source_mapping_not_disabled.rule";

const only = (m: TLambdaEventSourceMappingRecord) => {
  const results = rule.evaluate(inventoryOfMappings(m), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0];
};

describe("lambda_event_source_mapping_not_disabled", () => {
  it("returns nothing when there are no mappings", () => {
    expect(rule.evaluate(inventoryOfMappings(), testContext(rule))).toEqual([]);
  });

  it("fails a disabled mapping and says for how long (bad fixture)", () => {
    const r = only(streamMapping("dynamodb", { state: "Disabled", lastModified: "2026-09-24T12:00:00.000Z", stateTransitionReason: "USER_INITIATED" }));
    expect(r).toMatchObject({ status: "FAIL", resourceArn: esmArn(), resourceName: "orders -> orders-api" });
    expect(r.message).toBe("Event source mapping orders -> orders-api is disabled since 2026-09-24 (60 days), reason USER_INITIATED.");
  });

  it("passes an enabled mapping (good fixture)", () => {
    expect(only(eventSourceMapping())).toMatchObject({ status: "PASS", message: "Event source mapping orders-queue -> orders-api is enabled." });
  });

  it("passes a mapping being created (look-alike: not enabled yet, not disabled)", () => {
    expect(only(eventSourceMapping({ state: "Creating" })).status).toBe("PASS");
  });

  it("gives a mapping being deleted no result", () => {
    expect(rule.evaluate(inventoryOfMappings(eventSourceMapping({ state: "Deleting" })), testContext(rule))).toEqual([]);
  });

  it("is UNKNOWN when no state is recorded", () => {
    const r = only(eventSourceMapping({ state: null }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe("Could not determine the state of event source mapping orders-queue -> orders-api.");
  });

  it("names an alias target with its qualifier", () => {
    const r = only(eventSourceMapping({ functionArn: "arn:aws:lambda:us-east-1:111122223333:function:orders-api:live", state: "Disabled", lastModified: null }));
    expect(r.message).toBe("Event source mapping orders-queue -> orders-api:live is disabled, reason USER_INITIATED.");
  });
});
