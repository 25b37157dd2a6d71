// Secret detection over a deployment package (a .zip held in memory), safe against hostile archives: the
// central directory is read first and checked against caps on entries and declared sizes, and every entry
// is inflated in small steps (fflate's streaming Inflate) that stop as soon as it produces more than it
// declared, so a zip bomb with honest or with lying headers costs at most the caps. Only text files are
// read; hits leave this module fingerprinted, never as the matched text.
import { Inflate } from "fflate";
import { CONFIDENCE_RANK, type Confidence } from "./patterns";
import { findSecretsInText } from "./text";

export type ArchiveLimits = {
  /** Entries read from the central directory; more makes the scan partial. */
  maxEntries: number;
  /** Sum of the uncompressed sizes of the files scanned (Lambda's own cap is 250 MB unzipped). */
  maxUnzippedBytes: number;
  /** A larger file is skipped (counted in filesSkipped). */
  maxFileBytes: number;
  /** Hits kept per package (the strongest first); more sets hitsTruncated. */
  maxHits: number;
};

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 50_000,
  maxUnzippedBytes: 256 * 1024 * 1024,
  maxFileBytes: 10 * 1024 * 1024,
  maxHits: 200,
};

export type ArchiveHit = {
  path: string;
  line: number;
  detector: string;
  confidence: Confidence;
  /** Keyed fingerprint of the matched secret. */
  fingerprint: string;
};

export type ArchiveScan = {
  /** "partial": a cap or a malformed entry stopped part of the scan; `reason` says which. */
  status: "scanned" | "partial";
  /** Machine-readable cause when partial: TooManyEntries | UnzippedSizeExceeded | InconsistentEntry | … */
  code: string | null;
  reason: string | null;
  filesScanned: number;
  filesSkipped: number;
  hits: ArchiveHit[];
  hitsTruncated: boolean;
};

/** The archive cannot be read at all (not a zip, truncated, ZIP64). */
export class ArchiveError extends Error {
  override name = "InvalidArchive";
}

/** Paths inside a package that are not the function's own code or config: vendored docs, tests and SDK models. */
export const DEFAULT_EXCLUDED_PATHS: readonly RegExp[] = [
  /(?:^|\/)(?:node_modules|site-packages|dist-packages|vendor|gems)\/(?:.*\/)?(?:test|tests|__tests__|spec|specs|example|examples|docs?|fixtures?|benchmark)\//i,
  /(?:^|\/)node_modules\/(?:aws-sdk|@aws-sdk|@smithy)\//,
  /(?:^|\/)(?:botocore|boto3)\/(?:data|examples|docs)\//,
  /(?:^|\/)\.git\//,
  /\.(?:md|markdown|rst|d\.ts|map|lock)$/i,
  /(?:^|\/)(?:CHANGELOG|CHANGES|HISTORY|LICEN[CS]E|NOTICE|AUTHORS)(?:\.[a-z]+)?$/i,
];

const BINARY_EXTENSIONS =
  /\.(?:png|jpe?g|gif|webp|ico|bmp|tiff?|pdf|zip|jar|war|gz|tgz|bz2|xz|7z|tar|so|dylib|dll|exe|node|wasm|pyc|pyo|pyd|class|o|a|woff2?|ttf|otf|eot|mp[34]|mov|avi|sqlite|db|bin|dat|pkl|npy|parquet|onnx|pt|whl|egg)$/i;

const SIG_EOCD = 0x06054b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const INFLATE_STEP = 16 * 1024;
const SNIFF_BYTES = 8000;

type Entry = {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  isSymlink: boolean;
};

function u16(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8);
}
function u32(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}

const utf8 = new TextDecoder("utf-8");
const latin1 = new TextDecoder("latin1");

