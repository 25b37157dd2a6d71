// AP-01 (Lantern's own, no anchor has it): a toxic combination. An entry the internet can use without
// authentication (an open API route, a public function URL, a resource policy that lets anyone invoke) leads
// to a function whose execution role is an administrator, can escalate to one (directly or through other
// principals), or reaches data and credentials without resource constraints. Each path is one finding on the
// function with the chain as evidence and a rank (entry weight x privilege weight) that orders the overview.
import type { IamAnalysis } from "@/lib/analysis/iam/analyze";
import { iamAnalysis } from "@/lib/analysis/iam/rule-support";
import { sharedEndpointModel, type Endpoint } from "@/lib/analysis/endpoints";
import { analyzePublicAccess } from "@/lib/analysis/policy-exposure";
import type { RuleDefinition, RuleInventory, RuleResult } from "@/lib/rules/types";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";

type Entry = { kind: "api_route" | "function_url" | "public_policy"; label: string; detail: string; weight: number };
type Reach = { kind: "admin" | "escalation" | "transitive" | "data" | "credentials" | "resource_exposure"; label: string; weight: number; detail: unknown };

/** Unauthenticated, internet-reachable endpoints that invoke the function as its backend. */
function entriesOf(fn: TLambdaFunctionRecord, endpoints: Endpoint[]): Entry[] {
  const out: Entry[] = [];
  for (const e of endpoints) {
    if (e.auth.level !== "none" || e.reachable !== true || e.network.scope !== "internet" || e.network.networkRestricted) continue;
    if (!e.functionArns.includes(fn.arn)) continue;
    if (e.kind === "function_url") out.push({ kind: "function_url", label: `function URL ${e.urls[0] ?? ""}`.trim(), detail: e.auth.reason, weight: 3 });
    else out.push({ kind: "api_route", label: `${e.api?.name ?? "API"} ${e.label}`, detail: e.auth.reason, weight: 3 });
  }
  if (fn.policy?.status === "ok") {
    // Direct invocation only: a public InvokeFunctionUrl grant is an entry only with a NONE URL (the endpoint model).
    const grants = analyzePublicAccess(fn.policy.value.document, { accountId: fn.accountId }).filter((g) => g.invokeActions.includes("lambda:InvokeFunction"));
    if (grants.length > 0) {
      out.push({
        kind: "public_policy",
        label: "resource policy lets any AWS principal invoke it",
        detail: `${grants.length} statement${grants.length === 1 ? "" : "s"} grant invocation to "*" without a restricting condition`,
        weight: 2,
      });
    }
  }
  return out;
}

/** What the execution role can do that makes an entry into it dangerous; strongest first. */
function reachOf(iam: IamAnalysis, roleArn: string): Reach[] | null {
  const p = iam.principal(roleArn);
  if (!p) return null;
  const out: Reach[] = [];
  const admin = iam.adminEquivalent(p);
  if (admin === "definite") out.push({ kind: "admin", label: "administrator", weight: 5, detail: iam.classes(p).adminStatements.slice(0, 3) });
  if (admin !== "definite") {
    const esc = iam.escalations(p).filter((e) => e.certainty === "definite");
    if (esc.length > 0) {
      out.push({
        kind: "escalation",
        label: `can escalate (${esc[0].technique.name})`,
        weight: esc.some((e) => e.gain === "admin") ? 5 : 4,
        detail: esc.slice(0, 3).map((e) => ({ technique: e.technique.name, gain: e.gain, steps: e.steps, targets: e.targets.slice(0, 3).map((t) => t.arn) })),
      });
    } else {
      const t = iam.transitive(p);
      if (t.chain && t.chain.length > 0) {
        out.push({
          kind: "transitive",
          label: `reaches an administrator through ${t.chain.length} hop${t.chain.length === 1 ? "" : "s"}`,
          weight: 4,
          detail: t.chain.map((l) => ({ from: iam.principals[l.from]?.arn, to: iam.principals[l.to]?.arn, technique: l.edge.technique.name })),
        });
      }
    }
  }
  const classes = iam.classes(p);
  if (classes.credentialsExposure.count > 0) {
    out.push({ kind: "credentials", label: "credentials exposure", weight: 3, detail: classes.credentialsExposure.actions.slice(0, 10) });
  }
  if (classes.dataExfiltration.count > 0) {
    out.push({ kind: "data", label: `reads data on every resource (${Object.keys(classes.dataExfiltration.services).join(", ")})`, weight: 3, detail: classes.dataExfiltration.actions.slice(0, 10) });
  }
  if (classes.resourceExposure.count > 0) {
    out.push({ kind: "resource_exposure", label: "can rewrite resource policies", weight: 3, detail: classes.resourceExposure.actions.slice(0, 10) });
  }
  return out;
}

