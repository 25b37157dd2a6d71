// ES-07 (informational): a disabled event source mapping is wiring nobody watches. It reads nothing today, but
// re-enabling it (by hand, or by a template that still declares it) resumes reading from wherever the source
// then points, with the function's current code and permissions. Mappings being deleted get no result.
import type { TLambdaEventSourceMappingRecord } from "@/scanners/lambda/record";
import type { RuleContext, RuleDefinition, RuleResult } from "@/lib/rules/types";
import { mappingBase, mappingLabel } from "./mapping-label";

const DISABLED = new Set(["Disabled", "Disabling"]);
const ACTIVE = new Set(["Enabled", "Enabling", "Creating", "Updating"]);
const DAY_MS = 24 * 60 * 60 * 1000;

function evaluateMapping(m: TLambdaEventSourceMappingRecord, ctx: RuleContext): RuleResult | null {
  if (m.state === "Deleting") return null;
  const base = mappingBase(m);
  const changed = m.lastModified ? Date.parse(m.lastModified) : NaN;
  const days = Number.isFinite(changed) ? Math.floor((ctx.now.getTime() - changed) / DAY_MS) : null;
  const evidence = {
    uuid: m.uuid,
    state: m.state,
    stateTransitionReason: m.stateTransitionReason,
    lastModified: m.lastModified,
    daysSinceLastChange: days,
    eventSourceArn: m.eventSourceArn,
    functionArn: m.functionArn,
  };
  if (m.state && DISABLED.has(m.state)) {
    const since = m.lastModified && days !== null ? ` since ${m.lastModified.slice(0, 10)} (${days} days)` : "";
    const why = m.stateTransitionReason ? `, reason ${m.stateTransitionReason}` : "";
    return { ...base, status: "FAIL", message: `Event source mapping ${mappingLabel(m)} is disabled${since}${why}.`, evidence };
  }
  if (m.state && ACTIVE.has(m.state)) {
    return { ...base, status: "PASS", message: `Event source mapping ${mappingLabel(m)} is ${m.state.toLowerCase()}.`, evidence };
  }
  return {
    ...base,
    status: "UNKNOWN",
    message: m.state ? `Could not judge event source mapping ${mappingLabel(m)}: unrecognized state "${m.state}".` : `Could not determine the state of event source mapping ${mappingLabel(m)}.`,
    evidence,
  };
}

export const rule: RuleDefinition = {
  id: "lambda_event_source_mapping_not_disabled",
  catalogueId: "ES-07",
  title: "Event source mapping is not left disabled",
  severity: "informational",
  category: "event-sources",
  resourceType: "lambda_event_source_mapping",
  description: "Reports event source mappings in the Disabled (or Disabling) state, with how long ago they last changed.",
  risk:
    "A disabled mapping is a dormant path into the function that reviews overlook. Re-enabling it resumes " +
    "processing, possibly of a backlog or of a source that has been repurposed since.",
  remediation: {
    text: "Delete the mapping if the function should no longer read from the source; otherwise re-enable it and document why it was paused.",
    cli: "aws lambda delete-event-source-mapping --uuid <uuid>",
    cloudformation: "# Remove the AWS::Lambda::EventSourceMapping resource (or its Enabled: false) from the template and update the stack.",
    terraform: "# Remove the aws_lambda_event_source_mapping block (or its enabled = false) and apply.",
  },
  references: ["https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html"],
  evaluate(inventory, ctx) {
    return inventory.lambdaEventSourceMappings.flatMap((m) => evaluateMapping(m, ctx) ?? []);
  },
};
