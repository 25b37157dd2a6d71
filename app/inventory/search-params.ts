// The inventory pages keep their state in the URL: the kind in the path, filters, sort and page of the
// list, and the resource and the two versions to compare on the detail page. This turns URL values into
// validated ones (or readable problems), and validated values back into links.
import { z } from "zod";
import {
  INVENTORY_SORT_IDS,
  KIND_IDS,
  decodeInventoryCursor,
  getKindDescriptor,
  type TInventoryFilters,
  type TInventoryPageRequest,
  type TKindDescriptor,
} from "@/lib/db/inventory-query";

export type TSearchParams = Record<string, string | string[] | undefined>;

const ZKind = z.enum(KIND_IDS);

/** The descriptor of a URL's kind segment; null for anything that is not one of the kinds. */
export function parseKind(segment: string): TKindDescriptor | null {
  const parsed = ZKind.safeParse(segment);
  return parsed.success ? (getKindDescriptor(parsed.data) ?? null) : null;
}

// An empty form field arrives as "" (the filter form submits every field): treat it as absent.
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const ZInventorySearch = z.object({
  q: optional(z.string().trim().max(200, "Search text is limited to 200 characters.")),
  account: optional(z.string().regex(/^\d{12}$/, "Account must be a 12-digit AWS account id.")),
  region: optional(z.string().regex(/^(global|[a-z]{2}(-[a-z]+)+-\d{1,2})$/, "Region must be a region name such as eu-west-1, or global.")),
  // A checkbox sends its value when ticked and nothing otherwise.
  deleted: optional(z.enum(["1"], { error: 'Include deleted is either "1" or absent.' })),
  sort: optional(z.enum(INVENTORY_SORT_IDS, { error: `Sort must be one of ${INVENTORY_SORT_IDS.join(", ")}.` })),
  after: optional(z.string().max(6000)),
  before: optional(z.string().max(6000)),
});

export type TParsedInventorySearch =
  | { ok: true; filters: TInventoryFilters; page: TInventoryPageRequest }
  | { ok: false; problems: string[] };

/** Each of `keys` given at most once: repeated keys become a problem, not an array. */
function singleValues(params: TSearchParams, keys: readonly string[], problems: string[]): Record<string, string | undefined> {
  const single: Record<string, string | undefined> = {};
  for (const key of keys) {
    const v = params[key];
    if (Array.isArray(v)) problems.push(`Give "${key}" once, not ${v.length} times.`);
    else single[key] = v;
  }
  return single;
}

export function parseInventorySearch(kind: TKindDescriptor, params: TSearchParams): TParsedInventorySearch {
  const problems: string[] = [];
  const parsed = ZInventorySearch.safeParse(singleValues(params, Object.keys(ZInventorySearch.shape), problems));
  if (!parsed.success) problems.push(...parsed.error.issues.map((i) => i.message));
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };

  const { q, account, region, deleted, sort = kind.defaultSort, after, before } = parsed.data;
  if (after && before) return { ok: false, problems: ["A page link has either after or before, not both."] };
  const page: TInventoryPageRequest = {};
  const cursorText = after ?? before;
  if (cursorText) {
    const cursor = decodeInventoryCursor(cursorText, sort);
    if (!cursor) return { ok: false, problems: ["The page link is damaged or out of date. Start again from the first page."] };
    if (after) page.after = cursor;
    else page.before = cursor;
  }
  return { ok: true, filters: { q, accountId: account, region, includeDeleted: deleted === "1", sort }, page };
}

/** Link to a kind's list with these filters (defaults left out) and optionally a page cursor. */
export function inventoryListHref(
  kind: TKindDescriptor,
  filters: Partial<TInventoryFilters> = {},
  cursor?: { after: string } | { before: string },
): string {
  const p = new URLSearchParams();
  if (filters.q) p.set("q", filters.q);
  if (filters.accountId) p.set("account", filters.accountId);
  if (filters.region) p.set("region", filters.region);
  if (filters.includeDeleted) p.set("deleted", "1");
  if (filters.sort && filters.sort !== kind.defaultSort) p.set("sort", filters.sort);
  if (cursor && "after" in cursor) p.set("after", cursor.after);
  if (cursor && "before" in cursor) p.set("before", cursor.before);
  const qs = p.toString();
  return qs ? `/inventory/${kind.kind}?${qs}` : `/inventory/${kind.kind}`;
}

export const hasActiveFilters = (f: TInventoryFilters) => Boolean(f.q || f.accountId || f.region || f.includeDeleted);

// ---------------------------------------------------------------------------------------------------
// Detail page: /inventory/<kind>/item?arn=<arn>[&from=<history id>&to=<history id>]. ARNs hold "/" and
// ":", which a query parameter carries as they are, where a path segment would need double encoding.

const ZResourceSearch = z.object({
  // arn:partition:service:region:account:resource; region and account may be empty (IAM, API Gateway)
  // and the account is "aws" for AWS managed policies.
  arn: z.string().max(2048).regex(/^arn:[^:\s]+:[^:\s]+:[^:\s]*:[^:\s]*:\S.*$/, "Not an ARN."),
  from: optional(z.uuid()),
  to: optional(z.uuid()),
});

export type TParsedResourceSearch =
  | { ok: true; arn: string; compare: { from: string; to: string } | null }
  | { ok: false };

export function parseResourceSearch(params: TSearchParams): TParsedResourceSearch {
  const problems: string[] = [];
  const parsed = ZResourceSearch.safeParse(singleValues(params, ["arn", "from", "to"], problems));
  if (!parsed.success || problems.length > 0) return { ok: false };
  const { arn, from, to } = parsed.data;
  return { ok: true, arn, compare: from && to ? { from, to } : null };
}

export function resourceHref(kind: string, arn: string, compare?: { from: string; to: string }): string {
  const p = new URLSearchParams({ arn });
  if (compare) {
    p.set("from", compare.from);
    p.set("to", compare.to);
  }
  return `/inventory/${kind}/item?${p.toString()}`;
}
