import { describe, expect, it } from "vitest";
import { detectSecrets, findSecrets } from "./detect";
import { classTransitionRatio, looksRandom, shannonEntropy } from "./entropy";
import { CONFIDENCE_RANK, DETECTOR_IDS, classifyName, isKmsCiphertext, type DetectorId } from "./patterns";
import * as F from "./__fixtures__/fake-secrets";

type Labelled = { name: string; value: string; detector: DetectorId; why: string };

const j = (...parts: string[]) => parts.join("");

/** True secrets of each kind: each must fire its detector at medium confidence or above. */
const SECRETS: Labelled[] = [
  { name: "AWS_ACCESS_KEY_ID", value: F.AWS_ACCESS_KEY_ID, detector: "aws-access-key-id", why: "AWS docs example key id" },
  { name: "LEGACY_CREDS", value: F.AWS_TEMPORARY_KEY_ID, detector: "aws-access-key-id", why: "temporary (ASIA) key id under any name" },
  { name: "AWS_SECRET_ACCESS_KEY", value: F.AWS_SECRET_ACCESS_KEY, detector: "aws-secret-access-key", why: "40-char key under the AWS name" },
  { name: "awsSecretKey", value: F.AWS_SECRET_ACCESS_KEY, detector: "aws-secret-access-key", why: "camelCase AWS secret name" },
  { name: "SIGNING_KEY", value: F.RSA_PRIVATE_KEY, detector: "private-key", why: "multi-line RSA PEM" },
  { name: "TLS_KEY", value: F.PKCS8_PRIVATE_KEY_ESCAPED, detector: "private-key", why: "PKCS#8 PEM with \\n escapes in one line" },
  { name: "DEPLOY_SSH", value: F.OPENSSH_PRIVATE_KEY, detector: "private-key", why: "OpenSSH key under a neutral name" },
  { name: "GOOGLE_SA", value: F.BASE64_PRIVATE_KEY, detector: "private-key", why: "base64-encoded EC PEM" },
  { name: "SERVICE_AUTH", value: F.JWT, detector: "jwt", why: "signed HS256 JWT" },
  { name: "SLACK_BOT_TOKEN", value: F.SLACK_BOT_TOKEN, detector: "slack-token", why: "xoxb- bot token" },
  { name: "ALERTS_HOOK", value: F.SLACK_WEBHOOK, detector: "slack-webhook", why: "incoming webhook URL" },
  { name: "GH_TOKEN", value: F.GITHUB_PAT, detector: "github-token", why: "classic PAT" },
  { name: "CI_RELEASE", value: F.GITHUB_FINE_GRAINED, detector: "github-token", why: "fine-grained PAT" },
  { name: "GITLAB", value: F.GITLAB_PAT, detector: "gitlab-token", why: "glpat-" },
  { name: "STRIPE_API_KEY", value: F.STRIPE_LIVE_KEY, detector: "stripe-secret-key", why: "sk_live_" },
  { name: "STRIPE_REFUNDS", value: F.STRIPE_RESTRICTED_KEY, detector: "stripe-secret-key", why: "rk_live_ restricted key" },
  { name: "WEBHOOK_SIGNING", value: F.STRIPE_WEBHOOK_SECRET, detector: "stripe-webhook-secret", why: "whsec_" },
  { name: "MAPS", value: F.GOOGLE_API_KEY, detector: "google-api-key", why: "AIza…" },
  { name: "MAILER", value: F.SENDGRID_KEY, detector: "sendgrid-api-key", why: "SG.x.y" },
  { name: "NPM_TOKEN", value: F.NPM_TOKEN, detector: "npm-token", why: "npm_" },
  { name: "LLM", value: F.OPENAI_KEY, detector: "openai-api-key", why: "project key with the T3BlbkFJ marker" },
  { name: "CLAUDE", value: F.ANTHROPIC_KEY, detector: "anthropic-api-key", why: "sk-ant-api03-" },
  {
    name: "DATABASE_URL",
    value: j("postgres://orders_app:", "S3cr3tPassw0rd", "@db.internal.example.com:5432/orders"),
    detector: "connection-string-password",
    why: "Postgres URL with a password",
  },
  {
    name: "MONGO",
    value: j("mongodb+srv://admin:", "hunter2hunter2", "@cluster0.abcde.mongodb.net/test?retryWrites=true"),
    detector: "connection-string-password",
    why: "MongoDB SRV URL",
  },
  { name: "REDIS_URL", value: j("rediss://:", "r3d1sP4ss", "@cache.example.com:6379/0"), detector: "connection-string-password", why: "password without user" },
  {
    name: "SQL_CONNECTION",
    value: j("Server=tcp:sql.example.com,1433;Database=orders;User Id=app;", "Password=Pa55w0rd!2024;"),
    detector: "connection-string-password",
    why: "ADO.NET property string",
  },
  { name: "ARTIFACTS", value: j("https://deploy:", "gh0stT0ken99", "@artifacts.example.com/repo"), detector: "connection-string-password", why: "basic auth in a URL" },
  {
    name: "JDBC_URL",
    value: j("jdbc:postgresql://db.example.com:5432/orders?user=app&", "password=Zq81-fixture"),
    detector: "connection-string-password",
    why: "password in a URL query string",
  },
  {
    name: "INGEST_ENDPOINT",
    value: j("https://hooks.example.com/ingest?source=orders&", "api_key=", F.base62(32, 64)),
    detector: "high-entropy-secret",
    why: "random value under a secret-like query parameter",
  },
  { name: "DB_PASSWORD", value: j("hunter2", "-Prod"), detector: "password-assignment", why: "literal under a password name" },
  { name: "adminPwd", value: "Tr0ub4dor&3", detector: "password-assignment", why: "camelCase pwd" },
  { name: "SESSION_SECRET", value: F.HIGH_ENTROPY_BASE62, detector: "high-entropy-secret", why: "random base62 under …_SECRET" },
  { name: "API_TOKEN", value: F.HIGH_ENTROPY_HEX, detector: "high-entropy-secret", why: "random hex under …_TOKEN" },
  { name: "partnerApiKey", value: F.HIGH_ENTROPY_BASE64, detector: "high-entropy-secret", why: "random base64 under camelCase apiKey" },
  { name: "ENCRYPTION_KEY", value: F.HIGH_ENTROPY_BASE64, detector: "high-entropy-secret", why: "…_KEY that is not a cache/kms/public key" },
  {
    name: "APP_CONFIG",
    value: JSON.stringify({ db: { host: "db.example.com", password: "Tr0ub4dor&3x" }, feature: true }),
    detector: "password-assignment",
    why: "JSON value checked key by key",
  },
  {
    name: "STRIPE_API_KEY",
    value: ["sk", "live", "51DEMOxACMExPAYMENTSx0000NOTxAxREALxKEY"].join("_"),
    detector: "stripe-secret-key",
    why: "the demo estate's planted key (scripts/demo-estate/spec.ts)",
  },
];

