// The catalog's wildcard expansion against @cloud-copilot/iam-expand (same data package), and the ARN and
// string matching primitives the evaluator is built on.
import { describe, expect, it } from "vitest";
import { expandIamActions } from "@cloud-copilot/iam-expand";
import { actionCatalog } from "./catalog";
import { compileConditions, evaluateConditions } from "./conditions";
import { exactContext, FALSE, partialContext, resourceMatches, TRUE, UNKNOWN } from "./match";

const c = actionCatalog();
const ctx = exactContext({});

describe("action catalog", () => {
  it("holds the whole catalog with access levels and wildcard-only actions", () => {
    expect(c.size).toBeGreaterThan(15000);
    const i = c.indexOf("LAMBDA:updatefunctioncode");
    expect(c.action(i)).toMatchObject({ name: "lambda:UpdateFunctionCode", accessLevel: "Write" });
    expect(c.action(c.indexOf("iam:PutRolePolicy")).accessLevel).toBe("Permissions management");
    expect(c.action(c.indexOf("xray:PutTraceSegments")).resourceTypes).toEqual([]);
    expect(c.indexOf("lambda:NoSuchAction")).toBe(-1);
  });

  it.each(["s3:Get*", "*:Describe*", "S3:get*", "iam:*", "lambda:?et*", "ec2:*Instances", "s3:GetObject", "sqs:*Message*", "dynamodb:*Item"])(
    "expands %s exactly as iam-expand does",
    async (pattern) => {
      const expected = (await expandIamActions(pattern, { expandAsterisk: true })).map((a) => a.toLowerCase()).sort();
      expect(c.names(c.patternBits(pattern)).map((a) => a.toLowerCase()).sort()).toEqual(expected);
    },
  );

  it("inverts NotAction lists and finds the services a set covers whole", () => {
    const set = c.actionSet(["iam:*", "organizations:*"], true);
    expect(set.size).toBe(c.size - c.names(c.patternBits("iam:*")).length - c.names(c.patternBits("organizations:*")).length);
    expect(c.fullServices(c.patternBits("s3:*"))).toEqual(["s3"]);
    expect(c.fullServices(c.patternBits("s3:Get*"))).toEqual([]);
  });
});

describe("resource matching", () => {
  it("matches ARN segments with wildcards that stay within their segment", () => {
    expect(resourceMatches("arn:aws:lambda:*:111122223333:function:orders-*", "arn:aws:lambda:us-east-1:111122223333:function:orders-api", ctx)).toBe(TRUE);
    expect(resourceMatches("arn:aws:lambda:*:111122223333:function:orders-*", "arn:aws:lambda:us-east-1:444455556666:function:orders-api", ctx)).toBe(FALSE);
    expect(resourceMatches("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b:c", ctx)).toBe(TRUE);
    expect(resourceMatches("arn:aws:iam::*:role/service-role/*", "arn:aws:iam::111122223333:role/admin", ctx)).toBe(FALSE);
    // short ARNs in identity policies are padded with "*"
    expect(resourceMatches("arn:aws:s3", "arn:aws:s3:::bucket", ctx)).toBe(TRUE);
  });

  it("does not let a wildcard replace the resource type (IAM's \"incorrect wildcard usage\")", () => {
    expect(resourceMatches("arn:aws:iam::111122223333:u*/bob", "arn:aws:iam::111122223333:user/bob", ctx)).toBe(FALSE);
  });

  it("grants actions that take no resource only through Resource \"*\"", () => {
    expect(resourceMatches("*", "*", ctx)).toBe(TRUE);
    expect(resourceMatches("arn:aws:xray:*:*:*", "*", ctx)).toBe(FALSE);
  });

  it("resolves policy variables, defaults and escapes, and is UNKNOWN when the variable is", () => {
    const user = exactContext({ "aws:username": "bob" });
    expect(resourceMatches("arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/bob/x", user)).toBe(TRUE);
    expect(resourceMatches("arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/eve/x", user)).toBe(FALSE);
    expect(resourceMatches("arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/bob/x", ctx)).toBe(FALSE);
    expect(resourceMatches("arn:aws:s3:::home/${aws:username, 'guest'}/*", "arn:aws:s3:::home/guest/x", ctx)).toBe(TRUE);
    expect(resourceMatches("arn:aws:s3:::literal-${*}", "arn:aws:s3:::literal-*", ctx)).toBe(TRUE);
    expect(resourceMatches("arn:aws:s3:::literal-${*}", "arn:aws:s3:::literal-x", ctx)).toBe(FALSE);
    expect(resourceMatches("arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/bob/x", partialContext(new Map()))).toBe(UNKNOWN);
  });
});

