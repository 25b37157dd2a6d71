// The zip writer is checked against an independent reader: Python's zipfile module, which verifies every
// entry's CRC-32 and sizes (testzip) and reports methods, modes and contents.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildZip, type ZipEntry } from "./zip";

const dir = mkdtempSync(join(tmpdir(), "lantern-zip-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type PyEntry = { name: string; method: number; size: number; mode: number; hex: string; date: number[] };

const READER = `
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    bad = z.testzip()
    out = [{"name": i.filename, "method": i.compress_type, "size": i.file_size,
            "mode": i.external_attr >> 16, "hex": z.read(i).hex(), "date": list(i.date_time)}
           for i in z.infolist()]
print(json.dumps({"bad": bad, "entries": out}))
`;

function readWithPython(zip: Buffer): { bad: string | null; entries: PyEntry[] } {
  const file = join(dir, `a${Math.random().toString(36).slice(2)}.zip`);
  writeFileSync(file, zip);
  return JSON.parse(execFileSync("python3", ["-c", READER, file], { encoding: "utf8" }));
}

const hex = (s: string | Uint8Array) => Buffer.from(s).toString("hex");

describe("buildZip", () => {
  const entries: ZipEntry[] = [
    { name: "index.mjs", data: "export const handler = async () => ({ statusCode: 200 });\n".repeat(20) },
    { name: "a", data: "x" },
    { name: "empty.txt", data: "" },
    { name: "python/acme_obs/__init__.py", data: "VERSION = '1.4.2'\n" },
    { name: "bootstrap", data: "#!/bin/sh\nexec ./main\n", mode: 0o755 },
    { name: "données/été.json", data: '{"ok":true}' },
    { name: "bin.dat", data: new Uint8Array([0, 255, 1, 254, 0, 0, 0, 7]) },
  ];
  const zip = buildZip(entries);

  it("produces an archive Python's zipfile reads with every CRC correct", () => {
    const got = readWithPython(zip);
    expect(got.bad).toBeNull();
    expect(got.entries.map((e) => e.name)).toEqual(entries.map((e) => e.name));
    for (const [i, e] of got.entries.entries()) {
      expect(e.hex).toBe(hex(entries[i].data));
      expect(e.size).toBe(Buffer.from(entries[i].data).length);
      expect(e.mode).toBe(0o100000 | (entries[i].mode ?? 0o644));
      expect(e.date).toEqual([2024, 1, 1, 0, 0, 0]);
    }
  });

  it("deflates compressible entries and stores the rest", () => {
    const byName = new Map(readWithPython(zip).entries.map((e) => [e.name, e.method]));
    expect(byName.get("index.mjs")).toBe(8);
    expect(byName.get("a")).toBe(0);
    expect(byName.get("empty.txt")).toBe(0);
  });

  it("is listed by `python3 -m zipfile -l`", () => {
    const file = join(dir, "listed.zip");
    writeFileSync(file, zip);
    const listing = execFileSync("python3", ["-m", "zipfile", "-l", file], { encoding: "utf8" });
    for (const e of entries) expect(listing).toContain(e.name);
  });

  it("writes an end record whose counts and offsets match the central directory", () => {
    const end = zip.subarray(zip.length - 22);
    expect(end.readUInt32LE(0)).toBe(0x06054b50);
    expect(end.readUInt16LE(10)).toBe(entries.length);
    const cdSize = end.readUInt32LE(12);
    const cdOffset = end.readUInt32LE(16);
    expect(cdOffset + cdSize).toBe(zip.length - 22);
    expect(zip.readUInt32LE(cdOffset)).toBe(0x02014b50);
  });

  it("is byte-for-byte deterministic, and honours an explicit date", () => {
    expect(buildZip(entries).equals(zip)).toBe(true);
    const dated = readWithPython(buildZip([{ name: "f", data: "1" }], { date: new Date(Date.UTC(2031, 5, 17, 13, 45, 22)) }));
    expect(dated.entries[0].date).toEqual([2031, 6, 17, 13, 45, 22]);
  });

  it("writes a valid empty archive", () => {
    expect(readWithPython(buildZip([]))).toEqual({ bad: null, entries: [] });
  });

  it("rejects duplicate and unsafe names", () => {
    expect(() => buildZip([{ name: "a", data: "1" }, { name: "a", data: "2" }])).toThrow(/duplicate/);
    for (const name of ["", "/etc/passwd", "../x", "a/../../x", "a\\b"]) {
      expect(() => buildZip([{ name, data: "1" }])).toThrow(/invalid entry name/);
    }
  });
});
