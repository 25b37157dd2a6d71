// Just enough of a Dockerfile parser to check Lantern's: instructions with line continuations joined and
// comments dropped, grouped by build stage, with each stage's ENV inherited from the stage it starts FROM.

export type Instruction = { keyword: string; args: string };
export type Stage = { name: string; from: string; instructions: Instruction[]; env: Record<string, string> };

export function parseDockerfile(text: string): { args: Record<string, string>; stages: Stage[] } {
  const logical: string[] = [];
  let current = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    // Docker removes comment lines before joining continuations, also inside a continued instruction.
    if (line.startsWith("#")) continue;
    if (line.endsWith("\\")) {
      current += line.slice(0, -1) + " ";
      continue;
    }
    current += line;
    if (current.trim()) logical.push(current.trim());
    current = "";
  }
  if (current.trim()) logical.push(current.trim());

  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const l of logical) {
    const m = /^(\S+)\s*(.*)$/.exec(l);
    if (!m) continue;
    const keyword = m[1].toUpperCase();
    const rest = m[2];
    if (keyword === "FROM") {
      const fm = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(rest);
      const from = fm?.[1] ?? "";
      const parent = stages.find((s) => s.name === from);
      stages.push({ name: fm?.[2] ?? String(stages.length), from, instructions: [], env: { ...(parent?.env ?? {}) } });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) {
      if (keyword === "ARG") {
        const [k, v = ""] = rest.split("=");
        args[k.trim()] = v.trim();
      }
      continue;
    }
    stage.instructions.push({ keyword, args: rest });
    if (keyword === "ENV") Object.assign(stage.env, parseEnvArgs(rest));
  }
  return { args, stages };
}

/** `ENV A=1 B="two words"` → { A: "1", B: "two words" } (the legacy `ENV A 1` form too). */
export function parseEnvArgs(rest: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!rest.includes("=")) {
    const [k, ...v] = rest.split(/\s+/);
    out[k] = v.join(" ");
    return out;
  }
  for (const m of rest.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("([^"]*)"|'([^']*)'|(\S*))/g)) {
    out[m[1]] = m[3] ?? m[4] ?? m[5] ?? "";
  }
  return out;
}

/** The stage a Dockerfile's final image is built from. */
export function finalStage(stages: Stage[]): Stage {
  const s = stages.at(-1);
  if (!s) throw new Error("Dockerfile has no FROM");
  return s;
}

/** JSON-form (exec) arguments of CMD/ENTRYPOINT, or the shell form as one string. */
export function execForm(args: string): string[] {
  try {
    const parsed: unknown = JSON.parse(args);
    if (Array.isArray(parsed) && parsed.every((x) => typeof x === "string")) return parsed;
  } catch {
    // shell form
  }
  return [args];
}
