// Which functions each neighbouring resource serves, and how: the join the environment rules share. Built once
// per evaluation (ctx.shared("environment.links")) from the Lambda records: triggers (resource-policy grants and
// event source mappings), S3 bucket notifications, dead-letter queues, asynchronous-invocation and mapping
// destinations, and the KMS keys that encrypt them.
import type { RuleInventory } from "@/lib/rules/types";
import { unqualifiedFunctionArn } from "@/scanners/lambda/normalize-region";

export type LinkVia =
  /** A resource-policy grant (S3, SNS, ...) naming the resource as AWS:SourceArn. */
  | "resource_policy"
  /** An event source mapping reading from the queue, stream or table. */
  | "event_source_mapping"
  /** The bucket's event notification configuration invokes the function. */
  | "bucket_notification"
  | "dead_letter_queue"
  /** On-success / on-failure destination of asynchronous invocation or of an event source mapping. */
  | "destination";

export type FunctionLink = { functionArn: string; functionName: string | null; via: LinkVia };

/** Ways a resource can deliver events to a function (ES-02 judges these); the others receive from it. */
export const TRIGGER_VIAS: ReadonlySet<LinkVia> = new Set(["resource_policy", "event_source_mapping", "bucket_notification"]);

/**
 * The ARN of the resource a link names: an S3 ARN without its object part, a DynamoDB stream ARN as its
 * table's. Everything else as written.
 */
export function resourceArnOf(arn: string): string {
  const parts = arn.split(":");
  if (parts[0] !== "arn" || parts.length < 6) return arn;
  const service = parts[2];
  if (service === "s3") return `${parts.slice(0, 5).join(":")}:${parts.slice(5).join(":").split("/")[0]}`;
  if (service === "dynamodb") {
    const resource = parts.slice(5).join(":");
    const m = /^table\/[^/]+/.exec(resource);
    if (m) return `${parts.slice(0, 5).join(":")}:${m[0]}`;
  }
  return arn;
}

export type Links = {
  /** Resource ARN (resourceArnOf) -> the functions it is linked to. */
  byResource: Map<string, FunctionLink[]>;
};

export function buildLinks(inventory: RuleInventory): Links {
  const byResource = new Map<string, FunctionLink[]>();
  const names = new Map(inventory.lambdaFunctions.map((f) => [f.arn, f.name]));
  const add = (resource: string | null | undefined, functionArn: string, via: LinkVia) => {
    if (!resource) return;
    const key = resourceArnOf(resource);
    const fn = unqualifiedFunctionArn(functionArn);
    const list = byResource.get(key) ?? [];
    if (!list.some((l) => l.functionArn === fn && l.via === via)) list.push({ functionArn: fn, functionName: names.get(fn) ?? null, via });
    byResource.set(key, list);
  };

  for (const fn of inventory.lambdaFunctions) {
    for (const t of fn.triggers) {
      if (!t.sourceArn) continue;
      add(t.sourceArn, fn.arn, t.via === "event_source_mapping" ? "event_source_mapping" : "resource_policy");
    }
    if (fn.eventSourceMappings.status === "ok") for (const m of fn.eventSourceMappings.value) add(m.eventSourceArn, fn.arn, "event_source_mapping");
    add(fn.deadLetterTargetArn, fn.arn, "dead_letter_queue");
    if (fn.eventInvokeConfigs.status === "ok") {
      for (const c of fn.eventInvokeConfigs.value) {
        add(c.onSuccessDestination, fn.arn, "destination");
        add(c.onFailureDestination, fn.arn, "destination");
      }
    }
  }
  for (const m of inventory.lambdaEventSourceMappings) {
    if (!m.unqualifiedFunctionArn) continue;
    add(m.eventSourceArn, m.unqualifiedFunctionArn, "event_source_mapping");
    add(m.onSuccessDestination, m.unqualifiedFunctionArn, "destination");
    add(m.onFailureDestination, m.unqualifiedFunctionArn, "destination");
  }
  for (const b of inventory.s3Buckets) {
    if (b.notifications.status !== "ok") continue;
    for (const fnArn of b.notifications.value.lambdaFunctionArns) add(b.arn, fnArn, "bucket_notification");
  }
  for (const list of byResource.values()) list.sort((a, b) => (a.functionArn + a.via).localeCompare(b.functionArn + b.via));
  return { byResource };
}

export function linksOf(inventory: RuleInventory, shared: <T>(key: string, compute: () => T) => T): Links {
  return shared("environment.links", () => buildLinks(inventory));
}

/** "orders-api (event source mapping), thumbs (bucket notification)" */
export function describeLinks(links: FunctionLink[]): string {
  const label: Record<LinkVia, string> = {
    resource_policy: "trigger",
    event_source_mapping: "event source mapping",
    bucket_notification: "bucket notification",
    dead_letter_queue: "dead-letter queue",
    destination: "destination",
  };
  return links.map((l) => `${l.functionName ?? l.functionArn.split(":").pop()} (${label[l.via]})`).join(", ");
}

/** Region and account of an ARN (empty strings when it names none, as S3 ARNs do). */
export function arnScope(arn: string): { region: string; account: string } {
  const parts = arn.split(":");
  return { region: parts[3] ?? "", account: parts[4] ?? "" };
}

/** Case-insensitive IAM action match with * and ? wildcards in the pattern. */
export function actionMatches(pattern: string, action: string): boolean {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "i").test(action);
}

/** The actions of `wanted` that a statement's Action / NotAction grants. */
export function grantedActions(statement: { Action?: string[]; NotAction?: string[] }, wanted: readonly string[]): string[] {
  if (statement.Action) return wanted.filter((a) => statement.Action!.some((p) => actionMatches(p, a)));
  if (statement.NotAction) return wanted.filter((a) => !statement.NotAction!.some((p) => actionMatches(p, a)));
  return [];
}
