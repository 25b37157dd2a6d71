import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TStatement } from "@/lib/aws/policy-document";
import type { TIamRoleRecord } from "@/scanners/iam/record";
import { fetchError } from "@/lib/rules/__fixtures__/lambda-function";
import { ACCOUNT_ID, iamInventoryOf, iamRole, lambdaTrust, parsedPolicy, serviceLinkedRole, trustStatement } from "@/lib/rules/__fixtures__/iam";
import { rule } from "./iam_role_service_trust_confused_deputy_protected.rule";

const run = (roles: TIamRoleRecord[], ctx = testContext(rule)) => rule.evaluate(iamInventoryOf({ roles }), ctx);
const only = (role: TIamRoleRecord, ctx = testContext(rule)) => {
  const results = run([role], ctx);
  expect(results).toHaveLength(1);
  return results[0];
};
const trusting = (...statements: Parameters<typeof parsedPolicy>) => iamRole({ name: "events-target-role", trustPolicy: parsedPolicy(...statements) });
const events = (Condition?: TStatement["Condition"]) =>
  trustStatement({ Service: ["events.amazonaws.com"] }, { Sid: "Events", ...(Condition ? { Condition } : {}) });

describe("iam_role_service_trust_confused_deputy_protected", () => {
  it("fails a service trust without a source condition (bad fixture)", () => {
    const r = only(trusting(events()));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe(
      'IAM role events-target-role lets events.amazonaws.com assume it without aws:SourceAccount, aws:SourceArn or aws:SourceOrgID (statement "Events").',
    );
    expect(r.evidence.unprotectedGrants).toEqual([expect.objectContaining({ principal: "events.amazonaws.com", confusedDeputyProtected: false })]);
  });

  it("passes aws:SourceAccount and aws:SourceArn (good fixture)", () => {
    const r = only(
      trusting(events({ StringEquals: { "aws:SourceAccount": [ACCOUNT_ID] }, ArnLike: { "aws:SourceArn": [`arn:aws:events:us-east-1:${ACCOUNT_ID}:rule/nightly`] } })),
    );
    expect(r.status).toBe("PASS");
    expect(r.message).toBe("IAM role events-target-role limits events.amazonaws.com with aws:SourceAccount, aws:SourceArn.");
  });

  it("fails look-alike conditions that do not protect: wildcard account in SourceArn, IfExists, negation", () => {
    expect(only(trusting(events({ ArnLike: { "aws:SourceArn": ["arn:aws:events:*:*:rule/*"] } }))).status).toBe("FAIL");
    expect(only(trusting(events({ StringEqualsIfExists: { "aws:SourceAccount": [ACCOUNT_ID] } }))).status).toBe("FAIL");
    expect(only(trusting(events({ StringNotEquals: { "aws:SourceAccount": ["444455556666"] } }))).status).toBe("FAIL");
  });

  it("passes a Deny that keeps other source accounts out", () => {
    const deny = {
      Effect: "Deny" as const,
      Principal: { Service: ["events.amazonaws.com"] },
      Action: ["sts:AssumeRole"],
      Condition: { StringNotEquals: { "aws:SourceAccount": [ACCOUNT_ID] } },
    };
    expect(only(trusting(events(), deny)).status).toBe("PASS");
  });

  it("passes a Lambda execution role: Lambda only uses a role passed by this account", () => {
    const r = only(iamRole());
    expect(r.status).toBe("PASS");
    expect(r.message).toBe("IAM role orders-api-role trusts lambda.amazonaws.com, which uses a role only when this account passes it (iam:PassRole).");
    expect(r.evidence.passRoleOnlyGrants).toHaveLength(1);
  });

  it("fails a Lambda execution role when the PassRole list is emptied (Prowler's behaviour)", () => {
    expect(only(iamRole(), testContext(rule, { settings: { passRoleServices: [] } })).status).toBe("FAIL");
  });

  it("names only the unprotected service when a role trusts Lambda and EventBridge", () => {
    const r = only(trusting(lambdaTrust(), events()));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("lets events.amazonaws.com assume it");
  });

  it("does not judge roles that trust no service, nor service-linked roles", () => {
    const crossAccount = iamRole({ name: "x", trustPolicy: parsedPolicy(trustStatement({ AWS: ["444455556666"] })) });
    expect(run([crossAccount, serviceLinkedRole("events.amazonaws.com", "AWSServiceRoleForCloudWatchEvents")])).toEqual([]);
  });

  it("is UNKNOWN when the trust policy could not be read", () => {
    const r = only(iamRole({ trustPolicy: fetchError() }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe(
      "Could not read the trust policy of IAM role orders-api-role to tell whether its service trust is protected: AccessDeniedException.",
    );
  });
});
