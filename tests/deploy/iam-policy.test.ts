// Lantern's own AWS access: the read-only scanner policy and the cross-account role template.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  CODE_DOWNLOAD_ACTIONS,
  grants,
  inlinePolicy,
  isReadAction,
  parseCfnYaml,
  parseScannerPolicy,
  parseTemplate,
  policyActions,
  policyProblems,
  requestedSessionSeconds,
  resolveRefs,
  roleOf,
  SAMPLE_REFS,
  templateProblems,
  trustProblems,
  type TTemplate,
} from "./iam-model";
import { scannerApis } from "./scanner-apis";

const ROOT = join(import.meta.dirname, "..", "..");
const read = (p: string) => readFileSync(join(ROOT, p), "utf8");

const policyText = read("iam/lantern-scanner-policy.json");
const policyDoc: unknown = JSON.parse(policyText);
const policy = parseScannerPolicy(policyDoc);
const templateText = read("iam/lantern-scanner-role.cfn.yaml");
const template = parseTemplate(templateText);
const clientsSource = read("lib/aws/clients.ts");

/** A deep copy of the policy with one change. */
function mutatedPolicy(change: (p: { Statement: Record<string, unknown>[] }) => void): unknown {
  const copy = structuredClone(policyDoc) as { Statement: Record<string, unknown>[] };
  change(copy);
  return copy;
}

function mutatedTemplate(change: (t: TTemplate) => void): TTemplate {
  const copy = structuredClone(template);
  change(copy);
  return copy;
}

/** What the scanners call now and in the next issue (API Gateway and IAM scanners); the brief for the policy. */
const PLANNED_APIS = [
  ...[
    "ListFunctions", "GetPolicy", "GetFunctionUrlConfig", "ListFunctionUrlConfigs", "ListEventSourceMappings",
    "GetFunctionConfiguration", "ListVersionsByFunction", "ListAliases", "GetFunctionConcurrency",
    "ListProvisionedConcurrencyConfigs", "GetFunctionEventInvokeConfig", "ListFunctionEventInvokeConfigs",
    "GetFunctionCodeSigningConfig", "ListTags", "ListLayers", "ListLayerVersions", "GetLayerVersionPolicy",
    "GetAccountSettings", "GetFunctionRecursionConfig", "GetRuntimeManagementConfig",
  ].map((a) => `lambda:${a}`),
  ...[
    "GetAccountAuthorizationDetails", "GenerateServiceLastAccessedDetails", "GetServiceLastAccessedDetails",
    "GetServiceLastAccessedDetailsWithEntities", "ListRoleTags", "GetRole", "ListRoles",
  ].map((a) => `iam:${a}`),
  "apigateway:GET",
  "sts:GetCallerIdentity",
  "organizations:ListAccounts",
  "organizations:DescribeOrganization",
  "account:ListRegions",
  "ec2:DescribeRegions",
  // The neighbours scanner (scanners/neighbours): configuration reads of the resources around functions.
  ...[
    "ListAllMyBuckets", "GetBucketPolicy", "GetBucketAcl", "GetBucketPublicAccessBlock", "GetEncryptionConfiguration",
    "GetBucketOwnershipControls", "GetBucketNotification",
  ].map((a) => `s3:${a}`),
  "sqs:ListQueues",
  "sqs:GetQueueAttributes",
  "sns:ListTopics",
  "sns:GetTopicAttributes",
  "dynamodb:ListTables",
  "dynamodb:DescribeTable",
  ...["ListKeys", "ListAliases", "DescribeKey", "GetKeyRotationStatus"].map((a) => `kms:${a}`),
  ...["DescribeTrails", "GetEventSelectors", "GetTrailStatus"].map((a) => `cloudtrail:${a}`),
  "logs:DescribeLogGroups",
  "ec2:DescribeSubnets",
  "access-analyzer:ListAnalyzers",
  "access-analyzer:ListFindings",
];

