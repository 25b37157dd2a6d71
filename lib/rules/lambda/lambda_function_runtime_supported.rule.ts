// LC-01: a function must not run on a deprecated Lambda runtime. The runtime list with its dates is a setting,
// so an installation can follow AWS's table without a release. A published version keeps the runtime it was
// published with, so a version that an alias serves (its target or a canary weight) counts as well: a
// deprecated runtime behind the "live" alias is deprecated code in production even when $LATEST was upgraded.
// Container-image functions have no managed runtime and get no result (as Security Hub Lambda.2 ignores them).
import { z } from "zod";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";

const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const ZRuntime = z.object({
  identifier: z.string().min(1),
  name: z.string(),
  /** The day Lambda stops patching the runtime (the "Deprecation date" column). */
  deprecationDate: ZDate,
  /** The day updating functions that use it is blocked (the "Block function update" column); null when not published. */
  blockFunctionUpdateDate: ZDate.nullable(),
});
type Runtime = z.infer<typeof ZRuntime>;

type Settings = { runtimes: Runtime[]; warnDaysBeforeDeprecation: number };

const r = (identifier: string, name: string, deprecationDate: string, blockFunctionUpdateDate: string | null): Runtime => ({
  identifier,
  name,
  deprecationDate,
  blockFunctionUpdateDate,
});

/**
 * The Lambda runtimes table (docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html), as mirrored by
 * endoflife.date (products/aws-lambda.md: "eoas" = deprecation date, "eol" = block function update date), with
 * python3.9's deprecation moved to 2025-12-15 (tflint-ruleset-aws PR #969, Nov 2025) and the runtimes released
 * in late 2025 (nodejs24.x, python3.14, java25, dotnet10, ruby3.4). AWS moves these dates; edit the setting when
 * it does. null: the block-update date was not published or not confirmed.
 */
export const DEFAULT_RUNTIMES: Runtime[] = [
  r("nodejs24.x", "Node.js 24", "2028-04-30", "2028-07-01"),
  r("nodejs22.x", "Node.js 22", "2027-04-30", "2027-07-01"),
  r("nodejs20.x", "Node.js 20", "2026-04-30", "2026-07-01"),
  r("nodejs18.x", "Node.js 18", "2025-09-01", "2025-11-01"),
  r("nodejs16.x", "Node.js 16", "2024-06-12", "2025-11-01"),
  r("nodejs14.x", "Node.js 14", "2023-12-04", "2025-11-01"),
  r("nodejs12.x", "Node.js 12", "2023-03-31", "2023-04-30"),
  r("nodejs10.x", "Node.js 10", "2021-07-30", "2022-02-14"),
  r("nodejs8.10", "Node.js 8.10", "2020-03-06", "2020-03-06"),
  r("nodejs6.10", "Node.js 6.10", "2019-08-12", null),
  r("nodejs4.3", "Node.js 4.3", "2020-03-05", "2020-03-05"),
  r("nodejs4.3-edge", "Node.js 4.3 edge", "2020-03-05", "2020-04-30"),
  r("nodejs", "Node.js 0.10", "2016-10-31", "2016-10-31"),
  r("python3.14", "Python 3.14", "2029-06-30", "2029-08-31"),
  r("python3.13", "Python 3.13", "2029-06-30", "2029-08-31"),
  r("python3.12", "Python 3.12", "2028-10-31", "2029-01-10"),
  r("python3.11", "Python 3.11", "2026-06-30", "2026-08-31"),
  r("python3.10", "Python 3.10", "2026-06-30", "2026-08-31"),
  r("python3.9", "Python 3.9", "2025-12-15", null),
  r("python3.8", "Python 3.8", "2024-10-14", "2025-11-01"),
  r("python3.7", "Python 3.7", "2023-12-04", "2025-11-01"),
  r("python3.6", "Python 3.6", "2022-07-18", "2022-08-29"),
  r("python2.7", "Python 2.7", "2021-07-15", "2022-05-30"),
  r("java25", "Java 25", "2029-06-30", "2029-08-31"),
  r("java21", "Java 21", "2029-06-30", "2029-08-31"),
  r("java17", "Java 17", "2026-06-30", "2026-08-31"),
  r("java11", "Java 11", "2026-06-30", "2026-08-31"),
  r("java8.al2", "Java 8 (AL2)", "2026-06-30", "2026-08-31"),
  r("java8", "Java 8 (AL1)", "2024-01-08", "2025-11-01"),
  r("dotnet10", ".NET 10", "2028-11-14", "2029-01-15"),
  r("dotnet8", ".NET 8", "2026-11-10", "2027-01-11"),
  r("dotnet7", ".NET 7", "2024-05-14", null),
  r("dotnet6", ".NET 6", "2024-12-20", "2025-11-01"),
  r("dotnet5.0", ".NET 5", "2022-05-10", null),
  r("dotnetcore3.1", ".NET Core 3.1", "2023-04-03", "2023-05-03"),
  r("dotnetcore2.1", ".NET Core 2.1", "2022-01-05", "2022-04-13"),
  r("dotnetcore2.0", ".NET Core 2.0", "2019-05-30", "2019-05-30"),
  r("dotnetcore1.0", ".NET Core 1.0", "2019-06-27", "2019-07-30"),
  r("ruby3.4", "Ruby 3.4", "2028-03-31", "2028-05-31"),
  r("ruby3.3", "Ruby 3.3", "2027-03-31", "2027-05-31"),
  r("ruby3.2", "Ruby 3.2", "2026-03-31", "2026-05-31"),
  r("ruby2.7", "Ruby 2.7", "2023-12-07", "2025-11-01"),
  r("ruby2.5", "Ruby 2.5", "2021-07-30", "2022-03-31"),
  r("go1.x", "Go 1.x", "2024-01-08", "2025-11-01"),
  r("provided.al2023", "OS-only runtime (Amazon Linux 2023)", "2029-06-30", "2029-08-31"),
  r("provided.al2", "OS-only runtime (Amazon Linux 2)", "2026-06-30", "2026-08-31"),
  r("provided", "Custom runtime (Amazon Linux)", "2024-01-08", "2025-11-01"),
];

