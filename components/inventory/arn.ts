// Short names for ARNs shown in narrow table cells (the full ARN stays available on hover).

/**
 * The name inside an ARN: the queue of arn:aws:sqs:r:a:orders, the table of
 * arn:aws:dynamodb:r:a:table/orders/stream/<time>, the function of arn:aws:lambda:r:a:function:fn:live,
 * and for IAM the last part, after its path (role/service-role/name).
 */
export function arnName(arn: string): string {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return arn;
  const resource = parts.slice(5).join(":");
  const segments = resource.split(/[/:]/).filter(Boolean);
  if (segments.length <= 1) return resource || arn;
  if (parts[2] === "iam") return segments[segments.length - 1];
  return segments[1];
}
