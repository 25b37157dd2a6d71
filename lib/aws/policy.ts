// Parse an IAM or resource policy document as AWS returns it (plain JSON, or URL-encoded as IAM does) into the
// normalized ZPolicyDocument shape. Never throws: a document that cannot be read is a MalformedPolicy result,
// which scanners store as an error outcome so rules report UNKNOWN rather than guess.
import { validatePolicySyntax, type ValidationError } from "@cloud-copilot/iam-policy";
import {
  ZPolicyDocument,
  type TPolicyDocument,
  type TPrincipal,
  type TStatement,
} from "@/lib/aws/policy-document";

export type PolicyParseResult =
  | { ok: true; document: TPolicyDocument; text: string }
  | { ok: false; code: "MalformedPolicy"; message: string };

/** AWS caps policies far below this (IAM 10 KB, Lambda 20 KB); anything larger is not a policy we should parse. */
export const MAX_POLICY_BYTES = 1024 * 1024;

const PRINCIPAL_TYPES = ["AWS", "Service", "Federated", "CanonicalUser"] as const;
const MAX_REPORTED_ISSUES = 5;

class PolicyShapeError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function malformed(message: string): PolicyParseResult {
  return { ok: false, code: "MalformedPolicy", message };
}

/**
 * IAM URL-encodes policy documents (RFC 3986), other services and moto's IAM sometimes return plain JSON.
 * A plain document always starts with "{", which URL encoding never leaves as is, so only text that does not
 * start with "{" and carries %XX escapes is decoded: a literal "%" inside a plain JSON document stays intact.
 */
function decodePolicyText(text: string): { ok: true; text: string } | { ok: false; message: string } {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (trimmed.startsWith("{") || !/%[0-9A-Fa-f]{2}/.test(trimmed)) return { ok: true, text: trimmed };
  try {
    return { ok: true, text: decodeURIComponent(trimmed).trim() };
  } catch {
    return { ok: false, message: "Policy text looks URL-encoded but contains an invalid percent-escape sequence." };
  }
}

function stringList(value: unknown, path: string): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((v): v is string => typeof v === "string")) return [...value];
  throw new PolicyShapeError(path, "must be a string or an array of strings");
}

/**
 * `"*"` and objects keyed by principal type are the documented forms. A bare non-"*" string is not valid IAM
 * grammar, but moto stores Lambda AddPermission principals that way ("123456789012", "s3.amazonaws.com"), so
 * it is read as the shorthand AWS itself accepts on input rather than discarding the whole policy.
 */
function principal(value: unknown, path: string): TPrincipal {
  if (value === "*") return "*";
  if (typeof value === "string") {
    return /\.amazonaws\.com(\.cn)?$/.test(value) ? { Service: [value] } : { AWS: [value] };
  }
  if (!isObject(value)) throw new PolicyShapeError(path, 'must be "*" or an object keyed by principal type');
  const out: Exclude<TPrincipal, "*"> = {};
  for (const type of PRINCIPAL_TYPES) {
    if (value[type] !== undefined) out[type] = stringList(value[type], `${path}.${type}`);
  }
  return out;
}

function conditionValue(value: unknown, path: string): string[] {
  const scalar = (v: unknown, p: string): string => {
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    throw new PolicyShapeError(p, "must be a string, number or boolean (or an array of them)");
  };
  return Array.isArray(value) ? value.map((v, i) => scalar(v, `${path}[${i}]`)) : [scalar(value, path)];
}

function condition(value: unknown, path: string): NonNullable<TStatement["Condition"]> {
  if (!isObject(value)) throw new PolicyShapeError(path, "must be an object of operators");
  const out: NonNullable<TStatement["Condition"]> = {};
  for (const [operator, keys] of Object.entries(value)) {
    if (!isObject(keys)) throw new PolicyShapeError(`${path}.${operator}`, "must be an object of condition keys");
    out[operator] = {};
    for (const [key, v] of Object.entries(keys)) out[operator][key] = conditionValue(v, `${path}.${operator}.${key}`);
  }
  return out;
}