const DAY_MS = 24 * 60 * 60 * 1000;
const dayStart = (date: string) => Date.parse(`${date}T00:00:00Z`);

type Status = { runtime: string; entry: Runtime | null; deprecated: boolean; updateBlocked: boolean; daysToDeprecation: number | null };

function statusOf(runtime: string, byId: Map<string, Runtime>, now: Date): Status {
  const entry = byId.get(runtime) ?? null;
  if (!entry) return { runtime, entry, deprecated: false, updateBlocked: false, daysToDeprecation: null };
  const t = now.getTime();
  return {
    runtime,
    entry,
    deprecated: t >= dayStart(entry.deprecationDate),
    updateBlocked: entry.blockFunctionUpdateDate !== null && t >= dayStart(entry.blockFunctionUpdateDate),
    daysToDeprecation: Math.ceil((dayStart(entry.deprecationDate) - t) / DAY_MS),
  };
}

function runtimeEvidence(s: Status): Record<string, unknown> {
  return {
    runtime: s.runtime,
    name: s.entry?.name ?? null,
    deprecationDate: s.entry?.deprecationDate ?? null,
    blockFunctionUpdateDate: s.entry?.blockFunctionUpdateDate ?? null,
    deprecated: s.deprecated,
    updateBlocked: s.updateBlocked,
    daysToDeprecation: s.daysToDeprecation,
  };
}

function since(s: Status): string {
  const blocked = s.entry?.blockFunctionUpdateDate
    ? s.updateBlocked
      ? `; updating functions on it is blocked since ${s.entry.blockFunctionUpdateDate}`
      : `; updates will be blocked from ${s.entry.blockFunctionUpdateDate}`
    : "";
  return `deprecated since ${s.entry?.deprecationDate}${blocked}`;
}

/** Published versions an alias sends traffic to, with the aliases that do. */
function servedVersions(fn: TLambdaFunctionRecord): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (fn.aliases?.status !== "ok") return out;
  for (const a of fn.aliases.value) {
    for (const v of [a.functionVersion, ...a.routing.map((x) => x.version)]) {
      if (!v || v === "$LATEST") continue;
      out.set(v, [...(out.get(v) ?? []), a.name]);
    }
  }
  return out;
}

