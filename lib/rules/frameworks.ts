// Compliance frameworks rules may map to, with the control ids that exist in each. Rules reference
// controls by id in `frameworks`; lib/rules/registry.test.ts fails on any id not listed here.
// Source: shared/research/checks-catalogue.md section 2 (Security Hub CSPM control ids in scope).
// Lambda.4 is absent on purpose: Security Hub has no such control. IAM.10-IAM.17 (password policy
// variants) are left out until their titles are confirmed.

export type FrameworkDefinition = {
  name: string;
  /** control id -> short title */
  controls: Record<string, string>;
};

export const FRAMEWORKS = {
  "aws-fsbp": {
    name: "AWS Foundational Security Best Practices",
    controls: {
      "Lambda.1": "Lambda function policies should prohibit public access",
      "Lambda.2": "Lambda functions should use supported runtimes",
      "Lambda.3": "Lambda functions should be in a VPC",
      "Lambda.5": "VPC Lambda functions should operate in multiple Availability Zones",
      "Lambda.6": "Lambda functions should be tagged",
      "Lambda.7": "Lambda functions should have AWS X-Ray active tracing enabled",
      "APIGateway.1": "API Gateway REST and WebSocket API execution logging should be enabled",
      "APIGateway.2": "API Gateway REST API stages should use SSL certificates for backend authentication",
      "APIGateway.3": "API Gateway REST API stages should have AWS X-Ray tracing enabled",
      "APIGateway.4": "API Gateway should be associated with a WAF web ACL",
      "APIGateway.5": "API Gateway REST API cache data should be encrypted at rest",
      "APIGateway.8": "API Gateway routes should specify an authorization type",
      "APIGateway.9": "Access logging should be configured for API Gateway V2 stages",
      "APIGateway.10": "API Gateway V2 integrations should use HTTPS for private connections",
      "IAM.1": "IAM policies should not allow full \"*\" administrative privileges",
      "IAM.2": "IAM users should not have IAM policies attached",
      "IAM.3": "IAM users' access keys should be rotated every 90 days or less",
      "IAM.4": "IAM root user access key should not exist",
      "IAM.5": "MFA should be enabled for all IAM users that have a console password",
      "IAM.6": "Hardware MFA should be enabled for the root user",
      "IAM.7": "Password policies for IAM users should have strong configurations",
      "IAM.8": "Unused IAM user credentials should be removed",
      "IAM.9": "MFA should be enabled for the root user",
      "IAM.18": "A support role should exist to manage incidents with AWS Support",
      "IAM.19": "MFA should be enabled for all IAM users",
      "IAM.21": "IAM customer managed policies should not allow wildcard actions for services",
      "IAM.22": "IAM user credentials unused for 45 days should be removed",
      "IAM.26": "Expired SSL/TLS certificates managed in IAM should be removed",
      "IAM.27": "IAM identities should not have the AWSCloudShellFullAccess policy attached",
      "IAM.28": "IAM Access Analyzer external access analyzer should be enabled",
    },
  },
} as const satisfies Record<string, FrameworkDefinition>;

export type FrameworkId = keyof typeof FRAMEWORKS;

export function isKnownControl(frameworkId: string, controlId: string): boolean {
  const framework = (FRAMEWORKS as Record<string, FrameworkDefinition>)[frameworkId];
  return !!framework && Object.hasOwn(framework.controls, controlId);
}
