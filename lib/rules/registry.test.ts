// Guards the rule catalogue itself: ids are stable and match their files, every rule on disk is
// registered, metadata follows the wording rules, and compliance mappings point at real controls.
import { existsSync, readdirSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FRAMEWORKS, isKnownControl } from "@/lib/rules/frameworks";
import { getRule, RULES, rulesFor } from "@/lib/rules/registry";
import { SEVERITIES, type RuleDefinition } from "@/lib/rules/types";

const RULES_DIR = dirname(fileURLToPath(import.meta.url));
const RULE_SUFFIX = ".rule.ts";

function ruleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "__fixtures__" ? [] : ruleFiles(path);
    return entry.name.endsWith(RULE_SUFFIX) ? [path] : [];
  });
}

const FILES = ruleFiles(RULES_DIR);
const idOf = (file: string) => basename(file, RULE_SUFFIX);

describe("rule registry", () => {
  it("finds rule files on disk", () => {
    expect(FILES.length).toBeGreaterThan(0);
  });

  it("has unique ids, aliases included", () => {
    const ids = RULES.flatMap((r) => [r.id, ...(r.aliases ?? [])]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("registers exactly the rule files on disk", () => {
    expect(RULES.map((r) => r.id).sort()).toEqual(FILES.map(idOf).sort());
  });

  it.each(FILES.map((f) => [relative(RULES_DIR, f), f]))("%s exports the rule whose id is its file name", async (_name, file) => {
    const mod: { rule?: RuleDefinition } = await import(file);
    expect(mod.rule?.id).toBe(idOf(file));
    expect(RULES).toContain(mod.rule);
  });

  it.each(FILES.map((f) => [relative(RULES_DIR, f), f]))("%s has a sibling .rule.test.ts", (_name, file) => {
    expect(existsSync(file.replace(/\.rule\.ts$/, ".rule.test.ts"))).toBe(true);
  });

  it.each(RULES.map((r) => [r.id, r]))("%s has valid metadata", (_id, rule) => {
    expect(rule.id).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)+$/);
    for (const alias of rule.aliases ?? []) expect(alias).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)+$/);
    expect(rule.catalogueId).toMatch(/^[A-Z][A-Z0-9]*-\d{2}$/);
    expect(SEVERITIES).toContain(rule.severity);
    expect(rule.title).not.toMatch(/^(ensure|check|verify)\b/i);
    expect(rule.title.trim()).toBe(rule.title);
    expect(rule.description.length).toBeGreaterThan(20);
    expect(rule.risk.length).toBeGreaterThan(20);
    expect(rule.remediation.text.length).toBeGreaterThan(20);
    for (const ref of rule.references) expect(ref).toMatch(/^https:\/\//);
  });

  it.each(RULES.map((r) => [r.id, r]))("%s maps only to framework controls that exist", (_id, rule) => {
    for (const [framework, controls] of Object.entries(rule.frameworks ?? {})) {
      expect(Object.keys(FRAMEWORKS)).toContain(framework);
      for (const control of controls) expect(isKnownControl(framework, control), `${framework} ${control}`).toBe(true);
    }
  });

  it("knows the FSBP Lambda controls and rejects ids that do not exist", () => {
    for (const id of ["Lambda.1", "Lambda.2", "Lambda.3", "Lambda.5", "Lambda.6", "Lambda.7"]) {
      expect(isKnownControl("aws-fsbp", id)).toBe(true);
    }
    expect(isKnownControl("aws-fsbp", "Lambda.4")).toBe(false);
    expect(isKnownControl("aws-fsbp", "toString")).toBe(false);
    expect(isKnownControl("cis-aws-9.9", "1.1")).toBe(false);
  });

  it("looks rules up by id and by resource type", () => {
    expect(getRule("lambda_function_not_publicly_accessible")?.catalogueId).toBe("LX-01");
    expect(getRule("no_such_rule")).toBeUndefined();
    expect(rulesFor("lambda_function").map((r) => r.id)).toEqual(
      RULES.filter((r) => r.resourceType === "lambda_function" && !r.deprecated).map((r) => r.id),
    );
    expect(rulesFor("lambda_function").length).toBeGreaterThanOrEqual(2);
  });
});