describe("iam/lantern-scanner-policy.json", () => {
  it("is a valid identity policy (@cloud-copilot/iam-policy)", () => {
    expect(policyProblems(policyDoc)).toEqual([]);
    const broken = mutatedPolicy((p) => (p.Statement[0].Effect = "Permit"));
    expect(policyProblems(broken)).toEqual([
      'Statement[0].Effect: Effect must be present and exactly "Allow" or "Deny"',
      "LambdaRegionWideReads: only Allow statements belong in a grant (Permit)",
    ]);
    expect(policyProblems({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Resource: "*" }] }).length).toBeGreaterThan(0);
  });

  it("grants exactly the planned read surface, no more", () => {
    expect([...policyActions(policy)].sort()).toEqual([...PLANNED_APIS].sort());
  });

  it("grants only reads: Get/List/Describe, Generate*LastAccessed and apigateway:GET", () => {
    for (const a of policyActions(policy)) expect(isReadAction(a), a).toBe(true);
    expect(isReadAction("lambda:InvokeFunction")).toBe(false);
    expect(isReadAction("iam:GenerateCredentialReport")).toBe(false);
    expect(isReadAction("apigateway:POST")).toBe(false);
    expect(isReadAction("lambda:Getter")).toBe(false);
    const write = mutatedPolicy((p) => (p.Statement[1].Action = [...(p.Statement[1].Action as string[]), "lambda:UpdateFunctionCode"]));
    expect(policyProblems(write)).toEqual(["LambdaFunctionReads: lambda:UpdateFunctionCode is not a read (Get/List/Describe/Generate*LastAccessed)"]);
  });

  it("names every action: no wildcard", () => {
    for (const a of policyActions(policy)) expect(a).not.toMatch(/[*?]/);
    const star = mutatedPolicy((p) => (p.Statement[0].Action = "lambda:List*"));
    expect(policyProblems(star)).toContain("LambdaRegionWideReads: lambda:List* is a wildcard; name each action");
    const all = mutatedPolicy((p) => (p.Statement[0].Action = "*"));
    expect(policyProblems(all).join("\n")).toMatch(/\* is a wildcard/);
  });

  it("never grants the code-download reads (lambda:GetFunction, lambda:GetLayerVersion)", () => {
    for (const a of CODE_DOWNLOAD_ACTIONS) expect(grants(policy, a), a).toBe(false);
    const withCode = mutatedPolicy((p) => (p.Statement[1].Action = [...(p.Statement[1].Action as string[]), "lambda:GetFunction"]));
    expect(policyProblems(withCode)).toEqual([
      "LambdaFunctionReads: lambda:GetFunction returns a presigned code download URL; Lantern must not have it",
    ]);
  });

  it("keeps apigateway:GET on the API Gateway paths Lantern reads: no single API key, no usage data", () => {
    const wide = mutatedPolicy((p) => {
      const s = p.Statement.find((x) => x.Sid === "ApiGatewayRestAndHttpApiReads");
      if (s) s.Resource = "arn:aws:apigateway:*::/*";
    });
    expect(policyProblems(wide)).toEqual([
      "ApiGatewayRestAndHttpApiReads: apigateway:GET on arn:aws:apigateway:*::/* reaches beyond the API Gateway paths Lantern reads",
    ]);
    const withPaths = (...paths: string[]) =>
      mutatedPolicy((p) => {
        const s = p.Statement.find((x) => x.Sid === "ApiGatewayRestAndHttpApiReads");
        if (s) s.Resource = [...(s.Resource as string[]), ...paths.map((path) => `arn:aws:apigateway:*::${path}`)];
      });
    expect(policyProblems(withPaths("/apikeys/*", "/usageplans/*", "/account"))).toEqual(
      ["/apikeys/*", "/usageplans/*", "/account"].map(
        (path) => `ApiGatewayRestAndHttpApiReads: apigateway:GET on arn:aws:apigateway:*::${path} reaches beyond the API Gateway paths Lantern reads`,
      ),
    );
  });

  it("has only Allow statements, without NotAction or conditions", () => {
    const deny = mutatedPolicy((p) => (p.Statement[0].Effect = "Deny"));
    expect(policyProblems(deny)).toEqual(["LambdaRegionWideReads: only Allow statements belong in a grant (Deny)"]);
    const notAction = mutatedPolicy((p) => {
      delete p.Statement[0].Action;
      p.Statement[0].NotAction = "iam:*";
    });
    expect(policyProblems(notAction)).toContain('Statement.0: Unrecognized key: "NotAction"');
    const conditional = mutatedPolicy((p) => (p.Statement[0].Condition = { Bool: { "aws:SecureTransport": "true" } }));
    expect(policyProblems(conditional)).toEqual(['Statement.0: Unrecognized key: "Condition"']);
  });

  it("grants every API the scanners declare (scannerApis())", () => {
    const apis = scannerApis();
    expect(apis.length).toBeGreaterThan(0);
    const missing = apis.filter(({ api }) => !grants(policy, api));
    expect(missing).toEqual([]);
    // grants() really looks: an API outside the policy is reported.
    expect(grants(policy, "lambda:GetFunction")).toBe(false);
    expect(grants(policy, "LAMBDA:getpolicy")).toBe(true);
  });
});

