// Does a CloudTrail trail log a function's Invoke data events? Basic event selectors name Lambda functions in
// DataResources ("arn:<partition>:lambda" for all of them, or a function ARN); advanced selectors are matched
// field by field against the Invoke event. A Lambda Invoke data event is a write (readOnly false), so a
// ReadOnly basic selector or `readOnly = true` does not log it.
import type { TEventSelectorsRecord, TFieldSelector } from "@/scanners/neighbours/record";

export type Coverage = { coverage: "full" | "partial" | "none"; selector: string | null; note: string | null };

/** The fields of a function's Invoke data event that selectors can match on. */
function invokeEvent(functionArn: string): Record<string, string> {
  return {
    eventCategory: "Data",
    "resources.type": "AWS::Lambda::Function",
    "resources.ARN": functionArn,
    readOnly: "false",
    eventName: "Invoke",
    eventSource: "lambda.amazonaws.com",
    eventType: "AwsApiCall",
  };
}

function fieldMatches(f: TFieldSelector, value: string): boolean {
  if (f.equals.length && !f.equals.includes(value)) return false;
  if (f.startsWith.length && !f.startsWith.some((p) => value.startsWith(p))) return false;
  if (f.endsWith.length && !f.endsWith.some((s) => value.endsWith(s))) return false;
  if (f.notEquals.includes(value)) return false;
  if (f.notStartsWith.some((p) => value.startsWith(p))) return false;
  if (f.notEndsWith.some((s) => value.endsWith(s))) return false;
  return true;
}

export function invokeCoverage(selectors: TEventSelectorsRecord, functionArn: string): Coverage {
  const partition = functionArn.split(":")[1] ?? "aws";
  for (const [i, s] of selectors.basic.entries()) {
    if ((s.readWriteType ?? "All") === "ReadOnly") continue;
    for (const d of s.dataResources) {
      if (d.type !== "AWS::Lambda::Function") continue;
      const hit = d.values.find((v) => v === `arn:${partition}:lambda` || v === functionArn);
      if (hit) return { coverage: "full", selector: `event selector #${i + 1}`, note: hit === functionArn ? "names the function" : "all functions" };
    }
  }

  let partial: Coverage | null = null;
  const event = invokeEvent(functionArn);
  for (const [i, s] of selectors.advanced.entries()) {
    const label = s.name ? `"${s.name}"` : `advanced event selector #${i + 1}`;
    const unknownFields = s.fieldSelectors.filter((f) => !(f.field in event)).map((f) => f.field);
    const known = s.fieldSelectors.filter((f) => f.field in event);
    // A selector without eventCategory = Data logs management events only.
    if (!known.some((f) => f.field === "eventCategory" && fieldMatches(f, "Data") && f.equals.includes("Data"))) continue;
    if (!known.every((f) => fieldMatches(f, event[f.field]))) continue;
    if (unknownFields.length === 0) return { coverage: "full", selector: label, note: null };
    partial ??= { coverage: "partial", selector: label, note: `filtered on ${unknownFields.join(", ")}` };
  }
  return partial ?? { coverage: "none", selector: null, note: null };
}
