import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { fetchError, functionArn, lambdaFunction } from "@/lib/rules/__fixtures__/lambda-function";
import { cloudTrail, inventoryWith, shadowOf } from "@/lib/rules/__fixtures__/neighbours";
import type { TCloudTrailTrailRecord, TEventSelectorsRecord, TFieldSelector } from "@/scanners/neighbours/record";
import { invokeCoverage } from "./cloudtrail-coverage";
import { rule } from "./lambda_function_invoke_logged_by_cloudtrail.rule";

const F = functionArn("orders-api");
const field = (f: string, ops: Partial<Omit<TFieldSelector, "field">>): TFieldSelector => ({
  field: f,
  equals: [],
  startsWith: [],
  endsWith: [],
  notEquals: [],
  notStartsWith: [],
  notEndsWith: [],
  ...ops,
});
const lambdaData = [field("eventCategory", { equals: ["Data"] }), field("resources.type", { equals: ["AWS::Lambda::Function"] })];
const advanced = (...selectors: TFieldSelector[][]): TCloudTrailTrailRecord["selectors"] => ({
  status: "ok",
  value: { basic: [], advanced: selectors.map((fieldSelectors, i) => ({ name: `sel-${i + 1}`, fieldSelectors })) },
});
const basic = (readWriteType: string, values: string[]): TCloudTrailTrailRecord["selectors"] => ({
  status: "ok",
  value: { basic: [{ readWriteType, includeManagementEvents: true, dataResources: [{ type: "AWS::Lambda::Function", values }] }], advanced: [] },
});
const evaluate = (trails: TCloudTrailTrailRecord[], fn = lambdaFunction(), ctx = testContext(rule)) =>
  rule.evaluate(inventoryWith({ lambdaFunctions: [fn], cloudTrails: trails }), ctx);

describe("lambda_function_invoke_logged_by_cloudtrail", () => {
  it("returns nothing without functions", () => {
    expect(rule.evaluate(inventoryWith({ cloudTrails: [cloudTrail()] }), testContext(rule))).toEqual([]);
  });

  it("passes a logging trail with an advanced selector for Lambda data events", () => {
    const [r] = evaluate([cloudTrail({ selectors: advanced(lambdaData) })]);
    expect(r).toMatchObject({ status: "PASS", message: 'Invocations of Lambda function orders-api are recorded by CloudTrail trail management-events ("sel-1").' });
  });

  it("passes basic selectors for all functions or this function, with All or WriteOnly events", () => {
    expect(evaluate([cloudTrail({ selectors: basic("All", ["arn:aws:lambda"]) })])[0].status).toBe("PASS");
    expect(evaluate([cloudTrail({ selectors: basic("WriteOnly", [F]) })])[0].status).toBe("PASS");
  });

  it("fails a management-events-only trail (demo: no trail logs Lambda data events)", () => {
    const [r] = evaluate([cloudTrail()]);
    expect(r).toMatchObject({ status: "FAIL", message: "Invocations of Lambda function orders-api are not recorded: no trail that applies in us-east-1 selects Lambda data events for it." });
  });

  it("fails look-alikes that select other functions, ReadOnly events, or readOnly = true", () => {
    expect(evaluate([cloudTrail({ selectors: basic("All", [functionArn("orders-api-v2")]) })])[0].status).toBe("FAIL");
    expect(evaluate([cloudTrail({ selectors: basic("ReadOnly", ["arn:aws:lambda"]) })])[0].status).toBe("FAIL");
    expect(evaluate([cloudTrail({ selectors: advanced([...lambdaData, field("readOnly", { equals: ["true"] })]) })])[0].status).toBe("FAIL");
    expect(evaluate([cloudTrail({ selectors: advanced([...lambdaData, field("resources.ARN", { notStartsWith: [F] })]) })])[0].status).toBe("FAIL");
  });

  it("fails when the only selecting trail is not logging", () => {
    const [r] = evaluate([cloudTrail({ selectors: advanced(lambdaData), isLogging: { status: "ok", value: false } })]);
    expect(r).toMatchObject({ status: "FAIL", message: "Invocations of Lambda function orders-api are not recorded: trail management-events selects them but is not logging." });
  });

  it("fails when no trail applies in a completely listed region", () => {
    expect(evaluate([])[0]).toMatchObject({ status: "FAIL", message: "No CloudTrail trail applies in us-east-1, so invocations of Lambda function orders-api are not recorded." });
  });

  it("reads a multi-region trail's selectors from its home record through the shadow copy", () => {
    const home = cloudTrail({ name: "org-trail", homeRegion: "eu-west-1", selectors: advanced(lambdaData) });
    const fn = lambdaFunction();
    expect(evaluate([home, shadowOf(home, "us-east-1")], fn)[0].status).toBe("PASS");
    // The home region was not scanned: the shadow says a trail applies, but not what it logs.
    const [r] = evaluate([shadowOf(home, "us-east-1")], fn);
    expect(r).toMatchObject({ status: "UNKNOWN", message: expect.stringContaining("its home region eu-west-1 was not scanned") });
  });

  it("passes a selector filtered on other fields, saying only some calls are kept", () => {
    const [r] = evaluate([cloudTrail({ selectors: advanced([...lambdaData, field("userIdentity.arn", { notStartsWith: ["arn:aws:sts::111122223333:assumed-role/noisy"] })]) })]);
    expect(r.status).toBe("PASS");
    expect(r.message).toContain("for the calls its selector keeps");
  });

  it("is UNKNOWN when selectors or status could not be read, or the trail listing failed", () => {
    expect(evaluate([cloudTrail({ selectors: fetchError("AccessDeniedException") })])[0].status).toBe("UNKNOWN");
    expect(evaluate([cloudTrail({ selectors: advanced(lambdaData), isLogging: fetchError() })])[0].status).toBe("UNKNOWN");
    expect(evaluate([], lambdaFunction(), testContext(rule, { complete: (t) => t !== "cloudtrail_trail" }))[0].status).toBe("UNKNOWN");
  });
});

describe("invokeCoverage", () => {
  const selectors = (advancedSelectors: TFieldSelector[][]): TEventSelectorsRecord => ({ basic: [], advanced: advancedSelectors.map((fieldSelectors) => ({ name: null, fieldSelectors })) });
  it("matches resources.ARN operators against the function ARN", () => {
    expect(invokeCoverage(selectors([[...lambdaData, field("resources.ARN", { startsWith: ["arn:aws:lambda:us-east-1:111122223333:function:orders-"] })]]), F).coverage).toBe("full");
    expect(invokeCoverage(selectors([[...lambdaData, field("resources.ARN", { equals: [F] })]]), F).coverage).toBe("full");
    expect(invokeCoverage(selectors([[...lambdaData, field("resources.ARN", { endsWith: [":other"] })]]), F).coverage).toBe("none");
    expect(invokeCoverage(selectors([[...lambdaData, field("eventName", { notEquals: ["Invoke"] })]]), F).coverage).toBe("none");
  });
  it("ignores management-event selectors and data selectors for other resource types", () => {
    expect(invokeCoverage(selectors([[field("eventCategory", { equals: ["Management"] })]]), F).coverage).toBe("none");
    expect(invokeCoverage(selectors([[field("eventCategory", { equals: ["Data"] }), field("resources.type", { equals: ["AWS::S3::Object"] })]]), F).coverage).toBe("none");
  });
});
