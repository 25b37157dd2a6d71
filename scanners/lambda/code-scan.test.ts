// scanFunctionCode: GetFunction / GetLayerVersionByArn emulated with aws-sdk-client-mock (moto's Code.Location
// is a fake URL), the presigned download served by a local HTTP server holding zips built with the demo
// estate's zip writer.
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { GetFunctionCommand, GetLayerVersionByArnCommand, LambdaClient, LambdaServiceException } from "@aws-sdk/client-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { makeFingerprint } from "@/lib/aws/redact";
import * as F from "@/lib/analysis/secrets/__fixtures__/fake-secrets";
import { buildZip } from "@/scripts/demo-estate/zip";
import type { CallError } from "@/scanners/types";
import { ZFetchedCodeSecrets } from "./record";
import { CODE_SCAN_APIS, createLayerScanCache, isAwsLocation, scanFunctionCode, type CodeScanOptions, type CodeScanTarget } from "./code-scan";

const ACCOUNT = "111122223333";
const FN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders-api`;
const OWN_LAYER = `arn:aws:lambda:us-east-1:${ACCOUNT}:layer:shared-config:3`;
const VENDOR_LAYER = "arn:aws:lambda:us-east-1:464622532012:layer:Datadog-Extension:65";
const SIGNATURE = "X-Amz-Signature=0f1e2d3c4b5a69788796a5b4c3d2e1f0";
const fingerprint = makeFingerprint("code-scan-test-secret-0000");

const FUNCTION_ZIP = buildZip([
  { name: "index.js", data: `const stripe = require("stripe")("${F.STRIPE_LIVE_KEY}");\nexports.handler = async () => stripe.charges.list();\n` },
  { name: "lib/db.js", data: `module.exports = { host: "db.internal.example.com", user: "app" };\n` },
  { name: "node_modules/left-pad/index.js", data: "module.exports = (s, n) => s.padStart(n);\n" },
]);
const LAYER_ZIP = buildZip([{ name: "nodejs/config/.env", data: `TABLE=orders\nDB_PASSWORD=${["hunter2", "-Prod"].join("")}\n` }]);
const CLEAN_ZIP = buildZip([{ name: "index.py", data: "def handler(event, context):\n    return {'ok': True}\n" }]);

let server: Server;
let base = "";
const served = new Map<string, () => { status: number; body?: Buffer; headers?: Record<string, string>; hang?: boolean; chunked?: boolean }>();
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0];
    requests.push(path);
    const answer = served.get(path)?.() ?? { status: 404 };
    if (answer.hang) return; // never answers: the download times out
    if (answer.chunked && answer.body) {
      res.writeHead(answer.status, { "content-type": "application/zip", ...answer.headers });
      for (let at = 0; at < answer.body.length; at += 64 * 1024) res.write(answer.body.subarray(at, at + 64 * 1024));
      res.end();
      return;
    }
    res.writeHead(answer.status, { "content-type": "application/zip", ...(answer.body ? { "content-length": String(answer.body.length) } : {}), ...answer.headers });
    res.end(answer.body);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const lambdaMock = mockClient(LambdaClient);
const lambda = new LambdaClient({ region: "us-east-1", credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test-secret" }, maxAttempts: 1 });
const errors: CallError[] = [];

beforeEach(() => {
  lambdaMock.reset();
  served.clear();
  requests.length = 0;
  errors.length = 0;
  served.set("/function.zip", () => ({ status: 200, body: FUNCTION_ZIP }));
  served.set("/layer.zip", () => ({ status: 200, body: LAYER_ZIP }));
  lambdaMock.on(GetFunctionCommand).resolves({
    // GetFunction returns the environment in clear text too: it must not end up in the result.
    Configuration: { FunctionName: "orders-api", CodeSha256: "c2hhMjU2", Environment: { Variables: { DB_PASSWORD: "env-value-not-to-keep" } } },
    Code: { RepositoryType: "S3", Location: `${base}/function.zip?${SIGNATURE}` },
  });
  lambdaMock.on(GetLayerVersionByArnCommand).resolves({ Content: { Location: `${base}/layer.zip?${SIGNATURE}`, CodeSha256: "bGF5ZXI=" } });
});
afterEach(() => lambdaMock.reset());

const target = (overrides: Partial<CodeScanTarget> = {}): CodeScanTarget => ({
  functionArn: FN,
  accountId: ACCOUNT,
  packageType: "Zip",
  layerArns: [],
  ...overrides,
});
const options = (overrides: Partial<CodeScanOptions> = {}): CodeScanOptions => ({
  fingerprint,
  isAllowedLocation: () => true,
  recordError: (e) => errors.push(e),
  ...overrides,
});

function okValue(result: Awaited<ReturnType<typeof scanFunctionCode>>) {
  if (result.status !== "ok") throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  expect(ZFetchedCodeSecrets.parse(result)).toEqual(result);
  return result.value;
}

describe("scanFunctionCode", () => {
  it("downloads the package, reports each secret by path, line and fingerprint, and keeps no secret, code or URL", async () => {
    const result = await scanFunctionCode(lambda, target(), options());
    expect(okValue(result)).toEqual({
      packages: [{ kind: "function", arn: FN, status: "scanned", code: null, reason: null, codeSha256: "c2hhMjU2", filesScanned: 3, filesSkipped: 0 }],
      hits: [{ layerArn: null, path: "index.js", line: 1, detector: "stripe-secret-key", confidence: "high", fingerprint: fingerprint(F.STRIPE_LIVE_KEY) }],
      hitsTruncated: false,
    });
    const serialized = JSON.stringify(result);
    for (const leak of [F.STRIPE_LIVE_KEY, "env-value-not-to-keep", SIGNATURE, base, "stripe.charges"]) expect(serialized).not.toContain(leak);
    expect(lambdaMock.commandCalls(GetFunctionCommand)[0].args[0].input).toEqual({ FunctionName: FN });
  });

  it("scans the account's own layers and skips other accounts' layers", async () => {
    const value = okValue(await scanFunctionCode(lambda, target({ layerArns: [OWN_LAYER, VENDOR_LAYER] }), options()));
    expect(value.packages.map((p) => [p.kind, p.arn, p.status, p.code])).toEqual([
      ["function", FN, "scanned", null],
      ["layer", OWN_LAYER, "scanned", null],
      ["layer", VENDOR_LAYER, "skipped", "ForeignLayer"],
    ]);
    expect(value.hits).toEqual([
      expect.objectContaining({ layerArn: null, path: "index.js", detector: "stripe-secret-key" }),
      { layerArn: OWN_LAYER, path: "nodejs/config/.env", line: 2, detector: "password-assignment", confidence: "medium", fingerprint: fingerprint("hunter2-Prod") },
    ]);
    expect(lambdaMock.commandCalls(GetLayerVersionByArnCommand).map((c) => c.args[0].input)).toEqual([{ Arn: OWN_LAYER }]);
  });

  it("reads a layer shared by several functions once per cache (one unit)", async () => {
    const layerCache = createLayerScanCache();
    await scanFunctionCode(lambda, target({ layerArns: [OWN_LAYER] }), options({ layerCache }));
    const second = okValue(await scanFunctionCode(lambda, target({ functionArn: `${FN}-v2`, layerArns: [OWN_LAYER] }), options({ layerCache })));
    expect(second.hits.filter((h) => h.layerArn === OWN_LAYER)).toHaveLength(1);
    expect(lambdaMock.commandCalls(GetLayerVersionByArnCommand)).toHaveLength(1);
    expect(requests.filter((p) => p === "/layer.zip")).toHaveLength(1);
  });

  it("returns an error, and records it, when GetFunction is denied (the optional policy is not attached)", async () => {
    lambdaMock.on(GetFunctionCommand).rejects(
      new LambdaServiceException({
        name: "AccessDeniedException",
        $fault: "client",
        $metadata: { httpStatusCode: 403 },
        message: `User is not authorized to perform: lambda:GetFunction on resource: ${FN}`,
      }),
    );
    const result = await scanFunctionCode(lambda, target({ layerArns: [OWN_LAYER] }), options());
    expect(result).toEqual({ status: "error", code: "AccessDeniedException", message: expect.stringContaining("lambda:GetFunction") });
    expect(errors).toEqual([{ api: "lambda:GetFunction", resource: FN, code: "AccessDeniedException", message: expect.any(String) }]);
    expect(requests).toEqual([]);
  });

  it("records a denied layer read as an error package and still scans the function", async () => {
    lambdaMock.on(GetLayerVersionByArnCommand).rejects(
      new LambdaServiceException({ name: "AccessDeniedException", $fault: "client", $metadata: { httpStatusCode: 403 }, message: "not authorized: lambda:GetLayerVersion" }),
    );
    const value = okValue(await scanFunctionCode(lambda, target({ layerArns: [OWN_LAYER] }), options()));
    expect(value.packages[1]).toMatchObject({ kind: "layer", status: "error", code: "AccessDeniedException" });
    expect(value.hits.map((h) => h.detector)).toEqual(["stripe-secret-key"]);
    expect(errors.map((e) => e.api)).toEqual(["lambda:GetLayerVersion"]);
  });

  it("skips a container image function without calling GetFunction", async () => {
    const value = okValue(await scanFunctionCode(lambda, target({ packageType: "Image" }), options()));
    expect(value.packages).toEqual([expect.objectContaining({ kind: "function", status: "skipped", code: "ContainerImage" })]);
    expect(lambdaMock.commandCalls(GetFunctionCommand)).toHaveLength(0);
  });

  it("refuses an oversize package announced by Content-Length without reading it", async () => {
    const value = okValue(await scanFunctionCode(lambda, target(), options({ limits: { maxDownloadBytes: 100 } })));
    expect(value.packages[0]).toMatchObject({ status: "error", code: "PackageTooLarge", filesScanned: 0 });
    expect(value.packages[0].reason).toContain("LANTERN_CODE_SCAN_MAX_PACKAGE_MB");
    expect(value.hits).toEqual([]);
  });

  it("stops reading an oversize package streamed without Content-Length", async () => {
    const big = buildZip([{ name: "bundle.js", data: F.base62(400_000, 9) }]);
    served.set("/function.zip", () => ({ status: 200, body: big, chunked: true }));
    const value = okValue(await scanFunctionCode(lambda, target(), options({ limits: { maxDownloadBytes: 200_000 } })));
    expect(value.packages[0]).toMatchObject({ status: "error", code: "PackageTooLarge" });
  });

  it("reports a zip bomb as a partial scan, keeping what was found before the cap", async () => {
    const bomb = buildZip([
      { name: "index.js", data: `const k = "${F.AWS_ACCESS_KEY_ID}";` },
      ...Array.from({ length: 8 }, (_, i) => ({ name: `pad/${i}.txt`, data: "0".repeat(2 * 1024 * 1024) })),
    ]);
    expect(bomb.length).toBeLessThan(100_000);
    served.set("/function.zip", () => ({ status: 200, body: bomb }));
    const value = okValue(await scanFunctionCode(lambda, target(), options({ limits: { maxUnzippedBytes: 5 * 1024 * 1024 } })));
    expect(value.packages[0]).toMatchObject({ status: "partial", code: "UnzippedSizeExceeded" });
    expect(value.hits.map((h) => h.detector)).toEqual(["aws-access-key-id"]);
  });

  it("reports a download that is not a zip, an HTTP error and a timeout as error packages", async () => {
    served.set("/function.zip", () => ({ status: 200, body: Buffer.from("<Error><Code>AccessDenied</Code></Error>") }));
    expect(okValue(await scanFunctionCode(lambda, target(), options())).packages[0]).toMatchObject({ status: "error", code: "InvalidArchive" });

    served.set("/function.zip", () => ({ status: 403 }));
    expect(okValue(await scanFunctionCode(lambda, target(), options())).packages[0]).toMatchObject({ status: "error", code: "HTTP403" });

    served.set("/function.zip", () => ({ status: 200, hang: true }));
    const timedOut = okValue(await scanFunctionCode(lambda, target(), options({ limits: { downloadTimeoutMs: 200 } })));
    expect(timedOut.packages[0]).toMatchObject({ status: "error", code: "DownloadTimeout" });
    expect(JSON.stringify(timedOut)).not.toContain(SIGNATURE);
  });

  it("downloads only from HTTPS amazonaws.com by default, and never follows a redirect", async () => {
    const refused = okValue(await scanFunctionCode(lambda, target(), options({ isAllowedLocation: undefined })));
    expect(refused.packages[0]).toMatchObject({ status: "error", code: "UnexpectedLocation" });
    expect(requests).toEqual([]);
    expect(isAwsLocation(new URL("https://awslambda-us-east-1-tasks.s3.us-east-1.amazonaws.com/snapshots/x"))).toBe(true);
    expect(isAwsLocation(new URL("https://amazonaws.com.attacker.example/x"))).toBe(false);
    expect(isAwsLocation(new URL("http://bucket.s3.amazonaws.com/x"))).toBe(false);

    served.set("/function.zip", () => ({ status: 302, headers: { location: `${base}/layer.zip` } }));
    const redirected = okValue(await scanFunctionCode(lambda, target(), options()));
    expect(redirected.packages[0]).toMatchObject({ status: "error", code: "DownloadFailed" });
    expect(requests).toEqual(["/function.zip"]);
  });

  it("passes a clean package", async () => {
    served.set("/function.zip", () => ({ status: 200, body: CLEAN_ZIP }));
    expect(okValue(await scanFunctionCode(lambda, target(), options()))).toEqual({
      packages: [expect.objectContaining({ status: "scanned", filesScanned: 1 })],
      hits: [],
      hitsTruncated: false,
    });
  });

  it("throws when the unit is cancelled", async () => {
    const controller = new AbortController();
    served.set("/function.zip", () => {
      controller.abort(new Error("unit cancelled"));
      return { status: 200, hang: true };
    });
    await expect(scanFunctionCode(lambda, target(), options({ signal: controller.signal }))).rejects.toThrow("unit cancelled");
  });

  it("names the IAM actions it needs, which the optional policy grants", async () => {
    const { readFileSync } = await import("node:fs");
    const policy = JSON.parse(readFileSync(new URL("../../iam/lantern-code-scan-policy.json", import.meta.url), "utf8")) as {
      Statement: { Action: string[] }[];
    };
    expect(policy.Statement.flatMap((s) => s.Action).sort()).toEqual([...CODE_SCAN_APIS].sort());
  });
});
