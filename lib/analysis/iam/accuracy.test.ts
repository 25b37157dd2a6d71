// The labelled accuracy set: role policies with the verdict a careful reviewer gives them. Escalation paths
// (each named technique with everything it needs) and their look-alikes that must NOT be reported: Denies
// that override, PassRole scoped by resource or by iam:PassedToService, read-only IAM, conditions,
// NotAction, permissions boundaries, targets that give nothing new. Then the risk classes.
import { describe, expect, it } from "vitest";
import type { TStatement } from "@/lib/aws/policy-document";
import type { TIamPolicyRecord, TIamRoleRecord, TIamUserRecord } from "@/scanners/iam/record";
import { ACCOUNT_ID, allow, deny, iamRole, iamUser, inlinePolicy, managedPolicy, parsedPolicy, roleArn, trustStatement, userArn } from "@/lib/rules/__fixtures__/iam";
import { functionArn } from "@/lib/rules/__fixtures__/lambda-function";
import { analyzeAccountIam } from "./analyze";

const ADMIN = managedPolicy("AdministratorAccess", [allow("*")], { isAwsManaged: true });
const service = (s: string) => parsedPolicy(trustStatement({ Service: [s] }));

const adminRole = (name: string, trust = service("lambda.amazonaws.com"), extra: Partial<TIamRoleRecord> = {}) =>
  iamRole({ name, trustPolicy: trust, attachedPolicies: [{ arn: ADMIN.arn, name: ADMIN.name }], ...extra });

/** The account every case runs in, around the role under test ("subject"). */
function account(statements: TStatement[], opts: { boundary?: TStatement[]; policies?: TIamPolicyRecord[]; roles?: TIamRoleRecord[]; users?: TIamUserRecord[]; attach?: string[] } = {}) {
  const boundary = opts.boundary ? managedPolicy("subject-boundary", opts.boundary) : null;
  const subject = iamRole({
    name: "subject",
    inlinePolicies: statements.length ? [inlinePolicy("subject-inline", ...statements)] : [],
    attachedPolicies: (opts.attach ?? []).map((arn) => ({ arn, name: null })),
    permissionsBoundary: boundary ? { arn: boundary.arn, type: "PermissionsBoundaryPolicy" } : null,
  });
  const roles = [
    subject,
    adminRole("admin-role"),
    iamRole({ name: "worker-role", path: "/service-role/", arn: roleArn("service-role/worker-role"), inlinePolicies: [inlinePolicy("w", allow("s3:GetObject", "arn:aws:s3:::reports/*"))] }),
    ...(opts.roles ?? []),
  ];
  const users = [iamUser({ name: "root-ops", attachedPolicies: [{ arn: ADMIN.arn, name: ADMIN.name }] }), iamUser({ name: "intern" }), ...(opts.users ?? [])];
  const inv = {
    accountId: ACCOUNT_ID,
    iamRoles: roles,
    iamUsers: users,
    iamGroups: [],
    iamPolicies: [ADMIN, ...(boundary ? [boundary] : []), ...(opts.policies ?? [])],
    lambdaFunctions: [
      { arn: functionArn("fn-admin"), name: "fn-admin", region: "us-east-1", roleArn: roleArn("admin-role") },
      { arn: functionArn("fn-worker"), name: "fn-worker", region: "us-east-1", roleArn: roleArn("service-role/worker-role") },
    ],
  };
  const a = analyzeAccountIam(inv);
  return { a, p: a.principal(roleArn("subject"))! };
}

function escalations(statements: TStatement[], opts: Parameters<typeof account>[1] = {}) {
  const { a, p } = account(statements, opts);
  const found = a.escalations(p);
  return {
    definite: found.filter((f) => f.certainty === "definite").map((f) => f.technique.id).sort(),
    conditional: found.filter((f) => f.certainty === "conditional").map((f) => f.technique.id).sort(),
  };
}

const SELF = roleArn("subject");
const FN_ADMIN = functionArn("fn-admin");
const PASSRAW: TStatement = allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"]);

type Case = [string, TStatement[], string[], Parameters<typeof account>[1]?, string[]?];

const olderBroader = managedPolicy("subject-managed", [allow("s3:GetObject", "arn:aws:s3:::reports/*")], {
  defaultVersionId: "v2",
  versions: [
    { versionId: "v2", isDefault: true, createDate: null, policy: parsedPolicy(allow("s3:GetObject", "arn:aws:s3:::reports/*")) },
    { versionId: "v1", isDefault: false, createDate: null, policy: parsedPolicy(allow("*")) },
  ],
});
const olderNarrower = managedPolicy("subject-managed", [allow("s3:*")], {
  defaultVersionId: "v2",
  versions: [
    { versionId: "v2", isDefault: true, createDate: null, policy: parsedPolicy(allow("s3:*")) },
    { versionId: "v1", isDefault: false, createDate: null, policy: parsedPolicy(allow("s3:GetObject")) },
  ],
});

