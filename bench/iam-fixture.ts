// The LARGE_ACCOUNT IAM graph of research/perf-targets.md §3 as normalized inventory records, in memory and
// deterministically from a seed: 5,000 roles, 1,500 customer managed policies, ~300 AWS managed policies
// referenced, 2-10 attached policies per role (mean 6) plus one inline policy, 15% of roles with wildcard
// actions, 2% with a privilege-escalation path, and 5,000 Lambda functions on the Lambda roles. Benchmarks B5
// (scoring speed) and B6 (agreement with a reference evaluator) run on it; `scale` shrinks every count.
//
// Beyond the perf-targets shape, and so that B6 exercises every construct the engine evaluates, the
// generator adds what real estates hold: permissions boundaries (10% of roles), Deny statements (explicit,
// NotAction, conditional), NotResource, conditions on region, source IP, principal tags, MFA, time and S3
// prefixes, policy variables, older policy versions, and 100 users in 10 groups.
import type { TStatement } from "@/lib/aws/policy-document";
import type { TIamGroupRecord, TIamPolicyRecord, TIamRoleRecord, TIamUserRecord } from "@/scanners/iam/record";
import { iamGroup, iamRole, iamUser, managedPolicy, parsedPolicy } from "@/lib/rules/__fixtures__/iam";
import type { IamInventory } from "@/lib/analysis/iam/analyze";

export const IAM_FULL_SIZE = { roles: 5000, customerPolicies: 1500, awsManagedPolicies: 300, functions: 5000, users: 100, groups: 10 } as const;

export type IamFixture = IamInventory & {
  seed: number;
  scale: number;
  /** Roles planted with a privilege-escalation path, by name. */
  privescRoles: string[];
  /** Roles with a wildcard action ("*" or "svc:*"). */
  wildcardRoles: string[];
};

/** mulberry32: the same seed gives the same account on every machine. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const chance = (p: number) => next() < p;
  const distinct = (k: number, n: number) => {
    const out = new Set<number>();
    while (out.size < Math.min(k, n)) out.add(Math.floor(next() * n));
    return [...out].sort((x, y) => x - y);
  };
  return { next, int, pick, chance, distinct };
}
export type Rng = ReturnType<typeof prng>;

export const FIXTURE_ACCOUNT = "123456789012";
export const REGIONS = ["us-east-1", "eu-west-1"] as const;
export const TEAMS = ["payments", "growth", "platform", "data"] as const;

/**
 * Real actions per service, with the ARN of a resource of theirs (%n = a number, %a = the account, %r = a
 * region). Escalation-capable actions (iam:PassRole, lambda:UpdateFunctionCode, ...) are kept out of these
 * ordinary statements: the 2% of roles that escalate are planted explicitly.
 */
