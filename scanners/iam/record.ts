// The normalized IAM records: what the inventory stores in IamRole/IamUser/IamGroup/IamPolicy.config and what
// rules read. Produced only by scanners/iam/normalize.ts. IAM is global: records carry no region (stored
// under region "global"). No credential data (access keys, passwords, MFA) is collected at all.
import { z } from "zod";
import { zFetched, type Fetched } from "@/lib/aws/fetched";
import { ZPolicyDocument } from "@/lib/aws/policy-document";

/** A policy document parsed once: normalized beside the decoded text it came from. */
export const ZParsedPolicy = z.object({ document: ZPolicyDocument, text: z.string() });
export type TParsedPolicy = z.infer<typeof ZParsedPolicy>;

/** `error` (MalformedPolicy, MissingPolicyDocument) when the document could not be read: rules say UNKNOWN. */
export const ZFetchedPolicy = zFetched(ZParsedPolicy);

export const ZInlinePolicy = z.object({ name: z.string(), policy: ZFetchedPolicy });

export const ZAttachedPolicyRef = z.object({ arn: z.string(), name: z.string().nullable() });

export const ZPermissionsBoundary = z.object({
  arn: z.string(),
  /** PermissionsBoundaryPolicy (the only type AWS defines today), kept as a string so a new one is not rejected. */
  type: z.string().nullable(),
});

/** Tag key -> value (keys are unique per IAM entity). */
export const ZTags = z.record(z.string(), z.string());

export const ZTrackedAction = z.object({
  name: z.string(),
  lastAccessedTime: z.string().nullable(),
  lastAccessedEntity: z.string().nullable(),
  lastAccessedRegion: z.string().nullable(),
});

export const ZServiceLastAccessedRecord = z.object({
  namespace: z.string(),
  name: z.string(),
  /** ISO time of the last authenticated attempt in IAM's tracking period; null when never used in it. */
  lastAuthenticated: z.string().nullable(),
  lastAuthenticatedEntity: z.string().nullable(),
  lastAuthenticatedRegion: z.string().nullable(),
  totalAuthenticatedEntities: z.number().nullable(),
  /** Present only for services IAM tracks per action. */
  trackedActions: z.array(ZTrackedAction).optional(),
});

export const ZLastAccessed = z.object({
  jobCompletedAt: z.string().nullable(),
  services: z.array(ZServiceLastAccessedRecord),
});
export type TLastAccessed = z.infer<typeof ZLastAccessed>;

export const ZIamRoleRecord = z.object({
  arn: z.string(),
  name: z.string(),
  accountId: z.string(),
  path: z.string().nullable(),
  roleId: z.string().nullable(),
  createDate: z.string().nullable(),
  trustPolicy: ZFetchedPolicy,
  inlinePolicies: z.array(ZInlinePolicy),
  attachedPolicies: z.array(ZAttachedPolicyRef),
  permissionsBoundary: ZPermissionsBoundary.nullable(),
  instanceProfiles: z.array(z.object({ arn: z.string(), name: z.string(), id: z.string().nullable() })),
  /** null when IAM reports no use within its tracking period (400 days at most). */
  roleLastUsed: z.object({ date: z.string(), region: z.string().nullable() }).nullable(),
  tags: ZTags,
  /** Seconds; from ListRoles, because GAAD's RoleDetail does not carry it. */
  maxSessionDuration: zFetched(z.number()),
  /**
   * Service last accessed details (ACTION_LEVEL). `absent` means not requested: only roles that Lambda
   * functions use are asked about, and on a first scan no function is known yet.
   */
  lastAccessed: zFetched(ZLastAccessed),
});
export type TIamRoleRecord = z.infer<typeof ZIamRoleRecord>;

export const ZIamUserRecord = z.object({
  arn: z.string(),
  name: z.string(),
  accountId: z.string(),
  path: z.string().nullable(),
  userId: z.string().nullable(),
  createDate: z.string().nullable(),
  /** arn is null when the group is not in the same GAAD reply (it always should be). */
  groups: z.array(z.object({ name: z.string(), arn: z.string().nullable() })),
  inlinePolicies: z.array(ZInlinePolicy),
  attachedPolicies: z.array(ZAttachedPolicyRef),
  permissionsBoundary: ZPermissionsBoundary.nullable(),
  tags: ZTags,
});
export type TIamUserRecord = z.infer<typeof ZIamUserRecord>;

export const ZIamGroupRecord = z.object({
  arn: z.string(),
  name: z.string(),
  accountId: z.string(),
  path: z.string().nullable(),
  groupId: z.string().nullable(),
  createDate: z.string().nullable(),
  inlinePolicies: z.array(ZInlinePolicy),
  attachedPolicies: z.array(ZAttachedPolicyRef),
  /** From the users' group lists: GAAD's GroupDetail does not list members. */
  members: z.array(z.object({ name: z.string(), arn: z.string() })),
});
export type TIamGroupRecord = z.infer<typeof ZIamGroupRecord>;

export const ZPolicyVersionRecord = z.object({
  versionId: z.string(),
  isDefault: z.boolean(),
  createDate: z.string().nullable(),
  policy: ZFetchedPolicy,
});

export const ZIamPolicyRecord = z.object({
  /** The policy's real ARN (arn:aws:iam::aws:policy/... for AWS managed policies). */
  arn: z.string(),
  name: z.string(),
  /** The scanned account: an AWS managed policy is recorded once per account that uses it. */
  accountId: z.string(),
  path: z.string().nullable(),
  isAwsManaged: z.boolean(),
  /** Attachments in this account, as IAM counts them. */
  attachmentCount: z.number().nullable(),
  permissionsBoundaryUsageCount: z.number().nullable(),
  isAttachable: z.boolean().nullable(),
  defaultVersionId: z.string().nullable(),
  /** Every version GAAD returned (all of them, up to IAM's 5), the default one marked. */
  versions: z.array(ZPolicyVersionRecord),
});
export type TIamPolicyRecord = z.infer<typeof ZIamPolicyRecord>;

/** Service principals a trust policy's Allow statements name (lambda.amazonaws.com, ...), sorted, unique. */
export function trustedServices(trustPolicy: Fetched<TParsedPolicy>): string[] {
  if (trustPolicy.status !== "ok") return [];
  const services = new Set<string>();
  for (const s of trustPolicy.value.document.Statement) {
    if (s.Effect !== "Allow" || !s.Principal || s.Principal === "*") continue;
    for (const service of s.Principal.Service ?? []) services.add(service);
  }
  return [...services].sort();
}
