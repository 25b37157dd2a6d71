// LC-11: someone keeps a record of who invoked the function: a CloudTrail trail that applies in the function's
// region (its own, a multi-region or an organization trail), is logging, and whose event selectors take the
// function's Invoke data events (prowler awslambda_function_invoke_api_operations_cloudtrail_logging_enabled).
// Each region's DescribeTrails lists the trails that apply there; a shadow copy's selectors are read from its
// home record. CloudTrail Lake event data stores are not read, so a FAIL means "no trail", not "no record".
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import type { TCloudTrailTrailRecord } from "@/scanners/neighbours/record";
import { invokeCoverage, type Coverage } from "./cloudtrail-coverage";

type TrailVerdict = { trail: string; trailArn: string; homeRegion: string; state: "covers" | "partial" | "no_data_events" | "not_logging" | "unknown"; detail: string | null };

function judgeTrail(t: TCloudTrailTrailRecord, all: TCloudTrailTrailRecord[], functionArn: string): TrailVerdict {
  const base = { trail: t.name, trailArn: t.trailArn, homeRegion: t.homeRegion };
  const home = t.view === "home" ? t : all.find((h) => h.view === "home" && h.trailArn === t.trailArn && h.accountId === t.accountId);
  if (!home) return { ...base, state: "unknown", detail: `its home region ${t.homeRegion} was not scanned` };
  if (home.isLogging.status !== "ok") return { ...base, state: "unknown", detail: home.isLogging.status === "error" ? `status not read (${home.isLogging.code})` : "status not read" };
  if (home.selectors.status !== "ok") return { ...base, state: "unknown", detail: home.selectors.status === "error" ? `event selectors not read (${home.selectors.code})` : "event selectors not read" };
  const c: Coverage = invokeCoverage(home.selectors.value, functionArn);
  if (c.coverage === "none") return { ...base, state: "no_data_events", detail: null };
  if (!home.isLogging.value) return { ...base, state: "not_logging", detail: `selector ${c.selector} would log it, but logging is stopped` };
  return { ...base, state: c.coverage === "full" ? "covers" : "partial", detail: [c.selector, c.note].filter(Boolean).join(": ") };
}

export const rule: RuleDefinition = {
  id: "lambda_function_invoke_logged_by_cloudtrail",
  catalogueId: "LC-11",
  title: "Lambda function invocations are recorded by CloudTrail",
  severity: "low",
  category: "lambda-configuration",
  resourceType: "lambda_function",
  description:
    "For each function, finds the CloudTrail trails that apply in its region (trails homed there, multi-region " +
    "trails and organization trails), and checks that at least one is logging and has a basic or advanced event " +
    "selector that captures the function's Invoke data events. Advanced selectors are matched field by field " +
    "(eventCategory, resources.type, resources.ARN, readOnly, eventName); a selector that also filters on other " +
    "fields (e.g. userIdentity.arn) records only some invocations and is reported as such.",
  risk:
    "Invoke is a data event: without a selector for it, CloudTrail records changes to the function but not who " +
    "called it, so abuse of a public or over-shared function leaves no trace to investigate.",
  remediation: {
    text:
      "Add an advanced event selector for Lambda data events to a multi-region trail (all functions, or the ones " +
      "that matter). Data events are billed per event.",
    cli:
      "aws cloudtrail put-event-selectors --trail-name <trail> --advanced-event-selectors " +
      "'[{\"Name\":\"Management events\",\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"Management\"]}]}," +
      "{\"Name\":\"Lambda invokes\",\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"Data\"]}," +
      "{\"Field\":\"resources.type\",\"Equals\":[\"AWS::Lambda::Function\"]}]}]'",
    cloudformation: [
      "Trail:",
      "  Type: AWS::CloudTrail::Trail",
      "  Properties:",
      "    IsLogging: true",
      "    IsMultiRegionTrail: true",
      "    S3BucketName: !Ref TrailBucket",
      "    AdvancedEventSelectors:",
      "      - Name: Management events",
      "        FieldSelectors:",
      "          - { Field: eventCategory, Equals: [Management] }",
      "      - Name: Lambda invokes",
      "        FieldSelectors:",
      "          - { Field: eventCategory, Equals: [Data] }",
      "          - { Field: resources.type, Equals: [\"AWS::Lambda::Function\"] }",
    ].join("\n"),
    terraform: [
      'resource "aws_cloudtrail" "this" {',
      '  name                  = "account-trail"',
      "  s3_bucket_name        = aws_s3_bucket.trail.id",
      "  is_multi_region_trail = true",
      "  advanced_event_selector {",
      '    name = "Management events"',
      "    field_selector {",
      '      field  = "eventCategory"',
      '      equals = ["Management"]',
      "    }",
      "  }",
      "  advanced_event_selector {",
      '    name = "Lambda invokes"',
      "    field_selector {",
      '      field  = "eventCategory"',
      '      equals = ["Data"]',
      "    }",
      "    field_selector {",
      '      field  = "resources.type"',
      '      equals = ["AWS::Lambda::Function"]',
      "    }",
      "  }",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html",
    "https://docs.aws.amazon.com/lambda/latest/dg/logging-using-cloudtrail.html",
  ],
  evaluate(inventory, ctx) {
    const results: RuleResult[] = [];
    for (const fn of inventory.lambdaFunctions) {
      const base = { resourceArn: fn.arn, resourceName: fn.name, region: fn.region };
      const applying = inventory.cloudTrails.filter((t) => t.region === fn.region && t.accountId === fn.accountId);
      const verdicts = applying.map((t) => judgeTrail(t, inventory.cloudTrails, fn.arn));
      const evidence = { trails: verdicts };
      const covering = verdicts.find((v) => v.state === "covers");
      const partial = verdicts.find((v) => v.state === "partial");
      const unknown = verdicts.filter((v) => v.state === "unknown");
      if (covering) {
        results.push({ ...base, status: "PASS", message: `Invocations of Lambda function ${fn.name} are recorded by CloudTrail trail ${covering.trail} (${covering.detail}).`, evidence });
      } else if (partial) {
        results.push({
          ...base,
          status: "PASS",
          message: `Invocations of Lambda function ${fn.name} are recorded by CloudTrail trail ${partial.trail}, for the calls its selector keeps (${partial.detail}).`,
          evidence,
        });
      } else if (unknown.length > 0) {
        results.push({
          ...base,
          status: "UNKNOWN",
          message: `Could not determine whether CloudTrail records invocations of Lambda function ${fn.name}: trail ${unknown.map((u) => `${u.trail} (${u.detail})`).join(", ")}.`,
          evidence,
        });
      } else if (!ctx.complete("cloudtrail_trail", fn.region)) {
        results.push({
          ...base,
          status: "UNKNOWN",
          message: `Could not determine whether CloudTrail records invocations of Lambda function ${fn.name}: the ${fn.region} trail listing did not complete.`,
          evidence,
        });
      } else if (verdicts.length === 0) {
        results.push({ ...base, status: "FAIL", message: `No CloudTrail trail applies in ${fn.region}, so invocations of Lambda function ${fn.name} are not recorded.`, evidence });
      } else {
        const stopped = verdicts.find((v) => v.state === "not_logging");
        results.push({
          ...base,
          status: "FAIL",
          message: stopped
            ? `Invocations of Lambda function ${fn.name} are not recorded: trail ${stopped.trail} selects them but is not logging.`
            : `Invocations of Lambda function ${fn.name} are not recorded: no trail that applies in ${fn.region} selects Lambda data events for it.`,
          evidence,
        });
      }
    }
    return results;
  },
};
