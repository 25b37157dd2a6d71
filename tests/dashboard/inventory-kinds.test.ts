// The inventory descriptors against the schema they describe: one descriptor per resource table, every
// typed column they name exists in that table (and is not a common column), and the URL contract of the
// list and detail pages holds.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  COMMON_COLUMNS,
  INVENTORY_SORT_IDS,
  KIND_DESCRIPTORS,
  decodeInventoryCursor,
  encodeInventoryCursor,
  getKindDescriptor,
} from "@/lib/db/inventory-query";
import { arnName } from "@/components/inventory/arn";
import {
  inventoryListHref,
  parseInventorySearch,
  parseKind,
  parseResourceSearch,
  resourceHref,
} from "@/app/inventory/search-params";

type TModel = { name: string; fields: Map<string, string> };

/** Models of prisma/schema.prisma with their scalar fields and types (relation fields left out). */
function schemaModels(): Map<string, TModel> {
  const text = readFileSync(new URL("../../prisma/schema.prisma", import.meta.url), "utf8");
  const models = new Map<string, TModel>();
  for (const m of text.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const fields = new Map<string, string>();
    for (const line of m[2].split("\n")) {
      const f = /^\s+(\w+)\s+(\w+)(\[\])?(\?)?/.exec(line);
      if (!f || line.includes("@relation")) continue;
      fields.set(f[1], `${f[2]}${f[3] ?? ""}`);
    }
    models.set(m[1], { name: m[1], fields });
  }
  return models;
}

const models = schemaModels();
const modelOf = (delegate: string) => models.get(delegate[0].toUpperCase() + delegate.slice(1));

/**
 * Resource tables: the models that have every common inventory column, one kind each. NeighbourResource (nine
 * kinds told apart by a `kind` column: buckets, queues, topics, ... that checks read) has no inventory pages yet.
 */
const resourceTables = [...models.values()].filter((m) => COMMON_COLUMNS.every((c) => m.fields.has(c)) && !m.fields.has("kind"));

describe("kind descriptors", () => {
  it("cover every resource table of the schema exactly once", () => {
    expect(resourceTables.length).toBe(13);
    const described = KIND_DESCRIPTORS.map((d) => modelOf(d.model)?.name);
    expect([...described].sort()).toEqual(resourceTables.map((m) => m.name).sort());
    expect(new Set(KIND_DESCRIPTORS.map((d) => d.kind)).size).toBe(KIND_DESCRIPTORS.length);
    expect(new Set(KIND_DESCRIPTORS.map((d) => d.label)).size).toBe(KIND_DESCRIPTORS.length);
  });

  it("use the resource type names rules and history use", () => {
    expect(KIND_DESCRIPTORS.map((d) => d.kind)).toEqual([
      "lambda_function",
      "lambda_layer_version",
      "lambda_event_source_mapping",
      "lambda_account_settings",
      "iam_role",
      "iam_user",
      "iam_group",
      "iam_policy",
      "apigateway_rest_api",
      "apigateway_domain_name",
      "apigateway_usage_plan",
      "apigateway_api_key",
      "apigatewayv2_api",
    ]);
  });

  it.each(KIND_DESCRIPTORS.map((d) => [d.kind, d] as const))("%s names only its own typed columns, all of them", (_kind, d) => {
    const model = modelOf(d.model);
    expect(model, `model for ${d.model}`).toBeDefined();
    const typed = [...model!.fields.keys()].filter((f) => !(COMMON_COLUMNS as readonly string[]).includes(f) && f !== "account");
    expect(d.fields.map((f) => f.key).sort()).toEqual(typed.sort());
    for (const f of d.fields) {
      const type = model!.fields.get(f.key)!;
      // the format has to suit the column's type, or the page would print "[object Object]" or "true" as text
      const expected: Record<string, string[]> = {
        Int: ["number"],
        Boolean: ["boolean"],
        DateTime: ["date"],
        "String[]": ["list"],
        String: ["text", "code", "arn"],
      };
      expect(expected[type], `${d.kind}.${f.key} is ${type}`).toContain(f.format);
      expect(f.label.trim()).not.toBe("");
      if (f.linksTo) {
        expect(f.format).toBe("arn");
        expect(getKindDescriptor(f.linksTo), `${d.kind}.${f.key} links to ${f.linksTo}`).toBeDefined();
      }
    }
    expect(INVENTORY_SORT_IDS).toContain(d.defaultSort);
  });

  it("are found by kind, and nothing else is", () => {
    expect(getKindDescriptor("iam_role")?.model).toBe("iamRole");
    expect(parseKind("apigatewayv2_api")?.label).toBe("API Gateway HTTP and WebSocket APIs");
    for (const bad of ["", "IAM_ROLE", "lambda", "toString", "__proto__", "lambda_function/../iam_role"]) expect(parseKind(bad)).toBeNull();
  });
});

const roles = getKindDescriptor("iam_role")!;