const ESCALATING: Case[] = [
  ["PassRole + CreateFunction + InvokeFunction", [PASSRAW], ["lambda-001"]],
  ["PassRole + CreateFunction + CreateEventSourceMapping", [allow(["iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"])], ["lambda-002"]],
  ["PassRole + CreateFunction + AddPermission", [allow(["iam:PassRole", "lambda:CreateFunction", "lambda:AddPermission"])], ["lambda-006"]],
  ["UpdateFunctionCode + InvokeFunction on an administrator's function", [allow(["lambda:UpdateFunctionCode", "lambda:InvokeFunction"], FN_ADMIN)], ["lambda-004"]],
  ["UpdateFunctionCode alone (the function runs on its own triggers)", [allow("lambda:UpdateFunctionCode", FN_ADMIN)], ["lambda-003"]],
  ["UpdateFunctionConfiguration (a layer of its own)", [allow("lambda:UpdateFunctionConfiguration", FN_ADMIN)], ["lambda-update-configuration"]],
  ["PutRolePolicy on itself", [allow("iam:PutRolePolicy", SELF)], ["iam-005"]],
  ["AttachRolePolicy on itself", [allow("iam:AttachRolePolicy", SELF)], ["iam-009"]],
  ["CreatePolicyVersion on a policy attached to it", [allow("iam:CreatePolicyVersion", olderBroader.arn)], ["iam-001"], { policies: [olderBroader], attach: [olderBroader.arn] }],
  ["SetDefaultPolicyVersion back to a broader version", [allow("iam:SetDefaultPolicyVersion", olderBroader.arn)], ["iam-set-default-version"], { policies: [olderBroader], attach: [olderBroader.arn] }],
  ["UpdateAssumeRolePolicy on an administrator role", [allow("iam:UpdateAssumeRolePolicy", roleArn("admin-role"))], ["iam-012"]],
  ["CreateAccessKey for every user", [allow("iam:CreateAccessKey", `arn:aws:iam::${ACCOUNT_ID}:user/*`)], ["iam-002"]],
  ["CreateLoginProfile for an administrator user", [allow("iam:CreateLoginProfile", userArn("root-ops"))], ["iam-004"]],
  ["UpdateLoginProfile for an administrator user", [allow("iam:UpdateLoginProfile", userArn("root-ops"))], ["iam-006"]],
  [
    "PassRole to EC2 (iam:PassedToService) + RunInstances with an instance profile",
    [allow("iam:PassRole", "*", { Condition: { StringEquals: { "iam:PassedToService": ["ec2.amazonaws.com"] } } }), allow("ec2:RunInstances")],
    ["ec2-001"],
    { roles: [adminRole("ec2-admin", service("ec2.amazonaws.com"), { instanceProfiles: [{ arn: `arn:aws:iam::${ACCOUNT_ID}:instance-profile/ec2-admin`, name: "ec2-admin", id: null }] })] },
  ],
  ["PassRole + glue:CreateDevEndpoint", [allow(["iam:PassRole", "glue:CreateDevEndpoint"])], ["glue-001"], { roles: [adminRole("glue-admin", service("glue.amazonaws.com"))] }],
  ["PassRole + cloudformation:CreateStack", [allow(["iam:PassRole", "cloudformation:CreateStack"])], ["cloudformation-001"], { roles: [adminRole("cfn-admin", service("cloudformation.amazonaws.com"))] }],
  ["PassRole + codebuild:CreateProject + StartBuild", [allow(["iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild"])], ["codebuild-001"], { roles: [adminRole("build-admin", service("codebuild.amazonaws.com"))] }],
  ["sts:AssumeRole on a role that trusts the account", [allow("sts:AssumeRole", roleArn("ops-admin"))], ["sts-assume-role"], { roles: [adminRole("ops-admin", parsedPolicy(trustStatement({ AWS: [`arn:aws:iam::${ACCOUNT_ID}:root`] })))] }],
  // PutRolePolicy on itself is allowed too, but cannot exceed the boundary: only removing the boundary gains.
  ["DeleteRolePermissionsBoundary on itself, its policies being broader", [allow("*")], ["iam-delete-role-boundary"], { boundary: [allow(["s3:*", "iam:DeleteRolePermissionsBoundary", "iam:PutRolePolicy"])] }],
  ["a NotAction Allow (everything but IAM) still updates an administrator's function", [allow([], "*", { Action: undefined, NotAction: ["iam:*"] })], ["lambda-004"]],
  ["PassRole to a role path the administrator lives on", [allow("iam:PassRole", `arn:aws:iam::${ACCOUNT_ID}:role/admin-*`), allow(["lambda:CreateFunction", "lambda:InvokeFunction"])], ["lambda-001"]],
];

