// collect + normalize against moto (the AWS emulator the integration global setup starts): real SDK clients,
// real HTTP, real pagination code, in a fresh moto account per run (x-moto-account-id).
// What moto cannot show (multi-page listings, AccessDenied, throttling, ListFunctionUrlConfigs, provisioned
// concurrency, account settings, recursion config) is covered in collect.test.ts. Here moto's gaps must end as
// error outcomes (UNKNOWN for rules) or as the documented fallback, never as an empty success.
import { randomInt } from "node:crypto";
import { CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import {
  AddLayerVersionPermissionCommand,
  AddPermissionCommand,
  CreateAliasCommand,
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  CreateFunctionUrlConfigCommand,
  LambdaClient,
  PublishLayerVersionCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  PutFunctionEventInvokeConfigCommand,
  TagResourceCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { beforeAll, describe, expect, it } from "vitest";
import { instrument, type CallMetrics } from "@/lib/aws/clients";
import { env } from "@/lib/env";
import { makeFingerprint } from "@/lib/aws/redact";
import { collectLambda } from "@/scanners/lambda/collect";
import { lambdaScanner } from "@/scanners/lambda/lambda.scanner";
import type { LambdaScanOutput } from "@/scanners/lambda/normalize";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import type { CallError } from "@/scanners/types";
import { randomAccountId } from "@/tests/support/moto";

const REGION = process.env.AWS_REGION ?? "us-east-1";
const SECRET_VALUE = `int-test-secret-${randomInt(1e9)}`;
// The smallest valid zip archive (an empty end-of-central-directory record): moto stores code, it never runs it.
const EMPTY_ZIP = Uint8Array.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
const BUCKET_ARN = "arn:aws:s3:::lantern-int-bucket";

function assertEmulator() {
  const { LANTERN_AWS_EMULATOR, AWS_ENDPOINT_URL } = env();
  const host = AWS_ENDPOINT_URL ? new URL(AWS_ENDPOINT_URL).hostname : "";
  // Creates roles, functions, layers and queues: refuse anything but a local emulator.
  if (!LANTERN_AWS_EMULATOR || !["127.0.0.1", "localhost", "::1"].includes(host)) {
    throw new Error("lambda.int.test.ts needs LANTERN_AWS_EMULATOR=true and AWS_ENDPOINT_URL on loopback (moto)");
  }
}

/** The calls moto 5.2.1 does not implement (HTTP 404), as the scan records them: one per region or per function. */
function motoGaps(functionsWithQualifiers: number, functions: number): string[] {
  return [
    "lambda:GetAccountSettings UnknownOperation",
    ...Array<string>(functions).fill("lambda:GetFunctionRecursionConfig UnknownOperation"),
    ...Array<string>(functionsWithQualifiers).fill("lambda:ListProvisionedConcurrencyConfigs UnknownOperation"),
  ].sort();
}

describe("lambda scanner against moto", () => {
  const accountId = randomAccountId();
  const setupMetrics: CallMetrics = { calls: 0, throttles: 0 };
  const arns = { public: "", clean: "", versioned: "" };
  const queues = { clean: "", versioned: "" };
  let layerVersionArn = "";

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
    const createFunction = async (name: string, extra: Partial<ConstructorParameters<typeof CreateFunctionCommand>[0]> = {}) =>
      (
        await lambda.send(
          new CreateFunctionCommand({ FunctionName: name, Runtime: "nodejs20.x", Role: roleArn, Handler: "index.handler", Code: { ZipFile: EMPTY_ZIP }, ...extra }),
        )
      ).FunctionArn ?? "";
    const queueArn = async (name: string) => {
      const queue = await sqs.send(new CreateQueueCommand({ QueueName: name }));
      const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ["QueueArn"] }));
      return attrs.Attributes?.QueueArn ?? "";
    };

    // A public function URL with the grant AWS adds for it.
    arns.public = await createFunction("public-fn", { Environment: { Variables: { API_TOKEN: SECRET_VALUE, STAGE: "int" } } });
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

    // An SQS consumer with reserved concurrency and tags.
    arns.clean = await createFunction("clean-fn", { Runtime: "python3.12" });
    queues.clean = await queueArn("lantern-int-queue");
    await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: "clean-fn", EventSourceArn: queues.clean, BatchSize: 5 }));
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: "clean-fn", ReservedConcurrentExecutions: 5 }));
    await lambda.send(new TagResourceCommand({ Resource: arns.clean, Tags: { team: "payments" } }));

    // Two published versions, an alias with its own policy, an async invoke config and a disabled mapping to the alias.
    arns.versioned = await createFunction("versioned-fn");
    await lambda.send(new PublishVersionCommand({ FunctionName: "versioned-fn" }));
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "versioned-fn", Description: "second" }));
    await lambda.send(new PublishVersionCommand({ FunctionName: "versioned-fn" }));
    await lambda.send(new CreateAliasCommand({ FunctionName: "versioned-fn", Name: "live", FunctionVersion: "2" }));
    await lambda.send(
      new AddPermissionCommand({
        FunctionName: "versioned-fn",
        Qualifier: "live",
        StatementId: "s3-uploads",
        Action: "lambda:InvokeFunction",
        Principal: "s3.amazonaws.com",
        SourceArn: BUCKET_ARN,
        SourceAccount: accountId,
      }),
    );
    await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: "versioned-fn", MaximumRetryAttempts: 1 }));
    queues.versioned = await queueArn("lantern-int-alias-queue");
    await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: "versioned-fn:live", EventSourceArn: queues.versioned, Enabled: false }));

    // A layer version anyone may use.
    const layer = await lambda.send(
      new PublishLayerVersionCommand({ LayerName: "shared-libs", Content: { ZipFile: EMPTY_ZIP }, CompatibleRuntimes: ["nodejs20.x"], Description: "libs" }),
    );
    layerVersionArn = layer.LayerVersionArn ?? "";
    await lambda.send(
      new AddLayerVersionPermissionCommand({ LayerName: "shared-libs", VersionNumber: 1, StatementId: "public", Action: "lambda:GetLayerVersion", Principal: "*" }),
    );
  });

  async function scan(): Promise<{ out: LambdaScanOutput; errors: CallError[]; metrics: CallMetrics }> {
    const metrics: CallMetrics = { calls: 0, throttles: 0 };
    const errors: CallError[] = [];
    const lambda = instrument(new LambdaClient({ region: REGION, maxAttempts: 2 }), metrics, accountId);
    const raw = await lambdaScanner.collect({ lambda }, { accountId, region: REGION, recordError: (e) => errors.push(e) });
    const out = lambdaScanner.normalize(raw, { accountId, region: REGION, fingerprint: makeFingerprint("integration-test-secret-0123") });
    return { out, errors, metrics };
  }

  it("collects every kind; moto's missing calls end as recorded error outcomes, nothing else fails", async () => {
    const { out, errors, metrics } = await scan();

    expect(errors.map((e) => `${e.api} ${e.code}`).sort()).toEqual(motoGaps(1, 3));
    // Region-wide 6 + 9 per function + versioned-fn's 3 qualifier policies and provisioned concurrency + the URL
    // and invoke-config fallbacks (at most 3 + 6): a bound, since functions in flight may try a list call before
    // the first one shows moto lacks it.
    expect(metrics.throttles).toBe(0);
    expect(metrics.calls).toBeLessThanOrEqual(6 + 27 + 4 + 9);
    expect(JSON.stringify(out)).not.toContain(SECRET_VALUE);

    expect(out.lambda_function.listingComplete).toBe(true);
    expect(out.lambda_function.resources.map((r) => r.arn).sort()).toEqual([arns.clean, arns.public, arns.versioned].sort());
    expect(out.lambda_layer_version).toMatchObject({ listingComplete: true, resources: [{ arn: layerVersionArn }] });
    expect(out.lambda_event_source_mapping.listingComplete).toBe(true);
    expect(out.lambda_event_source_mapping.resources).toHaveLength(2);
    expect(out.lambda_account_settings).toMatchObject({
      listingComplete: true,
      resources: [{ arn: `arn:aws:lambda:${REGION}:${accountId}:account-settings`, record: { settings: { status: "error", code: "UnknownOperation" } } }],
    });
  });

  it("reads a public function URL and its grant (via GetFunctionUrlConfig: moto lacks ListFunctionUrlConfigs)", async () => {
    const { out } = await scan();
    const pub = out.lambda_function.resources.find((r) => r.arn === arns.public)?.record as TLambdaFunctionRecord;
    expect(pub).toMatchObject({ name: "public-fn", accountId, region: REGION, runtime: "nodejs20.x", roleArn: expect.stringContaining(":role/lantern-int-fn-role") });
    if (pub.policy.status !== "ok") throw new Error(`public-fn policy: ${JSON.stringify(pub.policy)}`);
    expect(pub.policy.value.document.Statement).toEqual([
      expect.objectContaining({ Sid: "FunctionURLAllowPublicAccess", Effect: "Allow", Principal: "*", Action: ["lambda:InvokeFunctionUrl"], Resource: [arns.public] }),
    ]);
    expect(pub.url).toMatchObject({ status: "ok", value: { authType: "NONE", url: expect.stringMatching(/^https:\/\//) } });
    expect(pub.urls).toMatchObject({ status: "ok", value: [{ qualifier: null, authType: "NONE" }] });
    expect(pub.urlsFetchedWith).toBe("GetFunctionUrlConfig");
    expect(pub.versions).toEqual({ status: "ok", value: [] });
    expect(pub.aliases).toEqual({ status: "ok", value: [] });
    // Nothing beyond $LATEST: provisioned concurrency cannot exist, so moto's missing call was never made.
    expect(pub.provisionedConcurrency).toEqual({ status: "ok", value: [] });
    expect(pub.recursiveLoop).toMatchObject({ status: "error", code: "UnknownOperation" });
    expect(pub.environment.map((v) => v.name)).toEqual(["API_TOKEN", "STAGE"]);
    expect(pub.triggers.map((t) => [t.via, t.sourceType, t.principal, t.qualifier])).toEqual([
      ["function_url", "function-url", "*", null],
      ["resource_policy", "function-url", "*", null],
    ]);
    expect(pub.triggerGaps).toEqual([]);
  });

  it("reads an SQS consumer with reserved concurrency and tags", async () => {
    const { out } = await scan();
    const clean = out.lambda_function.resources.find((r) => r.arn === arns.clean)?.record as TLambdaFunctionRecord;
    expect(clean.policy).toEqual({ status: "absent" });
    expect(clean.url).toEqual({ status: "absent" });
    expect(clean.urls).toEqual({ status: "ok", value: [] });
    expect(clean.reservedConcurrency).toEqual({ status: "ok", value: 5 });
    expect(clean.tags).toEqual({ status: "ok", value: { team: "payments" } });
    expect(clean.codeSigningConfigArn).toEqual({ status: "absent" });
    expect(clean.eventInvokeConfigs).toEqual({ status: "ok", value: [] });
    expect(clean.eventSourceMappings).toMatchObject({
      status: "ok",
      value: [{ eventSourceArn: queues.clean, batchSize: 5, functionArn: expect.stringContaining(":function:clean-fn") }],
    });
    expect(clean.triggers).toEqual([
      expect.objectContaining({ via: "event_source_mapping", sourceType: "sqs", sourceArn: queues.clean, enabled: true, qualifier: null, crossAccount: false }),
    ]);
    expect(clean.environment).toEqual([]);
  });

  it("reads versions, an alias with its own policy, an invoke config and a disabled mapping to the alias", async () => {
    const { out } = await scan();
    const fn = out.lambda_function.resources.find((r) => r.arn === arns.versioned)?.record as TLambdaFunctionRecord;
    expect(fn.versions).toMatchObject({ status: "ok", value: [{ version: "1" }, { version: "2", description: "second" }] });
    expect(fn.aliases).toEqual({ status: "ok", value: [{ name: "live", arn: `${arns.versioned}:live`, functionVersion: "2", description: null, routing: [] }] });
    expect(fn.qualifierPolicies.map((q) => q.qualifier)).toEqual(["1", "2", "live"]);
    const live = fn.qualifierPolicies.find((q) => q.qualifier === "live")?.policy;
    if (live?.status !== "ok") throw new Error(`alias policy: ${JSON.stringify(live)}`);
    expect(live.value.document.Statement).toEqual([
      expect.objectContaining({ Sid: "s3-uploads", Principal: { Service: ["s3.amazonaws.com"] }, Resource: [`${arns.versioned}:live`] }),
    ]);
    // moto returns the alias's statement from every GetPolicy; the statement's Resource keeps it one trigger, on the alias.
    expect(fn.triggers.filter((t) => t.via === "resource_policy")).toEqual([
      expect.objectContaining({
        sourceType: "s3",
        sourceArn: BUCKET_ARN,
        principal: "s3.amazonaws.com",
        qualifier: "live",
        statementSid: "s3-uploads",
        crossAccount: false,
        conditions: { sourceAccounts: [accountId], keys: expect.arrayContaining([expect.stringMatching(/:AWS:SourceArn$/), expect.stringMatching(/:AWS:SourceAccount$/)]) },
      }),
    ]);
    // moto resolves the alias of a mapping to its version.
    expect(fn.triggers.filter((t) => t.via === "event_source_mapping")).toEqual([
      expect.objectContaining({ sourceType: "sqs", sourceArn: queues.versioned, enabled: false, qualifier: expect.stringMatching(/^(live|2)$/) }),
    ]);
    expect(fn.eventInvokeConfigs).toEqual({
      status: "ok",
      value: [{ qualifier: null, maximumRetryAttempts: 1, maximumEventAgeInSeconds: null, onSuccessDestination: null, onFailureDestination: null }],
    });
    // moto's ListFunctionEventInvokeConfigs reply cannot be read once a config exists: read one qualifier at a time.
    expect(fn.eventInvokeConfigsFetchedWith).toBe("GetFunctionEventInvokeConfig");
    expect(fn.provisionedConcurrency).toMatchObject({ status: "error", code: "UnknownOperation" });
    expect(fn.urls).toEqual({ status: "ok", value: [] });
    expect(fn.triggerGaps).toEqual([]);
  });

  it("reads a layer version with a public policy, the mappings and their states", async () => {
    const { out } = await scan();
    const layer = out.lambda_layer_version.resources[0].record;
    expect(layer).toMatchObject({ layerName: "shared-libs", version: 1, compatibleRuntimes: ["nodejs20.x"], description: "libs", accountId, region: REGION });
    if (layer.policy.status !== "ok") throw new Error(`layer policy: ${JSON.stringify(layer.policy)}`);
    expect(layer.policy.value.document.Statement).toEqual([
      expect.objectContaining({ Sid: "public", Effect: "Allow", Principal: "*", Action: ["lambda:GetLayerVersion"] }),
    ]);
    const mappings = out.lambda_event_source_mapping.resources.map((r) => r.record);
    expect(mappings.map((m) => [m.eventSourceArn, m.sourceService, m.state, m.unqualifiedFunctionArn]).sort()).toEqual(
      [
        [queues.clean, "sqs", "Enabled", arns.clean],
        [queues.versioned, "sqs", "Disabled", arns.versioned],
      ].sort(),
    );
    for (const m of out.lambda_event_source_mapping.resources) expect(m.arn).toBe(`arn:aws:lambda:${REGION}:${accountId}:event-source-mapping:${m.record.uuid}`);
  });

  it("sees nothing of this account from another moto account", async () => {
    const errors: CallError[] = [];
    const other = randomAccountId();
    const lambda = instrument(new LambdaClient({ region: REGION }), { calls: 0, throttles: 0 }, other);
    const raw = await collectLambda({ lambda }, { accountId: other, region: REGION, recordError: (e) => errors.push(e) });
    expect(raw).toEqual({
      functions: { status: "ok", value: [] },
      eventSourceMappings: { status: "ok", value: [] },
      layers: { status: "ok", value: [] },
      accountSettings: { status: "error", code: "UnknownOperation", message: expect.any(String) },
    });
    expect(errors.map((e) => `${e.api} ${e.code}`)).toEqual(motoGaps(0, 0));
  });
});