function statement(value: unknown, path: string): TStatement {
  if (!isObject(value)) throw new PolicyShapeError(path, "must be an object");
  const { Effect } = value;
  if (Effect !== "Allow" && Effect !== "Deny") throw new PolicyShapeError(`${path}.Effect`, 'must be "Allow" or "Deny"');
  const out: TStatement = { Effect };
  if (value.Sid !== undefined) {
    if (typeof value.Sid !== "string") throw new PolicyShapeError(`${path}.Sid`, "must be a string");
    out.Sid = value.Sid;
  }
  if (value.Principal !== undefined) out.Principal = principal(value.Principal, `${path}.Principal`);
  if (value.NotPrincipal !== undefined) out.NotPrincipal = principal(value.NotPrincipal, `${path}.NotPrincipal`);
  for (const key of ["Action", "NotAction", "Resource", "NotResource"] as const) {
    if (value[key] !== undefined) out[key] = stringList(value[key], `${path}.${key}`);
  }
  if (value.Condition !== undefined) out.Condition = condition(value.Condition, `${path}.Condition`);
  // moto (the emulator of the integration tests) writes AddLayerVersionPermission's --organization-id as a
  // top-level "OrganizationId" key; AWS writes it as this condition. Read both the same way, so the emulated
  // estate is judged as AWS would judge it.
  if (typeof value.OrganizationId === "string" && !out.Condition?.StringEquals?.["aws:PrincipalOrgID"]) {
    out.Condition = { ...out.Condition, StringEquals: { ...out.Condition?.StringEquals, "aws:PrincipalOrgID": [value.OrganizationId] } };
  }
  return out;
}

function policyDocument(value: unknown): TPolicyDocument {
  if (!isObject(value)) throw new PolicyShapeError("", "the policy must be a JSON object");
  const out: TPolicyDocument = { Statement: [] };
  for (const key of ["Version", "Id"] as const) {
    if (value[key] === undefined) continue;
    if (typeof value[key] !== "string") throw new PolicyShapeError(key, "must be a string");
    out[key] = value[key];
  }
  const statements = value.Statement;
  if (statements === undefined) throw new PolicyShapeError("Statement", "is required");
  out.Statement = Array.isArray(statements)
    ? statements.map((s, i) => statement(s, `Statement[${i}]`))
    : [statement(statements, "Statement")];
  return out;
}

/**
 * Syntax findings from @cloud-copilot/iam-policy, minus "Invalid key" (unknown extra fields are ignored, as
 * AWS adds some, e.g. moto's FunctionUrlAuthType). Its validator can throw on shapes it does not expect
 * (a null statement), in which case our own shape check supplies the message.
 */
function syntaxFindings(value: unknown): ValidationError[] {
  try {
    return validatePolicySyntax(value).filter((f) => !f.message.startsWith("Invalid key"));
  } catch {
    return [];
  }
}

function describe(findings: ValidationError[]): string {
  const shown = findings.slice(0, MAX_REPORTED_ISSUES).map((f) => (f.path ? `${f.path}: ${f.message}` : f.message));
  const more = findings.length > MAX_REPORTED_ISSUES ? ` (and ${findings.length - MAX_REPORTED_ISSUES} more)` : "";
  return `Policy document is not valid: ${shown.join("; ")}${more}.`;
}

export function parsePolicyDocument(text: string): PolicyParseResult {
  if (typeof text !== "string") return malformed("Policy document is not a string.");
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_POLICY_BYTES) {
    return malformed(`Policy document is ${bytes} bytes, more than the ${MAX_POLICY_BYTES}-byte limit Lantern reads.`);
  }
  const decoded = decodePolicyText(text);
  if (!decoded.ok) return malformed(decoded.message);
  if (decoded.text === "") return malformed("Policy document is empty.");

  let json: unknown;
  try {
    json = JSON.parse(decoded.text);
  } catch (err) {
    return malformed(`Policy document is not valid JSON: ${(err as Error).message}.`);
  }

  const findings = syntaxFindings(json);
  if (findings.length > 0) return malformed(describe(findings));
  let normalized: TPolicyDocument;
  try {
    normalized = policyDocument(json);
  } catch (err) {
    if (!(err instanceof PolicyShapeError)) throw err;
    return malformed(describe([{ path: err.path, message: err.message }]));
  }
  // Our own contract is the last word on the shape rules rely on.
  const checked = ZPolicyDocument.safeParse(normalized);
  if (!checked.success) return malformed(`Policy document does not fit the normalized shape: ${checked.error.message}`);
  return { ok: true, document: checked.data, text: decoded.text };
}
