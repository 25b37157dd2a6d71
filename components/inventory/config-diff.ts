// Line diff of two stored configurations, computed on the server. Both sides are printed as JSON with
// sorted keys and one value per line, so a diff shows what changed and never key order or spacing.
// Myers' O((N+M)·D) algorithm after trimming the common head and tail; when the versions differ in
// more lines than `maxEdits` it gives up minimality (every old line removed, every new line added)
// rather than spend unbounded time and memory on a page render.

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);

/** Pretty JSON with object keys sorted at every depth. */
export function stablePretty(value: unknown): string {
  const text = JSON.stringify(
    value,
    (_key, v: unknown) => (isPlainObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v),
    2,
  );
  return text ?? "null";
}

export type TDiffLine =
  | { op: "same"; text: string; oldNo: number; newNo: number }
  | { op: "del"; text: string; oldNo: number }
  | { op: "add"; text: string; newNo: number };

type TOp = "same" | "del" | "add";

/** Edit script turning a into b (only the middle, between common head and tail), or null past maxEdits. */
function myers(a: readonly string[], b: readonly string[], maxEdits: number): TOp[] | null {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v[k] for k in [-d-1, d+1] as it was when round d started
  const trace: Int32Array[] = [];
  const limit = Math.min(max, maxEdits);
  for (let d = 0; d <= limit; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m);
    }
  }
  return null;
}

function backtrack(trace: readonly Int32Array[], n: number, m: number): TOp[] {
  const ops: TOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const row = trace[d];
    const at = (k: number) => row[k + d + 1];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push("same");
      x--;
      y--;
    }
    if (d > 0) ops.push(x === prevX ? "add" : "del");
    x = prevX;
    y = prevY;
  }
  return ops.reverse();
}

export type TLineDiff = {
  lines: TDiffLine[];
  added: number;
  removed: number;
  /** True when the versions differed too much for a minimal diff (see the module comment). */
  approximate: boolean;
};

export const DEFAULT_MAX_EDITS = 2000;

export function diffLines(oldLines: readonly string[], newLines: readonly string[], maxEdits = DEFAULT_MAX_EDITS): TLineDiff {
  let head = 0;
  while (head < oldLines.length && head < newLines.length && oldLines[head] === newLines[head]) head++;
  let tail = 0;
  while (
    tail < oldLines.length - head &&
    tail < newLines.length - head &&
    oldLines[oldLines.length - 1 - tail] === newLines[newLines.length - 1 - tail]
  ) {
    tail++;
  }
  const a = oldLines.slice(head, oldLines.length - tail);
  const b = newLines.slice(head, newLines.length - tail);
  const found = myers(a, b, maxEdits);
  const middle: TOp[] = found ?? [...a.map((): TOp => "del"), ...b.map((): TOp => "add")];
  const ops: TOp[] = [...Array<TOp>(head).fill("same"), ...middle, ...Array<TOp>(tail).fill("same")];

  const lines: TDiffLine[] = [];
  let i = 0;
  let j = 0;
  let added = 0;
  let removed = 0;
  for (const op of ops) {
    if (op === "same") {
      lines.push({ op, text: oldLines[i], oldNo: i + 1, newNo: j + 1 });
      i++;
      j++;
    } else if (op === "del") {
      lines.push({ op, text: oldLines[i], oldNo: i + 1 });
      i++;
      removed++;
    } else {
      lines.push({ op, text: newLines[j], newNo: j + 1 });
      j++;
      added++;
    }
  }
  return { lines, added, removed, approximate: found === null };
}

export type TDiffHunk = { kind: "lines"; lines: TDiffLine[] } | { kind: "skipped"; count: number };

const MIN_SKIPPED = 3;

/** Changed lines with `context` unchanged lines around them; longer unchanged runs collapse to a count. */
export function diffHunks(lines: readonly TDiffLine[], context = 3): TDiffHunk[] {
  const keep = lines.map(() => false);
  lines.forEach((l, idx) => {
    if (l.op === "same") return;
    for (let c = Math.max(0, idx - context); c <= Math.min(lines.length - 1, idx + context); c++) keep[c] = true;
  });
  // A placeholder for one or two lines takes as much room as the lines: show them instead.
  for (let start = 0; start < lines.length; ) {
    if (keep[start]) {
      start++;
      continue;
    }
    let end = start;
    while (end < lines.length && !keep[end]) end++;
    if (end - start < MIN_SKIPPED) for (let c = start; c < end; c++) keep[c] = true;
    start = end;
  }
  const hunks: TDiffHunk[] = [];
  for (let idx = 0; idx < lines.length; idx++) {
    const last = hunks[hunks.length - 1];
    if (keep[idx]) {
      if (last?.kind === "lines") last.lines.push(lines[idx]);
      else hunks.push({ kind: "lines", lines: [lines[idx]] });
    } else if (last?.kind === "skipped") {
      last.count++;
    } else {
      hunks.push({ kind: "skipped", count: 1 });
    }
  }
  return hunks;
}

/** Diff of two configurations as stored (any JSON). */
export function diffConfigs(oldConfig: unknown, newConfig: unknown, maxEdits = DEFAULT_MAX_EDITS): TLineDiff {
  return diffLines(stablePretty(oldConfig).split("\n"), stablePretty(newConfig).split("\n"), maxEdits);
}
