// Normalized IAM / resource policy documents: URL-decoded, Statement always an array, Action/Resource/
// Principal values always arrays, condition values always string arrays. The raw text is kept beside it.
import { z } from "zod";

export const ZPrincipal = z.union([
  z.literal("*"),
  z.object({
    AWS: z.array(z.string()).optional(),
    Service: z.array(z.string()).optional(),
    Federated: z.array(z.string()).optional(),
    CanonicalUser: z.array(z.string()).optional(),
  }),
]);
export type TPrincipal = z.infer<typeof ZPrincipal>;

export const ZStatement = z.object({
  Sid: z.string().optional(),
  Effect: z.enum(["Allow", "Deny"]),
  Principal: ZPrincipal.optional(),
  NotPrincipal: ZPrincipal.optional(),
  Action: z.array(z.string()).optional(),
  NotAction: z.array(z.string()).optional(),
  Resource: z.array(z.string()).optional(),
  NotResource: z.array(z.string()).optional(),
  /** operator -> condition key -> values (always strings, as IAM compares them) */
  Condition: z.record(z.string(), z.record(z.string(), z.array(z.string()))).optional(),
});
export type TStatement = z.infer<typeof ZStatement>;

export const ZPolicyDocument = z.object({
  Version: z.string().optional(),
  Id: z.string().optional(),
  Statement: z.array(ZStatement),
});
export type TPolicyDocument = z.infer<typeof ZPolicyDocument>;
