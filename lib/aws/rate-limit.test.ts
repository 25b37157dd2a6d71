import { afterEach, describe, expect, it } from "vitest";
import { GetPolicyCommand, LambdaClient, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { RateLimiter, TokenBucket, processRateLimiter, rateLimit, resetProcessRateLimiter, tryTakeAll, type Clock } from "@/lib/aws/rate-limit";
import { resolveQuotas } from "@/lib/aws/quotas";
import { resetEnvCache } from "@/lib/env";

/** A clock that only moves when told; sleepers wake in due-time order, then in the order they slept. */
class FakeClock implements Clock {
  private t = 0;
  private seq = 0;
  private timers: { at: number; seq: number; resolve: () => void }[] = [];

  now() {
    return this.t;
  }

  sleep(ms: number, signal?: AbortSignal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = { at: this.t + ms, seq: this.seq++, resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        "abort",
        () => {
          this.timers = this.timers.filter((x) => x !== timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  /** Move time forward, waking each due sleeper at its own time and letting its continuation run. */
  async advance(ms: number) {
    const end = this.t + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.t = Math.max(this.t, next.at);
      next.resolve();
      await flush();
    }
    this.t = end;
    await flush();
  }
}

async function flush() {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

const SCOPE = { accountId: "111111111111", region: "us-east-1" };

function limiter(clock: FakeClock, overrides: Parameters<typeof resolveQuotas>[0] = {}) {
  return new RateLimiter(resolveQuotas(overrides), clock);
}

/** Start `n` acquisitions and record, per index, the fake time at which each was granted. */
function startMany(l: RateLimiter, clock: FakeClock, n: number, names: Parameters<RateLimiter["acquire"]>[1]) {
  const grantedAt: (number | undefined)[] = Array(n).fill(undefined);
  const order: number[] = [];
  const all = Array.from({ length: n }, (_, i) =>
    l.acquire(SCOPE, names).then(() => {
      grantedAt[i] = clock.now();
      order.push(i);
    }),
  );
  return { grantedAt, order, all: Promise.all(all) };
}

describe("TokenBucket", () => {
  it("starts full, refills at its rate and never beyond its burst", () => {
    const b = new TokenBucket({ rate: 10, burst: 5 }, 0);
    expect(b.available(0)).toBe(5);
    for (let i = 0; i < 5; i++) expect(b.reserve(0)).toBe(0);
    expect(b.reserve(0)).toBeCloseTo(100); // 1 token at 10/s
    expect(b.available(50)).toBeCloseTo(-0.5);
    expect(b.available(1000)).toBe(5); // -1 + 10 tokens in 1 s, capped at the burst
  });

  it("tryTakeAll takes from every bucket or from none", () => {
    const a = new TokenBucket({ rate: 1, burst: 1 }, 0);
    const b = new TokenBucket({ rate: 1, burst: 2 }, 0);
    expect(tryTakeAll([a, b], 0)).toBe(true);
    expect(tryTakeAll([a, b], 0)).toBe(false); // a is empty
    expect(b.available(0)).toBe(1); // b kept its token
    expect(tryTakeAll([a, b], 1000)).toBe(true);
  });
});

describe("RateLimiter", () => {
  it("lets a burst through at once, then holds the sustained rate", async () => {
    const clock = new FakeClock();
    const l = limiter(clock); // lambda:GetPolicy 15/s, burst 15
    const run = startMany(l, clock, 45, ["lambda:GetPolicy"]);
    await clock.advance(0);
    expect(run.grantedAt.filter((t) => t === 0)).toHaveLength(15);
    await clock.advance(2000);
    await run.all;
    // The k-th call beyond the burst is due at k/15 s: 30 more calls take 2 s.
    for (let k = 15; k < 45; k++) expect(run.grantedAt[k]).toBeCloseTo(((k - 14) / 15) * 1000, 6);
    // In any 1 s window after the burst, at most 15 calls are granted.
    const times = run.grantedAt as number[];
    for (const start of times) expect(times.filter((t) => t > start && t <= start + 1000).length).toBeLessThanOrEqual(15);
  });

  it("keeps separate buckets per account, Region and bucket name", async () => {
    const clock = new FakeClock();
    const l = limiter(clock, { "iam:read": { rate: 1, burst: 1 } });
    await l.acquire(SCOPE, ["iam:read"]);
    const waits = await Promise.all([
      l.acquire({ ...SCOPE, accountId: "222222222222" }, ["iam:read"]),
      l.acquire({ ...SCOPE, region: "eu-west-1" }, ["iam:read"]),
      l.acquire(SCOPE, ["lambda:control"]),
    ]);
    expect(waits).toEqual([0, 0, 0]);
    const same = l.acquire(SCOPE, ["iam:read"]);
    await clock.advance(1000);
    expect(await same).toBeCloseTo(1000);
  });

  it("acquires several buckets together: waits for the slowest and takes a token from each", async () => {
    const clock = new FakeClock();
    const l = limiter(clock); // GetResources 2.5/s burst 5; total 10/s burst 40
    const run = startMany(l, clock, 10, ["apigateway:GetResources", "apigateway:total"]);
    await clock.advance(0);
    expect(run.grantedAt.filter((t) => t === 0)).toHaveLength(5);
    // Every call reserved a token of both buckets when it asked, not one while queueing for the other.
    expect(l.bucket(SCOPE, "apigateway:total").available(0)).toBe(30);
    expect(l.bucket(SCOPE, "apigateway:GetResources").available(0)).toBe(-5);
    await clock.advance(2000);
    await run.all;
    expect(run.grantedAt[9]).toBeCloseTo(2000); // 5 more at 2.5/s
  });

  it("a call that needs only the total does not queue behind one waiting for GetResources", async () => {
    const clock = new FakeClock();
    const l = limiter(clock, { "apigateway:GetResources": { rate: 1, burst: 1 } });
    await l.acquire(SCOPE, ["apigateway:GetResources", "apigateway:total"]);
    let slowDone = false;
    const slow = l.acquire(SCOPE, ["apigateway:GetResources", "apigateway:total"]).then(() => (slowDone = true));
    const fastWait = await l.acquire(SCOPE, ["apigateway:total"]);
    expect(fastWait).toBe(0);
    expect(slowDone).toBe(false);
    await clock.advance(1000);
    await slow;
    expect(slowDone).toBe(true);
  });

  it("serves waiters first come, first served", async () => {
    const clock = new FakeClock();
    const l = limiter(clock, { "lambda:control": { rate: 5, burst: 1 } });
    const run = startMany(l, clock, 12, ["lambda:control"]);
    await clock.advance(0);
    await clock.advance(5000);
    await run.all;
    expect(run.order).toEqual([...Array(12).keys()]);
    const times = run.grantedAt as number[];
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]);
  });

  it("an aborted wait rejects with the signal's reason and gives its token back", async () => {
    const clock = new FakeClock();
    const l = limiter(clock, { "lambda:control": { rate: 1, burst: 1 } });
    await l.acquire(SCOPE, ["lambda:control"]);
    const ac = new AbortController();
    const waiting = l.acquire(SCOPE, ["lambda:control"], ac.signal);
    const reason = new Error("unit cancelled");
    ac.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    // The refunded token is the next caller's: due 1 s after the first call, not 2 s.
    const next = l.acquire(SCOPE, ["lambda:control"]);
    await clock.advance(1000);
    expect(await next).toBeCloseTo(1000);
  });

  it("rejects at once when the signal is already aborted, taking no token", async () => {
    const clock = new FakeClock();
    const l = limiter(clock, { "lambda:control": { rate: 1, burst: 1 } });
    const ac = new AbortController();
    ac.abort(new Error("gone"));
    await expect(l.acquire(SCOPE, ["lambda:control"], ac.signal)).rejects.toThrow("gone");
    expect(await l.acquire(SCOPE, ["lambda:control"])).toBe(0);
  });

  it("takes no token for a call that draws from no bucket", async () => {
    const clock = new FakeClock();
    const l = limiter(clock);
    expect(await l.acquire(SCOPE, [])).toBe(0);
    expect(l.size).toBe(0);
  });

  it("drops full buckets now and then, and only full ones", async () => {
    const clock = new FakeClock();
    const l = limiter(clock, { "iam:read": { rate: 1, burst: 1 } });
    for (let i = 0; i < 998; i++) await l.acquire({ ...SCOPE, accountId: String(100000000000 + i) }, ["sts:total"]);
    await clock.advance(1000); // those 998 buckets are full again
    await l.acquire(SCOPE, ["iam:read"]);
    const pending = l.acquire(SCOPE, ["iam:read"]); // the 1000th call sweeps; the IAM bucket is empty, so kept
    expect(l.size).toBe(1);
    await clock.advance(1000);
    await pending;
  });
});

describe("rateLimit on an SDK client", () => {
  afterEach(() => {
    delete process.env.LANTERN_AWS_QUOTAS;
    delete process.env.LANTERN_AWS_QUOTA_SHARE;
    resetEnvCache();
    resetProcessRateLimiter();
  });

  function fakeLambda() {
    const client = new LambdaClient({
      region: "us-east-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
      endpoint: "http://127.0.0.1:9",
      maxAttempts: 1,
    });
    const sent: string[] = [];
    // The request handler stands in for the network: record what went out, answer an empty 200.
    client.config.requestHandler = {
      handle: async (req: { path: string }) => {
        sent.push(req.path);
        return { response: { statusCode: 200, headers: { "content-type": "application/json" }, body: Buffer.from("{}") } };
      },
    } as unknown as typeof client.config.requestHandler;
    return { client, sent };
  }

  it("maps each command to its bucket and waits before the request is signed and sent", async () => {
    const clock = new FakeClock();
    const l = limiter(clock, { "lambda:GetPolicy": { rate: 1, burst: 1 } });
    const { client, sent } = fakeLambda();
    rateLimit(client, { service: "lambda", ...SCOPE }, l);
    await client.send(new GetPolicyCommand({ FunctionName: "f" }));
    const second = client.send(new GetPolicyCommand({ FunctionName: "f" }));
    await flush();
    await new Promise((r) => setTimeout(r, 10));
    expect(sent).toHaveLength(1);
    // ListFunctions draws from the control bucket, which is untouched.
    await client.send(new ListFunctionsCommand({}));
    expect(sent).toHaveLength(2);
    expect(l.bucket(SCOPE, "lambda:control").available(clock.now())).toBe(14);
    await clock.advance(1000);
    await second;
    expect(sent).toHaveLength(3);
  });

  it("a call's abortSignal cancels its wait before anything is sent", async () => {
    const clock = new FakeClock();
    const l = limiter(clock, { "lambda:GetPolicy": { rate: 1, burst: 1 } });
    const { client, sent } = fakeLambda();
    rateLimit(client, { service: "lambda", ...SCOPE }, l);
    await client.send(new GetPolicyCommand({ FunctionName: "f" }));
    const ac = new AbortController();
    const call = client.send(new GetPolicyCommand({ FunctionName: "f" }), { abortSignal: ac.signal });
    await new Promise((r) => setTimeout(r, 10));
    ac.abort(new Error("scan cancelled"));
    // The SDK reports any aborted call as its AbortError (the scanner rethrows the signal's reason).
    await expect(call).rejects.toMatchObject({ name: "AbortError" });
    expect(sent).toHaveLength(1);
    // The wait gave its token back: the bucket owes nothing beyond the first call's token.
    expect(l.bucket(SCOPE, "lambda:GetPolicy").available(clock.now())).toBe(0);
  });

  it("the process limiter reads LANTERN_AWS_QUOTAS and LANTERN_AWS_QUOTA_SHARE", () => {
    process.env.LANTERN_AWS_QUOTAS = '{"iam:read":{"rate":4}}';
    process.env.LANTERN_AWS_QUOTA_SHARE = "0.5";
    resetEnvCache();
    resetProcessRateLimiter();
    const q = processRateLimiter().quotas;
    expect(q["iam:read"]).toEqual({ rate: 2, burst: 5 });
    expect(q["lambda:GetPolicy"]).toEqual({ rate: 7.5, burst: 7.5 });
  });
});
