// Privilege escalation: named techniques (Rhino Security Labs' list as pathfinding.cloud and Cloudsplaining
// number them) checked against a principal's effective permissions AND the account's real resources. A
// technique counts only when every one of its actions is allowed on a resource that exists or could be
// created: PassRole must reach a role that trusts the service it is passed to (iam:PassedToService is
// evaluated for that service), UpdateFunctionCode must reach a function whose role is known, and so on.
//
// Two products:
// - self escalations: the principal can rewrite its own permissions (PutRolePolicy on itself, a new default
//   version of a policy attached to it, ...), capped by its permissions boundary;
// - edges: the principal can act as another principal (run code as a role through a new or modified
//   function, assume it, create its access keys). The graph module chains edges.
import type { TIamGroupRecord } from "@/scanners/iam/record";
import { andNot, count, emptyBits, forEachBit, hasBit, intersects, isEmpty, setBit, type Bits } from "./bitset";
import { orSetInto, type ActionCatalog } from "./catalog";
import type { PolicyCompiler } from "./compile";
import { splitArn, TRUE } from "./match";
import { computePermissions, decide, loadManaged, type Decision, type PolicyIndex, type Principal, type LoadIssue } from "./permissions";
import { withKeys } from "./match";
import { decideAcross, type Across, type ArnUniverse } from "./universe";

export type Certainty = "definite" | "conditional";

export type Technique = {
  id: string;
  name: string;
  /** pathfinding.cloud write-up, when there is one. */
  link: string | null;
  actions: string[];
};

const PF = "https://pathfinding.cloud/paths/";
function t(id: string, name: string, actions: string[], link: string | null = PF + id): Technique {
  return { id, name, link, actions };
}

export const TECHNIQUES = {
  createPolicyVersion: t("iam-001", "CreateNewPolicyVersion", ["iam:CreatePolicyVersion"]),
  createAccessKey: t("iam-002", "CreateAccessKey", ["iam:CreateAccessKey"]),
  createLoginProfile: t("iam-004", "CreateLoginProfile", ["iam:CreateLoginProfile"]),
  putRolePolicy: t("iam-005", "PutRolePolicy", ["iam:PutRolePolicy"]),
  updateLoginProfile: t("iam-006", "UpdateLoginProfile", ["iam:UpdateLoginProfile"]),
  putUserPolicy: t("iam-007", "PutUserPolicy", ["iam:PutUserPolicy"]),
  attachUserPolicy: t("iam-008", "AttachUserPolicy", ["iam:AttachUserPolicy"]),
  attachRolePolicy: t("iam-009", "AttachRolePolicy", ["iam:AttachRolePolicy"]),
  attachGroupPolicy: t("iam-010", "AttachGroupPolicy", ["iam:AttachGroupPolicy"]),
  putGroupPolicy: t("iam-011", "PutGroupPolicy", ["iam:PutGroupPolicy"]),
  updateAssumeRolePolicy: t("iam-012", "UpdateRolePolicyToAssumeIt", ["iam:UpdateAssumeRolePolicy"]),
  addUserToGroup: t("iam-013", "AddUserToGroup", ["iam:AddUserToGroup"]),
  setDefaultPolicyVersion: t("iam-set-default-version", "SetExistingDefaultPolicyVersion", ["iam:SetDefaultPolicyVersion"], null),
  deleteRoleBoundary: t("iam-delete-role-boundary", "DeleteRolePermissionsBoundary", ["iam:DeleteRolePermissionsBoundary"], null),
  deleteUserBoundary: t("iam-delete-user-boundary", "DeleteUserPermissionsBoundary", ["iam:DeleteUserPermissionsBoundary"], null),
  assumeRole: t("sts-assume-role", "AssumeRoleTrustedByPolicy", ["sts:AssumeRole"], null),
  updateFunctionCode: t("lambda-003", "EditExistingLambdaFunctionWithRole", ["lambda:UpdateFunctionCode"]),
  updateAndInvoke: t("lambda-004", "UpdateAndInvokeLambdaFunction", ["lambda:UpdateFunctionCode", "lambda:InvokeFunction"]),
  updateAndAddPermission: t("lambda-005", "UpdateLambdaFunctionAndAddPermission", ["lambda:UpdateFunctionCode", "lambda:AddPermission"]),
  updateConfiguration: t("lambda-update-configuration", "UpdateFunctionConfigurationWithLayer", ["lambda:UpdateFunctionConfiguration"], null),
} as const;

