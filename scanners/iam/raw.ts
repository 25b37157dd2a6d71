// What collect hands to normalize: the IAM responses of one account, JSON-only (dates as ISO strings) so a
// recorded fixture and a live collection have the same shape. The SDK types mark every field optional; these
// schemas require the few fields Lantern keys on and keep every other field as AWS sent it (looseObject).
// Policy documents stay here exactly as AWS returned them (URL-encoded or not): normalize parses them.
import { ZLastAccessed } from "@/scanners/iam/record";
import { z } from "zod";
import { zFetched } from "@/lib/aws/fetched";

const optionalString = z.string().nullish();
const optionalNumber = z.number().nullish();
const optionalBoolean = z.boolean().nullish();

const ZTag = z.looseObject({ Key: z.string(), Value: z.string() });

/** An inline policy as GAAD embeds it: PolicyDocument is the (usually URL-encoded) policy text. */
export const ZPolicyDetail = z.looseObject({ PolicyName: z.string(), PolicyDocument: optionalString });
export type TPolicyDetail = z.infer<typeof ZPolicyDetail>;

export const ZAttachedPolicy = z.looseObject({ PolicyArn: z.string(), PolicyName: optionalString });
export type TAttachedPolicy = z.infer<typeof ZAttachedPolicy>;

export const ZAttachedPermissionsBoundary = z.looseObject({
  PermissionsBoundaryArn: z.string(),
  PermissionsBoundaryType: optionalString,
});
export type TAttachedPermissionsBoundary = z.infer<typeof ZAttachedPermissionsBoundary>;

export const ZInstanceProfile = z.looseObject({
  Arn: z.string(),
  InstanceProfileName: z.string(),
  InstanceProfileId: optionalString,
  Path: optionalString,
});

export const ZRoleDetail = z.looseObject({
  Arn: z.string(),
  RoleName: z.string(),
  RoleId: optionalString,
  Path: optionalString,
  CreateDate: optionalString,
  AssumeRolePolicyDocument: optionalString,
  InstanceProfileList: z.array(ZInstanceProfile).nullish(),
  RolePolicyList: z.array(ZPolicyDetail).nullish(),
  AttachedManagedPolicies: z.array(ZAttachedPolicy).nullish(),
  PermissionsBoundary: ZAttachedPermissionsBoundary.nullish(),
  Tags: z.array(ZTag).nullish(),
  /** `{}` when the role has not been used within IAM's tracking period (and always on moto). */
  RoleLastUsed: z.looseObject({ LastUsedDate: optionalString, Region: optionalString }).nullish(),
});
export type TRoleDetail = z.infer<typeof ZRoleDetail>;

export const ZUserDetail = z.looseObject({
  Arn: z.string(),
  UserName: z.string(),
  UserId: optionalString,
  Path: optionalString,
  CreateDate: optionalString,
  UserPolicyList: z.array(ZPolicyDetail).nullish(),
  /** Group names (not ARNs). */
  GroupList: z.array(z.string()).nullish(),
  AttachedManagedPolicies: z.array(ZAttachedPolicy).nullish(),
  PermissionsBoundary: ZAttachedPermissionsBoundary.nullish(),
  Tags: z.array(ZTag).nullish(),
});
export type TUserDetail = z.infer<typeof ZUserDetail>;

export const ZGroupDetail = z.looseObject({
  Arn: z.string(),
  GroupName: z.string(),
  GroupId: optionalString,
  Path: optionalString,
  CreateDate: optionalString,
  GroupPolicyList: z.array(ZPolicyDetail).nullish(),
  AttachedManagedPolicies: z.array(ZAttachedPolicy).nullish(),
});
export type TGroupDetail = z.infer<typeof ZGroupDetail>;

export const ZPolicyVersion = z.looseObject({
  VersionId: z.string(),
  Document: optionalString,
  IsDefaultVersion: optionalBoolean,
  CreateDate: optionalString,
});

