// Risk classes of one principal's effective permissions, after Cloudsplaining's taxonomy (checks-catalogue
// A.2) with its known false positives fixed:
// - a grant counts as unconstrained only when it covers every resource of the action's type in the account
//   AND carries no condition (Cloudsplaining ignores conditions: cloudsplaining #97, #278);
// - actions that cannot take a resource ARN (xray:PutTraceSegments, cloudwatch:PutMetricData) are not
//   "infrastructure modification": Resource "*" is the only way to grant them (cloudsplaining #190/#195);
// - explicit Denies and the permissions boundary are applied before anything is classified.
import { and, andNot, count, countAnd, intersects, isEmpty, type Bits } from "./bitset";
import type { ActionCatalog } from "./catalog";
import type { Principal, StatementUse } from "./permissions";
import { TRUE, UNKNOWN } from "./match";

/** High-value read actions whose unconstrained grant leaks data (Cloudsplaining's list plus newer siblings). */
export const DATA_EXFILTRATION_ACTIONS = [
  "s3:GetObject",
  "s3:GetObjectVersion",
  "ssm:GetParameter",
  "ssm:GetParameters",
  "ssm:GetParametersByPath",
  "secretsmanager:GetSecretValue",
  "secretsmanager:BatchGetSecretValue",
  "rds:CopyDBSnapshot",
  "rds:CreateDBSnapshot",
  "rds:CopyDBClusterSnapshot",
  "rds:CreateDBClusterSnapshot",
];

/**
 * Actions whose response carries credentials (Cloudsplaining's ACTIONS_THAT_RETURN_CREDENTIALS). sts:* is left
 * out: assuming roles is judged by the trust graph and by R-16, and GetSessionToken/GetFederationToken
 * return credentials no stronger than the caller's own.
 */
export const CREDENTIALS_EXPOSURE_ACTIONS = [
  "airflow:CreateCliToken",
  "airflow:CreateWebLoginToken",
  "appsync:CreateApiKey",
  "chime:CreateApiKey",
  "cloud9:CreateEnvironmentToken",
  "codeartifact:GetAuthorizationToken",
  "codepipeline:PollForJobs",
  "cognito-identity:GetOpenIdToken",
  "cognito-identity:GetOpenIdTokenForDeveloperIdentity",
  "cognito-identity:GetCredentialsForIdentity",
  "cognito-idp:GetSigningCertificate",
  "connect:GetFederationToken",
  "ec2:GetPasswordData",
  "ecr:GetAuthorizationToken",
  "ecr-public:GetAuthorizationToken",
  "emr-containers:GetManagedEndpointSessionCredentials",
  "finspace-api:GetProgrammaticAccessCredentials",
  "gamelift:RequestUploadCredentials",
  "gamelift:GetInstanceAccess",
  "gamelift:GetComputeAccess",
  "gamelift:GetComputeAuthToken",
  "grafana:CreateWorkspaceApiKey",
  "iam:CreateAccessKey",
  "iam:CreateLoginProfile",
  "iam:CreateServiceSpecificCredential",
  "iam:ResetServiceSpecificCredential",
  "iam:UpdateAccessKey",
  "license-manager:GetAccessToken",
  "lightsail:GetInstanceAccessDetails",
  "lightsail:DownloadDefaultKeyPair",
  "lightsail:CreateBucketAccessKey",
  "lightsail:GetRelationalDatabaseMasterUserPassword",
  "mediapackage:RotateChannelCredentials",
  "mediapackage:RotateIngestEndpointCredentials",
  "rds-db:Connect",
  "redshift:GetClusterCredentials",
  "redshift:GetClusterCredentialsWithIAM",
  "redshift-serverless:GetCredentials",
  "sso:GetRoleCredentials",
];

export type ClassName = "infrastructureModification" | "dataExfiltration" | "credentialsExposure" | "resourceExposure";

export type ClassMasks = Record<ClassName, Bits> & { iamPermissionsManagement: Bits };

const maskMemo = new WeakMap<ActionCatalog, ClassMasks>();

