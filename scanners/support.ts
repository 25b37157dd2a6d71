// Helpers every scanner's collect uses. Shared code, not shared data: a scanner still never reads another
// scanner's results.
import type { z } from "zod";

/** A response the SDK parsed but that does not have the shape Lantern relies on. */
export class InvalidResponseError extends Error {
  override name = "InvalidResponse";
}

/** A cancelled unit ends by throwing, never as a raw that looks like AWS answered "error". */
export function throwIfAborted(err: unknown, signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? err;
}

/** SDK output to plain JSON: drops $metadata, turns Dates into ISO strings. */
export function toJson(value: unknown): unknown {
  if (value && typeof value === "object" && "$metadata" in value) {
    const { $metadata: _metadata, ...rest } = value as Record<string, unknown>;
    value = rest;
  }
  return JSON.parse(JSON.stringify(value ?? null));
}

/** Validate one SDK response (or item) against the scanner's raw schema; a mismatch is an InvalidResponse. */
export function parseResponse<S extends z.ZodTypeAny>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(toJson(value));
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new InvalidResponseError(`Unexpected ${what} response shape: ${issues.join("; ")}`);
  }
  return parsed.data;
}

/** Run tasks with at most `limit` in flight; stops starting new ones once the signal is aborted. */
export async function runBounded(tasks: (() => Promise<void>)[], limit: number, signal: AbortSignal | undefined) {
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
