// LX-05: the function's resource-based policies (function, versions, aliases) must grant nothing to an AWS
// account outside this one unless the installation trusts it (Settings: trusted accounts and organizations).
// Three shapes reach another account:
//   - Principal {"AWS": "<account or ARN>"} of another account, unless a condition limits it to a trusted
//     organization (aws:PrincipalOrgID) - a conditioned grant to a trusted account is not a finding;
//   - Principal "*" limited by aws:SourceAccount / aws:PrincipalAccount / an ARN of another account or an
//     untrusted organization (LX-01 passes these as "restricted", rightly: they are not public, but they are
//     cross-account);
//   - a service principal whose aws:SourceAccount or aws:SourceArn names another account (that account's
//     bucket, topic or rule invokes the function).
// Grants to anyone without a restricting condition are LX-01's, and service grants without a source are LX-02's.
import type { ConditionAssessment, ExposureContext } from "@/lib/analysis/policy-exposure";
import type { InstallationSettings, RuleDefinition, RuleResult } from "@/lib/rules/types";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import { accountOf } from "@/scanners/lambda/triggers";
import { describeGaps, functionPolicies, invokeActionsOf, refEvidence, refLabel, type PolicyStatementRef } from "./function-policies";
import { assessStatementConditions, conditionEvidence, narrowestScope } from "./statement-conditions";

type Verdict = "untrusted" | "unknown" | "trusted";
type Grant = {
  ref: PolicyStatementRef;
  /** "aws" principal, "anyone" narrowed by conditions, or a "service" acting for another account. */
  via: "aws" | "anyone" | "service";
  principal: string;
  /** Accounts outside this one that the grant names (principal or condition values). */
  accounts: string[];
  verdict: Verdict;
  conditions: ConditionAssessment[];
};

/** Accounts named by restricting account / ARN conditions, other than this one. */
function conditionAccounts(conditions: ConditionAssessment[], own: string): string[] {
  const out = new Set<string>();
  for (const c of conditions) {
    if (!c.restricts || (c.scope !== "external" && c.scope !== "trusted")) continue;
    for (const v of c.values) {
      const account = accountOf(v);
      if (account && account !== own) out.add(account);
    }
  }
  return [...out];
}

/** Account-less ARNs (S3 buckets) say nothing about who owns the caller: their "unknown" scope is not a verdict. */
function withoutAccountlessArns(conditions: ConditionAssessment[]): ConditionAssessment[] {
  return conditions.filter((c) => !(c.scope === "unknown" && ["aws:sourcearn", "aws:principalarn"].includes(c.key.toLowerCase()) && c.values.every((v) => !accountOf(v))));
}

function verdictOfScope(scope: ReturnType<typeof narrowestScope>): Verdict | null {
  if (scope === "own_account" || scope === "trusted") return "trusted";
  if (scope === "external") return "untrusted";
  if (scope === "unknown") return "unknown";
  return null;
}

function grantsOf(ref: PolicyStatementRef, ctx: ExposureContext): Grant[] {
  const s = ref.statement;
  if (s.Effect !== "Allow" || s.NotPrincipal || !s.Principal) return [];
  if (!s.Action?.length && !s.NotAction?.length) return [];
  const { conditions: all, neutralized } = assessStatementConditions(s, ref.document, ctx);
  if (neutralized) return [];
  const conditions = withoutAccountlessArns(all);
  const byConditions = verdictOfScope(narrowestScope(conditions));
  const trusted = new Set(ctx.trustedAccountIds ?? []);
  const out: Grant[] = [];

  const anyone = s.Principal === "*" || !!s.Principal.AWS?.includes("*");
  if (anyone) {
    // Unconditioned "anyone" is LX-01's finding; here only grants narrowed to someone outside count.
    if (byConditions && byConditions !== "trusted") {
      out.push({ ref, via: "anyone", principal: "*", accounts: conditionAccounts(conditions, ctx.accountId), verdict: byConditions, conditions: all });
    }
  }
  if (s.Principal !== "*") {
    for (const principal of s.Principal.AWS ?? []) {
      if (principal === "*") continue;
      const account = accountOf(principal);
      // A unique id (AROA...) is what AWS shows once the principal was deleted: ES-05 reports those.
      if (!account || account === ctx.accountId || trusted.has(account)) continue;
      const verdict: Verdict = byConditions === "trusted" ? "trusted" : byConditions === "unknown" ? "unknown" : "untrusted";
      if (verdict !== "trusted") out.push({ ref, via: "aws", principal, accounts: [account], verdict, conditions: all });
    }
    for (const service of s.Principal.Service ?? []) {
      // No account-pinning condition: LX-02's finding (any account), not a named outside account.
      if (byConditions && byConditions !== "trusted") {
        out.push({ ref, via: "service", principal: service, accounts: conditionAccounts(conditions, ctx.accountId), verdict: byConditions, conditions: all });
      }
    }
  }
  return out;
}

const ORG_KEYS = ["aws:principalorgid", "aws:sourceorgid", "aws:principalorgpaths", "aws:sourceorgpaths"];

