import { describe, expect, it } from "vitest";
import { globToLike, isBlanket, suppressionMatches, type SuppressionScope } from "./suppression-match";

const scope = (s: Partial<SuppressionScope>): SuppressionScope => ({ ruleId: null, accountId: null, resourcePattern: null, tagKey: null, tagValue: null, ...s });
const finding = { ruleId: "lambda_function_url_auth_required", accountId: "111122223333", resourceArn: "arn:aws:lambda:us-east-1:111122223333:function:legacy-web" };

describe("suppression matching", () => {
  it("matches by rule, account, ARN glob and tag together", () => {
    const s = scope({ ruleId: finding.ruleId, accountId: "111122223333", resourcePattern: "arn:aws:lambda:*:*:function:legacy-*", tagKey: "env", tagValue: "dev" });
    expect(suppressionMatches(s, finding, { env: "dev" })).toBe(true);
    expect(suppressionMatches(s, finding, { env: "prod" })).toBe(false);
    expect(suppressionMatches(s, { ...finding, resourceArn: finding.resourceArn.replace("legacy", "new") }, { env: "dev" })).toBe(false);
    expect(suppressionMatches(s, { ...finding, accountId: "999988887777" }, { env: "dev" })).toBe(false);
    expect(suppressionMatches(s, { ...finding, ruleId: "other" }, { env: "dev" })).toBe(false);
  });

  it("a tag condition never matches a resource whose tags are unknown; a key-only condition takes any value", () => {
    expect(suppressionMatches(scope({ tagKey: "owner" }), finding, null)).toBe(false);
    expect(suppressionMatches(scope({ tagKey: "owner" }), finding, { owner: "" })).toBe(true);
  });

  it("treats regex characters in patterns literally and ? as one character", () => {
    expect(suppressionMatches(scope({ resourcePattern: "arn:aws:lambda:us-east-1:111122223333:function:legacy-we?" }), finding, null)).toBe(true);
    expect(suppressionMatches(scope({ resourcePattern: "arn:aws:lambda:us-east-1:111122223333:function:legacy.web" }), finding, null)).toBe(false);
    expect(globToLike("a_b%c*d?")).toBe("a\\_b\\%c%d_");
  });

  it("calls a suppression with nothing narrowing it blanket", () => {
    expect(isBlanket(scope({}))).toBe(true);
    expect(isBlanket(scope({ resourcePattern: "**" }))).toBe(true);
    expect(isBlanket(scope({ accountId: "111122223333" }))).toBe(false);
  });
});
