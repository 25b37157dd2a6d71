// A quota shim: an HTTP proxy in front of the AWS emulator (moto) that enforces AWS's control-plane request
// quotas, which no local emulator reproduces (research/perf-targets.md §6). It keeps one token bucket per
// (account, Region, API bucket), with the quotas and the operation -> bucket mapping of lib/aws/quotas.ts,
// and answers a call that finds a bucket empty the way AWS does (Lambda and API Gateway: HTTP 429
// TooManyRequestsException; IAM and other query APIs: 400 Throttling), so the SDK's retry logic sees the real
// thing. It never queues: an over-quota call is refused at once, as AWS refuses it.
//
//   npx tsx bench/quota-shim.ts --upstream http://127.0.0.1:5115 --port 5116 [--quotas '{"iam:read":{"rate":5}}']
//
// Account: the x-moto-account-id header (moto's default account without it). Region and service: the SigV4
// credential scope. Operation: method + path for REST APIs (Lambda, API Gateway v1/v2), the Action parameter
// for query APIs (IAM, STS, EC2), X-Amz-Target for JSON APIs (Organizations). It listens on 127.0.0.1 only.
import { createServer, request as httpRequest, Agent, type IncomingHttpHeaders, type Server } from "node:http";
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { bucketsFor, quotaRegion, resolveQuotas, ZQuotasJson, type BucketName, type Quotas } from "@/lib/aws/quotas";
import { TokenBucket, systemClock, tryTakeAll, type Clock } from "@/lib/aws/rate-limit";

/** moto's account when a request names none. */
export const MOTO_DEFAULT_ACCOUNT = "123456789012";

export type Identified = {
  /** SigV4 signing name, except API Gateway v2 (signed as "apigateway") which is reported as "apigatewayv2". */
  service: string;
  /** The API action, e.g. "GetPolicy"; for an unrecognised REST call, "<METHOD> <path template>". */
  operation: string;
  region: string;
  accountId: string;
  /** Paging parameter the caller sent, when there is one (MaxItems, limit, MaxResults). */
  pageSize?: number;
};

// REST routes: [method, path template ("*" = one segment), operation]. Lambda paths are matched after their
// API-version prefix (/2015-03-31, /2021-10-31, ...). Only the operations Lantern reads are listed; any other
// call still gets the right buckets (every Lambda call but GetPolicy, GetFunction and Invoke shares one; every
// API Gateway call but GetResources counts toward the total only).
type Route = [method: string, template: string, operation: string];

const LAMBDA_ROUTES: Route[] = [
  ["GET", "/functions", "ListFunctions"],
  ["GET", "/functions/*", "GetFunction"],
  ["GET", "/functions/*/configuration", "GetFunctionConfiguration"],
  ["GET", "/functions/*/policy", "GetPolicy"],
  ["POST", "/functions/*/invocations", "Invoke"],
  ["POST", "/functions/*/invoke-async", "InvokeAsync"],
  ["POST", "/functions/*/response-streaming-invocations", "InvokeWithResponseStream"],
  ["GET", "/functions/*/url", "GetFunctionUrlConfig"],
  ["GET", "/functions/*/urls", "ListFunctionUrlConfigs"],
  ["GET", "/functions/*/aliases", "ListAliases"],
  ["GET", "/functions/*/versions", "ListVersionsByFunction"],
  ["GET", "/functions/*/concurrency", "GetFunctionConcurrency"],
  ["GET", "/functions/*/provisioned-concurrency", "ListProvisionedConcurrencyConfigs"],
  ["GET", "/functions/*/code-signing-config", "GetFunctionCodeSigningConfig"],
  ["GET", "/functions/*/event-invoke-config", "GetFunctionEventInvokeConfig"],
  ["GET", "/functions/*/event-invoke-config/list", "ListFunctionEventInvokeConfigs"],
  ["GET", "/functions/*/runtime-management-config", "GetRuntimeManagementConfig"],
  ["GET", "/functions/*/recursion-config", "GetFunctionRecursionConfig"],
  ["GET", "/event-source-mappings", "ListEventSourceMappings"],
  ["GET", "/event-source-mappings/*", "GetEventSourceMapping"],
  ["GET", "/tags/*", "ListTags"],
  ["GET", "/layers", "ListLayers"],
  ["GET", "/layers/*/versions", "ListLayerVersions"],
  ["GET", "/layers/*/versions/*/policy", "GetLayerVersionPolicy"],
  ["GET", "/account-settings", "GetAccountSettings"],
];

