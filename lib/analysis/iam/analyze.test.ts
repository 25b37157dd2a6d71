// The account-level parts of the analysis: users with their groups, the transitive graph and its chains, the
// modifiers of a function, unused permissions with their proposal, and re-analysis after one policy change.
import { describe, expect, it } from "vitest";
import type { TIamRoleRecord } from "@/scanners/iam/record";
import { ACCOUNT_ID, allow, deny, iamGroup, iamRole, iamUser, inlinePolicy, managedPolicy, parsedPolicy, roleArn, trustStatement, userArn } from "@/lib/rules/__fixtures__/iam";
import { functionArn } from "@/lib/rules/__fixtures__/lambda-function";
import { generateIamFixture, withPolicyEdit } from "@/bench/iam-fixture";
import { analyzeAccountIam, changedPrincipals, reanalyzeIam, type IamInventory } from "./analyze";

const ADMIN = managedPolicy("AdministratorAccess", [allow("*")], { isAwsManaged: true });
const fn = (name: string, role: string) => ({ arn: functionArn(name), name, region: "us-east-1", roleArn: roleArn(role) });

function inventory(parts: Partial<IamInventory>): IamInventory {
  return { accountId: ACCOUNT_ID, iamRoles: [], iamUsers: [], iamGroups: [], iamPolicies: [ADMIN], lambdaFunctions: [], ...parts };
}

describe("effective permissions", () => {
  it("gives a user the policies of its groups, and reports an unreadable or missing policy", () => {
    const group = iamGroup({ name: "ops", attachedPolicies: [{ arn: ADMIN.arn, name: "AdministratorAccess" }] });
    const broken = iamUser({ name: "broken", attachedPolicies: [{ arn: `arn:aws:iam::${ACCOUNT_ID}:policy/gone`, name: "gone" }] });
    const a = analyzeAccountIam(inventory({ iamUsers: [iamUser({ name: "carol", groups: [{ name: "ops", arn: group.arn }] }), broken], iamGroups: [group] }));
    expect(a.classes(a.principal(userArn("carol"))!).admin).toBe(true);
    expect(a.principal(userArn("broken"))!.issues).toEqual([expect.objectContaining({ reason: "missing_from_inventory", policy: `arn:aws:iam::${ACCOUNT_ID}:policy/gone` })]);
  });

  it("resolves ${aws:username} for users and leaves it unresolved for roles", () => {
    const home = allow("s3:GetObject", "arn:aws:s3:::home/${aws:username}/*");
    const a = analyzeAccountIam(inventory({ iamUsers: [iamUser({ name: "dave", inlinePolicies: [inlinePolicy("home", home)] })] }));
    const p = a.principal(userArn("dave"))!;
    const i = a.catalog.indexOf("s3:GetObject");
    expect(a.explainStep(p, { action: "s3:GetObject", resource: "arn:aws:s3:::home/dave/x", decision: "allow" })).toHaveLength(1);
    expect(a.explainStep(p, { action: "s3:GetObject", resource: "arn:aws:s3:::home/erin/x", decision: "allow" })).toHaveLength(0);
    expect(p.perms.allowMay[i >>> 5] & (1 << (i & 31))).not.toBe(0);
  });
});

describe("transitive escalation", () => {
  // deployer -> UpdateFunctionCode on fn-middle -> middle-role -> PassRole + CreateFunction + Invoke -> admin-role
  const roles: TIamRoleRecord[] = [
    iamRole({ name: "deployer", inlinePolicies: [inlinePolicy("deploy", allow(["lambda:UpdateFunctionCode", "lambda:InvokeFunction"], functionArn("fn-middle")))] }),
    iamRole({ name: "middle-role", inlinePolicies: [inlinePolicy("m", allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], "*"), allow("s3:GetObject"))] }),
    iamRole({ name: "admin-role", attachedPolicies: [{ arn: ADMIN.arn, name: "AdministratorAccess" }] }),
    iamRole({ name: "bystander", inlinePolicies: [inlinePolicy("b", allow("s3:GetObject"))] }),
  ];
  const inv = inventory({ iamRoles: roles, lambdaFunctions: [fn("fn-middle", "middle-role"), fn("fn-admin", "admin-role")] });

  it("finds the chain through a function and a passed role, hop by hop", () => {
    const a = analyzeAccountIam(inv);
    const t = a.transitive(a.principal(roleArn("deployer"))!);
    expect(t.chain?.map((l) => [a.principals[l.from].name, l.edge.technique.id, a.principals[l.to].name])).toEqual([
      ["deployer", "lambda-004", "middle-role"],
      ["middle-role", "lambda-001", "admin-role"],
    ]);
    expect(a.via(t.chain![0].edge, t.chain![0].to)).toEqual([functionArn("fn-middle")]);
    expect(a.transitive(a.principal(roleArn("bystander"))!)).toMatchObject({ chain: null, conditionalChain: null, directTargets: 0 });
  });

  it("lists who can modify a function, separating administrators", () => {
    const a = analyzeAccountIam(inv);
    const m = a.functionModifiers(functionArn("fn-middle"));
    expect(m.modifiers.map((x) => [a.principals[x.principalId].name, x.technique.id, x.certainty])).toEqual([["deployer", "lambda-004", "definite"]]);
    expect(m.administrators).toBe(1);
    expect(a.functionModifiers(functionArn("fn-admin")).modifiers).toEqual([]);
  });

  it("makes the hop conditional when the deployer's grant needs MFA", () => {
    const mfa = { Condition: { Bool: { "aws:MultiFactorAuthPresent": ["true"] } } };
    const conditional = [iamRole({ name: "deployer", inlinePolicies: [inlinePolicy("deploy", allow(["lambda:UpdateFunctionCode", "lambda:InvokeFunction"], functionArn("fn-middle"), mfa))] }), ...roles.slice(1)];
    const a = analyzeAccountIam({ ...inv, iamRoles: conditional });
    const t = a.transitive(a.principal(roleArn("deployer"))!);
    expect(t.chain).toBeNull();
    expect(t.conditionalChain?.length).toBe(2);
  });

  it("follows trust: a role assumable by a user is one hop, a trust rewrite another", () => {
    const trusting = iamRole({ name: "ops-admin", trustPolicy: parsedPolicy(trustStatement({ AWS: [userArn("frank")] })), attachedPolicies: [{ arn: ADMIN.arn, name: null }] });
    const a = analyzeAccountIam(inventory({ iamRoles: [trusting], iamUsers: [iamUser({ name: "frank" })] }));
    expect(a.transitive(a.principal(userArn("frank"))!).chain?.[0].edge.technique.id).toBe("sts-assume-role");
  });

  it("honours a Deny on sts:AssumeRole against a trust that names the principal", () => {
    const trusting = iamRole({ name: "ops-admin", trustPolicy: parsedPolicy(trustStatement({ AWS: [userArn("frank")] })), attachedPolicies: [{ arn: ADMIN.arn, name: null }] });
    const frank = iamUser({ name: "frank", inlinePolicies: [inlinePolicy("no", deny("sts:AssumeRole"))] });
    const a = analyzeAccountIam(inventory({ iamRoles: [trusting], iamUsers: [frank] }));
    expect(a.transitive(a.principal(userArn("frank"))!).chain).toBeNull();
  });
});

