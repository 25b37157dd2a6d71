// B6 (research/perf-targets.md): agreement of Lantern's IAM engine with a reference evaluator,
// @cloud-copilot/iam-simulate, on generated (principal, action, resource, context) queries over the
// LARGE_ACCOUNT IAM fixture (bench/iam-fixture.ts): identity policies, permissions boundaries, explicit Deny,
// NotAction/NotResource, wildcards, conditions and policy variables. Every disagreement is printed with the
// statement evidence of both sides, grouped by cause.
//
//   node --import tsx bench/b6-iam-agreement.ts [--queries 100000] [--seed 1] [--scale 1] [--show 20] [--json out.json]
//
// The reference runs in-process through runSimulation (validating; runUnsafeSimulation skips the lookup that
// marks actions taking no resource, and then grants them from any Resource). SCPs and resource policies are
// not generated: the inventory holds neither, and the engine evaluates identity policies and boundaries only.
// Two resource policies the engine assumes are given to the reference explicitly (docs/iam-analysis.md,
// "Approximations"): KMS keys carry the default key policy that delegates to the account's IAM policies, and
// queries stay in the principal's own account. sts:AssumeRole is left out: the engine judges it together with
// the role's trust policy in the escalation graph, not as an identity-policy decision.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { allowedContextKeysForRequest, runSimulation } from "@cloud-copilot/iam-simulate";
import type { TPolicyDocument } from "@/lib/aws/policy-document";
import { formatMachine, isMain, machine, runMain } from "@/bench/support";
import { generateIamFixture, prng, REGIONS, type IamFixture, type Rng } from "@/bench/iam-fixture";
import type { TStatement } from "@/lib/aws/policy-document";
import { ACCOUNT_ID, iamRole, inlinePolicy, managedPolicy } from "@/lib/rules/__fixtures__/iam";
import { analyzeAccountIam, type IamAnalysis } from "@/lib/analysis/iam/analyze";
import { forEachBit } from "@/lib/analysis/iam/bitset";
import { sampleArn } from "@/lib/analysis/iam/compile";
import { exactContext } from "@/lib/analysis/iam/match";
import { decide, type Principal } from "@/lib/analysis/iam/permissions";

export type Query = {
  principal: number;
  action: string;
  resource: string;
  context: Record<string, string | string[]>;
};

export type Outcome = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";
export type ReferenceOutcome = Outcome | "Rejected";

/** The documents simulate needs for one principal: identity policies by name, and the boundary. */
export function principalDocuments(a: IamAnalysis, p: Principal): { identity: { name: string; policy: TPolicyDocument }[]; boundary: TPolicyDocument | null } {
  const bySource = new Map<string, TPolicyDocument>();
  for (const u of p.perms.identity) {
    const key = `${u.source.kind}|${u.source.via ?? ""}|${u.source.arn ?? u.source.name}`;
    let doc = bySource.get(key);
    if (!doc) bySource.set(key, (doc = { Version: "2012-10-17", Statement: [] }));
    doc.Statement.push(u.st.statement);
  }
  const boundary = p.perms.boundary ? { Version: "2012-10-17", Statement: p.perms.boundary.map((u) => u.st.statement) } : null;
  return { identity: [...bySource].map(([name, policy], i) => ({ name: `p${i}-${name.slice(0, 40)}`, policy })), boundary };
}

/** The request principal as simulate sees it: a role session or the user. */
function requestPrincipal(p: Principal): string {
  return p.kind === "role" ? `arn:aws:sts::${p.accountId}:assumed-role/${p.name}/lantern-b6` : p.arn;
}