const APIGATEWAY_ROUTES: Route[] = [
  ["GET", "/restapis", "GetRestApis"],
  ["GET", "/restapis/*", "GetRestApi"],
  ["GET", "/restapis/*/resources", "GetResources"],
  ["GET", "/restapis/*/resources/*", "GetResource"],
  ["GET", "/restapis/*/resources/*/methods/*", "GetMethod"],
  ["GET", "/restapis/*/resources/*/methods/*/integration", "GetIntegration"],
  ["GET", "/restapis/*/stages", "GetStages"],
  ["GET", "/restapis/*/stages/*", "GetStage"],
  ["GET", "/restapis/*/authorizers", "GetAuthorizers"],
  ["GET", "/restapis/*/deployments", "GetDeployments"],
  ["GET", "/restapis/*/requestvalidators", "GetRequestValidators"],
  ["GET", "/restapis/*/gatewayresponses", "GetGatewayResponses"],
  ["GET", "/domainnames", "GetDomainNames"],
  ["GET", "/domainnames/*/basepathmappings", "GetBasePathMappings"],
  ["GET", "/usageplans", "GetUsagePlans"],
  ["GET", "/usageplans/*/keys", "GetUsagePlanKeys"],
  ["GET", "/apikeys", "GetApiKeys"],
  ["GET", "/clientcertificates", "GetClientCertificates"],
  ["GET", "/vpclinks", "GetVpcLinks"],
  ["GET", "/account", "GetAccount"],
  ["GET", "/tags/*", "GetTags"],
];

const APIGATEWAYV2_ROUTES: Route[] = [
  ["GET", "/v2/apis", "GetApis"],
  ["GET", "/v2/apis/*", "GetApi"],
  ["GET", "/v2/apis/*/routes", "GetRoutes"],
  ["GET", "/v2/apis/*/integrations", "GetIntegrations"],
  ["GET", "/v2/apis/*/stages", "GetStages"],
  ["GET", "/v2/apis/*/authorizers", "GetAuthorizers"],
  ["GET", "/v2/apis/*/authorizers/*", "GetAuthorizer"],
  ["GET", "/v2/apis/*/deployments", "GetDeployments"],
  ["GET", "/v2/domainnames", "GetDomainNames"],
  ["GET", "/v2/domainnames/*/apimappings", "GetApiMappings"],
  ["GET", "/v2/vpclinks", "GetVpcLinks"],
  ["GET", "/v2/tags/*", "GetTags"],
];

function segments(path: string): string[] {
  return path.split("/").filter(Boolean);
}

function matchRoute(routes: Route[], method: string, path: string): string | undefined {
  const segs = segments(path);
  for (const [m, template, op] of routes) {
    if (m !== method) continue;
    const t = segments(template);
    if (t.length === segs.length && t.every((s, i) => s === "*" || s === segs[i])) return op;
  }
  return undefined;
}

/** "<METHOD> /a/{}/b" for a call no route names: identifiable in the summary without leaking resource ids. */
function templateOf(method: string, path: string, keep: ReadonlySet<string>): string {
  return `${method} /${segments(path)
    .map((s) => (keep.has(s) ? s : "{}"))
    .join("/")}`;
}

