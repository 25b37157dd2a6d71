// What the demo estate contains and which flaws it plants, derived from the spec alone (no AWS calls), so a
// manifest for an account that was seeded earlier is exactly the one the seeding run returned.
import { createHash } from "node:crypto";
import { ruleExpectations, type RuleExpectation } from "./expectations";
import {
  ADMINISTRATOR_ACCESS,
  DEPRECATED_RUNTIMES,
  FAKE_STRIPE_SECRET_KEY,
  buildSpec,
  type Ctx,
  type EstateSpec,
  type FunctionSpec,
  type PermissionSpec,
  type RoleSpec,
  type Slot,
} from "./spec";

export type DemoFunction = { arn: string; name: string; region: string };

export type DemoAlias = {
  arn: string;
  functionVersion: string;
  /** Weighted routing to a second version (AdditionalVersionWeights), if any. */
  canary: { version: string; weight: number } | null;
  /** Sid of the alias's own permission (AddPermission with Qualifier), if any. */
  permissionSid: string | null;
};
export type DemoLayerVersion = { arn: string; region: string; sharedWith: "anyone" | "organization" | null };
export type DemoPolicy = { arn: string; name: string; defaultVersionId: string; versions: number };
export type DemoApiKey = { name: string; region: string; enabled: boolean; usagePlan: string };
export type DemoDomainName = {
  arn: string;
  name: string;
  region: string;
  endpointType: string;
  securityPolicy: string;
  /** "<base path> -> <api name>/<stage>". */
  mappings: string[];
};
export type DemoHttpDomainName = {
  name: string;
  region: string;
  securityPolicy: string;
  /** "<mapping key> -> <api name>/<stage>". */
  mappings: string[];
};

