// IAM resource kinds: how each normalized record maps to its table's typed columns. IAM is global, so every
// row is stored under region "global".
import type { ResourceKindSpec } from "../resource-store";
import {
  trustedServices,
  ZIamGroupRecord,
  ZIamPolicyRecord,
  ZIamRoleRecord,
  ZIamUserRecord,
  type TIamGroupRecord,
  type TIamPolicyRecord,
  type TIamRoleRecord,
  type TIamUserRecord,
} from "@/scanners/iam/record";

export const iamRoleKind: ResourceKindSpec<TIamRoleRecord> = {
  resourceType: "iam_role",
  label: "IAM roles",
  model: "iamRole",
  schema: ZIamRoleRecord,
  name: (r) => r.name,
  columns: (r) => ({
    path: r.path,
    trustedServices: trustedServices(r.trustPolicy),
    hasPermissionsBoundary: r.permissionsBoundary !== null,
    lastUsedAt: r.roleLastUsed ? new Date(r.roleLastUsed.date) : null,
  }),
};

export const iamUserKind: ResourceKindSpec<TIamUserRecord> = {
  resourceType: "iam_user",
  label: "IAM users",
  model: "iamUser",
  schema: ZIamUserRecord,
  name: (r) => r.name,
  columns: (r) => ({ path: r.path }),
};

export const iamGroupKind: ResourceKindSpec<TIamGroupRecord> = {
  resourceType: "iam_group",
  label: "IAM groups",
  model: "iamGroup",
  schema: ZIamGroupRecord,
  name: (r) => r.name,
  columns: (r) => ({ path: r.path }),
};

export const iamPolicyKind: ResourceKindSpec<TIamPolicyRecord> = {
  resourceType: "iam_policy",
  label: "IAM managed policies",
  model: "iamPolicy",
  schema: ZIamPolicyRecord,
  name: (r) => r.name,
  columns: (r) => ({
    isAwsManaged: r.isAwsManaged,
    attachmentCount: r.attachmentCount,
    defaultVersionId: r.defaultVersionId,
  }),
};
