// What collect hands to normalize: the AWS responses of one (account, region), JSON-only (dates as ISO
// strings) so a recorded fixture and a live collection have the same shape. The SDK types mark every field
// optional; these schemas require the few fields Lantern keys on and keep every other field as AWS sent it.
import { z } from "zod";
import { zFetched } from "@/lib/aws/fetched";

const optionalString = z.string().nullish();
const optionalNumber = z.number().nullish();
const optionalStrings = z.array(z.string()).nullish();

export const ZFunctionConfiguration = z.looseObject({
  FunctionName: z.string(),
  FunctionArn: z.string(),
  Description: optionalString,
  Runtime: optionalString,
  Handler: optionalString,
  PackageType: optionalString,
  Role: optionalString,
  MemorySize: optionalNumber,
  Timeout: optionalNumber,
  CodeSize: optionalNumber,
  CodeSha256: optionalString,
  LastModified: optionalString,
  Architectures: optionalStrings,
  State: optionalString,
  TracingConfig: z.looseObject({ Mode: optionalString }).nullish(),
  KMSKeyArn: optionalString,
  DeadLetterConfig: z.looseObject({ TargetArn: optionalString }).nullish(),
  VpcConfig: z
    .looseObject({ VpcId: optionalString, SubnetIds: optionalStrings, SecurityGroupIds: optionalStrings })
    .nullish(),
  Layers: z.array(z.looseObject({ Arn: z.string(), CodeSize: optionalNumber })).nullish(),
  Environment: z
    .looseObject({
      Variables: z.record(z.string(), z.string()).nullish(),
      Error: z.looseObject({ ErrorCode: optionalString, Message: optionalString }).nullish(),
    })
    .nullish(),
});
export type TFunctionConfiguration = z.infer<typeof ZFunctionConfiguration>;

/** GetPolicy output without $metadata. Lambda returns the policy as plain JSON text. */
export const ZGetPolicyResponse = z.looseObject({ Policy: z.string(), RevisionId: optionalString });
export type TGetPolicyResponse = z.infer<typeof ZGetPolicyResponse>;

/** GetFunctionUrlConfig output without $metadata. */
export const ZFunctionUrlConfig = z.looseObject({
  FunctionUrl: z.string(),
  FunctionArn: optionalString,
  AuthType: z.string(),
  InvokeMode: optionalString,
  CreationTime: optionalString,
  LastModifiedTime: optionalString,
  Cors: z
    .looseObject({
      AllowOrigins: optionalStrings,
      AllowMethods: optionalStrings,
      AllowHeaders: optionalStrings,
      ExposeHeaders: optionalStrings,
      AllowCredentials: z.boolean().nullish(),
      MaxAge: optionalNumber,
    })
    .nullish(),
});
export type TFunctionUrlConfig = z.infer<typeof ZFunctionUrlConfig>;

export const ZEventSourceMapping = z.looseObject({
  UUID: z.string(),
  FunctionArn: optionalString,
  EventSourceArn: optionalString,
  State: optionalString,
  BatchSize: optionalNumber,
  LastModified: optionalString,
});
export type TEventSourceMapping = z.infer<typeof ZEventSourceMapping>;

/** A region-wide listing: it either completed or failed as a whole (there is no "absent" listing). */
function zListing<T extends z.ZodTypeAny>(value: T) {
  return z.discriminatedUnion("status", [
    z.object({ status: z.literal("ok"), value }),
    z.object({ status: z.literal("error"), code: z.string(), message: z.string() }),
  ]);
}

export const ZLambdaFunctionRaw = z.object({
  configuration: ZFunctionConfiguration,
  policy: zFetched(ZGetPolicyResponse),
  url: zFetched(ZFunctionUrlConfig),
});
export type TLambdaFunctionRaw = z.infer<typeof ZLambdaFunctionRaw>;

export const ZLambdaRaw = z.discriminatedUnion("listing", [
  z.object({
    /** ListFunctions paged to the end: the functions below are every function in the region. */
    listing: z.literal("complete"),
    functions: z.array(ZLambdaFunctionRaw),
    eventSourceMappings: zListing(z.array(ZEventSourceMapping)),
  }),
  z.object({
    /** ListFunctions failed: nothing is known about the region's functions. */
    listing: z.literal("failed"),
    code: z.string(),
    message: z.string(),
  }),
]);
export type LambdaRaw = z.infer<typeof ZLambdaRaw>;
