// Pure: turns one account's collected IAM responses into role, user, group and managed policy records. Every
// policy document (trust, inline, each managed policy version) is parsed once with parsePolicyDocument; a
// document that cannot be read becomes an error outcome for that document only.
import type { Fetched } from "@/lib/aws/fetched";
import { parsePolicyDocument } from "@/lib/aws/policy";
import type { NormalizeContext, NormalizeResult, NormalizedResource } from "@/scanners/types";
import type {
  IamRaw,
  TAttachedPermissionsBoundary,
  TAttachedPolicy,
  TLastAccessedReport,
  TManagedPolicyDetail,
  TPolicyDetail,
  TRoleDetail,
} from "@/scanners/iam/raw";
import {
  ZIamGroupRecord,
  ZIamPolicyRecord,
  ZIamRoleRecord,
  ZIamUserRecord,
  type TIamGroupRecord,
  type TIamPolicyRecord,
  type TIamRoleRecord,
  type TIamUserRecord,
  type TLastAccessed,
  type TParsedPolicy,
} from "@/scanners/iam/record";

export type IamOutput = {
  iam_role: NormalizeResult<TIamRoleRecord>;
  iam_user: NormalizeResult<TIamUserRecord>;
  iam_group: NormalizeResult<TIamGroupRecord>;
  iam_policy: NormalizeResult<TIamPolicyRecord>;
};

/** arn:aws:iam::aws:policy/..., in every partition (aws, aws-cn, aws-us-gov). */
export function isAwsManagedPolicyArn(arn: string): boolean {
  return /^arn:[a-z-]+:iam::aws:policy\//.test(arn);
}

/**
 * The key a managed policy is stored under. An AWS managed policy has the same ARN in every account, while the
 * inventory keys rows by ARN alone and sweeps deletions per account; so its row is made per account. "#" cannot
 * occur in an IAM ARN, so the key never collides with a real one. The record keeps the real ARN.
 */
export function storedPolicyArn(arn: string, accountId: string): string {
  return isAwsManagedPolicyArn(arn) ? `${arn}#${accountId}` : arn;
}

const orNull = <T>(value: T | null | undefined): T | null => value ?? null;

function parsedPolicy(text: string | null | undefined, what: string): Fetched<TParsedPolicy> {
  if (text === null || text === undefined) {
    return { status: "error", code: "MissingPolicyDocument", message: `IAM returned no document for ${what}.` };
  }
  const parsed = parsePolicyDocument(text);
  if (!parsed.ok) return { status: "error", code: parsed.code, message: parsed.message };
  return { status: "ok", value: { document: parsed.document, text: parsed.text } };
}

function inlinePolicies(list: TPolicyDetail[] | null | undefined, owner: string): TIamRoleRecord["inlinePolicies"] {
  return (list ?? []).map((p) => ({
    name: p.PolicyName,
    policy: parsedPolicy(p.PolicyDocument, `inline policy ${p.PolicyName} of ${owner}`),
  }));
}

function attachedPolicies(list: TAttachedPolicy[] | null | undefined): TIamRoleRecord["attachedPolicies"] {
  return (list ?? []).map((p) => ({ arn: p.PolicyArn, name: orNull(p.PolicyName) }));
}

function boundary(b: TAttachedPermissionsBoundary | null | undefined): TIamRoleRecord["permissionsBoundary"] {
  return b ? { arn: b.PermissionsBoundaryArn, type: orNull(b.PermissionsBoundaryType) } : null;
}

function tags(list: { Key: string; Value: string }[] | null | undefined): Record<string, string> {
  return Object.fromEntries((list ?? []).map((t) => [t.Key, t.Value]));
}

function lastAccessedOf(report: Fetched<TLastAccessedReport> | undefined): Fetched<TLastAccessed> {
  if (!report) return { status: "absent" };
  if (report.status !== "ok") return report;
  return {
    status: "ok",
    value: {
      jobCompletedAt: orNull(report.value.JobCompletionDate),
      services: report.value.ServicesLastAccessed.map((s) => ({
        namespace: s.ServiceNamespace,
        name: s.ServiceName,
        lastAuthenticated: orNull(s.LastAuthenticated),
        lastAuthenticatedEntity: orNull(s.LastAuthenticatedEntity),
        lastAuthenticatedRegion: orNull(s.LastAuthenticatedRegion),
        totalAuthenticatedEntities: orNull(s.TotalAuthenticatedEntities),
        ...(s.TrackedActionsLastAccessed
          ? {
              trackedActions: s.TrackedActionsLastAccessed.flatMap((a) =>
                a.ActionName
                  ? [
                      {
                        name: a.ActionName,
                        lastAccessedTime: orNull(a.LastAccessedTime),
                        lastAccessedEntity: orNull(a.LastAccessedEntity),
                        lastAccessedRegion: orNull(a.LastAccessedRegion),
                      },
                    ]
                  : [],
              ),
            }
          : {}),
      })),
    },
  };
}