function evaluateFunction(fn: TLambdaFunctionRecord, byId: Map<string, Runtime>, settings: Settings, now: Date): RuleResult | null {
  const base = { resourceArn: fn.arn, resourceName: fn.name, region: fn.region };
  if (fn.packageType === "Image") return null;
  if (!fn.runtime) {
    return { ...base, status: "UNKNOWN", message: `Could not determine the runtime of function ${fn.name}: none is recorded.`, evidence: { runtime: null, packageType: fn.packageType } };
  }
  const latest = statusOf(fn.runtime, byId, now);
  const served = servedVersions(fn);
  const deprecatedVersions =
    fn.versions?.status === "ok"
      ? fn.versions.value
          .filter((v) => served.has(v.version) && v.runtime)
          .map((v) => ({ version: v.version, aliases: served.get(v.version) ?? [], status: statusOf(v.runtime as string, byId, now) }))
          .filter((v) => v.status.deprecated)
      : [];
  const listingErrors = [fn.versions, fn.aliases].flatMap((l) => (l?.status === "error" ? [l.code] : []));
  const evidence = {
    latest: runtimeEvidence(latest),
    servedVersionsOnDeprecatedRuntimes: deprecatedVersions.map((v) => ({ version: v.version, aliases: v.aliases, ...runtimeEvidence(v.status) })),
    versionListingErrors: listingErrors,
    warnDaysBeforeDeprecation: settings.warnDaysBeforeDeprecation,
  };

  if (latest.deprecated) {
    const also = deprecatedVersions.length > 0 ? ` Aliases also serve ${deprecatedVersions.length} published version(s) on deprecated runtimes.` : "";
    return { ...base, status: "FAIL", message: `Lambda function ${fn.name} uses runtime ${fn.runtime}, ${since(latest)}.${also}`, evidence };
  }
  if (deprecatedVersions.length > 0) {
    const v = deprecatedVersions[0];
    return {
      ...base,
      status: "FAIL",
      message: `Lambda function ${fn.name} serves version ${v.version} through alias ${v.aliases.join(", ")} on runtime ${v.status.runtime}, ${since(v.status)}.`,
      evidence,
    };
  }
  if (!latest.entry) {
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not judge the runtime of function ${fn.name}: ${fn.runtime} is not in this rule's runtime list.`,
      evidence,
    };
  }
  if (listingErrors.length > 0) {
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not check the published versions of function ${fn.name} that aliases serve: ${listingErrors.join(", ")}.`,
      evidence,
    };
  }
  const days = latest.daysToDeprecation ?? Infinity;
  const approaching = days <= settings.warnDaysBeforeDeprecation;
  return {
    ...base,
    status: "PASS",
    message: approaching
      ? `Lambda function ${fn.name} uses runtime ${fn.runtime}, supported until ${latest.entry.deprecationDate} (deprecated in ${days} days).`
      : `Lambda function ${fn.name} uses runtime ${fn.runtime}, supported until ${latest.entry.deprecationDate}.`,
    evidence: { ...evidence, deprecationApproaching: approaching },
  };
}

export const rule: RuleDefinition<Settings> = {
  id: "lambda_function_runtime_supported",
  catalogueId: "LC-01",
  title: "Lambda function uses a supported runtime",
  severity: "medium",
  category: "lambda-configuration",
  resourceType: "lambda_function",
  description:
    "Compares each .zip function's runtime, and the runtimes of published versions its aliases serve, with the " +
    "Lambda runtime deprecation dates in this rule's settings. The evidence shows the block-update date and " +
    "whether deprecation is within the warning window. Container-image functions are not judged.",
  risk:
    "A deprecated runtime no longer receives security patches for its language runtime or operating system, and " +
    "functions on it are not eligible for technical support. After the block-update date the function cannot be " +
    "changed at all, so even an urgent fix requires a runtime migration first.",
  remediation: {
    text:
      "Move the function to a supported runtime of the same language (test the code against the new version first), " +
      "publish a new version and point the aliases at it.",
    cli: "aws lambda update-function-configuration --function-name <function-name> --runtime python3.13",
    cloudformation: ["Function:", "  Type: AWS::Lambda::Function", "  Properties:", "    Runtime: python3.13"].join("\n"),
    terraform: ['resource "aws_lambda_function" "this" {', "  # ...", '  runtime = "python3.13"', "}"].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html",
    "https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-2",
  ],
  frameworks: { "aws-fsbp": ["Lambda.2"] },
  settings: {
    schema: z.object({ runtimes: z.array(ZRuntime), warnDaysBeforeDeprecation: z.number().int().min(0).max(3650) }),
    defaults: { runtimes: DEFAULT_RUNTIMES, warnDaysBeforeDeprecation: 180 },
    describe: {
      runtimes:
        "Lambda runtimes with their deprecation and block-update dates (YYYY-MM-DD), from AWS's runtimes page; a runtime not listed is reported as UNKNOWN.",
      warnDaysBeforeDeprecation: "How many days before a runtime's deprecation date a passing function is marked as approaching it.",
    },
  },
  evaluate(inventory, ctx) {
    const byId = new Map(ctx.settings.runtimes.map((x) => [x.identifier, x]));
    return inventory.lambdaFunctions.flatMap((fn) => evaluateFunction(fn, byId, ctx.settings, ctx.now) ?? []);
  },
};
