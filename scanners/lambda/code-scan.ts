// LC-03 (opt-in, LANTERN_SCAN_FUNCTION_CODE): secrets in a function's deployment package and in the layers of
// its own account. GetFunction returns Code.Location, a presigned S3 URL valid for ten minutes;
// GetLayerVersionByArn returns the same for a layer (Content.Location). Each archive is downloaded into memory
// (size cap, timeout, no redirects, amazonaws.com only), read with caps on entries and unzipped size (zip
// bombs), and its text files are run through the secret detectors. The result holds paths, lines, detector
// ids and keyed fingerprints: never the secret, never the code, never the URL (it is a credential for ten
// minutes). The GetFunction response also carries the environment in clear text: only Code is read from it.
//
// Needs lambda:GetFunction and lambda:GetLayerVersion, which the scanner policy leaves out on purpose: they are
// granted by the separate, optional iam/lantern-code-scan-policy.json (docs/configuration.md).
import { GetFunctionCommand, GetLayerVersionByArnCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import { ArchiveError, DEFAULT_ARCHIVE_LIMITS, scanArchive, type ArchiveLimits } from "@/lib/analysis/secrets/archive";
import { CONFIDENCE_RANK } from "@/lib/analysis/secrets/patterns";
import { env } from "@/lib/env";
import type { CallError } from "@/scanners/types";
import type { TCodePackageScan, TCodeSecretHit, TFetchedCodeSecrets } from "@/scanners/lambda/record";

/** The IAM actions code scanning calls (iam/lantern-code-scan-policy.json grants exactly these). */
export const CODE_SCAN_APIS = ["lambda:GetFunction", "lambda:GetLayerVersion"] as const;

export type CodeScanLimits = ArchiveLimits & {
  /** A larger package is not downloaded (PackageTooLarge). */
  maxDownloadBytes: number;
  downloadTimeoutMs: number;
};

export const DEFAULT_CODE_SCAN_LIMITS: CodeScanLimits = {
  ...DEFAULT_ARCHIVE_LIMITS,
  // Lambda's own cap is 250 MB unzipped, so a real package is smaller than this zipped.
  maxDownloadBytes: 256 * 1024 * 1024,
  downloadTimeoutMs: 120_000,
};

/** Whether code scanning is on, and its download cap, from the environment (lib/env.ts). */
export function codeScanConfig(): { enabled: boolean; limits: Partial<CodeScanLimits> } {
  const e = env();
  return { enabled: e.LANTERN_SCAN_FUNCTION_CODE, limits: { maxDownloadBytes: e.LANTERN_CODE_SCAN_MAX_PACKAGE_MB * 1024 * 1024 } };
}

/** What one package's scan contributes to the function's result. */
export type PackageResult = { pkg: TCodePackageScan; hits: TCodeSecretHit[]; hitsTruncated: boolean };

/**
 * Layer scans shared by the functions of one collection unit: a layer version many functions use is
 * downloaded and read once. Create one per unit (createLayerScanCache) and pass it to every call.
 */
export type LayerScanCache = Map<string, Promise<PackageResult>>;
export const createLayerScanCache = (): LayerScanCache => new Map();

export type CodeScanTarget = {
  /** Unqualified function ARN: the code of $LATEST is scanned. */
  functionArn: string;
  /** The account being scanned: layers of other accounts (vendors, AWS) are not downloaded. */
  accountId: string;
  /** From the function configuration: "Image" functions have no zip to download. */
  packageType: string | null;
  /** From the function configuration (Layers[].Arn): layer version ARNs. */
  layerArns: string[];
};

export type CodeScanOptions = {
  /** Keyed fingerprint of a matched secret (lib/scan/fingerprint.ts secretFingerprint()). */
  fingerprint: (value: string) => string;
  /** The unit's abort signal: a cancelled unit stops downloading and throws. */
  signal?: AbortSignal;
  limits?: Partial<CodeScanLimits>;
  layerCache?: LayerScanCache;
  /** Record a failed AWS call (CollectContext.recordError). */
  recordError?: (error: CallError) => void;
  /** Tests: the download function and which locations to accept (default: https on *.amazonaws.com only). */
  fetch?: typeof fetch;
  isAllowedLocation?: (url: URL) => boolean;
};

type Download = { ok: true; bytes: Uint8Array } | { ok: false; code: string; message: string };

export function isAwsLocation(url: URL): boolean {
  return url.protocol === "https:" && (url.hostname.endsWith(".amazonaws.com") || url.hostname.endsWith(".amazonaws.com.cn"));
}

/** Download a presigned URL into memory, refusing more than `maxBytes`. Messages never include the URL. */
async function download(location: string, limits: CodeScanLimits, options: CodeScanOptions): Promise<Download> {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return { ok: false, code: "InvalidLocation", message: "the code location is not a URL" };
  }
  if (!(options.isAllowedLocation ?? isAwsLocation)(url)) {
    return { ok: false, code: "UnexpectedLocation", message: "the code location is not an HTTPS amazonaws.com URL; it was not downloaded" };
  }
  const timeout = AbortSignal.timeout(limits.downloadTimeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const tooLarge: Download = {
    ok: false,
    code: "PackageTooLarge",
    message: `the package is larger than ${limits.maxDownloadBytes} bytes (LANTERN_CODE_SCAN_MAX_PACKAGE_MB); it was not scanned`,
  };
  try {
    const res = await (options.fetch ?? fetch)(url, { signal, redirect: "error" });
    if (!res.ok) {
      await res.body?.cancel();
      return { ok: false, code: `HTTP${res.status}`, message: `the download answered HTTP ${res.status}` };
    }
    if (Number(res.headers.get("content-length") ?? 0) > limits.maxDownloadBytes) {
      await res.body?.cancel();
      return tooLarge;
    }
    if (!res.body) return { ok: true, bytes: new Uint8Array(0) };
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      total += r.value.length;
      if (total > limits.maxDownloadBytes) {
        await reader.cancel();
        return tooLarge;
      }
      chunks.push(r.value);
    }
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    return { ok: true, bytes };
  } catch (err) {
    if (options.signal?.aborted) throw options.signal.reason ?? err;
    if (timeout.aborted) return { ok: false, code: "DownloadTimeout", message: `the download took longer than ${limits.downloadTimeoutMs} ms` };
    // fetch's errors can carry the URL (a credential for ten minutes): keep the error's name only.
    return { ok: false, code: "DownloadFailed", message: `the download failed (${err instanceof Error ? err.name : "error"})` };
  }
}

