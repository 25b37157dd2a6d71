import { describe, expect, it } from "vitest";
import { makeFingerprint } from "@/lib/aws/redact";
import { normalizeLambda, REDACTED_VALUE, unqualifiedFunctionArn } from "@/scanners/lambda/normalize";
import type { LambdaRaw, TLambdaFunctionRaw } from "@/scanners/lambda/raw";
import {
  ZLambdaAccountSettingsRecord,
  ZLambdaEventSourceMappingRecord,
  ZLambdaFunctionRecord,
  ZLambdaLayerVersionRecord,
  type TLambdaFunctionRecord,
  type TTrigger,
} from "@/scanners/lambda/record";
import type { NormalizeContext } from "@/scanners/types";
import {
  ACCOUNT_ID,
  ARNS,
  FIXTURE_SECRET_VALUES,
  LAYER_VERSION_ARNS,
  POLICIES,
  REGION,
  fixtureFunctions,
  fixtureRaw,
} from "./__fixtures__/fixtures";

const fingerprint = makeFingerprint("normalize-test-secret-0123456789");
const ctx: NormalizeContext = { accountId: ACCOUNT_ID, region: REGION, fingerprint };

function functionsOf(raw: LambdaRaw) {
  return normalizeLambda(raw, ctx).lambda_function;
}

function recordsByArn(raw: LambdaRaw): Map<string, TLambdaFunctionRecord> {
  return new Map(functionsOf(raw).resources.map((r) => [r.arn, r.record]));
}

function recordOf(raw: LambdaRaw, arn: string): TLambdaFunctionRecord {
  const record = recordsByArn(raw).get(arn);
  if (!record) throw new Error(`no record for ${arn}`);
  return record;
}

function rawFunction(raw: LambdaRaw, arn: string): TLambdaFunctionRaw {
  const fn = fixtureFunctions(raw).find((f) => f.configuration.FunctionArn === arn);
  if (!fn) throw new Error(`no raw function ${arn}`);
  return fn;
}

/** A trigger with the fields most cases leave empty. */
function trigger(t: Partial<TTrigger> & Pick<TTrigger, "sourceType" | "principal" | "via">): TTrigger {
  return {
    sourceArn: null,
    qualifier: null,
    statementSid: null,
    esmUuid: null,
    enabled: true,
    crossAccount: null,
    conditions: null,
    authType: null,
    ...t,
  };
}