/** "new:<service>/<resource type>" = a resource the attacker creates; "same" = the one the first step created. */
type CreateStep = { action: string; resource: string; extra?: "functionArn" };
type PassRoleTechnique = Technique & { service: string; steps: CreateStep[]; needsInstanceProfile?: boolean };

function pr(id: string, name: string, service: string, steps: CreateStep[], extra: Partial<PassRoleTechnique> = {}): PassRoleTechnique {
  return { id, name, link: PF + id, actions: ["iam:PassRole", ...steps.map((s) => s.action)], service, steps, ...extra };
}

const NEW_FN = "new:lambda/function";
export const PASSROLE_TECHNIQUES: PassRoleTechnique[] = [
  pr("lambda-001", "PassExistingRoleToNewLambdaThenInvoke", "lambda.amazonaws.com", [{ action: "lambda:CreateFunction", resource: NEW_FN }, { action: "lambda:InvokeFunction", resource: "same" }]),
  pr("lambda-002", "PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo", "lambda.amazonaws.com", [
    { action: "lambda:CreateFunction", resource: NEW_FN },
    { action: "lambda:CreateEventSourceMapping", resource: "*", extra: "functionArn" },
  ]),
  pr("lambda-006", "PassExistingRoleToNewLambdaThenAddPermission", "lambda.amazonaws.com", [{ action: "lambda:CreateFunction", resource: NEW_FN }, { action: "lambda:AddPermission", resource: "same" }]),
  pr("ec2-001", "CreateEC2WithExistingIP", "ec2.amazonaws.com", [{ action: "ec2:RunInstances", resource: "new:ec2/instance" }], { needsInstanceProfile: true }),
  pr("ec2-003", "PassExistingRoleToNewEC2SpotInstance", "ec2.amazonaws.com", [{ action: "ec2:RequestSpotInstances", resource: "new:ec2/spot-instances-request" }], { needsInstanceProfile: true }),
  pr("ecs-004", "PassExistingRoleToNewECSTaskViaRunTask", "ecs-tasks.amazonaws.com", [{ action: "ecs:RegisterTaskDefinition", resource: "new:ecs/task-definition" }, { action: "ecs:RunTask", resource: "same" }]),
  pr("ecs-005", "PassExistingRoleToNewECSTaskViaStartTask", "ecs-tasks.amazonaws.com", [{ action: "ecs:RegisterTaskDefinition", resource: "new:ecs/task-definition" }, { action: "ecs:StartTask", resource: "same" }]),
  pr("ecs-003", "PassExistingRoleToNewECSService", "ecs-tasks.amazonaws.com", [{ action: "ecs:RegisterTaskDefinition", resource: "new:ecs/task-definition" }, { action: "ecs:CreateService", resource: "new:ecs/service" }]),
  pr("glue-001", "PassExistingRoleToNewGlueDevEndpoint", "glue.amazonaws.com", [{ action: "glue:CreateDevEndpoint", resource: "*" }]),
  pr("glue-003", "PassExistingRoleToNewGlueJobThenRun", "glue.amazonaws.com", [{ action: "glue:CreateJob", resource: "new:glue/job" }, { action: "glue:StartJobRun", resource: "same" }]),
  pr("glue-004", "PassExistingRoleToNewGlueJobViaTrigger", "glue.amazonaws.com", [{ action: "glue:CreateJob", resource: "new:glue/job" }, { action: "glue:CreateTrigger", resource: "new:glue/trigger" }]),
  pr("cloudformation-001", "PassExistingRoleToCloudFormation", "cloudformation.amazonaws.com", [{ action: "cloudformation:CreateStack", resource: "new:cloudformation/stack" }]),
  pr("codebuild-001", "PassExistingRoleToNewCodeBuildProjectThenBuild", "codebuild.amazonaws.com", [{ action: "codebuild:CreateProject", resource: "new:codebuild/project" }, { action: "codebuild:StartBuild", resource: "same" }]),
  pr("codebuild-004", "PassExistingRoleToNewCodeBuildProjectThenBuildBatch", "codebuild.amazonaws.com", [{ action: "codebuild:CreateProject", resource: "new:codebuild/project" }, { action: "codebuild:StartBuildBatch", resource: "same" }]),
  pr("sagemaker-001", "PassExistingRoleToNewSageMakerNotebookInstance", "sagemaker.amazonaws.com", [{ action: "sagemaker:CreateNotebookInstance", resource: "new:sagemaker/notebook-instance" }, { action: "sagemaker:CreatePresignedNotebookInstanceUrl", resource: "same" }]),
  pr("sagemaker-002", "PassExistingRoleToNewSageMakerTrainingJob", "sagemaker.amazonaws.com", [{ action: "sagemaker:CreateTrainingJob", resource: "new:sagemaker/training-job" }]),
  pr("sagemaker-003", "PassExistingRoleToNewSageMakerProcessingJob", "sagemaker.amazonaws.com", [{ action: "sagemaker:CreateProcessingJob", resource: "new:sagemaker/processing-job" }]),
  pr("datapipeline-001", "PassExistingRoleToNewDataPipeline", "datapipeline.amazonaws.com", [{ action: "datapipeline:CreatePipeline", resource: "*" }]),
  pr("apprunner-001", "PassExistingRoleToNewAppRunnerService", "tasks.apprunner.amazonaws.com", [{ action: "apprunner:CreateService", resource: "new:apprunner/service" }]),
];

