// A record/replay proxy in front of the emulator, so a benchmark can tell Lantern's own cost from moto's.
// In "record" mode it forwards every request and keeps the response; in "replay" mode it answers a request it
// has seen from memory (a miss is forwarded, recorded and counted), so a second scan of the same account
// measures the pipeline (SDK, normalize, Postgres, rules) with an emulator that costs almost nothing.
// Requests are keyed by account (x-moto-account-id), SigV4 Region and service, method, URL and body: the scan's
// reads are deterministic, so the same scan sends the same requests.
import { createHash } from "node:crypto";
import { Agent, createServer, request as httpRequest, type Server } from "node:http";

type Recorded = { status: number; headers: Record<string, string>; body: Buffer };

export type ReplayStats = {
  requests: number;
  forwarded: number;
  replayed: number;
  misses: number;
  emulatorBusyMs: number;
  recorded: number;
  recordedBytes: number;
};

export type ReplayProxy = {
  endpoint: string;
  setMode(mode: "record" | "replay"): void;
  stats(): ReplayStats;
  resetStats(): void;
  stop(): Promise<void>;
};

// Hop-by-hop and per-response headers that must not be replayed as they were.
const DROP = new Set(["connection", "keep-alive", "transfer-encoding", "date", "content-length", "server"]);

export async function startReplayProxy(opts: { upstream: string }): Promise<ReplayProxy> {
  const upstream = new URL(opts.upstream);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const store = new Map<string, Recorded>();
  let mode: "record" | "replay" = "record";
  let requests = 0;
  let forwarded = 0;
  let replayed = 0;
  let misses = 0;
  let busyMs = 0;
  let inFlight = 0;
  let busySince = 0;
  let recordedBytes = 0;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests++;
      const body = Buffer.concat(chunks);
      const scope = /Credential=[^/]+\/\d{8}\/([^/]+\/[^/]+)\//.exec(String(req.headers.authorization ?? ""))?.[1] ?? "";
      const key = createHash("sha1")
        .update(`${req.headers["x-moto-account-id"] ?? ""}|${scope}|${req.method}|${req.url}|${req.headers["x-amz-target"] ?? ""}|`)
        .update(body)
        .digest("hex");
      const hit = mode === "replay" ? store.get(key) : undefined;
      if (hit) {
        replayed++;
        res.writeHead(hit.status, { ...hit.headers, "content-length": hit.body.length });
        res.end(hit.body);
        return;
      }
      if (mode === "replay") misses++;
      forwarded++;
      if (inFlight++ === 0) busySince = performance.now();
      const done = () => {
        if (--inFlight === 0) busyMs += performance.now() - busySince;
      };
      const up = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent }, (upRes) => {
        const parts: Buffer[] = [];
        upRes.on("data", (c: Buffer) => parts.push(c));
        upRes.on("end", () => {
          done();
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(upRes.headers)) if (v !== undefined && !DROP.has(k)) headers[k] = Array.isArray(v) ? v.join(", ") : v;
          const rec = { status: upRes.statusCode ?? 502, headers, body: Buffer.concat(parts) };
          recordedBytes += rec.body.length - (store.get(key)?.body.length ?? 0);
          store.set(key, rec);
          res.writeHead(rec.status, { ...headers, "content-length": rec.body.length });
          res.end(rec.body);
        });
      });
      up.on("error", (err) => {
        done();
        res.writeHead(502, { "content-type": "text/plain" });
        res.end(`replay proxy: upstream error: ${err.message}`);
      });
      up.end(body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    setMode: (m) => (mode = m),
    stats: () => ({ requests, forwarded, replayed, misses, emulatorBusyMs: busyMs, recorded: store.size, recordedBytes }),
    resetStats() {
      requests = forwarded = replayed = misses = 0;
      busyMs = 0;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
