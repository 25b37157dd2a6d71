// Checks of Lantern's own AWS access: iam/lantern-scanner-policy.json and the CloudFormation template that
// creates the cross-account role. Each check returns problems, so a test can show it fails on a bad copy.
import { validateIdentityPolicy, validatePolicySyntax, validateTrustPolicy } from "@cloud-copilot/iam-policy";
import { parse, type CollectionTag, type ScalarTag, type Tags } from "yaml";
import { z } from "zod";

// ---- CloudFormation YAML -----------------------------------------------------------------------------

const INTRINSICS = [
  "Ref", "Condition", "Sub", "GetAtt", "Join", "Select", "Split", "If", "Equals", "Not", "And", "Or",
  "FindInMap", "GetAZs", "ImportValue", "Base64", "Cidr", "Transform", "ToJsonString", "Length",
];
const longName = (short: string) => (short === "Ref" || short === "Condition" ? short : `Fn::${short}`);

/** CloudFormation's short-form tags (!Ref, !Sub, !GetAtt, ...) as their long JSON form, in any node kind. */
export const CFN_TAGS: Tags = INTRINSICS.flatMap((name): (ScalarTag | CollectionTag)[] => [
  {
    tag: `!${name}`,
    resolve: (value: string) => ({ [longName(name)]: name === "GetAtt" ? value.split(".") : value }),
  },
  { tag: `!${name}`, collection: "seq", resolve: (seq) => ({ [longName(name)]: seq.toJSON() }) },
  { tag: `!${name}`, collection: "map", resolve: (map) => ({ [longName(name)]: map.toJSON() }) },
]);

export function parseCfnYaml(text: string): unknown {
  return parse(text, { customTags: CFN_TAGS });
}

/**
 * Resolve Ref and Fn::Sub against known values (parameters and pseudo parameters such as AWS::Partition).
 * Other intrinsics (GetAtt, ...) stay as they are: their values exist only in a deployed stack.
 */
export function resolveRefs(node: unknown, refs: Record<string, string>): unknown {
  if (Array.isArray(node)) return node.map((n) => resolveRefs(n, refs));
  if (!node || typeof node !== "object") return node;
  const obj = node as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 && keys[0] === "Ref") {
    const name = String(obj.Ref);
    if (!(name in refs)) throw new Error(`Ref to unknown ${name}`);
    return refs[name];
  }
  if (keys.length === 1 && keys[0] === "Fn::Sub") {
    const arg = obj["Fn::Sub"];
    const [template, local] = Array.isArray(arg) ? [String(arg[0]), (arg[1] ?? {}) as Record<string, string>] : [String(arg), {}];
    const vars = { ...refs, ...local };
    return template.replace(/\$\{(!?)([^}]+)\}/g, (_m, bang: string, name: string) => {
      if (bang) return `\${${name}}`;
      if (!(name in vars)) throw new Error(`Fn::Sub of unknown ${name}`);
      return vars[name];
    });
  }
  return Object.fromEntries(keys.map((k) => [k, resolveRefs(obj[k], refs)]));
}

// ---- the scanner policy ------------------------------------------------------------------------------

const ZStringOrList = z.union([z.string(), z.array(z.string()).min(1)]);
const list = (v: string | string[]) => (Array.isArray(v) ? v : [v]);

/** The shape the scanner policy may have: Allow statements of plain actions on resources, nothing else. */
const ZScannerStatement = z.strictObject({
  Sid: z.string().regex(/^[A-Za-z0-9]+$/),
  Effect: z.string(),
  Action: ZStringOrList,
  Resource: ZStringOrList,
});
const ZScannerPolicy = z.strictObject({ Version: z.literal("2012-10-17"), Statement: z.array(ZScannerStatement).min(1) });
export type TScannerPolicy = z.infer<typeof ZScannerPolicy>;

/** Verbs of read-only actions: Get*, List*, Describe*, and IAM's Generate*LastAccessed* report jobs. */
export const READ_VERBS = [/^Get[A-Z]/, /^List[A-Z]/, /^Describe[A-Z]/, /^Generate\w*LastAccessed\w*$/];
/** API Gateway's management API is authorized per HTTP method; GET is its read. */
export const HTTP_READ_ACTIONS = ["apigateway:GET"];
/**
 * Reads Lantern must not have: they return a presigned URL to download the function's or layer's code,
 * which can hold embedded secrets. (lambda:GetLayerVersion also authorizes GetLayerVersionByArn.)
 */
export const CODE_DOWNLOAD_ACTIONS = ["lambda:GetFunction", "lambda:GetLayerVersion"];
/**
 * apigateway:GET is limited to REST (v1) and HTTP/WebSocket (v2) APIs, custom domain names with their API
 * mappings, and the collections the REST scanner lists: usage plans (and the keys in each, not its usage
 * data), API keys and client certificates. /apikeys and /usageplans/{id}/keys can return key values and IAM
 * cannot tell a call without includeValues from one with it, so only those exact paths are allowed: never
 * /apikeys/* (GetApiKey) or /usageplans/* as a whole.
 */