describe("normalizeLambda: functions, on recorded responses", () => {
  it("returns one valid record per listed function, keyed by unqualified ARN, with a complete listing", () => {
    const result = functionsOf(fixtureRaw());
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
      ephemeralStorageMb: 512,
      snapStart: { applyOn: "None", optimizationStatus: "Off" },
      logging: { logFormat: "JSON", applicationLogLevel: "INFO", systemLogLevel: "WARN", logGroup: "/aws/lambda/orders-api" },
      environmentError: null,
      fileSystems: [],
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
    expect(record.logging).toEqual({ logFormat: "Text", applicationLogLevel: null, systemLogLevel: null, logGroup: "/aws/lambda/legacy-report" });
  });

  it("sets missing optional fields to null: image functions, and State that ListFunctions omits", () => {
    const record = recordOf(fixtureRaw(), ARNS.imageResizer);
    expect(record.packageType).toBe("Image");
    expect(record.runtime).toBeNull();
    expect(record.handler).toBeNull();
    expect(record.state).toBeNull();
    expect(record.layers).toEqual([]);
    expect(record.ephemeralStorageMb).toBe(10240);
    expect(record.environmentError).toEqual({
      errorCode: "AccessDeniedException",
      message: "Lambda was unable to decrypt the environment variables because KMS access was denied.",
    });
  });

  it("reads a configuration with nothing but its name and ARN", () => {
    const raw = fixtureRaw();
    const fn = rawFunction(raw, ARNS.streamConsumer);
    fn.configuration = { FunctionName: "stream-consumer", FunctionArn: ARNS.streamConsumer };
    const record = recordOf(raw, ARNS.streamConsumer);
    expect(record).toMatchObject({
      runtime: null,
      architectures: [],
      snapStart: null,
      logging: null,
      ephemeralStorageMb: null,
      environment: [],
      environmentError: null,
      runtimeVersionArn: null,
      signingProfileVersionArn: null,
      fileSystems: [],
    });
    expect(ZLambdaFunctionRecord.safeParse(record).success).toBe(true);
  });

  it("keeps unknown enum values as strings and reads an emptied VpcConfig as no VPC", () => {
    const record = recordOf(fixtureRaw(), ARNS.streamConsumer);
    expect(record.runtime).toBe("nodejs26.x");
    expect(record.tracingMode).toBe("PassThroughWithSampling");
    expect(record.vpc).toBeNull();
    expect(record.description).toBeNull();
    expect(record.snapStart).toBeNull();
    const pc = recordOf(fixtureRaw(), ARNS.queueWorker).provisionedConcurrency;
    expect(pc.status === "ok" && pc.value.map((p) => p.status)).toEqual(["READY", "WARMING_UP"]);
  });

  it("redacts environment values in the record: names, lengths, fingerprints and the secret detectors that fired", () => {
    const record = recordOf(fixtureRaw(), ARNS.ordersApi);
    const password = "fixture-db-password-Zq81!";
    const stripe = "sk_live_fixture_4eC39HqLyjWDarjtT1zdp7dc";
    expect(record.environment).toEqual([
      {
        name: "DB_PASSWORD",
        length: password.length,
        fingerprint: fingerprint(password),
        secrets: [{ detector: "password-assignment", confidence: "medium", fingerprint: fingerprint(password) }],
      },
      {
        name: "STRIPE_SECRET_KEY",
        length: stripe.length,
        fingerprint: fingerprint(stripe),
        // Not the Stripe key format (an underscore after the prefix), but random under a secret name.
        secrets: [{ detector: "high-entropy-secret", confidence: "medium", fingerprint: fingerprint(stripe) }],
      },
      { name: "TABLE_NAME", length: "orders-prod".length, fingerprint: fingerprint("orders-prod"), secrets: [] },
    ]);
    expect(recordOf(fixtureRaw(), ARNS.queueWorker).environment).toEqual([]);
  });

  it("runs the detectors on the clear value and keeps only the detector, confidence and a fingerprint of the secret part", () => {
    const raw = fixtureRaw();
    const dbPassword = ["Zq81", "-fixture-pw"].join("");
    const url = `postgres://orders_app:${dbPassword}@db.internal.example.com:5432/orders`;
    const keyId = ["AKIA", "IOSFODNN7", "EXAMPLE"].join("");
    const secretArn = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf";
    rawFunction(raw, ARNS.ordersApi).configuration.Environment = { Variables: { DATABASE_URL: url, LEGACY_KEY_ID: keyId, DB_SECRET_ARN: secretArn } };
    const out = normalizeLambda(raw, ctx);
    const env = out.lambda_function.resources.find((r) => r.arn === ARNS.ordersApi)?.record.environment;
    expect(env).toEqual([
      { name: "DATABASE_URL", length: url.length, fingerprint: fingerprint(url), secrets: [{ detector: "connection-string-password", confidence: "high", fingerprint: fingerprint(dbPassword) }] },
      { name: "DB_SECRET_ARN", length: secretArn.length, fingerprint: fingerprint(secretArn), secrets: [] },
      { name: "LEGACY_KEY_ID", length: 20, fingerprint: fingerprint(keyId), secrets: [{ detector: "aws-access-key-id", confidence: "high", fingerprint: fingerprint(keyId) }] },
    ]);
    const serialized = JSON.stringify(out);
    for (const clear of [url, dbPassword, keyId]) expect(serialized).not.toContain(clear);
  });

  it("finds secrets in the environment of published versions too", () => {
    const raw = fixtureRaw();
    const old = raw.functions.status === "ok" ? raw.functions.value.find((f) => f.configuration.FunctionArn === ARNS.queueWorker) : undefined;
    if (old?.versions.status !== "ok") throw new Error("versions should be listed");
    const token = ["gh", "p_", "Zq81Lm20Xx9fixtureTokenAbCdEf0123456"].join("");
    old.versions.value[1].Environment = { Variables: { GH_TOKEN: token } };
    const versions = recordOf(raw, ARNS.queueWorker).versions;
    if (versions.status !== "ok") throw new Error("versions should be listed");
    expect(versions.value.flatMap((v) => v.environment.flatMap((e) => e.secrets ?? []))).toEqual([
      { detector: "github-token", confidence: "high", fingerprint: fingerprint(token) },
    ]);
    expect(JSON.stringify(normalizeLambda(raw, ctx))).not.toContain(token);
  });

  it("keeps the code scan collect attached (absent when code scanning is off)", () => {
    expect(recordOf(fixtureRaw(), ARNS.ordersApi).codeSecrets).toEqual({ status: "absent" });
    const raw = fixtureRaw();
    const scan = {
      status: "ok",
      value: {
        packages: [{ kind: "function", arn: ARNS.ordersApi, status: "scanned", code: null, reason: null, codeSha256: "c2hh", filesScanned: 3, filesSkipped: 1 }],
        hits: [{ layerArn: null, path: "src/config.js", line: 4, detector: "aws-access-key-id", confidence: "high", fingerprint: "0123456789abcdef" }],
        hitsTruncated: false,
      },
    };
    Object.assign(rawFunction(raw, ARNS.ordersApi), { codeSecrets: scan });
    expect(recordOf(raw, ARNS.ordersApi).codeSecrets).toEqual(scan);
    Object.assign(rawFunction(raw, ARNS.ordersApi), { codeSecrets: { status: "error", code: "AccessDeniedException", message: "not authorized: lambda:GetFunction" } });
    expect(recordOf(raw, ARNS.ordersApi).codeSecrets).toMatchObject({ status: "error", code: "AccessDeniedException" });
    Object.assign(rawFunction(raw, ARNS.ordersApi), { codeSecrets: { status: "ok", value: { hits: "everything" } } });
    expect(recordOf(raw, ARNS.ordersApi).codeSecrets).toMatchObject({ status: "error", code: "InvalidCodeScan" });
  });

  it("redacts environment values in the stored raw too, keeping names and the Environment.Error message", () => {
    const resources = functionsOf(fixtureRaw()).resources;
    const raw = resources.find((r) => r.arn === ARNS.imageResizer)?.raw as {
      configuration: { Environment: { Variables: Record<string, string>; Error: { ErrorCode: string; Message: string } } };
    };
    expect(raw.configuration.Environment.Variables).toEqual({ BUCKET: REDACTED_VALUE, SIGNING_KEY: REDACTED_VALUE });
    expect(raw.configuration.Environment.Error).toEqual({
      ErrorCode: "AccessDeniedException",
      Message: "Lambda was unable to decrypt the environment variables because KMS access was denied.",
    });
  });

  it("redacts the environment of published versions, in the record and in the raw", () => {
    const resource = functionsOf(fixtureRaw()).resources.find((r) => r.arn === ARNS.queueWorker);
    const versions = resource?.record.versions;
    if (versions?.status !== "ok") throw new Error("versions should be listed");
    expect(versions.value[0].environment).toEqual([
      { name: "OLD_API_KEY", length: "fixture-old-api-key-1111".length, fingerprint: fingerprint("fixture-old-api-key-1111"), secrets: [] },
    ]);
    const raw = resource?.raw as { versions: { value: { Version: string; Environment?: { Variables: Record<string, string> } }[] } };
    expect(raw.versions.value.find((v) => v.Version === "1")?.Environment?.Variables).toEqual({ OLD_API_KEY: REDACTED_VALUE });
  });

  it("lets no environment value reach anything normalize returns, for any kind", () => {
    const serialized = JSON.stringify(normalizeLambda(fixtureRaw(), ctx));
    for (const value of FIXTURE_SECRET_VALUES) expect(serialized).not.toContain(value);
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
    const raw = fixtureRaw();
    rawFunction(raw, ARNS.queueWorker).policy = { status: "error", code: "AccessDeniedException", message: "not authorized to perform: lambda:GetPolicy" };
    expect(recordOf(raw, ARNS.queueWorker).policy).toEqual({
      status: "error",
      code: "AccessDeniedException",
      message: "not authorized to perform: lambda:GetPolicy",
    });
  });

  it("turns a policy that cannot be parsed into a MalformedPolicy error outcome and a trigger gap", () => {
    const raw = fixtureRaw();
    rawFunction(raw, ARNS.ordersApi).policy = { status: "ok", value: { Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Maybe"}]}' } };
    const record = recordOf(raw, ARNS.ordersApi);
    expect(record.policy).toMatchObject({ status: "error", code: "MalformedPolicy" });
    expect(record.policy.status === "error" && record.policy.message).toMatch(/Effect/);
    expect(record.triggerGaps).toEqual([expect.objectContaining({ via: "resource_policy", qualifier: null, api: "lambda:GetPolicy", code: "MalformedPolicy" })]);
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

    const raw = fixtureRaw();
    rawFunction(raw, ARNS.ordersApi).urls = {
      via: "ListFunctionUrlConfigs",
      result: { status: "ok", value: [{ FunctionUrl: "https://u.example/", AuthType: "AWS_SIGV5", Cors: { AllowOrigins: ["https://a.example"] } }] },
    };
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

  it("lists the URLs of aliases apart from the unqualified one", () => {
    const record = recordOf(fixtureRaw(), ARNS.queueWorker);
    expect(record.url).toEqual({ status: "absent" });
    expect(record.urls).toEqual({
      status: "ok",
      value: [
        {
          qualifier: "canary",
          url: "https://q7w3e5r2t8y4u6i1o9p0a2s4d6f8g0hj.lambda-url.us-east-1.on.aws/",
          authType: "NONE",
          invokeMode: "BUFFERED",
          cors: null,
        },
      ],
    });
    expect(record.urlsFetchedWith).toBe("ListFunctionUrlConfigs");
  });

  it("reads the fallback URLs by the ARN each reply names, so moto's qualifier-blind replies count once", () => {
    const raw = fixtureRaw();
    const url = { FunctionUrl: "https://m.example/", FunctionArn: ARNS.queueWorker, AuthType: "NONE" };
    // moto answers GetFunctionUrlConfig(Qualifier=canary) with the function's one URL and an unqualified ARN.
    rawFunction(raw, ARNS.queueWorker).urls = {
      via: "GetFunctionUrlConfig",
      listFailure: { code: "UnknownOperation", message: "404" },
      results: [
        { qualifier: null, config: { status: "ok", value: url } },
        { qualifier: "live", config: { status: "ok", value: url } },
        { qualifier: "canary", config: { status: "absent" } },
      ],
    };
    const record = recordOf(raw, ARNS.queueWorker);
    expect(record.urls).toMatchObject({ status: "ok", value: [{ qualifier: null, url: "https://m.example/" }] });
    expect(record.urlsFetchedWith).toBe("GetFunctionUrlConfig");
    expect(record.triggers.filter((t) => t.via === "function_url")).toEqual([
      trigger({ sourceType: "function-url", principal: "*", via: "function_url", authType: "NONE" }),
    ]);
  });

  it("marks the URL list unknown when the fallback could not list the aliases", () => {
    const raw = fixtureRaw();
    const fn = rawFunction(raw, ARNS.queueWorker);
    fn.aliases = { status: "error", code: "AccessDeniedException", message: "no lambda:ListAliases" };
    fn.urls = { via: "GetFunctionUrlConfig", listFailure: { code: "UnknownOperation", message: "404" }, results: [{ qualifier: null, config: { status: "absent" } }] };
    const record = recordOf(raw, ARNS.queueWorker);
    expect(record.url).toEqual({ status: "absent" });
    expect(record.urls).toEqual({ status: "error", code: "AccessDeniedException", message: "no lambda:ListAliases" });
    expect(record.triggerGaps).toContainEqual(
      expect.objectContaining({ via: "function_url", qualifier: null, api: "lambda:ListAliases", code: "AccessDeniedException" }),
    );
  });

  it("maps versions (both pages, $LATEST left out) and aliases (both pages) with weighted routing", () => {
    const record = recordOf(fixtureRaw(), ARNS.queueWorker);
    expect(record.versions).toEqual({
      status: "ok",
      value: [
        expect.objectContaining({
          version: "1",
          arn: `${ARNS.queueWorker}:1`,
          description: null,
          runtime: "java21",
          roleArn: "arn:aws:iam::111122223333:role/queue-worker-role",
          codeSha256: "MTExMTExMTExMTExMTExMTExMTExMTExMTExMTExMTE=",
          lastModified: "2024-12-01T10:00:00.000+0000",
          kmsKeyArn: null,
          state: null,
        }),
        expect.objectContaining({ version: "2", arn: `${ARNS.queueWorker}:2`, description: "Consumes the orders queue", environment: [] }),
      ],
    });
    expect(record.aliases).toEqual({
      status: "ok",
      value: [
        { name: "live", arn: `${ARNS.queueWorker}:live`, functionVersion: "2", description: "Production traffic", routing: [] },
        { name: "canary", arn: `${ARNS.queueWorker}:canary`, functionVersion: "2", description: null, routing: [{ version: "1", weight: 0.1 }] },
      ],
    });
    expect(recordOf(fixtureRaw(), ARNS.ordersApi).versions).toEqual({ status: "ok", value: [] });
    expect(recordOf(fixtureRaw(), ARNS.ordersApi).aliases).toEqual({ status: "ok", value: [] });
  });

  it("parses each qualifier's policy and passes absent ones through", () => {
    const record = recordOf(fixtureRaw(), ARNS.queueWorker);
    expect(record.qualifierPolicies.map((q) => [q.qualifier, q.policy.status])).toEqual([
      ["1", "absent"],
      ["2", "absent"],
      ["live", "ok"],
      ["canary", "ok"],
    ]);
    const live = record.qualifierPolicies[2].policy;
    expect(live.status === "ok" && live.value.document.Statement.map((s) => s.Sid)).toEqual(["sns-order-events", "nightly-replay"]);
    expect(recordOf(fixtureRaw(), ARNS.ordersApi).qualifierPolicies).toEqual([]);
  });

  it("maps concurrency, invoke configs, code signing, tags and recursion", () => {
    const records = recordsByArn(fixtureRaw());
    expect(records.get(ARNS.ordersApi)?.reservedConcurrency).toEqual({ status: "ok", value: 50 });
    expect(records.get(ARNS.imageResizer)?.reservedConcurrency).toEqual({ status: "ok", value: 0 });
    expect(records.get(ARNS.legacyReport)?.reservedConcurrency).toEqual({ status: "absent" });

    expect(records.get(ARNS.queueWorker)?.provisionedConcurrency).toEqual({
      status: "ok",
      value: [
        { qualifier: "live", requested: 5, available: 5, allocated: 5, status: "READY", statusReason: null },
        { qualifier: "2", requested: 2, available: 0, allocated: 0, status: "WARMING_UP", statusReason: "Provisioning in a new capacity pool" },
      ],
    });
    // No version or alias: provisioned concurrency cannot exist, and was not asked for.
    expect(records.get(ARNS.ordersApi)?.provisionedConcurrency).toEqual({ status: "ok", value: [] });

    expect(records.get(ARNS.legacyReport)?.eventInvokeConfigs).toEqual({
      status: "ok",
      value: [
        {
          qualifier: null,
          maximumRetryAttempts: 0,
          maximumEventAgeInSeconds: 3600,
          onSuccessDestination: null,
          onFailureDestination: "arn:aws:sqs:us-east-1:111122223333:legacy-report-dlq",
        },
      ],
    });
    expect(records.get(ARNS.queueWorker)?.eventInvokeConfigs).toEqual({
      status: "ok",
      value: [
        {
          qualifier: "live",
          maximumRetryAttempts: 2,
          maximumEventAgeInSeconds: null,
          onSuccessDestination: "arn:aws:events:us-east-1:111122223333:event-bus/orders",
          onFailureDestination: "arn:aws:sqs:us-east-1:111122223333:queue-worker-failures",
        },
      ],
    });
    expect(records.get(ARNS.queueWorker)?.eventInvokeConfigsFetchedWith).toBe("ListFunctionEventInvokeConfigs");

    expect(records.get(ARNS.streamConsumer)?.codeSigningConfigArn).toEqual({
      status: "ok",
      value: "arn:aws:lambda:us-east-1:111122223333:code-signing-config:csc-0a1b2c3d4e5f60718",
    });
    expect(records.get(ARNS.ordersApi)?.codeSigningConfigArn).toEqual({ status: "absent" });

    expect(records.get(ARNS.ordersApi)?.tags).toEqual({ status: "ok", value: { team: "orders", "aws:cloudformation:stack-name": "orders-stack" } });
    expect(records.get(ARNS.streamConsumer)?.tags).toEqual({ status: "ok", value: {} });
    expect(records.get(ARNS.streamConsumer)?.recursiveLoop).toEqual({ status: "ok", value: "Allow" });
    expect(records.get(ARNS.ordersApi)?.recursiveLoop).toEqual({ status: "ok", value: "Terminate" });
  });

  it("maps the invoke configs read one qualifier at a time, and marks them unknown when a qualifier listing failed", () => {
    const raw = fixtureRaw();
    const fn = rawFunction(raw, ARNS.queueWorker);
    const config = { FunctionArn: `${ARNS.queueWorker}:live`, MaximumRetryAttempts: 1 };
    fn.eventInvokeConfigs = {
      via: "GetFunctionEventInvokeConfig",
      listFailure: { code: "UnparseableResponse", message: "HTTP 200" },
      results: [
        { qualifier: null, config: { status: "absent" } },
        { qualifier: "live", config: { status: "ok", value: config } },
        // moto ignores the qualifier and answers with the same config: counted once.
        { qualifier: "canary", config: { status: "ok", value: config } },
      ],
    };
    expect(recordOf(raw, ARNS.queueWorker).eventInvokeConfigs).toEqual({
      status: "ok",
      value: [{ qualifier: "live", maximumRetryAttempts: 1, maximumEventAgeInSeconds: null, onSuccessDestination: null, onFailureDestination: null }],
    });
    expect(recordOf(raw, ARNS.queueWorker).eventInvokeConfigsFetchedWith).toBe("GetFunctionEventInvokeConfig");
    fn.versions = { status: "error", code: "AccessDeniedException", message: "no lambda:ListVersionsByFunction" };
    expect(recordOf(raw, ARNS.queueWorker).eventInvokeConfigs).toEqual({ status: "error", code: "AccessDeniedException", message: "no lambda:ListVersionsByFunction" });
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
    const resource = functionsOf(fixtureRaw()).resources.find((r) => r.arn === ARNS.queueWorker);
    const raw = resource?.raw as { eventSourceMappings: { status: string; value: { UUID: string }[] } };
    expect(raw.eventSourceMappings.value.map((m) => m.UUID)).toEqual([
      "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f",
      "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e",
    ]);
  });

  it("gives every function the error outcome and a trigger gap when the mapping listing failed", () => {
    const raw = fixtureRaw();
    raw.eventSourceMappings = { status: "error", code: "AccessDeniedException", message: "no lambda:ListEventSourceMappings" };
    const result = functionsOf(raw);
    expect(result.listingComplete).toBe(true);
    expect(result.resources).toHaveLength(5);
    for (const r of result.resources) {
      expect(r.record.eventSourceMappings).toEqual({
        status: "error",
        code: "AccessDeniedException",
        message: "no lambda:ListEventSourceMappings",
      });
      expect(r.record.triggerGaps).toContainEqual({
        via: "event_source_mapping",
        qualifier: null,
        api: "lambda:ListEventSourceMappings",
        code: "AccessDeniedException",
        message: "no lambda:ListEventSourceMappings",
      });
      expect(r.record.triggers.some((t) => t.via === "event_source_mapping")).toBe(false);
    }
  });

  it("returns no functions and an incomplete listing when ListFunctions failed", () => {
    const raw = fixtureRaw();
    raw.functions = { status: "error", code: "AccessDeniedException", message: "denied" };
    expect(functionsOf(raw)).toEqual({ resources: [], listingComplete: false });
  });

  it("strips a qualifier from a listed ARN and stores a function listed twice once", () => {
    const raw = fixtureRaw();
    const functions = fixtureFunctions(raw);
    functions[0].configuration.FunctionArn = `${ARNS.ordersApi}:$LATEST`;
    functions.push(structuredClone(functions[1]));
    expect(functionsOf(raw).resources.map((r) => r.arn)).toEqual([
      ARNS.ordersApi,
      ARNS.legacyReport,
      ARNS.imageResizer,
      ARNS.queueWorker,
      ARNS.streamConsumer,
    ]);
  });
});

describe("normalizeLambda: triggers", () => {
  it("orders-api: its function URL (auth NONE), the URL grant to anyone and an API Gateway grant", () => {
    expect(recordOf(fixtureRaw(), ARNS.ordersApi).triggers).toEqual([
      trigger({ sourceType: "function-url", principal: "*", via: "function_url", authType: "NONE" }),
      trigger({
        sourceType: "apigateway",
        sourceArn: "arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5/*/POST/orders",
        principal: "apigateway.amazonaws.com",
        via: "resource_policy",
        statementSid: "apigw-invoke",
        crossAccount: false,
        conditions: { sourceAccounts: [], keys: ["ArnLike:AWS:SourceArn"] },
      }),
      trigger({
        sourceType: "function-url",
        principal: "*",
        via: "resource_policy",
        statementSid: "FunctionURLAllowPublicAccess",
        conditions: { sourceAccounts: [], keys: ["StringEquals:lambda:FunctionUrlAuthType"] },
      }),
    ]);
    expect(recordOf(fixtureRaw(), ARNS.ordersApi).triggerGaps).toEqual([]);
  });

  it("legacy-report: a cross-account principal and an S3 bucket pinned to this account", () => {
    expect(recordOf(fixtureRaw(), ARNS.legacyReport).triggers).toEqual([
      trigger({
        sourceType: "aws-account",
        principal: "arn:aws:iam::444455556666:root",
        via: "resource_policy",
        statementSid: "cross-account",
        crossAccount: true,
        conditions: { sourceAccounts: [], keys: [] },
      }),
      trigger({
        sourceType: "s3",
        sourceArn: "arn:aws:s3:::legacy-reports-inbox",
        principal: "s3.amazonaws.com",
        via: "resource_policy",
        statementSid: "s3-events",
        crossAccount: false,
        conditions: { sourceAccounts: ["111122223333"], keys: ["ArnLike:AWS:SourceArn", "StringEquals:AWS:SourceAccount"] },
      }),
    ]);
  });

  it("image-resizer: a self-managed Kafka mapping being enabled, and an IAM-authenticated URL", () => {
    expect(recordOf(fixtureRaw(), ARNS.imageResizer).triggers).toEqual([
      trigger({ sourceType: "kafka", principal: "lambda.amazonaws.com", via: "event_source_mapping", esmUuid: "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a" }),
      trigger({ sourceType: "function-url", principal: "AWS_IAM", via: "function_url", authType: "AWS_IAM" }),
    ]);
  });

  it("queue-worker: mappings (one disabled, one on an alias), alias policies of every source type, and an alias URL", () => {
    const sqs = "arn:aws:sqs:us-east-1:111122223333:orders-queue";
    expect(recordOf(fixtureRaw(), ARNS.queueWorker).triggers).toEqual([
      trigger({
        sourceType: "sqs",
        sourceArn: sqs,
        principal: "lambda.amazonaws.com",
        via: "event_source_mapping",
        qualifier: "live",
        esmUuid: "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f",
        crossAccount: false,
      }),
      trigger({
        sourceType: "sqs",
        sourceArn: `${sqs}-replay`,
        principal: "lambda.amazonaws.com",
        via: "event_source_mapping",
        esmUuid: "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e",
        enabled: false,
        crossAccount: false,
      }),
      trigger({ sourceType: "function-url", principal: "*", via: "function_url", qualifier: "canary", authType: "NONE" }),
      trigger({
        sourceType: "aws-account",
        principal: "arn:aws:iam::444455556666:role/canary-tester",
        via: "resource_policy",
        qualifier: "canary",
        statementSid: "partner-canary",
        crossAccount: true,
        conditions: { sourceAccounts: [], keys: [] },
      }),
      trigger({
        sourceType: "events",
        sourceArn: "arn:aws:events:us-east-1:111122223333:rule/nightly-replay",
        principal: "events.amazonaws.com",
        via: "resource_policy",
        qualifier: "live",
        statementSid: "nightly-replay",
        crossAccount: false,
        conditions: { sourceAccounts: [], keys: ["ArnLike:AWS:SourceArn"] },
      }),
      trigger({
        sourceType: "function-url",
        principal: "*",
        via: "resource_policy",
        qualifier: "canary",
        statementSid: "FunctionURLAllowPublicAccess",
        conditions: { sourceAccounts: [], keys: ["StringEquals:lambda:FunctionUrlAuthType"] },
      }),
      trigger({
        sourceType: "iot",
        sourceArn: "arn:aws:iot:us-east-1:111122223333:rule/device_alerts",
        principal: "iot.amazonaws.com",
        via: "resource_policy",
        qualifier: "canary",
        statementSid: "device-alerts",
        crossAccount: false,
        conditions: { sourceAccounts: ["111122223333"], keys: ["ArnLike:AWS:SourceArn", "StringEquals:AWS:SourceAccount"] },
      }),
      trigger({
        sourceType: "sns",
        sourceArn: "arn:aws:sns:us-east-1:111122223333:order-events",
        principal: "sns.amazonaws.com",
        via: "resource_policy",
        qualifier: "live",
        statementSid: "sns-order-events",
        crossAccount: false,
        conditions: { sourceAccounts: [], keys: ["ArnLike:AWS:SourceArn"] },
      }),
    ]);
  });

  it("stream-consumer: a DynamoDB stream, CloudWatch Logs granted twice (one trigger, weakest grant) and an ALB; no non-invoke grant", () => {
    expect(recordOf(fixtureRaw(), ARNS.streamConsumer).triggers).toEqual([
      trigger({
        sourceType: "dynamodb",
        sourceArn: "arn:aws:dynamodb:us-east-1:111122223333:table/orders/stream/2024-03-11T09:00:00.000",
        principal: "lambda.amazonaws.com",
        via: "event_source_mapping",
        esmUuid: "2f7a1c9e-8b3d-4e5f-a6b7-c8d9e0f1a2b3",
        crossAccount: false,
      }),
      trigger({
        sourceType: "cloudwatch-logs",
        sourceArn: "arn:aws:logs:us-east-1:111122223333:log-group:/app/audit:*",
        principal: "logs.us-east-1.amazonaws.com",
        via: "resource_policy",
        statementSid: "audit-logs-2",
        crossAccount: false,
        conditions: { sourceAccounts: [], keys: ["ArnLike:AWS:SourceArn"] },
      }),
      trigger({
        sourceType: "elasticloadbalancing",
        sourceArn: "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/stream-tg/0123456789abcdef",
        principal: "elasticloadbalancing.amazonaws.com",
        via: "resource_policy",
        statementSid: "alb-target",
        crossAccount: false,
        conditions: { sourceAccounts: [], keys: ["ArnLike:AWS:SourceArn"] },
      }),
    ]);
  });

  it("records a gap per qualifier policy that failed, and for qualifiers that could not be listed", () => {
    const raw = fixtureRaw();
    const fn = rawFunction(raw, ARNS.queueWorker);
    fn.qualifierPolicies[3].policy = { status: "error", code: "TooManyRequestsException", message: "Rate exceeded" };
    fn.versions = { status: "error", code: "AccessDeniedException", message: "no lambda:ListVersionsByFunction" };
    const record = recordOf(raw, ARNS.queueWorker);
    expect(record.triggerGaps).toEqual([
      { via: "resource_policy", qualifier: null, api: "lambda:ListVersionsByFunction", code: "AccessDeniedException", message: "no lambda:ListVersionsByFunction" },
      { via: "resource_policy", qualifier: "canary", api: "lambda:GetPolicy", code: "TooManyRequestsException", message: "Rate exceeded" },
    ]);
    expect(record.triggers.some((t) => t.qualifier === "canary" && t.via === "resource_policy")).toBe(false);
    expect(record.triggers.some((t) => t.qualifier === "live" && t.via === "resource_policy")).toBe(true);
  });

  it("has no gaps when every source was read", () => {
    for (const r of functionsOf(fixtureRaw()).resources) expect(r.record.triggerGaps, r.arn).toEqual([]);
  });
});

describe("normalizeLambda: layer versions", () => {
  it("returns every version of every layer over both pages, with parsed policies", () => {
    const result = normalizeLambda(fixtureRaw(), ctx).lambda_layer_version;
    expect(result.listingComplete).toBe(true);
    expect(result.resources.map((r) => r.arn)).toEqual([
      LAYER_VERSION_ARNS.sharedUtils7,
      LAYER_VERSION_ARNS.sharedUtils6,
      LAYER_VERSION_ARNS.sharedUtils5,
      LAYER_VERSION_ARNS.internalAuth3,
    ]);
    for (const r of result.resources) expect(ZLambdaLayerVersionRecord.safeParse(r.record).success).toBe(true);
    const [v7, v6, v5, auth] = result.resources.map((r) => r.record);
    expect(v7).toMatchObject({
      layerArn: "arn:aws:lambda:us-east-1:111122223333:layer:shared-utils",
      layerName: "shared-utils",
      version: 7,
      accountId: ACCOUNT_ID,
      region: REGION,
      description: "Shared helpers",
      createdDate: "2024-03-01T12:00:00.000+0000",
      compatibleRuntimes: ["nodejs20.x", "nodejs22.x"],
      compatibleArchitectures: ["x86_64", "arm64"],
      licenseInfo: "MIT",
    });
    expect(v7.policy.status === "ok" && v7.policy.value.document.Statement).toEqual([
      { Sid: "public", Effect: "Allow", Principal: "*", Action: ["lambda:GetLayerVersion"], Resource: [LAYER_VERSION_ARNS.sharedUtils7] },
    ]);
    expect(v6.policy.status === "ok" && v6.policy.value.document.Statement[0].Condition).toEqual({ StringEquals: { "aws:PrincipalOrgID": ["o-a1b2c3d4e5"] } });
    expect(v5).toMatchObject({ description: null, compatibleArchitectures: [], policy: { status: "absent" } });
    // An unknown future runtime is kept as sent.
    expect(auth.compatibleRuntimes).toEqual(["python3.12", "python4.0"]);
  });

  it("keeps what is known but marks the listing incomplete when one layer's versions could not be listed", () => {
    const raw = fixtureRaw();
    if (raw.layers.status !== "ok") throw new Error("layers should be listed");
    raw.layers.value[0].versionsListing = { status: "error", code: "AccessDeniedException", message: "no lambda:ListLayerVersions" };
    raw.layers.value[0].versions = raw.layers.value[0].versions.slice(0, 1);
    const result = normalizeLambda(raw, ctx).lambda_layer_version;
    expect(result.listingComplete).toBe(false);
    expect(result.resources.map((r) => r.arn)).toEqual([LAYER_VERSION_ARNS.sharedUtils7, LAYER_VERSION_ARNS.internalAuth3]);
  });

  it("passes a policy read error through as the version's error outcome", () => {
    const raw = fixtureRaw();
    if (raw.layers.status !== "ok") throw new Error("layers should be listed");
    raw.layers.value[1].versions[0].policy = { status: "error", code: "AccessDeniedException", message: "no lambda:GetLayerVersionPolicy" };
    const auth = normalizeLambda(raw, ctx).lambda_layer_version.resources.find((r) => r.arn === LAYER_VERSION_ARNS.internalAuth3);
    expect(auth?.record.policy).toEqual({ status: "error", code: "AccessDeniedException", message: "no lambda:GetLayerVersionPolicy" });
  });

  it("returns nothing and an incomplete listing when ListLayers failed", () => {
    const raw = fixtureRaw();
    raw.layers = { status: "error", code: "AccessDeniedException", message: "denied" };
    expect(normalizeLambda(raw, ctx).lambda_layer_version).toEqual({ resources: [], listingComplete: false });
  });
});

describe("normalizeLambda: event source mappings", () => {
  it("returns every mapping, orphans included, with its full configuration", () => {
    const result = normalizeLambda(fixtureRaw(), ctx).lambda_event_source_mapping;
    expect(result.listingComplete).toBe(true);
    for (const r of result.resources) expect(ZLambdaEventSourceMappingRecord.safeParse(r.record).success).toBe(true);
    const byUuid = new Map(result.resources.map((r) => [r.record.uuid, r]));
    expect(result.resources.map((r) => r.record.sourceService)).toEqual(["dynamodb", "sqs", "sqs", "kinesis", "kafka"]);

    expect(byUuid.get("2f7a1c9e-8b3d-4e5f-a6b7-c8d9e0f1a2b3")?.record).toMatchObject({
      arn: "arn:aws:lambda:us-east-1:111122223333:event-source-mapping:2f7a1c9e-8b3d-4e5f-a6b7-c8d9e0f1a2b3",
      functionArn: ARNS.streamConsumer,
      unqualifiedFunctionArn: ARNS.streamConsumer,
      qualifier: null,
      state: "Enabled",
      batchSize: 100,
      startingPosition: "LATEST",
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 3,
      maximumRecordAgeInSeconds: -1,
      tumblingWindowInSeconds: 60,
      onFailureDestination: "arn:aws:sqs:us-east-1:111122223333:stream-consumer-failures",
      onSuccessDestination: null,
      filterPatterns: ['{"eventName":["INSERT","MODIFY"]}'],
      lastModified: "2026-10-01T10:05:00.000Z",
    });
    expect(byUuid.get("5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f")?.record).toMatchObject({
      functionArn: `${ARNS.queueWorker}:live`,
      unqualifiedFunctionArn: ARNS.queueWorker,
      qualifier: "live",
      maximumConcurrency: 25,
      functionResponseTypes: ["ReportBatchItemFailures"],
      bisectBatchOnFunctionError: null,
      onFailureDestination: null,
    });
    expect(byUuid.get("e0f1a2b3-c4d5-4e6f-a7b8-c9d0e1f2a3b4")).toMatchObject({
      // Created before mappings had ARNs: AWS's format rebuilt from the UUID.
      arn: "arn:aws:lambda:us-east-1:111122223333:event-source-mapping:e0f1a2b3-c4d5-4e6f-a7b8-c9d0e1f2a3b4",
      record: {
        unqualifiedFunctionArn: "arn:aws:lambda:us-east-1:111122223333:function:deleted-last-week",
        startingPosition: "AT_TIMESTAMP",
        startingPositionTimestamp: "2024-11-01T00:00:00.000Z",
        stateTransitionReason: "Function does not exist",
      },
    });
    expect(byUuid.get("7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a")?.record).toMatchObject({
      eventSourceArn: null,
      state: "Enabling",
      topics: ["image-uploads"],
      selfManagedEndpoints: { KAFKA_BOOTSTRAP_SERVERS: ["b-1.kafka.internal:9096", "b-2.kafka.internal:9096"] },
      sourceAccessConfigurations: [
        { type: "SASL_SCRAM_512_AUTH", uri: "arn:aws:secretsmanager:us-east-1:111122223333:secret:kafka-creds-AbCdEf" },
        { type: "VPC_SUBNET", uri: "subnet:subnet-0a1b2c3d4e5f60718" },
      ],
      provisionedPollers: { minimum: 1, maximum: 3 },
      filterCriteriaError: null,
      kmsKeyArn: null,
    });
  });

  it("classifies sources by their ARN's service", () => {
    const raw = fixtureRaw();
    if (raw.eventSourceMappings.status !== "ok") throw new Error("mappings should be listed");
    // Without EventSourceMappingArn, so each gets its own ARN from its UUID.
    const base = { ...raw.eventSourceMappings.value[0], EventSourceMappingArn: undefined };
    raw.eventSourceMappings.value = [
      { ...base, UUID: "a", EventSourceArn: "arn:aws:kafka:us-east-1:111122223333:cluster/msk/abc" },
      { ...base, UUID: "b", EventSourceArn: "arn:aws:mq:us-east-1:111122223333:broker:mq:b-1" },
      { ...base, UUID: "c", EventSourceArn: "arn:aws:rds:us-east-1:111122223333:cluster:docdb-1" },
      { ...base, UUID: "d", EventSourceArn: "arn:aws:sqs-next:us-east-1:111122223333:q" },
      { ...base, UUID: "e", EventSourceArn: undefined, SelfManagedEventSource: undefined },
    ];
    const result = normalizeLambda(raw, ctx).lambda_event_source_mapping;
    expect(result.resources.map((r) => r.record.sourceService)).toEqual(["kafka", "mq", "docdb", "other", "other"]);
  });

  it("returns nothing and an incomplete listing when the listing failed", () => {
    const raw = fixtureRaw();
    raw.eventSourceMappings = { status: "error", code: "AccessDeniedException", message: "denied" };
    expect(normalizeLambda(raw, ctx).lambda_event_source_mapping).toEqual({ resources: [], listingComplete: false });
  });
});

describe("normalizeLambda: account settings", () => {
  it("returns the region's one settings record", () => {
    const result = normalizeLambda(fixtureRaw(), ctx).lambda_account_settings;
    expect(result).toEqual({
      listingComplete: true,
      resources: [
        {
          arn: "arn:aws:lambda:us-east-1:111122223333:account-settings",
          record: {
            arn: "arn:aws:lambda:us-east-1:111122223333:account-settings",
            accountId: ACCOUNT_ID,
            region: REGION,
            settings: {
              status: "ok",
              value: {
                totalCodeSizeLimit: 80530636800,
                codeSizeUnzippedLimit: 262144000,
                codeSizeZippedLimit: 52428800,
                concurrentExecutionsLimit: 1000,
                unreservedConcurrentExecutions: 930,
                totalCodeSizeUsed: 21104862,
                functionCount: 5,
              },
            },
          },
          raw: fixtureRaw().accountSettings,
        },
      ],
    });
    expect(ZLambdaAccountSettingsRecord.safeParse(result.resources[0].record).success).toBe(true);
  });

  it("keeps the record with an error outcome when the settings could not be read (moto: GetAccountSettings missing)", () => {
    const raw = fixtureRaw();
    raw.accountSettings = { status: "error", code: "UnknownOperation", message: "not implemented" };
    const result = normalizeLambda(raw, { ...ctx, region: "cn-north-1" }).lambda_account_settings;
    expect(result.listingComplete).toBe(true);
    expect(result.resources[0].arn).toBe("arn:aws-cn:lambda:cn-north-1:111122223333:account-settings");
    expect(result.resources[0].record.settings).toEqual({ status: "error", code: "UnknownOperation", message: "not implemented" });
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