export function classMasks(c: ActionCatalog): ClassMasks {
  let m = maskMemo.get(c);
  if (!m) {
    const write = c.bitsOf([]);
    for (const level of ["Write", "Permissions management", "Tagging"] as const) for (let i = 0; i < write.length; i++) write[i] |= c.byLevel[level][i];
    m = {
      infrastructureModification: andNot(write, c.wildcardOnly),
      dataExfiltration: c.bitsOf(DATA_EXFILTRATION_ACTIONS),
      credentialsExposure: c.bitsOf(CREDENTIALS_EXPOSURE_ACTIONS),
      resourceExposure: c.byLevel["Permissions management"],
      iamPermissionsManagement: and(c.byLevel["Permissions management"], c.serviceBits("iam")),
    };
    maskMemo.set(c, m);
  }
  return m;
}

/** A statement as rules show it: where it lives and what it says. */
export type StatementEvidence = {
  policy: string;
  policyKind: string;
  policyArn: string | null;
  viaGroup: string | null;
  sid: string | null;
  /** 1-based position in the policy. */
  statement: number;
  effect: "Allow" | "Deny";
  action: string[] | null;
  notAction: string[] | null;
  resource: string[] | null;
  notResource: string[] | null;
  condition: Record<string, unknown> | null;
};

export function statementEvidence(u: StatementUse): StatementEvidence {
  const s = u.st.statement;
  return {
    policy: u.source.name,
    policyKind: u.source.kind,
    policyArn: u.source.arn,
    viaGroup: u.source.via,
    sid: u.st.sid,
    statement: u.st.index + 1,
    effect: u.st.effect,
    action: s.Action ?? null,
    notAction: s.NotAction ?? null,
    resource: s.Resource ?? null,
    notResource: s.NotResource ?? null,
    condition: s.Condition ?? null,
  };
}

export type ActionClass = {
  /** Unconstrained and unconditional: what the rule fails on. */
  count: number;
  actions: string[];
  services: Record<string, number>;
  /** Granted on every resource but only under a condition (or a Deny that may apply). */
  conditionalCount: number;
  conditionalActions: string[];
  /** The Allow statements that grant them. */
  statements: (StatementEvidence & { grants: string[]; grantCount: number })[];
  /** Statements whose conditions were evaluated as unknown: their condition blocks. */
  conditionalStatements: (StatementEvidence & { grants: string[] })[];
};

export type ServiceWildcard = {
  service: string;
  statement: StatementEvidence;
  /** The statement names specific resources rather than "*". */
  resourceScoped: boolean;
  conditional: boolean;
};

export type RiskClasses = {
  /** Every catalog action on every resource, unconditionally, after Denies and boundary. */
  admin: boolean;
  /** Statements that grant Action "*" on Resource "*" (the IAM.1 shape). */
  adminStatements: StatementEvidence[];
  /** "*:*" is granted, but a Deny or the boundary removes part of it: the services that stay partly out of reach. */
  adminCarveOuts: { deniedCount: number; services: string[] } | null;
  /** Admin, or "*:*" minus carve-outs that leave every IAM permissions-management action reachable. */
  adminEquivalent: boolean;
  serviceWildcards: ServiceWildcard[];
  infrastructureModification: ActionClass;
  dataExfiltration: ActionClass;
  credentialsExposure: ActionClass;
  resourceExposure: ActionClass;
};

const LIST_LIMIT = 50;

export type AdminStatus = {
  admin: boolean;
  adminEquivalent: boolean;
  adminUses: StatementUse[];
  /** Actions "*:*" would grant that a Deny or the boundary keeps out (null unless "*:*" is granted). */
  missing: Bits | null;
};

/** Admin and admin-equivalent, from popcounts only (the graph asks it of every principal). */
export function adminStatus(c: ActionCatalog, p: Principal): AdminStatus {
  const perms = p.perms;
  const admin = count(perms.unconstrained) === c.size;
  const adminUses: StatementUse[] = [];
  for (const u of perms.identity) if (u.st.effect === "Allow" && u.cond === TRUE && u.st.actions.size === c.size && u.st.resourceAll) adminUses.push(u);
  if (admin || adminUses.length === 0) return { admin, adminEquivalent: admin, adminUses, missing: null };
  const missing = andNot(c.all, perms.unconstrained);
  return { admin, adminEquivalent: !intersects(classMasks(c).iamPermissionsManagement, missing), adminUses, missing };
}

