import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TLambdaEventSourceMappingRecord, TLambdaFunctionRecord } from "@/scanners/lambda/record";
import { fetchError, inventoryOf, lambdaFunction } from "@/lib/rules/__fixtures__/lambda-function";
import { eventSourceMapping, mappingRef, streamMapping } from "@/lib/rules/__fixtures__/lambda-esm";
import { rule } from "./lambda_function_event_sources_inventoried.rule";

const withMappings = (...mappings: TLambdaEventSourceMappingRecord[]) => {
  const fn = lambdaFunction({ eventSourceMappings: { status: "ok", value: mappings.map(mappingRef) } });
  return { ...inventoryOf(fn), lambdaEventSourceMappings: mappings };
};
const only = (fn: TLambdaFunctionRecord) => {
  const results = rule.evaluate(inventoryOf(fn), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0];
};

describe("lambda_function_event_sources_inventoried", () => {
  it("returns nothing when there are no functions", () => {
    expect(rule.evaluate(inventoryOf(), testContext(rule))).toEqual([]);
  });

  it("lists the enabled mappings of a function", () => {
    const [r] = rule.evaluate(withMappings(eventSourceMapping(), streamMapping("kinesis", { uuid: "k-1" })), testContext(rule));
    expect(r.status).toBe("PASS");
    expect(r.message).toBe("Lambda function orders-api reads from 2 enabled event source mapping(s): sqs, kinesis.");
    expect(r.evidence.enabledMappings).toEqual([
      expect.objectContaining({ sourceService: "sqs", batchSize: 10, enabled: true }),
      expect.objectContaining({ uuid: "k-1", sourceService: "kinesis" }),
    ]);
  });

  it("passes a function without mappings", () => {
    expect(only(lambdaFunction())).toMatchObject({ status: "PASS", message: "Lambda function orders-api has no enabled event source mapping." });
  });

  it("does not count a disabled mapping as enabled (look-alike)", () => {
    const [r] = rule.evaluate(withMappings(eventSourceMapping({ state: "Disabled" })), testContext(rule));
    expect(r.message).toBe("Lambda function orders-api has no enabled event source mapping (1 mapping(s) are disabled).");
    expect(r.evidence.otherMappings).toEqual([expect.objectContaining({ state: "Disabled" })]);
  });

  it("names the source service from the ARN when the mapping records were not listed", () => {
    const fn = lambdaFunction({ eventSourceMappings: { status: "ok", value: [mappingRef(streamMapping("dynamodb"))] } });
    expect(only(fn).message).toContain(": dynamodb.");
  });

  it("is UNKNOWN when the mappings could not be listed", () => {
    const r = only(lambdaFunction({ eventSourceMappings: fetchError("ThrottlingException") }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe("Could not list the event source mappings of function orders-api: ThrottlingException.");
  });
});