export type EscalationStep = {
  action: string;
  /** The ARN checked (a role, a function, a witness ARN for a resource the attacker would create) or "*". */
  resource: string;
  decision: "allow" | "conditional";
  /** Request keys assumed (iam:PassedToService, iam:PolicyARN, lambda:FunctionArn). */
  context?: Record<string, string>;
};

export type SelfEscalation = {
  technique: Technique;
  certainty: Certainty;
  steps: EscalationStep[];
  /** "admin": nothing caps what it can grant itself; "capped": the permissions boundary (or the group) limits it. */
  reach: "admin" | "capped";
  /** Actions it would gain (capped reach), as a count; the whole catalog for "admin". */
  gainCount: number;
  /** The policy or group it acts on, when not the principal itself. */
  target: string | null;
};

export type Edge = {
  technique: Technique;
  /** Other techniques that reach the same targets the same way (passing the role to the same service). */
  alternatives: Technique[];
  certainty: Certainty;
  /** Principal ids it can act as, as bits. */
  targets: Bits;
  targetCount: number;
  /** Function techniques: the functions (bits over the function universe) whose code or configuration it can change. */
  functions: Bits | null;
  /** Representative steps; "<target>" stands for each target's ARN, "<function>" for each function's. */
  steps: EscalationStep[];
};

export type FunctionModifier = { principalId: number; technique: Technique; certainty: Certainty; canInvoke: boolean };

/** What escalation analysis needs from the account model. */
export type EscalationModel = {
  catalog: ActionCatalog;
  compiler: PolicyCompiler;
  accountId: string;
  principals: Principal[];
  /** Roles in universe order (roleUniverse.arns[k] is roles[k].arn), users likewise. */
  roles: Principal[];
  users: Principal[];
  roleUniverse: ArnUniverse;
  userUniverse: ArnUniverse;
  functionUniverse: ArnUniverse;
  /** principal id -> index in roles (-1 for users). */
  roleIndex: Int32Array;
  rolesTrustingService(service: string): { id: number; certainty: 0 | 1 | 2 }[];
  rolesNamingPrincipal(arn: string): { id: number; certainty: 0 | 1 | 2 }[];
  rolesTrustingAccount(): { id: number; certainty: 0 | 1 | 2 }[];
  rolesTrustingAnyone(): { id: number; certainty: 0 | 1 | 2 }[];
  /** In functionUniverse order. */
  functions: { arn: string; name: string; region: string; roleArn: string | null; roleId: number | null }[];
  policies: PolicyIndex;
  groups: Map<string, TIamGroupRecord>;
  /** Whether a principal is an administrator or can make itself one (memoized by the analysis). */
  adminEquivalent(id: number): "definite" | "conditional" | false;
};

const ADMIN_POLICY = "arn:aws:iam::aws:policy/AdministratorAccess";

const SELF_ACTIONS = [
  "iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:DeleteRolePermissionsBoundary", "iam:PutUserPolicy", "iam:AttachUserPolicy",
  "iam:PutGroupPolicy", "iam:AttachGroupPolicy", "iam:DeleteUserPermissionsBoundary", "iam:AddUserToGroup", "iam:CreatePolicyVersion",
  "iam:SetDefaultPolicyVersion",
];
const EDGE_ACTIONS = [
  "iam:PassRole", "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration", "sts:AssumeRole", "iam:UpdateAssumeRolePolicy",
  "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile",
];
const maskMemo = new WeakMap<ActionCatalog, { self: Bits; edges: Bits }>();
/** Actions without which a principal has no self escalation / no edge at all: a quick first test. */
function techniqueMask(c: ActionCatalog, kind: "self" | "edges"): Bits {
  let m = maskMemo.get(c);
  if (!m) maskMemo.set(c, (m = { self: c.bitsOf(SELF_ACTIONS), edges: c.bitsOf(EDGE_ACTIONS) }));
  return m[kind];
}