/** Look-alikes: none may fire at medium confidence or above (the rules' default threshold). */
const BENIGN: { name: string; value: string; why: string }[] = [
  { name: "DB_SECRET_ARN", value: "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf", why: "Secrets Manager ARN" },
  { name: "STRIPE_WEBHOOK_SECRET_ARN", value: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/stripe/webhook-signing-secret-a8Kd2P", why: "demo reference" },
  { name: "API_BASE_URL", value: "https://api.example.com/v1?region=eu&token_type=bearer", why: "URL without credentials" },
  { name: "DATABASE_URL", value: "postgres://orders_app@db.internal.example.com:5432/orders", why: "URL with a user but no password" },
  { name: "DATABASE_URL", value: "postgres://orders_app:${DB_PASSWORD}@db.example.com/orders", why: "password placeholder" },
  { name: "DB_PASSWORD_PARAM", value: "/prod/orders/db-password", why: "SSM parameter path" },
  { name: "DB_PASSWORD", value: "{{resolve:secretsmanager:prod/db:SecretString:password}}", why: "dynamic reference" },
  { name: "DB_PASSWORD", value: "/MyApp/Prod/DbPassword", why: "parameter path under a password name" },
  { name: "CLIENT_SECRET", value: "prod/orders/client-secret", why: "secret name under a secret name" },
  { name: "API_KEY", value: "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b", why: "UUID" },
  { name: "KMS_KEY_ID", value: "1234abcd-12ab-34cd-56ef-1234567890ab", why: "KMS key id" },
  { name: "KMS_KEY", value: "alias/orders-key", why: "KMS alias" },
  { name: "FEATURE_SECRET_SCANNING", value: "true", why: "feature flag" },
  { name: "ENABLE_TOKEN_AUTH", value: "false", why: "switch" },
  { name: "USE_API_KEY", value: "yes", why: "switch" },
  { name: "TOKEN_TTL_SECONDS", value: "3600", why: "number" },
  { name: "PASSWORD_MIN_LENGTH", value: "12", why: "policy number" },
  { name: "SECRET_ROTATION_DAYS", value: "30", why: "rotation setting" },
  { name: "LOG_LEVEL", value: "debug", why: "plain config" },
  { name: "TABLE_NAME", value: "orders-prod-eu-west-1", why: "resource name" },
  { name: "STRIPE_PUBLISHABLE_KEY", value: F.STRIPE_PUBLISHABLE_KEY, why: "publishable keys are public" },
  { name: "PUBLIC_KEY", value: F.PUBLIC_KEY, why: "PEM public key" },
  { name: "TLS_CERT", value: F.CERTIFICATE, why: "PEM certificate" },
  { name: "GIT_COMMIT", value: F.hex(40, 900), why: "commit hash under a neutral name" },
  { name: "CODE_SHA256", value: F.base64Chars(43, 901) + "=", why: "hash under a neutral name" },
  { name: "ENCRYPTED_DB_PASSWORD", value: F.KMS_CIPHERTEXT, why: "client-side KMS ciphertext" },
  { name: "JWT_ISSUER", value: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123", why: "issuer URL" },
  { name: "AUTH_HEADER", value: "Authorization", why: "header name" },
  { name: "API_KEY_HEADER", value: "x-api-key", why: "header name under a key name" },
  { name: "DB_PASSWORD", value: "", why: "empty" },
  { name: "DB_PASSWORD", value: "changeme", why: "placeholder" },
  { name: "ADMIN_PASSWORD", value: "<set in console>", why: "placeholder with spaces" },
  { name: "USER_POOL_CLIENT_ID", value: "4ad1mobileclient8x2k", why: "client id" },
  { name: "SAMPLE_CLAIMS", value: F.UNSIGNED_JWT, why: "unsigned JWT (alg none) is not a credential" },
  { name: "FULFILMENT_QUEUE_URL", value: "https://sqs.us-east-1.amazonaws.com/111122223333/orders-fulfilment", why: "queue URL" },
  { name: "SENDER", value: "orders@acmepayments.example", why: "e-mail address" },
  { name: "OUTPUT_PREFIX", value: "s3://acme-finance-reports/nightly/", why: "S3 URL" },
  { name: "PEM_HEADER", value: j("-----BEGIN RSA PRIVATE", " KEY-----"), why: "PEM header without a key body" },
  { name: "CACHE_KEY", value: "user-profile-v2", why: "cache key name" },
  { name: "PARTITION_KEY", value: F.base62(20, 902), why: "partition key, even random-looking" },
  { name: "MODEL_ENDPOINT", value: "fraud-model-v7", why: "model name" },
  { name: "API_TOKEN", value: "see the runbook for how to request one", why: "sentence" },
  { name: "STRIPE_API_VERSION", value: "2024-06-20", why: "API version" },
  { name: "USER_POOL_ID", value: "us-east-1_AcmeUsers1", why: "pool id" },
  { name: "DB_HOST_SECRET", value: "orders.cluster-abc123.us-east-1.rds.amazonaws.com", why: "host name under a secret name" },
  { name: "SERVICE_TOKEN", value: "MyServiceNameForProduction", why: "joined words, no digit" },
  { name: "SIGNATURE_VERSION", value: "v4", why: "ends in a describing word" },
  { name: "POWERTOOLS_SERVICE_NAME", value: "orders", why: "plain config" },
];

/** Real credentials that count for little: reported only when the threshold is lowered to low. */
const LOW: Labelled[] = [
  { name: "STRIPE_KEY", value: F.STRIPE_TEST_KEY, detector: "stripe-secret-key", why: "test-mode key" },
  { name: "LOCAL_DB", value: "postgres://postgres:postgres123@localhost:5432/dev", detector: "connection-string-password", why: "localhost" },
];

const atLeastMedium = (name: string, value: string) => detectSecrets(name, value).filter((d) => CONFIDENCE_RANK[d.confidence] >= CONFIDENCE_RANK.medium);

describe("detectSecrets: labelled values", () => {
  it("has a labelled list of at least 40 values, covering every detector", () => {
    expect(SECRETS.length + BENIGN.length + LOW.length).toBeGreaterThanOrEqual(40);
    const covered = new Set([...SECRETS, ...LOW].map((s) => s.detector));
    expect(DETECTOR_IDS.filter((d) => !covered.has(d))).toEqual([]);
  });

  it.each(SECRETS.map((s) => [`${s.detector}: ${s.why}`, s] as const))("flags %s", (_label, s) => {
    const found = atLeastMedium(s.name, s.value);
    expect(found.map((d) => d.detector)).toContain(s.detector);
  });

  it.each(BENIGN.map((b) => [`${b.name} (${b.why})`, b] as const))("does not flag %s", (_label, b) => {
    expect(atLeastMedium(b.name, b.value)).toEqual([]);
  });

  it.each(LOW.map((s) => [`${s.detector}: ${s.why}`, s] as const))("reports %s at low confidence only", (_label, s) => {
    expect(detectSecrets(s.name, s.value)).toEqual([{ detector: s.detector, confidence: "low" }]);
  });
});

describe("detectSecrets: shape", () => {
  it("returns detector and confidence only, strongest first, one per detector", () => {
    const value = `${F.AWS_ACCESS_KEY_ID} ${F.AWS_ACCESS_KEY_ID} ${F.STRIPE_TEST_KEY}`;
    expect(detectSecrets("MIXED", value)).toEqual([
      { detector: "aws-access-key-id", confidence: "high" },
      { detector: "stripe-secret-key", confidence: "low" },
    ]);
  });

  it("lets a format match win over the name: a Stripe key under a password name is a Stripe key", () => {
    expect(detectSecrets("DB_PASSWORD", F.STRIPE_LIVE_KEY)).toEqual([{ detector: "stripe-secret-key", confidence: "high" }]);
  });

  it("finds the secret part of a connection string, not the whole URL", () => {
    const [m] = findSecrets("DATABASE_URL", "mysql://app:Zx81pq@db.example.com/orders");
    expect(m).toMatchObject({ detector: "connection-string-password", match: "Zx81pq" });
  });

  it("does not find a key inside a longer base64 run", () => {
    expect(detectSecrets("BLOB", `xyz${F.AWS_ACCESS_KEY_ID}abc`)).toEqual([]);
    expect(detectSecrets("BLOB", `"${F.AWS_ACCESS_KEY_ID}"`)).toEqual([{ detector: "aws-access-key-id", confidence: "high" }]);
  });

  it("asks more of a short literal password in code than in a variable", () => {
    expect(findSecrets("password", "Passwort", "variable").map((m) => m.confidence)).toEqual(["medium"]);
    expect(findSecrets("password", "Passwort", "code").map((m) => m.confidence)).toEqual(["low"]);
    expect(findSecrets("password", "Sup3rS3cret!", "code").map((m) => m.confidence)).toEqual(["medium"]);
  });
});

describe("name and value helpers", () => {
  it("classifies names by their last word", () => {
    expect(classifyName("DB_PASSWORD")).toBe("password");
    expect(classifyName("dbPassword")).toBe("password");
    expect(classifyName("STRIPE_API_KEY")).toBe("secret");
    expect(classifyName("apiKey")).toBe("secret");
    expect(classifyName("AWS_SECRET_ACCESS_KEY")).toBe("secret");
    expect(classifyName("x-api-key")).toBe("secret");
    expect(classifyName("APIKEY")).toBe("secret");
    expect(classifyName("DB_PASSWORD_SECRET_ARN")).toBeNull();
    expect(classifyName("TOKEN_TTL")).toBeNull();
    expect(classifyName("CACHE_KEY")).toBeNull();
    expect(classifyName("ENABLE_SECRET")).toBeNull();
    expect(classifyName("TABLE_NAME")).toBeNull();
  });

  it("measures entropy and class alternation", () => {
    expect(shannonEntropy("")).toBe(0);
    expect(shannonEntropy("aaaa")).toBe(0);
    expect(shannonEntropy("abcd")).toBe(2);
    expect(classTransitionRatio("ProductionDatabase")).toBeLessThan(0.2);
    expect(classTransitionRatio(F.HIGH_ENTROPY_BASE62)).toBeGreaterThan(0.4);
  });

  it("tells generated values from written ones", () => {
    expect(looksRandom(F.HIGH_ENTROPY_BASE62)).toBe(true);
    expect(looksRandom(F.HIGH_ENTROPY_HEX)).toBe(true);
    expect(looksRandom(F.AWS_SECRET_ACCESS_KEY)).toBe(true);
    expect(looksRandom("orders-prod-eu-west-1")).toBe(false);
    expect(looksRandom("MyAppProdDbPassword")).toBe(false);
    expect(looksRandom("short1A")).toBe(false);
  });

  it("recognises client-side KMS ciphertext", () => {
    expect(isKmsCiphertext(F.KMS_CIPHERTEXT)).toBe(true);
    expect(isKmsCiphertext(F.HIGH_ENTROPY_BASE64)).toBe(false);
  });
});
