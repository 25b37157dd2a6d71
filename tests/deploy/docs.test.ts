// The operator docs keep up with the code: every setting and every granted permission is documented.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ZEnv } from "@/lib/env";
import { parseScannerPolicy, policyActions } from "./iam-model";
import { ROOT } from "./deploy-checks";
import { parseEnvFile } from "./compose-model";

const read = (p: string) => readFileSync(join(ROOT, p), "utf8");

/** Names written as `code` in a markdown document. */
function codeSpans(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]));
}

function undocumented(names: Iterable<string>, markdown: string): string[] {
  const spans = codeSpans(markdown);
  return [...names].filter((n) => !spans.has(n));
}

/** Variables docker-compose.yml interpolates (${NAME}, ${NAME:-x}, ...). */
function composeVariables(text: string): Set<string> {
  const uncommented = text
    .split("\n")
    .filter((l) => !l.trim().startsWith("#"))
    .join("\n");
  return new Set([...uncommented.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]));
}

describe("docs", () => {
  const configuration = read("docs/configuration.md");

  it("configuration.md describes every variable of lib/env.ts", () => {
    const keys = Object.keys(ZEnv.shape);
    expect(keys.length).toBeGreaterThan(5);
    expect(undocumented(keys, configuration)).toEqual([]);
    expect(undocumented([...keys, "LANTERN_NEW_SETTING"], configuration)).toEqual(["LANTERN_NEW_SETTING"]);
  });

  it("configuration.md describes every variable docker-compose.yml and docker/demo.env use", () => {
    const vars = composeVariables(read("docker-compose.yml"));
    expect(vars).toContain("POSTGRES_PASSWORD");
    expect(undocumented(vars, configuration)).toEqual([]);
    const demo = Object.keys(parseEnvFile(read("docker/demo.env"))).filter((k) => !k.startsWith("COMPOSE_"));
    expect(undocumented(demo, configuration)).toEqual([]);
  });

  it("aws-access.md explains every permission the scanner policy grants, and GetFunction's absence", () => {
    const doc = read("docs/aws-access.md");
    const actions = policyActions(parseScannerPolicy(JSON.parse(read("iam/lantern-scanner-policy.json"))));
    expect(undocumented(actions, doc)).toEqual([]);
    expect(undocumented(["lambda:GetFunction", "lambda:NotARealAction"], doc)).toEqual(["lambda:NotARealAction"]);
    expect(doc).toMatch(/## Why Lantern never asks for `lambda:GetFunction`/);
  });
});
