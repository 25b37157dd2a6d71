// G-02: the region's external access analyzers report no active findings (prowler
// accessanalyzer_enabled_without_findings): every resource shared outside the zone of trust has been reviewed
// (archived as intended, or fixed). Only counts are collected; the findings themselves are in the console.
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";

const EXTERNAL_ACCESS_TYPES = new Set(["ACCOUNT", "ORGANIZATION"]);

export const rule: RuleDefinition = {
  id: "accessanalyzer_no_active_findings",
  catalogueId: "G-02",
  title: "IAM Access Analyzer has no active external access findings in the region",
  severity: "low",
  category: "guardrails",
  resourceType: "accessanalyzer_region",
  description:
    "For each scanned region with an active external access analyzer, counts its findings with status ACTIVE " +
    "(resources that policies share outside the account or organization and that nobody has archived or fixed). " +
    "Regions without such an analyzer are judged by G-01, not here.",
  risk:
    "An active finding is a resource reachable from outside the zone of trust that nobody has confirmed as " +
    "intended: a public bucket, a cross-account function grant, a key shared with an unknown account.",
  remediation: {
    text:
      "Review each active finding in the IAM Access Analyzer console: fix the policy when the access is not " +
      "intended, or archive the finding (or add an archive rule) when it is.",
    cli:
      "aws accessanalyzer list-findings-v2 --analyzer-arn <analyzer-arn> --filter '{\"status\":{\"eq\":[\"ACTIVE\"]}}'\n" +
      "aws accessanalyzer update-findings --analyzer-arn <analyzer-arn> --ids <finding-id> --status ARCHIVED",
    cloudformation: [
      "Analyzer:",
      "  Type: AWS::AccessAnalyzer::Analyzer",
      "  Properties:",
      "    Type: ACCOUNT",
      "    ArchiveRules:",
      "      - RuleName: trusted-partner",
      "        Filter:",
      "          - Property: principal.AWS",
      "            Eq: [\"<partner-account-id>\"]",
    ].join("\n"),
    terraform: [
      'resource "aws_accessanalyzer_archive_rule" "trusted_partner" {',
      "  analyzer_name = aws_accessanalyzer_analyzer.this.analyzer_name",
      '  rule_name     = "trusted-partner"',
      "  filter {",
      '    criteria = "principal.AWS"',
      '    eq       = ["<partner-account-id>"]',
      "  }",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-archive-rules.html",
  ],
  evaluate(inventory) {
    const results: RuleResult[] = [];
    for (const r of inventory.accessAnalyzerRegions) {
      const base = { resourceArn: r.arn, resourceName: r.name, region: r.region };
      if (r.analyzers.status === "error") {
        results.push({ ...base, status: "UNKNOWN", message: `Could not list IAM Access Analyzer analyzers in ${r.region}: ${r.analyzers.code}.`, evidence: { analyzers: r.analyzers } });
        continue;
      }
      const active = r.analyzers.value.filter((a) => EXTERNAL_ACCESS_TYPES.has(a.type) && a.status === "ACTIVE");
      if (active.length === 0) continue;
      const counts = active.map((a) => ({ analyzer: a.name, arn: a.arn, activeFindings: a.activeFindings }));
      const unread = active.filter((a) => a.activeFindings.status !== "ok");
      const total = active.reduce((n, a) => n + (a.activeFindings.status === "ok" ? a.activeFindings.value.count : 0), 0);
      const byType: Record<string, number> = {};
      for (const a of active) if (a.activeFindings.status === "ok") for (const [t, n] of Object.entries(a.activeFindings.value.byResourceType)) byType[t] = (byType[t] ?? 0) + n;
      const evidence = { analyzers: counts, activeFindingsByResourceType: byType };
      if (total > 0) {
        const types = Object.entries(byType).sort(([a], [b]) => a.localeCompare(b)).map(([t, n]) => `${n} ${t}`).join(", ");
        results.push({ ...base, status: "FAIL", message: `IAM Access Analyzer in ${r.region} has ${total} active external access finding${total === 1 ? "" : "s"} (${types}).`, evidence });
      } else if (unread.length > 0) {
        const code = unread.map((a) => (a.activeFindings.status === "error" ? a.activeFindings.code : "not read")).join(", ");
        results.push({ ...base, status: "UNKNOWN", message: `Could not count the active findings of IAM Access Analyzer in ${r.region}: ${code}.`, evidence });
      } else {
        results.push({ ...base, status: "PASS", message: `IAM Access Analyzer in ${r.region} has no active external access findings.`, evidence });
      }
    }
    return results;
  },
};