export const SERVICES: Record<string, { actions: string[]; arn: string }> = {
  s3: { actions: ["GetObject", "PutObject", "DeleteObject", "ListBucket", "GetBucketPolicy", "PutBucketPolicy", "GetObjectTagging", "PutObjectTagging"], arn: "arn:aws:s3:::bucket-%n/*" },
  dynamodb: { actions: ["GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem", "BatchWriteItem", "DescribeTable"], arn: "arn:aws:dynamodb:%r:%a:table/t-%n" },
  sqs: { actions: ["SendMessage", "ReceiveMessage", "DeleteMessage", "GetQueueAttributes", "SetQueueAttributes"], arn: "arn:aws:sqs:%r:%a:q-%n" },
  sns: { actions: ["Publish", "Subscribe", "SetTopicAttributes"], arn: "arn:aws:sns:%r:%a:topic-%n" },
  kinesis: { actions: ["GetRecords", "GetShardIterator", "PutRecord", "PutRecords", "DescribeStream"], arn: "arn:aws:kinesis:%r:%a:stream/s-%n" },
  logs: { actions: ["CreateLogGroup", "CreateLogStream", "PutLogEvents", "FilterLogEvents"], arn: "arn:aws:logs:%r:%a:log-group:/aws/lambda/fn-%n:*" },
  kms: { actions: ["Decrypt", "Encrypt", "GenerateDataKey", "PutKeyPolicy", "CreateGrant"], arn: "arn:aws:kms:%r:%a:key/k-%n" },
  secretsmanager: { actions: ["GetSecretValue", "PutSecretValue", "DescribeSecret"], arn: "arn:aws:secretsmanager:%r:%a:secret:sec-%n" },
  ssm: { actions: ["GetParameter", "GetParameters", "GetParametersByPath", "PutParameter"], arn: "arn:aws:ssm:%r:%a:parameter/app/p-%n" },
  lambda: { actions: ["InvokeFunction", "GetFunction", "GetFunctionConfiguration", "ListVersionsByFunction"], arn: "arn:aws:lambda:%r:%a:function:fn-%n" },
  events: { actions: ["PutEvents", "PutRule", "PutTargets"], arn: "arn:aws:events:%r:%a:event-bus/bus-%n" },
  states: { actions: ["StartExecution", "DescribeExecution"], arn: "arn:aws:states:%r:%a:stateMachine:sm-%n" },
  xray: { actions: ["PutTraceSegments", "PutTelemetryRecords"], arn: "*" },
  cloudwatch: { actions: ["PutMetricData", "GetMetricData"], arn: "*" },
  ecr: { actions: ["GetAuthorizationToken", "BatchGetImage", "GetDownloadUrlForLayer"], arn: "arn:aws:ecr:%r:%a:repository/repo-%n" },
  iam: { actions: ["GetRole", "ListRoles", "GetRolePolicy"], arn: "arn:aws:iam::%a:role/service-role/*" },
};
const SERVICE_NAMES = Object.keys(SERVICES);
const WILDCARD_ACTIONS = ["s3:Get*", "dynamodb:*Item", "ssm:GetParameter*", "logs:*", "sqs:*Message", "kms:Describe*", "lambda:Get*", "ec2:Describe*"];
const AWS_SERVICE_POOL = [
  "s3", "dynamodb", "sqs", "sns", "kinesis", "logs", "kms", "secretsmanager", "ssm", "lambda", "events", "states", "xray", "cloudwatch", "ecr", "ec2", "ecs",
  "rds", "elasticache", "es", "glue", "athena", "firehose", "sagemaker", "cognito-idp", "apigateway", "cloudformation", "codebuild", "codepipeline", "route53",
  "acm", "autoscaling", "elasticloadbalancing", "cloudfront", "waf", "ses", "redshift", "emr", "batch", "eks", "backup", "config", "cloudtrail", "organizations",
  "support", "trustedadvisor", "ce", "budgets", "health", "iot",
];

function fill(template: string, rnd: Rng, accountId: string): string {
  return template.replace(/%n/g, String(rnd.int(0, 40))).replace(/%a/g, accountId).replace(/%r/g, rnd.pick(REGIONS));
}

/** A resource for a statement about `service`: "*" 40% of the time, else ARNs (some with wildcards). */
function resourceFor(service: string, rnd: Rng, accountId: string): string[] {
  if (rnd.chance(0.4)) return ["*"];
  const base = SERVICES[service]?.arn ?? "*";
  if (base === "*") return ["*"];
  const r = fill(base, rnd, accountId);
  if (rnd.chance(0.2)) return [r.replace(/-\d+/, "-*")];
  if (rnd.chance(0.1)) return [r, fill(base, rnd, accountId)];
  return [r];
}

/** A random condition block; `keys` says which families to draw from. */
function conditionFor(rnd: Rng): TStatement["Condition"] {
  switch (rnd.int(0, 9)) {
    case 0:
      return { StringEquals: { "aws:RequestedRegion": [rnd.pick(REGIONS)] } };
    case 1:
      return { IpAddress: { "aws:SourceIp": ["10.0.0.0/16", "192.0.2.0/24"] } };
    case 2:
      return { StringEquals: { "aws:PrincipalTag/team": [rnd.pick(TEAMS)] } };
    case 3:
      return { Bool: { "aws:MultiFactorAuthPresent": ["true"] } };
    case 4:
      return { DateLessThan: { "aws:CurrentTime": ["2027-01-01T00:00:00Z"] } };
    case 5:
      return { StringLike: { "s3:prefix": ["home/${aws:username}/*", "public/*"] } };
    case 6:
      return { StringNotEquals: { "aws:RequestedRegion": ["us-east-1"] } };
    case 7:
      return { "ForAnyValue:StringEquals": { "aws:TagKeys": ["team", "env"] } };
    case 8:
      return { BoolIfExists: { "aws:SecureTransport": ["true"] } };
    default:
      return { NumericLessThanEquals: { "s3:max-keys": ["100"] } };
  }
}

