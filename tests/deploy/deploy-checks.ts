// Checks of the self-hosting files (docker-compose.yml, Dockerfile, docker/). Each returns the problems
// it finds, so tests can show that it passes on the real files and fails on a broken copy.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  activeServices,
  envNames,
  healthcheckCommand,
  lanternServices,
  parseCompose,
  parseEnvFile,
  publishedContainerPorts,
  resolveEnv,
  type TCompose,
  type Vars,
} from "./compose-model";
import { execForm, finalStage, parseDockerfile, type Stage } from "./dockerfile-model";

export const ROOT = join(import.meta.dirname, "..", "..");

export type DeployFiles = {
  compose: TCompose;
  dockerfile: string;
  dockerignore: string;
  entrypoint: string;
  demoEnv: Record<string, string>;
  scripts: Record<string, string>;
};

export function readDeployFiles(root = ROOT): DeployFiles {
  const read = (p: string) => readFileSync(join(root, p), "utf8");
  const pkg = JSON.parse(read("package.json")) as { scripts: Record<string, string> };
  return {
    compose: parseCompose(read("docker-compose.yml")),
    dockerfile: read("Dockerfile"),
    dockerignore: read(".dockerignore"),
    entrypoint: read("docker/entrypoint.sh"),
    demoEnv: parseEnvFile(read("docker/demo.env")),
    scripts: pkg.scripts,
  };
}

/** Variables that are not Lantern settings but that Lantern's containers may legitimately receive. */
export const AWS_SDK_ENV = [
  "AWS_REGION",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  // Temporary credentials (SSO, assumed roles) come with a session token; without it they are unusable.
  "AWS_SESSION_TOKEN",
  "AWS_PROFILE",
  "AWS_ENDPOINT_URL",
] as const;
export const RUNTIME_ENV = ["RUN_MIGRATIONS", "NEXT_TELEMETRY_DISABLED", "PORT", "HOSTNAME"] as const;

/** What a user's .env holds for a real installation: just the required secret. */
export const REAL_VARS: Vars = { LANTERN_SECRET: "0123456789abcdef0123456789abcdef" };

/** The emulator settings that must never reach a non-demo run. */
const EMULATOR_ENV = ["AWS_ENDPOINT_URL", "LANTERN_AWS_EMULATOR"];

export const BASE_SERVICES = ["postgres", "web", "worker"];
export const DEMO_SERVICES = ["emulator", "demo-seed"];

export function checkServices(f: DeployFiles): string[] {
  const problems: string[] = [];
  const base = activeServices(f.compose).sort();
  const demo = activeServices(f.compose, ["demo"]).sort();
  if (base.join() !== [...BASE_SERVICES].sort().join()) {
    problems.push(`without a profile, compose must start exactly ${BASE_SERVICES.join(", ")}; it starts ${base.join(", ")}`);
  }
  if (demo.join() !== [...BASE_SERVICES, ...DEMO_SERVICES].sort().join()) {
    problems.push(`with --profile demo, compose must add exactly ${DEMO_SERVICES.join(", ")}; it starts ${demo.join(", ")}`);
  }
  for (const name of DEMO_SERVICES) {
    const s = f.compose.services[name];
    if (s && JSON.stringify(s.profiles) !== JSON.stringify(["demo"])) problems.push(`${name} must be in profile "demo" only`);
  }
  return problems;
}

export function checkPostgres(f: DeployFiles): string[] {
  const pg = f.compose.services.postgres;
  if (!pg) return ["no postgres service"];
  const problems: string[] = [];
  if (!/^postgres:16(\.|$|-)/.test(pg.image ?? "")) problems.push(`postgres must use the postgres:16 image, not ${pg.image}`);
  if (!/\bpg_isready\b/.test(healthcheckCommand(pg))) problems.push("postgres needs a pg_isready healthcheck");
  if (!(pg.volumes ?? []).some((v) => typeof v === "string" && v.endsWith(":/var/lib/postgresql/data"))) {
    problems.push("postgres must keep its data in a volume at /var/lib/postgresql/data");
  }
  return problems;
}

function dependsOn(f: DeployFiles, service: string, on: string): string | undefined {
  const d = f.compose.services[service]?.depends_on;
  if (!d) return undefined;
  if (Array.isArray(d)) return d.includes(on) ? "service_started" : undefined;
  return d[on]?.condition;
}