describe("inventory list URLs", () => {
  it("default to live resources in the kind's default order", () => {
    expect(parseInventorySearch(roles, {})).toEqual({ ok: true, filters: { includeDeleted: false, sort: "name" }, page: {} });
    const esm = getKindDescriptor("lambda_event_source_mapping")!;
    expect(parseInventorySearch(esm, {})).toMatchObject({ ok: true, filters: { sort: "newest" } });
  });

  it("read every filter, treat empty fields as absent, and round-trip through the links they build", () => {
    const blank = parseInventorySearch(roles, { q: "  ", account: "", region: "", sort: "", deleted: "" });
    expect(blank).toEqual({ ok: true, filters: { includeDeleted: false, sort: "name" }, page: {} });

    const cursor = encodeInventoryCursor({ sort: "recent", value: new Date("2030-01-02T03:04:05.678Z"), arn: "arn:aws:iam::123456789012:role/a/b" });
    const filters = { q: "svc_role", accountId: "123456789012", region: "global", includeDeleted: true, sort: "recent" as const };
    const href = inventoryListHref(roles, filters, { after: cursor });
    const params = Object.fromEntries(new URL(href, "http://x").searchParams);
    const parsed = parseInventorySearch(roles, params);
    expect(parsed).toEqual({
      ok: true,
      filters,
      page: { after: { sort: "recent", value: new Date("2030-01-02T03:04:05.678Z"), arn: "arn:aws:iam::123456789012:role/a/b" } },
    });
    expect(inventoryListHref(roles, { includeDeleted: false, sort: "name" })).toBe("/inventory/iam_role");
  });

  it.each([
    [{ account: "12345" }, /12-digit/],
    [{ region: "Mars-1" }, /region name/],
    [{ sort: "size" }, /Sort must be one of/],
    [{ deleted: "yes" }, /Include deleted/],
    [{ q: "x".repeat(201) }, /200 characters/],
    [{ q: ["a", "b"] }, /Give "q" once/],
    [{ after: "garbage" }, /damaged or out of date/],
    [{ after: encodeInventoryCursor({ sort: "name", value: "a", arn: "arn:x" }), sort: "recent" }, /damaged or out of date/],
    [{ after: encodeInventoryCursor({ sort: "name", value: "a", arn: "arn:x" }), before: encodeInventoryCursor({ sort: "name", value: "a", arn: "arn:x" }) }, /either after or before/],
  ])("rejects %j with a readable problem", (params, problem) => {
    const r = parseInventorySearch(roles, params);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.join(" ")).toMatch(problem);
  });
});

describe("inventory cursors", () => {
  it("decode what they encode for their own sort only", () => {
    const byName = { sort: "name" as const, value: "fn_1", arn: "arn:aws:lambda:us-east-1:123456789012:function:fn_1" };
    expect(decodeInventoryCursor(encodeInventoryCursor(byName), "name")).toEqual(byName);
    expect(decodeInventoryCursor(encodeInventoryCursor(byName), "newest")).toBeNull();
    const forgedDate = Buffer.from(JSON.stringify(["newest", "yesterday", "arn:x"])).toString("base64url");
    expect(decodeInventoryCursor(forgedDate, "newest")).toBeNull();
    expect(decodeInventoryCursor(Buffer.from(JSON.stringify(["drop", "a", "b"])).toString("base64url"), "name")).toBeNull();
    expect(decodeInventoryCursor("%%%", "name")).toBeNull();
  });
});

describe("resource detail URLs", () => {
  it.each([
    "arn:aws:iam::123456789012:role/service-role/order-lookup-role",
    "arn:aws:iam::aws:policy/AdministratorAccess",
    "arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5",
    "arn:aws:lambda:us-east-1:123456789012:event-source-mapping:6c1e1b0e-7a3f-4c1e-9d7b-0a8b8e2f3c4d",
    "arn:aws:lambda:us-east-1:123456789012:layer:acme-obs:3",
  ])("carry %s unchanged through the query string", (arn) => {
    const compare = { from: "2b1e4c4e-5d0a-4f55-9b7b-6f3c1c1b2a10", to: "3c2f5d5f-6e1b-4a66-8c8c-7a4d2d2c3b21" };
    const href = resourceHref("iam_role", arn, compare);
    expect(href.startsWith("/inventory/iam_role/item?")).toBe(true);
    const params = Object.fromEntries(new URL(href, "http://x").searchParams);
    expect(parseResourceSearch(params)).toEqual({ ok: true, arn, compare });
    expect(parseResourceSearch({ arn })).toEqual({ ok: true, arn, compare: null });
  });

  it.each([{}, { arn: "order-lookup" }, { arn: ["arn:aws:iam::1:role/a", "arn:aws:iam::1:role/b"] }, { arn: "arn:aws:iam::123456789012:role/a", from: "1" }])(
    "rejects %j",
    (params) => {
      expect(parseResourceSearch(params)).toEqual({ ok: false });
    },
  );
});

describe("arnName", () => {
  it.each([
    ["arn:aws:sqs:us-east-1:123456789012:orders-fulfilment", "orders-fulfilment"],
    ["arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2026-11-23T12:19:02.243", "orders"],
    ["arn:aws:kinesis:us-east-1:123456789012:stream/payment-events", "payment-events"],
    ["arn:aws:lambda:us-east-1:123456789012:function:fraud-scorer", "fraud-scorer"],
    ["arn:aws:lambda:us-east-1:123456789012:function:fraud-scorer:live", "fraud-scorer"],
    ["arn:aws:iam::123456789012:role/service-role/order-lookup-role", "order-lookup-role"],
    ["arn:aws:kafka:us-east-1:123456789012:cluster/events/0a1b2c3d-4", "events"],
    ["not an arn", "not an arn"],
  ])("%s is %s", (arn, name) => {
    expect(arnName(arn)).toBe(name);
  });
});
