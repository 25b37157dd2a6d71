// Secret detection in a source or config file from a deployment package: the format-based detectors over
// the whole text (a PEM key spans lines), and the name-based ones over what looks like an assignment of a
// string literal (`password = "…"`, `apiKey: '…'`, `"token": "…"`, and KEY=value lines of .env-like
// files). Pure: text in, matches out; the caller fingerprints the matches and drops them.
import { findSecretsByName, findValuePatterns, type SecretMatch } from "./detect";
import { classifyName } from "./patterns";

export type TextMatch = SecretMatch & {
  /** 1-based line of the match. */
  line: number;
};

/** A quoted string assigned to a name: name = "v", name: 'v', "name": "v", name := `v`, name => "v". */
// The lookbehind makes a name start only where an identifier starts: without it, a long run of letters
// (minified code, data) is retried from every position.
const ASSIGNMENT = /(?<![\w$.-])(["']?)([A-Za-z_$][\w$.-]{0,80})\1[ \t]*(?:=|:|:=|=>)[ \t]*(["'`])([^"'`\\\r\n]{4,500})\3/g;
/** KEY=value and key: value lines of .env, .properties, .ini, .toml and YAML files (values may be unquoted). */
const CONFIG_LINE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][\w.-]{0,80})[ \t]*[=:][ \t]*(["']?)([^\r\n#]*?)\2[ \t]*(?:#.*)?$/gm;
const CONFIG_FILE = /(?:^|\/)(?:\.env(?:\.[\w-]+)?|[^/]*\.(?:env|properties|ini|cfg|conf|toml|ya?ml))$/i;

/** Line starts, so an index maps to a line with a binary search. */
function lineIndex(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], index: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * Every secret in one file's text, with its line. `path` (inside the package) decides whether unquoted
 * KEY=value lines count as assignments. One result per (line, detector, secret).
 */
export function findSecretsInText(text: string, path = ""): TextMatch[] {
  const starts = lineIndex(text);
  const isConfig = CONFIG_FILE.test(path);
  // A configuration file is configuration: judged like a variable, not like code.
  const found: SecretMatch[] = [...findValuePatterns(text, isConfig ? "variable" : "code")];

  ASSIGNMENT.lastIndex = 0;
  for (let m = ASSIGNMENT.exec(text); m; m = ASSIGNMENT.exec(text)) {
    // The format-based detectors already ran over the whole text; only the name decides here.
    if (!classifyName(m[2]) && !m[4].trimStart().startsWith("{")) continue;
    const valueStart = m.index + m[0].length - 1 - m[4].length;
    for (const s of findSecretsByName(m[2], m[4], "code")) found.push({ ...s, index: valueStart + s.index });
  }
  if (isConfig) {
    CONFIG_LINE.lastIndex = 0;
    for (let m = CONFIG_LINE.exec(text); m; m = CONFIG_LINE.exec(text)) {
      if (m[0].length === 0) {
        CONFIG_LINE.lastIndex++;
        continue;
      }
      if (!classifyName(m[1]) && !m[3].trimStart().startsWith("{")) continue;
      const valueStart = m.index + m[0].indexOf(m[3], m[0].indexOf(m[1]) + m[1].length);
      for (const s of findSecretsByName(m[1], m[3], "variable")) found.push({ ...s, index: valueStart + s.index });
    }
  }

  const seen = new Set<string>();
  const out: TextMatch[] = [];
  for (const s of found) {
    const line = lineOf(starts, s.index);
    const key = `${line}\u0000${s.detector}\u0000${s.match}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...s, line });
  }
  return out.sort((a, b) => a.index - b.index || (a.detector < b.detector ? -1 : 1));
}