export type DemoManifest = {
  accountId: string;
  regions: [string, string];
  functions: DemoFunction[];
  /** The (fake) secret values planted in environment variables: tests assert Lantern never stores them. */
  secretEnvValues: string[];
  /** Published function versions (qualified ARNs, sorted). */
  versions: string[];
  /**
   * Function aliases, in the order of the spec (like functions and the other lists of objects). On moto 5.2.1 a published version shares the function's policy object, so
   * an alias's permission also shows in the unqualified GetPolicy (on AWS it would be on the alias only).
   */
  aliases: DemoAlias[];
  layerVersions: DemoLayerVersion[];
  /** IAM user and group ARNs, sorted. */
  users: string[];
  groups: string[];
  /** Customer-managed policies. */
  customerPolicies: DemoPolicy[];
  apiKeys: DemoApiKey[];
  /** The (generated) values of apiKeys: tests assert Lantern never stores them. */
  secretApiKeyValues: string[];
  /** REST (v1) custom domain names with their base path mappings. */
  domainNames: DemoDomainName[];
  /** API Gateway v2 custom domain names with their API mappings (moto 5.2.1 supports both calls). */
  httpDomainNames: DemoHttpDomainName[];
  /** Every list is sorted. Function and role lists hold ARNs; API lists hold "<api name> <METHOD> <path>". */
  planted: {
    /** LX-01: a statement with Principal "*" and no restrictive condition. */
    publicPolicy: string[];
    /** Principal "*" narrowed by AWS:SourceArn, AWS:SourceAccount or aws:PrincipalOrgID: must NOT be flagged. */
    conditionedPublic: string[];
    /** LX-03: function URL with AuthType NONE. */
    publicUrl: string[];
    /** Function URL with AuthType AWS_IAM: must NOT be flagged by LX-03. */
    iamUrl: string[];
    /** LC-01. */
    deprecatedRuntime: string[];
    /** execution roles allowing "*" on "*" (AdministratorAccess or a customer policy). Role ARNs. */
    adminRole: string[];
    /** LC-02: a secret-looking environment value (the name of the variable is in secretEnvVar). */
    secretEnv: string[];
    secretEnvVar: string[];
    /** LX-02: a service principal without AWS:SourceArn/AWS:SourceAccount, or S3 without AWS:SourceAccount. */
    confusedDeputy: string[];
    /** LX-09: an apigateway.amazonaws.com grant with no SourceArn or one for any method and stage. */
    anyApiSourceArn: string[];
    /** LX-05: invoke granted to an account outside Acme. */
    crossAccountInvoke: string[];
    /** LX-04: function URL CORS allowing every origin. */
    corsAnyOriginUrl: string[];
    /** a service-wide wildcard action ("s3:*") on "*". Role ARNs. */
    serviceWildcardRole: string[];
    /** iam:PassRole on "*" together with lambda:CreateFunction. Role ARNs. */
    passRoleStar: string[];
    /** secretsmanager:GetSecretValue on "*". Role ARNs. */
    unscopedSecretRead: string[];
    /** trust policy admits an account outside Acme. Role ARNs. */
    crossAccountTrust: string[];
    /** roles used by more than one function. Role ARNs. */
    sharedRole: string[];
    /** LC-13: functions without tags. */
    untagged: string[];
    /** ES-07: functions with a disabled event source mapping. */
    disabledEventSource: string[];
    /** ES-02: queues (event sources) whose policy lets anyone send. Queue ARNs. */
    publicQueue: string[];
    /** A1-01: REST methods with a backend (not MOCK), authorizationType NONE and no API key. */
    openRestMethods: string[];
    /** A1-04/A1-05: REST APIs whose resource policy allows Principal "*" with no condition. API names. */
    openRestApiPolicy: string[];
    /** A1-06: REST stages without execution logging. "<api name>/<stage>". */
    restStageNoLogging: string[];
    /** A2-01: HTTP API routes (not WebSocket) with AuthorizationType NONE. */
    openHttpRoutes: string[];
    /** A2-02: HTTP and WebSocket API stages without access logs. "<api name>/<stage>". */
    httpStageNoAccessLogs: string[];
    /** Aliases with their own permission (a service principal with SourceArn): must NOT be flagged by LX-01. */
    aliasPolicy: string[];
    /** LX-08: layer versions shared with anyone (Principal "*" without an organization). Layer version ARNs. */
    publicLayer: string[];
    /**
     * Layer versions shared with Acme's organization only: must NOT be flagged as public. AWS stores the grant as
     * a StringEquals aws:PrincipalOrgID condition; moto 5.2.1 keeps `OrganizationId` as a key of the statement.
     */
    orgSharedLayer: string[];
    /** R-01 for users: IAM users with AdministratorAccess or a "*" on "*" policy. User ARNs. */
    adminUser: string[];
    /** A1-13: custom domain names with a TLS 1.0 security policy. Domain name ARNs (v1) or "<region> <name>" (v2). */
    weakTlsDomain: string[];
    /** Disabled API keys still attached to a usage plan. "<region> <key name>". */
    disabledApiKey: string[];
  };
  /**
   * What each catalogue rule should conclude, by rule id (expectations.ts): resources that must fail and clean
   * look-alikes that must pass, as ARN templates whose generated ids resolveExpectedArn fills in.
   */
  expectations: Record<string, RuleExpectation>;
  counts: {
    functions: number;
    functionsByRegion: Record<string, number>;
    roles: number;
    customerManagedPolicies: number;
    queues: number;
    tables: number;
    kinesisStreams: number;
    eventSourceMappings: number;
    permissions: number;
    functionUrls: number;
    layers: number;
    restApis: number;
    restMethods: number;
    httpApis: number;
    httpRoutes: number;
    withTracing: number;
    withDeadLetterConfig: number;
    withOnFailureDestination: number;
    withVpc: number;
    withReservedConcurrency: number;
    versions: number;
    aliases: number;
    aliasPermissions: number;
    layerVersions: number;
    users: number;
    groups: number;
    /** Versions of the customer-managed policies, all together. */
    policyVersions: number;
    permissionsBoundaries: number;
    usagePlans: number;
    apiKeys: number;
    domainNames: number;
    basePathMappings: number;
    httpDomainNames: number;
    apiMappings: number;
    /** HTTP and WebSocket APIs together are httpApis; these are the WebSocket ones. */
    webSocketApis: number;
    kmsKeys: number;
    snsTopics: number;
    s3Buckets: number;
    /** Subnets of the estate's own VPCs (moto's default VPC adds one per Availability Zone). */
    subnets: number;
    trails: number;
    /** Log groups created for functions that "have run" (the others have none yet). */
    logGroups: number;
  };
};

export const functionArn = (ctx: Ctx, f: Pick<FunctionSpec, "name" | "slot">) =>
  `arn:aws:lambda:${ctx.regions[f.slot]}:${ctx.accountId}:function:${f.name}`;
