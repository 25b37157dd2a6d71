// An HTTP proxy in front of the emulator that answers chosen AWS calls with an error, as AWS would
// (moto checks no permissions, so AccessDenied cannot be produced by credentials there). A rule
// matches on method, path and the region in the SigV4 credential scope.
import { createServer, request, type IncomingMessage, type Server } from "node:http";

export type FaultRule = {
  method?: string;
  /** Matched against the request path. */
  path: RegExp;
  region?: string;
  status: number;
  /** AWS error code, e.g. AccessDeniedException */
  code: string;
  message: string;
  /** Answer only every n-th matching request with the error (1 = every one); the others pass through. */
  every?: number;
  /** Instead of an error, pass the request through after this delay (status/code/message ignored). */
  delayMs?: number;
  /** With `every`: a request (method + URL) answered with the error once passes when it is retried. */
  retriesPass?: boolean;
};

function regionOf(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization ?? "";
  return /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(auth)?.[1];
}

export async function startFaultProxy(target: string, rules: FaultRule[]): Promise<{ endpoint: string; hits: () => number; stop(): Promise<void> }> {
  const t = new URL(target);
  let hits = 0;
  const seen = new Map<FaultRule, number>();
  const faulted = new Set<string>();
  const server: Server = createServer((req, res) => {
    const rule = rules.find(
      (r) => (!r.method || r.method === req.method) && r.path.test(req.url ?? "") && (!r.region || r.region === regionOf(req)),
    );
    let fault = !!rule;
    const requestKey = `${req.method} ${req.url}`;
    if (rule?.retriesPass && faulted.has(requestKey)) {
      fault = false;
    } else if (rule) {
      const n = (seen.get(rule) ?? 0) + 1;
      seen.set(rule, n);
      fault = !rule.delayMs && n % (rule.every ?? 1) === 0;
      if (fault) faulted.add(requestKey);
    }
    const forward = () => {
      const upstream = request(
        { host: t.hostname, port: t.port, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on("error", (e) => {
        res.writeHead(502);
        res.end(String(e));
      });
      req.pipe(upstream);
    };
    if (rule?.delayMs) {
      hits++;
      req.pause();
      setTimeout(forward, rule.delayMs);
      return;
    }
    if (rule && fault) {
      hits++;
      req.resume();
      res.writeHead(rule.status, { "content-type": "application/json", "x-amzn-errortype": rule.code });
      res.end(JSON.stringify({ __type: rule.code, Type: "User", message: rule.message, Message: rule.message }));
      return;
    }
    forward();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    hits: () => hits,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
