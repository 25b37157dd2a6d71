// Hand-built normalized IAM records for rule and analysis tests. Every record goes through its zod schema,
// so a fixture cannot drift from what the IAM scanner stores.
import type { TPolicyDocument, TStatement } from "@/lib/aws/policy-document";
import {
  ZIamGroupRecord,
  ZIamPolicyRecord,
  ZIamRoleRecord,
  ZIamUserRecord,
  type TIamGroupRecord,
  type TIamPolicyRecord,
  type TIamRoleRecord,
  type TIamUserRecord,
} from "@/scanners/iam/record";
import { emptyInventory, type RuleInventory } from "@/lib/rules/types";
import { ACCOUNT_ID } from "./lambda-function";

export { ACCOUNT_ID };

/** A parsed policy as the scanner stores it (normalized document next to its text). */
export function parsedPolicy(...statements: TStatement[]) {
  const document: TPolicyDocument = { Version: "2012-10-17", Statement: statements };
  return { status: "ok" as const, value: { document, text: JSON.stringify(document) } };
}

/** Shorthand for an Allow statement; `extra` adds Condition, NotAction, Principal, ... */
export function allow(actions: string | string[], resources: string | string[] = "*", extra: Partial<TStatement> = {}): TStatement {
  return { Effect: "Allow", Action: [actions].flat(), Resource: [resources].flat(), ...extra } as TStatement;
}

export function deny(actions: string | string[], resources: string | string[] = "*", extra: Partial<TStatement> = {}): TStatement {
  return { Effect: "Deny", Action: [actions].flat(), Resource: [resources].flat(), ...extra } as TStatement;
}

/** The trust policy of a Lambda execution role. */
export function lambdaTrust(extra: Partial<TStatement> = {}): TStatement {
  return { Effect: "Allow", Principal: { Service: ["lambda.amazonaws.com"] }, Action: ["sts:AssumeRole"], ...extra } as TStatement;
}

export function roleArn(name: string, accountId = ACCOUNT_ID): string {
  return `arn:aws:iam::${accountId}:role/${name}`;
}

/** A Lambda execution role with no permissions; `overrides` replace whole fields. */
export function iamRole(overrides: Partial<TIamRoleRecord> = {}): TIamRoleRecord {
  const name = overrides.name ?? "orders-api-role";
  const accountId = overrides.accountId ?? ACCOUNT_ID;
  return ZIamRoleRecord.parse({
    arn: roleArn(name, accountId),
    name,
    accountId,
    path: "/",
    roleId: `AROA${name.toUpperCase().replace(/[^A-Z0-9]/g, "").padEnd(17, "X").slice(0, 17)}`,
    createDate: "2026-01-01T00:00:00.000Z",
    trustPolicy: parsedPolicy(lambdaTrust()),
    inlinePolicies: [],
    attachedPolicies: [],
    permissionsBoundary: null,
    instanceProfiles: [],
    roleLastUsed: null,
    tags: {},
    maxSessionDuration: { status: "ok", value: 3600 },
    lastAccessed: { status: "absent" },
    ...overrides,
  });
}

/** An inline policy entry for a role, user or group. */
export function inlinePolicy(name: string, ...statements: TStatement[]) {
  return { name, policy: parsedPolicy(...statements) };
}

export function userArn(name: string, accountId = ACCOUNT_ID): string {
  return `arn:aws:iam::${accountId}:user/${name}`;
}

export function iamUser(overrides: Partial<TIamUserRecord> = {}): TIamUserRecord {
  const name = overrides.name ?? "deployer";
  const accountId = overrides.accountId ?? ACCOUNT_ID;
  return ZIamUserRecord.parse({
    arn: userArn(name, accountId),
    name,
    accountId,
    path: "/",
    userId: `AIDA${name.toUpperCase().replace(/[^A-Z0-9]/g, "").padEnd(17, "X").slice(0, 17)}`,
    createDate: "2026-01-01T00:00:00.000Z",
    groups: [],
    inlinePolicies: [],
    attachedPolicies: [],
    permissionsBoundary: null,
    tags: {},
    ...overrides,
  });
}