function roleLastUsed(role: TRoleDetail): TIamRoleRecord["roleLastUsed"] {
  const date = role.RoleLastUsed?.LastUsedDate;
  return date ? { date, region: orNull(role.RoleLastUsed?.Region) } : null;
}

/** Every ARN some listed entity attaches or uses as its permissions boundary. */
function referencedPolicyArns(raw: Extract<IamRaw, { listing: "complete" }>): Set<string> {
  const arns = new Set<string>();
  for (const e of [...raw.roles, ...raw.users, ...raw.groups]) {
    for (const p of e.AttachedManagedPolicies ?? []) arns.add(p.PolicyArn);
  }
  for (const e of [...raw.roles, ...raw.users]) {
    if (e.PermissionsBoundary) arns.add(e.PermissionsBoundary.PermissionsBoundaryArn);
  }
  return arns;
}

/**
 * GAAD returns only the AWS managed policies in use in the account; moto returns all ~1,500 of them. Keeping
 * the ones in use (by an entity in this reply, or by IAM's own counts) makes both give the same inventory.
 */
function isInUse(p: TManagedPolicyDetail, referenced: Set<string>): boolean {
  return referenced.has(p.Arn) || (p.AttachmentCount ?? 0) > 0 || (p.PermissionsBoundaryUsageCount ?? 0) > 0;
}

/** A managed policy's name is the last segment of its ARN (names cannot contain "/"). */
function policyName(p: TManagedPolicyDetail): string {
  return p.PolicyName || p.Arn.slice(p.Arn.lastIndexOf("/") + 1);
}

function policyRecord(p: TManagedPolicyDetail, accountId: string): TIamPolicyRecord {
  return ZIamPolicyRecord.parse({
    arn: p.Arn,
    name: policyName(p),
    accountId,
    path: orNull(p.Path),
    isAwsManaged: isAwsManagedPolicyArn(p.Arn),
    attachmentCount: orNull(p.AttachmentCount),
    permissionsBoundaryUsageCount: orNull(p.PermissionsBoundaryUsageCount),
    isAttachable: orNull(p.IsAttachable),
    defaultVersionId: orNull(p.DefaultVersionId),
    versions: (p.PolicyVersionList ?? []).map((v) => ({
      versionId: v.VersionId,
      isDefault: v.IsDefaultVersion ?? v.VersionId === p.DefaultVersionId,
      createDate: orNull(v.CreateDate),
      policy: parsedPolicy(v.Document, `version ${v.VersionId} of ${p.Arn}`),
    })),
  } satisfies TIamPolicyRecord);
}

/** Resources keyed by storage ARN; an entity repeated across pages is kept once (the first time it appears). */
function byKey<T>(items: { key: string; value: NormalizedResource<T> }[]): NormalizedResource<T>[] {
  const out = new Map<string, NormalizedResource<T>>();
  for (const { key, value } of items) if (!out.has(key)) out.set(key, value);
  return [...out.values()];
}

