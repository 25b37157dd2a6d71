// Reads one (account, region) of Lambda: one paginated ListFunctions, one region-wide paginated
// ListEventSourceMappings, then GetPolicy and GetFunctionUrlConfig per function. A failed call is recorded and
// stored as an error outcome for what it describes; it never stops the rest of the collection.
import {
  GetFunctionUrlConfigCommand,
  GetPolicyCommand,
  paginateListEventSourceMappings,
  paginateListFunctions,
} from "@aws-sdk/client-lambda";
import type { z } from "zod";
import type { LambdaClients } from "@/lib/aws/clients";
import type { Fetched } from "@/lib/aws/fetched";
import type { CollectContext } from "@/scanners/types";
import {
  ZEventSourceMapping,
  ZFunctionConfiguration,
  ZFunctionUrlConfig,
  ZGetPolicyResponse,
  type LambdaRaw,
  type TEventSourceMapping,
  type TFunctionConfiguration,
  type TFunctionUrlConfig,
  type TGetPolicyResponse,
  type TLambdaFunctionRaw,
} from "@/scanners/lambda/raw";

/** AWS returns at most 50 functions per ListFunctions page whatever MaxItems says. */
const LIST_FUNCTIONS_PAGE_SIZE = 50;
/** ListEventSourceMappings returns at most 100 per page. */
const LIST_ESM_PAGE_SIZE = 100;
/**
 * Per-function reads in flight. GetPolicy has its own 15 req/s bucket and GetFunctionUrlConfig shares the
 * 15 req/s control-plane bucket; a handful in flight keeps both near their limit while the SDK's adaptive
 * retry absorbs throttles, without a burst that trips them all at once.
 */
export const DETAIL_CONCURRENCY = 4;

type CallFailure = { code: string; message: string };

class InvalidResponseError extends Error {
  override name = "InvalidResponse";
}

function failureOf(err: unknown): CallFailure {
  if (err instanceof Error) return { code: err.name || "Error", message: err.message };
  return { code: "UnknownError", message: String(err) };
}

/** A cancelled unit ends by throwing, never as a raw that looks like AWS answered "error". */
function throwIfAborted(err: unknown, signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? err;
}

/** SDK output to plain JSON: drops $metadata, turns Dates into ISO strings (ESM LastModified). */
function toJson(value: unknown): unknown {
  if (value && typeof value === "object" && "$metadata" in value) {
    const { $metadata: _metadata, ...rest } = value as Record<string, unknown>;
    value = rest;
  }
  return JSON.parse(JSON.stringify(value ?? null));
}

function parseResponse<S extends z.ZodTypeAny>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(toJson(value));
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new InvalidResponseError(`Unexpected ${what} response shape: ${issues.join("; ")}`);
  }
  return parsed.data;
}

async function listFunctions(clients: LambdaClients, signal: AbortSignal | undefined): Promise<TFunctionConfiguration[]> {
  const functions: TFunctionConfiguration[] = [];
  const pages = paginateListFunctions(
    { client: clients.lambda, pageSize: LIST_FUNCTIONS_PAGE_SIZE },
    {},
    { abortSignal: signal },
  );
  for await (const page of pages) {
    for (const fn of page.Functions ?? []) functions.push(parseResponse(ZFunctionConfiguration, fn, "ListFunctions"));
  }
  return functions;
}

async function listEventSourceMappings(
  clients: LambdaClients,
  signal: AbortSignal | undefined,
): Promise<TEventSourceMapping[]> {
  const mappings: TEventSourceMapping[] = [];
  const pages = paginateListEventSourceMappings(
    { client: clients.lambda, pageSize: LIST_ESM_PAGE_SIZE },
    {},
    { abortSignal: signal },
  );
  for await (const page of pages) {
    for (const m of page.EventSourceMappings ?? []) {
      mappings.push(parseResponse(ZEventSourceMapping, m, "ListEventSourceMappings"));
    }
  }
  return mappings;
}

/** Run tasks with at most `limit` in flight; stops starting new ones once the signal is aborted. */
async function runBounded(tasks: (() => Promise<void>)[], limit: number, signal: AbortSignal | undefined) {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      signal?.throwIfAborted();
      const task = tasks[next++];
      await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}

export async function collectLambda(clients: LambdaClients, ctx: CollectContext): Promise<LambdaRaw> {
  const { signal } = ctx;
  signal?.throwIfAborted();

  let configurations: TFunctionConfiguration[];
  try {
    configurations = await listFunctions(clients, signal);
  } catch (err) {
    throwIfAborted(err, signal);
    const failure = failureOf(err);
    ctx.recordError({ api: "lambda:ListFunctions", ...failure });
    return { listing: "failed", ...failure };
  }

  let eventSourceMappings: Extract<LambdaRaw, { listing: "complete" }>["eventSourceMappings"];
  if (configurations.length === 0) {
    // No function can be the target of a mapping: skip the call (one per empty region adds up across regions).
    eventSourceMappings = { status: "ok", value: [] };
  } else {
    try {
      eventSourceMappings = { status: "ok", value: await listEventSourceMappings(clients, signal) };
    } catch (err) {
      throwIfAborted(err, signal);
      const failure = failureOf(err);
      ctx.recordError({ api: "lambda:ListEventSourceMappings", ...failure });
      eventSourceMappings = { status: "error", ...failure };
    }
  }

  /** A read that may legitimately be absent: ResourceNotFoundException means "none configured". */
  const fetchOptional = async <T>(
    api: string,
    resource: string,
    call: () => Promise<unknown>,
    schema: z.ZodType<T>,
  ): Promise<Fetched<T>> => {
    try {
      return { status: "ok", value: parseResponse(schema, await call(), api) };
    } catch (err) {
      throwIfAborted(err, signal);
      if (err instanceof Error && err.name === "ResourceNotFoundException") return { status: "absent" };
      const failure = failureOf(err);
      ctx.recordError({ api, resource, ...failure });
      return { status: "error", ...failure };
    }
  };

  const functions: TLambdaFunctionRaw[] = configurations.map((configuration) => ({
    configuration,
    policy: { status: "absent" },
    url: { status: "absent" },
  }));
  const tasks = functions.flatMap((fn) => {
    const arn = fn.configuration.FunctionArn;
    return [
      async () => {
        fn.policy = await fetchOptional<TGetPolicyResponse>(
          "lambda:GetPolicy",
          arn,
          () => clients.lambda.send(new GetPolicyCommand({ FunctionName: arn }), { abortSignal: signal }),
          ZGetPolicyResponse,
        );
      },
      async () => {
        fn.url = await fetchOptional<TFunctionUrlConfig>(
          "lambda:GetFunctionUrlConfig",
          arn,
          () => clients.lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: arn }), { abortSignal: signal }),
          ZFunctionUrlConfig,
        );
      },
    ];
  });
  await runBounded(tasks, DETAIL_CONCURRENCY, signal);

  return { listing: "complete", functions, eventSourceMappings };
}