export function iamGroup(overrides: Partial<TIamGroupRecord> = {}): TIamGroupRecord {
  const name = overrides.name ?? "developers";
  const accountId = overrides.accountId ?? ACCOUNT_ID;
  return ZIamGroupRecord.parse({
    arn: `arn:aws:iam::${accountId}:group/${name}`,
    name,
    accountId,
    path: "/",
    groupId: `AGPA${name.toUpperCase().replace(/[^A-Z0-9]/g, "").padEnd(17, "X").slice(0, 17)}`,
    createDate: "2026-01-01T00:00:00.000Z",
    inlinePolicies: [],
    attachedPolicies: [],
    members: [],
    ...overrides,
  });
}

/** A managed policy whose default version holds `statements`. AWS managed when the ARN's account is "aws". */
export function managedPolicy(name: string, statements: TStatement[], overrides: Partial<TIamPolicyRecord> = {}): TIamPolicyRecord {
  const isAwsManaged = overrides.isAwsManaged ?? false;
  const arn = overrides.arn ?? (isAwsManaged ? `arn:aws:iam::aws:policy/${name}` : `arn:aws:iam::${overrides.accountId ?? ACCOUNT_ID}:policy/${name}`);
  return ZIamPolicyRecord.parse({
    arn,
    name,
    accountId: overrides.accountId ?? ACCOUNT_ID,
    path: "/",
    isAwsManaged,
    attachmentCount: 1,
    permissionsBoundaryUsageCount: 0,
    isAttachable: true,
    defaultVersionId: "v1",
    versions: [{ versionId: "v1", isDefault: true, createDate: "2026-01-01T00:00:00.000Z", policy: parsedPolicy(...statements) }],
    ...overrides,
  });
}

// ---- added for the trust and statement-level IAM rules (R-10..R-19) ----

/** An Allow sts:AssumeRole statement for `principal`; `extra` adds Condition, Sid, other actions, ... */
export function trustStatement(principal: TStatement["Principal"], extra: Partial<TStatement> = {}): TStatement {
  return { Effect: "Allow", Principal: principal, Action: ["sts:AssumeRole"], ...extra } as TStatement;
}

/** A service-linked role of `service` (path /aws-service-role/<service>/), trusted by that service. */
export function serviceLinkedRole(service: string, name: string, overrides: Partial<TIamRoleRecord> = {}): TIamRoleRecord {
  const accountId = overrides.accountId ?? ACCOUNT_ID;
  const path = `/aws-service-role/${service}/`;
  return iamRole({
    name,
    path,
    arn: `arn:aws:iam::${accountId}:role${path}${name}`,
    trustPolicy: parsedPolicy(trustStatement({ Service: [service] })),
    ...overrides,
  });
}

/** An inventory of the default account holding these IAM records (and Lambda functions, for joins). */
export function iamInventoryOf(parts: {
  roles?: TIamRoleRecord[];
  policies?: TIamPolicyRecord[];
  users?: TIamUserRecord[];
  groups?: TIamGroupRecord[];
  functions?: RuleInventory["lambdaFunctions"];
}): RuleInventory {
  return {
    ...emptyInventory(ACCOUNT_ID),
    iamRoles: parts.roles ?? [],
    iamPolicies: parts.policies ?? [],
    iamUsers: parts.users ?? [],
    iamGroups: parts.groups ?? [],
    lambdaFunctions: parts.functions ?? [],
  };
}

/** The AWS managed AdministratorAccess policy as the scanner records it. */
export function administratorAccess(): TIamPolicyRecord {
  return managedPolicy("AdministratorAccess", [allow("*")], { isAwsManaged: true });
}

/** Service last accessed data (ACTION_LEVEL) as the IAM scanner stores it on a role. */
export function lastAccessedOf(
  services: { namespace: string; lastAuthenticated: string | null; trackedActions?: { name: string; lastAccessedTime: string | null }[] }[],
  jobCompletedAt = "2026-11-22T00:00:00.000Z",
): TIamRoleRecord["lastAccessed"] {
  return {
    status: "ok",
    value: {
      jobCompletedAt,
      services: services.map((s) => ({
        namespace: s.namespace,
        name: s.namespace.toUpperCase(),
        lastAuthenticated: s.lastAuthenticated,
        lastAuthenticatedEntity: null,
        lastAuthenticatedRegion: null,
        totalAuthenticatedEntities: s.lastAuthenticated ? 1 : 0,
        ...(s.trackedActions ? { trackedActions: s.trackedActions.map((a) => ({ ...a, lastAccessedEntity: null, lastAccessedRegion: null })) } : {}),
      })),
    },
  };
}
