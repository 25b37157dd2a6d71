// LX-08 (layers): a layer version this account publishes must not be shared with everyone. AddLayerVersionPermission
// with --principal "*" and no --organization-id lets every AWS account read the layer's code; with
// --organization-id AWS writes a StringEquals aws:PrincipalOrgID condition, which limits it to one organization.
// The same condition-aware analysis as LX-01 decides (lib/analysis/policy-exposure.ts). Grants to named
// accounts are sharing, not publishing: they pass here and show in the evidence.
import { assessAnyoneStatements } from "@/lib/analysis/policy-exposure";
import type { TLambdaLayerVersionRecord } from "@/scanners/lambda/record";
import type { InstallationSettings, RuleDefinition, RuleResult } from "@/lib/rules/types";
import { statementEvidence, statementLabel } from "./policy-evidence";

function evaluateLayer(layer: TLambdaLayerVersionRecord, installation: InstallationSettings): RuleResult {
  const base = { resourceArn: layer.arn, resourceName: `${layer.layerName}:${layer.version}`, region: layer.region };
  const label = `Lambda layer ${layer.layerName} version ${layer.version}`;
  if (!layer.policy) {
    return { ...base, status: "UNKNOWN", message: `Could not determine whether ${label} is public: its inventory record has no policy data.`, evidence: { policy: null } };
  }
  if (layer.policy.status === "error") {
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not read the layer version policy of ${label}: ${layer.policy.code}.`,
      evidence: { policy: { status: "error", code: layer.policy.code, message: layer.policy.message } },
    };
  }
  if (layer.policy.status === "absent") {
    return { ...base, status: "PASS", message: `${label} has no layer version policy, so only this account can use it.`, evidence: { policy: null } };
  }

  const doc = layer.policy.value.document;
  const assessed = assessAnyoneStatements(doc, {
    accountId: layer.accountId,
    trustedAccountIds: installation.trustedAccountIds,
    orgIds: installation.trustedOrganizationIds.length > 0 ? installation.trustedOrganizationIds : undefined,
  });
  const open = assessed.filter((s) => s.verdict === "public");
  const restricted = assessed.filter((s) => s.verdict !== "public");
  const sharedWithAccounts = doc.Statement.filter((s) => s.Effect === "Allow" && s.Principal && s.Principal !== "*")
    .flatMap((s) => (s.Principal !== "*" ? (s.Principal?.AWS ?? []) : []))
    .filter((p) => p !== "*");
  const evidence = {
    publicStatements: open.map(statementEvidence),
    restrictedStatements: restricted.map(statementEvidence),
    sharedWithAccounts,
  };

  if (open.length > 0) {
    return {
      ...base,
      status: "FAIL",
      message: `${label} is shared with every AWS account (statement ${open.map(statementLabel).join(", ")} allows Principal "*" without an organization condition).`,
      evidence,
    };
  }
  if (restricted.length > 0) {
    return {
      ...base,
      status: "PASS",
      message: `${label} is shared with Principal "*" only under a condition that limits it to an organization or account.`,
      evidence,
    };
  }
  return {
    ...base,
    status: "PASS",
    message:
      sharedWithAccounts.length > 0
        ? `${label} is shared only with named accounts: ${sharedWithAccounts.join(", ")}.`
        : `${label} has a layer version policy that shares it with no one outside this account.`,
    evidence,
  };
}

export const rule: RuleDefinition = {
  id: "lambda_layer_version_not_public",
  catalogueId: "LX-08",
  title: "Lambda layer version is not shared with every AWS account",
  severity: "high",
  category: "lambda-exposure",
  resourceType: "lambda_layer_version",
  description:
    "Reads the policy of each layer version this account publishes and reports statements that allow Principal " +
    "\"*\" (every AWS account) without a condition such as aws:PrincipalOrgID that limits who can use the layer.",
  risk:
    "Anyone can download a public layer version's code (lambda:GetLayerVersion returns a download link) and read " +
    "what it contains: internal libraries, configuration and sometimes embedded credentials. Other accounts can " +
    "also build on it, which makes removing or changing it harder.",
  remediation: {
    text:
      "Remove the public statement and share the layer with your organization (--organization-id) or with the " +
      "accounts that need it. Publish a new version if the old one contained anything sensitive, and delete the old version.",
    cli:
      "aws lambda remove-layer-version-permission --layer-name <layer-name> --version-number <version> --statement-id <sid>\n" +
      "aws lambda add-layer-version-permission --layer-name <layer-name> --version-number <version> " +
      "--statement-id organization --action lambda:GetLayerVersion --principal '*' --organization-id <o-organization-id>",
    cloudformation: [
      "LayerPermission:",
      "  Type: AWS::Lambda::LayerVersionPermission",
      "  Properties:",
      "    LayerVersionArn: !Ref Layer",
      "    Action: lambda:GetLayerVersion",
      "    Principal: '*'",
      "    OrganizationId: o-a1b2c3d4e5",
    ].join("\n"),
    terraform: [
      'resource "aws_lambda_layer_version_permission" "organization" {',
      "  layer_name      = aws_lambda_layer_version.this.layer_name",
      "  version_number  = aws_lambda_layer_version.this.version",
      '  statement_id    = "organization"',
      '  action          = "lambda:GetLayerVersion"',
      '  principal       = "*"',
      '  organization_id = "o-a1b2c3d4e5"',
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/lambda/latest/dg/permissions-layer-cross-account.html",
    "https://docs.aws.amazon.com/lambda/latest/api/API_AddLayerVersionPermission.html",
  ],
  evaluate(inventory, ctx) {
    return inventory.lambdaLayerVersions.map((layer) => evaluateLayer(layer, ctx.installation));
  },
};