const LOOK_ALIKES: Case[] = [
  ["PassRole alone", [allow("iam:PassRole")], []],
  ["PassRole + CreateFunction with no way to run it", [allow(["iam:PassRole", "lambda:CreateFunction"])], []],
  [
    "PassRole limited by iam:PassedToService to Step Functions",
    [allow("iam:PassRole", "*", { Condition: { StringEquals: { "iam:PassedToService": ["states.amazonaws.com"] } } }), allow(["lambda:CreateFunction", "lambda:InvokeFunction"])],
    [],
  ],
  ["PassRole scoped to roles that give nothing new", [allow("iam:PassRole", `arn:aws:iam::${ACCOUNT_ID}:role/service-role/*`), allow(["lambda:CreateFunction", "lambda:InvokeFunction", "s3:GetObject"])], []],
  ["read-only IAM", [allow(["iam:Get*", "iam:List*"])], []],
  ["PutRolePolicy on another role only", [allow("iam:PutRolePolicy", roleArn("admin-role"))], []],
  ["an explicit Deny on iam:PassRole", [PASSRAW, deny("iam:PassRole")], []],
  ["a Deny on every IAM write overrides PutRolePolicy on itself", [allow("iam:PutRolePolicy", SELF), deny("iam:Put*")], []],
  ["NotAction everything but IAM, with lambda updates denied", [allow([], "*", { Action: undefined, NotAction: ["iam:*"] }), deny(["lambda:Update*", "lambda:CreateFunction"])], []],
  ["a boundary that allows only S3", [PASSRAW], [], { boundary: [allow("s3:*")] }],
  ["a boundary that denies iam:PassRole", [PASSRAW], [], { boundary: [allow("*"), deny("iam:PassRole")] }],
  ["UpdateFunctionCode on a function whose role gives nothing new", [allow(["lambda:UpdateFunctionCode", "lambda:InvokeFunction"], functionArn("fn-worker")), allow("s3:GetObject")], []],
  ["CreatePolicyVersion on a policy attached to someone else", [allow("iam:CreatePolicyVersion", olderBroader.arn)], [], { policies: [olderBroader] }],
  ["CreateAccessKey for a user with no permissions", [allow("iam:CreateAccessKey", userArn("intern"))], []],
  [
    "AttachRolePolicy on itself limited to a read-only policy by iam:PolicyARN",
    [allow("iam:AttachRolePolicy", SELF, { Condition: { ArnEquals: { "iam:PolicyARN": ["arn:aws:iam::aws:policy/ReadOnlyAccess"] } } })],
    [],
  ],
  ["SetDefaultPolicyVersion to a narrower version", [allow("iam:SetDefaultPolicyVersion", olderNarrower.arn)], [], { policies: [olderNarrower], attach: [olderNarrower.arn] }],
  ["PassRole to EC2 + RunInstances when the role has no instance profile", [allow(["iam:PassRole", "ec2:RunInstances"])], [], { roles: [adminRole("ec2-admin", service("ec2.amazonaws.com"))] }],
  ["sts:AssumeRole on a role that trusts only a service", [allow("sts:AssumeRole")], []],
  ["UpdateAssumeRolePolicy on itself only", [allow("iam:UpdateAssumeRolePolicy", SELF)], []],
  ["lambda:AddPermission alone (resource exposure, not escalation)", [allow("lambda:AddPermission")], []],
  ["UpdateFunctionCode on functions of another account", [allow("lambda:UpdateFunctionCode", "arn:aws:lambda:*:999988887777:function:*")], []],
];

describe("privilege escalation: labelled techniques", () => {
  it.each(ESCALATING)("%s", (_name, statements, expected, opts) => {
    expect(escalations(statements, opts).definite).toEqual([...expected].sort());
  });
});

describe("privilege escalation: look-alikes that must not be reported", () => {
  it.each(LOOK_ALIKES)("%s", (_name, statements, expected, opts) => {
    expect(escalations(statements, opts).definite).toEqual(expected);
  });

  it("reports PassRole behind an MFA condition as conditional only", () => {
    const r = escalations([allow("iam:PassRole", "*", { Condition: { Bool: { "aws:MultiFactorAuthPresent": ["true"] } } }), allow(["lambda:CreateFunction", "lambda:InvokeFunction"])]);
    expect(r).toEqual({ definite: [], conditional: ["lambda-001"] });
  });

  it("honours a principal-tag condition it can decide from the role's own tags", () => {
    const tagged = allow("iam:PutRolePolicy", SELF, { Condition: { StringEquals: { "aws:PrincipalTag/team": ["platform"] } } });
    expect(escalations([tagged]).definite).toEqual([]);
  });
});