function actionsFor(service: string, rnd: Rng): string[] {
  const actions = SERVICES[service].actions;
  const picked = new Set<string>();
  const k = rnd.int(1, Math.min(4, actions.length));
  while (picked.size < k) picked.add(`${service}:${rnd.pick(actions)}`);
  return [...picked];
}

/** An ordinary statement: a few actions of one service on some resources, sometimes conditioned. */
function ordinaryStatement(rnd: Rng, accountId: string): TStatement {
  const service = rnd.pick(SERVICE_NAMES.filter((s) => s !== "iam"));
  const s: TStatement = { Effect: "Allow", Action: rnd.chance(0.15) ? [rnd.pick(WILDCARD_ACTIONS)] : actionsFor(service, rnd), Resource: resourceFor(service, rnd, accountId) };
  if (rnd.chance(0.2)) s.Condition = conditionFor(rnd);
  if (rnd.chance(0.04)) {
    delete s.Resource;
    s.NotResource = [fill(SERVICES[service].arn === "*" ? "arn:aws:s3:::bucket-%n/*" : SERVICES[service].arn, rnd, accountId)];
  } else if (rnd.chance(0.03)) {
    s.Action = ["s3:GetObject", "s3:PutObject"];
    s.Resource = [`arn:aws:s3:::home-\${aws:PrincipalTag/team}/*`];
  }
  return s;
}

function denyStatement(rnd: Rng, accountId: string): TStatement {
  switch (rnd.int(0, 4)) {
    case 0:
      return { Effect: "Deny", Action: ["s3:DeleteObject", "s3:PutBucketPolicy"], Resource: ["*"] };
    case 1:
      return { Effect: "Deny", NotAction: ["s3:*", "dynamodb:*", "logs:*", "sqs:*", "kms:Decrypt"], Resource: ["*"] };
    case 2:
      return { Effect: "Deny", Action: ["*"], Resource: ["*"], Condition: { StringNotEquals: { "aws:RequestedRegion": [...REGIONS] } } };
    case 3:
      return { Effect: "Deny", Action: [rnd.pick(["secretsmanager:GetSecretValue", "ssm:GetParameter*", "dynamodb:Scan"])], Resource: [fill(SERVICES.secretsmanager.arn, rnd, accountId)] };
    default:
      return { Effect: "Deny", Action: ["iam:*"], Resource: ["*"], Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": ["false"] } } };
  }
}

/** The privilege-escalation plants (2% of roles), each a real technique. */
function privescStatements(rnd: Rng, accountId: string, roleName: string): TStatement[] {
  switch (rnd.int(0, 5)) {
    case 0:
      return [{ Effect: "Allow", Action: ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], Resource: ["*"] }];
    case 1:
      return [{ Effect: "Allow", Action: ["iam:PutRolePolicy"], Resource: [`arn:aws:iam::${accountId}:role/${roleName}`] }];
    case 2:
      return [{ Effect: "Allow", Action: ["iam:AttachRolePolicy"], Resource: ["*"] }];
    case 3:
      return [{ Effect: "Allow", Action: ["lambda:UpdateFunctionCode", "lambda:InvokeFunction"], Resource: [`arn:aws:lambda:*:${accountId}:function:*`] }];
    case 4:
      return [{ Effect: "Allow", Action: ["iam:UpdateAssumeRolePolicy"], Resource: [`arn:aws:iam::${accountId}:role/*`] }];
    default:
      return [
        { Effect: "Allow", Action: ["iam:PassRole"], Resource: ["*"], Condition: { StringEquals: { "iam:PassedToService": ["ec2.amazonaws.com"] } } },
        { Effect: "Allow", Action: ["ec2:RunInstances"], Resource: ["*"] },
      ];
  }
}

