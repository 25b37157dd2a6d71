import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import { fetchError, inventoryOf, lambdaFunction, trigger } from "@/lib/rules/__fixtures__/lambda-function";
import { rule } from "./lambda_function_async_failure_destination_configured.rule";

const QUEUE = "arn:aws:sqs:us-east-1:111122223333:async-failures";
const s3 = trigger({ sourceType: "s3", sourceArn: "arn:aws:s3:::uploads", principal: "s3.amazonaws.com", statementSid: "s3" });
const api = trigger();
const invokeConfig = (qualifier: string | null, onFailureDestination: string | null = QUEUE) => ({
  qualifier,
  maximumRetryAttempts: 2,
  maximumEventAgeInSeconds: 3600,
  onSuccessDestination: null,
  onFailureDestination,
});

const only = (fn: TLambdaFunctionRecord) => {
  const results = rule.evaluate(inventoryOf(fn), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0];
};

describe("lambda_function_async_failure_destination_configured", () => {
  it("returns nothing when there are no functions", () => {
    expect(rule.evaluate(inventoryOf(), testContext(rule))).toEqual([]);
  });

  it("fails an S3-triggered function without DLQ or destination (bad fixture)", () => {
    const r = only(lambdaFunction({ triggers: [s3] }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe("Lambda function orders-api has no dead-letter queue and no on-failure destination, and it is invoked asynchronously by s3.");
  });

  it("passes with an on-failure destination for $LATEST (good fixture)", () => {
    const r = only(lambdaFunction({ triggers: [s3], eventInvokeConfigs: { status: "ok", value: [invokeConfig(null)] } }));
    expect(r).toMatchObject({ status: "PASS", message: "Lambda function orders-api sends failed asynchronous events to an on-failure destination." });
  });

  it("passes with a dead-letter queue", () => {
    const r = only(lambdaFunction({ triggers: [s3], deadLetterTargetArn: QUEUE }));
    expect(r.message).toBe(`Lambda function orders-api sends failed asynchronous events to dead-letter queue ${QUEUE}.`);
  });

  it("fails when the alias EventBridge invokes has no destination, though $LATEST has one", () => {
    const events = trigger({ sourceType: "events", principal: "events.amazonaws.com", qualifier: "live", statementSid: "ev" });
    const r = only(lambdaFunction({ triggers: [events], eventInvokeConfigs: { status: "ok", value: [invokeConfig(null)] } }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("no on-failure destination for live");
  });

  it("passes a function invoked only through API Gateway (look-alike: synchronous, nothing to keep)", () => {
    const r = only(lambdaFunction({ triggers: [api] }));
    expect(r.status).toBe("PASS");
    expect(r.message).toContain("invoked only synchronously or by event source mappings");
  });

  it("passes a function fed only by an event source mapping", () => {
    const esm = trigger({ via: "event_source_mapping", sourceType: "sqs", principal: "lambda.amazonaws.com", esmUuid: "u", statementSid: null, conditions: null });
    expect(only(lambdaFunction({ triggers: [esm] })).status).toBe("PASS");
  });

  it("judges a function with no trigger at all like an asynchronous one", () => {
    const r = only(lambdaFunction());
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("it has no trigger that shows how it is invoked");
  });

  it("is UNKNOWN when the invoke configs could not be read and there is no DLQ", () => {
    const r = only(lambdaFunction({ triggers: [s3], eventInvokeConfigs: fetchError() }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe("Could not read the asynchronous invocation settings of function orders-api: AccessDeniedException.");
  });

  it("is UNKNOWN, not PASS, when only sync triggers are known but some triggers could not be read", () => {
    const gap = { via: "resource_policy" as const, qualifier: null, api: "lambda:GetPolicy", code: "AccessDeniedException", message: "denied" };
    const r = only(lambdaFunction({ triggers: [api], triggerGaps: [gap] }));
    expect(r.status).toBe("UNKNOWN");
  });
});
