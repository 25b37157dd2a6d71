// The findings list keeps its filters and page in the URL. This turns the URL's search params into
// validated filters (or readable problems), and filters back into links.
import { z } from "zod";
import {
  decodeFindingCursor,
  type TFindingFilters,
  type TFindingPageRequest,
} from "@/lib/db/findings-query";
import { SEVERITIES, type Severity } from "@/lib/rules/types";

export type TSearchParams = Record<string, string | string[] | undefined>;

export const STATUS_CHOICES = ["open", "resolved", "suppressed", "all"] as const;

// An empty form field arrives as "" (the filter form submits every field): treat it as absent.
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const ZFindingSearch = z.object({
  severity: optional(z.enum(SEVERITIES as readonly [Severity, ...Severity[]], { error: `Severity must be one of ${SEVERITIES.join(", ")}.` })),
  status: z.preprocess(
    blankToUndefined,
    z.enum(STATUS_CHOICES, { error: `Status must be one of ${STATUS_CHOICES.join(", ")}.` }).default("open"),
  ),
  rule: optional(z.string().regex(/^[a-z0-9_]{1,128}$/, "Rule must be a rule id such as lambda_function_not_publicly_accessible.")),
  account: optional(z.string().regex(/^\d{12}$/, "Account must be a 12-digit AWS account id.")),
  q: optional(z.string().trim().max(200, "Search text is limited to 200 characters.")),
  after: optional(z.string().max(500)),
  before: optional(z.string().max(500)),
});

export type TParsedFindingSearch =
  | { ok: true; filters: TFindingFilters; page: TFindingPageRequest }
  | { ok: false; problems: string[] };

export function parseFindingSearch(params: TSearchParams): TParsedFindingSearch {
  const problems: string[] = [];
  const single: Record<string, string | undefined> = {};
  for (const key of Object.keys(ZFindingSearch.shape)) {
    const v = params[key];
    if (Array.isArray(v)) problems.push(`Give "${key}" once, not ${v.length} times.`);
    else single[key] = v;
  }
  const parsed = ZFindingSearch.safeParse(single);
  if (!parsed.success) problems.push(...parsed.error.issues.map((i) => i.message));
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };

  const { severity, status, rule, account, q, after, before } = parsed.data;
  if (after && before) return { ok: false, problems: ["A page link has either after or before, not both."] };
  const page: TFindingPageRequest = {};
  const cursorText = after ?? before;
  if (cursorText) {
    const cursor = decodeFindingCursor(cursorText);
    if (!cursor) return { ok: false, problems: ["The page link is damaged or out of date. Start again from the first page."] };
    if (after) page.after = cursor;
    else page.before = cursor;
  }
  return {
    ok: true,
    filters: { severity, status, ruleId: rule, accountId: account, q },
    page,
  };
}

/** Link to the findings list with these filters (defaults left out) and optionally a page cursor. */
export function findingsHref(filters: TFindingFilters, cursor?: { after: string } | { before: string }): string {
  const p = new URLSearchParams();
  if (filters.severity) p.set("severity", filters.severity);
  if (filters.status !== "open") p.set("status", filters.status);
  if (filters.ruleId) p.set("rule", filters.ruleId);
  if (filters.accountId) p.set("account", filters.accountId);
  if (filters.q) p.set("q", filters.q);
  if (cursor && "after" in cursor) p.set("after", cursor.after);
  if (cursor && "before" in cursor) p.set("before", cursor.before);
  const qs = p.toString();
  return qs ? `/findings?${qs}` : "/findings";
}

export const hasActiveFilters = (f: TFindingFilters) =>
  Boolean(f.severity || f.ruleId || f.accountId || f.q || f.status !== "open");