export function normalizeIam(raw: IamRaw, ctx: NormalizeContext): IamOutput {
  if (raw.listing === "failed") {
    const failed = { resources: [], listingComplete: false };
    return { iam_role: failed, iam_user: failed, iam_group: failed, iam_policy: failed };
  }
  const { accountId } = ctx;

  const durations = raw.roleSessionDurations.status === "ok"
    ? new Map(raw.roleSessionDurations.value.map((r) => [r.Arn, r.MaxSessionDuration]))
    : null;
  const maxSessionDuration = (arn: string): Fetched<number> => {
    if (raw.roleSessionDurations.status === "error") return raw.roleSessionDurations;
    const seconds = durations?.get(arn);
    if (seconds === null || seconds === undefined) {
      return {
        status: "error",
        code: "NotInListRoles",
        message: "ListRoles did not report this role's MaxSessionDuration (the role may have been created between the two calls).",
      };
    }
    return { status: "ok", value: seconds };
  };

  const roles = byKey(
    raw.roles.map((r) => {
      const record = ZIamRoleRecord.parse({
        arn: r.Arn,
        name: r.RoleName,
        accountId,
        path: orNull(r.Path),
        roleId: orNull(r.RoleId),
        createDate: orNull(r.CreateDate),
        trustPolicy: parsedPolicy(r.AssumeRolePolicyDocument, `the trust policy of ${r.Arn}`),
        inlinePolicies: inlinePolicies(r.RolePolicyList, r.Arn),
        attachedPolicies: attachedPolicies(r.AttachedManagedPolicies),
        permissionsBoundary: boundary(r.PermissionsBoundary),
        instanceProfiles: (r.InstanceProfileList ?? []).map((ip) => ({
          arn: ip.Arn,
          name: ip.InstanceProfileName,
          id: orNull(ip.InstanceProfileId),
        })),
        roleLastUsed: roleLastUsed(r),
        tags: tags(r.Tags),
        maxSessionDuration: maxSessionDuration(r.Arn),
        lastAccessed: raw.lastAccessed[r.Arn]
          ? lastAccessedOf(raw.lastAccessed[r.Arn])
          : raw.lastAccessedReused?.[r.Arn]
            ? { status: "ok" as const, value: raw.lastAccessedReused[r.Arn] }
            : { status: "absent" as const },
      } satisfies TIamRoleRecord);
      const rawSessionDuration =
        raw.roleSessionDurations.status === "ok" ? (durations?.get(r.Arn) ?? null) : raw.roleSessionDurations;
      return {
        key: r.Arn,
        value: {
          arn: r.Arn,
          record,
          raw: { detail: r, maxSessionDuration: rawSessionDuration, lastAccessed: raw.lastAccessed[r.Arn] ?? { status: "absent" } },
        },
      };
    }),
  );

  const groupArnByName = new Map(raw.groups.map((g) => [g.GroupName, g.Arn]));
  const membersByGroup = new Map<string, TIamGroupRecord["members"]>();
  for (const u of raw.users) {
    for (const name of new Set(u.GroupList ?? [])) {
      membersByGroup.set(name, [...(membersByGroup.get(name) ?? []), { name: u.UserName, arn: u.Arn }]);
    }
  }

  const users = byKey(
    raw.users.map((u) => {
      const record = ZIamUserRecord.parse({
        arn: u.Arn,
        name: u.UserName,
        accountId,
        path: orNull(u.Path),
        userId: orNull(u.UserId),
        createDate: orNull(u.CreateDate),
        groups: [...new Set(u.GroupList ?? [])].map((name) => ({ name, arn: groupArnByName.get(name) ?? null })),
        inlinePolicies: inlinePolicies(u.UserPolicyList, u.Arn),
        attachedPolicies: attachedPolicies(u.AttachedManagedPolicies),
        permissionsBoundary: boundary(u.PermissionsBoundary),
        tags: tags(u.Tags),
      } satisfies TIamUserRecord);
      return { key: u.Arn, value: { arn: u.Arn, record, raw: u } };
    }),
  );

  const groups = byKey(
    raw.groups.map((g) => {
      const record = ZIamGroupRecord.parse({
        arn: g.Arn,
        name: g.GroupName,
        accountId,
        path: orNull(g.Path),
        groupId: orNull(g.GroupId),
        createDate: orNull(g.CreateDate),
        inlinePolicies: inlinePolicies(g.GroupPolicyList, g.Arn),
        attachedPolicies: attachedPolicies(g.AttachedManagedPolicies),
        members: [...(membersByGroup.get(g.GroupName) ?? [])].sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0)),
      } satisfies TIamGroupRecord);
      return { key: g.Arn, value: { arn: g.Arn, record, raw: g } };
    }),
  );

  const referenced = referencedPolicyArns(raw);
  const policies = byKey(
    raw.policies
      .filter((p) => !isAwsManagedPolicyArn(p.Arn) || isInUse(p, referenced))
      .map((p) => {
        const key = storedPolicyArn(p.Arn, accountId);
        return { key, value: { arn: key, record: policyRecord(p, accountId), raw: p } };
      }),
  );

  return {
    iam_role: { resources: roles, listingComplete: true },
    iam_user: { resources: users, listingComplete: true },
    iam_group: { resources: groups, listingComplete: true },
    iam_policy: { resources: policies, listingComplete: true },
  };
}
