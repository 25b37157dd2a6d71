// Builds the RuleContext a rule's evaluate receives: the same code for a scan's analysis and for tests.
import type { InstallationSettings, ResourceType, RuleContext, RuleDefinition } from "@/lib/rules/types";

/** Memoized shared analyses of one evaluation (see RuleContext.shared). */
export function sharedMemo(): RuleContext["shared"] {
  const memo = new Map<string, unknown>();
  return <T>(key: string, compute: () => T): T => {
    if (!memo.has(key)) memo.set(key, compute());
    return memo.get(key) as T;
  };
}

export const NO_TRUSTED: InstallationSettings = { trustedAccountIds: [], trustedOrganizationIds: [] };

export function createRuleContext<S>(
  rule: Pick<RuleDefinition<S>, "id" | "settings">,
  input: {
    now: Date;
    /** Saved overrides for this rule (validated against its schema; invalid saves fall back to defaults). */
    saved?: unknown;
    installation: InstallationSettings;
    complete: (resourceType: ResourceType, region: string) => boolean;
    shared: RuleContext["shared"];
  },
): RuleContext<S> {
  let settings = (rule.settings?.defaults ?? {}) as S;
  if (rule.settings && input.saved !== undefined) {
    const parsed = rule.settings.schema.safeParse({ ...rule.settings.defaults, ...(input.saved as object) });
    if (parsed.success) settings = parsed.data;
  }
  return { now: input.now, settings, installation: input.installation, complete: input.complete, shared: input.shared };
}

/** A context for tests: everything listed completely, default settings, nobody trusted, a pinned clock. */
export function testContext<S>(rule: Pick<RuleDefinition<S>, "id" | "settings">, overrides: Partial<RuleContext<S>> = {}): RuleContext<S> {
  return {
    ...createRuleContext(rule, { now: new Date("2026-11-23T12:00:00Z"), installation: NO_TRUSTED, complete: () => true, shared: sharedMemo() }),
    ...overrides,
  };
}
