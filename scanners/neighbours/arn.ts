// ARN helpers of the neighbours scanner: building the ARNs AWS does not return, and reading their parts.

/** The ARN partition of a region, for ARNs Lantern has to build itself. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("us-isob-")) return "aws-iso-b";
  if (region.startsWith("us-iso-")) return "aws-iso";
  return "aws";
}

/** arn:partition:service:region:account:resource -> its parts; null when the text is not an ARN. */
export function parseArn(arn: string): { partition: string; service: string; region: string; account: string; resource: string } | null {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return null;
  return { partition: parts[1], service: parts[2], region: parts[3], account: parts[4], resource: parts.slice(5).join(":") };
}
