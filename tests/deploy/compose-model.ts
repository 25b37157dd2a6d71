// A small model of the Compose semantics docker-compose.yml relies on, so tests can check the deployment
// without a Docker engine: YAML anchors and `<<` merges, `${VAR}` interpolation, pass-through environment
// keys (a key without a value takes the caller's variable or stays unset) and profiles.
// The checks return problems instead of asserting, so each one can be run against a mutated copy.
import { parse } from "yaml";
import { z } from "zod";

const ZEnvironment = z.union([
  z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  z.array(z.string()),
]);

const ZHealthcheck = z.object({
  test: z.union([z.string(), z.array(z.string())]),
  interval: z.string().optional(),
  timeout: z.string().optional(),
  retries: z.number().int().optional(),
  start_period: z.string().optional(),
});

const ZDependsOn = z.union([
  z.array(z.string()),
  z.record(z.string(), z.object({ condition: z.string(), required: z.boolean().optional() })),
]);

const ZService = z.looseObject({
  image: z.string().optional(),
  build: z.union([z.string(), z.looseObject({ context: z.string() })]).optional(),
  command: z.union([z.string(), z.array(z.string())]).optional(),
  environment: ZEnvironment.optional(),
  env_file: z.unknown().optional(),
  ports: z.array(z.union([z.string(), z.number(), z.looseObject({ target: z.number() })])).optional(),
  depends_on: ZDependsOn.optional(),
  healthcheck: ZHealthcheck.optional(),
  profiles: z.array(z.string()).optional(),
  volumes: z.array(z.unknown()).optional(),
  stop_grace_period: z.string().optional(),
});
export type TService = z.infer<typeof ZService>;

export const ZCompose = z.looseObject({
  name: z.string().optional(),
  services: z.record(z.string(), ZService),
  volumes: z.record(z.string(), z.unknown()).optional(),
});
export type TCompose = z.infer<typeof ZCompose>;

/** Parse a compose file as Compose does (YAML 1.1 merge keys on) and check the fields the tests read. */
export function parseCompose(text: string): TCompose {
  return ZCompose.parse(parse(text, { merge: true }));
}

export type Vars = Record<string, string | undefined>;

/**
 * Compose variable interpolation: $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error},
 * ${VAR?error} and $$ for a literal $. Throws on a missing mandatory variable, as `docker compose` does.
 */
export function interpolate(value: string, vars: Vars): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, name: string | undefined, op: string | undefined, arg: string | undefined, bare: string | undefined) => {
      if (match === "$$") return "$";
      const key = name ?? bare ?? "";
      const v = vars[key];
      const missing = op?.startsWith(":") ? v === undefined || v === "" : v === undefined;
      if (op === ":-" || op === "-") return missing ? (arg ?? "") : (v ?? "");
      if (op === ":?" || op === "?") {
        if (missing) throw new Error(`required variable ${key} is missing a value: ${arg ?? ""}`);
        return v ?? "";
      }
      return v ?? "";
    },
  );
}

/** The environment names a service declares, whether given a value or passed through. */
export function envNames(service: TService): string[] {
  const env = service.environment;
  if (!env) return [];
  if (Array.isArray(env)) return env.map((e) => e.split("=")[0]);
  return Object.keys(env);
}

/** The environment a container of `service` gets when Compose runs with the variables `vars`. */
export function resolveEnv(service: TService, vars: Vars): Record<string, string> {
  const env = service.environment;
  const out: Record<string, string> = {};
  if (!env) return out;
  const entries: [string, string | null][] = Array.isArray(env)
    ? env.map((e) => {
        const i = e.indexOf("=");
        return i < 0 ? [e, null] : [e.slice(0, i), e.slice(i + 1)];
      })
    : Object.entries(env).map(([k, v]) => [k, v === null ? null : String(v)]);
  for (const [key, raw] of entries) {
    if (raw === null) {
      // Pass-through: the caller's value, or unset in the container.
      const passed = vars[key];
      if (passed !== undefined) out[key] = passed;
    } else {
      out[key] = interpolate(raw, vars);
    }
  }
  return out;
}

/** Services `docker compose up` starts with the given profiles enabled. */
export function activeServices(compose: TCompose, profiles: string[] = []): string[] {
  return Object.entries(compose.services)
    .filter(([, s]) => !s.profiles?.length || s.profiles.some((p) => profiles.includes(p)))
    .map(([name]) => name);
}

/** Parse a Compose env file (KEY=VALUE lines, # comments). */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const t = line.trim();
    if (!t || t.startsWith("#")) continue;
    const i = t.indexOf("=");
    if (i < 0) throw new Error(`env file line without "=": ${t}`);
    out[t.slice(0, i).trim()] = t.slice(i + 1).trim();
  }
  return out;
}

/** Container ports a service publishes (the part after the last ":" of "host:container[/proto]"). */
export function publishedContainerPorts(service: TService, vars: Vars): number[] {
  return (service.ports ?? []).map((p) => {
    if (typeof p === "number") return p;
    if (typeof p === "object") return p.target;
    const spec = interpolate(p, vars).split("/")[0];
    return Number(spec.slice(spec.lastIndexOf(":") + 1));
  });
}

export function healthcheckCommand(service: TService): string {
  const test = service.healthcheck?.test;
  if (!test) return "";
  return Array.isArray(test) ? test.join(" ") : test;
}

/** Services built from this repository (the Lantern image). */
export function lanternServices(compose: TCompose): string[] {
  return Object.entries(compose.services)
    .filter(([, s]) => s.build !== undefined)
    .map(([name]) => name);
}
