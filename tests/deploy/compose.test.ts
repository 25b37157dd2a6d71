// The self-hosting files, checked without a Docker engine: docker-compose.yml is parsed and resolved with
// Compose's interpolation and pass-through rules (compose-model.ts), the Dockerfile is parsed, and the
// healthcheck commands and the entrypoint are run for real against stand-ins.
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env, resetEnvCache, ZEnv } from "@/lib/env";
import { interpolate, parseCompose, resolveEnv, type TService } from "./compose-model";
import {
  allDeployProblems,
  checkDemoServices,
  checkDependsOn,
  checkDockerfile,
  checkDockerignore,
  checkEmulatorOptIn,
  checkEntrypoint,
  checkEnvNames,
  checkPostgres,
  checkServices,
  checkWebPort,
  checkWorker,
  readDeployFiles,
  REAL_VARS,
  ROOT,
  type DeployFiles,
} from "./deploy-checks";

const ZENV_KEYS = Object.keys(ZEnv.shape);
const files = readDeployFiles();

function mutate(change: (f: DeployFiles) => void): DeployFiles {
  const copy = structuredClone(files);
  change(copy);
  return copy;
}

function svc(f: DeployFiles, name: string): TService {
  const s = f.compose.services[name];
  if (!s) throw new Error(`no service ${name}`);
  return s;
}

function envMap(s: TService): Record<string, string | number | boolean | null> {
  if (!s.environment || Array.isArray(s.environment)) throw new Error("expected mapping environment");
  return s.environment;
}