function certaintyOf(...ds: (Decision | "allow" | "conditional")[]): Certainty {
  return ds.every((d) => d === "allow") ? "definite" : "conditional";
}

function ok(d: Decision): d is "allow" | "conditional" {
  return d === "allow" || d === "conditional";
}

/** Decide once per principal/action/resource/context (many techniques check the same step). */
export class Decider {
  private memo = new Map<string, Decision>();
  constructor(
    private readonly m: EscalationModel,
    private readonly p: Principal,
  ) {}

  has(action: string): boolean {
    const i = this.m.catalog.indexOf(action);
    return i >= 0 && hasBit(this.p.perms.allowMay, i);
  }

  decide(action: string, resource: string, extra?: Record<string, string>): Decision {
    const key = `${action}|${resource}|${extra ? JSON.stringify(extra) : ""}`;
    let d = this.memo.get(key);
    if (d === undefined) {
      const i = this.m.catalog.indexOf(action);
      if (i < 0 || !hasBit(this.p.perms.allowMay, i)) d = "none";
      else d = decide(this.p.perms, i, resource, extra ? withKeys(this.p.context, extra) : this.p.context).decision;
      this.memo.set(key, d);
    }
    return d;
  }

  /** Whether an explicit Deny (identity or boundary) certainly applies, whatever allows it. */
  denied(action: string, resource: string): boolean {
    const i = this.m.catalog.indexOf(action);
    return i >= 0 && decide(this.p.perms, i, resource, this.p.context).decision === "deny";
  }

  /** The decision on `action` for every ARN of a universe; null when no statement allows the action at all. */
  acrossU(action: string, u: ArnUniverse, extra?: Record<string, string>): Across | null {
    const i = this.m.catalog.indexOf(action);
    if (i < 0 || !hasBit(this.p.perms.allowMay, i)) return null;
    return decideAcross(this.p.perms, i, u, this.p.context, extra);
  }

