// The findings list's URL contract: filters parse to validated values, bad values become readable
// problems (not crashes), and links made from filters parse back to the same filters.
import { describe, expect, it } from "vitest";
import { findingsHref, parseFindingSearch } from "@/app/findings/search-params";
import { decodeFindingCursor, encodeFindingCursor } from "@/lib/db/findings-query";

const cursor = { rank: 4, lastSeenAt: new Date("2030-01-02T03:04:05.678Z"), id: "2b1e4c4e-5d0a-4f55-9b7b-6f3c1c1b2a10" };

describe("parseFindingSearch", () => {
  it("defaults to open findings with no other filter", () => {
    expect(parseFindingSearch({})).toEqual({ ok: true, filters: { status: "open" }, page: {} });
  });

  it("treats empty form fields as absent and trims the search text", () => {
    const r = parseFindingSearch({ severity: "", status: "", rule: "", account: "", q: "  billing_export  " });
    expect(r).toEqual({ ok: true, filters: { status: "open", q: "billing_export" }, page: {} });
  });

  it("reads every filter and a page cursor", () => {
    const r = parseFindingSearch({
      severity: "critical",
      status: "all",
      rule: "lambda_function_not_publicly_accessible",
      account: "123456789012",
      after: encodeFindingCursor(cursor),
    });
    expect(r).toEqual({
      ok: true,
      filters: {
        severity: "critical",
        status: "all",
        ruleId: "lambda_function_not_publicly_accessible",
        accountId: "123456789012",
        q: undefined,
      },
      page: { after: cursor },
    });
  });

  it.each([
    [{ severity: "urgent" }, /Severity must be one of/],
    [{ status: "closed" }, /Status must be one of/],
    [{ account: "12345" }, /12-digit/],
    [{ rule: "DROP TABLE" }, /Rule must be a rule id/],
    [{ q: "x".repeat(201) }, /200 characters/],
    [{ severity: ["high", "low"] }, /Give "severity" once/],
    [{ after: "not-a-cursor" }, /damaged or out of date/],
    [{ after: encodeFindingCursor(cursor), before: encodeFindingCursor(cursor) }, /either after or before/],
  ])("rejects %j with a readable problem", (params, problem) => {
    const r = parseFindingSearch(params);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.join(" ")).toMatch(problem);
  });

  it("round-trips filters through the links it builds", () => {
    const filters = { status: "resolved" as const, severity: "high" as const, ruleId: "rule_a", accountId: "210987654321", q: "a b&c" };
    const href = findingsHref(filters, { before: encodeFindingCursor(cursor) });
    const params = Object.fromEntries(new URL(href, "http://x").searchParams);
    expect(parseFindingSearch(params)).toEqual({ ok: true, filters, page: { before: cursor } });
    expect(findingsHref({ status: "open" })).toBe("/findings");
  });
});

describe("finding cursors", () => {
  it("decode what they encode, and reject anything else", () => {
    expect(decodeFindingCursor(encodeFindingCursor(cursor))).toEqual(cursor);
    const forged = Buffer.from(JSON.stringify([9, "2030-01-01T00:00:00.000Z", cursor.id])).toString("base64url");
    expect(decodeFindingCursor(forged)).toBeNull();
    expect(decodeFindingCursor(Buffer.from("[1,2,3]").toString("base64url"))).toBeNull();
    expect(decodeFindingCursor("%%%")).toBeNull();
  });
});
