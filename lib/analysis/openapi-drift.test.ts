import { describe, expect, it } from "vitest";
import { declaredOperations, normalizePath, openApiDrift, type DeployedOperation, type OpenApiDrift } from "./openapi-drift";

const op = (method: string, path: string, isCorsPreflight = false): DeployedOperation => ({ method, path, label: `${method} ${path}`, isCorsPreflight });
const drift = (deployed: DeployedOperation[], doc: unknown) => {
  const d = openApiDrift(deployed, doc);
  if ("error" in d) throw new Error(d.error);
  return d;
};
const labels = (d: OpenApiDrift) => ({
  undocumented: d.undocumented.map((o) => o.label),
  undeployed: d.undeployed.map((o) => `${o.method} ${o.path}`),
});

const openapi = (paths: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ openapi: "3.0.1", info: { title: "t", version: "1" }, paths, ...extra });

describe("normalizePath", () => {
  it("compares templates by shape and keeps greedy parameters apart", () => {
    expect(normalizePath("/orders/{orderId}")).toBe(normalizePath("/orders/{id}/"));
    expect(normalizePath("/{proxy+}")).toBe("/{+}");
    expect(normalizePath("/{proxy+}")).not.toBe(normalizePath("/{proxy}"));
    expect(normalizePath("$default")).toBe("$default");
  });
});

describe("declaredOperations", () => {
  it("reads methods and ANY from OpenAPI 3 and Swagger 2", () => {
    const d = declaredOperations(openapi({ "/a": { get: {}, parameters: [], "x-amazon-apigateway-any-method": {} } }));
    expect(d).toEqual({ ok: true, format: "openapi3", operations: [{ method: "GET", path: "/a" }, { method: "ANY", path: "/a" }], basePaths: [] });
    expect(declaredOperations({ swagger: "2.0", basePath: "/v1", paths: { "/b": { post: {} } } })).toMatchObject({ ok: true, format: "swagger2", basePaths: ["/v1"] });
  });

  it("rejects documents that are not OpenAPI", () => {
    expect(declaredOperations({ paths: {} })).toMatchObject({ ok: false });
    expect(declaredOperations({ openapi: "3.0.0" })).toEqual({ ok: false, reason: "The document has no paths object." });
    expect(declaredOperations("nope")).toMatchObject({ ok: false });
  });
});

describe("openApiDrift", () => {
  const doc = openapi({ "/orders": { get: {}, post: {} }, "/orders/{id}": { get: {} }, "/reports": { get: {} } });

  it("finds deployed operations the document does not declare, and declared ones nothing serves", () => {
    const d = drift([op("GET", "/orders"), op("POST", "/orders"), op("GET", "/orders/{orderId}"), op("DELETE", "/orders/{orderId}"), op("GET", "/internal/debug")], doc);
    expect(labels(d)).toEqual({ undocumented: ["DELETE /orders/{orderId}", "GET /internal/debug"], undeployed: ["GET /reports"] });
    expect(d.matched).toHaveLength(3);
  });

  it("treats x-amazon-apigateway-any-method as documenting every method, but a deployed ANY only by ANY", () => {
    const anyDoc = openapi({ "/{proxy+}": { "x-amazon-apigateway-any-method": {} }, "/items": { get: {} } });
    expect(labels(drift([op("GET", "/{proxy+}"), op("ANY", "/{proxy+}")], anyDoc)).undocumented).toEqual([]);
    expect(labels(drift([op("ANY", "/items")], anyDoc)).undocumented).toEqual(["ANY /items"]);
    // A deployed ANY serves the declared GET.
    expect(labels(drift([op("ANY", "/items")], anyDoc)).undeployed).toEqual(["ANY /{proxy+}"]);
  });

  it("matches an HTTP API's $default route to the exported $default path", () => {
    const d = drift([op("ANY", "$default")], openapi({ $default: { "x-amazon-apigateway-any-method": {} } }));
    expect(labels(d)).toEqual({ undocumented: [], undeployed: [] });
  });

  it("applies a base path when that explains the deployed operations", () => {
    const swagger = { swagger: "2.0", basePath: "/v1", paths: { "/orders": { get: {} } } };
    expect(drift([op("GET", "/v1/orders")], swagger)).toMatchObject({ basePath: "/v1", undocumented: [] });
    expect(drift([op("GET", "/orders")], swagger)).toMatchObject({ basePath: "", undocumented: [] });
    const servers = openapi({ "/orders": { get: {} } }, { servers: [{ url: "https://{host}/{base}", variables: { host: { default: "x" }, base: { default: "api" } } }] });
    expect(drift([op("GET", "/api/orders")], servers)).toMatchObject({ basePath: "/api", undocumented: [] });
  });

  it("lists undocumented CORS preflight methods apart instead of as drift", () => {
    const d = drift([op("GET", "/orders"), op("OPTIONS", "/orders", true)], doc);
    expect(d.undocumented).toEqual([]);
    expect(d.ignoredPreflight.map((o) => o.label)).toEqual(["OPTIONS /orders"]);
  });

  it("returns an error for a document it cannot read", () => {
    expect(openApiDrift([op("GET", "/")], { hello: "world" })).toEqual({ error: 'The document declares neither "openapi: 3.x" nor "swagger: 2.0".' });
  });
});
