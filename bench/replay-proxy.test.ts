import { afterEach, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import { startReplayProxy, type ReplayProxy } from "@/bench/replay-proxy";
import { bucketFloors } from "@/bench/b1-throttled-scan";
import { resolveQuotas } from "@/lib/aws/quotas";

describe("replay proxy", () => {
  let upstream: Server | undefined;
  let proxy: ReplayProxy | undefined;

  afterEach(async () => {
    await proxy?.stop();
    await new Promise<void>((r) => (upstream ? upstream.close(() => r()) : r()));
  });

  async function start() {
    let n = 0;
    upstream = createServer((req, res) => {
      req.resume();
      req.on("end", () => res.writeHead(200, { "content-type": "application/json", "x-amzn-requestid": "r" }).end(JSON.stringify({ n: ++n, url: req.url })));
    });
    await new Promise<void>((r) => upstream!.listen(0, "127.0.0.1", () => r()));
    const addr = upstream.address();
    proxy = await startReplayProxy({ upstream: `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}` });
    return proxy;
  }

  const get = (p: ReplayProxy, path: string, account = "111111111111") =>
    fetch(`${p.endpoint}${path}`, { headers: { "x-moto-account-id": account } }).then((r) => r.json() as Promise<{ n: number }>);

  it("forwards while recording, then answers the same requests from memory", async () => {
    const p = await start();
    expect((await get(p, "/a")).n).toBe(1);
    expect((await get(p, "/b")).n).toBe(2);
    p.setMode("replay");
    p.resetStats();
    expect((await get(p, "/a")).n).toBe(1);
    expect((await get(p, "/b")).n).toBe(2);
    expect(p.stats()).toMatchObject({ requests: 2, replayed: 2, forwarded: 0, misses: 0 });
  });

  it("forwards and counts a request it has not seen, keyed by account too", async () => {
    const p = await start();
    await get(p, "/a");
    p.setMode("replay");
    expect((await get(p, "/a", "222222222222")).n).toBe(2);
    expect(p.stats()).toMatchObject({ misses: 1, forwarded: 2 });
  });
});

describe("bucketFloors", () => {
  it("divides admitted calls by the rate, subtracts the burst for the exact floor, and sorts the binding bucket first", () => {
    const quotas = resolveQuotas();
    const floors = bucketFloors(
      {
        startedAt: 0,
        now: 100_000,
        calls: 1560,
        throttled: 10,
        emulatorBusyMs: 0,
        operations: [],
        buckets: [
          { accountId: "1", region: "us-east-1", bucket: "lambda:GetPolicy", calls: 60, throttled: 0, firstAt: 0, lastAt: 3000 },
          { accountId: "1", region: "us-east-1", bucket: "lambda:control", calls: 1500, throttled: 10, firstAt: 0, lastAt: 98_333 },
        ],
      },
      quotas,
    );
    expect(floors[0]).toMatchObject({ bucket: "lambda:control", admitted: 1490, floorS: 1490 / 15, exactFloorS: (1490 - 15) / 15 });
    expect(floors[0].sustained).toBeCloseTo(1475 / 98.333, 3);
    expect(floors[1]).toMatchObject({ bucket: "lambda:GetPolicy", floorS: 4 });
  });
});
