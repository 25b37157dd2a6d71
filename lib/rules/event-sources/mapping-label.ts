// How event-source rules name a mapping to a reader: "<source> -> <function>[:qualifier]", from ARNs alone.
import type { TLambdaEventSourceMappingRecord } from "@/scanners/lambda/record";

/** arn:aws:sqs:r:a:orders -> orders; ...:table/orders/stream/2026... -> orders; ...:stream/clicks -> clicks. */
export function sourceName(arn: string | null): string {
  if (!arn) return "a self-managed source";
  const resource = arn.split(":").slice(5).join(":");
  const parts = resource.split("/");
  if (parts[0] === "table" && parts[1]) return parts[1];
  if (parts[0] === "stream" && parts[1]) return parts[1];
  if (parts[0] === "cluster" && parts[1]) return parts[1];
  return parts[parts.length - 1] || arn;
}

export function functionLabel(m: Pick<TLambdaEventSourceMappingRecord, "functionArn">): string {
  const parts = (m.functionArn ?? "").split(":");
  if (parts[5] !== "function") return m.functionArn ?? "an unknown function";
  return parts[7] ? `${parts[6]}:${parts[7]}` : parts[6];
}

export function mappingLabel(m: TLambdaEventSourceMappingRecord): string {
  return `${sourceName(m.eventSourceArn)} -> ${functionLabel(m)}`;
}

export function mappingBase(m: TLambdaEventSourceMappingRecord): { resourceArn: string; resourceName: string; region: string } {
  return { resourceArn: m.arn, resourceName: mappingLabel(m), region: m.region };
}