  /**
   * A resource the attacker would create (new:<service>/<type>): try the type's generic ARN and ARNs shaped
   * like the principal's own Resource patterns for the action; return the first that every step accepts.
   */
  witnesses(action: string, typeSpec: string): string[] {
    const [service, type] = typeSpec.slice(4).split("/");
    const info = this.m.catalog.resourceType(service, type);
    const out: string[] = [];
    if (info) out.push(info.arnFormat.replace(/\$\{([^}]+)\}/g, (_s, n: string) => (n === "Partition" ? "aws" : n === "Region" ? "us-east-1" : n === "Account" ? this.m.accountId : "lantern-escalation-probe")));
    const i = this.m.catalog.indexOf(action);
    for (const u of this.p.perms.identity) {
      if (u.st.effect !== "Allow" || !u.st.resources || !hasBit(u.st.actions.bits, i)) continue;
      for (const r of u.st.resources) {
        const a = splitArn(r);
        if (!a || a.service.toLowerCase() !== service) continue;
        const fill = (s: string, dflt: string) => (s === "" ? s : s.includes("*") || s.includes("?") ? dflt : s);
        out.push(["arn", fill(a.partition, "aws"), a.service, fill(a.region, "us-east-1"), fill(a.account, this.m.accountId), a.resource.replace(/[*?]/g, "x")].join(":"));
      }
    }
    return [...new Set(out)].slice(0, 8);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Self escalation.

export function selfEscalations(m: EscalationModel, p: Principal): SelfEscalation[] {
  if (!intersects(p.perms.allowMay, techniqueMask(m.catalog, "self"))) return [];
  const d = new Decider(m, p);
  const out: SelfEscalation[] = [];
  const c = m.catalog;
  // What rewriting its own policies can reach: everything, or what the boundary lets through.
  const cap = boundaryCap(c, p);
  const capGain = cap ? countBits(andNot(cap, p.perms.allowMay)) : c.size;
  const reach: SelfEscalation["reach"] = cap ? "capped" : "admin";
  const push = (technique: Technique, steps: EscalationStep[], target: string | null, gainCount = capGain, r = reach) => {
    if (gainCount === 0) return;
    out.push({ technique, certainty: certaintyOf(...steps.map((s) => s.decision)), steps, reach: r, gainCount, target });
  };
  const step = (action: string, resource: string, decision: Decision, context?: Record<string, string>): EscalationStep | null =>
    ok(decision) ? { action, resource, decision, ...(context ? { context } : {}) } : null;

  if (p.kind === "role") {
    const s1 = step("iam:PutRolePolicy", p.arn, d.decide("iam:PutRolePolicy", p.arn));
    if (s1) push(TECHNIQUES.putRolePolicy, [s1], null);
    const ctx = { "iam:PolicyARN": ADMIN_POLICY };
    const s2 = step("iam:AttachRolePolicy", p.arn, d.decide("iam:AttachRolePolicy", p.arn, ctx), ctx);
    if (s2) push(TECHNIQUES.attachRolePolicy, [s2], null);
    if (p.role?.permissionsBoundary) {
      const s3 = step("iam:DeleteRolePermissionsBoundary", p.arn, d.decide("iam:DeleteRolePermissionsBoundary", p.arn));
      if (s3) push(TECHNIQUES.deleteRoleBoundary, [s3], null, unboundedGain(m, p), "capped");
    }
  } else {
    const s1 = step("iam:PutUserPolicy", p.arn, d.decide("iam:PutUserPolicy", p.arn));
    if (s1) push(TECHNIQUES.putUserPolicy, [s1], null);
    const ctx = { "iam:PolicyARN": ADMIN_POLICY };
    const s2 = step("iam:AttachUserPolicy", p.arn, d.decide("iam:AttachUserPolicy", p.arn, ctx), ctx);
    if (s2) push(TECHNIQUES.attachUserPolicy, [s2], null);
    for (const g of p.groupArns) {
      const s3 = step("iam:PutGroupPolicy", g, d.decide("iam:PutGroupPolicy", g));
      if (s3) push(TECHNIQUES.putGroupPolicy, [s3], g);
      const s4 = step("iam:AttachGroupPolicy", g, d.decide("iam:AttachGroupPolicy", g, ctx), ctx);
      if (s4) push(TECHNIQUES.attachGroupPolicy, [s4], g);
    }
    if (p.user?.permissionsBoundary) {
      const s5 = step("iam:DeleteUserPermissionsBoundary", p.arn, d.decide("iam:DeleteUserPermissionsBoundary", p.arn));
      if (s5) push(TECHNIQUES.deleteUserBoundary, [s5], null, unboundedGain(m, p), "capped");
    }
    // Joining a group with more permissions.
    if (d.has("iam:AddUserToGroup")) {
      for (const g of m.groups.values()) {
        if (p.groupArns.includes(g.arn)) continue;
        const s = step("iam:AddUserToGroup", g.arn, d.decide("iam:AddUserToGroup", g.arn));
        if (!s) continue;
        const gain = groupGain(m, p, g);
        if (gain > 0) push(TECHNIQUES.addUserToGroup, [s], g.arn, gain, "capped");
      }
    }
  }
  // Customer managed policies attached to it (directly or through its groups): a new default version, or an
  // older version made default again.
  for (const arn of p.attachedPolicyArns) {
    const record = m.policies.get(arn);
    if (!record || record.isAwsManaged) continue;
    const s = step("iam:CreatePolicyVersion", arn, d.decide("iam:CreatePolicyVersion", arn));
    if (s) push(TECHNIQUES.createPolicyVersion, [s], arn);
    if (record.versions.length > 1 && d.has("iam:SetDefaultPolicyVersion")) {
      const s2 = step("iam:SetDefaultPolicyVersion", arn, d.decide("iam:SetDefaultPolicyVersion", arn));
      if (s2) {
        const gain = versionGain(m, p, arn);
        if (gain > 0) push(TECHNIQUES.setDefaultPolicyVersion, [s2], arn, gain, "capped");
      }
    }
  }
  return out;
}

function countBits(b: Bits): number {
  let n = 0;
  for (let i = 0; i < b.length; i++) {
    let x = b[i];
    while (x) {
      x &= x - 1;
      n++;
    }
  }
  return n;
}

/** The boundary's allow set (minus its unconditional Denies); null without a boundary. */
function boundaryCap(c: ActionCatalog, p: Principal): Bits | null {
  if (!p.perms.boundary) return null;
  const cap = emptyBits(c.size);
  for (const u of p.perms.boundary) if (u.st.effect === "Allow" && u.cond !== 0) orSetInto(cap, u.st.actions);
  return andNot(cap, p.perms.denyAll);
}

/** Actions the principal's own identity policies grant beyond the boundary (what removing it unlocks). */
function unboundedGain(m: EscalationModel, p: Principal): number {
  const free = emptyBits(m.catalog.size);
  for (const u of p.perms.identity) if (u.st.effect === "Allow" && u.cond !== 0) orSetInto(free, u.st.actions);
  return countBits(andNot(andNot(free, p.perms.denyAll), p.perms.allowMay));
}

function groupGain(m: EscalationModel, p: Principal, g: TIamGroupRecord): number {
  const issues: LoadIssue[] = [];
  const identity = [];
  for (const ip of g.inlinePolicies) if (ip.policy.status === "ok") identity.push({ source: { kind: "inline" as const, name: ip.name, arn: null, via: g.name, versionId: null }, policy: m.compiler.compile(ip.policy.value.document, ip.policy.value.text) });
  for (const a of g.attachedPolicies) {
    const l = loadManaged(m.compiler, m.policies, a.arn, "managed", g.name, issues);
    if (l) identity.push(l);
  }
  const perms = computePermissions(m.catalog, { identity, boundary: null }, p.context);
  const gained = andNot(andNot(perms.allowMay, p.perms.denyAll), p.perms.allowMay);
  const cap = boundaryCap(m.catalog, p);
  return countBits(cap ? andNot(gained, andNot(m.catalog.all, cap)) : gained);
}

function versionGain(m: EscalationModel, p: Principal, arn: string): number {
  const record = m.policies.get(arn)!;
  const other = emptyBits(m.catalog.size);
  for (const v of record.versions) {
    if (v.isDefault || v.policy.status !== "ok") continue;
    for (const st of m.compiler.compile(v.policy.value.document, v.policy.value.text).statements) if (st.effect === "Allow") orSetInto(other, st.actions);
  }
  const gained = andNot(andNot(other, p.perms.denyAll), p.perms.allowMay);
  const cap = boundaryCap(m.catalog, p);
  return countBits(cap ? andNot(gained, andNot(m.catalog.all, cap)) : gained);
}

// ---------------------------------------------------------------------------------------------------------
// Edges to other principals.

/**
 * The principals `p` can act as. Administrator-equivalent principals are not asked: they gain nothing, and
 * their edges (to every role of the account) would dominate the graph's size.
 */
export function outEdges(m: EscalationModel, p: Principal): Edge[] {
  // Quick exit: no escalation action, and no trust policy that names it (a trust naming a principal of the
  // account lets it in without any permission of its own).
  const trusted = m.rolesNamingPrincipal(p.arn).length > 0 || m.rolesTrustingAnyone().length > 0;
  if (!trusted && !intersects(p.perms.allowMay, techniqueMask(m.catalog, "edges"))) return [];
  const d = new Decider(m, p);
  const n = m.principals.length;
  const edges: Edge[] = [];
  const add = (technique: Technique, steps: EscalationStep[], definite: Bits, conditional: Bits, extra: { alternatives?: Technique[]; functions?: Bits | null } = {}) => {
    const dc = count(definite);
    const cc = count(conditional);
    const base = { technique, alternatives: extra.alternatives ?? [], functions: extra.functions ?? null };
    if (dc) edges.push({ ...base, certainty: "definite", targets: definite, targetCount: dc, steps });
    if (cc) edges.push({ ...base, certainty: "conditional", targets: conditional, targetCount: cc, steps: steps.map((s) => ({ ...s, decision: "conditional" })) });
  };
  /** Universe bits (roles or users) -> principal-id bits, without `p` itself. */
  const toPrincipals = (bits: Bits | undefined, list: Principal[]): Bits => {
    const out = emptyBits(n);
    if (bits) forEachBit(bits, (k) => void (list[k].id !== p.id && setBit(out, list[k].id)));
    return out;
  };

  // PassRole to a service, then create the compute that runs as the role: one edge per service, the
  // techniques that work listed together.
  if (d.has("iam:PassRole")) {
    const byService = new Map<string, PassRoleTechnique[]>();
    for (const tech of PASSROLE_TECHNIQUES) {
      const list = byService.get(tech.service);
      if (list) list.push(tech);
      else byService.set(tech.service, [tech]);
    }
    for (const [service, techs] of byService) {
      const trusting = m.rolesTrustingService(service);
      if (!trusting.length) continue;
      const working = techs.map((tech) => ({ tech, creation: creationSteps(m, d, tech) })).filter((x) => x.creation !== null);
      if (!working.length) continue;
      const a = d.acrossU("iam:PassRole", m.roleUniverse, { "iam:PassedToService": service });
      if (!a) break; // nothing allows iam:PassRole at all, whatever the service
      const probe = `arn:aws:iam::${m.accountId}:instance-profile/lantern-escalation-probe`;
      const needsProfile = techs[0].needsInstanceProfile && !(ok(d.decide("iam:CreateInstanceProfile", probe)) && ok(d.decide("iam:AddRoleToInstanceProfile", probe)));
      const definite = emptyBits(n);
      const conditional = emptyBits(n);
      for (const r of trusting) {
        const k = m.roleIndex[r.id];
        if (r.id === p.id || k < 0) continue;
        if (needsProfile && !(m.principals[r.id].role?.instanceProfiles.length ?? 0)) continue;
        if (hasBit(a.definite, k) && r.certainty === TRUE) setBit(definite, r.id);
        else if (hasBit(a.definite, k) || hasBit(a.conditional, k)) setBit(conditional, r.id);
      }
      const best = working.find((w) => w.creation!.certainty === "definite") ?? working[0];
      const passStep: EscalationStep = { action: "iam:PassRole", resource: "<target>", decision: "allow", context: { "iam:PassedToService": service } };
      const alternatives = working.filter((w) => w !== best).map((w) => w.tech);
      if (best.creation!.certainty === "definite") add(best.tech, [passStep, ...best.creation!.steps], definite, conditional, { alternatives });
      else {
        for (let i = 0; i < conditional.length; i++) conditional[i] |= definite[i];
        add(best.tech, [passStep, ...best.creation!.steps], emptyBits(n), conditional, { alternatives });
      }
    }
  }

  // Existing functions: new code or configuration runs as the function's role.
  for (const f of functionAccess(m, d)) {
    const definite = emptyBits(n);
    const conditional = emptyBits(n);
    forEachBit(f.definite, (k) => {
      const r = m.functions[k].roleId;
      if (r !== null && r !== p.id) setBit(definite, r);
    });
    forEachBit(f.conditional, (k) => {
      const r = m.functions[k].roleId;
      if (r !== null && r !== p.id && !hasBit(definite, r)) setBit(conditional, r);
    });
    const functions = emptyBits(m.functions.length);
    for (let i = 0; i < functions.length; i++) functions[i] = f.definite[i] | f.conditional[i];
    const steps: EscalationStep[] = f.technique.actions.map((action) => ({ action, resource: "<function>", decision: "allow" }));
    add(f.technique, steps, definite, conditional, { functions });
  }

  // Roles whose trust policy lets it in.
  {
    const definite = emptyBits(n);
    const conditional = emptyBits(n);
    for (const r of [...m.rolesNamingPrincipal(p.arn), ...m.rolesTrustingAnyone()]) {
      if (r.id === p.id || hasBit(definite, r.id)) continue;
      if (d.denied("sts:AssumeRole", m.principals[r.id].arn)) continue;
      setBit(r.certainty === TRUE ? definite : conditional, r.id);
    }
    const viaAccount = m.rolesTrustingAccount();
    const a = viaAccount.length ? d.acrossU("sts:AssumeRole", m.roleUniverse) : null;
    if (a) {
      for (const r of viaAccount) {
        const k = m.roleIndex[r.id];
        if (r.id === p.id || k < 0 || hasBit(definite, r.id)) continue;
        if (hasBit(a.definite, k) && r.certainty === TRUE) setBit(definite, r.id);
        else if (hasBit(a.definite, k) || hasBit(a.conditional, k)) setBit(conditional, r.id);
      }
    }
    for (let i = 0; i < conditional.length; i++) conditional[i] &= ~definite[i];
    add(TECHNIQUES.assumeRole, [{ action: "sts:AssumeRole", resource: "<target>", decision: "allow" }], definite, conditional);
  }

  // Rewriting another role's trust policy to trust itself, then assuming it.
  {
    const a = d.acrossU("iam:UpdateAssumeRolePolicy", m.roleUniverse);
    if (a) add(TECHNIQUES.updateAssumeRolePolicy, [{ action: "iam:UpdateAssumeRolePolicy", resource: "<target>", decision: "allow" }], toPrincipals(a.definite, m.roles), toPrincipals(a.conditional, m.roles));
  }

  // Credentials of other users.
  if (m.users.length) {
    for (const technique of [TECHNIQUES.createAccessKey, TECHNIQUES.createLoginProfile, TECHNIQUES.updateLoginProfile]) {
      const a = d.acrossU(technique.actions[0], m.userUniverse);
      if (a) add(technique, [{ action: technique.actions[0], resource: "<target>", decision: "allow" }], toPrincipals(a.definite, m.users), toPrincipals(a.conditional, m.users));
    }
  }
  return edges;
}

/**
 * The functions `p` can change, per technique (bits over the function universe): UpdateFunctionCode with
 * InvokeFunction or AddPermission to run it at once, UpdateFunctionCode alone (it runs on its own triggers), or
 * UpdateFunctionConfiguration (a layer or handler of its choosing).
 */
export function functionAccess(m: EscalationModel, p: Principal | Decider): { technique: Technique; definite: Bits; conditional: Bits; canInvoke: boolean }[] {
  const d = p instanceof Decider ? p : new Decider(m, p);
  if (!m.functions.length) return [];
  const code = d.acrossU("lambda:UpdateFunctionCode", m.functionUniverse);
  const config = d.acrossU("lambda:UpdateFunctionConfiguration", m.functionUniverse);
  if (!code && !config) return [];
  const words = m.functionUniverse.all.length;
  const out: { technique: Technique; definite: Bits; conditional: Bits; canInvoke: boolean }[] = [];
  const left = { definite: new Uint32Array(words), conditional: new Uint32Array(words) };
  if (code) {
    left.definite.set(code.definite);
    left.conditional.set(code.conditional);
    for (const [technique, other] of [
      [TECHNIQUES.updateAndInvoke, d.acrossU("lambda:InvokeFunction", m.functionUniverse)],
      [TECHNIQUES.updateAndAddPermission, d.acrossU("lambda:AddPermission", m.functionUniverse)],
    ] as const) {
      if (!other) continue;
      const definite = new Uint32Array(words);
      const conditional = new Uint32Array(words);
      for (let i = 0; i < words; i++) {
        const both = (left.definite[i] | left.conditional[i]) & (other.definite[i] | other.conditional[i]);
        definite[i] = left.definite[i] & other.definite[i];
        conditional[i] = both & ~definite[i];
        left.definite[i] &= ~both;
        left.conditional[i] &= ~both;
      }
      out.push({ technique, definite, conditional, canInvoke: true });
    }
    out.push({ technique: TECHNIQUES.updateFunctionCode, definite: left.definite, conditional: left.conditional, canInvoke: false });
  }
  if (config) {
    const definite = new Uint32Array(words);
    const conditional = new Uint32Array(words);
    const covered = new Uint32Array(words);
    for (const o of out) for (let i = 0; i < words; i++) covered[i] |= o.definite[i] | o.conditional[i];
    for (let i = 0; i < words; i++) {
      definite[i] = config.definite[i] & ~covered[i];
      conditional[i] = config.conditional[i] & ~covered[i];
    }
    out.push({ technique: TECHNIQUES.updateConfiguration, definite, conditional, canInvoke: false });
  }
  return out.filter((o) => !isEmpty(o.definite) || !isEmpty(o.conditional));
}

/** The creation steps of a PassRole technique, on a witness resource every step accepts. */
function creationSteps(m: EscalationModel, d: Decider, tech: PassRoleTechnique): { certainty: Certainty; steps: EscalationStep[] } | null {
  if (!tech.steps.every((s) => d.has(s.action))) return null;
  const first = tech.steps[0];
  const candidates = first.resource.startsWith("new:") ? d.witnesses(first.action, first.resource) : ["*"];
  let best: { certainty: Certainty; steps: EscalationStep[] } | null = null;
  for (const witness of candidates) {
    const steps: EscalationStep[] = [];
    let failed = false;
    for (const s of tech.steps) {
      let resource = s.resource === "same" ? witness : s.resource;
      let extra: Record<string, string> | undefined;
      if (s.extra === "functionArn") extra = { "lambda:FunctionArn": witness };
      if (resource.startsWith("new:")) resource = d.witnesses(s.action, resource)[0] ?? "*";
      const decision = d.decide(s.action, resource, extra);
      if (!ok(decision)) {
        failed = true;
        break;
      }
      steps.push({ action: s.action, resource, decision, ...(extra ? { context: extra } : {}) });
    }
    if (failed) continue;
    const certainty = certaintyOf(...steps.map((s) => s.decision));
    if (!best || (best.certainty === "conditional" && certainty === "definite")) best = { certainty, steps };
    if (best.certainty === "definite") break;
  }
  return best;
}

/** Bits of what `target` can do that `p` cannot: the gain of acting as it. */
export function gainOver(p: Principal, target: Principal): Bits {
  return andNot(target.perms.allowMay, p.perms.allowMay);
}

export function hasGain(p: Principal, target: Principal): boolean {
  const a = target.perms.allowMay;
  const b = p.perms.allowMay;
  if (target.perms.allowCount > p.perms.allowCount) return true;
  for (let i = 0; i < a.length; i++) if ((a[i] & ~b[i]) !== 0) return true;
  return false;
}
