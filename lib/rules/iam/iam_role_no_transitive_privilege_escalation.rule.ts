// R-08: transitive escalation: chains through other principals (a function whose code the role can change
// runs as a stronger role, which can pass an administrator role to a new function, ...) that end at an
// administrator-equivalent principal. lib/analysis/iam/graph.ts computes shortest chains over every role,
// user and function of the account, without a graph database. The chain is the evidence, hop by hop.
//
// A FAIL rests on what was read. A PASS needs the whole account: when users, groups, policies or a region's
// functions were not listed completely, or a principal the role reaches could not be read, the answer is UNKNOWN.
import type { ResourceType, RuleDefinition } from "@/lib/rules/types";
import {
  chainEvidence,
  chainLabel,
  EXCLUDED_ROLES_SETTINGS,
  forEachRole,
  principalBase,
  type ExcludedRolesSettings,
} from "@/lib/analysis/iam/rule-support";
import { forEachBit } from "@/lib/analysis/iam/bitset";

export const rule: RuleDefinition<ExcludedRolesSettings> = {
  id: "iam_role_no_transitive_privilege_escalation",
  catalogueId: "R-08",
  title: "IAM role cannot reach administrator access through other roles, functions or users",
  severity: "high",
  category: "iam",
  resourceType: "iam_role",
  description:
    "Builds the account's escalation graph (a principal can act as another by passing it to new compute, changing " +
    "the code or configuration of a function that runs as it, assuming it, rewriting its trust policy, or creating " +
    "its credentials) and reports roles with a chain of definite steps to a principal that is an administrator or " +
    "can make itself one. Each hop is checked against the real resources of the account.",
  risk:
    "Least privilege on one role means little when the role can borrow another's: an attacker who controls a modest " +
    "function follows the chain (update another function's code, pass its role, ...) to administrator access.",
  remediation: {
    text:
      "Break the first hop of the chain in the evidence: scope lambda:UpdateFunctionCode/UpdateFunctionConfiguration " +
      "to the functions the role owns, scope iam:PassRole to the roles it must pass (with iam:PassedToService), and " +
      "remove sts:AssumeRole grants and trust-policy entries it does not need. Then re-run the scan: the next " +
      "shortest chain, if any, is reported.",
    cli: [
      "aws iam put-role-policy --role-name <role-name> --policy-name <policy-name> --policy-document file://scoped.json",
      "aws iam update-assume-role-policy --role-name <target-role> --policy-document file://trust.json",
    ].join("\n"),
    cloudformation: [
      "- Effect: Allow",
      "  Action: [lambda:UpdateFunctionCode, lambda:UpdateFunctionConfiguration]",
      "  Resource: !GetAtt OwnFunction.Arn",
    ].join("\n"),
    terraform: [
      "statement {",
      '  actions   = ["lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration"]',
      "  resources = [aws_lambda_function.own.arn]",
      "}",
    ].join("\n"),
  },
  references: [
    "https://github.com/nccgroup/PMapper/wiki/Privilege-Escalation",
    "https://pathfinding.cloud/",
    "https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html",
  ],
  settings: EXCLUDED_ROLES_SETTINGS,
  evaluate(inventory, ctx) {
    const regions = [...new Set(inventory.lambdaFunctions.map((f) => f.region))];
    const incomplete: string[] = [
      ...(["iam_user", "iam_group"] as ResourceType[]).filter((k) => !ctx.complete(k, "global")),
      ...regions.filter((r) => !ctx.complete("lambda_function", r)).map((r) => `lambda_function in ${r}`),
    ];
    return forEachRole(inventory, ctx, "the transitive escalation paths", (p, a) => {
      if (a.adminStatus(p).adminEquivalent) {
        return { ...principalBase(p), status: "PASS", message: `IAM role ${p.name} already has full administrative access (see the administrator-access rule).`, evidence: { administrator: true } };
      }
      const t = a.transitive(p);
      if (t.chain) {
        const hops = t.chain.length;
        const end = a.principals[t.chain[hops - 1].to];
        return {
          ...principalBase(p),
          status: "FAIL",
          message: `IAM role ${p.name} can reach administrator ${end.kind} ${end.name} in ${hops} ${hops === 1 ? "step" : "steps"}: ${chainLabel(a, t.chain)}.`,
          evidence: { chain: chainEvidence(a, t.chain), directTargets: t.directTargets },
        };
      }
      // principals it can act as directly, whose policies could not all be read, may hide a chain
      const unreadable: string[] = [];
      for (const e of a.edges(p)) forEachBit(e.targets, (id) => void (a.principals[id].issues.length && unreadable.push(a.principals[id].arn)));
      if (incomplete.length || unreadable.length) {
        const why = incomplete.length ? `this scan did not list ${incomplete.join(", ")} completely` : `the policies of ${unreadable[0]}${unreadable.length > 1 ? ` and ${unreadable.length - 1} more` : ""}, which it can act as, could not be read`;
        return { ...principalBase(p), status: "UNKNOWN", message: `Could not rule out a transitive escalation path for IAM role ${p.name}: ${why}.`, evidence: { incomplete, unreadable: [...new Set(unreadable)] } };
      }
      const conditional = t.conditionalChain ? ` A chain that depends on a condition exists: ${chainLabel(a, t.conditionalChain)}.` : "";
      return {
        ...principalBase(p),
        status: "PASS",
        message: `IAM role ${p.name} cannot reach an administrator through other principals (it can act as ${t.directTargets} directly).${conditional}`,
        evidence: { directTargets: t.directTargets, conditionalChain: t.conditionalChain ? chainEvidence(a, t.conditionalChain) : null },
      };
    });
  },
};