const APIGATEWAY_RESOURCE =
  /^arn:aws:apigateway:\*::\/((restapis|apis|domainnames)(\/\*)?|usageplans|usageplans\/\*\/keys|apikeys|clientcertificates)$/;

export function isReadAction(action: string): boolean {
  if (HTTP_READ_ACTIONS.includes(action)) return true;
  const m = /^([a-z0-9-]+):([A-Za-z0-9]+)$/.exec(action);
  return !!m && READ_VERBS.some((re) => re.test(m[2]));
}

export function policyActions(policy: TScannerPolicy): string[] {
  return policy.Statement.flatMap((s) => list(s.Action));
}

export function policyProblems(doc: unknown): string[] {
  // validateIdentityPolicy repeats the generic syntax checks; keep each message once.
  const problems = [
    ...new Set([...validatePolicySyntax(doc), ...validateIdentityPolicy(doc)].map((e) => `${e.path}: ${e.message}`)),
  ];
  const parsed = ZScannerPolicy.safeParse(doc);
  if (!parsed.success) return [...problems, ...parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`)];
  const seen = new Set<string>();
  for (const s of parsed.data.Statement) {
    if (s.Effect !== "Allow") problems.push(`${s.Sid}: only Allow statements belong in a grant (${s.Effect})`);
    for (const action of list(s.Action)) {
      if (/[*?]/.test(action)) problems.push(`${s.Sid}: ${action} is a wildcard; name each action`);
      else if (!isReadAction(action)) problems.push(`${s.Sid}: ${action} is not a read (Get/List/Describe/Generate*LastAccessed)`);
      if (CODE_DOWNLOAD_ACTIONS.some((a) => a.toLowerCase() === action.toLowerCase())) {
        problems.push(`${s.Sid}: ${action} returns a presigned code download URL; Lantern must not have it`);
      }
      if (seen.has(action.toLowerCase())) problems.push(`${s.Sid}: ${action} is granted twice`);
      seen.add(action.toLowerCase());
      if (action === "apigateway:GET") {
        for (const r of list(s.Resource)) {
          if (!APIGATEWAY_RESOURCE.test(r)) problems.push(`${s.Sid}: apigateway:GET on ${r} reaches beyond the API Gateway paths Lantern reads`);
        }
      }
    }
  }
  return problems;
}

const wildcard = (pattern: string) =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");

/** True when some Allow statement's Action matches (IAM action names are case-insensitive). */
export function grants(policy: TScannerPolicy, action: string): boolean {
  return policy.Statement.some((s) => s.Effect === "Allow" && list(s.Action).some((a) => wildcard(a).test(action)));
}

export function parseScannerPolicy(doc: unknown): TScannerPolicy {
  return ZScannerPolicy.parse(doc);
}

// ---- the CloudFormation role template ----------------------------------------------------------------

const ZParameter = z.looseObject({
  Type: z.string(),
  NoEcho: z.boolean().optional(),
  MinLength: z.number().optional(),
  AllowedPattern: z.string().optional(),
  Default: z.string().optional(),
});
const ZResource = z.looseObject({ Type: z.string(), Properties: z.record(z.string(), z.unknown()).optional() });
const ZTemplate = z.looseObject({
  AWSTemplateFormatVersion: z.literal("2010-09-09"),
  Parameters: z.record(z.string(), ZParameter),
  Resources: z.record(z.string(), ZResource),
  Outputs: z.record(z.string(), z.looseObject({ Value: z.unknown() })),
});
export type TTemplate = z.infer<typeof ZTemplate>;

const ZRoleProps = z.looseObject({
  RoleName: z.string(),
  MaxSessionDuration: z.number().int(),
  AssumeRolePolicyDocument: z.unknown(),
  Policies: z.array(z.looseObject({ PolicyName: z.string(), PolicyDocument: z.unknown() })),
  ManagedPolicyArns: z.array(z.unknown()).optional(),
  PermissionsBoundary: z.unknown().optional(),
});

/** Values used to resolve the template when checking it: the aws partition and sample parameters. */
export const SAMPLE_REFS = {
  "AWS::Partition": "aws",
  "AWS::AccountId": "210987654321",
  LanternAccountId: "123456789012",
  LanternPrincipal: "role/lantern-worker",
  ExternalId: "sample-external-id-0123456789",
};

export function parseTemplate(text: string): TTemplate {
  return ZTemplate.parse(parseCfnYaml(text));
}

export function roleOf(template: TTemplate): { id: string; props: z.infer<typeof ZRoleProps> } {
  const roles = Object.entries(template.Resources).filter(([, r]) => r.Type === "AWS::IAM::Role");
  if (roles.length !== 1) throw new Error(`expected exactly one AWS::IAM::Role, found ${roles.length}`);
  const [id, r] = roles[0];
  return { id, props: ZRoleProps.parse(r.Properties) };
}

/** The role's inline policy, with ${AWS::Partition} resolved to aws: comparable with the JSON file. */
export function inlinePolicy(template: TTemplate): unknown {
  const { props } = roleOf(template);
  if (props.Policies.length !== 1) throw new Error(`expected one inline policy, found ${props.Policies.length}`);
  return resolveRefs(props.Policies[0].PolicyDocument, SAMPLE_REFS);
}

const ZTrustStatement = z.strictObject({
  Sid: z.string().optional(),
  Effect: z.literal("Allow"),
  Principal: z.strictObject({ AWS: z.string() }),
  Action: z.literal("sts:AssumeRole"),
  Condition: z.record(z.string(), z.record(z.string(), z.string())),
});

export function trustProblems(trustDoc: unknown, refs: typeof SAMPLE_REFS = SAMPLE_REFS): string[] {
  const doc = resolveRefs(trustDoc, refs);
  const problems = validateTrustPolicy(doc).map((e) => `${e.path}: ${e.message}`);
  const parsed = z.object({ Statement: z.array(ZTrustStatement).length(1) }).safeParse(doc);
  if (!parsed.success) {
    return [...problems, ...parsed.error.issues.map((i) => `trust ${i.path.join(".")}: ${i.message}`)];
  }
  const s = parsed.data.Statement[0];
  if (s.Principal.AWS !== `arn:aws:iam::${refs.LanternAccountId}:root`) {
    problems.push(`trust: the principal must be the Lantern account (${s.Principal.AWS})`);
  }
  if (s.Condition.StringEquals?.["sts:ExternalId"] !== refs.ExternalId) {
    problems.push("trust: sts:AssumeRole must require StringEquals sts:ExternalId = the ExternalId parameter");
  }
  const principalArn = s.Condition.ArnLike?.["aws:PrincipalArn"];
  if (principalArn !== undefined && !principalArn.startsWith(`arn:aws:iam::${refs.LanternAccountId}:`)) {
    problems.push(`trust: aws:PrincipalArn must stay inside the Lantern account (${principalArn})`);
  }
  return problems;
}

/** `DurationSeconds` Lantern asks for when it assumes a role (lib/aws/clients.ts). */
export function requestedSessionSeconds(clientsSource: string): number {
  const m = /DurationSeconds:\s*([\d_]+)/.exec(clientsSource);
  if (!m) throw new Error("lib/aws/clients.ts no longer sets DurationSeconds");
  return Number(m[1].replaceAll("_", ""));
}

/** JSON with object keys sorted: key order carries no meaning in a policy, array order is kept. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

export function templateProblems(template: TTemplate, policyFile: unknown, clientsSource: string): string[] {
  const problems: string[] = [];
  const p = template.Parameters;
  const ext = p.ExternalId;
  if (!ext) problems.push("parameter ExternalId is missing");
  else {
    if (ext.Type !== "String") problems.push("ExternalId must be a String parameter");
    if (ext.NoEcho !== true) problems.push("ExternalId must be NoEcho");
    if ((ext.MinLength ?? 0) < 16) problems.push(`ExternalId must have MinLength >= 16 (has ${ext.MinLength ?? "none"})`);
  }
  const acct = p.LanternAccountId;
  const acctPattern = acct?.AllowedPattern ? new RegExp(acct.AllowedPattern) : undefined;
  if (!acctPattern || !acctPattern.test("123456789012") || acctPattern.test("12345") || acctPattern.test("1234567890123")) {
    problems.push("LanternAccountId must only accept a 12-digit account id");
  }

  const { id, props } = roleOf(template);
  if (props.RoleName !== "LanternScanner") problems.push(`the role must be named LanternScanner (is ${props.RoleName})`);
  if (props.MaxSessionDuration !== 3600) problems.push(`MaxSessionDuration must be 3600 (is ${props.MaxSessionDuration})`);
  const requested = requestedSessionSeconds(clientsSource);
  if (requested > props.MaxSessionDuration) {
    problems.push(`Lantern asks for ${requested} s sessions, more than MaxSessionDuration ${props.MaxSessionDuration}: AssumeRole would fail`);
  }
  if (props.ManagedPolicyArns?.length) problems.push("the role must have no managed policies: the inline policy is the whole grant");
  try {
    if (canonicalJson(inlinePolicy(template)) !== canonicalJson(policyFile)) {
      problems.push("the template's inline policy differs from iam/lantern-scanner-policy.json");
    }
  } catch (err) {
    problems.push(err instanceof Error ? err.message : String(err));
  }
  problems.push(...trustProblems(props.AssumeRolePolicyDocument));
  const out = template.Outputs.RoleArn?.Value;
  if (canonicalJson(out) !== canonicalJson({ "Fn::GetAtt": [id, "Arn"] })) problems.push("Outputs.RoleArn must be the role's Arn");
  return problems;
}
