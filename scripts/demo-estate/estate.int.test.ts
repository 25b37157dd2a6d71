// Seeds the demo estate into moto and reads it back through the AWS API, independently of the manifest
// code: the integration tests of Lantern's rules trust manifest.planted to be exactly what is in moto.
// Needs moto at AWS_ENDPOINT_URL (default http://127.0.0.1:5000), started by scripts/emulator-start.sh.
import {
  APIGatewayClient,
  GetApiKeysCommand,
  GetBasePathMappingsCommand,
  GetDomainNamesCommand,
  GetRestApisCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
} from "@aws-sdk/client-api-gateway";
import {
  ApiGatewayV2Client,
  GetApiMappingsCommand,
  GetApisCommand,
  GetDomainNamesCommand as GetV2DomainNamesCommand,
} from "@aws-sdk/client-apigatewayv2";
import {
  GetAccountAuthorizationDetailsCommand,
  GetPolicyVersionCommand,
  GetPolicyCommand as GetIamPolicyCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from "@aws-sdk/client-iam";
import {
  GetFunctionUrlConfigCommand,
  GetLayerVersionPolicyCommand,
  GetPolicyCommand,
  LambdaClient,
  ListAliasesCommand,
  ListEventSourceMappingsCommand,
  ListFunctionsCommand,
  ListLayersCommand,
  ListLayerVersionsCommand,
  ListVersionsByFunctionCommand,
  type FunctionConfiguration,
} from "@aws-sdk/client-lambda";
import { CloudTrailClient, DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand } from "@aws-sdk/client-cloudtrail";
import { DescribeSubnetsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { GetKeyRotationStatusCommand, KMSClient, ListAliasesCommand as ListKeyAliasesCommand } from "@aws-sdk/client-kms";
import { GetTopicAttributesCommand, SNSClient } from "@aws-sdk/client-sns";
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from "@aws-sdk/client-sqs";
import { beforeAll, describe, expect, it } from "vitest";
import { fixDemoFlaw, seedDemoEstateWithStats, type DemoManifest } from "./estate";
import type { DemoAlias, DemoLayerVersion } from "./manifest";
import { buildSpec } from "./spec";

const endpoint = process.env.AWS_ENDPOINT_URL ?? "http://127.0.0.1:5000";
const randomAccount = () => String(100_000_000_000 + Math.floor(Math.random() * 800_000_000_000));

function client<C extends LambdaClient | IAMClient | APIGatewayClient | ApiGatewayV2Client | KMSClient | SQSClient | SNSClient | EC2Client | CloudTrailClient>(
  make: (cfg: object) => C,
  accountId: string,
  region: string,
): C {
  const c = make({ endpoint, region, credentials: { accessKeyId: "test", secretAccessKey: "test" } });
  (c.middlewareStack as LambdaClient["middlewareStack"]).add(
    (next) => (args) => {
      (args.request as { headers: Record<string, string> }).headers["x-moto-account-id"] = accountId;
      return next(args);
    },
    { step: "build", name: "motoAccountId" },
  );
  return c;
}
const lambdaIn = (acct: string, region: string) => client((cfg) => new LambdaClient(cfg), acct, region);
const gatewayIn = (acct: string, region: string) => client((cfg) => new APIGatewayClient(cfg), acct, region);
const gatewayV2In = (acct: string, region: string) => client((cfg) => new ApiGatewayV2Client(cfg), acct, region);

type Statement = { Sid?: string; Principal?: unknown; Condition?: unknown; Resource?: string; OrganizationId?: string };
async function policyOf(lambda: LambdaClient, fn: string, qualifier?: string): Promise<Statement[]> {
  try {
    const { Policy } = await lambda.send(new GetPolicyCommand({ FunctionName: fn, Qualifier: qualifier }));
    return JSON.parse(Policy!).Statement;
  } catch (e) {
    if ((e as Error).name === "ResourceNotFoundException") return [];
    throw e;
  }
}
async function urlAuthOf(lambda: LambdaClient, fn: string): Promise<string | undefined> {
  try {
    return (await lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: fn }))).AuthType;
  } catch (e) {
    if ((e as Error).name === "ResourceNotFoundException") return undefined;
    throw e;
  }
}

