// Seeds the demo estate into moto and reads it back through the AWS API, independently of the manifest
// code: the integration tests of Lantern's rules trust manifest.planted to be exactly what is in moto.
// Needs moto at AWS_ENDPOINT_URL (default http://127.0.0.1:5000), started by scripts/emulator-start.sh.
import { GetPolicyVersionCommand, GetPolicyCommand as GetIamPolicyCommand, GetRolePolicyCommand, IAMClient, ListAttachedRolePoliciesCommand, ListRolePoliciesCommand } from "@aws-sdk/client-iam";
import {
  GetFunctionUrlConfigCommand,
  GetPolicyCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
  ListFunctionsCommand,
  type FunctionConfiguration,
} from "@aws-sdk/client-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { fixDemoFlaw, seedDemoEstateWithStats, type DemoManifest } from "./estate";

const endpoint = process.env.AWS_ENDPOINT_URL ?? "http://127.0.0.1:5000";
const randomAccount = () => String(100_000_000_000 + Math.floor(Math.random() * 800_000_000_000));

function client<C extends LambdaClient | IAMClient>(make: (cfg: object) => C, accountId: string, region: string): C {
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

type Statement = { Sid?: string; Principal?: unknown; Condition?: unknown };
async function policyOf(lambda: LambdaClient, fn: string): Promise<Statement[]> {
  try {
    const { Policy } = await lambda.send(new GetPolicyCommand({ FunctionName: fn }));
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
