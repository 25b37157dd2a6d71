// What every benchmark shares: the machine it ran on, a moto server to run against, the environment Lantern
// reads (set before any Lantern module is imported, since lib/env and the Prisma client read it once), and
// small formatting helpers. Benchmarks print their figures; bench/RESULTS.md records them with the machine.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { cpus, loadavg, totalmem, release } from "node:os";
import { pathToFileURL } from "node:url";

export type Machine = {
  date: string;
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  os: string;
  moto: string;
  /** 1-minute load average when the figures were taken: other work on the machine skews them. */
  load1: number;
};

export function machine(): Machine {
  let moto = "unknown";
  try {
    moto = execFileSync("python3", ["-c", "import moto; print(moto.__version__)"], { encoding: "utf8" }).trim();
  } catch {
    // moto's version is informative only.
  }
  return {
    date: new Date().toISOString(),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${process.platform} ${release()}`,
    moto,
    load1: Math.round(loadavg()[0] * 100) / 100,
  };
}

export function formatMachine(m: Machine): string {
  return `machine: ${m.cpus} CPU (${m.cpuModel}), ${m.memoryGb} GB RAM, ${m.os}, Node ${m.node}, moto ${m.moto}, load ${m.load1}; ${m.date}`;
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export const DEFAULT_MOTO = "http://127.0.0.1:5115";
export const DEFAULT_SHIM_PORT = 5116;
export const DEFAULT_DATABASE = "postgresql://postgres@127.0.0.1:5432/lantern_bench";

/**
 * Use the moto server at `endpoint`, or start one there when nothing answers (stopped by `stop`, by its pid).
 * A started server holds no data: the benchmark account is generated again.
 */
export async function ensureMoto(endpoint: string, log: (s: string) => void): Promise<{ started: boolean; stop(): Promise<void> }> {
  if (await answers(endpoint)) return { started: false, stop: async () => {} };
  const url = new URL(endpoint);
  if (url.hostname !== "127.0.0.1") throw new Error(`no moto answers at ${endpoint}, and one is only started on 127.0.0.1`);
  log(`starting moto on ${endpoint}`);
  const child: ChildProcess = spawn("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", url.port], {
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: "true" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
  const deadline = Date.now() + 30_000;
  while (!(await answers(endpoint))) {
    if (child.exitCode !== null) throw new Error(`moto exited (${child.exitCode}); pip install "moto[server]"\n${stderr}`);
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`moto did not answer on ${endpoint} within 30 s\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    started: true,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    return (await fetch(`${endpoint}/moto-api/`)).ok;
  } catch {
    return false;
  }
}

/**
 * Point Lantern at the emulator and the benchmark database. Call before importing any Lantern module.
 * `quotasJson` replaces LANTERN_AWS_QUOTAS (the client-side limiter's configuration).
 */
export function configureLantern(opts: { endpoint: string; databaseUrl: string; concurrency?: number; quotasJson?: string }) {
  process.env.DATABASE_URL = opts.databaseUrl;
  process.env.AWS_ENDPOINT_URL = opts.endpoint;
  process.env.LANTERN_AWS_EMULATOR = "true";
  process.env.AWS_ACCESS_KEY_ID = "test";
  process.env.AWS_SECRET_ACCESS_KEY = "test";
  process.env.AWS_REGION ??= "us-east-1";
  process.env.LANTERN_SECRET ??= "benchmark-secret-0123456789abcdef";
  if (opts.concurrency !== undefined) process.env.LANTERN_SCAN_CONCURRENCY = String(opts.concurrency);
  if (opts.quotasJson !== undefined) process.env.LANTERN_AWS_QUOTAS = opts.quotasJson;
}

/** Every bucket lifted far above anything the emulator can serve: the client-side limiter never waits. */
export function unlimitedQuotasJson(bucketNames: readonly string[]): string {
  return JSON.stringify(Object.fromEntries(bucketNames.map((b) => [b, { rate: 1e6, burst: 1e6 }])));
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

/** True when this module is the script node was started with (tsx bench/x.ts). */
export function isMain(importMetaUrl: string): boolean {
  return !!process.argv[1] && importMetaUrl === pathToFileURL(process.argv[1]).href;
}

export function runMain(main: () => Promise<void>) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      process.exit(1);
    },
  );
}
