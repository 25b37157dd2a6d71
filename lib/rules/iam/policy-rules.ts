// Plumbing shared by the statement-level IAM rules (R-15, R-16, R-17, R-19). Each check runs on the policies
// a customer writes, in two rules with one resource type each (as Prowler splits iam_policy_* and
// iam_inline_policy_*):
//   - customer managed policies (resourceType iam_policy), default version only: the one IAM evaluates.
//     AWS managed policies are not judged (the customer cannot change them; PowerUserAccess uses NotAction
//     by design).
//   - the inline policies of roles (resourceType iam_role), service-linked roles excepted. Inline policies of
//     users and groups are not covered yet.
// A document that could not be read is UNKNOWN, never PASS; a role fails on any readable inline policy that
// fails, even when another one could not be read.
import type { TPolicyDocument, TStatement } from "@/lib/aws/policy-document";
import type { RuleInventory, RuleResult } from "@/lib/rules/types";
import type { TIamPolicyRecord, TIamRoleRecord } from "@/scanners/iam/record";
import { isServiceLinkedRole, refLabel, type StatementRef } from "@/lib/analysis/iam-trust";
import { roleBase } from "./trust-rules";
import { parseOperator } from "@/lib/aws/condition-operator";

/** What a check found in one document: the statements involved and the detail the UI shows. */
export type DocumentFinding = { statements: StatementRef[]; detail: Record<string, unknown> };

export type DocumentScope = { accountId: string; partition: string };

export type DocumentCheck = (doc: TPolicyDocument, scope: DocumentScope) => DocumentFinding[];

export type PolicyRuleText = {
  /** Completes "Customer managed policy X ..." / "IAM role X ...", e.g. "allows NotAction with Allow". */
  fails: (findings: DocumentFinding[]) => string;
  /** e.g. "has no Allow statement with NotAction" */
  passes: string;
};

/** A check that looks at one statement at a time; `inspect` returns the detail of a finding or null. */
export function perStatement(inspect: (s: TStatement, scope: DocumentScope) => Record<string, unknown> | null): DocumentCheck {
  return (doc, scope) =>
    doc.Statement.flatMap((s, index) => {
      const detail = inspect(s, scope);
      return detail ? [{ statements: [{ index, sid: s.Sid ?? null }], detail: { sid: s.Sid ?? null, index, ...detail, statement: s } }] : [];
    });
}

export function partitionOf(arn: string): string {
  return arn.split(":")[1] || "aws";
}

function labels(findings: DocumentFinding[]): string {
  const all = [...new Set(findings.flatMap((f) => f.statements.map(refLabel)))];
  return `${all.length === 1 ? "statement" : "statements"} ${all.join(", ")}`;
}

function defaultVersion(policy: TIamPolicyRecord) {
  return policy.versions.find((v) => v.isDefault) ?? policy.versions.find((v) => v.versionId === policy.defaultVersionId) ?? null;
}

export function evaluateCustomerPolicies(inventory: RuleInventory, check: DocumentCheck, text: PolicyRuleText): RuleResult[] {
  return inventory.iamPolicies
    .filter((p) => !p.isAwsManaged)
    .map((policy) => {
      const base = { resourceArn: policy.arn, resourceName: policy.name, region: "global" };
      const version = defaultVersion(policy);
      const context = { defaultVersionId: version?.versionId ?? policy.defaultVersionId, attachmentCount: policy.attachmentCount };
      if (!version || version.policy.status !== "ok") {
        const why = version?.policy.status === "error" ? version.policy.code : "its default version was not collected";
        return {
          ...base,
          status: "UNKNOWN" as const,
          message: `Could not read the default version of customer managed policy ${policy.name}: ${why}.`,
          evidence: { ...context, policy: version?.policy ?? null },
        };
      }
      const findings = check(version.policy.value.document, { accountId: policy.accountId, partition: partitionOf(policy.arn) });
      if (findings.length > 0) {
        return {
          ...base,
          status: "FAIL" as const,
          message: `Customer managed policy ${policy.name} ${text.fails(findings)} (${labels(findings)}).`,
          evidence: { ...context, findings: findings.map((f) => f.detail) },
        };
      }
      return { ...base, status: "PASS" as const, message: `Customer managed policy ${policy.name} ${text.passes}.`, evidence: context };
    });
}