export function checkDependsOn(f: DeployFiles): string[] {
  const problems: string[] = [];
  for (const s of ["web", "worker"]) {
    const c = dependsOn(f, s, "postgres");
    if (c !== "service_healthy") problems.push(`${s} must depend on postgres with condition service_healthy (has ${c ?? "none"})`);
  }
  if (!dependsOn(f, "worker", "web")) problems.push("worker must depend on web (the web container runs the migrations)");
  if (dependsOn(f, "demo-seed", "emulator") !== "service_healthy") problems.push("demo-seed must wait for a healthy emulator");
  return problems;
}

function exposedPorts(stage: Stage): number[] {
  return stage.instructions
    .filter((i) => i.keyword === "EXPOSE")
    .flatMap((i) => i.args.split(/\s+/))
    .map((p) => Number(p.split("/")[0]));
}

/** The web's port agrees everywhere: published, EXPOSE, PORT and the healthcheck URL. */
export function checkWebPort(f: DeployFiles): string[] {
  const web = f.compose.services.web;
  if (!web) return ["no web service"];
  const problems: string[] = [];
  const published = publishedContainerPorts(web, REAL_VARS);
  if (!published.includes(3000)) problems.push(`web must publish container port 3000 (publishes ${published.join(", ") || "nothing"})`);
  const runtime = finalStage(parseDockerfile(f.dockerfile).stages);
  const exposed = exposedPorts(runtime);
  if (!exposed.includes(3000)) problems.push(`the Dockerfile must EXPOSE 3000 (exposes ${exposed.join(", ") || "nothing"})`);
  const port = resolveEnv(web, REAL_VARS).PORT ?? runtime.env.PORT;
  if (port !== "3000") problems.push(`web's PORT must be 3000 (is ${port})`);
  const url = /http:\/\/127\.0\.0\.1:(\d+)(\/\S*?)['"]/.exec(healthcheckCommand(web));
  if (!url || url[1] !== "3000" || url[2] !== "/api/health") problems.push("web's healthcheck must request http://127.0.0.1:3000/api/health");
  return problems;
}

/** Every variable handed to a Lantern container is a Lantern setting, an AWS SDK setting or a runtime knob. */
export function checkEnvNames(f: DeployFiles, zenvKeys: readonly string[]): string[] {
  const allowed = new Set<string>([...zenvKeys, ...AWS_SDK_ENV, ...RUNTIME_ENV]);
  const problems: string[] = [];
  for (const name of lanternServices(f.compose)) {
    for (const key of envNames(f.compose.services[name])) {
      if (!allowed.has(key)) problems.push(`${name}: ${key} is neither in lib/env.ts's ZEnv nor an AWS SDK/runtime variable`);
    }
    if (f.compose.services[name].env_file !== undefined) problems.push(`${name}: env_file hides variables from this check; use environment`);
  }
  return problems;
}

/** The emulator is opt-in: only the demo env file points web and worker at it. */
export function checkEmulatorOptIn(f: DeployFiles): string[] {
  const problems: string[] = [];
  const emulatorPort = publishedContainerPorts(f.compose.services.emulator ?? {}, {})[0];
  const demoVars: Vars = { ...f.demoEnv };
  for (const s of ["web", "worker"]) {
    const service = f.compose.services[s];
    if (!service) continue;
    const real = resolveEnv(service, REAL_VARS);
    for (const key of EMULATOR_ENV) {
      if (key in real) problems.push(`${s}: ${key} is set on a non-demo run (${real[key]}); pass it through by name only`);
    }
    for (const key of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]) {
      if (key in real) problems.push(`${s}: ${key} must come from the operator, not from docker-compose.yml`);
    }
    const demo = resolveEnv(service, demoVars);
    if (demo.AWS_ENDPOINT_URL !== `http://emulator:${emulatorPort}`) {
      problems.push(`${s}: with docker/demo.env, AWS_ENDPOINT_URL must be http://emulator:${emulatorPort} (is ${demo.AWS_ENDPOINT_URL})`);
    }
    if (demo.LANTERN_AWS_EMULATOR !== "true") problems.push(`${s}: with docker/demo.env, LANTERN_AWS_EMULATOR must be true`);
    if (!demo.AWS_ACCESS_KEY_ID || !demo.AWS_SECRET_ACCESS_KEY || !demo.AWS_REGION) {
      problems.push(`${s}: with docker/demo.env, fake credentials and a region must reach the container`);
    }
  }
  return problems;
}

