import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { RuleInventory } from "@/lib/rules/types";
import { ACCOUNT_ID, functionArn, inventoryOf, lambdaFunction, trigger } from "@/lib/rules/__fixtures__/lambda-function";
import { REST_API_ID, restApi } from "@/lib/rules/__fixtures__/apigateway";
import { HTTP_API_ID, httpApi } from "@/lib/rules/__fixtures__/apigatewayv2";
import { rule } from "./lambda_function_trigger_sources_exist.rule";

const apiTrigger = (apiId: string, sid = "apigw") =>
  trigger({ sourceArn: `arn:aws:execute-api:us-east-1:${ACCOUNT_ID}:${apiId}/*/GET/orders`, statementSid: sid });
const sqsMapping = trigger({
  via: "event_source_mapping",
  sourceType: "sqs",
  sourceArn: `arn:aws:sqs:us-east-1:${ACCOUNT_ID}:orders-queue`,
  principal: "lambda.amazonaws.com",
  statementSid: null,
  esmUuid: "u-1",
  conditions: null,
});

const run = (inventory: RuleInventory, ctx = testContext(rule)) => {
  const results = rule.evaluate(inventory, ctx);
  expect(results).toHaveLength(1);
  return results[0];
};

describe("lambda_function_trigger_sources_exist", () => {
  it("returns nothing when there are no functions", () => {
    expect(rule.evaluate(inventoryOf(), testContext(rule))).toEqual([]);
  });

  it("fails a permission for a REST API that no longer exists (bad fixture)", () => {
    const r = run(inventoryOf(lambdaFunction({ triggers: [apiTrigger("gone000001", "apigw-old-api")] })));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe('Lambda function orders-api has a trigger whose source is gone: API gone000001 no longer exists in us-east-1 (statement "apigw-old-api").');
  });

  it("passes permissions for a REST and an HTTP API that exist (good fixture)", () => {
    const r = run({
      ...inventoryOf(lambdaFunction({ triggers: [apiTrigger(REST_API_ID), apiTrigger(HTTP_API_ID, "http")] })),
      restApis: [restApi()],
      httpApis: [httpApi()],
    });
    expect(r).toMatchObject({ status: "PASS", message: `Lambda function orders-api has triggers only from sources that exist: API ${REST_API_ID}, API ${HTTP_API_ID}.` });
  });

  it("is UNKNOWN, not FAIL, when the API Gateway listing of the region is incomplete (look-alike)", () => {
    const ctx = testContext(rule, { complete: (type) => type !== "apigatewayv2_api" });
    const r = run(inventoryOf(lambdaFunction({ triggers: [apiTrigger("gone000001")] })), ctx);
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toContain("a complete API Gateway listing of us-east-1");
  });

  it("is UNKNOWN for an API of another account", () => {
    const t = trigger({ sourceArn: "arn:aws:execute-api:us-east-1:999988887777:abc/*/GET/x" });
    expect(run(inventoryOf(lambdaFunction({ triggers: [t] }))).message).toContain("API Gateway APIs of account 999988887777 (not scanned)");
  });

  it("fails a grant whose source function was deleted and passes one that exists", () => {
    const fromFn = (name: string) => trigger({ sourceType: "lambda", principal: "lambda.amazonaws.com", sourceArn: functionArn(name), statementSid: "fn" });
    expect(run(inventoryOf(lambdaFunction({ triggers: [fromFn("deleted-fn")] }))).status).toBe("FAIL");
    const results = rule.evaluate(inventoryOf(lambdaFunction({ triggers: [fromFn("caller")] }), lambdaFunction({ name: "caller" })), testContext(rule));
    expect(results[0].status).toBe("PASS");
  });

  it("fails a grant to a deleted IAM role shown as its unique id", () => {
    const t = trigger({ sourceType: "aws-account", principal: "AROAEXAMPLEDELETED01", statementSid: "old-role" });
    const r = run(inventoryOf(lambdaFunction({ triggers: [t] })));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("principal AROAEXAMPLEDELETED01 is the unique id of a deleted IAM role or user");
  });

  it("is UNKNOWN for sources Lantern does not inventory, naming the inventory needed", () => {
    const s3 = trigger({ sourceType: "s3", principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::uploads" });
    const r = run(inventoryOf(lambdaFunction({ triggers: [s3, sqsMapping] })));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe(
      "Could not check whether 2 trigger source(s) of function orders-api still exist: that needs S3 buckets (s3:ListBuckets), SQS queues (sqs:ListQueues).",
    );
  });

  it("still fails an orphan API when other sources are undetermined", () => {
    expect(run(inventoryOf(lambdaFunction({ triggers: [sqsMapping, apiTrigger("gone000001")] }))).status).toBe("FAIL");
  });

  it("passes a function whose triggers name no specific source", () => {
    const r = run(inventoryOf(lambdaFunction({ triggers: [trigger()] })));
    expect(r).toMatchObject({ status: "PASS", message: "Lambda function orders-api has no trigger that names a specific source." });
  });

  it("is UNKNOWN when some triggers could not be read", () => {
    const gap = { via: "resource_policy" as const, qualifier: null, api: "lambda:GetPolicy", code: "AccessDeniedException", message: "denied" };
    const r = run(inventoryOf(lambdaFunction({ triggerGaps: [gap] })));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe("Could not read every trigger of function orders-api: lambda:GetPolicy (AccessDeniedException).");
  });
});