export type RiskCounts = Record<ClassName, { count: number; conditionalCount: number }>;

/** How many actions fall in each class: what scoring needs, with no evidence. */
export function riskCounts(c: ActionCatalog, p: Principal): RiskCounts {
  const masks = classMasks(c);
  const out = {} as RiskCounts;
  for (const k of ["infrastructureModification", "dataExfiltration", "credentialsExposure", "resourceExposure"] as const) {
    const sure = countAnd(p.perms.unconstrained, masks[k]);
    out[k] = { count: sure, conditionalCount: countAnd(p.perms.unconstrainedMay, masks[k]) - sure };
  }
  return out;
}

const EMPTY_CLASS: ActionClass = { count: 0, actions: [], services: {}, conditionalCount: 0, conditionalActions: [], statements: [], conditionalStatements: [] };

export function riskClasses(c: ActionCatalog, p: Principal): RiskClasses {
  const perms = p.perms;
  const masks = classMasks(c);
  const allows = perms.identity.filter((u) => u.st.effect === "Allow" && u.cond !== 0);
  const status = adminStatus(c, p);
  const adminCarveOuts = status.missing ? { deniedCount: count(status.missing), services: c.servicesOf(status.missing).slice(0, LIST_LIMIT) } : null;

  const serviceWildcards: ServiceWildcard[] = [];
  for (const u of allows) {
    if (u.st.actions.size === c.size) continue; // "*": the admin class
    if (isEmpty(u.st.wildcardActions)) continue;
    for (const service of fullServicesMemo(c, u.st.wildcardActions)) {
      const range = c.services.get(service)!;
      let effective = true;
      for (let i = range.start; i < range.end && effective; i++) if (!(perms.allowMay[i >>> 5] & (1 << (i & 31)))) effective = false;
      if (!effective) continue;
      serviceWildcards.push({ service, statement: statementEvidence(u), resourceScoped: !u.st.resourceAll, conditional: u.cond === UNKNOWN });
    }
  }

  const klass = (mask: Bits): ActionClass => {
    if (!intersects(perms.unconstrainedMay, mask)) return EMPTY_CLASS;
    const sure = and(perms.unconstrained, mask);
    const maybe = andNot(and(perms.unconstrainedMay, mask), sure);
    const services = c.countPerService(sure);
    const statements: ActionClass["statements"] = [];
    const conditionalStatements: ActionClass["conditionalStatements"] = [];
    for (const u of allows) {
      if (u.cond === TRUE && intersects(u.st.unconstrained, sure)) {
        const g = and(u.st.unconstrained, sure);
        statements.push({ ...statementEvidence(u), grants: c.names(g, 20), grantCount: count(g) });
      }
      if (intersects(u.st.unconstrained, maybe)) conditionalStatements.push({ ...statementEvidence(u), grants: c.names(and(u.st.unconstrained, maybe), 20) });
    }
    return {
      count: count(sure),
      actions: c.names(sure, LIST_LIMIT),
      services,
      conditionalCount: count(maybe),
      conditionalActions: c.names(maybe, LIST_LIMIT),
      statements,
      conditionalStatements,
    };
  };

  return {
    admin: status.admin,
    adminStatements: status.adminUses.map(statementEvidence),
    adminCarveOuts,
    adminEquivalent: status.adminEquivalent,
    serviceWildcards,
    infrastructureModification: klass(masks.infrastructureModification),
    dataExfiltration: klass(masks.dataExfiltration),
    credentialsExposure: klass(masks.credentialsExposure),
    resourceExposure: klass(masks.resourceExposure),
  };
}

const fullServicesCache = new WeakMap<Bits, string[]>();
function fullServicesMemo(c: ActionCatalog, bits: Bits): string[] {
  let s = fullServicesCache.get(bits);
  if (!s) {
    s = c.fullServices(bits);
    fullServicesCache.set(bits, s);
  }
  return s;
}