function emptyPackage(kind: TCodePackageScan["kind"], arn: string, codeSha256: string | null): TCodePackageScan {
  return { kind, arn, status: "scanned", code: null, reason: null, codeSha256, filesScanned: 0, filesSkipped: 0 };
}

function failedPackage(kind: TCodePackageScan["kind"], arn: string, status: "skipped" | "error", code: string, reason: string, codeSha256: string | null = null): PackageResult {
  return { pkg: { ...emptyPackage(kind, arn, codeSha256), status, code, reason }, hits: [], hitsTruncated: false };
}

/** Download and read one archive. */
async function scanLocation(
  kind: TCodePackageScan["kind"],
  arn: string,
  location: string,
  codeSha256: string | null,
  limits: CodeScanLimits,
  options: CodeScanOptions,
): Promise<PackageResult> {
  const downloaded = await download(location, limits, options);
  if (!downloaded.ok) return failedPackage(kind, arn, "error", downloaded.code, downloaded.message, codeSha256);
  try {
    const scan = scanArchive(downloaded.bytes, { fingerprint: options.fingerprint, limits });
    const layerArn = kind === "layer" ? arn : null;
    return {
      pkg: { kind, arn, status: scan.status, code: scan.code, reason: scan.reason, codeSha256, filesScanned: scan.filesScanned, filesSkipped: scan.filesSkipped },
      hits: scan.hits.map((h) => ({ layerArn, ...h })),
      hitsTruncated: scan.hitsTruncated,
    };
  } catch (err) {
    if (err instanceof ArchiveError) return failedPackage(kind, arn, "error", "InvalidArchive", `the package is not a readable zip archive: ${err.message}`, codeSha256);
    throw err;
  }
}

function awsFailure(err: unknown): { code: string; message: string } {
  if (err instanceof Error) return { code: err.name || "Error", message: err.message };
  return { code: "UnknownError", message: String(err) };
}