function describeGrant(g: Grant): string {
  const orgs = [...new Set(g.conditions.filter((c) => c.restricts && ORG_KEYS.includes(c.key.toLowerCase())).flatMap((c) => c.values.map((v) => v.split("/")[0])))];
  const who =
    g.accounts.length > 0 ? `account ${g.accounts.join(", ")}` : orgs.length > 0 ? `organization ${orgs.join(", ")}` : "callers outside this account";
  const what = invokeActionsOf(g.ref.statement).length > 0 ? "invoke it" : `call ${(g.ref.statement.Action ?? ["every action but " + (g.ref.statement.NotAction ?? []).join(", ")]).join(", ")}`;
  const how = g.via === "service" ? ` through ${g.principal}` : "";
  return `lets ${who} ${what}${how} (statement ${refLabel(g.ref)})`;
}

function grantEvidence(g: Grant): Record<string, unknown> {
  return { ...refEvidence(g.ref), via: g.via, grantee: g.principal, accounts: g.accounts, verdict: g.verdict, conditionsConsidered: conditionEvidence(g.conditions) };
}

function evaluateFunction(fn: TLambdaFunctionRecord, installation: InstallationSettings): RuleResult {
  const base = { resourceArn: fn.arn, resourceName: fn.name, region: fn.region };
  const ctx: ExposureContext = {
    accountId: fn.accountId,
    trustedAccountIds: installation.trustedAccountIds,
    // Without a trusted organization on file, an organization condition can be judged neither way.
    orgIds: installation.trustedOrganizationIds.length > 0 ? installation.trustedOrganizationIds : undefined,
  };
  const policies = functionPolicies(fn);
  const grants = policies.statements.flatMap((ref) => grantsOf(ref, ctx));
  const untrusted = grants.filter((g) => g.verdict === "untrusted");
  const unknown = grants.filter((g) => g.verdict === "unknown");
  const evidence = {
    untrustedGrants: untrusted.map(grantEvidence),
    undeterminedGrants: unknown.map(grantEvidence),
    trustedAccountIds: installation.trustedAccountIds,
    trustedOrganizationIds: installation.trustedOrganizationIds,
    unreadPolicies: policies.gaps,
  };

  if (untrusted.length > 0) {
    const message =
      untrusted.length === 1
        ? `Lambda function ${fn.name} ${describeGrant(untrusted[0])}, which is not among the trusted accounts or organizations.`
        : `Lambda function ${fn.name} grants access to accounts outside the trusted list in ${untrusted.length} statements: ${untrusted.map(describeGrant).join("; ")}.`;
    return { ...base, status: "FAIL", message, evidence };
  }
  if (unknown.length > 0) {
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not judge function ${fn.name}: statement ${refLabel(unknown[0].ref)} limits callers to an AWS Organization, and no trusted organization id is configured.`,
      evidence,
    };
  }
  if (policies.gaps.length > 0) {
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not read every resource-based policy of function ${fn.name}: ${describeGaps(policies.gaps)}.`,
      evidence,
    };
  }
  if (policies.none) return { ...base, status: "PASS", message: `Lambda function ${fn.name} has no resource-based policy.`, evidence };
  return {
    ...base,
    status: "PASS",
    message: `Lambda function ${fn.name} grants access only to this account, trusted accounts and trusted organizations.`,
    evidence,
  };
}

export const rule: RuleDefinition = {
  id: "lambda_function_policy_no_untrusted_account_access",
  catalogueId: "LX-05",
  title: "Lambda function policy grants no access to untrusted AWS accounts",
  severity: "medium",
  category: "lambda-exposure",
  resourceType: "lambda_function",
  description:
    "Reads the resource-based policies of each function and of its versions and aliases, and reports grants to " +
    "another AWS account that is not in the installation's trusted accounts: an account principal, Principal \"*\" " +
    "narrowed to an outside account or organization, or a service acting for an outside account's resource. A " +
    "grant limited by aws:PrincipalOrgID to a trusted organization passes.",
  risk:
    "Anyone who controls the other account (a partner, a former vendor, an attacker who compromised it) can invoke " +
    "the function with its execution role's permissions, and the grant stays in place after the relationship ends.",
  remediation: {
    text:
      "Remove the permission if the other account no longer needs it. If it does, add the account to the trusted " +
      "accounts in Lantern's settings, or limit the grant to your organization with --principal-org-id.",
    cli:
      "aws lambda remove-permission --function-name <function-name> --statement-id <sid>\n" +
      "aws lambda add-permission --function-name <function-name> --statement-id <sid> " +
      "--action lambda:InvokeFunction --principal '*' --principal-org-id <o-organization-id>",
    cloudformation: [
      "InvokeFromOrganization:",
      "  Type: AWS::Lambda::Permission",
      "  Properties:",
      "    FunctionName: !Ref Function",
      "    Action: lambda:InvokeFunction",
      "    Principal: '*'",
      "    PrincipalOrgID: o-a1b2c3d4e5",
    ].join("\n"),
    terraform: [
      'resource "aws_lambda_permission" "invoke_from_organization" {',
      '  statement_id     = "AllowOrganizationInvoke"',
      '  action           = "lambda:InvokeFunction"',
      "  function_name    = aws_lambda_function.this.function_name",
      '  principal        = "*"',
      '  principal_org_id = "o-a1b2c3d4e5"',
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-cross-account.html",
    "https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-organization.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html",
  ],
  evaluate(inventory, ctx) {
    return inventory.lambdaFunctions.map((fn) => evaluateFunction(fn, ctx.installation));
  },
};
