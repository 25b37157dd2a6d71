// Client-side rate limiting: Lantern paces its own AWS calls to the published quotas instead of finding them
// by being throttled. AWS meters per (account, Region, API bucket), so the limiter keeps one token bucket per
// (account, Region, bucket) in a registry shared by every client of the process: the Lambda clients of two
// units of the same account and Region draw from the same buckets, as they do at AWS.
//
// The buckets are per process. Several workers scanning the same accounts each have their own, so each
// should take a share of every quota (LANTERN_AWS_QUOTA_SHARE, e.g. 0.5 for two workers).
//
// A call reserves a token in each of its buckets at once and waits until the last of them is due (possibly
// going into debt), so callers are served first come, first served, and a call that needs two buckets (API
// Gateway GetResources: its own and the account total) never holds one while queueing for the other. The
// limiter sits in the SDK's middleware stack inside the retry loop, so every retry takes a token too; the
// SDK's adaptive retry stays on to absorb the throttles that still happen (other callers in the account).
import type { FinalizeRequestMiddleware, HandlerExecutionContext, RelativeMiddlewareOptions } from "@smithy/types";
import { env } from "@/lib/env";
import { bucketsFor, quotaRegion, resolveQuotas, type AwsService, type BucketName, type Quota, type Quotas } from "@/lib/aws/quotas";

/** Time source, injectable so tests run on a fake clock. Milliseconds. */
export type Clock = {
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
};

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};

/** A token bucket that may go into debt: a reservation beyond the tokens left is due later, not refused. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    readonly quota: Quota,
    now: number,
  ) {
    this.tokens = quota.burst;
    this.updatedAt = now;
  }

  private refill(now: number) {
    if (now > this.updatedAt) {
      this.tokens = Math.min(this.quota.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.quota.rate);
      this.updatedAt = now;
    }
  }

  /** Tokens available at `now` (negative while reservations are outstanding). */
  available(now: number): number {
    this.refill(now);
    return this.tokens;
  }

  /** Reserve one token; returns how many ms from `now` it is due (0: at once). */
  reserve(now: number): number {
    this.refill(now);
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.quota.rate) * 1000;
  }

  /** Give back a reservation that will not be used (its caller gave up). */
  refund(now: number) {
    this.refill(now);
    this.tokens = Math.min(this.quota.burst, this.tokens + 1);
  }

  /** A full bucket behaves exactly like a new one, so the registry may drop it. */
  isFull(now: number): boolean {
    return this.available(now) >= this.quota.burst;
  }
}

/**
 * Take one token from every bucket if each has one now, else none: for a server that answers "throttled"
 * instead of queueing (the benchmark's quota shim).
 */
export function tryTakeAll(buckets: readonly TokenBucket[], now: number): boolean {
  if (buckets.some((b) => b.available(now) < 1)) return false;
  for (const b of buckets) b.reserve(now);
  return true;
}

export type QuotaScope = { accountId: string; region: string };

/** Buckets per (account, Region, bucket name), created on first use from the configured quotas. */
export class RateLimiter {
  private buckets = new Map<string, TokenBucket>();
  private sinceSweep = 0;

  constructor(
    readonly quotas: Quotas,
    readonly clock: Clock = systemClock,
  ) {}

  bucket(scope: QuotaScope, name: BucketName): TokenBucket {
    const key = `${scope.accountId}|${scope.region}|${name}`;
    let b = this.buckets.get(key);
    if (!b) {
      b = new TokenBucket(this.quotas[name], this.clock.now());
      this.buckets.set(key, b);
    }
    return b;
  }

  /** Number of buckets held (for tests of the sweep). */
  get size(): number {
    return this.buckets.size;
  }

  /**
   * Wait until one token of each named bucket is due, then return the ms waited. Rejects with the signal's
   * reason when it aborts while waiting, giving the reserved tokens back.
   */
  async acquire(scope: QuotaScope, names: readonly BucketName[], signal?: AbortSignal): Promise<number> {
    signal?.throwIfAborted();
    if (names.length === 0) return 0;
    this.maybeSweep();
    const now = this.clock.now();
    const buckets = names.map((n) => this.bucket(scope, n));
    const wait = Math.max(...buckets.map((b) => b.reserve(now)));
    if (wait <= 0) return 0;
    try {
      await this.clock.sleep(wait, signal);
    } catch (err) {
      const at = this.clock.now();
      for (const b of buckets) b.refund(at);
      throw err;
    }
    return wait;
  }

  // An organization scan touches thousands of (account, Region) pairs once each; full buckets carry no
  // state, so they are dropped now and then to keep the registry from growing for the life of a worker.
  private maybeSweep() {
    if (++this.sinceSweep < 1000) return;
    this.sinceSweep = 0;
    const now = this.clock.now();
    for (const [key, b] of this.buckets) if (b.isFull(now)) this.buckets.delete(key);
  }
}

let shared: RateLimiter | undefined;

/** The process-wide limiter, configured from LANTERN_AWS_QUOTAS and LANTERN_AWS_QUOTA_SHARE on first use. */
export function processRateLimiter(): RateLimiter {
  if (!shared) {
    const e = env();
    shared = new RateLimiter(resolveQuotas(e.LANTERN_AWS_QUOTAS, e.LANTERN_AWS_QUOTA_SHARE));
  }
  return shared;
}

/** For tests and benchmarks that change the quota configuration. */
export function resetProcessRateLimiter() {
  shared = undefined;
}

type LimitableClient = {
  middlewareStack: {
    // Any input/output: one limiter serves every service client.
    addRelativeTo(mw: FinalizeRequestMiddleware<any, any>, options: RelativeMiddlewareOptions): void; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
};

// Where the SDK puts the per-call options it passes to the retry middleware (SMITHY_CONTEXT_KEY in
// @smithy/types, which is not a direct dependency).
const SMITHY_CONTEXT_KEY = "__smithy_context";

/**
 * Pace every call of `client` through the limiter's buckets for (account, Region). The middleware runs inside
 * the SDK's retry loop and just before signing, so each attempt takes a token and a long wait never leaves a
 * stale signature.
 */
export function rateLimit<C extends LimitableClient>(
  client: C,
  scope: { service: AwsService; accountId: string; region: string },
  limiter: RateLimiter = processRateLimiter(),
): C {
  const quotaScope = { accountId: scope.accountId, region: quotaRegion(scope.service, scope.region) };
  const middleware: FinalizeRequestMiddleware<object, object> = (next, context: HandlerExecutionContext) => async (args) => {
    const operation = (context.commandName ?? "").replace(/Command$/, "");
    const smithy = context[SMITHY_CONTEXT_KEY] as { abortSignal?: AbortSignal } | undefined;
    await limiter.acquire(quotaScope, bucketsFor(scope.service, operation), smithy?.abortSignal);
    return next(args);
  };
  client.middlewareStack.addRelativeTo(middleware, {
    relation: "before",
    toMiddleware: "httpSigningMiddleware",
    name: "lanternRateLimit",
    override: true,
  });
  return client;
}
