import { describe, expect, it } from "vitest";
import { makeFingerprint } from "@/lib/aws/redact";
import { normalizeLambda, REDACTED_VALUE, unqualifiedFunctionArn } from "@/scanners/lambda/normalize";
import type { LambdaRaw } from "@/scanners/lambda/raw";
import { ZLambdaFunctionRecord, type TLambdaFunctionRecord } from "@/scanners/lambda/record";
import type { NormalizeContext } from "@/scanners/types";
import { ACCOUNT_ID, ARNS, FIXTURE_SECRET_VALUES, POLICIES, REGION, fixtureRaw } from "./__fixtures__/fixtures";

const fingerprint = makeFingerprint("normalize-test-secret-0123456789");
const ctx: NormalizeContext = { accountId: ACCOUNT_ID, region: REGION, fingerprint };

function completeRaw(raw: LambdaRaw): Extract<LambdaRaw, { listing: "complete" }> {
  if (raw.listing !== "complete") throw new Error("fixture raw should be complete");
  return raw;
}

function recordsByArn(raw: LambdaRaw): Map<string, TLambdaFunctionRecord> {
  return new Map(normalizeLambda(raw, ctx).resources.map((r) => [r.arn, r.record]));
}

function recordOf(raw: LambdaRaw, arn: string): TLambdaFunctionRecord {
  const record = recordsByArn(raw).get(arn);
  if (!record) throw new Error(`no record for ${arn}`);
  return record;
}