export function checkWorker(f: DeployFiles): string[] {
  const w = f.compose.services.worker;
  if (!w) return ["no worker service"];
  const problems: string[] = [];
  // Same program as `npm run worker`, without npm and its `sh -c` between Docker and the worker: they do not
  // pass SIGTERM on, so the worker could not stop gracefully.
  const cmd = Array.isArray(w.command) ? w.command.join(" ") : (w.command ?? "");
  const script = /^tsx (\S+\.ts)$/.exec(f.scripts.worker ?? "");
  if (!script) problems.push(`package.json "worker" is no longer "tsx <file>.ts" (is "${f.scripts.worker}"); update the worker command`);
  else if (cmd !== `node --import tsx ${script[1]}`) {
    problems.push(`worker must run "node --import tsx ${script[1]}", the npm worker script as one process (runs "${cmd}")`);
  }
  const grace = /^(\d+)s$/.exec(String(w.stop_grace_period ?? ""));
  if (!grace || Number(grace[1]) < 30) problems.push("worker needs stop_grace_period >= 30s (its graceful stop takes up to 20 s)");
  const port = resolveEnv(w, REAL_VARS).WORKER_HEALTH_PORT;
  const url = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(healthcheckCommand(w));
  if (!port) problems.push("worker must set WORKER_HEALTH_PORT");
  else if (url?.[1] !== port) problems.push(`worker's healthcheck must probe 127.0.0.1:${port} (WORKER_HEALTH_PORT)`);
  if (JSON.stringify(w.build) !== JSON.stringify(f.compose.services.web?.build) || w.image !== f.compose.services.web?.image) {
    problems.push("worker must use the same image as web");
  }
  return problems;
}

