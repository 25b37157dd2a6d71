// Lantern's command line: scan without the web app, for CI pipelines and cron.
//
//   npm run lantern -- scan [--account ID] [--regions us-east-1,eu-west-1] [--json FILE|-] [--fail-on SEVERITY]
//   npm run lantern -- accounts add --id 123456789012 --name Prod --regions us-east-1 [--role-arn ARN --external-id X] [--schedule CRON]
//   npm run lantern -- accounts list
//   npm run lantern -- accounts discover [--via ID] [--add --role-name LanternScanner --external-id X]
//   npm run lantern -- accounts regions --id ID [--save]
//
// Exit codes: 0 ok; 1 the scan failed or an error occurred; 2 bad usage; 3 open findings at or above
// --fail-on exist.
import { parseArgs } from "node:util";
import { writeFileSync } from "node:fs";
import { z } from "zod";
import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { env } from "@/lib/env";
import { createScanRun, getScanSummary } from "@/lib/db/scans";
import { getAccountTarget, listAccountTargets, upsertAccountTarget, type AccountTarget } from "@/lib/db/account-targets";
import { exportFindings } from "@/lib/db/findings";
import { getService, planUnits } from "@/lib/scan/services";
import { runUnit } from "@/lib/scan/run-unit";
import { SEVERITIES, SEVERITY_RANK, type Severity } from "@/lib/rules/types";
import { accountDiscoveryClients, instrument } from "@/lib/aws/clients";
import { discoverEnabledRegions, listOrganizationAccounts } from "@/lib/aws/discovery";

export const EXIT = { ok: 0, error: 1, usage: 2, findings: 3 } as const;

class UsageError extends Error {}

const ZRegion = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "not an AWS region name");
const ZAccountId = z.string().regex(/^\d{12}$/, "an AWS account id has 12 digits");

const USAGE = `Usage:
  lantern scan [--account ID] [--regions r1,r2] [--json FILE|-] [--fail-on critical|high|medium|low|informational]
  lantern accounts add --id ID --name NAME --regions r1,r2 [--role-arn ARN] [--external-id ID] [--schedule CRON] [--disabled]
  lantern accounts list
  lantern accounts discover [--via ACCOUNT_ID] [--add --role-name NAME [--external-id ID] [--regions r1,r2]]
  lantern accounts regions --id ID [--save]`;

const err = (...a: unknown[]) => console.error(...a);

function parseRegions(value: string | undefined): string[] | undefined {
  if (!value) return undefined;
  const regions = value.split(",").map((r) => r.trim()).filter(Boolean);
  for (const r of regions) {
    const p = ZRegion.safeParse(r);
    if (!p.success) throw new UsageError(`--regions: "${r}" is ${p.error.issues[0].message}`);
  }
  return regions;
}

/** With no account configured at all, scan the account the credentials belong to. */
async function discoverAccount(): Promise<AccountTarget> {
  const region = env().LANTERN_DEFAULT_REGIONS[0] ?? "us-east-1";
  const sts = instrument(new STSClient({ region }), { calls: 0, throttles: 0 });
  const who = await sts.send(new GetCallerIdentityCommand({}));
  if (!who.Account) throw new Error("STS GetCallerIdentity returned no account id.");
  err(`No account configured: adding the credentials' account ${who.Account} (regions ${env().LANTERN_DEFAULT_REGIONS.join(", ")}).`);
  return upsertAccountTarget({ id: who.Account, name: `Account ${who.Account}`, regions: env().LANTERN_DEFAULT_REGIONS });
}

