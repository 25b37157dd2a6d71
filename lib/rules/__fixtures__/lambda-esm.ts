// Hand-built normalized event source mapping records for rule tests, parsed through
// ZLambdaEventSourceMappingRecord so a fixture cannot drift from what the scanner stores.
import { ZLambdaEventSourceMappingRecord, type TLambdaEventSourceMappingRecord, type TLambdaFunctionRecord } from "@/scanners/lambda/record";
import { emptyInventory, type RuleInventory } from "@/lib/rules/types";
import { ACCOUNT_ID, REGION, functionArn } from "./lambda-function";

export { ACCOUNT_ID, REGION, functionArn };

export const ESM_UUID = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";

export function esmArn(uuid = ESM_UUID, region = REGION, accountId = ACCOUNT_ID): string {
  return `arn:aws:lambda:${region}:${accountId}:event-source-mapping:${uuid}`;
}

export const sqsQueueArn = (name = "orders-queue", region = REGION) => `arn:aws:sqs:${region}:${ACCOUNT_ID}:${name}`;
export const kinesisStreamArn = (name = "payment-events", region = REGION) => `arn:aws:kinesis:${region}:${ACCOUNT_ID}:stream/${name}`;
export const dynamodbStreamArn = (table = "orders", region = REGION) =>
  `arn:aws:dynamodb:${region}:${ACCOUNT_ID}:table/${table}/stream/2026-01-01T00:00:00.000`;

/** A valid mapping: an enabled SQS queue feeding orders-api. `overrides` replace whole fields. */
export function eventSourceMapping(overrides: Partial<TLambdaEventSourceMappingRecord> = {}): TLambdaEventSourceMappingRecord {
  const uuid = overrides.uuid ?? ESM_UUID;
  const region = overrides.region ?? REGION;
  const accountId = overrides.accountId ?? ACCOUNT_ID;
  const target = overrides.functionArn ?? functionArn("orders-api", accountId, region);
  return ZLambdaEventSourceMappingRecord.parse({
    arn: esmArn(uuid, region, accountId),
    uuid,
    accountId,
    region,
    functionArn: target,
    unqualifiedFunctionArn: target.split(":").slice(0, 7).join(":"),
    qualifier: target.split(":")[7] ?? null,
    eventSourceArn: sqsQueueArn("orders-queue", region),
    sourceService: "sqs",
    state: "Enabled",
    stateTransitionReason: "USER_INITIATED",
    lastProcessingResult: null,
    lastModified: "2026-10-01T09:00:00.000Z",
    batchSize: 10,
    maximumBatchingWindowInSeconds: 0,
    parallelizationFactor: null,
    startingPosition: null,
    startingPositionTimestamp: null,
    bisectBatchOnFunctionError: null,
    maximumRetryAttempts: null,
    maximumRecordAgeInSeconds: null,
    tumblingWindowInSeconds: null,
    functionResponseTypes: [],
    onSuccessDestination: null,
    onFailureDestination: null,
    filterPatterns: [],
    filterCriteriaError: null,
    maximumConcurrency: null,
    kmsKeyArn: null,
    topics: [],
    queues: [],
    selfManagedEndpoints: null,
    sourceAccessConfigurations: [],
    provisionedPollers: null,
    ...overrides,
  });
}

/** A Kinesis or DynamoDB stream mapping with the defaults CreateEventSourceMapping gives (-1 = unbounded). */
export function streamMapping(
  kind: "kinesis" | "dynamodb",
  overrides: Partial<TLambdaEventSourceMappingRecord> = {},
): TLambdaEventSourceMappingRecord {
  return eventSourceMapping({
    sourceService: kind,
    eventSourceArn: kind === "kinesis" ? kinesisStreamArn() : dynamodbStreamArn(),
    batchSize: 100,
    startingPosition: "LATEST",
    parallelizationFactor: 1,
    bisectBatchOnFunctionError: false,
    maximumRetryAttempts: -1,
    maximumRecordAgeInSeconds: -1,
    ...overrides,
  });
}

/** The ref a function record keeps of a mapping (its `eventSourceMappings` entries). */
export function mappingRef(m: TLambdaEventSourceMappingRecord): Extract<TLambdaFunctionRecord["eventSourceMappings"], { status: "ok" }>["value"][number] {
  return { uuid: m.uuid, eventSourceArn: m.eventSourceArn, state: m.state, batchSize: m.batchSize, functionArn: m.functionArn ?? functionArn("orders-api") };
}

export function inventoryOfMappings(...lambdaEventSourceMappings: TLambdaEventSourceMappingRecord[]): RuleInventory {
  return { ...emptyInventory(ACCOUNT_ID), lambdaEventSourceMappings };
}