describe("risk classes", () => {
  const classes = (statements: TStatement[], opts: Parameters<typeof account>[1] = {}) => {
    const { a, p } = account(statements, opts);
    return a.classes(p);
  };

  it("Action * on Resource * is administrator access", () => {
    const c = classes([allow("*")]);
    expect(c.admin).toBe(true);
    expect(c.adminStatements).toHaveLength(1);
  });

  it("* minus a Deny on IAM is neither admin nor admin-equivalent", () => {
    const c = classes([allow("*"), deny("iam:*")]);
    expect(c).toMatchObject({ admin: false, adminEquivalent: false });
    expect(c.adminCarveOuts?.services).toContain("iam");
  });

  it("* minus a Deny on S3 stays admin-equivalent (it can rewrite its own policies)", () => {
    expect(classes([allow("*"), deny("s3:*")])).toMatchObject({ admin: false, adminEquivalent: true });
  });

  it("* within a boundary that allows only S3 is not admin", () => {
    expect(classes([allow("*")], { boundary: [allow("s3:*")] }).admin).toBe(false);
  });

  it("s3:* on * is a service wildcard, data exfiltration, infrastructure modification and resource exposure", () => {
    const c = classes([allow("s3:*")]);
    expect(c.serviceWildcards.map((w) => w.service)).toEqual(["s3"]);
    expect(c.dataExfiltration.actions).toContain("s3:GetObject");
    expect(c.infrastructureModification.count).toBeGreaterThan(10);
    expect(c.resourceExposure.actions).toContain("s3:PutBucketPolicy");
  });

  it("s3:* on one bucket is a (scoped) service wildcard but not unconstrained", () => {
    const c = classes([allow("s3:*", ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"])]);
    expect(c.serviceWildcards).toEqual([expect.objectContaining({ service: "s3", resourceScoped: true })]);
    expect(c.dataExfiltration.count).toBe(0);
    expect(c.infrastructureModification.count).toBe(0);
  });

  it("a Deny on part of a service removes the service wildcard", () => {
    expect(classes([allow("s3:*"), deny("s3:Delete*")]).serviceWildcards).toEqual([]);
  });

  it("a pattern covering every object of every bucket is unconstrained", () => {
    expect(classes([allow("s3:GetObject", "arn:aws:s3:::*/*")]).dataExfiltration.actions).toEqual(["s3:GetObject"]);
  });

  it("every secret of the account (ARN with a wildcard name) counts as unconstrained", () => {
    expect(classes([allow("secretsmanager:GetSecretValue", `arn:aws:secretsmanager:us-east-1:${ACCOUNT_ID}:secret:*`)]).dataExfiltration.count).toBe(1);
  });

  it("a conditioned secret read is conditional, not unconstrained", () => {
    const c = classes([allow("secretsmanager:GetSecretValue", "*", { Condition: { StringEquals: { "aws:ResourceTag/team": ["payments"] } } })]);
    expect(c.dataExfiltration).toMatchObject({ count: 0, conditionalCount: 1, conditionalActions: ["secretsmanager:GetSecretValue"] });
  });

  it("a conditional Deny on every resource makes the grant conditional", () => {
    const c = classes([allow("ssm:GetParameter"), deny("*", "*", { Condition: { StringNotEquals: { "aws:SourceVpce": ["vpce-1"] } } })]);
    expect(c.dataExfiltration).toMatchObject({ count: 0, conditionalCount: 1 });
  });

  it("actions that take no resource are not infrastructure modification", () => {
    expect(classes([allow(["xray:PutTraceSegments", "xray:PutTelemetryRecords"])]).infrastructureModification.count).toBe(0);
  });

  it("ecr:GetAuthorizationToken is credentials exposure, kms:PutKeyPolicy resource exposure", () => {
    const c = classes([allow(["ecr:GetAuthorizationToken", "kms:PutKeyPolicy"])]);
    expect(c.credentialsExposure.actions).toEqual(["ecr:GetAuthorizationToken"]);
    expect(c.resourceExposure.actions).toEqual(["kms:PutKeyPolicy"]);
  });

  it("NotResource excluding one bucket still reads every other bucket", () => {
    expect(classes([allow("s3:GetObject", [], { Resource: undefined, NotResource: ["arn:aws:s3:::secret-bucket/*"] })]).dataExfiltration.count).toBe(1);
  });

  it("keeps resource constraints: a scoped grant is reported with its ARNs, not as unconstrained", () => {
    const { a, p } = account([allow("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/orders-*")]);
    expect(a.classes(p).dataExfiltration.count).toBe(0);
    const i = a.catalog.indexOf("secretsmanager:GetSecretValue");
    const grant = p.perms.identity.find((u) => u.st.actions.bits[i >>> 5] & (1 << (i & 31)))!;
    expect(grant.st.resources).toEqual(["arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/orders-*"]);
  });
});
