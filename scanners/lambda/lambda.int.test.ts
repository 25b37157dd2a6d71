// collect + normalize against moto (the AWS emulator the integration global setup starts): real SDK clients,
// real HTTP, real pagination code, in a fresh moto account per run (x-moto-account-id).
// What moto cannot show (multi-page listings, AccessDenied, throttling) is covered in collect.test.ts.
import { randomInt } from "node:crypto";
import { CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import {
  AddPermissionCommand,
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  CreateFunctionUrlConfigCommand,
  LambdaClient,
} from "@aws-sdk/client-lambda";
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { beforeAll, describe, expect, it } from "vitest";
import { instrument, type CallMetrics } from "@/lib/aws/clients";
import { env } from "@/lib/env";
import { makeFingerprint } from "@/lib/aws/redact";
import { collectLambda } from "@/scanners/lambda/collect";
import { lambdaScanner } from "@/scanners/lambda/lambda.scanner";
import type { LambdaRaw } from "@/scanners/lambda/raw";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import type { CallError } from "@/scanners/types";

const REGION = process.env.AWS_REGION ?? "us-east-1";
const SECRET_VALUE = `int-test-secret-${randomInt(1e9)}`;
// The smallest valid zip archive (an empty end-of-central-directory record): moto stores code, it never runs it.
const EMPTY_ZIP = Uint8Array.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);

/** A random 12-digit account id: a fresh, empty moto account, so reruns and other test files never collide. */
function freshAccountId(): string {
  return String(randomInt(100_000_000_000, 1_000_000_000_000));
}

function assertEmulator() {
  const { LANTERN_AWS_EMULATOR, AWS_ENDPOINT_URL } = env();
  const host = AWS_ENDPOINT_URL ? new URL(AWS_ENDPOINT_URL).hostname : "";
  // Creates roles, functions and queues: refuse anything but a local emulator.
  if (!LANTERN_AWS_EMULATOR || !["127.0.0.1", "localhost", "::1"].includes(host)) {
    throw new Error("lambda.int.test.ts needs LANTERN_AWS_EMULATOR=true and AWS_ENDPOINT_URL on loopback (moto)");
  }
}

describe("lambda scanner against moto", () => {
  const accountId = freshAccountId();
  const setupMetrics: CallMetrics = { calls: 0, throttles: 0 };
  const arns = { public: "", clean: "" };
  let queueArn = "";

  beforeAll(async () => {
    assertEmulator();
    const lambda = instrument(new LambdaClient({ region: REGION }), setupMetrics, accountId);
    const iam = instrument(new IAMClient({ region: REGION }), setupMetrics, accountId);
    const sqs = instrument(new SQSClient({ region: REGION }), setupMetrics, accountId);

    const role = await iam.send(
      new CreateRoleCommand({
        RoleName: "lantern-int-fn-role",
        AssumeRolePolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
        }),
      }),
    );
    const roleArn = role.Role?.Arn ?? "";

    const publicFn = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: "public-fn",
        Runtime: "nodejs20.x",
        Role: roleArn,
        Handler: "index.handler",
        Code: { ZipFile: EMPTY_ZIP },
        Environment: { Variables: { API_TOKEN: SECRET_VALUE, STAGE: "int" } },
      }),
    );
    arns.public = publicFn.FunctionArn ?? "";
    await lambda.send(
      new AddPermissionCommand({
        FunctionName: "public-fn",
        StatementId: "FunctionURLAllowPublicAccess",
        Action: "lambda:InvokeFunctionUrl",
        Principal: "*",
        FunctionUrlAuthType: "NONE",
      }),
    );
    await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: "public-fn", AuthType: "NONE" }));

    const cleanFn = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: "clean-fn",
        Runtime: "python3.12",
        Role: roleArn,
        Handler: "index.handler",
        Code: { ZipFile: EMPTY_ZIP },
      }),
    );
    arns.clean = cleanFn.FunctionArn ?? "";
    const queue = await sqs.send(new CreateQueueCommand({ QueueName: "lantern-int-queue" }));
    const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ["QueueArn"] }));
    queueArn = attrs.Attributes?.QueueArn ?? "";
    await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: "clean-fn", EventSourceArn: queueArn, BatchSize: 5 }));
  });

  it("collects and normalizes both functions with their policy, URL and mapping outcomes", async () => {
    const scanMetrics: CallMetrics = { calls: 0, throttles: 0 };
    const errors: CallError[] = [];
    const lambda = instrument(new LambdaClient({ region: REGION, maxAttempts: 2 }), scanMetrics, accountId);

    const raw: LambdaRaw = await lambdaScanner.collect({ lambda }, { accountId, region: REGION, recordError: (e) => errors.push(e) });
    const result = lambdaScanner.normalize(raw, {
      accountId,
      region: REGION,
      fingerprint: makeFingerprint("integration-test-secret-0123"),
    }).lambda_function;

    expect(errors).toEqual([]);
    // ListFunctions + one region-wide ListEventSourceMappings + GetPolicy and GetFunctionUrlConfig per function.
    expect(scanMetrics).toEqual({ calls: 6, throttles: 0 });
    expect(result.listingComplete).toBe(true);
    const byArn = new Map<string, TLambdaFunctionRecord>(result.resources.map((r) => [r.arn, r.record]));
    expect([...byArn.keys()].sort()).toEqual([arns.clean, arns.public].sort());

    const pub = byArn.get(arns.public);
    expect(pub).toMatchObject({ name: "public-fn", accountId, region: REGION, runtime: "nodejs20.x", roleArn: expect.stringContaining(":role/lantern-int-fn-role") });
    if (pub?.policy.status !== "ok") throw new Error(`public-fn policy: ${JSON.stringify(pub?.policy)}`);
    expect(pub.policy.value.document.Statement).toEqual([
      expect.objectContaining({
        Sid: "FunctionURLAllowPublicAccess",
        Effect: "Allow",
        Principal: "*",
        Action: ["lambda:InvokeFunctionUrl"],
        Resource: [arns.public],
      }),
    ]);
    expect(pub.url).toMatchObject({ status: "ok", value: { authType: "NONE", url: expect.stringMatching(/^https:\/\//) } });
    expect(pub.eventSourceMappings).toEqual({ status: "ok", value: [] });
    expect(pub.environment.map((v) => v.name)).toEqual(["API_TOKEN", "STAGE"]);
    expect(JSON.stringify(result)).not.toContain(SECRET_VALUE);

    const clean = byArn.get(arns.clean);
    expect(clean?.policy).toEqual({ status: "absent" });
    expect(clean?.url).toEqual({ status: "absent" });
    expect(clean?.eventSourceMappings).toMatchObject({
      status: "ok",
      value: [{ eventSourceArn: queueArn, batchSize: 5, functionArn: expect.stringContaining(":function:clean-fn") }],
    });
    expect(clean?.environment).toEqual([]);
  });

  it("sees nothing of this account from another moto account", async () => {
    const errors: CallError[] = [];
    const other = freshAccountId();
    const lambda = instrument(new LambdaClient({ region: REGION }), { calls: 0, throttles: 0 }, other);
    const raw = await collectLambda({ lambda }, { accountId: other, region: REGION, recordError: (e) => errors.push(e) });
    expect(raw).toEqual({ listing: "complete", functions: [], eventSourceMappings: { status: "ok", value: [] } });
    expect(errors).toEqual([]);
  });
});