export const roleArn = (ctx: Ctx, r: Pick<RoleSpec, "name" | "path">) => `arn:aws:iam::${ctx.accountId}:role${r.path}${r.name}`;
export const userArn = (ctx: Ctx, u: { name: string; path: string }) => `arn:aws:iam::${ctx.accountId}:user${u.path}${u.name}`;
export const groupArn = (ctx: Ctx, g: { name: string; path: string }) => `arn:aws:iam::${ctx.accountId}:group${g.path}${g.name}`;
export const customerPolicyArn = (ctx: Ctx, name: string) => `arn:aws:iam::${ctx.accountId}:policy/${name}`;
export const layerVersionArn = (ctx: Ctx, slot: Slot, layer: string, version: number) =>
  `arn:aws:lambda:${ctx.regions[slot]}:${ctx.accountId}:layer:${layer}:${version}`;
/** The ARN Lantern's API Gateway scanner gives a (public) REST custom domain name. */
export const domainNameArn = (region: string, name: string) => `arn:aws:apigateway:${region}::/domainnames/${name}`;

/**
 * The value of a demo API key: 40 letters and digits like a generated one, derived from the account, region and
 * key name so that a manifest stays exact without asking AWS (which is exactly what Lantern must never do).
 */
export function apiKeyValue(ctx: Ctx, slot: Slot, name: string): string {
  const digest = createHash("sha512").update(`lantern-demo-api-key:${ctx.accountId}:${ctx.regions[slot]}:${name}`).digest("base64");
  return digest.replace(/[^A-Za-z0-9]/g, "").slice(0, 40);
}

/** Conditions that tie a Principal "*" grant to this account, a resource of it, or its organization. */
export const isRestrictedPublic = (p: PermissionSpec) => !!(p.sourceArn || p.sourceAccount || p.principalOrgId);

const isService = (principal: string) => principal.endsWith(".amazonaws.com");

/** Every invoke permission the seeder adds to a function, including those API Gateway integrations need. */
export function permissionsOf(spec: EstateSpec, fn: string): PermissionSpec[] {
  const f = spec.functions.find((x) => x.name === fn);
  const own = f?.permissions ?? [];
  const fromRest = spec.restApis.flatMap((api) => [
    ...(api.authorizer?.fn === fn ? [{ sid: `apigw-${api.name}-authorizer`, principal: "apigateway.amazonaws.com", sourceArn: "(authorizer)" }] : []),
    ...api.methods
      .filter((m) => m.fn === fn)
      .map((m) => ({
        sid: restPermissionSid(api.name, m.method, m.path),
        principal: "apigateway.amazonaws.com",
        sourceArn: m.permission === "noSourceArn" ? undefined : "(api)",
      })),
  ]);
  const fromHttp = spec.httpApis.flatMap((api) => [
    ...(api.requestAuthorizer?.fn === fn ? [{ sid: `apigw-${api.name}-authorizer`, principal: "apigateway.amazonaws.com", sourceArn: "(authorizer)" }] : []),
    ...api.routes
      .filter((r) => "fn" in r && r.fn === fn)
      .map((r) => ({ sid: httpPermissionSid(api.name, r.routeKey), principal: "apigateway.amazonaws.com", sourceArn: "(api)" })),
  ]);
  return [...own, ...fromRest, ...fromHttp];
}

const slug = (s: string) => s.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "");
export const restPermissionSid = (api: string, method: string, path: string) => `apigw-${api}-${method}-${slug(path) || "root"}`;
export const httpPermissionSid = (api: string, routeKey: string) => `apigw-${api}-${slug(routeKey)}`;

/** True when a policy statement allows every action on every resource. */
function grantsEverything(doc: { Statement: { Effect: string; Action?: string | string[]; Resource: string | string[] }[] }) {
  const arr = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  return doc.Statement.some((s) => s.Effect === "Allow" && arr(s.Action).includes("*") && arr(s.Resource).includes("*"));
}

function roleStatements(spec: EstateSpec, role: RoleSpec) {
  return [
    ...Object.values(role.inline).flatMap((d) => d.Statement),
    ...role.customerManaged.flatMap((n) => spec.customerPolicies.find((p) => p.name === n)?.document.Statement ?? []),
  ];
}

const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

