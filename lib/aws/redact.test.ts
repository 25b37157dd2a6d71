import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeFingerprint, redactEnvironment } from "@/lib/aws/redact";

const SECRET = "test-installation-secret-0123456789";

describe("makeFingerprint", () => {
  it("is HMAC-SHA256 keyed by the secret, hex, first 16 characters", () => {
    const expected = createHmac("sha256", SECRET).update("hunter2").digest("hex").slice(0, 16);
    expect(makeFingerprint(SECRET)("hunter2")).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{16}$/);
  });

  it("depends on the key, so a fingerprint cannot be checked without it", () => {
    expect(makeFingerprint(SECRET)("hunter2")).not.toBe(makeFingerprint(`${SECRET}-other`)("hunter2"));
  });

  it("is stable for a value and differs between values", () => {
    const fp = makeFingerprint(SECRET);
    expect(fp("a")).toBe(fp("a"));
    expect(fp("a")).not.toBe(fp("b"));
  });

  it("refuses an empty key", () => {
    expect(() => makeFingerprint("")).toThrow(/non-empty secret/);
  });
});

describe("redactEnvironment", () => {
  const fp = makeFingerprint(SECRET);

  it("keeps names, lengths and fingerprints, sorted by name, and never the values", () => {
    const vars = {
      STRIPE_KEY: "sk_live_51H8xTzQ2eZvKYlo2C0000000",
      DB_PASSWORD: "correct horse battery staple",
      API_URL: "https://api.example.com",
      EMOJI: "🔑🔑",
    };
    const redacted = redactEnvironment(vars, fp);
    expect(redacted.map((v) => v.name)).toEqual(["API_URL", "DB_PASSWORD", "EMOJI", "STRIPE_KEY"]);
    expect(redacted.find((v) => v.name === "DB_PASSWORD")).toEqual({
      name: "DB_PASSWORD",
      length: 28,
      fingerprint: fp("correct horse battery staple"),
    });
    expect(redacted.find((v) => v.name === "EMOJI")?.length).toBe(2);

    const serialized = JSON.stringify(redacted);
    for (const value of Object.values(vars)) expect(serialized).not.toContain(value);
  });

  it("returns an empty list for no environment", () => {
    expect(redactEnvironment(undefined, fp)).toEqual([]);
    expect(redactEnvironment({}, fp)).toEqual([]);
  });
});
