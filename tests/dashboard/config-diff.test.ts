// The configuration diff of the resource page: key order never shows up as a change, the edit script
// is minimal and replays to the new version, long unchanged runs collapse, and a diff too large to
// compute minimally still accounts for every line.
import { describe, expect, it } from "vitest";
import { diffConfigs, diffHunks, diffLines, stablePretty, type TDiffLine } from "@/components/inventory/config-diff";
import { asOutcome, configLayout, findErrorOutcomes } from "@/components/inventory/config-sections";

/** Rebuild both sides from the diff: what a correct diff must allow. */
function sides(lines: readonly TDiffLine[]) {
  return {
    old: lines.filter((l) => l.op !== "add").map((l) => l.text),
    new: lines.filter((l) => l.op !== "del").map((l) => l.text),
  };
}

/** Length of a longest common subsequence: a minimal diff keeps exactly that many lines. */
function lcs(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = x === b[j - 1] ? diag + 1 : Math.max(row[j], row[j - 1]);
      diag = up;
    }
  }
  return row[b.length];
}

/** Deterministic pseudo-random generator, so a failure reproduces. */
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe("stablePretty", () => {
  it("sorts keys at every depth and keeps array order", () => {
    const a = stablePretty({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } });
    const b = stablePretty({ a: { c: null, d: [3, { y: 2, z: 1 }] }, b: 1 });
    expect(a).toBe(b);
    expect(a.split("\n")[1]).toBe('  "a": {');
    expect(stablePretty([2, 1])).not.toBe(stablePretty([1, 2]));
    expect(stablePretty(undefined)).toBe("null");
  });
});

describe("diffConfigs", () => {
  it("finds nothing between the same configuration in another key order", () => {
    const d = diffConfigs({ memorySize: 128, tags: { team: "a", env: "prod" } }, { tags: { env: "prod", team: "a" }, memorySize: 128 });
    expect(d).toMatchObject({ added: 0, removed: 0, approximate: false });
    expect(d.lines.every((l) => l.op === "same")).toBe(true);
  });

  it("shows a changed value as one line removed and one added, with line numbers of each side", () => {
    const d = diffConfigs({ name: "fn", timeout: 3, memorySize: 128 }, { name: "fn", timeout: 30, memorySize: 128 });
    expect(d.added).toBe(1);
    expect(d.removed).toBe(1);
    const del = d.lines.find((l) => l.op === "del");
    const add = d.lines.find((l) => l.op === "add");
    expect(del).toEqual({ op: "del", text: '  "timeout": 3', oldNo: 4 });
    expect(add).toEqual({ op: "add", text: '  "timeout": 30', newNo: 4 });
  });

  it("treats a created or deleted configuration as all added or all removed", () => {
    const created = diffConfigs(null, { a: 1 });
    expect(created.removed).toBe(1);
    expect(created.added).toBe(3);
  });
});

describe("diffLines", () => {
  it("is minimal and replays to both sides on random edits", () => {
    const rand = rng(42);
    for (let round = 0; round < 200; round++) {
      const alphabet = ["a", "b", "c", "d", "e"];
      const a = Array.from({ length: Math.floor(rand() * 30) }, () => alphabet[Math.floor(rand() * alphabet.length)]);
      const b = a.flatMap((x) => (rand() < 0.2 ? [] : rand() < 0.2 ? [x, alphabet[Math.floor(rand() * 5)]] : [x]));
      if (rand() < 0.3) b.unshift("z");
      const d = diffLines(a, b);
      expect(sides(d.lines)).toEqual({ old: a, new: b });
      expect(d.lines.filter((l) => l.op === "same").length).toBe(lcs(a, b));
      expect(d.approximate).toBe(false);
    }
  });

  it("falls back to removing and adding everything in the middle past the edit limit, still exact", () => {
    const a = Array.from({ length: 50 }, (_, i) => `old ${i}`);
    const b = Array.from({ length: 50 }, (_, i) => `new ${i}`);
    const d = diffLines(["{", ...a, "}"], ["{", ...b, "}"], 10);
    expect(d.approximate).toBe(true);
    expect(d).toMatchObject({ added: 50, removed: 50 });
    expect(sides(d.lines)).toEqual({ old: ["{", ...a, "}"], new: ["{", ...b, "}"] });
    expect(d.lines[0]).toEqual({ op: "same", text: "{", oldNo: 1, newNo: 1 });
  });

  it("handles empty sides", () => {
    expect(diffLines([], []).lines).toEqual([]);
    expect(diffLines([], ["x"]).lines).toEqual([{ op: "add", text: "x", newNo: 1 }]);
    expect(diffLines(["x"], []).lines).toEqual([{ op: "del", text: "x", oldNo: 1 }]);
  });

  it("stays fast on a large configuration with a few changes", () => {
    const big = Array.from({ length: 20_000 }, (_, i) => `line ${i}`);
    const changed = [...big];
    changed[5_000] = "edited";
    changed.splice(15_000, 0, "inserted");
    const started = performance.now();
    const d = diffLines(big, changed);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(d).toMatchObject({ added: 2, removed: 1, approximate: false });
  });
});