export function evaluateRoleInlinePolicies(inventory: RuleInventory, check: DocumentCheck, text: PolicyRuleText): RuleResult[] {
  // Service-linked roles carry no inline policies (AWS attaches managed ones), so they are not judged.
  return inventory.iamRoles.filter((r) => !isServiceLinkedRole(r)).map((role: TIamRoleRecord) => {
    const base = roleBase(role);
    if (!Array.isArray(role.inlinePolicies)) {
      return {
        ...base,
        status: "UNKNOWN" as const,
        message: `Could not read the inline policies of IAM role ${role.name}: its inventory record has no inline policy data.`,
        evidence: { inlinePolicies: null },
      };
    }
    const scope = { accountId: role.accountId, partition: partitionOf(role.arn) };
    const failing: { name: string; findings: DocumentFinding[] }[] = [];
    const unreadable: { name: string; code: string }[] = [];
    for (const inline of role.inlinePolicies) {
      if (inline.policy.status !== "ok") {
        unreadable.push({ name: inline.name, code: inline.policy.status === "error" ? inline.policy.code : "NotCollected" });
        continue;
      }
      const findings = check(inline.policy.value.document, scope);
      if (findings.length > 0) failing.push({ name: inline.name, findings });
    }
    const evidence = {
      inlinePolicies: role.inlinePolicies.map((p) => p.name),
      findings: failing.map((f) => ({ policyName: f.name, findings: f.findings.map((x) => x.detail) })),
      unreadable,
    };
    if (failing.length > 0) {
      const where = failing.map((f) => `inline policy ${f.name} (${labels(f.findings)})`).join(" and ");
      return { ...base, status: "FAIL" as const, message: `IAM role ${role.name} ${text.fails(failing.flatMap((f) => f.findings))} in ${where}.`, evidence };
    }
    if (unreadable.length > 0) {
      return {
        ...base,
        status: "UNKNOWN" as const,
        message: `Could not read inline ${unreadable.length === 1 ? "policy" : "policies"} ${unreadable.map((u) => `${u.name} (${u.code})`).join(", ")} of IAM role ${role.name}.`,
        evidence,
      };
    }
    if (role.inlinePolicies.length === 0) {
      return { ...base, status: "PASS" as const, message: `IAM role ${role.name} has no inline policies.`, evidence };
    }
    return { ...base, status: "PASS" as const, message: `IAM role ${role.name} ${text.passes} in its inline policies.`, evidence };
  });
}

// ---- helpers for checks ---------------------------------------------------------------------------------------

function globRegex(pattern: string, caseInsensitive: boolean): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`, caseInsensitive ? "i" : "");
}

/** Whether the statement's Resource (or NotResource) covers this ARN. ARNs compare case-sensitively. */
export function coversResource(s: TStatement, arn: string): boolean {
  if (s.Resource) return s.Resource.some((p) => globRegex(p, false).test(arn));
  if (s.NotResource) return !s.NotResource.some((p) => globRegex(p, false).test(arn));
  return false;
}

export { parseOperator };

const POSITIVE = new Set(["stringequals", "stringequalsignorecase", "stringlike"]);
const RESOURCE_OWNER_KEYS = new Set(["aws:resourceaccount", "aws:resourceorgid", "aws:resourceorgpaths"]);

/**
 * The conditions that pin the target resources to named accounts or organizations (aws:ResourceAccount,
 * aws:ResourceOrgID, aws:ResourceOrgPaths with a positive operator, no IfExists, no wildcard-only value).
 */
export function resourceOwnerConditions(s: TStatement): { operator: string; key: string; values: string[] }[] {
  const out: { operator: string; key: string; values: string[] }[] = [];
  for (const [operator, keys] of Object.entries(s.Condition ?? {})) {
    const op = parseOperator(operator);
    if (!POSITIVE.has(op.base) || op.ifExists || op.set === "all") continue;
    for (const [key, values] of Object.entries(keys)) {
      if (!RESOURCE_OWNER_KEYS.has(key.toLowerCase()) || values.length === 0) continue;
      const wildcards = op.base === "stringlike";
      const concrete = values.every((v) => {
        const head = key.toLowerCase() === "aws:resourceorgpaths" ? v.split("/")[0] : v;
        return head !== "" && !(wildcards && /[*?]/.test(head));
      });
      if (concrete) out.push({ operator, key, values });
    }
  }
  return out;
}

/**
 * Splits an ARN pattern into its colon-separated fields, keeping policy variables such as
 * ${aws:PrincipalAccount} whole.
 */
export function arnFields(value: string): string[] {
  const fields: string[] = [];
  let current = "";
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === "$" && value[i + 1] === "{") depth++;
    else if (c === "}" && depth > 0) depth--;
    if (c === ":" && depth === 0) {
      fields.push(current);
      current = "";
    } else {
      current += c;
    }
  }
  fields.push(current);
  return fields;
}