async function scanLayer(lambda: LambdaClient, layerArn: string, limits: CodeScanLimits, options: CodeScanOptions): Promise<PackageResult> {
  let content: { Location?: string; CodeSha256?: string } | undefined;
  try {
    content = (await lambda.send(new GetLayerVersionByArnCommand({ Arn: layerArn }), { abortSignal: options.signal })).Content;
  } catch (err) {
    if (options.signal?.aborted) throw options.signal.reason ?? err;
    const failure = awsFailure(err);
    options.recordError?.({ api: "lambda:GetLayerVersion", resource: layerArn, ...failure });
    return failedPackage("layer", layerArn, "error", failure.code, failure.message);
  }
  if (!content?.Location) return failedPackage("layer", layerArn, "error", "NoCodeLocation", "GetLayerVersionByArn returned no content location", content?.CodeSha256 ?? null);
  return scanLocation("layer", layerArn, content.Location, content.CodeSha256 ?? null, limits, options);
}

const accountOf = (arn: string) => arn.split(":")[4] ?? "";

/**
 * Scan one function's deployment package and its layers for secrets. `error` when GetFunction itself failed
 * (typically AccessDeniedException: the optional code-scan policy is not attached); otherwise `ok`, with a
 * status per package (a download, an archive or a layer that failed is an error package, not a failed scan).
 *
 * Call it from collect for every function when codeScanConfig().enabled, after the function configuration
 * is known, and attach the result to the function's raw entry as `codeSecrets`; when disabled, attach
 * nothing (normalize records `absent`).
 */
export async function scanFunctionCode(lambda: LambdaClient, target: CodeScanTarget, options: CodeScanOptions): Promise<TFetchedCodeSecrets> {
  const limits: CodeScanLimits = { ...DEFAULT_CODE_SCAN_LIMITS, ...options.limits };
  const results: PackageResult[] = [];

  if (target.packageType === "Image") {
    results.push(failedPackage("function", target.functionArn, "skipped", "ContainerImage", "container image functions have no zip package to download; scan the image in its registry"));
  } else {
    let code: { Location?: string; RepositoryType?: string; ImageUri?: string; Error?: { ErrorCode?: string; Message?: string } } | undefined;
    let codeSha256: string | null = null;
    try {
      const out = await lambda.send(new GetFunctionCommand({ FunctionName: target.functionArn }), { abortSignal: options.signal });
      code = out.Code;
      codeSha256 = out.Configuration?.CodeSha256 ?? null;
    } catch (err) {
      if (options.signal?.aborted) throw options.signal.reason ?? err;
      const failure = awsFailure(err);
      options.recordError?.({ api: "lambda:GetFunction", resource: target.functionArn, ...failure });
      return { status: "error", ...failure };
    }
    if (code?.ImageUri && !code.Location) {
      results.push(failedPackage("function", target.functionArn, "skipped", "ContainerImage", "container image functions have no zip package to download; scan the image in its registry", codeSha256));
    } else if (!code?.Location) {
      const reason = code?.Error?.Message ? `Lambda could not provide the package: ${code.Error.Message}` : "GetFunction returned no code location";
      results.push(failedPackage("function", target.functionArn, "error", code?.Error?.ErrorCode ?? "NoCodeLocation", reason, codeSha256));
    } else {
      results.push(await scanLocation("function", target.functionArn, code.Location, codeSha256, limits, options));
    }
  }

  for (const layerArn of target.layerArns) {
    if (accountOf(layerArn) !== target.accountId) {
      results.push(failedPackage("layer", layerArn, "skipped", "ForeignLayer", `the layer belongs to account ${accountOf(layerArn)}: only this account's layers are downloaded`));
      continue;
    }
    let pending = options.layerCache?.get(layerArn);
    if (!pending) {
      pending = scanLayer(lambda, layerArn, limits, options);
      options.layerCache?.set(layerArn, pending);
    }
    results.push(await pending);
  }

  const hits = results
    .flatMap((r) => r.hits)
    .sort((a, b) => CONFIDENCE_RANK[b.confidence] - CONFIDENCE_RANK[a.confidence]);
  return {
    status: "ok",
    value: {
      packages: results.map((r) => r.pkg),
      hits: hits.slice(0, limits.maxHits),
      hitsTruncated: hits.length > limits.maxHits || results.some((r) => r.hitsTruncated),
    },
  };
}