describe("unused permissions", () => {
  it("lists services unused in the window and proposes the statements narrowed to what was used", () => {
    const role = iamRole({
      name: "worker",
      createDate: "2025-01-01T00:00:00Z",
      inlinePolicies: [inlinePolicy("w", allow(["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "sqs:SendMessage"], "arn:aws:s3:::data/*"), allow("dynamodb:Query", "arn:aws:dynamodb:us-east-1:111122223333:table/t"))],
      lastAccessed: {
        status: "ok",
        value: {
          jobCompletedAt: "2026-11-22T00:00:00Z",
          services: [
            { namespace: "s3", name: "Amazon S3", lastAuthenticated: "2026-11-20T00:00:00Z", lastAuthenticatedEntity: null, lastAuthenticatedRegion: null, totalAuthenticatedEntities: 1, trackedActions: [{ name: "DeleteObject", lastAccessedTime: null, lastAccessedEntity: null, lastAccessedRegion: null }, { name: "PutObject", lastAccessedTime: "2026-11-19T00:00:00Z", lastAccessedEntity: null, lastAccessedRegion: null }] },
            { namespace: "sqs", name: "Amazon SQS", lastAuthenticated: "2026-01-01T00:00:00Z", lastAuthenticatedEntity: null, lastAuthenticatedRegion: null, totalAuthenticatedEntities: 1 },
            { namespace: "dynamodb", name: "Amazon DynamoDB", lastAuthenticated: null, lastAuthenticatedEntity: null, lastAuthenticatedRegion: null, totalAuthenticatedEntities: 0 },
          ],
        },
      },
    });
    const a = analyzeAccountIam(inventory({ iamRoles: [role] }));
    const u = a.unused(a.principal(roleArn("worker"))!, new Date("2026-11-23T12:00:00Z"), 90)!;
    expect(u.unused.map((s) => s.service)).toEqual(["dynamodb", "sqs"]);
    expect(u.used).toEqual([expect.objectContaining({ service: "s3", unusedTrackedActions: ["s3:DeleteObject"] })]);
    // GetObject is not tracked per action by IAM: kept. DeleteObject is tracked and unused: dropped.
    expect(u.proposal).toEqual({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: ["arn:aws:s3:::data/*"] }] });
    expect(u.removedActionCount).toBe(3);
  });
});

describe("re-analysis after one policy change", () => {
  it("rebuilds only the principals that use the policy and agrees with a full analysis", () => {
    const fixture = generateIamFixture({ seed: 3, scale: 0.05 });
    const prev = analyzeAccountIam(fixture);
    const policy = fixture.iamPolicies.find((p) => !p.isAwsManaged && fixture.iamRoles.some((r) => r.attachedPolicies.some((x) => x.arn === p.arn)))!;
    const edited = withPolicyEdit(fixture, policy.arn, [allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"])]);
    const next = reanalyzeIam(prev, edited, { policyArns: [policy.arn] });
    const changed = changedPrincipals(prev, next);
    const users = fixture.iamRoles.filter((r) => r.attachedPolicies.some((x) => x.arn === policy.arn)).map((r) => r.arn);
    expect(changed.map((p) => p.arn).sort()).toEqual(users.sort());
    const full = analyzeAccountIam(edited);
    for (const p of next.principals) {
      const q = full.principal(p.arn)!;
      expect([p.arn, next.escalations(p).map((e) => e.technique.id)]).toEqual([p.arn, full.escalations(q).map((e) => e.technique.id)]);
      expect(Array.from(p.perms.allowMay)).toEqual(Array.from(q.perms.allowMay));
      expect(next.transitive(p).chain?.length ?? 0).toBe(full.transitive(q).chain?.length ?? 0);
    }
  }, 60_000);
});