async function scanAccount(account: AccountTarget, regions: string[] | undefined) {
  const units = planUnits(regions ?? account.regions);
  const created = await createScanRun({ accountId: account.id, trigger: "cli", units });
  if (created.alreadyRunning) err(`A scan of ${account.id} is already in progress (${created.scanId}); joining it.`);
  else err(`Scanning ${account.name} (${account.id}): ${created.units.length} units, scan ${created.scanId}`);

  // Run every unit this process can claim; units claimed by a worker are waited for.
  const concurrency = env().LANTERN_SCAN_CONCURRENCY;
  // Higher priority first (regional services before IAM, whose collection uses their results as hints).
  const queue = [...created.units].sort((a, b) => (getService(b.service)?.priority ?? 0) - (getService(a.service)?.priority ?? 0));
  await Promise.all(
    Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let u = queue.shift(); u; u = queue.shift()) {
        const outcome = await runUnit(u.id);
        if (outcome.kind === "finished") err(`  ${u.service} ${u.region}: ${outcome.state}, ${outcome.resources} resources`);
      }
    }),
  );
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    const s = await getScanSummary(created.scanId);
    if (!s) throw new Error(`Scan ${created.scanId} disappeared.`);
    if (s.status !== "queued" && s.status !== "running") return s;
    if (Date.now() > deadline) throw new Error(`Scan ${created.scanId} did not finish within 30 minutes.`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function cmdScan(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      account: { type: "string" },
      regions: { type: "string" },
      json: { type: "string" },
      "fail-on": { type: "string" },
    },
    strict: true,
  });
  const regions = parseRegions(values.regions);
  const failOn = values["fail-on"];
  if (failOn !== undefined && !SEVERITIES.includes(failOn as Severity)) {
    throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(", ")}`);
  }
  let accounts: AccountTarget[];
  if (values.account) {
    const id = ZAccountId.safeParse(values.account);
    if (!id.success) throw new UsageError(`--account: ${id.error.issues[0].message}`);
    const a = await getAccountTarget(id.data);
    if (!a) throw new UsageError(`Account ${id.data} is not configured. Add it: lantern accounts add --id ${id.data} --name NAME --regions us-east-1`);
    accounts = [a];
  } else {
    accounts = await listAccountTargets({ enabledOnly: true });
    if (accounts.length === 0) accounts = [await discoverAccount()];
  }

  const started = Date.now();
  const scans = [];
  for (const a of accounts) scans.push(await scanAccount(a, regions));
  const findings = await exportFindings({ accountIds: accounts.map((a) => a.id), statuses: ["open", "suppressed"] });
  const open = findings.filter((f) => f.status === "open");

  for (const s of scans) {
    err(`Scan ${s.id} of ${s.accountId}: ${s.status}`);
    for (const u of s.units) {
      const errors = u.errors as { api: string; code: string; count: number }[];
      for (const e of errors) err(`  ${u.service} ${u.region}: ${e.api} ${e.code} x${e.count}`);
    }
  }
  const bySeverity = SEVERITIES.map((sev) => `${sev} ${open.filter((f) => f.severity === sev).length}`).join(", ");
  err(`Open findings: ${open.length} (${bySeverity}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const doc = {
    generatedAt: new Date().toISOString(),
    scans: scans.map((s) => ({ id: s.id, accountId: s.accountId, status: s.status, startedAt: s.startedAt, finishedAt: s.finishedAt, units: s.units })),
    findings,
  };
  if (values.json === "-") process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  else if (values.json) {
    writeFileSync(values.json, `${JSON.stringify(doc, null, 2)}\n`);
    err(`Wrote ${findings.length} findings to ${values.json}`);
  }

  if (scans.some((s) => s.status === "failed")) return EXIT.error;
  if (failOn) {
    const min = SEVERITY_RANK[failOn as Severity];
    const over = open.filter((f) => SEVERITY_RANK[f.severity as Severity] >= min);
    if (over.length) {
      err(`${over.length} open finding(s) at or above ${failOn}: failing.`);
      return EXIT.findings;
    }
  }
  return EXIT.ok;
}

