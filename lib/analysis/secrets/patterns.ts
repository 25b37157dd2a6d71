// What a secret looks like: the value patterns of well-known credentials (each with a check that rejects
// look-alikes), the words that make a variable name secret-like, and the values that are references to a
// secret rather than the secret itself. Used by detect.ts (one name and value) and text.ts (source files).
import { looksRandom } from "./entropy";

export type Confidence = "high" | "medium" | "low";
export const CONFIDENCES: readonly Confidence[] = ["high", "medium", "low"];
export const CONFIDENCE_RANK: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };

export type DetectorId =
  | "aws-access-key-id"
  | "aws-secret-access-key"
  | "private-key"
  | "jwt"
  | "slack-token"
  | "slack-webhook"
  | "github-token"
  | "gitlab-token"
  | "stripe-secret-key"
  | "stripe-webhook-secret"
  | "google-api-key"
  | "sendgrid-api-key"
  | "npm-token"
  | "openai-api-key"
  | "anthropic-api-key"
  | "connection-string-password"
  | "password-assignment"
  | "high-entropy-secret";

/** Every detector with one line on what it finds: shown next to the rules' ignoredDetectors setting. */
export const DETECTORS: Record<DetectorId, string> = {
  "aws-access-key-id": "AWS access key id (AKIA…, ASIA… temporary)",
  "aws-secret-access-key": "AWS secret access key (40 characters) under an AWS secret key name",
  "private-key": "PEM private key with its body (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted), also base64-encoded",
  jwt: "Signed JSON Web Token (header and payload decode, alg is not none)",
  "slack-token": "Slack bot, user, app or configuration token (xoxb-, xoxp-, xapp-, …)",
  "slack-webhook": "Slack incoming webhook URL",
  "github-token": "GitHub personal access, OAuth, app or fine-grained token (ghp_, gho_, ghs_, github_pat_, …)",
  "gitlab-token": "GitLab personal access token (glpat-)",
  "stripe-secret-key": "Stripe secret or restricted key (sk_live_, rk_live_; test-mode keys are low confidence)",
  "stripe-webhook-secret": "Stripe webhook signing secret (whsec_)",
  "google-api-key": "Google API key (AIza…)",
  "sendgrid-api-key": "SendGrid API key (SG.…)",
  "npm-token": "npm access token (npm_)",
  "openai-api-key": "OpenAI API key",
  "anthropic-api-key": "Anthropic API key (sk-ant-)",
  "connection-string-password": "Connection string or URL with a password (postgres://user:pass@host, Password=…;)",
  "password-assignment": "A literal value under a password name (DB_PASSWORD=…), not a reference to a secret store",
  "high-entropy-secret": "A random-looking value under a secret-like name (…_TOKEN, …_SECRET, …_API_KEY)",
};
export const DETECTOR_IDS = Object.keys(DETECTORS) as DetectorId[];

/**
 * Where the value comes from. Code is noisier than configuration (labels, fixtures, documentation examples
 * in libraries), so some findings count for less there.
 */
export type DetectContext = "variable" | "code";

/** A credential recognised by its own format, wherever it appears. `pattern` must be global. */
export type ValuePattern = {
  id: DetectorId;
  confidence: Confidence;
  pattern: RegExp;
  /** Which capture group is the secret (0: the whole match). */
  group?: number;
  /** Rejects look-alikes; may lower the confidence (returns it) or drop the match (returns null). */
  check?: (secret: string, match: RegExpExecArray, context: DetectContext) => Confidence | null;
};

// Characters a token can be embedded next to without being part of it.
const B = "(?<![A-Za-z0-9_\\-+/=])";
const E = "(?![A-Za-z0-9_\\-+/=])";

const decodeBase64Url = (segment: string): string => Buffer.from(segment, "base64url").toString("utf8");

