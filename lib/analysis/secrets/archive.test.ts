import { describe, expect, it } from "vitest";
import { makeFingerprint } from "@/lib/aws/redact";
import { buildZip, type ZipEntry } from "@/scripts/demo-estate/zip";
import { ArchiveError, scanArchive } from "./archive";
import * as F from "./__fixtures__/fake-secrets";

const fingerprint = makeFingerprint("archive-test-secret-000000");
const zip = (...entries: ZipEntry[]) => new Uint8Array(buildZip(entries));
const scan = (bytes: Uint8Array, limits = {}) => scanArchive(bytes, { fingerprint, limits });

/** Rewrite an entry's declared uncompressed size in both headers: what a lying zip bomb does. */
function declareSize(bytes: Uint8Array, name: string, size: number): Uint8Array {
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  const nameBytes = new TextEncoder().encode(name);
  const matchesAt = (at: number) => nameBytes.every((b, i) => out[at + i] === b);
  for (let at = 0; at + 46 < out.length; at++) {
    const sig = view.getUint32(at, true);
    if (sig === 0x04034b50 && view.getUint16(at + 26, true) === nameBytes.length && matchesAt(at + 30)) view.setUint32(at + 22, size, true);
    if (sig === 0x02014b50 && view.getUint16(at + 28, true) === nameBytes.length && matchesAt(at + 46)) view.setUint32(at + 24, size, true);
  }
  return out;
}

describe("scanArchive", () => {
  it("reports each secret's path, line, detector and fingerprint, never the secret", () => {
    const bytes = zip(
      { name: "index.js", data: `exports.handler = async () => {};\nconst key = "${F.AWS_ACCESS_KEY_ID}";\n` },
      { name: "config/settings.json", data: JSON.stringify({ db: { password: "Tr0ub4dor&3x" } }, null, 2) },
      { name: "lib/util.js", data: "module.exports = (a, b) => a + b;\n" },
    );
    const result = scan(bytes);
    expect(result).toEqual({
      status: "scanned",
      code: null,
      reason: null,
      filesScanned: 3,
      filesSkipped: 0,
      hits: [
        { path: "index.js", line: 2, detector: "aws-access-key-id", confidence: "high", fingerprint: fingerprint(F.AWS_ACCESS_KEY_ID) },
        { path: "config/settings.json", line: 3, detector: "password-assignment", confidence: "medium", fingerprint: fingerprint("Tr0ub4dor&3x") },
      ],
      hitsTruncated: false,
    });
    expect(JSON.stringify(result)).not.toContain(F.AWS_ACCESS_KEY_ID);
    expect(JSON.stringify(result)).not.toContain("Tr0ub4dor&3x");
  });

  it("skips binaries, docs, SDK models and vendored tests", () => {
    const bytes = zip(
      { name: "logo.png", data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) },
      { name: "data.blob", data: new Uint8Array([65, 0, 66, 0, 67]) },
      { name: "README.md", data: `Set AWS_ACCESS_KEY_ID=${F.AWS_ACCESS_KEY_ID}` },
      { name: "node_modules/aws-sdk/apis/iam-2010-05-08.examples.json", data: `{"AccessKeyId": "${F.AWS_ACCESS_KEY_ID}"}` },
      { name: "python/botocore/data/iam/2010-05-08/examples-1.json", data: `{"AccessKeyId": "${F.AWS_ACCESS_KEY_ID}"}` },
      { name: "node_modules/jsonwebtoken/test/keys.js", data: `const k = \`${F.RSA_PRIVATE_KEY}\`;` },
      { name: "types/index.d.ts", data: `// e.g. "${F.AWS_ACCESS_KEY_ID}"` },
      { name: "handler.py", data: "def handler(event, context):\n    return {}\n" },
    );
    expect(scan(bytes)).toMatchObject({ status: "scanned", filesScanned: 1, filesSkipped: 7, hits: [] });
  });

  it("skips a file larger than the per-file cap (an honest zip bomb entry) without inflating it", () => {
    const bytes = zip({ name: "bomb.txt", data: "A".repeat(3 * 1024 * 1024) }, { name: "index.js", data: `k = "${F.GITHUB_PAT}"` });
    expect(bytes.length).toBeLessThan(20_000);
    const result = scan(bytes, { maxFileBytes: 1024 * 1024 });
    expect(result).toMatchObject({ status: "scanned", filesScanned: 1, filesSkipped: 1 });
    expect(result.hits.map((h) => h.detector)).toEqual(["github-token"]);
  });

  it("stops at the unzipped-size cap and says the scan is partial", () => {
    const bytes = zip(
      { name: "a.js", data: `k = "${F.AWS_ACCESS_KEY_ID}"\n${"x".repeat(600_000)}` },
      { name: "b.js", data: "y".repeat(600_000) },
      { name: "c.js", data: `k = "${F.GITHUB_PAT}"` },
    );
    const result = scan(bytes, { maxUnzippedBytes: 1_000_000 });
    expect(result).toMatchObject({ status: "partial", code: "UnzippedSizeExceeded", filesScanned: 1 });
    // What was read before the cap still counts.
    expect(result.hits.map((h) => h.detector)).toEqual(["aws-access-key-id"]);
  });

  it("stops inflating an entry that produces more than it declares (a lying zip bomb)", () => {
    const honest = zip({ name: "bomb.js", data: "0".repeat(40 * 1024 * 1024) }, { name: "index.js", data: `k = "${F.GITHUB_PAT}"` });
    const bytes = declareSize(honest, "bomb.js", 1024 * 1024);
    const result = scan(bytes);
    expect(result).toMatchObject({ status: "partial", code: "InconsistentEntry", filesScanned: 1, filesSkipped: 1 });
    expect(result.reason).toContain("bomb.js");
    expect(result.hits.map((h) => h.detector)).toEqual(["github-token"]);
  });

  it("refuses an entry whose compressed size could not come from its declared size", () => {
    const bytes = declareSize(zip({ name: "a.js", data: F.base62(50_000, 5) }), "a.js", 10);
    expect(scan(bytes)).toMatchObject({ status: "partial", code: "InconsistentEntry", filesScanned: 0 });
  });

  it("reads only the first entries of an archive with too many", () => {
    const entries = Array.from({ length: 15 }, (_, i) => ({ name: `f${String(i).padStart(2, "0")}.js`, data: `n = ${i}` }));
    expect(scan(zip(...entries), { maxEntries: 10 })).toMatchObject({ status: "partial", code: "TooManyEntries", filesScanned: 10 });
  });

  it("keeps the strongest hits when there are more than the cap", () => {
    const lows = Array.from({ length: 5 }, (_, i) => `LOCAL_${i}="postgres://u:pw${i}abc@localhost/db"`).join("\n");
    const bytes = zip({ name: "a.js", data: `${lows}\nk = "${F.AWS_ACCESS_KEY_ID}"` });
    const result = scan(bytes, { maxHits: 2 });
    expect(result.hitsTruncated).toBe(true);
    expect(result.hits.map((h) => h.confidence)).toEqual(["high", "low"]);
  });

  it("throws ArchiveError on something that is not a zip", () => {
    expect(() => scan(new TextEncoder().encode("<Error><Code>AccessDenied</Code></Error>"))).toThrow(ArchiveError);
    expect(() => scan(new Uint8Array(0))).toThrow(ArchiveError);
  });
});