describe("iam/lantern-scanner-role.cfn.yaml", () => {
  it("parses, short-form intrinsics included", () => {
    expect(parseCfnYaml("A: !Ref B\nC: !GetAtt R.Arn\nD: !Sub [\"x-${Y}\", {Y: 1}]\nE: !If [c, 1, 2]")).toEqual({
      A: { Ref: "B" },
      C: { "Fn::GetAtt": ["R", "Arn"] },
      D: { "Fn::Sub": ["x-${Y}", { Y: 1 }] },
      E: { "Fn::If": ["c", 1, 2] },
    });
    expect(resolveRefs({ "Fn::Sub": "arn:${AWS::Partition}:x:${!Literal}" }, SAMPLE_REFS)).toBe("arn:aws:x:${Literal}");
    expect(() => resolveRefs({ Ref: "Nope" }, SAMPLE_REFS)).toThrow(/Nope/);
  });

  it("has no problems at all", () => {
    expect(templateProblems(template, policyDoc, clientsSource)).toEqual([]);
  });

  it("carries the JSON policy inline, unchanged", () => {
    expect(inlinePolicy(template)).toEqual(policyDoc);
    const drifted = mutatedTemplate((t) => {
      const policies = roleOf(t).props.Policies;
      const doc = policies[0].PolicyDocument as { Statement: { Action: string[] }[] };
      doc.Statement[0].Action.push("lambda:GetAlias");
      t.Resources[roleOf(t).id].Properties = { ...t.Resources[roleOf(t).id].Properties, Policies: policies };
    });
    expect(templateProblems(drifted, policyDoc, clientsSource)).toEqual([
      "the template's inline policy differs from iam/lantern-scanner-policy.json",
    ]);
  });

  it("lets only the Lantern account assume the role, and only with the external id", () => {
    const trust = roleOf(template).props.AssumeRolePolicyDocument;
    expect(trustProblems(trust)).toEqual([]);
    const noExternalId = structuredClone(trust) as { Statement: { Condition: Record<string, unknown> }[] };
    delete noExternalId.Statement[0].Condition.StringEquals;
    expect(trustProblems(noExternalId)).toEqual([
      "trust: sts:AssumeRole must require StringEquals sts:ExternalId = the ExternalId parameter",
    ]);
    const anyone = structuredClone(trust) as { Statement: { Principal: unknown }[] };
    anyone.Statement[0].Principal = { AWS: "*" };
    expect(trustProblems(anyone)).toContain("trust: the principal must be the Lantern account (*)");
  });

  it("takes a NoEcho external id of at least 16 characters and a 12-digit account id", () => {
    expect(templateProblems(mutatedTemplate((t) => (t.Parameters.ExternalId.NoEcho = false)), policyDoc, clientsSource)).toEqual([
      "ExternalId must be NoEcho",
    ]);
    expect(templateProblems(mutatedTemplate((t) => (t.Parameters.ExternalId.MinLength = 8)), policyDoc, clientsSource)).toEqual([
      "ExternalId must have MinLength >= 16 (has 8)",
    ]);
    expect(
      templateProblems(mutatedTemplate((t) => (t.Parameters.LanternAccountId.AllowedPattern = "^[0-9]+$")), policyDoc, clientsSource),
    ).toEqual(["LanternAccountId must only accept a 12-digit account id"]);
  });

  it("creates LanternScanner with one-hour sessions, enough for what Lantern requests", () => {
    expect(requestedSessionSeconds(clientsSource)).toBeLessThanOrEqual(3600);
    const setMax = (n: number) =>
      mutatedTemplate((t) => {
        const r = t.Resources[roleOf(t).id];
        r.Properties = { ...r.Properties, MaxSessionDuration: n };
      });
    expect(templateProblems(setMax(7200), policyDoc, clientsSource)).toEqual(["MaxSessionDuration must be 3600 (is 7200)"]);
    expect(templateProblems(template, policyDoc, clientsSource.replace(/DurationSeconds: \d+/, "DurationSeconds: 7200"))).toEqual([
      "Lantern asks for 7200 s sessions, more than MaxSessionDuration 3600: AssumeRole would fail",
    ]);
  });

  it("adds no managed policies and outputs the role ARN", () => {
    const managed = mutatedTemplate((t) => {
      const r = t.Resources[roleOf(t).id];
      r.Properties = { ...r.Properties, ManagedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] };
    });
    expect(templateProblems(managed, policyDoc, clientsSource)).toEqual([
      "the role must have no managed policies: the inline policy is the whole grant",
    ]);
    const noOutput = mutatedTemplate((t) => (t.Outputs.RoleArn = { Value: { Ref: roleOf(t).id } }));
    expect(templateProblems(noOutput, policyDoc, clientsSource)).toEqual(["Outputs.RoleArn must be the role's Arn"]);
  });
});
