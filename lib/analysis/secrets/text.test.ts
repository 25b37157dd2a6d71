import { describe, expect, it } from "vitest";
import { findSecretsInText } from "./text";
import * as F from "./__fixtures__/fake-secrets";

const j = (...parts: string[]) => parts.join("");
const found = (text: string, path = "index.js") => findSecretsInText(text, path).map((m) => ({ line: m.line, detector: m.detector, confidence: m.confidence }));

describe("findSecretsInText", () => {
  it("finds format-based secrets anywhere, with their line", () => {
    const text = [
      "const AWS = require('aws-sdk');",
      `const creds = { accessKeyId: "${F.AWS_ACCESS_KEY_ID}", region: "us-east-1" };`,
      "",
      `module.exports.hook = "${F.SLACK_WEBHOOK}";`,
    ].join("\n");
    expect(found(text)).toEqual([
      { line: 2, detector: "aws-access-key-id", confidence: "high" },
      { line: 4, detector: "slack-webhook", confidence: "high" },
    ]);
  });

  it("finds a PEM key that spans lines, on the header's line", () => {
    const text = ["# deploy key", "KEY = '''", F.RSA_PRIVATE_KEY, "'''"].join("\n");
    expect(found(text, "app.py")).toEqual([{ line: 3, detector: "private-key", confidence: "high" }]);
  });

  it("finds name-based secrets in assignments of string literals", () => {
    const text = [
      `const config = {`,
      `  password: "${j("Sup3r", "S3cret!")}",`,
      `  "apiKey": "${F.HIGH_ENTROPY_BASE62}",`,
      `  table: "orders-prod",`,
      `};`,
      `secret_token = '${F.HIGH_ENTROPY_HEX}'`,
    ].join("\n");
    expect(found(text)).toEqual([
      { line: 2, detector: "password-assignment", confidence: "medium" },
      { line: 3, detector: "high-entropy-secret", confidence: "medium" },
      { line: 6, detector: "high-entropy-secret", confidence: "medium" },
    ]);
  });

  it("reads unquoted KEY=value lines in .env-like files only", () => {
    const env = [`# local settings`, `export DB_PASSWORD=${j("hunter2", "-Prod")}`, `TABLE_NAME=orders`, `API_TOKEN=${F.HIGH_ENTROPY_BASE62} # rotated monthly`].join("\n");
    expect(found(env, "config/.env.production")).toEqual([
      { line: 2, detector: "password-assignment", confidence: "medium" },
      { line: 4, detector: "high-entropy-secret", confidence: "medium" },
    ]);
    expect(found(env, "src/notes.js")).toEqual([]);
  });

  it("does not flag look-alikes in code", () => {
    const text = [
      `const PEM_HEADER = "${j("-----BEGIN RSA PRIVATE", " KEY-----")}";`,
      `const label = { password: "Password", token: "Token" };`,
      `const passwordField = "password";`,
      `const SECRET_ARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf";`,
      `const url = "https://api.example.com/v1/orders";`,
      `const id = "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b";`,
      `const key = process.env.API_KEY;`,
      `const db = "postgres://app:\${process.env.DB_PASSWORD}@db.example.com/orders";`,
    ].join("\n");
    expect(found(text).filter((m) => m.confidence !== "low")).toEqual([]);
  });

  it("counts documentation examples, URL templates and translated labels in code for little or nothing", () => {
    const text = [
      `// example: DOTENV_KEY="dotenv://:${["key", "_1234"].join("")}@dotenvx.com/vault/.env.vault?environment=prod"`,
      "return `postgresql://postgres:postgres@${host}:${port}/postgres`;",
      `const demo = "mysql://root:root@db.example.com/app";`,
      `const i18n = { password: "パスワードを入力してください", pass: "合格", fail: "不合格" };`,
      `const results = { pass: "passed-all-checks", fail: "failed" };`,
    ].join("\n");
    expect(found(text).filter((m) => m.confidence !== "low")).toEqual([]);
    // The same connection string configured in a variable is a real credential.
    expect(findSecretsInText(`DB_URL=dotenv://:${["key", "_1234"].join("")}@dotenvx.com/vault`, ".env").map((m) => m.confidence)).toEqual(["high"]);
  });

  it("reports the same secret on the same line once", () => {
    const text = `const k = "${F.AWS_ACCESS_KEY_ID}"; // ${F.AWS_ACCESS_KEY_ID}`;
    expect(found(text)).toEqual([{ line: 1, detector: "aws-access-key-id", confidence: "high" }]);
  });

  it("returns the matched secret so the caller can fingerprint it", () => {
    const [m] = findSecretsInText(`token = "${F.GITHUB_PAT}"`, "a.py");
    expect(m.match).toBe(F.GITHUB_PAT);
  });
});