describe("diffHunks", () => {
  const lines = (ops: string): TDiffLine[] =>
    [...ops].map((op, i) =>
      op === "+" ? { op: "add", text: `${i}`, newNo: i + 1 } : op === "-" ? { op: "del", text: `${i}`, oldNo: i + 1 } : { op: "same", text: `${i}`, oldNo: i + 1, newNo: i + 1 },
    );

  it("keeps three lines of context and collapses longer unchanged runs", () => {
    const hunks = diffHunks(lines("..........+.........."));
    expect(hunks.map((h) => (h.kind === "skipped" ? `skip ${h.count}` : `${h.lines.length} lines`))).toEqual(["skip 7", "7 lines", "skip 7"]);
  });

  it("shows a gap of one or two lines instead of a placeholder", () => {
    const hunks = diffHunks(lines("+........+"));
    expect(hunks).toHaveLength(1);
    expect(diffHunks(lines("+.........+")).map((h) => h.kind)).toEqual(["lines", "skipped", "lines"]);
  });
});

describe("configuration layout", () => {
  it("recognises outcomes only in their exact shape", () => {
    expect(asOutcome({ status: "error", code: "AccessDeniedException", message: "no" })).toEqual({ status: "error", code: "AccessDeniedException", message: "no" });
    expect(asOutcome({ status: "absent" })).toEqual({ status: "absent" });
    expect(asOutcome({ status: "ok", value: [] })).toEqual({ status: "ok", value: [] });
    // an event source mapping's own "status"-like fields must stay data
    expect(asOutcome({ status: "ok", value: 1, batchSize: 10 })).toBeNull();
    expect(asOutcome({ status: "Enabled" })).toBeNull();
    expect(asOutcome({ status: "error", message: "no code" })).toBeNull();
  });

  it("splits scalars from sections and words each outcome", () => {
    const layout = configLayout({
      name: "fn",
      memorySize: 128,
      policy: { status: "error", code: "AccessDeniedException", message: "denied" },
      url: { status: "absent" },
      tags: { status: "ok", value: { team: "a" } },
      layers: [],
    });
    expect(layout.shape).toBe("object");
    if (layout.shape !== "object") return;
    expect(layout.scalars).toEqual([
      { key: "memorySize", value: 128 },
      { key: "name", value: "fn" },
    ]);
    const byKey = Object.fromEntries(layout.sections.map((s) => [s.key, s]));
    expect(byKey.policy.summary).toBe("Could not be read: AccessDeniedException");
    expect(byKey.url).toMatchObject({ summary: "None", empty: true });
    expect(byKey.tags).toMatchObject({ summary: "1 field", empty: false, json: '{\n  "team": "a"\n}' });
    expect(byKey.layers).toMatchObject({ summary: "empty list", empty: true });
  });

  it("lists failed reads nested inside a section with their path", () => {
    const routes = [{ key: "GET /a", authorizer: { status: "ok", value: null } }, { key: "GET /b", authorizer: { status: "error", code: "TooManyRequestsException", message: "slow down" } }];
    expect(findErrorOutcomes(routes, "routes")).toEqual([{ path: "routes[1].authorizer", code: "TooManyRequestsException", message: "slow down" }]);
    const layout = configLayout({ routes });
    expect(layout.shape === "object" && layout.sections[0].nestedErrors).toHaveLength(1);
  });

  it("shows a configuration that is not an object as plain JSON", () => {
    expect(configLayout([1, 2])).toEqual({ shape: "other", json: "[\n  1,\n  2\n]" });
  });
});