describe("demo estate on moto", () => {
  const accountId = randomAccount();
  let manifest: DemoManifest;
  let seconds: number;
  const live = new Map<string, { fn: FunctionConfiguration; region: string; policy: Statement[]; urlAuth?: string }>();

  beforeAll(async () => {
    const t = performance.now();
    const result = await seedDemoEstateWithStats({ endpoint, accountId });
    seconds = (performance.now() - t) / 1000;
    expect(result.reused).toBe(false);
    manifest = result.manifest;
    for (const region of manifest.regions) {
      const lambda = lambdaIn(accountId, region);
      const { Functions = [] } = await lambda.send(new ListFunctionsCommand({}));
      for (const fn of Functions) {
        live.set(fn.FunctionArn!, { fn, region, policy: await policyOf(lambda, fn.FunctionName!), urlAuth: await urlAuthOf(lambda, fn.FunctionName!) });
      }
    }
  }, 60_000);

  const arnsWhere = (pred: (x: { fn: FunctionConfiguration; policy: Statement[]; urlAuth?: string }) => boolean) =>
    [...live].filter(([, x]) => pred(x)).map(([arn]) => arn).sort();

  it("creates at least 30 functions across both regions, exactly those in the manifest", () => {
    expect(manifest.functions.length).toBeGreaterThanOrEqual(30);
    expect([...live.keys()].sort()).toEqual(manifest.functions.map((f) => f.arn).sort());
    for (const f of manifest.functions) expect(live.get(f.arn)?.region).toBe(f.region);
    expect(new Set(manifest.functions.map((f) => f.region))).toEqual(new Set(["us-east-1", "eu-west-1"]));
    console.log(`seeded ${manifest.functions.length} functions in ${seconds.toFixed(2)} s`);
  });

  it("plants Principal * statements without a condition exactly on manifest.planted.publicPolicy", () => {
    expect(manifest.planted.publicPolicy.length).toBeGreaterThan(0);
    expect(arnsWhere((x) => x.policy.some((s) => s.Principal === "*" && !s.Condition))).toEqual(manifest.planted.publicPolicy);
    expect(arnsWhere((x) => x.policy.some((s) => s.Principal === "*" && !!s.Condition))).toEqual(manifest.planted.conditionedPublic);
    expect(manifest.planted.conditionedPublic.length).toBeGreaterThan(0);
  });

  it("plants NONE function URLs exactly on manifest.planted.publicUrl, without adding permissions for them", () => {
    expect(arnsWhere((x) => x.urlAuth === "NONE")).toEqual(manifest.planted.publicUrl);
    expect(arnsWhere((x) => x.urlAuth === "AWS_IAM")).toEqual(manifest.planted.iamUrl);
    for (const arn of manifest.planted.publicUrl) expect(live.get(arn)!.policy.filter((s) => s.Principal === "*")).toEqual([]);
  });

  it("uses deprecated runtimes exactly on manifest.planted.deprecatedRuntime", () => {
    const deprecated = new Set(["python3.7", "python3.8", "nodejs14.x", "nodejs16.x", "go1.x", "python2.7", "nodejs12.x"]);
    expect(arnsWhere((x) => deprecated.has(x.fn.Runtime!))).toEqual(manifest.planted.deprecatedRuntime);
  });

  it("puts the fake secret in the environment of exactly manifest.planted.secretEnv", () => {
    const hasSecret = (x: { fn: FunctionConfiguration }) =>
      Object.values(x.fn.Environment?.Variables ?? {}).some((v) => manifest.secretEnvValues.includes(v));
    expect(arnsWhere(hasSecret)).toEqual(manifest.planted.secretEnv);
    expect(manifest.planted.secretEnv.length).toBe(1);
  });

  it("attaches admin access exactly to the roles in manifest.planted.adminRole", async () => {
    const iam = client((cfg) => new IAMClient(cfg), accountId, "us-east-1");
    const roleArns = [...new Set([...live.values()].map((x) => x.fn.Role!))];
    const admin: string[] = [];
    const everything = (doc: string) =>
      (JSON.parse(decodeURIComponent(doc)).Statement as { Effect: string; Action: unknown; Resource: unknown }[]).some(
        (s) => s.Effect === "Allow" && [s.Action].flat().includes("*") && [s.Resource].flat().includes("*"),
      );
    for (const arn of roleArns) {
      const RoleName = arn.split("/").pop()!;
      let isAdmin = false;
      for (const p of (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName }))).AttachedPolicies ?? []) {
        const { Policy } = await iam.send(new GetIamPolicyCommand({ PolicyArn: p.PolicyArn }));
        const v = await iam.send(new GetPolicyVersionCommand({ PolicyArn: p.PolicyArn, VersionId: Policy!.DefaultVersionId }));
        isAdmin ||= everything(v.PolicyVersion!.Document!);
      }
      for (const PolicyName of (await iam.send(new ListRolePoliciesCommand({ RoleName }))).PolicyNames ?? []) {
        isAdmin ||= everything((await iam.send(new GetRolePolicyCommand({ RoleName, PolicyName }))).PolicyDocument!);
      }
      if (isAdmin) admin.push(arn);
    }
    expect(admin.sort()).toEqual(manifest.planted.adminRole);
  });

  it("wires event source mappings to SQS, DynamoDB streams and Kinesis", async () => {
    const sources: string[] = [];
    for (const region of manifest.regions) {
      const { EventSourceMappings = [] } = await lambdaIn(accountId, region).send(new ListEventSourceMappingsCommand({}));
      sources.push(...EventSourceMappings.map((m) => m.EventSourceArn!.split(":")[2]));
    }
    expect(sources.length).toBe(manifest.counts.eventSourceMappings);
    expect(new Set(sources)).toEqual(new Set(["sqs", "dynamodb", "kinesis"]));
  });

  it("publishes exactly the manifest's versions and aliases; only the alias with a permission has a statement of its own", async () => {
    const versions: string[] = [];
    const aliases: DemoAlias[] = [];
    for (const f of manifest.functions) {
      const lambda = lambdaIn(accountId, f.region);
      const { Versions = [] } = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: f.name }));
      versions.push(...Versions.filter((v) => v.Version !== "$LATEST").map((v) => v.FunctionArn!));
      for (const a of (await lambda.send(new ListAliasesCommand({ FunctionName: f.name }))).Aliases ?? []) {
        // On AWS the alias policy holds only its own statements; moto shares one policy, so match by Resource.
        const own = (await policyOf(lambda, f.name, a.Name)).filter((s) => s.Resource === a.AliasArn);
        const weights = Object.entries(a.RoutingConfig?.AdditionalVersionWeights ?? {});
        aliases.push({
          arn: a.AliasArn!,
          functionVersion: a.FunctionVersion!,
          canary: weights.length ? { version: weights[0][0], weight: weights[0][1] } : null,
          permissionSid: own[0]?.Sid ?? null,
        });
        for (const s of own) {
          expect(s.Principal).toEqual({ Service: expect.stringMatching(/\.amazonaws\.com$/) });
          expect(JSON.stringify(s.Condition)).toContain("AWS:SourceArn");
        }
      }
    }
    expect(versions.sort()).toEqual(manifest.versions);
    const byArn = (a: { arn: string }, b: { arn: string }) => a.arn.localeCompare(b.arn);
    expect(aliases.sort(byArn)).toEqual([...manifest.aliases].sort(byArn));
    expect(aliases.filter((a) => a.permissionSid).map((a) => a.arn)).toEqual(manifest.planted.aliasPolicy);
  });

  it("publishes the layer versions, shared with anyone or with the organization as the manifest says", async () => {
    const found: DemoLayerVersion[] = [];
    for (const region of manifest.regions) {
      const lambda = lambdaIn(accountId, region);
      for (const layer of (await lambda.send(new ListLayersCommand({}))).Layers ?? []) {
        for (const v of (await lambda.send(new ListLayerVersionsCommand({ LayerName: layer.LayerName }))).LayerVersions ?? []) {
          let statements: Statement[] = [];
          try {
            const out = await lambda.send(new GetLayerVersionPolicyCommand({ LayerName: layer.LayerName, VersionNumber: v.Version }));
            statements = JSON.parse(out.Policy!).Statement;
          } catch (e) {
            if ((e as Error).name !== "ResourceNotFoundException") throw e;
          }
          // AWS writes the organization as a aws:PrincipalOrgID condition; moto keeps it as OrganizationId.
          const org = statements.some((s) => s.Principal === "*" && (s.OrganizationId || JSON.stringify(s.Condition ?? {}).includes("aws:PrincipalOrgID")));
          const anyone = statements.some((s) => s.Principal === "*" && !s.OrganizationId && !s.Condition);
          found.push({ arn: v.LayerVersionArn!, region, sharedWith: anyone ? "anyone" : org ? "organization" : null });
        }
      }
    }
    const byArn = (a: { arn: string }, b: { arn: string }) => a.arn.localeCompare(b.arn);
    expect(found.sort(byArn)).toEqual([...manifest.layerVersions].sort(byArn));
    expect(manifest.planted.publicLayer.length).toBeGreaterThan(0);
    expect(manifest.planted.orgSharedLayer.length).toBeGreaterThan(0);
  });

  it("creates the IAM users, groups, policy versions and the permissions boundary in the manifest", async () => {
    const iam = client((cfg) => new IAMClient(cfg), accountId, "us-east-1");
    const details = await iam.send(
      new GetAccountAuthorizationDetailsCommand({ Filter: ["User", "Group", "Role", "LocalManagedPolicy"] }),
    );
    const users = details.UserDetailList ?? [];
    expect(users.map((u) => u.Arn!).sort()).toEqual(manifest.users);
    expect((details.GroupDetailList ?? []).map((g) => g.Arn!).sort()).toEqual(manifest.groups);
    expect(users.filter((u) => (u.GroupList ?? []).length > 0).length).toBeGreaterThan(0);
    const policies = (details.Policies ?? []).map((p) => ({
      arn: p.Arn!,
      // moto 5.2.1 leaves PolicyName out of GAAD's policy details (AWS includes it).
      name: p.PolicyName ?? p.Arn!.split("/").pop()!,
      defaultVersionId: p.DefaultVersionId!,
      versions: p.PolicyVersionList?.length ?? 0,
    }));
    const byArn = (a: { arn: string }, b: { arn: string }) => a.arn.localeCompare(b.arn);
    expect(policies.sort(byArn)).toEqual([...manifest.customerPolicies].sort(byArn));
    expect((details.RoleDetailList ?? []).filter((r) => r.PermissionsBoundary?.PermissionsBoundaryArn).length).toBe(
      manifest.counts.permissionsBoundaries,
    );
    const admin = users.filter((u) => (u.AttachedManagedPolicies ?? []).some((p) => p.PolicyName === "AdministratorAccess"));
    expect(admin.map((u) => u.Arn!).sort()).toEqual(manifest.planted.adminUser);
  });

  it("attaches the API keys to their usage plan with the manifest's values, and maps the custom domain names", async () => {
    const keys: { name: string; region: string; enabled: boolean; usagePlan: string }[] = [];
    const values: string[] = [];
    const domains: { arn: string; name: string; region: string; endpointType: string; securityPolicy: string; mappings: string[] }[] = [];
    const httpDomains: { name: string; region: string; securityPolicy: string; mappings: string[] }[] = [];
    for (const region of manifest.regions) {
      const gw = gatewayIn(accountId, region);
      const apiKeys = (await gw.send(new GetApiKeysCommand({ includeValues: true }))).items ?? [];
      values.push(...apiKeys.map((k) => k.value!));
      for (const plan of (await gw.send(new GetUsagePlansCommand({}))).items ?? []) {
        for (const pk of (await gw.send(new GetUsagePlanKeysCommand({ usagePlanId: plan.id! }))).items ?? []) {
          const key = apiKeys.find((k) => k.id === pk.id)!;
          keys.push({ name: key.name!, region, enabled: key.enabled!, usagePlan: plan.name! });
        }
      }
      const apiName = new Map(((await gw.send(new GetRestApisCommand({}))).items ?? []).map((a) => [a.id!, a.name!]));
      for (const d of (await gw.send(new GetDomainNamesCommand({}))).items ?? []) {
        const mappings = (await gw.send(new GetBasePathMappingsCommand({ domainName: d.domainName! }))).items ?? [];
        domains.push({
          arn: `arn:aws:apigateway:${region}::/domainnames/${d.domainName}`,
          name: d.domainName!,
          region,
          endpointType: d.endpointConfiguration!.types![0],
          securityPolicy: d.securityPolicy!,
          mappings: mappings.map((m) => `${m.basePath} -> ${apiName.get(m.restApiId!)}/${m.stage}`),
        });
      }
      const v2 = gatewayV2In(accountId, region);
      const httpApiName = new Map(((await v2.send(new GetApisCommand({}))).Items ?? []).map((a) => [a.ApiId!, a.Name!]));
      for (const d of (await v2.send(new GetV2DomainNamesCommand({}))).Items ?? []) {
        const mappings = (await v2.send(new GetApiMappingsCommand({ DomainName: d.DomainName! }))).Items ?? [];
        httpDomains.push({
          name: d.DomainName!,
          region,
          securityPolicy: d.DomainNameConfigurations![0].SecurityPolicy!,
          mappings: mappings.map((m) => `${m.ApiMappingKey} -> ${httpApiName.get(m.ApiId!)}/${m.Stage}`),
        });
      }
    }
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(keys.sort(byName)).toEqual([...manifest.apiKeys].sort(byName));
    expect(values.sort()).toEqual([...manifest.secretApiKeyValues].sort());
    expect(domains.sort(byName)).toEqual([...manifest.domainNames].sort(byName));
    expect(httpDomains.sort(byName)).toEqual([...manifest.httpDomainNames].sort(byName));
  });

  it("creates the surroundings the spec describes: key rotation, queue and topic encryption, subnets by zone, the trail", async () => {
    const spec = buildSpec({ accountId, regions: manifest.regions });
    const region = (slot: 0 | 1) => manifest.regions[slot];
    for (const k of spec.kmsKeys) {
      const kms = client((cfg) => new KMSClient(cfg), accountId, region(k.slot));
      const alias = ((await kms.send(new ListKeyAliasesCommand({}))).Aliases ?? []).find((a) => a.AliasName === k.alias);
      expect(alias?.TargetKeyId, k.alias).toBeDefined();
      expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: alias!.TargetKeyId }))).KeyRotationEnabled, k.alias).toBe(k.rotation);
    }
    for (const q of spec.queues) {
      const sqs = client((cfg) => new SQSClient(cfg), accountId, region(q.slot));
      const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: q.name }));
      const a = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["All"] }))).Attributes ?? {};
      const encryption = a.KmsMasterKeyId ? { kmsKey: a.KmsMasterKeyId } : a.SqsManagedSseEnabled === "true" ? "sse-sqs" : "none";
      expect(encryption, q.name).toEqual(q.encryption ?? "sse-sqs");
    }
    for (const t of spec.topics) {
      const sns = client((cfg) => new SNSClient(cfg), accountId, region(t.slot));
      const TopicArn = `arn:aws:sns:${region(t.slot)}:${accountId}:${t.name}`;
      const a = (await sns.send(new GetTopicAttributesCommand({ TopicArn }))).Attributes ?? {};
      expect(a.KmsMasterKeyId, t.name).toBe(t.kmsKey);
      const anyone = (JSON.parse(a.Policy!).Statement as Statement[]).filter((x) => x.Principal === "*" && !x.Condition);
      expect(anyone.length > 0, t.name).toBe(!!t.publicPublish);
    }
    for (const v of spec.vpcs) {
      const ec2 = client((cfg) => new EC2Client(cfg), accountId, region(v.slot));
      const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: "tag:Name", Values: v.subnets.map((x) => `${v.name}-${x.name}`) }] }))).Subnets ?? [];
      const zones = Object.fromEntries(subnets.map((x) => [x.Tags!.find((t) => t.Key === "Name")!.Value, x.AvailabilityZone]));
      expect(zones).toEqual(Object.fromEntries(v.subnets.map((x) => [`${v.name}-${x.name}`, `${region(v.slot)}${x.zone}`])));
    }
    for (const t of spec.trails) {
      const ct = client((cfg) => new CloudTrailClient(cfg), accountId, region(t.slot));
      const [trail] = (await ct.send(new DescribeTrailsCommand({ trailNameList: [t.name] }))).trailList ?? [];
      expect({ multiRegion: trail?.IsMultiRegionTrail, bucket: trail?.S3BucketName }).toEqual({ multiRegion: t.multiRegion, bucket: t.bucket });
      expect((await ct.send(new GetTrailStatusCommand({ Name: t.name }))).IsLogging).toBe(true);
      const selectors = (await ct.send(new GetEventSelectorsCommand({ TrailName: t.name }))).EventSelectors ?? [];
      const logged = selectors.flatMap((x) => x.DataResources ?? []).flatMap((d) => d.Values ?? []);
      expect(logged.sort()).toEqual(t.functions.map((n) => manifest.functions.find((f) => f.name === n)!.arn).sort());
    }
    // WebSocket APIs: each with the stage name the spec gives it.
    const v2 = gatewayV2In(accountId, region(0));
    const sockets = ((await v2.send(new GetApisCommand({}))).Items ?? []).filter((a) => a.ProtocolType === "WEBSOCKET").map((a) => a.Name).sort();
    expect(sockets).toEqual(spec.httpApis.filter((a) => a.protocol === "WEBSOCKET" && a.slot === 0).map((a) => a.name).sort());
    expect(manifest.counts.webSocketApis).toBe(sockets.length);
  });

  it("returns the same manifest without creating anything when seeded again", async () => {
    const again = await seedDemoEstateWithStats({ endpoint, accountId });
    expect(again.reused).toBe(true);
    expect(again.requests).toBeLessThanOrEqual(2);
    expect(again.manifest).toEqual(manifest);
  });

  it("keeps accounts isolated: another account starts empty and gets its own estate", async () => {
    const other = randomAccount();
    const lambda = lambdaIn(other, "us-east-1");
    expect((await lambda.send(new ListFunctionsCommand({}))).Functions ?? []).toEqual([]);
    const { manifest: m2, reused } = await seedDemoEstateWithStats({ endpoint, accountId: other, regions: ["us-west-2", "eu-central-1"] });
    expect(reused).toBe(false);
    expect(m2.functions.every((f) => f.arn.includes(`:${other}:function:`))).toBe(true);
    expect((await lambdaIn(other, "us-west-2").send(new ListFunctionsCommand({}))).Functions?.length).toBe(
      m2.functions.filter((f) => f.region === "us-west-2").length,
    );
    expect((await lambda.send(new ListFunctionsCommand({}))).Functions ?? []).toEqual([]);
    const stillOurs = await lambdaIn(accountId, "us-east-1").send(new ListFunctionsCommand({}));
    expect(stillOurs.Functions?.length).toBe(manifest.counts.functionsByRegion["us-east-1"]);
  }, 60_000);

  it("fixDemoFlaw removes only the public statement, or only switches the URL to AWS_IAM", async () => {
    const pub = manifest.functions.find((f) => f.arn === manifest.planted.publicPolicy.find((a) => a.includes(":function:promo-banner-api")))!;
    const lambda = lambdaIn(accountId, pub.region);
    const before = await policyOf(lambda, pub.name);
    await fixDemoFlaw({ endpoint, accountId, region: pub.region, functionName: pub.name, kind: "publicPolicy" });
    const after = await policyOf(lambda, pub.name);
    expect(after.some((s) => s.Principal === "*")).toBe(false);
    expect(after.map((s) => s.Sid)).toEqual(before.filter((s) => s.Principal !== "*").map((s) => s.Sid));
    expect(after.length).toBeGreaterThan(0); // its API Gateway permission stays

    const url = manifest.functions.find((f) => f.arn === manifest.planted.publicUrl[0])!;
    const urlLambda = lambdaIn(accountId, url.region);
    await fixDemoFlaw({ endpoint, accountId, region: url.region, functionName: url.name, kind: "publicUrl" });
    expect(await urlAuthOf(urlLambda, url.name)).toBe("AWS_IAM");

    // Fixing what is not (or no longer) flawed is a test bug: it must fail loudly.
    await expect(fixDemoFlaw({ endpoint, accountId, region: pub.region, functionName: pub.name, kind: "publicPolicy" })).rejects.toThrow(/no public statement/);
    await expect(fixDemoFlaw({ endpoint, accountId, region: url.region, functionName: url.name, kind: "publicUrl" })).rejects.toThrow(/not NONE/);
    const conditioned = manifest.functions.find((f) => f.arn === manifest.planted.conditionedPublic[0])!;
    await expect(
      fixDemoFlaw({ endpoint, accountId, region: conditioned.region, functionName: conditioned.name, kind: "publicPolicy" }),
    ).rejects.toThrow(/no public statement/);
  });
});