export function checkDemoServices(f: DeployFiles): string[] {
  const problems: string[] = [];
  const emu = f.compose.services.emulator;
  if (emu?.image !== "motoserver/moto:5.2.1") problems.push(`emulator must be motoserver/moto:5.2.1 (is ${emu?.image})`);
  if (emu && resolveEnv(emu, {}).MOTO_IAM_LOAD_MANAGED_POLICIES !== "true") problems.push("emulator needs MOTO_IAM_LOAD_MANAGED_POLICIES=true");
  if (emu && !publishedContainerPorts(emu, {}).includes(5000)) problems.push("emulator must publish port 5000");
  if (emu && !/\/moto-api\//.test(healthcheckCommand(emu))) problems.push("emulator needs a healthcheck on /moto-api/");
  const seed = f.compose.services["demo-seed"];
  const cmd = Array.isArray(seed?.command) ? seed.command.join(" ") : (seed?.command ?? "");
  if (cmd !== "npx tsx scripts/seed-demo-estate.ts --endpoint http://emulator:5000") {
    problems.push(`demo-seed must run the demo estate seed against the emulator (runs "${cmd}")`);
  }
  return problems;
}

const NO_ENGINE = /(^|\/)prisma\/no-engine\.sh$/;

export function checkDockerfile(f: DeployFiles): string[] {
  const problems: string[] = [];
  const { args, stages } = parseDockerfile(f.dockerfile);
  if (stages.length < 2) problems.push("the Dockerfile must be multi-stage");
  const base = stages[0]?.from.replace(/^\$\{(\w+)\}$/, (_, k: string) => args[k] ?? "");
  const major = /^node:(\d+)-/.exec(base ?? "")?.[1];
  if (!major || Number(major) < 22 || Number(major) % 2 !== 0) problems.push(`the base image must be a Node LTS (even major >= 22), not ${base}`);

  const runIn = (re: RegExp) => stages.find((s) => s.instructions.some((i) => i.keyword === "RUN" && re.test(i.args)));
  const ciStage = runIn(/\bnpm ci\b/);
  if (!ciStage) problems.push("dependencies must be installed with npm ci");
  else {
    const env = ciStage.env;
    for (const k of ["PRISMA_SCHEMA_ENGINE_BINARY", "PRISMA_QUERY_ENGINE_LIBRARY"]) {
      if (!NO_ENGINE.test(env[k] ?? "")) problems.push(`${k} must point at prisma/no-engine.sh during npm ci`);
    }
    if (env.CHECKPOINT_DISABLE !== "1") problems.push("CHECKPOINT_DISABLE=1 must be set during npm ci");
    if (env.NEXT_TELEMETRY_DISABLED !== "1") problems.push("NEXT_TELEMETRY_DISABLED=1 must be set during npm ci");
    const ciIndex = ciStage.instructions.findIndex((i) => i.keyword === "RUN" && /\bnpm ci\b/.test(i.args));
    const copiesPrisma = ciStage.instructions
      .slice(0, ciIndex)
      .some((i) => i.keyword === "COPY" && /(^|\s)prisma(\/|\s)/.test(i.args));
    if (!copiesPrisma) problems.push("prisma/ (schema and no-engine.sh) must be copied before npm ci: its postinstall generates the client");
  }
  if (!runIn(/npm run db:generate/)) problems.push("the build must run npm run db:generate");
  if (!runIn(/npm run build/)) problems.push("the build must run npm run build");

  const runtime = finalStage(stages);
  const users = runtime.instructions.filter((i) => i.keyword === "USER");
  const user = users.at(-1)?.args.split(":")[0];
  if (!user || user === "root" || user === "0") problems.push(`the runtime image must run as a non-root USER (is ${user ?? "root"})`);
  if (runtime.env.NEXT_TELEMETRY_DISABLED !== "1") problems.push("NEXT_TELEMETRY_DISABLED=1 must be set at run time too");
  const entry = runtime.instructions.filter((i) => i.keyword === "ENTRYPOINT").at(-1);
  if (!entry || !execForm(entry.args).some((a) => a.endsWith("docker/entrypoint.sh"))) {
    problems.push("ENTRYPOINT must be docker/entrypoint.sh (it runs the migrations)");
  }
  const cmd = runtime.instructions.filter((i) => i.keyword === "CMD").at(-1);
  const cmdText = cmd ? execForm(cmd.args).join(" ") : "";
  if (!/\.next\/standalone\/server\.js$/.test(cmdText) && cmdText !== "npm start") {
    problems.push(`the default CMD must start the web server (is "${cmdText}")`);
  }
  const copiesApp = runtime.instructions.some((i) => i.keyword === "COPY" && /--from=\S+\s+\/app\s+\/app\b/.test(i.args));
  if (!copiesApp) problems.push("the runtime stage must hold the whole app (the worker runs the sources through tsx)");
  return problems;
}

export function checkDockerignore(f: DeployFiles): string[] {
  const lines = new Set(f.dockerignore.split("\n").map((l) => l.trim()));
  return ["node_modules", ".next", ".git", ".env", ".env.*", "lib/generated"]
    .filter((p) => !lines.has(p))
    .map((p) => `.dockerignore must exclude ${p}`);
}

export function checkEntrypoint(f: DeployFiles): string[] {
  const problems: string[] = [];
  const code = f.entrypoint
    .split("\n")
    .filter((l) => !l.trim().startsWith("#"))
    .join("\n");
  if (!/if \[ "\$\{RUN_MIGRATIONS:-0\}" = "1" \]; then\s+(?:echo [^\n]*\n\s*)?npm run (?:--silent )?db:deploy\s+fi/.test(code)) {
    problems.push("the entrypoint must run `npm run db:deploy` when RUN_MIGRATIONS=1");
  }
  if (!/^exec "\$@"$/m.test(code)) problems.push('the entrypoint must end with exec "$@"');
  if (!/^set -e/m.test(code)) problems.push("the entrypoint must stop on a failed migration (set -e)");
  if (!/scripts\/prisma-migrate\.mjs migrate deploy/.test(f.scripts["db:deploy"] ?? "")) {
    problems.push('package.json "db:deploy" must run scripts/prisma-migrate.mjs migrate deploy');
  }
  const web = f.compose.services.web;
  if (!web || resolveEnv(web, REAL_VARS).RUN_MIGRATIONS !== "1") problems.push("web must set RUN_MIGRATIONS=1");
  for (const s of lanternServices(f.compose).filter((n) => n !== "web")) {
    if (resolveEnv(f.compose.services[s], REAL_VARS).RUN_MIGRATIONS === "1") problems.push(`${s} must not migrate too (one migrator)`);
  }
  return problems;
}

export function allDeployProblems(f: DeployFiles, zenvKeys: readonly string[]): string[] {
  return [
    ...checkServices(f),
    ...checkPostgres(f),
    ...checkDependsOn(f),
    ...checkWebPort(f),
    ...checkEnvNames(f, zenvKeys),
    ...checkEmulatorOptIn(f),
    ...checkWorker(f),
    ...checkDemoServices(f),
    ...checkDockerfile(f),
    ...checkDockerignore(f),
    ...checkEntrypoint(f),
  ];
}
