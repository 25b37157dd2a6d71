// Seed the "Acme Payments" demo estate into a moto account and print what it holds.
//   tsx scripts/seed-demo-estate.ts [--endpoint URL] [--account 123456789012] [--regions us-east-1,eu-west-1] [--json manifest.json]
// Endpoint defaults to AWS_ENDPOINT_URL, then http://127.0.0.1:5000. Running it again on a seeded account
// creates nothing and prints the same manifest.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { seedDemoEstateWithStats, type DemoManifest } from "./demo-estate/estate";

const USAGE =
  "usage: tsx scripts/seed-demo-estate.ts [--endpoint URL] [--account 123456789012] [--regions us-east-1,eu-west-1] [--json manifest.json]";

const ZArgs = z.object({
  endpoint: z.string().url("--endpoint must be a URL such as http://127.0.0.1:5000"),
  account: z.string().regex(/^\d{12}$/, "--account must be 12 digits"),
  regions: z
    .string()
    .transform((s) => s.split(",").map((r) => r.trim()).filter(Boolean))
    .pipe(z.tuple([z.string(), z.string()], { message: "--regions must name exactly two regions, e.g. us-east-1,eu-west-1" })),
  json: z.string().optional(),
});

function parse() {
  const { values } = parseArgs({
    options: {
      endpoint: { type: "string" },
      account: { type: "string" },
      regions: { type: "string" },
      json: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const parsed = ZArgs.safeParse({
    endpoint: values.endpoint ?? process.env.AWS_ENDPOINT_URL ?? "http://127.0.0.1:5000",
    account: values.account ?? "123456789012",
    regions: values.regions ?? "us-east-1,eu-west-1",
    json: values.json,
  });
  if (!parsed.success) {
    console.error(parsed.error.issues.map((i) => i.message).join("\n"));
    console.error(USAGE);
    process.exit(2);
  }
  return parsed.data;
}

function summary(m: DemoManifest): string {
  const name = new Map(m.functions.map((f) => [f.arn, `${f.name} (${f.region})`]));
  const show = (arns: string[]) =>
    arns.map((a) => name.get(a) ?? a.replace(/^arn:aws:iam::\d+:(role|user)/, "$1 ").replace(/^arn:aws:[a-z]+:([a-z0-9-]+):\d*:/, "$1 ")).join(", ") || "-";
  const c = m.counts;
  const lines = [
    `account ${m.accountId}, regions ${m.regions.join(", ")}`,
    `  functions ${c.functions} (${Object.entries(c.functionsByRegion).map(([r, n]) => `${r} ${n}`).join(", ")}), ` +
      `versions ${c.versions}, aliases ${c.aliases} (${c.aliasPermissions} with a permission)`,
    `  roles ${c.roles} (${c.permissionsBoundaries} with a permissions boundary), users ${c.users}, groups ${c.groups}, ` +
      `customer-managed policies ${c.customerManagedPolicies} (${c.policyVersions} versions)`,
    `  queues ${c.queues}, tables ${c.tables}, kinesis streams ${c.kinesisStreams}, event source mappings ${c.eventSourceMappings}, ` +
      `layers ${c.layers} (${c.layerVersions} versions)`,
    `  permissions ${c.permissions}, function URLs ${c.functionUrls}, REST APIs ${c.restApis} (${c.restMethods} methods), ` +
      `HTTP APIs ${c.httpApis} (${c.httpRoutes} routes)`,
    `  usage plans ${c.usagePlans}, API keys ${c.apiKeys}, REST domain names ${c.domainNames} (${c.basePathMappings} base path mappings), ` +
      `HTTP API domain names ${c.httpDomainNames} (${c.apiMappings} API mappings)`,
    `  tracing ${c.withTracing}, DLQ ${c.withDeadLetterConfig}, on-failure destination ${c.withOnFailureDestination}, ` +
      `VPC ${c.withVpc}, reserved concurrency ${c.withReservedConcurrency}`,
    "planted:",
    `  public policy (LX-01)        ${show(m.planted.publicPolicy)}`,
    `  public URL (LX-03)           ${show(m.planted.publicUrl)}`,
    `  deprecated runtime (LC-01)   ${show(m.planted.deprecatedRuntime)}`,
    `  admin role (R-01)            ${show(m.planted.adminRole)}`,
    `  secret env var (LC-02)       ${show(m.planted.secretEnv)} [${m.planted.secretEnvVar.join(", ")}]`,
    `  confused deputy (LX-02)      ${show(m.planted.confusedDeputy)}`,
    `  any-API source (LX-09)       ${show(m.planted.anyApiSourceArn)}`,
    `  cross-account invoke (LX-05) ${show(m.planted.crossAccountInvoke)}`,
    `  CORS * URL (LX-04)           ${show(m.planted.corsAnyOriginUrl)}`,
    `  service wildcard (R-02)      ${show(m.planted.serviceWildcardRole)}`,
    `  PassRole * (R-07)            ${show(m.planted.passRoleStar)}`,
    `  unscoped secret read (R-04)  ${show(m.planted.unscopedSecretRead)}`,
    `  cross-account trust (R-10)   ${show(m.planted.crossAccountTrust)}`,
    `  shared role (R-12)           ${show(m.planted.sharedRole)}`,
    `  untagged (LC-13)             ${show(m.planted.untagged)}`,
    `  disabled ESM (ES-07)         ${show(m.planted.disabledEventSource)}`,
    `  public queue (ES-02)         ${m.planted.publicQueue.join(", ") || "-"}`,
    `  open REST methods (A1-01)    ${m.planted.openRestMethods.join("; ") || "-"}`,
    `  open REST policy (A1-04/05)  ${m.planted.openRestApiPolicy.join(", ") || "-"}`,
    `  REST stage no logs (A1-06)   ${m.planted.restStageNoLogging.join(", ") || "-"}`,
    `  open HTTP routes (A2-01)     ${m.planted.openHttpRoutes.join("; ") || "-"}`,
    `  HTTP stage no logs (A2-02)   ${m.planted.httpStageNoAccessLogs.join(", ") || "-"}`,
    `  public layer (LX-08)         ${show(m.planted.publicLayer)}`,
    `  admin user (R-01)            ${show(m.planted.adminUser)}`,
    `  weak TLS domain (A1-13)      ${show(m.planted.weakTlsDomain)}`,
    `  disabled API key             ${m.planted.disabledApiKey.join(", ") || "-"}`,
    "must pass:",
    `  Principal * with condition   ${show(m.planted.conditionedPublic)}`,
    `  IAM-auth URL                 ${show(m.planted.iamUrl)}`,
    `  alias permission             ${show(m.planted.aliasPolicy)}`,
    `  layer shared with the org    ${show(m.planted.orgSharedLayer)}`,
  ];
  return lines.join("\n");
}

async function main() {
  const args = parse();
  const started = performance.now();
  const result = await seedDemoEstateWithStats({
    endpoint: args.endpoint,
    accountId: args.account,
    regions: args.regions,
    log: (msg) => console.log(msg),
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(summary(result.manifest));
  console.log(
    `${result.reused ? "already seeded; reused" : "seeded"} in ${seconds.toFixed(2)} s ` +
      `(${result.requests} requests to ${args.endpoint}${result.reused ? "" : `, ${Math.round(result.requests / seconds)} req/s`})`,
  );
  if (args.json) {
    writeFileSync(args.json, JSON.stringify(result.manifest, null, 2) + "\n");
    console.log(`manifest written to ${args.json}`);
  }
}

function refused(err: unknown): boolean {
  for (let e = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === "ECONNREFUSED") return true;
  }
  return false;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  if (refused(err)) console.error("nothing answers at the endpoint: start the emulator with `npm run emulator:start` (MOTO_PORT picks the port)");
  process.exit(1);
});