async function cmdAccounts(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "list") {
    for (const a of await listAccountTargets()) {
      console.log(`${a.id}  ${a.enabled ? "enabled " : "disabled"}  ${a.schedule.padEnd(14)}  ${a.regions.join(",").padEnd(24)}  ${a.name}${a.roleArn ? `  via ${a.roleArn}` : ""}`);
    }
    return EXIT.ok;
  }
  if (sub === "add") {
    const { values } = parseArgs({
      args: rest,
      options: {
        id: { type: "string" },
        name: { type: "string" },
        regions: { type: "string" },
        "role-arn": { type: "string" },
        "external-id": { type: "string" },
        schedule: { type: "string" },
        disabled: { type: "boolean" },
      },
      strict: true,
    });
    const id = ZAccountId.safeParse(values.id ?? "");
    if (!id.success) throw new UsageError(`--id: ${id.error.issues[0].message}`);
    if (!values.name) throw new UsageError("--name is required");
    const regions = parseRegions(values.regions);
    if (!regions?.length) throw new UsageError("--regions is required (comma-separated)");
    if (values["role-arn"] && !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(values["role-arn"])) throw new UsageError("--role-arn is not an IAM role ARN");
    const a = await upsertAccountTarget({
      id: id.data,
      name: values.name,
      regions,
      roleArn: values["role-arn"],
      externalId: values["external-id"],
      schedule: values.schedule,
      enabled: !values.disabled,
    });
    console.log(`Account ${a.id} (${a.name}) saved: regions ${a.regions.join(", ")}, schedule "${a.schedule}".`);
    return EXIT.ok;
  }
  if (sub === "discover") return cmdDiscover(rest);
  if (sub === "regions") return cmdRegions(rest);
  throw new UsageError(`Unknown accounts command "${sub ?? ""}"`);
}

/** Clients acting as a configured account (its role, or the default chain when it has none). */
async function discoveryClientsFor(accountId: string | undefined) {
  if (!accountId) return accountDiscoveryClients({ accountId: "", region: env().LANTERN_DEFAULT_REGIONS[0] ?? "us-east-1" }, { calls: 0, throttles: 0 });
  const a = await getAccountTarget(accountId);
  if (!a) throw new UsageError(`Account ${accountId} is not configured.`);
  return accountDiscoveryClients({ accountId: a.id, region: a.regions[0] ?? "us-east-1", roleArn: a.roleArn, externalId: a.externalId }, { calls: 0, throttles: 0 });
}

async function cmdDiscover(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { via: { type: "string" }, add: { type: "boolean" }, "role-name": { type: "string" }, "external-id": { type: "string" }, regions: { type: "string" } },
    strict: true,
  });
  if (values.add && !values["role-name"]) throw new UsageError("--add needs --role-name (the role Lantern assumes in each member account)");
  const regions = parseRegions(values.regions) ?? env().LANTERN_DEFAULT_REGIONS;
  const members = await listOrganizationAccounts(await discoveryClientsFor(values.via));
  const known = new Set((await listAccountTargets()).map((a) => a.id));
  for (const m of members) {
    console.log(`${m.id}  ${known.has(m.id) ? "configured" : "new       "}  ${(m.status ?? "").padEnd(9)}  ${m.name}${m.email ? ` <${m.email}>` : ""}`);
  }
  if (values.add) {
    let added = 0;
    for (const m of members.filter((x) => !known.has(x.id) && (x.status ?? "ACTIVE") === "ACTIVE")) {
      await upsertAccountTarget({ id: m.id, name: m.name, regions, roleArn: `arn:aws:iam::${m.id}:role/${values["role-name"]}`, externalId: values["external-id"] });
      added++;
    }
    console.log(`Added ${added} account(s).`);
  }
  return EXIT.ok;
}

async function cmdRegions(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { id: { type: "string" }, save: { type: "boolean" } }, strict: true });
  const id = ZAccountId.safeParse(values.id ?? "");
  if (!id.success) throw new UsageError(`--id: ${id.error.issues[0].message}`);
  const found = await discoverEnabledRegions(await discoveryClientsFor(id.data));
  console.log(`${found.regions.length} enabled regions (from ${found.source}): ${found.regions.join(", ")}`);
  if (values.save) {
    const a = (await getAccountTarget(id.data))!;
    await upsertAccountTarget({ ...a, regions: found.regions });
    console.log(`Account ${a.id} now scans ${found.regions.length} regions.`);
  }
  return EXIT.ok;
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (cmd === "scan") return await cmdScan(rest);
    if (cmd === "accounts") return await cmdAccounts(rest);
    if (cmd === "help" || cmd === "--help" || cmd === "-h") {
      console.log(USAGE);
      return EXIT.ok;
    }
    throw new UsageError(cmd ? `Unknown command "${cmd}"` : "No command given");
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string })?.code?.startsWith?.("ERR_PARSE_ARGS")) {
      err(`${(e as Error).message}\n${USAGE}`);
      return EXIT.usage;
    }
    err(`Error: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT.error;
  }
}

if (process.argv[1]?.endsWith("scripts/lantern.ts")) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