export const ZManagedPolicyDetail = z.looseObject({
  Arn: z.string(),
  /** moto 5.2.1 leaves it (and PolicyId) out of GAAD; normalize then reads the name from the ARN. */
  PolicyName: optionalString,
  PolicyId: optionalString,
  Path: optionalString,
  DefaultVersionId: optionalString,
  AttachmentCount: optionalNumber,
  PermissionsBoundaryUsageCount: optionalNumber,
  IsAttachable: optionalBoolean,
  Description: optionalString,
  CreateDate: optionalString,
  UpdateDate: optionalString,
  PolicyVersionList: z.array(ZPolicyVersion).nullish(),
});
export type TManagedPolicyDetail = z.infer<typeof ZManagedPolicyDetail>;

/**
 * The one ListRoles field GAAD's RoleDetail lacks and the record needs. Only these two fields are kept:
 * ListRoles repeats every trust policy GAAD already returned, which would double the raw for nothing.
 */
export const ZRoleSessionDuration = z.object({ Arn: z.string(), MaxSessionDuration: optionalNumber });
export type TRoleSessionDuration = z.infer<typeof ZRoleSessionDuration>;

export const ZTrackedActionLastAccessed = z.looseObject({
  ActionName: optionalString,
  LastAccessedEntity: optionalString,
  LastAccessedTime: optionalString,
  LastAccessedRegion: optionalString,
});

export const ZServiceLastAccessed = z.looseObject({
  ServiceName: z.string(),
  ServiceNamespace: z.string(),
  LastAuthenticated: optionalString,
  LastAuthenticatedEntity: optionalString,
  LastAuthenticatedRegion: optionalString,
  TotalAuthenticatedEntities: optionalNumber,
  /** Only for services IAM tracks at action level (ACTION_LEVEL jobs); absent for the others. */
  TrackedActionsLastAccessed: z.array(ZTrackedActionLastAccessed).nullish(),
});
export type TServiceLastAccessed = z.infer<typeof ZServiceLastAccessed>;

/** A completed GetServiceLastAccessedDetails job, every page of ServicesLastAccessed merged. */
export const ZLastAccessedReport = z.object({
  JobId: z.string(),
  JobType: optionalString,
  JobCreationDate: optionalString,
  JobCompletionDate: optionalString,
  ServicesLastAccessed: z.array(ZServiceLastAccessed),
});
export type TLastAccessedReport = z.infer<typeof ZLastAccessedReport>;

/** An account-wide listing: it either completed or failed as a whole (there is no "absent" listing). */
function zListing<T extends z.ZodTypeAny>(value: T) {
  return z.discriminatedUnion("status", [
    z.object({ status: z.literal("ok"), value }),
    z.object({ status: z.literal("error"), code: z.string(), message: z.string() }),
  ]);
}

export const ZIamRaw = z.discriminatedUnion("listing", [
  z.object({
    /** GAAD paged to the end: the entities below are every role, user, group and listed managed policy. */
    listing: z.literal("complete"),
    roles: z.array(ZRoleDetail),
    users: z.array(ZUserDetail),
    groups: z.array(ZGroupDetail),
    /** Customer managed policies, and the AWS managed policies GAAD returned (see normalize for which are kept). */
    policies: z.array(ZManagedPolicyDetail),
    roleSessionDurations: zListing(z.array(ZRoleSessionDuration)),
    /**
     * Service last accessed reports keyed by role ARN, only for the roles the scan asked about (those Lambda
     * functions use, from ctx.hints). A role missing here was not asked about.
     */
    lastAccessed: z.record(z.string(), zFetched(ZLastAccessedReport)),
    /** Recent normalized reports carried forward from the stored inventory (ctx.hints.reuseLastAccessed). */
    lastAccessedReused: z.record(z.string(), ZLastAccessed).optional(),
  }),
  z.object({
    /** GAAD failed: nothing is known about the account's IAM entities. */
    listing: z.literal("failed"),
    code: z.string(),
    message: z.string(),
  }),
]);
export type IamRaw = z.infer<typeof ZIamRaw>;
