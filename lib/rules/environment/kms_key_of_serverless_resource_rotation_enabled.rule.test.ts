import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { fetchError, lambdaFunction } from "@/lib/rules/__fixtures__/lambda-function";
import { inventoryWith, keyArn, kmsKey, logGroup, mappedFunction, queueArn, sqsQueue } from "@/lib/rules/__fixtures__/neighbours";
import { rule } from "./kms_key_of_serverless_resource_rotation_enabled.rule";

const K = keyArn("1111aaaa-0000-4000-8000-000000000001");
const noRotation = { rotation: { status: "ok" as const, value: { enabled: false, periodDays: null, nextRotationDate: null } } };
const evaluate = (parts: Parameters<typeof inventoryWith>[0], ctx = testContext(rule)) => rule.evaluate(inventoryWith(parts), ctx);

describe("kms_key_of_serverless_resource_rotation_enabled", () => {
  it("returns nothing when no function or linked resource uses a key, and ignores unused keys", () => {
    expect(evaluate({})).toEqual([]);
    expect(evaluate({ kmsKeys: [kmsKey(noRotation)], lambdaFunctions: [lambdaFunction()] })).toEqual([]);
  });

  it("passes a rotating key used for a function's environment variables", () => {
    const [r] = evaluate({ kmsKeys: [kmsKey()], lambdaFunctions: [lambdaFunction({ kmsKeyArn: K })] });
    expect(r).toMatchObject({ status: "PASS", resourceArn: K, message: "KMS key alias/orders, used by environment variables of function orders-api, rotates automatically every 365 days." });
  });

  it("fails a customer managed key without rotation, resolving an alias reference of a linked queue", () => {
    const q = sqsQueue({ encryption: { status: "ok", value: { kmsMasterKeyId: "alias/orders", sqsManagedSse: false } } });
    const [r] = evaluate({ kmsKeys: [kmsKey(noRotation)], sqsQueues: [q], lambdaFunctions: [mappedFunction("fulfilment-worker", queueArn("orders-fulfilment"))] });
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe(
      "KMS key alias/orders, used by SQS queue orders-fulfilment (fulfilment-worker (event source mapping)), does not rotate its key material automatically.",
    );
  });

  it("resolves a bare key id in the referencing region, and a log group's key", () => {
    const fn = lambdaFunction({ kmsKeyArn: "1111aaaa-0000-4000-8000-000000000001" });
    const [r] = evaluate({ kmsKeys: [kmsKey(noRotation)], lambdaFunctions: [fn], logGroups: [logGroup({ kmsKeyId: K })] });
    expect(r.evidence.usedBy).toEqual(["environment variables of function orders-api", "log group /aws/lambda/orders-api of function orders-api"]);
  });

  it("passes an AWS managed key (look-alike: its rotation status is not applicable, AWS rotates it)", () => {
    const aws = kmsKey({ name: "alias/aws/lambda", aliases: ["alias/aws/lambda"], rotation: { status: "not_applicable", reason: "AWS managed key" } });
    const managed = { ...aws, metadata: aws.metadata.status === "ok" ? { status: "ok" as const, value: { ...aws.metadata.value, keyManager: "AWS" } } : aws.metadata };
    const [r] = evaluate({ kmsKeys: [managed], lambdaFunctions: [lambdaFunction({ kmsKeyArn: "alias/aws/lambda" })] });
    expect(r).toMatchObject({ status: "PASS", message: expect.stringContaining("is an AWS managed key, which AWS rotates every year") });
  });

  it("is UNKNOWN when rotation could not be read, or cannot be automatic (imported key material)", () => {
    expect(evaluate({ kmsKeys: [kmsKey({ rotation: fetchError() })], lambdaFunctions: [lambdaFunction({ kmsKeyArn: K })] })[0].status).toBe("UNKNOWN");
    const imported = kmsKey({ rotation: { status: "not_applicable", reason: "key material origin EXTERNAL: automatic rotation is not supported" } });
    const [r] = evaluate({ kmsKeys: [imported], lambdaFunctions: [lambdaFunction({ kmsKeyArn: K })] });
    expect(r).toMatchObject({ status: "UNKNOWN", message: expect.stringContaining("cannot rotate automatically (key material origin EXTERNAL") });
  });

  it("is UNKNOWN for a key of this account in a region whose key listing failed; silent for another account's key", () => {
    const other = "arn:aws:kms:us-east-1:999988887777:key/2222bbbb-0000-4000-8000-000000000002";
    const results = evaluate(
      { lambdaFunctions: [lambdaFunction({ kmsKeyArn: K }), lambdaFunction({ name: "partner", kmsKeyArn: other })] },
      testContext(rule, { complete: (type) => type !== "kms_key" }),
    );
    expect(results).toEqual([expect.objectContaining({ status: "UNKNOWN", resourceArn: K })]);
    expect(evaluate({ lambdaFunctions: [lambdaFunction({ kmsKeyArn: K })] })).toEqual([]);
  });
});