describe("conditions", () => {
  const evalWith = (condition: Record<string, Record<string, string[]>>, values: Record<string, string | string[]>) => evaluateConditions(compileConditions(condition), exactContext(values));

  it("passes negated operators and IfExists on a missing key, fails positive ones", () => {
    expect(evalWith({ StringEquals: { "aws:RequestedRegion": ["us-east-1"] } }, {})).toBe(FALSE);
    expect(evalWith({ StringNotEquals: { "aws:RequestedRegion": ["us-east-1"] } }, {})).toBe(TRUE);
    expect(evalWith({ StringEqualsIfExists: { "aws:RequestedRegion": ["us-east-1"] } }, {})).toBe(TRUE);
    expect(evalWith({ Null: { "aws:SourceVpc": ["true"] } }, {})).toBe(TRUE);
  });

  it("needs a set operator for multivalued keys; ForAllValues is true on a missing key", () => {
    expect(evalWith({ StringEquals: { "aws:TagKeys": ["team"] } }, { "aws:TagKeys": ["team"] })).toBe(FALSE);
    expect(evalWith({ "ForAnyValue:StringEquals": { "aws:TagKeys": ["team"] } }, { "aws:TagKeys": ["env", "team"] })).toBe(TRUE);
    expect(evalWith({ "ForAllValues:StringEquals": { "aws:TagKeys": ["team"] } }, { "aws:TagKeys": ["env", "team"] })).toBe(FALSE);
    expect(evalWith({ "ForAllValues:StringEquals": { "aws:TagKeys": ["team"] } }, {})).toBe(TRUE);
  });

  it("compares numbers, dates, booleans, IP ranges (v4 and v6) and ARNs", () => {
    expect(evalWith({ NumericLessThan: { "s3:max-keys": ["100"] } }, { "s3:max-keys": "10" })).toBe(TRUE);
    expect(evalWith({ DateGreaterThan: { "aws:CurrentTime": ["2026-01-01T00:00:00Z"] } }, { "aws:CurrentTime": "2026-11-23T12:00:00Z" })).toBe(TRUE);
    expect(evalWith({ Bool: { "aws:SecureTransport": ["true"] } }, { "aws:SecureTransport": "false" })).toBe(FALSE);
    expect(evalWith({ IpAddress: { "aws:SourceIp": ["10.0.0.0/8", "2001:db8::/32"] } }, { "aws:SourceIp": "2001:db8::5" })).toBe(TRUE);
    expect(evalWith({ NotIpAddress: { "aws:SourceIp": ["10.0.0.0/8"] } }, { "aws:SourceIp": "10.9.9.9" })).toBe(FALSE);
    expect(evalWith({ ArnLike: { "aws:SourceArn": ["arn:aws:s3:::uploads-*"] } }, { "aws:SourceArn": "arn:aws:s3:::uploads-eu" })).toBe(TRUE);
  });

  it("is UNKNOWN on keys the analysis does not know, decided on those it does", () => {
    const principal = partialContext(new Map([["aws:principaltag/team", "payments"]]));
    expect(evaluateConditions(compileConditions({ StringEquals: { "aws:PrincipalTag/team": ["payments"] } }), principal)).toBe(TRUE);
    expect(evaluateConditions(compileConditions({ StringEquals: { "aws:PrincipalTag/team": ["growth"] } }), principal)).toBe(FALSE);
    expect(evaluateConditions(compileConditions({ IpAddress: { "aws:SourceIp": ["10.0.0.0/8"] } }), principal)).toBe(UNKNOWN);
  });
});