/** The default KMS key policy: the key trusts its account's IAM policies. */
function defaultKeyPolicy(accountId: string) {
  return { Version: "2012-10-17", Statement: [{ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" }] };
}

export async function referenceDecision(a: IamAnalysis, q: Query, docs = principalDocuments(a, a.principals[q.principal])): Promise<ReferenceOutcome> {
  const p = a.principals[q.principal];
  const result = await runSimulation(
    {
      request: { principal: requestPrincipal(p), action: q.action, resource: { resource: q.resource, accountId: p.accountId }, contextVariables: q.context },
      identityPolicies: docs.identity,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(docs.boundary ? { permissionBoundaryPolicies: [{ name: "boundary", policy: docs.boundary }] } : {}),
      ...(q.resource.startsWith("arn:aws:kms:") ? { resourcePolicy: defaultKeyPolicy(p.accountId) } : {}),
    },
    {},
  );
  if (result.resultType === "error") return "Rejected";
  return result.overallResult as Outcome;
}

export function engineDecision(a: IamAnalysis, q: Query): Outcome {
  const p = a.principals[q.principal];
  const i = a.catalog.indexOf(q.action);
  if (i < 0) return "ImplicitlyDenied";
  const d = decide(p.perms, i, q.resource, exactContext(q.context)).decision;
  return d === "allow" ? "Allowed" : d === "deny" ? "ExplicitlyDenied" : "ImplicitlyDenied";
}

const ACTIONS_POOL = ["s3:GetObject", "s3:PutObject", "s3:ListBucket", "dynamodb:Query", "sqs:SendMessage", "lambda:InvokeFunction", "lambda:UpdateFunctionCode", "iam:PassRole", "iam:PutRolePolicy", "kms:Decrypt", "secretsmanager:GetSecretValue", "ssm:GetParameter", "ec2:RunInstances", "ec2:DescribeInstances", "logs:PutLogEvents", "xray:PutTraceSegments", "cloudwatch:PutMetricData", "organizations:ListAccounts", "ecr:GetAuthorizationToken"];
/** Judged with the trust policy by the escalation graph, not as an identity-policy decision. */
const EXCLUDED_ACTIONS = new Set(["sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity"]);

/** Queries aimed at what the principals' policies mention (so that most are decided by some statement). */
export function generateQueries(a: IamAnalysis, count: number, seed: number): Query[] {
  const rnd = prng(seed);
  const out: Query[] = [];
  const c = a.catalog;
  while (out.length < count) {
    const p = a.principals[rnd.int(0, a.principals.length - 1)];
    const statements = [...p.perms.identity, ...(p.perms.boundary ?? [])];
    let action: string;
    const st = statements.length ? rnd.pick(statements).st : null;
    if (st && rnd.chance(0.75)) {
      // an action of a random statement (for NotAction: any action it grants)
      const candidates: number[] = [];
      forEachBit(st.actions.bits, (i) => {
        candidates.push(i);
        return candidates.length < 400;
      });
      if (!candidates.length) continue;
      action = c.action(rnd.pick(candidates)).name;
    } else {
      action = rnd.pick(ACTIONS_POOL);
    }
    const i = c.indexOf(action);
    if (i < 0 || EXCLUDED_ACTIONS.has(action.toLowerCase())) continue;
    const resource = resourceFor(a, p, i, st?.resources ?? null, rnd);
    out.push({ principal: p.id, action, resource, context: contextFor(p, action, rnd) });
  }
  return out;
}

const formatMemo = new Map<string, RegExp>();
/** Whether an ARN has the shape of one of the action's resource types (AWS rejects the request otherwise). */
function fitsAction(a: IamAnalysis, action: number, arn: string): boolean {
  const act = a.catalog.action(action);
  return act.resourceTypes.some((rt) => {
    const t = a.catalog.resourceType(act.service, rt.name);
    if (!t) return false;
    let re = formatMemo.get(t.arnFormat);
    if (!re) {
      // a name placeholder holds no ":" or "/", except paths and object keys
      const names = [...t.arnFormat.matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1]);
      const parts = t.arnFormat.split(/\$\{[^}]+\}/).map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
      const src = parts.map((x, i) => (i === 0 ? x : (/Path|ObjectName|Key|Prefix/.test(names[i - 1]) ? ".+" : "[^:/]+") + x)).join("");
      formatMemo.set(t.arnFormat, (re = new RegExp(`^${src}$`)));
    }
    return re.test(arn);
  });
}

function resourceFor(a: IamAnalysis, p: Principal, action: number, patterns: string[] | null, rnd: Rng): string {
  for (let attempt = 0; attempt < 6; attempt++) {
    const r = candidateResource(a, p, action, patterns, rnd);
    if (r === "*" || fitsAction(a, action, r)) return r;
  }
  const t = a.catalog.primaryResourceType(action)!;
  return sampleArn(t.arnFormat, "lantern-probe", rnd.pick(REGIONS), "aws", a.accountId);
}

function candidateResource(a: IamAnalysis, p: Principal, action: number, patterns: string[] | null, rnd: Rng): string {
  const c = a.catalog;
  const act = c.action(action);
  if (!act.resourceTypes.length) return "*"; // actions that take no resource are requested on "*"
  const rt = rnd.pick(act.resourceTypes);
  const t = c.resourceType(act.service, rt.name) ?? c.primaryResourceType(action);
  if (!t) return "*";
  const service = t.service;
  const own = (patterns ?? []).filter((r) => r.startsWith(`arn:aws:${service}:`));
  if (own.length && rnd.chance(0.6)) {
    const r = rnd.pick(own).replace(/^(arn:aws:[^:]*:[^:]*:)\*:/, `$1${a.accountId}:`);
    return r
      .replace(/\$\{aws:username\}/g, p.kind === "user" ? p.name : "nobody")
      .replace(/\$\{aws:PrincipalTag\/team\}/g, (p.role?.tags.team ?? p.user?.tags.team ?? "none"))
      .replace(/\*/g, () => rnd.pick(["", "x", "7", "fn-3", "k"]))
      .replace(/\?/g, "q");
  }
  const filler = rnd.pick(["fn-3", "t-12", "bucket-7", "q-4", "sec-1", "k-2", "p-9", "lb-role-00007", "lb-user-0003"]);
  return sampleArn(t.arnFormat, filler, rnd.pick(REGIONS), "aws", a.accountId);
}

function contextFor(p: Principal, action: string, rnd: Rng): Record<string, string | string[]> {
  const ctx: Record<string, string | string[]> = { "aws:PrincipalArn": p.arn, "aws:PrincipalAccount": p.accountId };
  const team = p.role?.tags.team ?? p.user?.tags.team;
  if (team) ctx["aws:PrincipalTag/team"] = team;
  if (p.kind === "user") ctx["aws:username"] = p.name;
  if (rnd.chance(0.7)) ctx["aws:RequestedRegion"] = rnd.pick([...REGIONS, "ap-south-1"]);
  if (rnd.chance(0.5)) ctx["aws:SourceIp"] = rnd.pick(["10.0.3.4", "192.0.2.77", "203.0.113.9", "2001:db8::1"]);
  if (rnd.chance(0.5)) ctx["aws:MultiFactorAuthPresent"] = rnd.pick(["true", "false"]);
  if (rnd.chance(0.5)) ctx["aws:CurrentTime"] = rnd.pick(["2026-11-23T12:00:00Z", "2027-02-01T00:00:00Z"]);
  if (rnd.chance(0.5)) ctx["aws:SecureTransport"] = rnd.pick(["true", "false"]);
  if (rnd.chance(0.3)) ctx["aws:TagKeys"] = rnd.pick([["team"], ["env", "owner"], ["owner"]]);
  if (action.startsWith("s3:") && rnd.chance(0.6)) ctx["s3:prefix"] = rnd.pick(["public/a", `home/${p.name}/x`, "private/z"]);
  if (action.startsWith("s3:") && rnd.chance(0.4)) ctx["s3:max-keys"] = rnd.pick(["10", "1000"]);
  if (action === "iam:PassRole" && rnd.chance(0.8)) ctx["iam:PassedToService"] = rnd.pick(["lambda.amazonaws.com", "ec2.amazonaws.com", "states.amazonaws.com"]);
  return ctx;
}

export type Disagreement = Query & { principalArn: string; engine: Outcome; reference: Outcome; cause: string };

/** Compare every query; returns the disagreements, each with a cause label. */
export async function compare(a: IamAnalysis, queries: Query[]): Promise<{ disagreements: Disagreement[]; engineMs: number; referenceMs: number; outcomes: Record<ReferenceOutcome, number> }> {
  const docs = new Map<number, ReturnType<typeof principalDocuments>>();
  const disagreements: Disagreement[] = [];
  const outcomes: Record<ReferenceOutcome, number> = { Allowed: 0, ExplicitlyDenied: 0, ImplicitlyDenied: 0, Rejected: 0 };
  let engineMs = 0;
  let referenceMs = 0;
  for (let q of queries) {
    let d = docs.get(q.principal);
    if (!d) docs.set(q.principal, (d = principalDocuments(a, a.principals[q.principal])));
    const context = await applicableContext(q);
    if (!context) {
      outcomes.Rejected++;
      continue;
    }
    q = { ...q, context };
    let t = performance.now();
    const mine = engineDecision(a, q);
    engineMs += performance.now() - t;
    t = performance.now();
    const ref = await referenceDecision(a, q, d);
    referenceMs += performance.now() - t;
    outcomes[ref]++;
    if (ref === "Rejected") continue;
    if (mine !== ref) disagreements.push({ ...q, principalArn: a.principals[q.principal].arn, engine: mine, reference: ref, cause: explain(a, q, mine, ref) });
  }
  return { disagreements, engineMs, referenceMs, outcomes };
}

const allowedMemo = new Map<string, string[]>();
/**
 * The context keys a real request for this action carries: AWS sends only the keys that apply to the action
 * (s3:max-keys with s3:ListBucket, never with sqs:SendMessage), so both sides get the same filtered context.
 */
async function applicableContext(q: Query): Promise<Record<string, string | string[]> | null> {
  const [service, action] = q.action.split(":");
  const key = `${q.action}|${q.resource}`;
  let allowed = allowedMemo.get(key);
  if (!allowed) {
    try {
      allowed = (await allowedContextKeysForRequest(service, action, q.resource, false, undefined)).map((k) => k.toLowerCase());
    } catch {
      return null; // an ARN that fits several resource types: the reference refuses the request too
    }
    allowedMemo.set(key, allowed);
  }
  const fits = (k: string) => allowed!.some((e) => e === k || (e.includes("/") && k.startsWith(e.slice(0, e.indexOf("/") + 1))));
  return Object.fromEntries(Object.entries(q.context).filter(([k]) => fits(k.toLowerCase())));
}

/** A first guess at why the two differ, from the statements involved. */
function explain(a: IamAnalysis, q: Query, mine: Outcome, ref: Outcome): string {
  const p = a.principals[q.principal];
  const i = a.catalog.indexOf(q.action);
  const d = decide(p.perms, i, q.resource, exactContext(q.context), true);
  const involved = [...d.allows, ...d.denies, ...(d.boundaryAllows ?? [])].map((u) => u.st);
  if (involved.some((s) => s.conditions.length)) return `conditions (${[...new Set(involved.flatMap((s) => s.conditions.map((b) => b.operator)))].join(", ")}): engine ${mine}, reference ${ref}`;
  if (involved.some((s) => s.resourceVars)) return `policy variables in Resource: engine ${mine}, reference ${ref}`;
  if (involved.some((s) => s.notResources)) return `NotResource: engine ${mine}, reference ${ref}`;
  return `engine ${mine}, reference ${ref}`;
}

/** 40 roles with generated statements and boundaries, and `count` queries against them. */
// ---------------------------------------------------------------------------------------------------------
// Condition-heavy cases: generated statements over every operator the engine evaluates.

export function conditionHeavy(seed: number, count: number) {
    const rnd = prng(seed);
    const roles = Array.from({ length: 40 }, (_, i) => {
      const statements = Array.from({ length: rnd.int(2, 5) }, () => randomStatement(rnd));
      const boundary = i % 5 === 0 ? managedPolicy(`boundary-${i}`, [randomStatement(rnd, "Allow"), { Effect: "Allow", Action: ["s3:*", "sqs:*"], Resource: ["*"] }]) : null;
      return {
        role: iamRole({
          name: `cond-role-${i}`,
          inlinePolicies: [inlinePolicy("generated", ...statements)],
          attachedPolicies: [],
          permissionsBoundary: boundary ? { arn: boundary.arn, type: "PermissionsBoundaryPolicy" } : null,
          tags: { team: rnd.pick(["payments", "growth"]) },
        }),
        boundary,
      };
    });
    const a = analyzeAccountIam({
      accountId: ACCOUNT_ID,
      iamRoles: roles.map((r) => r.role),
      iamUsers: [],
      iamGroups: [],
      iamPolicies: roles.flatMap((r) => (r.boundary ? [r.boundary] : [])),
      lambdaFunctions: [],
    });
    const queries: Query[] = Array.from({ length: count }, () => {
      const p = a.principals[rnd.int(0, a.principals.length - 1)];
      const action = rnd.pick(ACTIONS);
      return { principal: p.id, action, resource: action === "s3:ListAllMyBuckets" ? "*" : rnd.pick(RESOURCES[action.split(":")[0]]), context: randomContext(rnd, p.role?.tags.team ?? "none") };
    });
    return { a, queries };
}

const ACTIONS = ["s3:GetObject", "s3:PutObject", "s3:ListAllMyBuckets", "sqs:SendMessage", "sqs:DeleteMessage"];
const RESOURCES: Record<string, string[]> = {
  s3: ["arn:aws:s3:::reports/2026/q1.csv", "arn:aws:s3:::home-payments/x", "arn:aws:s3:::home-growth/y", "arn:aws:s3:::private/key"],
  sqs: [`arn:aws:sqs:us-east-1:${ACCOUNT_ID}:orders`, `arn:aws:sqs:eu-west-1:${ACCOUNT_ID}:audit`],
};

const CONDITIONS: (() => [string, string, string[]])[] = [
  () => ["StringEquals", "aws:RequestedRegion", ["us-east-1"]],
  () => ["StringNotEquals", "aws:RequestedRegion", ["us-east-1", "eu-west-1"]],
  () => ["StringEqualsIgnoreCase", "aws:PrincipalTag/team", ["PAYMENTS"]],
  () => ["StringNotEqualsIgnoreCase", "aws:PrincipalTag/team", ["Growth"]],
  () => ["StringLike", "s3:prefix", ["home/*", "pub?ic/*"]],
  () => ["StringNotLike", "s3:prefix", ["private/*"]],
  () => ["StringEquals", "aws:PrincipalTag/team", ["${aws:PrincipalTag/team}"]],
  () => ["StringLike", "aws:userid", ["AROA*:${aws:username, 'lambda'}"]],
  () => ["StringEqualsIfExists", "aws:RequestedRegion", ["eu-west-1"]],
  () => ["StringNotEqualsIfExists", "aws:SourceVpc", ["vpc-111"]],
  () => ["NumericLessThan", "s3:max-keys", ["100"]],
  () => ["NumericGreaterThanEquals", "s3:max-keys", ["10"]],
  () => ["NumericNotEquals", "s3:max-keys", ["50"]],
  () => ["DateLessThan", "aws:CurrentTime", ["2027-01-01T00:00:00Z"]],
  () => ["DateGreaterThan", "aws:EpochTime", ["1767225600"]],
  () => ["Bool", "aws:SecureTransport", ["true"]],
  () => ["BoolIfExists", "aws:MultiFactorAuthPresent", ["false"]],
  () => ["IpAddress", "aws:SourceIp", ["10.0.0.0/8", "2001:db8::/32"]],
  () => ["NotIpAddress", "aws:SourceIp", ["192.0.2.0/24"]],
  () => ["ArnLike", "aws:SourceArn", [`arn:aws:sqs:*:${ACCOUNT_ID}:orders*`]],
  () => ["ArnNotLike", "aws:SourceArn", ["arn:aws:s3:::private*"]],
  () => ["ArnEquals", "aws:PrincipalArn", [`arn:aws:iam::${ACCOUNT_ID}:role/cond-role-*`]],
  () => ["Null", "aws:SourceVpc", ["true"]],
  () => ["Null", "aws:TagKeys", ["false"]],
  () => ["ForAnyValue:StringEquals", "aws:TagKeys", ["team", "env"]],
  () => ["ForAllValues:StringLike", "aws:TagKeys", ["t*", "env"]],
  () => ["ForAnyValue:StringNotEquals", "aws:TagKeys", ["owner"]],
  () => ["ForAllValues:StringNotEquals", "aws:TagKeys", ["secret"]],
];

function randomStatement(rnd: Rng, effect?: "Allow" | "Deny"): TStatement {
  const s: TStatement = { Effect: effect ?? (rnd.chance(0.75) ? "Allow" : "Deny") };
  const pool = [["s3:Get*", "sqs:Send*"], ["s3:*"], ["sqs:*", "s3:PutObject"], ["*"], ["s3:GetObject", "s3:ListAllMyBuckets"]];
  if (rnd.chance(0.15)) s.NotAction = rnd.pick([["s3:Put*"], ["sqs:*"]]);
  else s.Action = rnd.pick(pool);
  const resources = [["*"], ["arn:aws:s3:::reports/*", `arn:aws:sqs:*:${ACCOUNT_ID}:orders`], ["arn:aws:s3:::home-${aws:PrincipalTag/team}/*"], ["arn:aws:s3:::home-${aws:username, 'payments'}/*"], [`arn:aws:sqs:us-east-1:${ACCOUNT_ID}:*`], ["arn:aws:s3:::*/q?.csv"]];
  if (rnd.chance(0.15)) s.NotResource = rnd.pick([["arn:aws:s3:::private/*"], [`arn:aws:sqs:*:${ACCOUNT_ID}:audit`]]);
  else s.Resource = rnd.pick(resources);
  const n = rnd.pick([0, 0, 1, 1, 2, 3]);
  if (n) {
    const condition: NonNullable<TStatement["Condition"]> = {};
    for (let k = 0; k < n; k++) {
      const [op, key, values] = rnd.pick(CONDITIONS)();
      condition[op] = { ...(condition[op] ?? {}), [key]: values };
    }
    s.Condition = condition;
  }
  return s;
}

function randomContext(rnd: Rng, team: string): Record<string, string | string[]> {
  const ctx: Record<string, string | string[]> = {};
  if (rnd.chance(0.8)) ctx["aws:PrincipalTag/team"] = rnd.chance(0.8) ? team : "platform";
  if (rnd.chance(0.6)) ctx["aws:RequestedRegion"] = rnd.pick(["us-east-1", "eu-west-1", "sa-east-1"]);
  if (rnd.chance(0.5)) ctx["s3:prefix"] = rnd.pick(["home/a", "public/b", "private/c", "pubXic/d"]);
  if (rnd.chance(0.4)) ctx["aws:userid"] = rnd.pick(["AROAEXAMPLE:lambda", "AROAEXAMPLE:other", "AIDAEXAMPLE"]);
  if (rnd.chance(0.3)) ctx["aws:username"] = rnd.pick(["payments", "growth"]);
  if (rnd.chance(0.3)) ctx["aws:SourceVpc"] = rnd.pick(["vpc-111", "vpc-222"]);
  if (rnd.chance(0.5)) ctx["s3:max-keys"] = rnd.pick(["5", "50", "500"]);
  if (rnd.chance(0.5)) ctx["aws:CurrentTime"] = rnd.pick(["2026-11-23T12:00:00Z", "2027-06-01T00:00:00Z"]);
  if (rnd.chance(0.5)) ctx["aws:EpochTime"] = rnd.pick(["1767225500", "1767225700"]);
  if (rnd.chance(0.5)) ctx["aws:SecureTransport"] = rnd.pick(["true", "false"]);
  if (rnd.chance(0.5)) ctx["aws:MultiFactorAuthPresent"] = rnd.pick(["true", "false"]);
  if (rnd.chance(0.6)) ctx["aws:SourceIp"] = rnd.pick(["10.1.2.3", "192.0.2.5", "2001:db8::7", "198.51.100.1"]);
  if (rnd.chance(0.4)) ctx["aws:SourceArn"] = rnd.pick([`arn:aws:sqs:us-east-1:${ACCOUNT_ID}:orders-dlq`, "arn:aws:s3:::private-x", "arn:aws:s3:::public"]);
  if (rnd.chance(0.5)) ctx["aws:PrincipalArn"] = rnd.pick([`arn:aws:iam::${ACCOUNT_ID}:role/cond-role-1`, `arn:aws:iam::${ACCOUNT_ID}:user/bob`]);
  if (rnd.chance(0.5)) ctx["aws:TagKeys"] = rnd.pick([["team"], ["env", "owner"], ["secret", "team"], []]);
  return ctx;
}

function printDisagreements(a: IamAnalysis, disagreements: Disagreement[], show: number) {
  const byCause = new Map<string, Disagreement[]>();
  for (const d of disagreements) {
    const list = byCause.get(d.cause);
    if (list) list.push(d);
    else byCause.set(d.cause, [d]);
  }
  for (const [cause, list] of [...byCause].sort((x, y) => y[1].length - x[1].length)) {
    console.log(`\n  ${list.length} × ${cause}`);
    for (const d of list.slice(0, show)) {
      const p = a.principals[d.principal];
      const detail = decide(p.perms, a.catalog.indexOf(d.action), d.resource, exactContext(d.context), true);
      console.log(`    ${d.principalArn} ${d.action} ${d.resource} ${JSON.stringify(d.context)}`);
      for (const u of [...detail.allows, ...detail.denies, ...(detail.boundaryAllows ?? [])]) console.log(`      ${u.source.kind}:${u.source.name} ${JSON.stringify(u.st.statement)}`);
    }
  }
}

export async function main() {
  const { values } = parseArgs({
    options: {
      queries: { type: "string", default: "100000" },
      seed: { type: "string", default: "1" },
      scale: { type: "string", default: "1" },
      show: { type: "string", default: "20" },
      json: { type: "string" },
    },
  });
  const m = machine();
  console.log(formatMachine(m));
  const fixture: IamFixture = generateIamFixture({ seed: Number(values.seed), scale: Number(values.scale) });
  const a = analyzeAccountIam(fixture);
  const n = Number(values.queries);
  const suites = [
    { name: "LARGE_ACCOUNT fixture", analysis: a, queries: generateQueries(a, n, Number(values.seed) + 1000) },
    (() => {
      const c = conditionHeavy(Number(values.seed) + 2000, Math.max(1000, Math.round(n / 10)));
      return { name: "condition-heavy generated statements", analysis: c.a, queries: c.queries };
    })(),
  ];
  const report: Record<string, unknown>[] = [];
  for (const suite of suites) {
    const { disagreements, engineMs, referenceMs, outcomes } = await compare(suite.analysis, suite.queries);
    const decided = suite.queries.length - outcomes.Rejected;
    console.log(`\n${suite.name}: ${suite.queries.length} queries over ${suite.analysis.principals.length} principals; reference outcomes ${JSON.stringify(outcomes)} (Rejected = the reference refused the request, e.g. an ARN that fits two resource types)`);
    console.log(`  engine ${(engineMs / suite.queries.length).toFixed(4)} ms/decision, reference ${(referenceMs / suite.queries.length).toFixed(4)} ms/decision`);
    console.log(`  disagreements: ${disagreements.length} of ${decided} decided (${((100 * disagreements.length) / Math.max(1, decided)).toFixed(3)}%)`);
    printDisagreements(suite.analysis, disagreements, Number(values.show));
    report.push({ suite: suite.name, queries: suite.queries.length, outcomes, engineMs, referenceMs, disagreements });
  }
  if (values.json) writeFileSync(values.json, JSON.stringify({ machine: m, report }, null, 2));
}

if (isMain(import.meta.url)) runMain(main);
