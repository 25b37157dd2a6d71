// Fake, well-formed secrets for tests. Every value is assembled at run time from parts, so secret scanners
// reading this repository (push protection, the detectors under test) do not flag the source; the values
// are random-looking but generated from fixed seeds, so they are the same on every run. None is real.

const BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const HEX = "0123456789abcdef";
const BASE64 = `${BASE62}+/`;
const BASE64URL = `${BASE62}-_`;
const BASE32_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** mulberry32: a tiny seeded PRNG, so "random" fixtures are stable. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomString(alphabet: string, length: number, seed: number): string {
  const next = prng(seed);
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
  return out;
}

export const base62 = (length: number, seed: number) => randomString(BASE62, length, seed);
export const hex = (length: number, seed: number) => randomString(HEX, length, seed);
export const base64Chars = (length: number, seed: number) => randomString(BASE64, length, seed);
const base64url = (length: number, seed: number) => randomString(BASE64URL, length, seed);
const j = (...parts: string[]) => parts.join("");
const b64url = (text: string) => Buffer.from(text, "utf8").toString("base64url");

/** AWS's documentation example key id: well-formed, known to be fake. */
export const AWS_ACCESS_KEY_ID = j("AKIA", "IOSFODNN7", "EXAMPLE");
export const AWS_TEMPORARY_KEY_ID = j("ASIA", randomString(BASE32_UPPER, 16, 11));
/** AWS's documentation example secret access key. */
export const AWS_SECRET_ACCESS_KEY = j("wJalrXUtnFEMI/K7MDENG/", "bPxRfiCYEXAMPLEKEY");

/** A PEM body: 64-character base64 lines. */
function pemBody(seed: number, lines = 6): string[] {
  return Array.from({ length: lines }, (_, i) => base64Chars(64, seed + i));
}
const pem = (label: string, seed: number) => [j("-----BEGIN ", label, "-----"), ...pemBody(seed), j("-----END ", label, "-----")];

export const RSA_PRIVATE_KEY = pem(j("RSA PRIVATE", " KEY"), 100).join("\n");
export const PKCS8_PRIVATE_KEY_ESCAPED = pem(j("PRIVATE", " KEY"), 200).join("\\n");
export const OPENSSH_PRIVATE_KEY = pem(j("OPENSSH PRIVATE", " KEY"), 300).join("\n");
export const BASE64_PRIVATE_KEY = Buffer.from(pem(j("EC PRIVATE", " KEY"), 400).join("\n"), "utf8").toString("base64");
export const PUBLIC_KEY = pem("PUBLIC KEY", 500).join("\n");
export const CERTIFICATE = pem("CERTIFICATE", 600).join("\n");

export const JWT = [b64url('{"alg":"HS256","typ":"JWT"}'), b64url('{"sub":"1234567890","name":"Lantern Test","iat":1516239022}'), base64url(43, 7)].join(".");
export const UNSIGNED_JWT = [b64url('{"alg":"none","typ":"JWT"}'), b64url('{"sub":"1234567890","role":"test"}'), base64url(24, 8)].join(".");

export const SLACK_BOT_TOKEN = j("xo", "xb-", "123456789012-", "1234567890123-", base62(24, 21));
export const SLACK_WEBHOOK = j("https://hooks.slack", ".com/services/", "T00000000/", "B00000000/", base62(24, 22));
export const GITHUB_PAT = j("gh", "p_", base62(36, 31));
export const GITHUB_FINE_GRAINED = j("github", "_pat_", base62(22, 32), "_", base62(59, 33));
export const GITLAB_PAT = j("gl", "pat-", base62(20, 34));
export const STRIPE_LIVE_KEY = j("sk", "_live_", base62(99, 41));
export const STRIPE_RESTRICTED_KEY = j("rk", "_live_", base62(99, 42));
export const STRIPE_TEST_KEY = j("sk", "_test_", base62(24, 43));
export const STRIPE_WEBHOOK_SECRET = j("wh", "sec_", base62(32, 44));
export const STRIPE_PUBLISHABLE_KEY = j("pk", "_live_", base62(99, 45));
export const GOOGLE_API_KEY = j("AI", "za", base64url(35, 51));
export const SENDGRID_KEY = j("SG", ".", base64url(22, 52), ".", base64url(43, 53));
export const NPM_TOKEN = j("np", "m_", base62(36, 54));
export const OPENAI_KEY = j("sk-", "proj-", base62(24, 55), "T3Blbk", "FJ", base62(24, 56));
export const ANTHROPIC_KEY = j("sk-", "ant-", "api03-", base64url(93, 57), "AA");

export const HIGH_ENTROPY_BASE62 = base62(32, 61);
export const HIGH_ENTROPY_HEX = hex(40, 62);
export const HIGH_ENTROPY_BASE64 = base64Chars(44, 63);

/** A client-side KMS ciphertext (Lambda console encryption helpers): version 1, then key material. */
export const KMS_CIPHERTEXT = Buffer.concat([
  Buffer.from([0x01, 0x02, 0x02, 0x00, 0x78]),
  Buffer.from(randomString(BASE62, 180, 71), "latin1"),
]).toString("base64");
