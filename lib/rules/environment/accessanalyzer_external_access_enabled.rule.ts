// G-01: every scanned region has an active external-access analyzer (Security Hub IAM.28, prowler
// accessanalyzer_enabled). Analyzers are regional: one in us-east-1 says nothing about eu-west-1. An
// organization analyzer that a delegated administrator runs is not visible from member accounts, so a member
// account with none of its own fails here; add an account analyzer or accept the finding with that reason.
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";

const EXTERNAL_ACCESS_TYPES = new Set(["ACCOUNT", "ORGANIZATION"]);

export const rule: RuleDefinition = {
  id: "accessanalyzer_external_access_enabled",
  catalogueId: "G-01",
  title: "IAM Access Analyzer external access analyzer is enabled in the region",
  severity: "high",
  category: "guardrails",
  resourceType: "accessanalyzer_region",
  description:
    "For each scanned region, lists IAM Access Analyzer's analyzers and checks that one of type ACCOUNT or " +
    "ORGANIZATION (external access) is ACTIVE. Unused-access analyzers do not count.",
  risk:
    "Without an external access analyzer nobody is told when a policy starts sharing a function, layer, bucket, " +
    "queue, key or role with another account or with everyone: an accidental public grant stays unnoticed.",
  remediation: {
    text: "Create an account (or, in the management or delegated administrator account, organization) analyzer in every region you use.",
    cli: "aws accessanalyzer create-analyzer --analyzer-name account-analyzer --type ACCOUNT --region <region>",
    cloudformation: ["Analyzer:", "  Type: AWS::AccessAnalyzer::Analyzer", "  Properties:", "    AnalyzerName: account-analyzer", "    Type: ACCOUNT"].join("\n"),
    terraform: ['resource "aws_accessanalyzer_analyzer" "this" {', '  analyzer_name = "account-analyzer"', '  type          = "ACCOUNT"', "}"].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-28",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/what-is-access-analyzer.html",
  ],
  frameworks: { "aws-fsbp": ["IAM.28"] },
  evaluate(inventory) {
    return inventory.accessAnalyzerRegions.map((r): RuleResult => {
      const base = { resourceArn: r.arn, resourceName: r.name, region: r.region };
      if (r.analyzers.status === "error") {
        return { ...base, status: "UNKNOWN", message: `Could not list IAM Access Analyzer analyzers in ${r.region}: ${r.analyzers.code}.`, evidence: { analyzers: r.analyzers } };
      }
      const external = r.analyzers.value.filter((a) => EXTERNAL_ACCESS_TYPES.has(a.type));
      const evidence = { analyzers: r.analyzers.value.map(({ arn, name, type, status }) => ({ arn, name, type, status })) };
      const active = external.find((a) => a.status === "ACTIVE");
      if (active) return { ...base, status: "PASS", message: `Region ${r.region} has an active external access analyzer (${active.name}, ${active.type}).`, evidence };
      const creating = external.find((a) => a.status === "CREATING");
      if (creating) return { ...base, status: "UNKNOWN", message: `The external access analyzer ${creating.name} in ${r.region} is still being created.`, evidence };
      if (external.length > 0) {
        return { ...base, status: "FAIL", message: `Region ${r.region} has no active external access analyzer (${external.map((a) => `${a.name}: ${a.status}`).join(", ")}).`, evidence };
      }
      return { ...base, status: "FAIL", message: `Region ${r.region} has no IAM Access Analyzer external access analyzer.`, evidence };
    });
  },
};