function evaluateFunction(fn: TLambdaFunctionRecord, inventory: RuleInventory, iam: IamAnalysis, endpoints: Endpoint[], iamComplete: boolean): RuleResult {
  const base = { resourceArn: fn.arn, resourceName: fn.name, region: fn.region };
  const entries = entriesOf(fn, endpoints);
  if (entries.length === 0) {
    return { ...base, status: "PASS", message: `Lambda function ${fn.name} has no unauthenticated entry from the internet.`, evidence: { entries: [] } };
  }
  if (!fn.roleArn) {
    return { ...base, status: "UNKNOWN", message: `Could not follow the path into function ${fn.name}: its execution role is not recorded.`, evidence: { entries } };
  }
  const reach = iamComplete ? reachOf(iam, fn.roleArn) : null;
  if (reach === null) {
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not judge what function ${fn.name}'s role ${fn.roleArn} can do: the role is not in a complete IAM inventory.`,
      evidence: { entries, roleArn: fn.roleArn },
    };
  }
  const issues = iam.principal(fn.roleArn)?.issues ?? [];
  if (reach.length === 0) {
    if (issues.length > 0) {
      return {
        ...base,
        status: "UNKNOWN",
        message: `Could not judge function ${fn.name}'s role: ${issues.length} of its policies could not be read.`,
        evidence: { entries, roleArn: fn.roleArn, issues },
      };
    }
    return {
      ...base,
      status: "PASS",
      message: `Lambda function ${fn.name} is reachable without authentication, but its role grants no administrator, escalation, data or credential access.`,
      evidence: { entries, roleArn: fn.roleArn },
    };
  }
  const entry = [...entries].sort((a, b) => b.weight - a.weight)[0];
  const top = [...reach].sort((a, b) => b.weight - a.weight)[0];
  const rank = entry.weight * top.weight;
  return {
    ...base,
    status: "FAIL",
    message: `Lambda function ${fn.name} is reachable from the internet without authentication (${entry.label}) and runs as ${fn.roleArn.split("/").pop()}, which ${top.label}.`,
    evidence: {
      rank,
      chain: [
        { step: "entry", ...entry },
        { step: "function", arn: fn.arn, name: fn.name },
        { step: "role", arn: fn.roleArn },
        ...reach.map((r) => ({ step: "reach", ...r })),
      ],
      otherEntries: entries.filter((e) => e !== entry),
      // What "every resource" means here: the data stores of this account and region the role can read.
      dataStores: reach.some((r) => r.kind === "admin" || r.kind === "data" || r.kind === "escalation")
        ? [
            ...inventory.s3Buckets.filter((b) => b.region === fn.region).map((b) => b.arn),
            ...inventory.dynamodbTables.filter((t) => t.region === fn.region).map((t) => t.arn),
            ...inventory.sqsQueues.filter((q) => q.region === fn.region).map((q) => q.arn),
          ].slice(0, 20)
        : [],
    },
  };
}

export const rule: RuleDefinition = {
  id: "attack_path_internet_to_privileged_function",
  catalogueId: "AP-01",
  title: "No unauthenticated internet entry leads to a function with a privileged role",
  severity: "critical",
  category: "attack-path",
  resourceType: "lambda_function",
  description:
    "Joins the endpoint model (API routes, function URLs), the function's resource policy and the IAM analysis of " +
    "its execution role. Fails a function that the internet can invoke without authentication when its role is an " +
    "administrator, can escalate privileges (alone or through other principals), or reads data, exposes credentials " +
    "or rewrites resource policies on every resource. The evidence is the chain entry -> function -> role -> reach, " +
    "ranked by entry weight x privilege weight.",
  risk:
    "One bug in an internet-facing function (injection, SSRF, a vulnerable dependency) hands the attacker its role's " +
    "credentials. With an administrator or escalating role that is the whole account; with unconstrained data access it " +
    "is every bucket, table or secret. Each link alone is a medium finding; together they are the breach path attackers look for.",
  remediation: {
    text:
      "Break the chain at its cheapest link: require authentication on the entry (an authorizer, AWS_IAM on the URL, a " +
      "restricted resource policy), and scope the execution role to the resources the function needs (no wildcards, no " +
      "iam:* or PassRole, no data access on Resource \"*\"). The role's least-privilege proposal on the Roles page is a " +
      "starting point.",
    cli: "aws lambda update-function-url-config --function-name <function-name> --auth-type AWS_IAM\naws iam delete-role-policy --role-name <role-name> --policy-name <over-broad-policy>",
    cloudformation: [
      "FunctionRole:",
      "  Type: AWS::IAM::Role",
      "  Properties:",
      "    Policies:",
      "      - PolicyName: least-privilege",
      "        PolicyDocument:",
      "          Statement:",
      "            - Effect: Allow",
      "              Action: [dynamodb:GetItem]",
      "              Resource: !GetAtt OrdersTable.Arn",
    ].join("\n"),
    terraform: [
      'resource "aws_iam_role_policy" "least_privilege" {',
      "  role   = aws_iam_role.function.id",
      "  policy = jsonencode({",
      '    Version = "2012-10-17"',
      '    Statement = [{ Effect = "Allow", Action = ["dynamodb:GetItem"], Resource = aws_dynamodb_table.orders.arn }]',
      "  })",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
    "https://owasp.org/www-project-serverless-top-10/",
  ],
  evaluate(inventory, ctx) {
    const iam = iamAnalysis(inventory, ctx);
    const endpoints = sharedEndpointModel(inventory, ctx).endpoints;
    const iamComplete = ctx.complete("iam_role", "global") && ctx.complete("iam_policy", "global");
    return inventory.lambdaFunctions.map((fn) => {
      const regionComplete = ctx.complete("apigateway_rest_api", fn.region) && ctx.complete("apigatewayv2_api", fn.region);
      const r = evaluateFunction(fn, inventory, iam, endpoints, iamComplete);
      // An entry may hide in an API listing that did not complete: a PASS there is not known.
      if (r.status === "PASS" && !regionComplete && (r.evidence.entries as unknown[]).length === 0) {
        return { ...r, status: "UNKNOWN", message: `Could not rule out an internet entry into function ${fn.name}: the APIs of ${fn.region} were not listed completely.` };
      }
      return r;
    });
  },
};
