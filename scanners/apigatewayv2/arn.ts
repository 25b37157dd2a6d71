// ARNs of API Gateway v2 resources. AWS returns no ARN for an API, so Lantern builds the one IAM and
// CloudTrail use: arn:<partition>:apigateway:<region>::/apis/<apiId>.

export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("us-isob-")) return "aws-iso-b";
  if (region.startsWith("us-iso-")) return "aws-iso";
  return "aws";
}

export function httpApiArn(region: string, apiId: string): string {
  return `arn:${partitionOf(region)}:apigateway:${region}::/apis/${apiId}`;
}

export function domainNameArn(region: string, domainName: string): string {
  return `arn:${partitionOf(region)}:apigateway:${region}::/domainnames/${domainName}`;
}