export function buildManifest(ctx: Ctx): DemoManifest {
  const spec = buildSpec(ctx);
  const fArn = (f: FunctionSpec) => functionArn(ctx, f);
  const roleByName = new Map(spec.roles.map((r) => [r.name, r]));
  const rArn = (name: string) => {
    const r = roleByName.get(name);
    if (!r) throw new Error(`demo estate spec: unknown role ${name}`);
    return roleArn(ctx, r);
  };
  const fns = spec.functions;
  const withPerm = (pred: (p: PermissionSpec) => boolean) =>
    sorted(fns.filter((f) => permissionsOf(spec, f.name).some(pred)).map(fArn));
  const arr = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  const rolesWhere = (pred: (r: RoleSpec) => boolean) => sorted(spec.roles.filter(pred).map((r) => roleArn(ctx, r)));
  const roleUse = new Map<string, number>();
  for (const f of fns) roleUse.set(f.role, (roleUse.get(f.role) ?? 0) + 1);

  const secretFns = fns.filter((f) => Object.values(f.env ?? {}).includes(FAKE_STRIPE_SECRET_KEY));

  const allPermissions = fns.flatMap((f) => permissionsOf(spec, f.name));
  const functionsByRegion: Record<string, number> = { [ctx.regions[0]]: 0, [ctx.regions[1]]: 0 };
  for (const f of fns) functionsByRegion[ctx.regions[f.slot]]++;

  const aliases: DemoAlias[] = fns.flatMap((f) =>
    (f.aliases ?? []).map((a) => ({
      arn: `${fArn(f)}:${a.name}`,
      functionVersion: String(a.version),
      canary: a.canary ? { version: String(a.canary.version), weight: a.canary.weight } : null,
      permissionSid: a.permission?.sid ?? null,
    })),
  );
  const layerVersions: DemoLayerVersion[] = layerRegions(spec).flatMap((slot) =>
    spec.layer.versions.map((v, i) => ({
      arn: layerVersionArn(ctx, slot, spec.layer.name, i + 1),
      region: ctx.regions[slot],
      sharedWith: v.grant ? (v.grant.organizationId ? ("organization" as const) : ("anyone" as const)) : null,
    })),
  );
  const policyByName = new Map(spec.customerPolicies.map((p) => [p.name, p]));
  const customerPolicies: DemoPolicy[] = spec.customerPolicies.map((p) => {
    const versions = (p.previousVersions?.length ?? 0) + 1;
    return { arn: customerPolicyArn(ctx, p.name), name: p.name, defaultVersionId: `v${versions}`, versions };
  });
  const apiKeys: DemoApiKey[] = spec.restApis.flatMap((api) =>
    (api.usagePlan?.keys ?? []).map((k) => ({ name: k.name, region: ctx.regions[api.slot], enabled: k.enabled, usagePlan: api.usagePlan!.name })),
  );
  const secretApiKeyValues = spec.restApis.flatMap((api) => (api.usagePlan?.keys ?? []).map((k) => apiKeyValue(ctx, api.slot, k.name)));
  const domainNames: DemoDomainName[] = spec.domainNames.map((d) => ({
    arn: domainNameArn(ctx.regions[d.slot], d.name),
    name: d.name,
    region: ctx.regions[d.slot],
    endpointType: d.endpointType,
    securityPolicy: d.securityPolicy,
    mappings: d.mappings.map((m) => `${m.basePath} -> ${m.api}/${m.stage}`),
  }));
  const httpDomainNames: DemoHttpDomainName[] = spec.httpDomainNames.map((d) => ({
    name: d.name,
    region: ctx.regions[d.slot],
    securityPolicy: d.securityPolicy,
    mappings: d.mappings.map((m) => `${m.key} -> ${m.api}/${m.stage}`),
  }));
  const userGrantsEverything = (u: EstateSpec["users"][number]) =>
    u.awsManaged.includes(ADMINISTRATOR_ACCESS) ||
    grantsEverything({
      Statement: [
        ...Object.values(u.inline).flatMap((d) => d.Statement),
        ...u.customerManaged.flatMap((n) => policyByName.get(n)?.document.Statement ?? []),
      ],
    });

  const planted: DemoManifest["planted"] = {
    publicPolicy: withPerm((p) => p.principal === "*" && !isRestrictedPublic(p)),
    conditionedPublic: withPerm((p) => p.principal === "*" && isRestrictedPublic(p)),
    publicUrl: sorted(fns.filter((f) => f.url?.authType === "NONE").map(fArn)),
    iamUrl: sorted(fns.filter((f) => f.url?.authType === "AWS_IAM").map(fArn)),
    deprecatedRuntime: sorted(fns.filter((f) => DEPRECATED_RUNTIMES.has(f.runtime)).map(fArn)),
    adminRole: sorted(
      fns
        .map((f) => roleByName.get(f.role)!)
        .filter((r) => r.awsManaged.includes(ADMINISTRATOR_ACCESS) || grantsEverything({ Statement: roleStatements(spec, r) }))
        .map((r) => roleArn(ctx, r)),
    ),
    secretEnv: sorted(secretFns.map(fArn)),
    secretEnvVar: sorted(
      secretFns.flatMap((f) => Object.entries(f.env ?? {}).filter(([, v]) => v === FAKE_STRIPE_SECRET_KEY).map(([k]) => k)),
    ),
    confusedDeputy: withPerm(
      (p) => isService(p.principal) && (!(p.sourceArn || p.sourceAccount) || (p.principal === "s3.amazonaws.com" && !p.sourceAccount)),
    ),
    anyApiSourceArn: sorted(
      spec.restApis.flatMap((api) =>
        api.methods
          .filter((m) => m.fn && (m.permission === "noSourceArn" || m.permission === "anyMethod"))
          .map((m) => fArn(fns.find((f) => f.name === m.fn)!)),
      ),
    ),
    crossAccountInvoke: withPerm((p) => p.principal.startsWith("arn:aws:iam::") && !p.principal.includes(`::${ctx.accountId}:`)),
    corsAnyOriginUrl: sorted(fns.filter((f) => f.url?.cors?.AllowOrigins.includes("*")).map(fArn)),
    serviceWildcardRole: rolesWhere((r) =>
      roleStatements(spec, r).some((s) => arr(s.Resource).includes("*") && arr(s.Action).some((a) => /^[a-z0-9-]+:\*$/.test(a))),
    ),
    passRoleStar: rolesWhere((r) => {
      const st = roleStatements(spec, r).filter((s) => arr(s.Resource).includes("*"));
      return st.some((s) => arr(s.Action).includes("iam:PassRole")) && st.some((s) => arr(s.Action).includes("lambda:CreateFunction"));
    }),
    unscopedSecretRead: rolesWhere((r) =>
      roleStatements(spec, r).some((s) => arr(s.Resource).includes("*") && arr(s.Action).includes("secretsmanager:GetSecretValue")),
    ),
    crossAccountTrust: rolesWhere((r) => !!r.extraTrustedAccount),
    sharedRole: sorted([...roleUse].filter(([, n]) => n > 1).map(([name]) => rArn(name))),
    untagged: sorted(fns.filter((f) => !f.tags || Object.keys(f.tags).length === 0).map(fArn)),
    disabledEventSource: sorted(fns.filter((f) => f.eventSources?.some((e) => e.enabled === false)).map(fArn)),
    publicQueue: sorted(
      spec.queues.filter((q) => q.publicSend).map((q) => `arn:aws:sqs:${ctx.regions[q.slot]}:${ctx.accountId}:${q.name}`),
    ),
    openRestMethods: sorted(
      spec.restApis.flatMap((api) =>
        // MOCK methods (no backend: /health) are not counted: A1-01 passes them by design.
        api.methods.filter((m) => m.auth === "NONE" && !m.apiKeyRequired && (m.fn || m.http)).map((m) => `${api.name} ${m.method} ${m.path}`),
      ),
    ),
    openRestApiPolicy: sorted(spec.restApis.filter((a) => a.policy === "open").map((a) => a.name)),
    // A stage left on an earlier deployment (previousStage) gets no logging settings.
    restStageNoLogging: sorted(
      spec.restApis.flatMap((a) => [...(a.stage.logging ? [] : [a.stage.name]), ...(a.previousStage ? [a.previousStage.name] : [])].map((st) => `${a.name}/${st}`)),
    ),
    openHttpRoutes: sorted(
      spec.httpApis
        .filter((api) => api.protocol !== "WEBSOCKET")
        .flatMap((api) => api.routes.filter((r) => r.auth === "NONE").map((r) => `${api.name} ${r.routeKey}`)),
    ),
    httpStageNoAccessLogs: sorted(
      spec.httpApis.filter((a) => !a.stage.accessLogs).flatMap((a) => [a.stage.name ?? "$default", ...(a.versionStages ?? [])].map((st) => `${a.name}/${st}`)),
    ),
    aliasPolicy: sorted(aliases.filter((a) => a.permissionSid).map((a) => a.arn)),
    publicLayer: sorted(layerVersions.filter((l) => l.sharedWith === "anyone").map((l) => l.arn)),
    orgSharedLayer: sorted(layerVersions.filter((l) => l.sharedWith === "organization").map((l) => l.arn)),
    adminUser: sorted(spec.users.filter(userGrantsEverything).map((u) => userArn(ctx, u))),
    weakTlsDomain: sorted([
      ...domainNames.filter((d) => d.securityPolicy === "TLS_1_0").map((d) => d.arn),
      ...httpDomainNames.filter((d) => d.securityPolicy === "TLS_1_0").map((d) => `${d.region} ${d.name}`),
    ]),
    disabledApiKey: sorted(apiKeys.filter((k) => !k.enabled).map((k) => `${k.region} ${k.name}`)),
  };

  return {
    accountId: ctx.accountId,
    regions: [ctx.regions[0], ctx.regions[1]],
    functions: fns.map((f) => ({ arn: fArn(f), name: f.name, region: ctx.regions[f.slot] })),
    secretEnvValues: [FAKE_STRIPE_SECRET_KEY],
    versions: sorted(fns.flatMap((f) => (f.versions ?? []).map((_, i) => `${fArn(f)}:${i + 1}`))),
    aliases,
    layerVersions,
    users: sorted(spec.users.map((u) => userArn(ctx, u))),
    groups: sorted(spec.groups.map((g) => groupArn(ctx, g))),
    customerPolicies,
    apiKeys,
    secretApiKeyValues,
    domainNames,
    httpDomainNames,
    planted,
    expectations: ruleExpectations(ctx, spec, planted),
    counts: {
      functions: fns.length,
      functionsByRegion,
      roles: spec.roles.length,
      customerManagedPolicies: spec.customerPolicies.length,
      queues: spec.queues.length,
      tables: spec.tables.length,
      kinesisStreams: spec.streams.length,
      eventSourceMappings: fns.reduce((n, f) => n + (f.eventSources?.length ?? 0), 0),
      permissions: allPermissions.length,
      functionUrls: fns.filter((f) => f.url).length,
      layers: layerRegions(spec).length,
      restApis: spec.restApis.length,
      restMethods: spec.restApis.reduce((n, a) => n + a.methods.length, 0),
      httpApis: spec.httpApis.length,
      httpRoutes: spec.httpApis.reduce((n, a) => n + a.routes.length, 0),
      withTracing: fns.filter((f) => f.tracing).length,
      withDeadLetterConfig: fns.filter((f) => f.dlq).length,
      withOnFailureDestination: fns.filter((f) => f.onFailure).length,
      withVpc: fns.filter((f) => f.vpc).length,
      withReservedConcurrency: fns.filter((f) => f.reservedConcurrency !== undefined).length,
      versions: fns.reduce((n, f) => n + (f.versions?.length ?? 0), 0),
      aliases: aliases.length,
      aliasPermissions: aliases.filter((a) => a.permissionSid).length,
      layerVersions: layerVersions.length,
      users: spec.users.length,
      groups: spec.groups.length,
      policyVersions: customerPolicies.reduce((n, p) => n + p.versions, 0),
      permissionsBoundaries: spec.roles.filter((r) => r.permissionsBoundary).length,
      usagePlans: spec.restApis.filter((a) => a.usagePlan).length,
      apiKeys: apiKeys.length,
      domainNames: domainNames.length,
      basePathMappings: spec.domainNames.reduce((n, d) => n + d.mappings.length, 0),
      httpDomainNames: httpDomainNames.length,
      apiMappings: spec.httpDomainNames.reduce((n, d) => n + d.mappings.length, 0),
      webSocketApis: spec.httpApis.filter((a) => a.protocol === "WEBSOCKET").length,
      kmsKeys: spec.kmsKeys.length,
      snsTopics: spec.topics.length,
      s3Buckets: spec.buckets.length,
      subnets: spec.vpcs.reduce((n, v) => n + v.subnets.length, 0),
      trails: spec.trails.length,
      logGroups: fns.filter((f) => f.logRetentionDays !== undefined).length,
    },
  };
}

/** Region slots whose functions use the shared layer: the layer is published there. */
export function layerRegions(spec: EstateSpec): (0 | 1)[] {
  return ([0, 1] as const).filter((slot) => spec.functions.some((f) => f.slot === slot && f.layer));
}
