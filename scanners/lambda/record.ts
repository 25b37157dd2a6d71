// The normalized Lambda function record: what the inventory stores in LambdaFunction.config and what
// rules read. Produced only by scanners/lambda/normalize.ts.
import { z } from "zod";
import { zFetched } from "@/lib/aws/fetched";
import { ZPolicyDocument } from "@/lib/aws/policy-document";

export const ZRedactedEnvVar = z.object({
  name: z.string(),
  /** Length of the value in characters. The value itself is never stored. */
  length: z.number().int(),
  /** HMAC-SHA256 of the value keyed by LANTERN_SECRET, hex, first 16 chars: tells "changed" without revealing it. */
  fingerprint: z.string(),
});

export const ZFunctionUrl = z.object({
  url: z.string(),
  authType: z.string(), // NONE | AWS_IAM (string, so an unknown future value is kept, not rejected)
  invokeMode: z.string().nullable(),
  cors: z
    .object({
      allowOrigins: z.array(z.string()),
      allowMethods: z.array(z.string()),
      allowHeaders: z.array(z.string()),
      exposeHeaders: z.array(z.string()),
      allowCredentials: z.boolean().nullable(),
      maxAge: z.number().nullable(),
    })
    .nullable(),
});

export const ZEventSourceMappingRef = z.object({
  uuid: z.string(),
  eventSourceArn: z.string().nullable(),
  state: z.string().nullable(),
  batchSize: z.number().nullable(),
  functionArn: z.string(),
});

export const ZLambdaFunctionRecord = z.object({
  arn: z.string(),
  name: z.string(),
  accountId: z.string(),
  region: z.string(),
  description: z.string().nullable(),
  runtime: z.string().nullable(),
  handler: z.string().nullable(),
  packageType: z.string().nullable(),
  roleArn: z.string().nullable(),
  memorySize: z.number().nullable(),
  timeout: z.number().nullable(),
  codeSize: z.number().nullable(),
  codeSha256: z.string().nullable(),
  lastModified: z.string().nullable(),
  architectures: z.array(z.string()),
  state: z.string().nullable(),
  tracingMode: z.string().nullable(),
  kmsKeyArn: z.string().nullable(),
  deadLetterTargetArn: z.string().nullable(),
  vpc: z
    .object({ vpcId: z.string().nullable(), subnetIds: z.array(z.string()), securityGroupIds: z.array(z.string()) })
    .nullable(),
  layers: z.array(z.object({ arn: z.string(), codeSize: z.number().nullable() })),
  environment: z.array(ZRedactedEnvVar),
  /** Resource-based policy: absent when the function has none (GetPolicy ResourceNotFound). */
  policy: zFetched(z.object({ document: ZPolicyDocument, text: z.string() })),
  /** Function URL of the unqualified function: absent when none is configured. */
  url: zFetched(ZFunctionUrl),
  /** Event source mappings whose target is this function (from the region-wide listing). */
  eventSourceMappings: zFetched(z.array(ZEventSourceMappingRef)),
});
export type TLambdaFunctionRecord = z.infer<typeof ZLambdaFunctionRecord>;
