// Hand-built normalized Lambda records for rule tests. Every record goes through ZLambdaFunctionRecord,
// so a fixture can never drift from what the scanner actually stores.
import type { TStatement } from "@/lib/aws/policy-document";
import { ZLambdaFunctionRecord, type TLambdaFunctionRecord } from "@/scanners/lambda/record";
import { emptyInventory, type RuleInventory } from "@/lib/rules/types";

export const ACCOUNT_ID = "111122223333";
export const REGION = "us-east-1";

export function functionArn(name: string, accountId = ACCOUNT_ID, region = REGION): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${name}`;
}

/** A valid record of a plain function with no policy and no URL; `overrides` replace whole fields. */
export function lambdaFunction(overrides: Partial<TLambdaFunctionRecord> = {}): TLambdaFunctionRecord {
  const name = overrides.name ?? "orders-api";
  const accountId = overrides.accountId ?? ACCOUNT_ID;
  const region = overrides.region ?? REGION;
  return ZLambdaFunctionRecord.parse({
    arn: functionArn(name, accountId, region),
    name,
    accountId,
    region,
    description: null,
    runtime: "nodejs20.x",
    handler: "index.handler",
    packageType: "Zip",
    roleArn: `arn:aws:iam::${accountId}:role/${name}-role`,
    memorySize: 128,
    timeout: 3,
    codeSize: 1024,
    codeSha256: "c2hhMjU2",
    lastModified: "2026-01-01T00:00:00.000+0000",
    architectures: ["x86_64"],
    state: "Active",
    stateReasonCode: null,
    lastUpdateStatus: "Successful",
    tracingMode: "PassThrough",
    kmsKeyArn: null,
    deadLetterTargetArn: null,
    vpc: null,
    layers: [],
    environment: [],
    environmentError: null,
    ephemeralStorageMb: 512,
    snapStart: { applyOn: "None", optimizationStatus: "Off" },
    logging: { logFormat: "Text", applicationLogLevel: null, systemLogLevel: null, logGroup: `/aws/lambda/${name}` },
    runtimeVersionArn: null,
    signingProfileVersionArn: null,
    signingJobArn: null,
    fileSystems: [],
    policy: { status: "absent" },
    versions: { status: "ok", value: [] },
    aliases: { status: "ok", value: [] },
    qualifierPolicies: [],
    url: { status: "absent" },
    urls: { status: "ok", value: [] },
    urlsFetchedWith: "ListFunctionUrlConfigs",
    reservedConcurrency: { status: "absent" },
    provisionedConcurrency: { status: "ok", value: [] },
    eventInvokeConfigs: { status: "ok", value: [] },
    eventInvokeConfigsFetchedWith: "ListFunctionEventInvokeConfigs",
    codeSigningConfigArn: { status: "absent" },
    tags: { status: "ok", value: {} },
    recursiveLoop: { status: "ok", value: "Terminate" },
    eventSourceMappings: { status: "ok", value: [] },
    // Derived by the scanner from the fields above; a rule test that needs them sets them explicitly.
    triggers: [],
    triggerGaps: [],
    ...overrides,
  });
}

/** A fetched resource-based policy holding these statements. */
export function policyOf(...statements: TStatement[]): TLambdaFunctionRecord["policy"] {
  const document = { Version: "2012-10-17", Id: "default", Statement: statements };
  return { status: "ok", value: { document, text: JSON.stringify(document) } };
}

/** A failed read, as the scanner records it. */
export function fetchError(code = "AccessDeniedException"): { status: "error"; code: string; message: string } {
  return { status: "error", code, message: `${code}: not authorized to perform this operation` };
}

export function functionUrl(authType: string, url = "https://abc123.lambda-url.us-east-1.on.aws/"): TLambdaFunctionRecord["url"] {
  return { status: "ok", value: { url, authType, invokeMode: "BUFFERED", cors: null } };
}

export function inventoryOf(...lambdaFunctions: TLambdaFunctionRecord[]): RuleInventory {
  return { ...emptyInventory(ACCOUNT_ID), lambdaFunctions };
}

/** The statement AddPermission writes for `--principal "*"` with no condition. */
export function publicInvokeStatement(name = "orders-api", sid = "AllowAnyone"): TStatement {
  return { Sid: sid, Effect: "Allow", Principal: "*", Action: ["lambda:InvokeFunction"], Resource: [functionArn(name)] };
}