describe("normalizeLambda on recorded responses", () => {
  it("returns one valid record per listed function, keyed by unqualified ARN, with a complete listing", () => {
    const result = normalizeLambda(fixtureRaw(), ctx);
    expect(result.listingComplete).toBe(true);
    expect(result.resources.map((r) => r.arn)).toEqual([
      ARNS.ordersApi,
      ARNS.legacyReport,
      ARNS.imageResizer,
      ARNS.queueWorker,
      ARNS.streamConsumer,
    ]);
    for (const r of result.resources) {
      expect(r.record.arn).toBe(r.arn);
      expect(ZLambdaFunctionRecord.safeParse(r.record).success).toBe(true);
    }
  });

  it("maps the configuration fields of a zip function", () => {
    const record = recordOf(fixtureRaw(), ARNS.ordersApi);
    expect(record).toMatchObject({
      name: "orders-api",
      accountId: ACCOUNT_ID,
      region: REGION,
      description: "Orders HTTP API behind a function URL",
      runtime: "nodejs20.x",
      handler: "dist/handler.main",
      packageType: "Zip",
      roleArn: "arn:aws:iam::111122223333:role/orders-api-role",
      memorySize: 512,
      timeout: 15,
      codeSize: 1843211,
      lastModified: "2024-03-11T09:12:44.000+0000",
      architectures: ["arm64"],
      tracingMode: "Active",
      kmsKeyArn: null,
      deadLetterTargetArn: null,
      vpc: null,
      layers: [
        { arn: "arn:aws:lambda:us-east-1:111122223333:layer:shared-utils:7", codeSize: 90211 },
        { arn: "arn:aws:lambda:us-east-1:580247275435:layer:LambdaInsightsExtension:49", codeSize: 4192133 },
      ],
    });
  });

  it("maps VPC, dead-letter queue and KMS key, and reads an empty description as null", () => {
    const record = recordOf(fixtureRaw(), ARNS.legacyReport);
    expect(record.vpc).toEqual({
      vpcId: "vpc-0abc1234def567890",
      subnetIds: ["subnet-0a1b2c3d4e5f60718", "subnet-0f9e8d7c6b5a40312"],
      securityGroupIds: ["sg-0123456789abcdef0"],
    });
    expect(record.deadLetterTargetArn).toBe("arn:aws:sqs:us-east-1:111122223333:legacy-report-dlq");
    expect(record.kmsKeyArn).toBe("arn:aws:kms:us-east-1:111122223333:key/0f3c2b1a-9e8d-4c7b-a6f5-e4d3c2b1a098");
    expect(record.description).toBeNull();
  });

  it("sets missing optional fields to null: image functions, and State that ListFunctions omits", () => {
    const record = recordOf(fixtureRaw(), ARNS.imageResizer);
    expect(record.packageType).toBe("Image");
    expect(record.runtime).toBeNull();
    expect(record.handler).toBeNull();
    expect(record.state).toBeNull();
    expect(record.layers).toEqual([]);
  });

  it("keeps unknown enum values as strings and reads an emptied VpcConfig as no VPC", () => {
    const record = recordOf(fixtureRaw(), ARNS.streamConsumer);
    expect(record.runtime).toBe("nodejs26.x");
    expect(record.tracingMode).toBe("PassThroughWithSampling");
    expect(record.vpc).toBeNull();
    expect(record.description).toBeNull();
  });

  it("redacts environment values in the record: names, lengths and fingerprints only", () => {
    const record = recordOf(fixtureRaw(), ARNS.ordersApi);
    expect(record.environment).toEqual([
      { name: "DB_PASSWORD", length: "fixture-db-password-Zq81!".length, fingerprint: fingerprint("fixture-db-password-Zq81!") },
      {
        name: "STRIPE_SECRET_KEY",
        length: "sk_live_fixture_4eC39HqLyjWDarjtT1zdp7dc".length,
        fingerprint: fingerprint("sk_live_fixture_4eC39HqLyjWDarjtT1zdp7dc"),
      },
      { name: "TABLE_NAME", length: "orders-prod".length, fingerprint: fingerprint("orders-prod") },
    ]);
    expect(recordOf(fixtureRaw(), ARNS.queueWorker).environment).toEqual([]);
  });

  it("redacts environment values in the stored raw too, keeping names and the Environment.Error message", () => {
    const resources = normalizeLambda(fixtureRaw(), ctx).resources;
    const serialized = JSON.stringify(resources);
    for (const value of FIXTURE_SECRET_VALUES) expect(serialized).not.toContain(value);

    const raw = resources.find((r) => r.arn === ARNS.imageResizer)?.raw as {
      configuration: { Environment: { Variables: Record<string, string>; Error: { ErrorCode: string; Message: string } } };
    };
    expect(raw.configuration.Environment.Variables).toEqual({ BUCKET: REDACTED_VALUE, SIGNING_KEY: REDACTED_VALUE });
    expect(raw.configuration.Environment.Error).toEqual({
      ErrorCode: "AccessDeniedException",
      Message: "Lambda was unable to decrypt the environment variables because KMS access was denied.",
    });
  });

  it("does not modify the raw it was given", () => {
    const raw = fixtureRaw();
    const before = JSON.stringify(raw);
    normalizeLambda(raw, ctx);
    expect(JSON.stringify(raw)).toBe(before);
  });

  it("parses the resource policy and keeps its text", () => {
    const policy = recordOf(fixtureRaw(), ARNS.ordersApi).policy;
    if (policy.status !== "ok") throw new Error(`expected a policy, got ${policy.status}`);
    expect(policy.value.document.Statement[0]).toEqual({
      Sid: "FunctionURLAllowPublicAccess",
      Effect: "Allow",
      Principal: "*",
      Action: ["lambda:InvokeFunctionUrl"],
      Resource: [ARNS.ordersApi],
      Condition: { StringEquals: { "lambda:FunctionUrlAuthType": ["NONE"] } },
    });
    expect(policy.value.document.Statement[1].Principal).toEqual({ Service: ["apigateway.amazonaws.com"] });
    expect(policy.value.text).toBe(POLICIES[ARNS.ordersApi].Policy);
  });

  it("passes absent and error policy outcomes through", () => {
    expect(recordOf(fixtureRaw(), ARNS.queueWorker).policy).toEqual({ status: "absent" });
    const raw = completeRaw(fixtureRaw());
    raw.functions[3].policy = { status: "error", code: "AccessDeniedException", message: "not authorized to perform: lambda:GetPolicy" };
    expect(recordOf(raw, ARNS.queueWorker).policy).toEqual({
      status: "error",
      code: "AccessDeniedException",
      message: "not authorized to perform: lambda:GetPolicy",
    });
  });

  it("turns a policy that cannot be parsed into a MalformedPolicy error outcome", () => {
    const raw = completeRaw(fixtureRaw());
    raw.functions[0].policy = { status: "ok", value: { Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Maybe"}]}' } };
    const policy = recordOf(raw, ARNS.ordersApi).policy;
    expect(policy).toMatchObject({ status: "error", code: "MalformedPolicy" });
    expect(policy.status === "error" && policy.message).toMatch(/Effect/);
  });

  it("maps function URLs, CORS included, and keeps unknown auth types and invoke modes as strings", () => {
    expect(recordOf(fixtureRaw(), ARNS.ordersApi).url).toEqual({
      status: "ok",
      value: {
        url: "https://x3bq7kd5ob2jdmyomcpwnmjh4y0kqbfu.lambda-url.us-east-1.on.aws/",
        authType: "NONE",
        invokeMode: "BUFFERED",
        cors: {
          allowOrigins: ["*"],
          allowMethods: ["GET", "POST"],
          allowHeaders: ["content-type", "authorization"],
          exposeHeaders: [],
          allowCredentials: true,
          maxAge: 86400,
        },
      },
    });
    expect(recordOf(fixtureRaw(), ARNS.imageResizer).url).toMatchObject({
      status: "ok",
      value: { authType: "AWS_IAM", invokeMode: "RESPONSE_STREAM", cors: null },
    });
    expect(recordOf(fixtureRaw(), ARNS.legacyReport).url).toEqual({ status: "absent" });

    const raw = completeRaw(fixtureRaw());
    raw.functions[0].url = { status: "ok", value: { FunctionUrl: "https://u.example/", AuthType: "AWS_SIGV5", Cors: { AllowOrigins: ["https://a.example"] } } };
    expect(recordOf(raw, ARNS.ordersApi).url).toEqual({
      status: "ok",
      value: {
        url: "https://u.example/",
        authType: "AWS_SIGV5",
        invokeMode: null,
        cors: { allowOrigins: ["https://a.example"], allowMethods: [], allowHeaders: [], exposeHeaders: [], allowCredentials: null, maxAge: null },
      },
    });
  });

  it("attaches event source mappings to their function, qualified targets included", () => {
    const records = recordsByArn(fixtureRaw());
    const worker = records.get(ARNS.queueWorker)?.eventSourceMappings;
    expect(worker).toEqual({
      status: "ok",
      value: [
        {
          uuid: "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f",
          eventSourceArn: "arn:aws:sqs:us-east-1:111122223333:orders-queue",
          state: "Enabled",
          batchSize: 10,
          functionArn: `${ARNS.queueWorker}:live`,
        },
        {
          uuid: "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e",
          eventSourceArn: "arn:aws:sqs:us-east-1:111122223333:orders-queue-replay",
          state: "Disabled",
          batchSize: 10,
          functionArn: ARNS.queueWorker,
        },
      ],
    });
    expect(records.get(ARNS.streamConsumer)?.eventSourceMappings).toMatchObject({
      status: "ok",
      value: [{ uuid: "2f7a1c9e-8b3d-4e5f-a6b7-c8d9e0f1a2b3", state: "Enabled", batchSize: 100 }],
    });
    expect(records.get(ARNS.ordersApi)?.eventSourceMappings).toEqual({ status: "ok", value: [] });
    // The mapping to a deleted function is attached to nothing.
    const attached = [...records.values()].flatMap((r) => (r.eventSourceMappings.status === "ok" ? r.eventSourceMappings.value : []));
    expect(attached.map((m) => m.uuid)).not.toContain("e0f1a2b3-c4d5-4e6f-a7b8-c9d0e1f2a3b4");
  });

  it("stores each function's own mappings in its raw", () => {
    const resource = normalizeLambda(fixtureRaw(), ctx).resources.find((r) => r.arn === ARNS.queueWorker);
    const raw = resource?.raw as { eventSourceMappings: { status: string; value: { UUID: string }[] } };
    expect(raw.eventSourceMappings.value.map((m) => m.UUID)).toEqual([
      "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f",
      "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e",
    ]);
  });

  it("gives every function the error outcome when the mapping listing failed", () => {
    const raw = completeRaw(fixtureRaw());
    raw.eventSourceMappings = { status: "error", code: "AccessDeniedException", message: "no lambda:ListEventSourceMappings" };
    const result = normalizeLambda(raw, ctx);
    expect(result.listingComplete).toBe(true);
    expect(result.resources).toHaveLength(5);
    for (const r of result.resources) {
      expect(r.record.eventSourceMappings).toEqual({
        status: "error",
        code: "AccessDeniedException",
        message: "no lambda:ListEventSourceMappings",
      });
    }
  });

  it("returns no resources and an incomplete listing when ListFunctions failed", () => {
    const result = normalizeLambda({ listing: "failed", code: "AccessDeniedException", message: "denied" }, ctx);
    expect(result).toEqual({ resources: [], listingComplete: false });
  });

  it("strips a qualifier from a listed ARN and stores a function listed twice once", () => {
    const raw = completeRaw(fixtureRaw());
    raw.functions[0].configuration.FunctionArn = `${ARNS.ordersApi}:$LATEST`;
    raw.functions.push(structuredClone(raw.functions[1]));
    const result = normalizeLambda(raw, ctx);
    expect(result.resources.map((r) => r.arn)).toEqual([
      ARNS.ordersApi,
      ARNS.legacyReport,
      ARNS.imageResizer,
      ARNS.queueWorker,
      ARNS.streamConsumer,
    ]);
  });
});

describe("unqualifiedFunctionArn", () => {
  it.each([
    ["arn:aws:lambda:us-east-1:111122223333:function:f", "arn:aws:lambda:us-east-1:111122223333:function:f"],
    ["arn:aws:lambda:us-east-1:111122223333:function:f:$LATEST", "arn:aws:lambda:us-east-1:111122223333:function:f"],
    ["arn:aws:lambda:us-east-1:111122223333:function:f:12", "arn:aws:lambda:us-east-1:111122223333:function:f"],
    ["arn:aws-cn:lambda:cn-north-1:111122223333:function:f:live", "arn:aws-cn:lambda:cn-north-1:111122223333:function:f"],
    ["arn:aws:lambda:us-east-1:111122223333:layer:l:3", "arn:aws:lambda:us-east-1:111122223333:layer:l:3"],
  ])("%s -> %s", (input, expected) => {
    expect(unqualifiedFunctionArn(input)).toBe(expected);
  });
});