const KNOWN_SEGMENTS = new Set(
  [...LAMBDA_ROUTES, ...APIGATEWAY_ROUTES, ...APIGATEWAYV2_ROUTES].flatMap(([, t]) => segments(t).filter((s) => s !== "*")),
);

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function numberOrUndefined(v: string | null | undefined): number | undefined {
  if (v === null || v === undefined || v === "") return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** Which API call a request is, from its method, URL, headers and (for query and JSON APIs) its body. */
export function identify(req: { method: string; url: string; headers: IncomingHttpHeaders }, body: Buffer): Identified {
  const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(header(req.headers, "authorization") ?? "");
  const region = scope?.[1] ?? "unknown";
  const signingName = scope?.[2] ?? "unknown";
  const accountId = header(req.headers, "x-moto-account-id") ?? MOTO_DEFAULT_ACCOUNT;
  const url = new URL(req.url, "http://shim.invalid");
  const method = req.method.toUpperCase();

  const target = header(req.headers, "x-amz-target");
  if (target) {
    const params = parseJsonObject(body);
    return { service: signingName, operation: target.split(".").pop() ?? target, region, accountId, pageSize: numberOrUndefined(String(params.MaxResults ?? "")) };
  }
  const contentType = header(req.headers, "content-type") ?? "";
  const query = contentType.includes("application/x-www-form-urlencoded") ? new URLSearchParams(body.toString("utf8")) : url.searchParams;
  const action = query.get("Action");
  if (action) return { service: signingName, operation: action, region, accountId, pageSize: numberOrUndefined(query.get("MaxItems") ?? query.get("MaxResults")) };

  if (signingName === "lambda") {
    const rest = url.pathname.replace(/^\/\d{4}-\d{2}-\d{2}/, "");
    const op = matchRoute(LAMBDA_ROUTES, method, rest) ?? templateOf(method, rest, KNOWN_SEGMENTS);
    return { service: "lambda", operation: op, region, accountId, pageSize: numberOrUndefined(url.searchParams.get("MaxItems")) };
  }
  if (signingName === "apigateway") {
    const isV2 = url.pathname.startsWith("/v2/");
    const routes = isV2 ? APIGATEWAYV2_ROUTES : APIGATEWAY_ROUTES;
    const op = matchRoute(routes, method, url.pathname) ?? templateOf(method, url.pathname, KNOWN_SEGMENTS);
    const pageSize = numberOrUndefined(url.searchParams.get(isV2 ? "maxResults" : "limit"));
    return { service: isV2 ? "apigatewayv2" : "apigateway", operation: op, region, accountId, pageSize };
  }
  return { service: signingName, operation: templateOf(method, url.pathname, KNOWN_SEGMENTS), region, accountId };
}

function parseJsonObject(body: Buffer): Record<string, unknown> {
  try {
    const v = JSON.parse(body.toString("utf8") || "{}") as unknown;
    return v && typeof v === "object" ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export type ThrottleResponse = { status: number; headers: Record<string, string>; body: string };

/** What AWS answers when a call is over quota, per protocol. */
export function throttleResponse(id: Pick<Identified, "service">, requestId: string = randomUUID()): ThrottleResponse {
  switch (id.service) {
    case "lambda":
      return {
        status: 429,
        headers: { "content-type": "application/json", "x-amzn-errortype": "TooManyRequestsException", "x-amzn-requestid": requestId },
        body: JSON.stringify({ Type: "User", message: "Rate exceeded", __type: "TooManyRequestsException" }),
      };
    case "apigateway":
    case "apigatewayv2":
    case "account":
      return {
        status: 429,
        headers: { "content-type": "application/json", "x-amzn-errortype": "TooManyRequestsException", "x-amzn-requestid": requestId },
        body: JSON.stringify({ message: "Too Many Requests" }),
      };
    case "organizations":
      return {
        status: 400,
        headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": requestId },
        body: JSON.stringify({ __type: "TooManyRequestsException", Message: "Rate exceeded" }),
      };
    case "ec2":
      return {
        status: 503,
        headers: { "content-type": "text/xml" },
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
      };
    default:
      // IAM, STS and the other query (XML) APIs.
      return {
        status: 400,
        headers: { "content-type": "text/xml", "x-amzn-requestid": requestId },
        body: `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      };
  }
}

export type BucketStats = {
  accountId: string;
  region: string;
  bucket: BucketName;
  /** Requests that drew on this bucket: admitted plus throttled. */
  calls: number;
  throttled: number;
  /** Clock time (ms) of the first and last admitted call. */
  firstAt?: number;
  lastAt?: number;
};

export type OperationStats = { service: string; operation: string; calls: number; throttled: number; pageSizes: number[] };

export type ShimStats = {
  startedAt: number;
  now: number;
  calls: number;
  throttled: number;
  /** Time (ms) during which at least one request was in flight to the emulator. */
  emulatorBusyMs: number;
  buckets: BucketStats[];
  operations: OperationStats[];
};

export type QuotaShim = {
  endpoint: string;
  quotas: Quotas;
  stats(): ShimStats;
  /** Forget the counters (the buckets keep their state). */
  resetStats(): void;
  stop(): Promise<void>;
};

export async function startQuotaShim(opts: { upstream: string; quotas?: Quotas; port?: number; clock?: Clock }): Promise<QuotaShim> {
  const upstream = new URL(opts.upstream);
  const quotas = opts.quotas ?? resolveQuotas();
  const clock = opts.clock ?? systemClock;
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const buckets = new Map<string, TokenBucket>();
  let bucketStats = new Map<string, BucketStats>();
  let opStats = new Map<string, OperationStats>();
  let startedAt = clock.now();
  let calls = 0;
  let throttled = 0;
  let busyMs = 0;
  let inFlight = 0;
  let busySince = 0;

  const bucketFor = (key: string, name: BucketName) => {
    let b = buckets.get(key);
    if (!b) {
      b = new TokenBucket(quotas[name], clock.now());
      buckets.set(key, b);
    }
    return b;
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const id = identify({ method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers }, body);
      const region = quotaRegion(id.service, id.region);
      const names = bucketsFor(id.service, id.operation);
      const keys = names.map((n) => `${id.accountId}|${region}|${n}`);
      const now = clock.now();
      const admitted = tryTakeAll(
        names.map((n, i) => bucketFor(keys[i], n)),
        now,
      );

      calls++;
      const opKey = `${id.service}:${id.operation}`;
      const op = opStats.get(opKey) ?? { service: id.service, operation: id.operation, calls: 0, throttled: 0, pageSizes: [] };
      opStats.set(opKey, op);
      op.calls++;
      if (id.pageSize !== undefined && !op.pageSizes.includes(id.pageSize)) op.pageSizes.push(id.pageSize);
      names.forEach((name, i) => {
        const s = bucketStats.get(keys[i]) ?? { accountId: id.accountId, region, bucket: name, calls: 0, throttled: 0 };
        bucketStats.set(keys[i], s);
        s.calls++;
        if (!admitted) s.throttled++;
        else {
          s.firstAt ??= now;
          s.lastAt = now;
        }
      });

      if (!admitted) {
        throttled++;
        op.throttled++;
        const t = throttleResponse(id);
        res.writeHead(t.status, { ...t.headers, "content-length": Buffer.byteLength(t.body) });
        res.end(t.body);
        return;
      }

      if (inFlight++ === 0) busySince = clock.now();
      let settled = false;
      const settle = () => {
        if (settled) return;
        settled = true;
        if (--inFlight === 0) busyMs += clock.now() - busySince;
      };
      const up = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent },
        (upRes) => {
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          upRes.pipe(res);
          upRes.on("end", settle);
          upRes.on("error", settle);
        },
      );
      up.on("error", (err) => {
        settle();
        if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
        res.end(`quota shim: upstream error: ${err.message}`);
      });
      up.end(body);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    quotas,
    stats: () => ({
      startedAt,
      now: clock.now(),
      calls,
      throttled,
      emulatorBusyMs: busyMs + (inFlight > 0 ? clock.now() - busySince : 0),
      buckets: [...bucketStats.values()].map((b) => ({ ...b })),
      operations: [...opStats.values()].map((o) => ({ ...o, pageSizes: [...o.pageSizes] })),
    }),
    resetStats() {
      bucketStats = new Map();
      opStats = new Map();
      startedAt = clock.now();
      calls = 0;
      throttled = 0;
      busyMs = 0;
      if (inFlight > 0) busySince = clock.now();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A printable summary: per bucket, calls, throttles and the rate floor those calls imply. */
export function formatShimSummary(stats: ShimStats, quotas: Quotas): string {
  const wallS = (stats.now - stats.startedAt) / 1000;
  const lines = [
    `quota shim: ${stats.calls} calls, ${stats.throttled} throttled (${pct(stats.throttled, stats.calls)}) in ${wallS.toFixed(1)} s; emulator busy ${(stats.emulatorBusyMs / 1000).toFixed(1)} s`,
    "  account       region     bucket                    calls  throttled  rate/s  floor_s  sustained/s",
  ];
  for (const b of [...stats.buckets].sort((x, y) => y.calls - x.calls)) {
    const q = quotas[b.bucket];
    const admitted = b.calls - b.throttled;
    const span = b.firstAt !== undefined && b.lastAt !== undefined ? (b.lastAt - b.firstAt) / 1000 : 0;
    // Calls beyond the initial burst per second: the rate the bucket was held at, once it had drained.
    const sustained = admitted > q.burst && span > 0 ? (admitted - q.burst) / span : undefined;
    lines.push(
      `  ${b.accountId.padEnd(13)} ${b.region.padEnd(10)} ${b.bucket.padEnd(24)} ${String(b.calls).padStart(6)} ${String(b.throttled).padStart(10)} ${String(q.rate).padStart(7)} ${(admitted / q.rate).toFixed(1).padStart(8)} ${sustained !== undefined ? sustained.toFixed(2).padStart(12) : "           -"}`,
    );
  }
  lines.push("  operations:");
  for (const o of [...stats.operations].sort((x, y) => y.calls - x.calls)) {
    const paging = o.pageSizes.length ? `  page size ${o.pageSizes.join(",")}` : "";
    lines.push(`    ${`${o.service}:${o.operation}`.padEnd(48)} ${String(o.calls).padStart(7)} calls ${String(o.throttled).padStart(6)} throttled${paging}`);
  }
  return lines.join("\n");
}

function pct(n: number, d: number): string {
  return d === 0 ? "0%" : `${((100 * n) / d).toFixed(2)}%`;
}

async function main() {
  const { values } = parseArgs({
    options: { upstream: { type: "string" }, port: { type: "string", default: "5116" }, quotas: { type: "string" } },
    strict: true,
  });
  if (!values.upstream) throw new Error("--upstream http://127.0.0.1:<moto port> is required");
  const quotas = resolveQuotas(ZQuotasJson.parse(values.quotas));
  const shim = await startQuotaShim({ upstream: values.upstream, port: Number(values.port), quotas });
  console.error(`quota shim on ${shim.endpoint} -> ${values.upstream}; Ctrl-C prints the summary`);
  const stop = async () => {
    console.log(formatShimSummary(shim.stats(), quotas));
    await shim.stop();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