function jsonObject(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A JWT is only a credential when signed: the header names an algorithm other than "none". */
export function isSignedJwt(token: string): boolean {
  const [header, payload, signature] = token.split(".");
  if (!header || !payload || !signature) return false;
  const h = jsonObject(decodeBase64Url(header));
  if (!h || typeof h.alg !== "string" || h.alg.toLowerCase() === "none") return false;
  return jsonObject(decodeBase64Url(payload)) !== null;
}

const PEM_PRIVATE_HEADER = /-----BEGIN ((?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----/g;

/**
 * A PEM header followed by a key body: the next lines (or "\n"-escaped text) hold a run of base64. A
 * library that only names the header to parse keys ("-----BEGIN RSA PRIVATE KEY-----" as a constant) has
 * no body after it.
 */
export function hasPemBody(textAfterHeader: string): boolean {
  // A hand-written scan: V8 runs /[A-Za-z0-9+/]{64,}/ slowly on long non-matching text.
  const n = Math.min(textAfterHeader.length, 800);
  let run = 0;
  for (let i = 0; i < n; i++) {
    const c = textAfterHeader.charCodeAt(i);
    const next = textAfterHeader.charCodeAt(i + 1);
    if (c === 92 && (next === 110 || next === 114)) {
      i++; // an escaped \n or \r
      continue;
    }
    // Whitespace, quotes, "+" and "," join the lines of a key written as a concatenated string literal.
    if (c <= 32 || c === 34 || c === 39 || c === 96 || c === 43 || c === 44) continue;
    const isBase64 = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 47;
    run = isBase64 ? run + 1 : 0;
    if (run >= 64) return true;
  }
  return false;
}

/** The same header, not global: for one search that must not disturb the pattern loop's lastIndex. */
const PEM_PRIVATE_HEADER_FIRST = new RegExp(PEM_PRIVATE_HEADER.source);
const BASE64_PEM = /LS0tLS1CRUdJTi[A-Za-z0-9+/=]{100,}/g;

/** base64 of "-----BEGIN …PRIVATE KEY-----" + body: keys passed through an environment variable often are. */
function isBase64PrivateKey(value: string): boolean {
  const text = Buffer.from(value, "base64").toString("utf8");
  const m = PEM_PRIVATE_HEADER_FIRST.exec(text);
  return !!m && hasPemBody(text.slice(m.index + m[0].length));
}

const PLACEHOLDER_PASSWORD = /^(?:\$\{.*\}|\{\{.*\}\}|<.*>|\[.*\]|%[A-Za-z_][\w]*%?|\$[A-Za-z_]\w*|:?\*+|x+|\.+|-+|password|passwd|pass|pwd|secret|changeme|change_me|placeholder|redacted|example|dummy|test|none|null)$/i;

function isPlaceholderPassword(password: string): boolean {
  return PLACEHOLDER_PASSWORD.test(password) || password.includes("${") || password.includes("{{");
}

/** Passwords of documentation examples ("key_1234", "example", "changeme"): in code, most likely a library's docs. */
const EXAMPLE_PASSWORD = /0123|1234|2345|3456|4567|5678|6789|7890|abcd|example|sample|dummy|changeme|your[-_]?pass|placeholder/i;

const LOCAL_HOST = /^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[?::1\]?|host\.docker\.internal)(?::\d+)?$/i;

export const VALUE_PATTERNS: readonly ValuePattern[] = [
  {
    id: "aws-access-key-id",
    confidence: "high",
    // Access key ids are 20 characters of base32 (A-Z, 2-7) after a 4-letter type prefix.
    pattern: new RegExp(`${B}((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})${E}`, "g"),
    group: 1,
  },
  {
    id: "private-key",
    confidence: "high",
    // Only with a key body after the header: checked in findValuePatterns, which has the text that follows.
    pattern: PEM_PRIVATE_HEADER,
  },
  {
    id: "private-key",
    confidence: "high",
    pattern: BASE64_PEM,
    check: (secret) => (isBase64PrivateKey(secret) ? "high" : null),
  },
  {
    id: "jwt",
    confidence: "high",
    pattern: new RegExp(`${B}(eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,})${E}`, "g"),
    group: 1,
    check: (secret) => (isSignedJwt(secret) ? "high" : null),
  },
  {
    id: "slack-token",
    confidence: "high",
    pattern: new RegExp(`${B}(xox[abposre]-[0-9]{6,}-[0-9A-Za-z-]{10,}|xoxe\\.xox[bp]-[0-9]-[A-Za-z0-9]{100,}|xapp-[0-9]-[A-Z0-9]{6,}-[0-9]{6,}-[a-f0-9]{32,})${E}`, "g"),
    group: 1,
  },
  {
    id: "slack-webhook",
    confidence: "high",
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_]{6,}\/[A-Za-z0-9_]{6,}\/[A-Za-z0-9_]{16,}/g,
  },
  {
    id: "github-token",
    confidence: "high",
    pattern: new RegExp(`${B}(gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})${E}`, "g"),
    group: 1,
  },
  {
    id: "gitlab-token",
    confidence: "high",
    pattern: new RegExp(`${B}(glpat-[A-Za-z0-9_-]{20,})${E}`, "g"),
    group: 1,
  },
  {
    id: "stripe-secret-key",
    confidence: "high",
    pattern: new RegExp(`${B}((?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247})${E}`, "g"),
    group: 1,
    // Test-mode keys reach test data only.
    check: (secret) => (secret.includes("_test_") ? "low" : "high"),
  },
  {
    id: "stripe-webhook-secret",
    confidence: "high",
    pattern: new RegExp(`${B}(whsec_[A-Za-z0-9+/]{32,})${E}`, "g"),
    group: 1,
  },
  {
    id: "google-api-key",
    confidence: "medium",
    pattern: new RegExp(`${B}(AIza[0-9A-Za-z_-]{35})${E}`, "g"),
    group: 1,
  },
  {
    id: "sendgrid-api-key",
    confidence: "high",
    pattern: new RegExp(`${B}(SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43})${E}`, "g"),
    group: 1,
  },
  {
    id: "npm-token",
    confidence: "high",
    pattern: new RegExp(`${B}(npm_[A-Za-z0-9]{36})${E}`, "g"),
    group: 1,
  },
  {
    id: "openai-api-key",
    confidence: "high",
    // Classic and project keys carry "T3BlbkFJ" (base64 of "OpenAI") in the middle.
    pattern: new RegExp(`${B}(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,})${E}`, "g"),
    group: 1,
  },
  {
    id: "anthropic-api-key",
    confidence: "high",
    pattern: new RegExp(`${B}(sk-ant-(?:api|admin)\\d{2}-[A-Za-z0-9_-]{80,})${E}`, "g"),
    group: 1,
  },
  {
    id: "connection-string-password",
    confidence: "high",
    // scheme://[user]:password@host: user, password and host are groups 2 to 4. A URL %-encodes "@" and "/" in a password.
    pattern: /\b([a-z][a-z0-9+.-]{1,30}):\/\/([^\s:@/?#"'`]*):([^\s@/?#"'`]+)@([^\s/?#"'`]*)/gi,
    group: 3,
    check: (password, m, context) => {
      if (isPlaceholderPassword(password)) return null;
      const [user, host] = [m[2], m[4]];
      // A URL template (host filled in at run time) or a developer's machine: default credentials, not a leak.
      if (!host || host.includes("${") || host.includes("{{") || LOCAL_HOST.test(host)) return "low";
      if (context === "code" && (user === password || EXAMPLE_PASSWORD.test(password))) return "low";
      return "high";
    },
  },
  {
    id: "connection-string-password",
    confidence: "high",
    // A password in a URL's query string: jdbc:postgresql://db:5432/orders?user=app&password=...
    pattern: /[?&](?:password|passwd|pwd)=([^&\s"'`#]+)/gi,
    group: 1,
    check: (password, _m, context) => {
      if (isPlaceholderPassword(password)) return null;
      return context === "code" && EXAMPLE_PASSWORD.test(password) ? "low" : "high";
    },
  },
  {
    id: "high-entropy-secret",
    confidence: "medium",
    // A random value under a secret-like query parameter: https://hooks.example.com/ingest?api_key=...
    pattern: /[?&]([A-Za-z_][\w.-]{0,60})=([A-Za-z0-9_\-.~%]{16,})/g,
    group: 2,
    check: (value, m) => (classifyName(m[1]) && looksRandom(value) ? "medium" : null),
  },
  {
    id: "connection-string-password",
    confidence: "high",
    // ADO.NET / ODBC / JDBC property style: Server=...;User Id=...;Password=...;
    pattern: /(?:^|[;"'`\s])(?:password|pwd)\s*=\s*([^;"'`\s][^;"'`]*)/gi,
    group: 1,
    check: (password, m) => {
      const text = m.input.slice(Math.max(0, m.index - 300), m.index + m[0].length + 300);
      if (!/(?:server|host|data source|address|addr|hostname)\s*=/i.test(text) || !text.includes(";")) return null;
      return isPlaceholderPassword(password.trim()) ? null : "high";
    },
  },
];

// ---- names ----------------------------------------------------------------------------------------------

/** Split a variable name into lowercase words: DB_PASSWORD, dbPassword, db-password -> ["db", "password"]. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((t) => t.toLowerCase());
}

/** Words naming a password: a literal value under them is a password whatever its entropy. */
export const PASSWORD_WORDS: ReadonlySet<string> = new Set(["password", "passwd", "pwd", "pass", "passphrase", "passcode"]);

/** Words naming a secret: a random-looking value under them is taken for a credential. */
export const SECRET_WORDS: ReadonlySet<string> = new Set([
  ...PASSWORD_WORDS,
  "secret",
  "secrets",
  "token",
  "tokens",
  "apikey",
  "credential",
  "credentials",
  "creds",
  "privatekey",
  "salt",
  "pepper",
  "hmac",
  "bearer",
  "signature",
]);

/** "…_KEY" is secret-like (STRIPE_KEY, SIGNING_KEY), except after these words (CACHE_KEY, KMS_KEY, PUBLIC_KEY). */
export const NON_SECRET_KEY_QUALIFIERS: ReadonlySet<string> = new Set([
  "cache",
  "partition",
  "sort",
  "hash",
  "range",
  "primary",
  "foreign",
  "object",
  "s3",
  "bucket",
  "routing",
  "idempotency",
  "dedup",
  "dedupe",
  "deduplication",
  "public",
  "publishable",
  "kms",
  "cmk",
  "lookup",
  "group",
  "shard",
  "message",
  "stream",
  "index",
  "sequence",
  "row",
  "map",
  "cursor",
  "pagination",
  "license",
  "site", // reCAPTCHA site keys are public
]);

/**
 * A name ending in one of these describes a secret (where it is, how long it lives) rather than holding it:
 * DB_PASSWORD_SECRET_ARN, TOKEN_TTL, API_KEY_HEADER, PASSWORD_MIN_LENGTH, SECRET_ID.
 */
export const NON_SECRET_SUFFIXES: ReadonlySet<string> = new Set([
  "arn",
  "id",
  "ids",
  "name",
  "names",
  "path",
  "paths",
  "param",
  "params",
  "parameter",
  "ssm",
  "ref",
  "reference",
  "url",
  "uri",
  "endpoint",
  "host",
  "region",
  "ttl",
  "expiry",
  "expiration",
  "expires",
  "lifetime",
  "length",
  "len",
  "size",
  "min",
  "max",
  "enabled",
  "enable",
  "disabled",
  "header",
  "field",
  "type",
  "file",
  "filename",
  "location",
  "bucket",
  "table",
  "queue",
  "topic",
  "timeout",
  "rotation",
  "version",
  "policy",
  "mode",
  "prefix",
  "suffix",
  "format",
  "pattern",
  "regex",
  "hint",
  "reset",
  "rule",
  "rules",
  "scheme",
  "issuer",
  "audience",
  "count",
  "duration",
  "seconds",
  "secs",
  "ms",
  "minutes",
  "mins",
  "hours",
  "days",
  "algorithm",
  "alg",
  "provider",
  "store",
  "source",
  "label",
  "key", // handled on its own: see isSecretLikeName
]);

/** Words that make a name a switch or a count, whatever follows: USE_TOKEN_AUTH, ENABLE_SECRET_ROTATION. */
const FLAG_PREFIXES: ReadonlySet<string> = new Set(["use", "enable", "enabled", "disable", "disabled", "is", "has", "allow", "require", "skip", "num", "max", "min"]);

export type NameKind = "password" | "secret" | null;

/**
 * Whether a variable name says it holds a password or another secret. The last word decides: a name that
 * ends in a secret word (DB_PASSWORD, STRIPE_API_KEY, apiToken, SESSION_SECRET) holds one; a name that ends
 * in a describing word (…_ARN, …_TTL, …_NAME, …_ID) does not, whatever comes before.
 */
const MAY_BE_SECRET_NAME = /pass|pwd|secret|token|key|cred|salt|pepper|hmac|bearer|signature/i;

export function classifyName(name: string): NameKind {
  if (!MAY_BE_SECRET_NAME.test(name)) return null;
  const tokens = nameTokens(name);
  if (tokens.length === 0) return null;
  if (FLAG_PREFIXES.has(tokens[0]) && tokens.length > 1) return null;
  const last = tokens[tokens.length - 1];
  const previous = tokens.length > 1 ? tokens[tokens.length - 2] : null;
  // A bare "pass" is as often pass/fail as a password.
  if (PASSWORD_WORDS.has(last)) return last === "pass" && tokens.length === 1 ? null : "password";
  if (SECRET_WORDS.has(last)) return "secret";
  if (last === "key" || last === "keys") {
    if (previous && NON_SECRET_KEY_QUALIFIERS.has(previous)) return null;
    return "secret";
  }
  // "apikey", "secretkey", "privatekey" written as one word, or with a suffix AWS uses: SECRET_ACCESS_KEY.
  if (/(?:api|secret|private|access|signing|master|encryption|client)key$/.test(last)) return "secret";
  if (NON_SECRET_SUFFIXES.has(last)) return null;
  return null;
}

// ---- values that are not secrets -------------------------------------------------------------------------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMBER = /^[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/;
const BOOLEANISH = /^(?:true|false|yes|no|on|off|enabled|disabled|null|none|undefined|nil)$/i;
const REFERENCE = /^(?:arn:|\{\{resolve:|\$\{|\$\(|#\{|%\{|ssm:|secretsmanager:|aws-secretsmanager:|vault:|awskms:|gcpkms:|azurekv:|sm:\/\/|ssm:\/\/|op:\/\/|resolve:)/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;
const URL_WITHOUT_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/(?![^/?#]*:[^/?#]*@)\S+$/i;
const PLACEHOLDER = /^(?:x+|\*+|\.+|-+|#+|_+|0+|changeme|change[-_]me|change[-_]?it|placeholder|todo|tbd|fixme|redacted|dummy|example|sample|test|testing|secret|password|passwd|token|apikey|api[-_]key|default|unset|empty|n\/a|na|your[-_\w]*|my[-_]?(?:secret|password|token|key)|<[^<>]*>|\[[^[\]]*\]|\{[A-Za-z_][\w.-]*\})$/i;

/**
 * A parameter path or secret name (/prod/orders/db-password, prod/stripe/api-key): two or more segments
 * joined by "/" that do not look random once joined. A base64 key can contain "/" too, and does.
 */
function isPath(value: string): boolean {
  if (!/^\/?[A-Za-z0-9_.+=@-]+(?:\/[A-Za-z0-9_.+=@-]+)+\/?$/.test(value)) return false;
  return !looksRandom(value.replace(/\//g, ""));
}

/** A host name (db.internal.example.com, orders.abc123.us-east-1.rds.amazonaws.com:5432). */
function isHostName(value: string): boolean {
  const m = /^([a-z0-9-]+(?:\.[a-z0-9-]+)*)\.([a-z]{2,24})\.?(?::\d{1,5})?$/i.exec(value);
  return !!m && !looksRandom(m[1].replace(/[.-]/g, ""));
}

/**
 * KMS ciphertext (the Lambda console's "encryption helpers" encrypt a value client-side): base64 of a blob
 * that starts with version 1 and a key id. Encrypted at rest, readable only with kms:Decrypt: not a plain
 * secret.
 */
export function isKmsCiphertext(value: string): boolean {
  if (value.length < 100 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  const bytes = Buffer.from(value.slice(0, 8), "base64");
  return bytes[0] === 0x01 && (bytes[1] === 0x01 || bytes[1] === 0x02) && bytes[2] === 0x02 && bytes[3] === 0x00;
}

/**
 * Values that are not themselves a secret even under a secret name: references to a secret store (ARNs,
 * parameter paths, secret names, {{resolve:…}}, ${…}), identifiers (UUIDs, host names, e-mail addresses),
 * switches and numbers, URLs without credentials, placeholders and KMS ciphertext.
 */
export function isNonSecretValue(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  return (
    REFERENCE.test(v) ||
    UUID.test(v) ||
    NUMBER.test(v) ||
    BOOLEANISH.test(v) ||
    PLACEHOLDER.test(v) ||
    EMAIL.test(v) ||
    URL_WITHOUT_CREDENTIALS.test(v) ||
    isHostName(v) ||
    isPath(v) ||
    isKmsCiphertext(v)
  );
}
