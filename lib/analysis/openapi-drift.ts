// Drift between what an API serves and what its OpenAPI 3 / Swagger 2 document declares (SA-03): deployed
// methods and routes the document does not declare (shadow endpoints), and declared operations nothing serves.
//
// Matching follows how API Gateway imports and routes:
// - path templates match by shape, not parameter name: /orders/{id} == /orders/{orderId}; a greedy {proxy+}
//   only matches a greedy parameter in the same place;
// - x-amazon-apigateway-any-method is ANY: it documents every method on its path. A deployed ANY is documented
//   only by ANY (it also accepts the methods the document leaves out);
// - an HTTP API's $default route is documented by the "$default" path API Gateway exports for it;
// - a Swagger 2 basePath or the path of an OpenAPI 3 server URL may prefix the document's paths (API Gateway's
//   import "basepath=prepend"); the reading that matches more deployed operations wins.
// CORS preflight methods answered by a MOCK integration are left out of "undocumented" (they carry no backend
// and exports often omit them) and listed apart.

export type DeployedOperation = {
  method: string;
  path: string;
  /** Shown in messages: "GET /orders/{id}". */
  label: string;
  isCorsPreflight?: boolean;
};

export type DeclaredOperation = { method: string; path: string };

export type OpenApiDrift = {
  format: "openapi3" | "swagger2";
  /** The prefix applied to the document's paths when matching ("" when none). */
  basePath: string;
  undocumented: DeployedOperation[];
  undeployed: DeclaredOperation[];
  matched: DeployedOperation[];
  ignoredPreflight: DeployedOperation[];
};

export type DeclaredOperations =
  | { ok: true; format: "openapi3" | "swagger2"; operations: DeclaredOperation[]; basePaths: string[] }
  | { ok: false; reason: string };

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
const ANY_METHOD = "x-amazon-apigateway-any-method";

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** "/orders/{orderId}/" -> "/orders/{}"; "{proxy+}" -> "{+}". */
export function normalizePath(path: string): string {
  let p = path.trim();
  if (p !== "$default" && !p.startsWith("/")) p = `/${p}`;
  if (p.length > 1 && p.endsWith("/")) p = p.slice(0, -1);
  return p.replace(/\{[^}]*\+\}/g, "{+}").replace(/\{[^}+]*\}/g, "{}");
}

function joinPath(base: string, path: string): string {
  if (!base || path === "$default") return path;
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

function serverBasePaths(doc: Record<string, unknown>): string[] {
  const servers = Array.isArray(doc.servers) ? doc.servers : [];
  const out: string[] = [];
  for (const server of servers) {
    if (!isObject(server) || typeof server.url !== "string") continue;
    let url = server.url;
    const variables = isObject(server.variables) ? server.variables : {};
    url = url.replace(/\{([^}]+)\}/g, (_m, name: string) => {
      const v = variables[name];
      return isObject(v) && typeof v.default === "string" ? v.default : "";
    });
    let path = url;
    const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(url);
    if (scheme) path = url.slice(scheme[0].length);
    path = path.replace(/\/+$/, "");
    if (path && path !== "/") out.push(path.startsWith("/") ? path : `/${path}`);
  }
  return out;
}

/** The operations an OpenAPI 3 or Swagger 2 document declares. */
export function declaredOperations(document: unknown): DeclaredOperations {
  if (!isObject(document)) return { ok: false, reason: "The document is not a JSON object." };
  const format =
    typeof document.openapi === "string" && document.openapi.startsWith("3")
      ? ("openapi3" as const)
      : typeof document.swagger === "string" && document.swagger.startsWith("2")
        ? ("swagger2" as const)
        : null;
  if (!format) return { ok: false, reason: 'The document declares neither "openapi: 3.x" nor "swagger: 2.0".' };
  if (!isObject(document.paths)) return { ok: false, reason: "The document has no paths object." };
  const operations: DeclaredOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    if (!isObject(item)) continue;
    for (const key of Object.keys(item)) {
      const lower = key.toLowerCase();
      if (HTTP_METHODS.has(lower)) operations.push({ method: lower.toUpperCase(), path });
      else if (lower === ANY_METHOD) operations.push({ method: "ANY", path });
    }
  }
  const basePaths =
    format === "swagger2"
      ? typeof document.basePath === "string" && document.basePath.replace(/\/+$/, "")
        ? [document.basePath.replace(/\/+$/, "")]
        : []
      : serverBasePaths(document);
  return { ok: true, format, operations, basePaths: [...new Set(basePaths)] };
}

function documents(declared: DeclaredOperation[], op: DeployedOperation): boolean {
  const path = normalizePath(op.path);
  return declared.some((d) => normalizePath(d.path) === path && (d.method === "ANY" || d.method === op.method));
}

function serves(deployed: DeployedOperation[], d: DeclaredOperation): boolean {
  const path = normalizePath(d.path);
  return deployed.some((op) => normalizePath(op.path) === path && (op.method === "ANY" || op.method === d.method));
}

function driftWith(deployed: DeployedOperation[], declared: DeclaredOperation[], format: OpenApiDrift["format"], basePath: string): OpenApiDrift {
  const prefixed = declared.map((d) => ({ method: d.method, path: joinPath(basePath, d.path) }));
  const matched: DeployedOperation[] = [];
  const undocumented: DeployedOperation[] = [];
  const ignoredPreflight: DeployedOperation[] = [];
  for (const op of deployed) {
    if (documents(prefixed, op)) matched.push(op);
    else if (op.isCorsPreflight) ignoredPreflight.push(op);
    else undocumented.push(op);
  }
  const undeployed = prefixed.filter((d) => !serves(deployed, d));
  return { format, basePath, undocumented, undeployed, matched, ignoredPreflight };
}

/** Drift between deployed operations and a document; `{ error }` when the document cannot be read as OpenAPI. */
export function openApiDrift(deployed: DeployedOperation[], document: unknown): OpenApiDrift | { error: string } {
  const declared = declaredOperations(document);
  if (!declared.ok) return { error: declared.reason };
  const candidates = ["", ...declared.basePaths].map((base) => driftWith(deployed, declared.operations, declared.format, base));
  // The reading that explains the most deployed operations; on a tie, the document's paths as written.
  return candidates.reduce((best, c) =>
    c.matched.length > best.matched.length ||
    (c.matched.length === best.matched.length && c.undeployed.length < best.undeployed.length)
      ? c
      : best,
  );
}