/** The central directory: names, sizes and offsets, without reading any entry. */
function readCentralDirectory(zip: Uint8Array, maxEntries: number): { entries: Entry[]; total: number } {
  if (zip.length < 22) throw new ArchiveError("not a zip archive (too short)");
  let eocd = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (u32(zip, at) === SIG_EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new ArchiveError("not a zip archive (no end of central directory)");
  const total = u16(zip, eocd + 10);
  const cdOffset = u32(zip, eocd + 16);
  if (total === 0xffff || cdOffset === 0xffffffff) throw new ArchiveError("ZIP64 archives are not read");
  const entries: Entry[] = [];
  let at = cdOffset;
  for (let i = 0; i < Math.min(total, maxEntries); i++) {
    if (at + 46 > zip.length || u32(zip, at) !== SIG_CENTRAL) throw new ArchiveError("corrupt central directory");
    const flags = u16(zip, at + 8);
    const nameLength = u16(zip, at + 28);
    const extraLength = u16(zip, at + 30);
    const commentLength = u16(zip, at + 32);
    const nameBytes = zip.subarray(at + 46, at + 46 + nameLength);
    const mode = (u32(zip, at + 38) >>> 16) & 0o170000;
    entries.push({
      name: (flags & 0x800 ? utf8 : latin1).decode(nameBytes),
      method: u16(zip, at + 10),
      flags,
      compressedSize: u32(zip, at + 20),
      size: u32(zip, at + 24),
      localOffset: u32(zip, at + 42),
      isSymlink: mode === 0o120000,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, total };
}

class EntryTooLarge extends Error {}

/** An entry's bytes, inflated in steps: never more than `limit` bytes, whatever its header says. */
function readEntry(zip: Uint8Array, e: Entry, limit: number): Uint8Array {
  const at = e.localOffset;
  if (at + 30 > zip.length || u32(zip, at) !== SIG_LOCAL) throw new ArchiveError(`corrupt local header for ${e.name}`);
  const start = at + 30 + u16(zip, at + 26) + u16(zip, at + 28);
  const end = start + e.compressedSize;
  if (end > zip.length) throw new ArchiveError(`entry ${e.name} runs past the end of the archive`);
  const data = zip.subarray(start, end);
  if (e.method === 0) {
    if (data.length > limit) throw new EntryTooLarge();
    return data;
  }
  const chunks: Uint8Array[] = [];
  let produced = 0;
  const inflate = new Inflate((chunk) => {
    produced += chunk.length;
    if (produced > limit) throw new EntryTooLarge();
    chunks.push(chunk);
  });
  for (let off = 0; off < data.length; off += INFLATE_STEP) {
    const last = off + INFLATE_STEP >= data.length;
    inflate.push(data.subarray(off, Math.min(off + INFLATE_STEP, data.length)), last);
  }
  if (data.length === 0) inflate.push(new Uint8Array(0), true);
  const out = new Uint8Array(produced);
  let pos = 0;
  for (const c of chunks) {
    out.set(c, pos);
    pos += c.length;
  }
  return out;
}

function isBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

export type ScanArchiveOptions = {
  fingerprint: (value: string) => string;
  limits?: Partial<ArchiveLimits>;
  excludedPaths?: readonly RegExp[];
};

/**
 * Scan the text files of a zip for secrets. Throws ArchiveError when the archive cannot be read at all;
 * a cap reached or a malformed entry makes the result "partial" with the hits found so far.
 */
export function scanArchive(zip: Uint8Array, options: ScanArchiveOptions): ArchiveScan {
  const limits = { ...DEFAULT_ARCHIVE_LIMITS, ...options.limits };
  const excluded = options.excludedPaths ?? DEFAULT_EXCLUDED_PATHS;
  const { entries, total } = readCentralDirectory(zip, limits.maxEntries);
  const result: ArchiveScan = { status: "scanned", code: null, reason: null, filesScanned: 0, filesSkipped: 0, hits: [], hitsTruncated: false };
  const partial = (code: string, reason: string) => {
    if (result.status === "partial") return;
    result.status = "partial";
    result.code = code;
    result.reason = reason;
  };
  if (total > limits.maxEntries) partial("TooManyEntries", `the archive lists ${total} entries; the first ${limits.maxEntries} were read`);

  const hits: ArchiveHit[] = [];
  let unzipped = 0;
  for (const e of entries) {
    if (e.name.endsWith("/")) continue;
    const skip =
      e.isSymlink ||
      e.flags & 0x1 || // encrypted
      (e.method !== 0 && e.method !== 8) ||
      BINARY_EXTENSIONS.test(e.name) ||
      excluded.some((r) => r.test(e.name)) ||
      e.size > limits.maxFileBytes;
    if (skip) {
      result.filesSkipped++;
      continue;
    }
    // Deflate cannot grow data by more than a few bytes per block: a larger compressed size is a lie.
    if (e.method === 8 && e.compressedSize > e.size + Math.ceil(e.size / 16000) * 5 + 64) {
      partial("InconsistentEntry", `entry ${e.name} declares a compressed size larger than its content could need`);
      result.filesSkipped++;
      continue;
    }
    if (unzipped + e.size > limits.maxUnzippedBytes) {
      partial("UnzippedSizeExceeded", `the files to scan exceed ${limits.maxUnzippedBytes} bytes unzipped`);
      break;
    }
    let bytes: Uint8Array;
    try {
      bytes = readEntry(zip, e, e.size);
    } catch (err) {
      if (err instanceof EntryTooLarge) {
        partial("InconsistentEntry", `entry ${e.name} inflates to more than the ${e.size} bytes it declares (a zip bomb or a corrupt archive)`);
        result.filesSkipped++;
        continue;
      }
      if (err instanceof ArchiveError) throw err;
      partial("CorruptEntry", `entry ${e.name} could not be inflated`);
      result.filesSkipped++;
      continue;
    }
    unzipped += bytes.length;
    if (isBinary(bytes)) {
      result.filesSkipped++;
      continue;
    }
    result.filesScanned++;
    for (const m of findSecretsInText(utf8.decode(bytes), e.name)) {
      // Keep more than the cap while reading, so the strongest hits survive the cut below.
      if (hits.length >= limits.maxHits * 10) {
        result.hitsTruncated = true;
        break;
      }
      hits.push({ path: e.name, line: m.line, detector: m.detector, confidence: m.confidence, fingerprint: options.fingerprint(m.match) });
    }
  }
  hits.sort((a, b) => CONFIDENCE_RANK[b.confidence] - CONFIDENCE_RANK[a.confidence] || (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  if (hits.length > limits.maxHits) result.hitsTruncated = true;
  result.hits = hits.slice(0, limits.maxHits);
  return result;
}
