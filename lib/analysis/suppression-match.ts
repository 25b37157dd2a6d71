// Whether a suppression covers a finding. Pure: the database layer applies it, the UI previews it.
export type SuppressionScope = {
  ruleId: string | null;
  accountId: string | null;
  /** Glob over the resource ARN: * matches any characters (also ":" and "/"), ? exactly one. */
  resourcePattern: string | null;
  tagKey: string | null;
  tagValue: string | null;
};

export type SuppressibleFinding = { ruleId: string; accountId: string; resourceArn: string };

const globCache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let re = globCache.get(glob);
  if (!re) {
    const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    re = new RegExp(`^${body}$`, "s");
    globCache.set(glob, re);
  }
  return re;
}

/** SQL LIKE pattern equivalent to the glob (backslash escapes), to narrow candidates in the database. */
export function globToLike(glob: string): string {
  return glob.replace(/[\\%_]/g, "\\$&").replace(/\*/g, "%").replace(/\?/g, "_");
}

/** A suppression must narrow something: a blanket "everything" suppression is refused at creation. */
export function isBlanket(s: SuppressionScope): boolean {
  return !s.ruleId && !s.accountId && !s.tagKey && (!s.resourcePattern || /^\*+$/.test(s.resourcePattern));
}

/**
 * `tags` are the resource's tags, or null when unknown (resource not in the inventory): a tag condition then
 * does not match, so a suppression never holds a finding it cannot show it covers.
 */
export function suppressionMatches(s: SuppressionScope, f: SuppressibleFinding, tags: Record<string, string> | null): boolean {
  if (s.ruleId && s.ruleId !== f.ruleId) return false;
  if (s.accountId && s.accountId !== f.accountId) return false;
  if (s.resourcePattern && !globToRegExp(s.resourcePattern).test(f.resourceArn)) return false;
  if (s.tagKey) {
    if (!tags || !Object.hasOwn(tags, s.tagKey)) return false;
    if (s.tagValue !== null && tags[s.tagKey] !== s.tagValue) return false;
  }
  return true;
}