/** Look-alikes of escalation that must not count: scoped PassRole, read-only IAM. */
function lookAlikeStatements(rnd: Rng, accountId: string): TStatement[] {
  switch (rnd.int(0, 2)) {
    case 0:
      return [
        { Effect: "Allow", Action: ["iam:PassRole"], Resource: [`arn:aws:iam::${accountId}:role/service-role/*`], Condition: { StringEquals: { "iam:PassedToService": ["states.amazonaws.com"] } } },
        { Effect: "Allow", Action: ["lambda:CreateFunction", "lambda:InvokeFunction"], Resource: ["*"] },
      ];
    case 1:
      return [{ Effect: "Allow", Action: ["iam:Get*", "iam:List*"], Resource: ["*"] }];
    default:
      return [{ Effect: "Allow", Action: ["lambda:UpdateFunctionCode"], Resource: [`arn:aws:lambda:*:${accountId}:function:ci-*`] }];
  }
}

function awsManagedPolicies(count: number): TIamPolicyRecord[] {
  const out: TIamPolicyRecord[] = [
    managedPolicy("AdministratorAccess", [{ Effect: "Allow", Action: ["*"], Resource: ["*"] }], { isAwsManaged: true }),
    managedPolicy("PowerUserAccess", [{ Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: ["*"] }, { Effect: "Allow", Action: ["iam:CreateServiceLinkedRole", "iam:ListRoles", "organizations:DescribeOrganization"], Resource: ["*"] }], { isAwsManaged: true, arn: "arn:aws:iam::aws:policy/PowerUserAccess" }),
    managedPolicy("ReadOnlyAccess", AWS_SERVICE_POOL.map((s) => ({ Effect: "Allow", Action: [`${s}:Get*`, `${s}:List*`, `${s}:Describe*`], Resource: ["*"] }) as TStatement), { isAwsManaged: true }),
    managedPolicy("AWSLambdaBasicExecutionRole", [{ Effect: "Allow", Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], Resource: ["*"] }], { isAwsManaged: true, arn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole" }),
    managedPolicy("AWSXRayDaemonWriteAccess", [{ Effect: "Allow", Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"], Resource: ["*"] }], { isAwsManaged: true }),
  ];
  for (let i = 0; out.length < count; i++) {
    const s = AWS_SERVICE_POOL[i % AWS_SERVICE_POOL.length];
    const round = Math.floor(i / AWS_SERVICE_POOL.length);
    const kind = round % 3;
    const name = `${s.replace(/[^a-z0-9]/g, "")}${["FullAccess", "ReadOnlyAccess", "ServiceRolePolicy"][kind]}${round >= 3 ? `V${round}` : ""}`;
    const statements: TStatement[] =
      kind === 0
        ? [{ Effect: "Allow", Action: [`${s}:*`], Resource: ["*"] }]
        : kind === 1
          ? [{ Effect: "Allow", Action: [`${s}:Get*`, `${s}:List*`, `${s}:Describe*`], Resource: ["*"] }]
          : [{ Effect: "Allow", Action: [`${s}:Describe*`, `${s}:Create*`, "logs:PutLogEvents"], Resource: ["*"], Condition: { StringEquals: { "aws:RequestedRegion": ["us-east-1"] } } }];
    out.push(managedPolicy(name, statements, { isAwsManaged: true, arn: `arn:aws:iam::aws:policy/${name}` }));
  }
  return out.slice(0, count);
}

export function generateIamFixture(opts: { seed?: number; scale?: number; accountId?: string } = {}): IamFixture {
  const seed = opts.seed ?? 1;
  const scale = opts.scale ?? 1;
  const accountId = opts.accountId ?? FIXTURE_ACCOUNT;
  const rnd = prng(seed);
  const n = (full: number) => Math.max(1, Math.round(full * scale));
  const nRoles = n(IAM_FULL_SIZE.roles);
  const nCustomer = n(IAM_FULL_SIZE.customerPolicies);

  const aws = awsManagedPolicies(Math.max(5, n(IAM_FULL_SIZE.awsManagedPolicies)));
  const ADMIN = 0;
  const POWER = 1;
  // AWS managed policies ordinary roles draw from: neither admin nor power user.
  const ordinaryAws = aws.slice(2).map((_, i) => i + 2);

  // Customer managed policies; 5% are wildcard policies, 1% carry an older, broader version.
  const customer: TIamPolicyRecord[] = [];
  const wildcardPolicies: number[] = [];
  for (let i = 0; i < nCustomer; i++) {
    const name = `lb-policy-${String(i).padStart(5, "0")}`;
    const wildcard = i % 20 === 7;
    const statements = wildcard ? [{ Effect: "Allow", Action: [rnd.pick(["s3:*", "dynamodb:*", "sqs:*", "kinesis:*"])], Resource: ["*"] } as TStatement] : Array.from({ length: rnd.int(1, 4) }, () => ordinaryStatement(rnd, accountId));
    if (wildcard) wildcardPolicies.push(i);
    const versions = [{ versionId: "v2", isDefault: true, createDate: "2026-06-01T00:00:00.000Z", policy: parsedPolicy(...statements) }];
    if (rnd.chance(0.01)) versions.push({ versionId: "v1", isDefault: false, createDate: "2026-01-01T00:00:00.000Z", policy: parsedPolicy({ Effect: "Allow", Action: ["iam:*"], Resource: ["*"] }) });
    customer.push(managedPolicy(name, statements, { defaultVersionId: "v2", versions, accountId }));
  }
  // Permissions boundaries: workload services allowed, identity changes denied.
  const boundaries: TIamPolicyRecord[] = Array.from({ length: 10 }, (_, i) =>
    managedPolicy(`lb-boundary-${i}`, [
      { Effect: "Allow", Action: [...new Set(Array.from({ length: 5 }, () => `${rnd.pick(SERVICE_NAMES)}:*`)), "logs:*"], Resource: ["*"] },
      ...(i % 2 ? [{ Effect: "Allow", Action: ["iam:PassRole"], Resource: [`arn:aws:iam::${accountId}:role/service-role/*`] } as TStatement] : []),
      { Effect: "Deny", Action: ["iam:Put*", "iam:Attach*", "iam:Create*", "iam:Delete*Boundary"], Resource: ["*"] },
    ], { accountId }),
  );

  const roles: TIamRoleRecord[] = [];
  const privescRoles: string[] = [];
  const wildcardRoles: string[] = [];
  const trusts = ["lambda", "lambda", "lambda", "ec2", "ecs", "account"] as const;
  for (let i = 0; i < nRoles; i++) {
    const name = `lb-role-${String(i).padStart(5, "0")}`;
    const trust = i % 5 < 3 ? "lambda" : rnd.pick(trusts);
    const attached = rnd.int(2, 10);
    const nCust = Math.round(attached / 2);
    const custIdx = rnd.distinct(nCust, nCustomer).filter((k) => !wildcardPolicies.includes(k));
    const awsIdx = rnd.distinct(attached - nCust, ordinaryAws.length).map((k) => ordinaryAws[k]);
    const inline: TStatement[] = Array.from({ length: rnd.int(1, 3) }, () => ordinaryStatement(rnd, accountId));
    const wildcard = rnd.chance(0.15);
    if (wildcard) {
      wildcardRoles.push(name);
      const w = rnd.int(0, 5);
      if (w === 0) awsIdx.push(ADMIN);
      else if (w === 1) awsIdx.push(POWER);
      else if (w === 2) inline.push({ Effect: "Allow", Action: ["*"], Resource: ["*"] });
      else if (w === 3 && wildcardPolicies.length) custIdx.push(rnd.pick(wildcardPolicies));
      else inline.push({ Effect: "Allow", Action: [`${rnd.pick(SERVICE_NAMES)}:*`], Resource: rnd.chance(0.5) ? ["*"] : resourceFor("s3", rnd, accountId) });
    }
    if (rnd.chance(0.02)) {
      privescRoles.push(name);
      inline.push(...privescStatements(rnd, accountId, name));
    } else if (rnd.chance(0.03)) {
      inline.push(...lookAlikeStatements(rnd, accountId));
    }
    if (rnd.chance(0.1)) inline.push(denyStatement(rnd, accountId));
    const boundary = rnd.chance(0.1) ? boundaries[rnd.int(0, boundaries.length - 1)] : null;
    const trustStatement: TStatement =
      trust === "account"
        ? { Effect: "Allow", Principal: { AWS: [`arn:aws:iam::${accountId}:root`] }, Action: ["sts:AssumeRole"], ...(rnd.chance(0.5) ? { Condition: { Bool: { "aws:MultiFactorAuthPresent": ["true"] } } } : {}) }
        : { Effect: "Allow", Principal: { Service: [`${trust === "ecs" ? "ecs-tasks" : trust}.amazonaws.com`] }, Action: ["sts:AssumeRole"] };
    const lastUsed = rnd.chance(0.7) ? { date: "2026-11-0" + rnd.int(1, 9) + "T00:00:00Z", region: "us-east-1" } : null;
    roles.push(
      iamRole({
        name,
        accountId,
        path: trust === "lambda" && i % 2 ? "/service-role/" : "/",
        arn: `arn:aws:iam::${accountId}:role/${trust === "lambda" && i % 2 ? "service-role/" : ""}${name}`,
        trustPolicy: parsedPolicy(trustStatement),
        inlinePolicies: [{ name: `${name}-inline`, policy: parsedPolicy(...inline) }],
        attachedPolicies: [...custIdx.map((k) => ({ arn: customer[k].arn, name: customer[k].name })), ...awsIdx.map((k) => ({ arn: aws[k].arn, name: aws[k].name }))],
        permissionsBoundary: boundary ? { arn: boundary.arn, type: "PermissionsBoundaryPolicy" } : null,
        instanceProfiles: trust === "ec2" ? [{ arn: `arn:aws:iam::${accountId}:instance-profile/${name}`, name, id: null }] : [],
        roleLastUsed: lastUsed,
        tags: { team: rnd.pick(TEAMS) },
      }),
    );
  }

  const groups: TIamGroupRecord[] = Array.from({ length: Math.max(1, n(IAM_FULL_SIZE.groups)) }, (_, i) =>
    iamGroup({
      name: `lb-group-${i}`,
      accountId,
      inlinePolicies: [{ name: "group-inline", policy: parsedPolicy(ordinaryStatement(rnd, accountId)) }],
      attachedPolicies: [{ arn: aws[rnd.pick(ordinaryAws)].arn, name: null }],
    }),
  );
  const users: TIamUserRecord[] = Array.from({ length: Math.max(1, n(IAM_FULL_SIZE.users)) }, (_, i) => {
    const name = `lb-user-${String(i).padStart(4, "0")}`;
    const g = groups[i % groups.length];
    const statements = [ordinaryStatement(rnd, accountId), { Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::home/${aws:username}/*"] } as TStatement];
    if (i % 25 === 3) statements.push({ Effect: "Allow", Action: ["iam:CreateAccessKey"], Resource: [`arn:aws:iam::${accountId}:user/*`] });
    return iamUser({ name, accountId, groups: [{ name: g.name, arn: g.arn }], inlinePolicies: [{ name: "user-inline", policy: parsedPolicy(...statements) }], tags: { team: rnd.pick(TEAMS) } });
  });
  for (const g of groups) g.members = users.filter((u) => u.groups.some((x) => x.arn === g.arn)).map((u) => ({ name: u.name, arn: u.arn }));

  // Functions on the Lambda roles (round robin), in two regions.
  const lambdaRoles = roles.filter((r) => r.trustPolicy.status === "ok" && r.trustPolicy.value.text.includes("lambda.amazonaws.com"));
  const lambdaFunctions = Array.from({ length: n(IAM_FULL_SIZE.functions) }, (_, i) => {
    const region = REGIONS[i % 2];
    const name = `fn-${i}`;
    return { arn: `arn:aws:lambda:${region}:${accountId}:function:${name}`, name, region, roleArn: lambdaRoles[(i * 7) % lambdaRoles.length]?.arn ?? null };
  });

  const usedAws = new Set(roles.flatMap((r) => r.attachedPolicies.map((a) => a.arn)).concat(groups.flatMap((g) => g.attachedPolicies.map((a) => a.arn))));
  return {
    seed,
    scale,
    accountId,
    iamRoles: roles,
    iamUsers: users,
    iamGroups: groups,
    iamPolicies: [...customer, ...boundaries, ...aws.filter((p) => usedAws.has(p.arn))],
    lambdaFunctions,
    privescRoles,
    wildcardRoles,
  };
}

/** A copy of the fixture with one customer managed policy's default version replaced (B5's re-score). */
export function withPolicyEdit(f: IamFixture, policyArn: string, statements: TStatement[]): IamFixture {
  return {
    ...f,
    iamPolicies: f.iamPolicies.map((p) =>
      p.arn !== policyArn ? p : { ...p, versions: p.versions.map((v) => (v.isDefault ? { ...v, policy: parsedPolicy(...statements) } : v)) },
    ),
  };
}