describe("docker-compose.yml", () => {
  it("parses as a Compose file, anchors and merges included", () => {
    const text = readFileSync(join(ROOT, "docker-compose.yml"), "utf8");
    expect(() => parseCompose(text)).not.toThrow();
    expect(() => parseCompose("services: [web]")).toThrow();
    // The merge key must have been applied, not left as a literal "<<" entry.
    expect(envMap(svc(files, "web"))).toHaveProperty("DATABASE_URL");
    expect(envMap(svc(files, "web"))).not.toHaveProperty("<<");
  });

  it("has no problems at all", () => {
    expect(allDeployProblems(files, ZENV_KEYS)).toEqual([]);
  });

  it("starts postgres, web and worker by default and adds the emulator and demo-seed only in profile demo", () => {
    expect(checkServices(files)).toEqual([]);
    expect(checkServices(mutate((f) => delete svc(f, "emulator").profiles))).toEqual([
      expect.stringMatching(/without a profile/),
      expect.stringMatching(/emulator must be in profile "demo"/),
    ]);
    expect(checkServices(mutate((f) => delete f.compose.services.worker))).not.toEqual([]);
  });

  it("gives postgres a pg_isready healthcheck and a data volume", () => {
    expect(checkPostgres(files)).toEqual([]);
    expect(checkPostgres(mutate((f) => delete svc(f, "postgres").healthcheck))).toEqual([
      expect.stringMatching(/pg_isready/),
    ]);
    expect(checkPostgres(mutate((f) => (svc(f, "postgres").healthcheck = { test: ["CMD", "true"] })))).toEqual([
      expect.stringMatching(/pg_isready/),
    ]);
    expect(checkPostgres(mutate((f) => (svc(f, "postgres").volumes = [])))).toEqual([expect.stringMatching(/volume/)]);
  });

  it("makes web and worker wait for a healthy postgres", () => {
    expect(checkDependsOn(files)).toEqual([]);
    const started = mutate((f) => {
      svc(f, "web").depends_on = { postgres: { condition: "service_started" } };
    });
    expect(checkDependsOn(started)).toEqual([expect.stringMatching(/^web must depend on postgres .*service_started/)]);
    expect(checkDependsOn(mutate((f) => (svc(f, "worker").depends_on = ["postgres", "web"])))).toEqual([
      expect.stringMatching(/^worker must depend on postgres/),
    ]);
  });

  it("publishes the web on 3000, the port the image exposes, listens on and health-checks", () => {
    expect(checkWebPort(files)).toEqual([]);
    expect(checkWebPort(mutate((f) => (svc(f, "web").ports = ["127.0.0.1:8080:8080"])))).toEqual([
      expect.stringMatching(/publish container port 3000/),
    ]);
    expect(checkWebPort(mutate((f) => (f.dockerfile = f.dockerfile.replace("EXPOSE 3000", "EXPOSE 8080"))))).toEqual([
      expect.stringMatching(/EXPOSE 3000/),
    ]);
    expect(checkWebPort(mutate((f) => (envMap(svc(f, "web")).PORT = "8080")))).toEqual([
      expect.stringMatching(/PORT must be 3000/),
    ]);
    const wrongHealth = mutate((f) => {
      svc(f, "web").healthcheck = { test: ["CMD", "node", "-e", "fetch('http://127.0.0.1:3000/')"] };
    });
    expect(checkWebPort(wrongHealth)).toEqual([expect.stringMatching(/api\/health/)]);
  });

  it("passes web and worker only variables lib/env.ts knows, AWS SDK variables and runtime knobs", () => {
    expect(ZENV_KEYS).toContain("DATABASE_URL");
    expect(checkEnvNames(files, ZENV_KEYS)).toEqual([]);
    expect(checkEnvNames(mutate((f) => (envMap(svc(f, "worker")).LANTERN_SCAN_THREADS = "4")), ZENV_KEYS)).toEqual([
      expect.stringMatching(/^worker: LANTERN_SCAN_THREADS/),
    ]);
    // A renamed setting in lib/env.ts must show up here too.
    expect(checkEnvNames(files, ZENV_KEYS.filter((k) => k !== "LANTERN_DEFAULT_REGIONS"))).toContain(
      "web: LANTERN_DEFAULT_REGIONS is neither in lib/env.ts's ZEnv nor an AWS SDK/runtime variable",
    );
    expect(checkEnvNames(mutate((f) => (svc(f, "web").env_file = ["docker/demo.env"])), ZENV_KEYS)).toEqual([
      expect.stringMatching(/env_file/),
    ]);
  });

  it("points web and worker at the emulator only with docker/demo.env", () => {
    expect(checkEmulatorOptIn(files)).toEqual([]);
    const web = resolveEnv(svc(files, "web"), REAL_VARS);
    expect(web).not.toHaveProperty("AWS_ENDPOINT_URL");
    expect(web).not.toHaveProperty("LANTERN_AWS_EMULATOR");
    expect(resolveEnv(svc(files, "worker"), files.demoEnv)).toMatchObject({
      AWS_ENDPOINT_URL: "http://emulator:5000",
      LANTERN_AWS_EMULATOR: "true",
    });
    const forced = mutate((f) => (envMap(svc(f, "web")).AWS_ENDPOINT_URL = "http://emulator:5000"));
    expect(checkEmulatorOptIn(forced)).toEqual([expect.stringMatching(/^web: AWS_ENDPOINT_URL is set on a non-demo run/)]);
    const empty = mutate((f) => (envMap(svc(f, "worker")).LANTERN_AWS_EMULATOR = "${LANTERN_AWS_EMULATOR:-}"));
    expect(checkEmulatorOptIn(empty)).toEqual([expect.stringMatching(/^worker: LANTERN_AWS_EMULATOR is set/)]);
    const noDemoEndpoint = mutate((f) => delete f.demoEnv.AWS_ENDPOINT_URL);
    expect(checkEmulatorOptIn(noDemoEndpoint)).toContain(
      "web: with docker/demo.env, AWS_ENDPOINT_URL must be http://emulator:5000 (is undefined)",
    );
  });

  it("hands each Lantern container an environment that lib/env.ts accepts, real and demo", () => {
    const saved = process.env;
    const accept = (vars: Record<string, string | undefined>) => {
      for (const name of ["web", "worker", "demo-seed"]) {
        // A cast because Next's types declare NODE_ENV required; every Lantern service sets it (x-lantern-env).
        process.env = resolveEnv(svc(files, name), vars) as NodeJS.ProcessEnv;
        resetEnvCache();
        try {
          env();
        } finally {
          process.env = saved;
          resetEnvCache();
        }
      }
    };
    expect(() => accept(REAL_VARS)).not.toThrow();
    expect(() => accept(files.demoEnv)).not.toThrow();
    // Emulator flag without an endpoint: lib/env.ts refuses it, so this check can fail.
    expect(() => accept({ ...REAL_VARS, LANTERN_AWS_EMULATOR: "true" })).toThrow(/AWS_ENDPOINT_URL/);
  });

  it("builds the image without runtime secrets, but runs only with LANTERN_SECRET", () => {
    // `next build` imports route modules (lib/db/client.ts calls env()) as NODE_ENV=production, with no secret.
    const saved = process.env;
    const check = (vars: Record<string, string>) => {
      process.env = vars as NodeJS.ProcessEnv;
      resetEnvCache();
      try {
        return env().NODE_ENV;
      } finally {
        process.env = saved;
        resetEnvCache();
      }
    };
    expect(check({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" })).toBe("production");
    expect(() => check({ NODE_ENV: "production" })).toThrow(/LANTERN_SECRET is required in production/);
    expect(() => check({ NODE_ENV: "production", NEXT_PHASE: "phase-production-server" })).toThrow(/LANTERN_SECRET/);
  });

  it("refuses to start without LANTERN_SECRET", () => {
    expect(() => resolveEnv(svc(files, "web"), {})).toThrow(/LANTERN_SECRET/);
    expect(interpolate("a${X:-b}c$$d${Y}", { Y: "y" })).toBe("abc$dy");
  });

  it("runs the worker from the same image with a matching health port", () => {
    expect(checkWorker(files)).toEqual([]);
    expect(checkWorker(mutate((f) => (envMap(svc(f, "worker")).WORKER_HEALTH_PORT = "9999")))).toEqual([
      expect.stringMatching(/probe 127.0.0.1:9999/),
    ]);
    expect(checkWorker(mutate((f) => (svc(f, "worker").command = ["npm", "run", "worker"])))).toEqual([
      expect.stringMatching(/^worker must run "node --import tsx lib\/jobs\/worker.ts"/),
    ]);
    expect(checkWorker(mutate((f) => (f.scripts.worker = "tsx lib/jobs/other.ts")))).toEqual([
      expect.stringMatching(/^worker must run "node --import tsx lib\/jobs\/other.ts"/),
    ]);
    expect(checkWorker(mutate((f) => delete svc(f, "worker").stop_grace_period))).toEqual([
      expect.stringMatching(/stop_grace_period/),
    ]);
    expect(checkWorker(mutate((f) => (svc(f, "worker").image = "lantern:other")))).toEqual([
      expect.stringMatching(/same image/),
    ]);
  });

  it("runs moto 5.2.1 with AWS-managed policies and seeds it through the emulator service", () => {
    expect(checkDemoServices(files)).toEqual([]);
    expect(checkDemoServices(mutate((f) => delete envMap(svc(f, "emulator")).MOTO_IAM_LOAD_MANAGED_POLICIES))).toEqual([
      expect.stringMatching(/MOTO_IAM_LOAD_MANAGED_POLICIES/),
    ]);
    expect(checkDemoServices(mutate((f) => (svc(f, "demo-seed").command = ["npx", "tsx", "scripts/seed-demo-estate.ts"])))).toEqual([
      expect.stringMatching(/demo-seed/),
    ]);
  });
});

describe("Dockerfile and entrypoint", () => {
  it("builds in stages with npm ci offline-safe, generates the client, builds Next and runs as non-root", () => {
    expect(checkDockerfile(files)).toEqual([]);
    expect(checkDockerfile(mutate((f) => (f.dockerfile = f.dockerfile.replace(/^USER node$/m, ""))))).toEqual([
      expect.stringMatching(/non-root USER/),
    ]);
    expect(checkDockerfile(mutate((f) => (f.dockerfile = f.dockerfile.replace(/^USER node$/m, "USER root"))))).toEqual([
      expect.stringMatching(/non-root USER \(is root\)/),
    ]);
    const noStub = mutate((f) => (f.dockerfile = f.dockerfile.replace("PRISMA_QUERY_ENGINE_LIBRARY=/app/prisma/no-engine.sh", "")));
    expect(checkDockerfile(noStub)).toEqual([expect.stringMatching(/PRISMA_QUERY_ENGINE_LIBRARY/)]);
    expect(checkDockerfile(mutate((f) => (f.dockerfile = f.dockerfile.replace("npm run db:generate", "true"))))).toEqual([
      expect.stringMatching(/db:generate/),
    ]);
    expect(checkDockerfile(mutate((f) => (f.dockerfile = f.dockerfile.replace("node:24-bookworm-slim", "node:23-bookworm-slim"))))).toEqual([
      expect.stringMatching(/Node LTS/),
    ]);
    expect(checkDockerfile(mutate((f) => (f.dockerfile = f.dockerfile.replace("COPY prisma ./prisma", ""))))).toEqual([
      expect.stringMatching(/copied before npm ci/),
    ]);
  });

  it("keeps host state and secrets out of the build context", () => {
    expect(checkDockerignore(files)).toEqual([]);
    expect(checkDockerignore(mutate((f) => (f.dockerignore = f.dockerignore.replace(/^\.env$/m, ""))))).toEqual([
      ".dockerignore must exclude .env",
    ]);
  });

  it("migrates in the entrypoint (web only), through npm run db:deploy", () => {
    expect(checkEntrypoint(files)).toEqual([]);
    const noDeploy = mutate((f) => (f.entrypoint = f.entrypoint.replace(/^(\s*)npm run --silent db:deploy$/m, "$1true")));
    expect(checkEntrypoint(noDeploy)).toEqual([expect.stringMatching(/db:deploy/)]);
    expect(checkEntrypoint(mutate((f) => (envMap(svc(f, "worker")).RUN_MIGRATIONS = "1")))).toEqual([
      "worker must not migrate too (one migrator)",
    ]);
    expect(checkEntrypoint(mutate((f) => delete envMap(svc(f, "web")).RUN_MIGRATIONS))).toEqual([
      "web must set RUN_MIGRATIONS=1",
    ]);
  });
});

describe("docker/entrypoint.sh, run", () => {
  // The real script in a scratch app directory, with a stand-in `npm` that logs its arguments.
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "lantern-entrypoint-"));
    mkdirSync(join(dir, "docker"));
    mkdirSync(join(dir, "bin"));
    writeFileSync(join(dir, "docker", "entrypoint.sh"), files.entrypoint);
    writeFileSync(
      join(dir, "bin", "npm"),
      `#!/bin/sh\necho "npm $* (cwd $(pwd))" >> "${dir}/calls.log"\nexit "\${FAKE_NPM_EXIT:-0}"\n`,
    );
    chmodSync(join(dir, "bin", "npm"), 0o755);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function run(extraEnv: Record<string, string>) {
    rmSync(join(dir, "calls.log"), { force: true });
    const r = spawnSync("/bin/sh", [join(dir, "docker", "entrypoint.sh"), "sh", "-c", `echo "cmd in $(pwd)" >> "${dir}/calls.log"`], {
      cwd: tmpdir(),
      env: { PATH: `${join(dir, "bin")}:/usr/bin:/bin`, NODE_ENV: "production", ...extraEnv },
      encoding: "utf8",
    });
    let calls = "";
    try {
      calls = readFileSync(join(dir, "calls.log"), "utf8");
    } catch {
      // nothing ran
    }
    return { status: r.status, calls: calls.trim().split("\n").filter(Boolean) };
  }

  it("with RUN_MIGRATIONS=1 runs db:deploy in the app directory, then the command", () => {
    expect(run({ RUN_MIGRATIONS: "1" })).toEqual({
      status: 0,
      calls: [`npm run --silent db:deploy (cwd ${dir})`, `cmd in ${dir}`],
    });
  });

  it("without RUN_MIGRATIONS only runs the command", () => {
    expect(run({})).toEqual({ status: 0, calls: [`cmd in ${dir}`] });
  });

  it("does not start the command when the migration fails", () => {
    const r = run({ RUN_MIGRATIONS: "1", FAKE_NPM_EXIT: "3" });
    expect(r.status).toBe(3);
    expect(r.calls).toEqual([`npm run --silent db:deploy (cwd ${dir})`]);
  });
});

describe("healthcheck commands, run", () => {
  // Each healthcheck runs inside its container; here it runs against a local stand-in server instead.
  let server: Server;
  let port = 0;
  let status = 200;
  const paths: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      paths.push(req.url ?? "");
      res.writeHead(status).end("{}");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Run a service's exec-form healthcheck with its URL pointed at the stand-in; resolves to the exit code. */
  function probe(service: string, containerPort: number, targetPort = port): Promise<number | null> {
    const test = svc(files, service).healthcheck?.test;
    if (!Array.isArray(test) || test[0] !== "CMD") throw new Error(`${service}: expected an exec-form healthcheck`);
    const argv = test.slice(1).map((a) => a.replace(`127.0.0.1:${containerPort}`, `127.0.0.1:${targetPort}`));
    const bin = argv[0] === "node" ? process.execPath : argv[0];
    // Asynchronous on purpose: the stand-in server lives in this process and must keep answering.
    return new Promise((resolve, reject) => {
      const child = spawn(bin, argv.slice(1), { stdio: "ignore", timeout: 15_000 });
      child.on("error", reject);
      child.on("exit", (code) => resolve(code));
    });
  }

  it("web: healthy on 200 from /api/health, unhealthy on 503 or with nothing listening", async () => {
    status = 200;
    paths.length = 0;
    expect(await probe("web", 3000)).toBe(0);
    expect(paths).toEqual(["/api/health"]);
    status = 503;
    expect(await probe("web", 3000)).toBe(1);
    // Port 1 on loopback: nothing listens there, so the connection is refused.
    expect(await probe("web", 3000, 1)).toBe(1);
  });

  it("worker: healthy while its health port answers", async () => {
    status = 200;
    paths.length = 0;
    expect(await probe("worker", 3001)).toBe(0);
    expect(paths).toEqual(["/"]);
    status = 500;
    expect(await probe("worker", 3001)).toBe(1);
  });

  it("emulator: healthy when /moto-api/ answers (python3, as in the moto image)", async () => {
    status = 200;
    paths.length = 0;
    expect(await probe("emulator", 5000)).toBe(0);
    expect(paths).toEqual(["/moto-api/"]);
    status = 404;
    expect(await probe("emulator", 5000)).not.toBe(0);
  });
});
