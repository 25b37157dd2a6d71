import { describe, expect, it } from "vitest";
import { MAX_POLICY_BYTES, parsePolicyDocument } from "@/lib/aws/policy";

function parsedOk(text: string) {
  const result = parsePolicyDocument(text);
  if (!result.ok) throw new Error(`expected ok, got ${result.message}`);
  return result;
}

function parsedError(text: string) {
  const result = parsePolicyDocument(text);
  if (result.ok) throw new Error(`expected MalformedPolicy, got ${JSON.stringify(result.document)}`);
  expect(result.code).toBe("MalformedPolicy");
  return result;
}

// Real shape of a Lambda GetPolicy reply for a function URL with AuthType NONE (plain JSON, not encoded).
const LAMBDA_URL_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Id: "default",
  Statement: [
    {
      Sid: "FunctionURLAllowPublicAccess",
      Effect: "Allow",
      Principal: "*",
      Action: "lambda:InvokeFunctionUrl",
      Resource: "arn:aws:lambda:us-east-1:111122223333:function:public-api",
      Condition: { StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } },
    },
  ],
});

describe("parsePolicyDocument", () => {
  it("normalizes a plain JSON document and keeps its text", () => {
    const result = parsedOk(LAMBDA_URL_POLICY);
    expect(result.text).toBe(LAMBDA_URL_POLICY);
    expect(result.document).toEqual({
      Version: "2012-10-17",
      Id: "default",
      Statement: [
        {
          Sid: "FunctionURLAllowPublicAccess",
          Effect: "Allow",
          Principal: "*",
          Action: ["lambda:InvokeFunctionUrl"],
          Resource: ["arn:aws:lambda:us-east-1:111122223333:function:public-api"],
          Condition: { StringEquals: { "lambda:FunctionUrlAuthType": ["NONE"] } },
        },
      ],
    });
  });

  it("decodes an IAM-style URL-encoded document and returns the decoded text", () => {
    // As IAM GetRolePolicy returns it: RFC 3986 encoding of the whole JSON text.
    const encoded =
      "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3AGetObject%22%2C%22Resource%22%3A%22arn%3Aaws%3As3%3A%3A%3Adocs%2F50%25-off%2F%2A%22%7D%5D%7D";
    const result = parsedOk(encoded);
    expect(result.text).toBe(decodeURIComponent(encoded));
    expect(result.document.Statement).toEqual([
      { Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::docs/50%-off/*"] },
    ]);
  });

  it("does not URL-decode a plain JSON document that contains a literal %", () => {
    // decodeURIComponent would throw on "%-o" and turn "%41" into "A": neither may happen to plain JSON.
    const text = JSON.stringify({
      Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/100%-off/%41" },
    });
    expect(parsedOk(text).document.Statement[0].Resource).toEqual(["arn:aws:s3:::b/100%-off/%41"]);
  });

  it("turns a single statement object into a one-element array", () => {
    const result = parsedOk(JSON.stringify({ Version: "2012-10-17", Statement: { Effect: "Deny", NotAction: "iam:*", Resource: "*" } }));
    expect(result.document.Statement).toEqual([{ Effect: "Deny", NotAction: ["iam:*"], Resource: ["*"] }]);
  });

  it("keeps string and array forms equal after normalization", () => {
    const asStrings = parsedOk(
      JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "lambda:InvokeFunction", NotResource: "arn:aws:lambda:*:*:function:x" }] }),
    );
    const asArrays = parsedOk(
      JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: ["arn:aws:iam::111122223333:root"] }, Action: ["lambda:InvokeFunction"], NotResource: ["arn:aws:lambda:*:*:function:x"] }] }),
    );
    expect(asStrings.document).toEqual(asArrays.document);
    expect(asStrings.document.Statement[0].Principal).toEqual({ AWS: ["arn:aws:iam::111122223333:root"] });
  });

  it('keeps Principal "*" as "*" and {"AWS":"*"} as an object', () => {
    const result = parsedOk(
      JSON.stringify({
        Statement: [
          { Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: "*" },
          { Effect: "Allow", Principal: { AWS: "*" }, Action: "lambda:InvokeFunction", Resource: "*" },
          { Effect: "Allow", Principal: { Service: ["s3.amazonaws.com", "sns.amazonaws.com"], Federated: "cognito-identity.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: "*" },
        ],
      }),
    );
    expect(result.document.Statement.map((s) => s.Principal)).toEqual([
      "*",
      { AWS: ["*"] },
      { Service: ["s3.amazonaws.com", "sns.amazonaws.com"], Federated: ["cognito-identity.amazonaws.com"] },
    ]);
  });

  it("normalizes NotPrincipal like Principal", () => {
    const result = parsedOk(
      JSON.stringify({ Statement: { Effect: "Deny", NotPrincipal: { AWS: "arn:aws:iam::111122223333:role/admin" }, Action: "*", Resource: "*" } }),
    );
    expect(result.document.Statement[0]).toEqual({
      Effect: "Deny",
      NotPrincipal: { AWS: ["arn:aws:iam::111122223333:role/admin"] },
      Action: ["*"],
      Resource: ["*"],
    });
    expect(result.document.Statement[0].Principal).toBeUndefined();
  });

  it("reads moto's bare-string principals as the shorthand they stand for", () => {
    // moto stores AddPermission principals as given; AWS would store {"AWS":"arn:aws:iam::…:root"} / {"Service":…}.
    const result = parsedOk(
      JSON.stringify({
        Statement: [
          { Effect: "Allow", Principal: "123456789012", Action: "lambda:InvokeFunction", Resource: "*" },
          { Effect: "Allow", Principal: "s3.amazonaws.com", Action: "lambda:InvokeFunction", Resource: "*" },
        ],
      }),
    );
    expect(result.document.Statement.map((s) => s.Principal)).toEqual([{ AWS: ["123456789012"] }, { Service: ["s3.amazonaws.com"] }]);
  });

  it("turns boolean and number condition values into strings, arrays included", () => {
    const result = parsedOk(
      JSON.stringify({
        Statement: {
          Effect: "Deny",
          Action: "s3:*",
          Resource: "*",
          Condition: {
            Bool: { "aws:SecureTransport": false },
            NumericLessThan: { "s3:max-keys": 10 },
            "ForAnyValue:StringEquals": { "aws:TagKeys": ["env", "team"] },
            Null: { "aws:MultiFactorAuthAge": [true, "false"] },
          },
        },
      }),
    );
    expect(result.document.Statement[0].Condition).toEqual({
      Bool: { "aws:SecureTransport": ["false"] },
      NumericLessThan: { "s3:max-keys": ["10"] },
      "ForAnyValue:StringEquals": { "aws:TagKeys": ["env", "team"] },
      Null: { "aws:MultiFactorAuthAge": ["true", "false"] },
    });
  });

  it("ignores unknown extra fields instead of failing", () => {
    // moto adds "FunctionUrlAuthType" to Lambda statements; future AWS fields must not hide a policy either.
    const result = parsedOk(
      JSON.stringify({
        Version: "2012-10-17",
        Comment: "extra",
        Statement: [{ Sid: "pub", Effect: "Allow", Principal: "*", FunctionUrlAuthType: "NONE", Action: "lambda:InvokeFunctionUrl", Resource: "*", Principal2: "x" }],
      }),
    );
    expect(result.document).toEqual({
      Version: "2012-10-17",
      Statement: [{ Sid: "pub", Effect: "Allow", Principal: "*", Action: ["lambda:InvokeFunctionUrl"], Resource: ["*"] }],
    });
  });

  it("tolerates surrounding whitespace and a BOM", () => {
    expect(parsedOk(`\uFEFF  \n${LAMBDA_URL_POLICY}\n`).document.Statement).toHaveLength(1);
  });

  it.each([
    ["invalid JSON", '{"Statement": [', /not valid JSON/],
    ["an empty string", "", /empty/],
    ["a JSON array", "[]", /must be an object/],
    ["a JSON string", '"hello"', /must be an object/],
    ["a missing Statement", '{"Version":"2012-10-17"}', /Statement is required/],
    ["a lower-case Effect", '{"Statement":[{"Effect":"allow","Action":"*","Resource":"*"}]}', /Statement\[0\]\.Effect/],
    ["a null statement", '{"Statement":[null]}', /Statement\[0\]/],
    ["a numeric Action", '{"Statement":[{"Effect":"Allow","Action":7,"Resource":"*"}]}', /Statement\[0\]\.Action/],
    ["a non-string in a Resource array", '{"Statement":[{"Effect":"Allow","Action":"*","Resource":["*",1]}]}', /Resource\[1\]/],
    ["an object condition value", '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"k":{"x":1}}}}]}', /Condition\.StringEquals\.k/],
    ["a bad percent escape", "%7B%22Statement%22%3A%ZZ", /invalid percent-escape/],
    ["encoded non-JSON", "%3Cnot%20json%3E", /not valid JSON/],
  ])("returns MalformedPolicy for %s", (_label, text, message) => {
    expect(parsedError(text).message).toMatch(message);
  });

  it("refuses a document over 1 MB with a clear message and without throwing", () => {
    const statement = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/" + "a".repeat(1000) };
    const huge = JSON.stringify({ Statement: Array.from({ length: 1100 }, () => statement) });
    expect(huge.length).toBeGreaterThan(MAX_POLICY_BYTES);
    expect(parsedError(huge).message).toMatch(/more than the 1048576-byte limit/);
  });

  it("accepts a document just under the limit", () => {
    const statement = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/" + "a".repeat(1000) };
    const big = JSON.stringify({ Statement: Array.from({ length: 950 }, () => statement) });
    expect(big.length).toBeLessThan(MAX_POLICY_BYTES);
    expect(parsedOk(big).document.Statement).toHaveLength(950);
  });
});
