// The endpoint model: every way in over HTTP(S) or WebSocket, one item per REST method, HTTP route, WebSocket
// route and Lambda function URL, with what an outside caller meets on the way in. Rules on API Gateway and
// Lambda exposure read it (via ctx.shared or buildEndpointModel, memoized per inventory), and the dashboard's
// APIs page lists it.
//
// Judgement stays per endpoint, never per API: one open route in an API that has an authorizer is still open
// (the miss of "API has >= 1 authorizer" checks). What is modelled:
// - auth: the method/route's authorization type and authorizer, API keys, and for REST APIs the resource policy
//   (an anonymous caller needs an explicit Allow: a policy that admits no anonymous caller closes a NONE
//   method); WebSocket routes other than $connect are authorized when the connection opens ($connect).
// - network: EDGE/REGIONAL/HTTP/WebSocket/function URLs face the internet, PRIVATE REST APIs face VPCs; the
//   policy may pin callers to VPC endpoints or IP ranges.
// - stages: which stages serve it, their logging, throttling and URLs (default endpoint and custom domains).
// - backends: the Lambda functions invoked, resolved per stage when the URI uses stage variables.
// REST resources are the API's current (draft) definition; a stage serves a deployment of it. A deployment's
// apiSummary, when AWS included it, says whether that stage serves the method (`serves`); otherwise null.
import { analyzePublicAccess } from "@/lib/analysis/policy-exposure";
import {
  evaluateApiPolicy,
  executeApiArn,
  widestVerdict,
  type ApiPolicyAccess,
  type ApiPolicyScope,
  type ApiPolicyVerdict,
  type PolicyRestriction,
} from "@/lib/analysis/api-resource-policy";
import type { RuleInventory } from "@/lib/rules/types";
import type { TDomainNameRecord, TMethodRecord, TRestApiRecord, TStageRecord } from "@/scanners/apigateway/record";
import { authorizerOfRoute, type THttpApiRecord, type THttpRoute, type THttpStage } from "@/scanners/apigatewayv2/record";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";

export type EndpointKind = "rest_method" | "http_route" | "websocket_route" | "function_url";

/**
 * What stops an anonymous caller:
 * - identity: the caller must prove who it is (IAM signature, Lambda/Cognito/JWT authorizer),
 * - api_key: only an API key (API Gateway: "don't rely on API keys for authentication"),
 * - none: nothing,
 * - closed: nothing is configured, but nobody anonymous gets in (a resource policy without an Allow for
 *   anonymous callers, a private API without a policy, a NONE function URL no permission makes public),
 * - unknown: the data that decides it is missing or failed to load.
 */
export type AuthLevel = "identity" | "api_key" | "none" | "closed" | "unknown";

export type EndpointAuthorizer = {
  id: string;
  /** ok: found in the authorizer listing; absent: the listing has no such id; error: it could not be read. */
  status: "ok" | "absent" | "error";
  name: string | null;
  /** REST: TOKEN | REQUEST | COGNITO_USER_POOLS; v2: JWT | REQUEST. */
  type: string | null;
  /** Lambda authorizers: the function (unqualified) it invokes. */
  functionArn: string | null;
  jwtIssuer: string | null;
  jwtAudience: string[];
};

export type EndpointAuth = {
  level: AuthLevel;
  /** level "identity"; null when unknown. An API key alone is not authentication. */
  authenticated: boolean | null;
  authorizationType: string | null;
  authorizer: EndpointAuthorizer | null;
  apiKeyRequired: boolean | null;
  /** REST APIs: who the resource policy lets in ("none": no policy); "not_applicable" elsewhere. */
  resourcePolicy: ApiPolicyAccess | "none" | "unknown" | "not_applicable";
  /** WebSocket routes other than $connect take the authorization of the connection ("$connect"). */
  inheritedFrom: string | null;
  /** One sentence: why this level. */
  reason: string;
};

export type EndpointNetwork = {
  /** internet: EDGE/REGIONAL REST APIs, HTTP/WebSocket APIs, function URLs; vpc: PRIVATE REST APIs. */
  scope: "internet" | "vpc";
  endpointTypes: string[];
  /** PRIVATE REST APIs: anonymous callers are pinned to named VPCs/VPC endpoints; null when unknown. */
  vpcPinned: boolean | null;
  /** The resource policy limits anonymous callers to IP ranges, VPCs or VPC endpoints. */
  networkRestricted: boolean;
  restrictions: PolicyRestriction[];
};

export type EndpointStage = {
  name: string;
  /** arn:aws:apigateway:<region>::/restapis/<id>/stages/<name> (or /apis/ for v2). */
  arn: string;
  deploymentId: string | null;
  /** When the deployment this stage serves was created (REST), else null. */
  deployedAt: string | null;
  createdDate: string | null;
  lastUpdatedDate: string | null;
  /** Whether this stage's deployment contains the endpoint; null when AWS did not say. */
  serves: boolean | null;
  /** Execution log level (REST and WebSocket; "OFF" when none is set); null for HTTP APIs. */
  executionLogLevel: string | null;
  accessLogs: boolean;
  /** ERROR/INFO execution logging or access logs. */
  logged: boolean;
  /** Effective rate/burst limit from method (route) or stage settings; null when none is set. */
  throttle: { rateLimit: number | null; burstLimit: number | null; source: "method" | "stage" } | null;
  /** Backing functions in this stage (stage variables resolved); unresolved ones are in the model's gaps. */
  functionArns: string[];
  urls: string[];
};

export type CustomDomainLink = {
  domainName: string;
  /** REST base path ("(none)" is the root) or v2 API mapping key (null is the root). */
  basePath: string | null;
  /** The stage the mapping routes to; null: REST mappings without a stage (the stage is the first path segment). */
  stage: string | null;
  mutualTls: boolean | null;
  securityPolicy: string | null;
};

export type IacOrigin = {
  /** null when the tags could not be read. */
  managed: boolean | null;
  /** cloudformation | sam | amplify | copilot | custom (a configured marker tag). */
  tool: string | null;
  stackName: string | null;
  /** The tags that decided it, "key=value". */
  markers: string[];
};

export type Endpoint = {
  /** Stable across scans: the method/route ARN (or qualified function ARN + "#url") and the account. */
  id: string;
  kind: EndpointKind;
  /**
   * What findings about this endpoint name: arn:aws:apigateway:<region>::/restapis/<id>/resources/<rid>/methods/<M>,
   * .../apis/<id>/routes/<routeId>, or the (qualified) function ARN for a function URL.
   */
  resourceArn: string;
  accountId: string;
  region: string;
  api: { arn: string; id: string; name: string; protocol: "REST" | "HTTP" | "WEBSOCKET" | null } | null;
  function: { arn: string; name: string; qualifier: string | null } | null;
  /** HTTP method ("ANY" for ANY methods, $default routes and function URLs); the route key for WebSocket routes. */
  method: string;
  /** Resource path or route path ("/orders/{id}", "$default"); "/" for function URLs; route key for WebSocket. */
  path: string;
  routeKey: string | null;
  /** "GET /orders/{id}", "$connect", "ANY <url>". */
  label: string;
  /** An OPTIONS method answered by a MOCK integration without authorization: the CORS preflight look-alike. */
  isCorsPreflight: boolean;
  integration: { type: string | null; uri: string | null; connectionType: string | null } | null;
  /** Every backing function (unqualified), over all stages. */
  functionArns: string[];
  auth: EndpointAuth;
  network: EndpointNetwork;
  /** Every serving stage logs it; null when there are no stages or they could not be read. */
  logged: boolean | null;
  stages: EndpointStage[];
  /** Whether an outside caller can reach it at all (a stage serves it, a URL exists, nothing closes it). */
  reachable: boolean | null;
  defaultEndpointEnabled: boolean | null;
  customDomains: CustomDomainLink[];
  urls: string[];
  iac: IacOrigin;
  /** The earliest creation date known for it (deployment containing it, else the API or function). */
  firstSeen: string | null;
  /** When it was last deployed (deployment or stage update date; the function's last modification for URLs). */
  lastDeployed: string | null;
};

/** Something the model could not read, so endpoints of it may be missing or incomplete. */
export type EndpointGap = {
  kind: "rest_api" | "http_api" | "lambda_function" | "domain_name";
  arn: string;
  region: string;
  what: string;
  code: string;
  message: string;
};

export type FunctionLink = { endpoint: Endpoint; role: "backend" | "authorizer" };

export type EndpointModel = {
  endpoints: Endpoint[];
  gaps: EndpointGap[];
  /** Unqualified function ARN -> the endpoints that invoke it (as backend or authorizer). */
  byFunction: Map<string, FunctionLink[]>;
};

// ---- helpers -----------------------------------------------------------------------------------------------

const LOGGED_LEVELS = new Set(["ERROR", "INFO"]);
const ANY_VERBS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

function partitionOfArn(arn: string): string {
  return arn.split(":")[1] || "aws";
}

function dnsSuffix(region: string): string {
  return region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
}

function uniq<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function maxDate(dates: (string | null | undefined)[]): string | null {
  const known = dates.filter((d): d is string => !!d && !Number.isNaN(Date.parse(d)));
  if (known.length === 0) return null;
  return known.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}

function minDate(dates: (string | null | undefined)[]): string | null {
  const known = dates.filter((d): d is string => !!d && !Number.isNaN(Date.parse(d)));
  if (known.length === 0) return null;
  return known.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
}

/** A concrete request path for a template: "{id}" -> "x", "{proxy+}" -> "x/y". */
function samplePath(template: string): string {
  return template.replace(/\{[^}]+\+\}/g, "x/y").replace(/\{[^}]+\}/g, "x");
}

// ---- infrastructure as code --------------------------------------------------------------------------------

const CFN_KEYS = ["aws:cloudformation:stack-name", "aws:cloudformation:stack-id", "aws:cloudformation:logical-id"];
const SAM_KEYS = ["lambda:createdBy", "httpapi:createdBy", "graphqlapi:createdBy"];

function tagPatternMatches(pattern: string, key: string, value: string): boolean {
  const at = pattern.indexOf("=");
  const keyPattern = at < 0 ? pattern : pattern.slice(0, at);
  const glob = (p: string, s: string) =>
    new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i").test(s);
  if (!glob(keyPattern, key)) return false;
  return at < 0 || glob(pattern.slice(at + 1), value);
}

/**
 * Whether tags mark the resource as created by infrastructure as code: CloudFormation's aws:cloudformation:*
 * tags (also SAM, CDK and Serverless Framework, which deploy through CloudFormation), SAM's *:createdBy=SAM,
 * Amplify's user:Stack, Copilot's copilot-application, and `extraMarkers` ("key" or "key=value", globs) for
 * tools that leave no marker of their own (Terraform, Pulumi: a default_tags convention).
 */
export function iacOrigin(tags: Record<string, string> | null, extraMarkers: string[] = []): IacOrigin {
  if (!tags) return { managed: null, tool: null, stackName: null, markers: [] };
  const entries = Object.entries(tags);
  const marked = (keys: string[]) => entries.filter(([k]) => keys.includes(k)).map(([k, v]) => `${k}=${v}`);
  const sam = entries.filter(([k, v]) => SAM_KEYS.includes(k) && v === "SAM").map(([k, v]) => `${k}=${v}`);
  const cfn = marked(CFN_KEYS);
  const amplify = marked(["user:Stack", "user:Application"]);
  const copilot = marked(["copilot-application"]);
  const custom = entries.filter(([k, v]) => extraMarkers.some((p) => tagPatternMatches(p, k, v))).map(([k, v]) => `${k}=${v}`);
  const markers = uniq([...cfn, ...sam, ...amplify, ...copilot, ...custom]);
  const tool = sam.length ? "sam" : cfn.length ? "cloudformation" : amplify.length ? "amplify" : copilot.length ? "copilot" : custom.length ? "custom" : null;
  return { managed: markers.length > 0, tool, stackName: tags["aws:cloudformation:stack-name"] ?? null, markers };
}

// ---- REST APIs ---------------------------------------------------------------------------------------------

type MethodSetting = TStageRecord["methodSettings"][number];

/** The method's own setting, then "<path>/*", then the stage default "*\/*". */
function effectiveSetting(stage: TStageRecord, path: string, method: string): { setting: MethodSetting; source: "method" | "stage" } | null {
  const find = (p: string, m: string) => stage.methodSettings.find((s) => s.resourcePath === p && s.httpMethod === m);
  const own = find(path, method) ?? find(path, "*");
  if (own) return { setting: own, source: "method" };
  const stageDefault = find("*", "*");
  return stageDefault ? { setting: stageDefault, source: "stage" } : null;
}

function restAuthorizer(api: TRestApiRecord, id: string | null): EndpointAuthorizer | null {
  if (!id) return null;
  const base = { id, name: null, type: null, functionArn: null, jwtIssuer: null, jwtAudience: [] };
  if (api.authorizers.status === "error") return { ...base, status: "error" };
  if (api.authorizers.status === "absent") return { ...base, status: "absent" };
  const a = api.authorizers.value.find((x) => x.id === id);
  if (!a) return { ...base, status: "absent" };
  return {
    id,
    status: "ok",
    name: a.name,
    type: a.type,
    functionArn: a.lambda?.unqualifiedFunctionArn ?? null,
    jwtIssuer: null,
    jwtAudience: [],
  };
}

function policyDescription(v: ApiPolicyVerdict): string {
  switch (v.access) {
    case "anyone":
      return "its resource policy allows anyone";
    case "restricted":
      return `its resource policy limits callers by ${uniq(v.restrictions.map((r) => r.key)).join(", ")}`;
    case "principals":
      return "its resource policy allows only named AWS principals";
    default:
      return "its resource policy allows no anonymous caller";
  }
}

function restAuth(api: TRestApiRecord, m: TMethodRecord, verdict: ApiPolicyVerdict | null): EndpointAuth {
  const type = m.authorizationType;
  const authorizer = restAuthorizer(api, m.authorizerId);
  const isPrivate = api.endpointTypes.includes("PRIVATE");
  const resourcePolicy: EndpointAuth["resourcePolicy"] =
    api.policy.status === "absent" ? "none" : api.policy.status === "error" || !verdict ? "unknown" : verdict.access;
  const base = { authorizationType: type, authorizer, apiKeyRequired: m.apiKeyRequired, resourcePolicy, inheritedFrom: null };
  const result = (level: AuthLevel, reason: string): EndpointAuth => ({
    ...base,
    level,
    authenticated: level === "unknown" ? null : level === "identity",
    reason,
  });

  if (type === "AWS_IAM") return result("identity", "Callers must sign requests with IAM credentials (AWS_IAM).");
  if (type === "CUSTOM" || type === "COGNITO_USER_POOLS") {
    const what = type === "CUSTOM" ? "a Lambda authorizer" : "a Cognito user pool authorizer";
    return result("identity", `Callers must pass ${what}${authorizer?.name ? ` (${authorizer.name})` : ""}.`);
  }
  if (type !== "NONE") return result("unknown", type ? `Unrecognized authorization type "${type}".` : "The method has no recorded authorization type.");

  const keyOr = (reason: string): EndpointAuth =>
    m.apiKeyRequired ? result("api_key", `Only an API key is required; ${reason}.`) : result("none", `No authorization and no API key; ${reason}.`);
  if (api.policy.status === "error") {
    return m.apiKeyRequired
      ? result("api_key", "Only an API key is required; the resource policy could not be read.")
      : result("unknown", `The method has no authorization, and the resource policy could not be read (${api.policy.code}).`);
  }
  if (api.policy.status === "absent") {
    if (isPrivate) return result("closed", "A private API without a resource policy refuses every call.");
    return keyOr("the API has no resource policy");
  }
  if (!verdict) return result("unknown", "The resource policy could not be evaluated.");
  if (verdict.access === "principals" || verdict.access === "nobody") {
    return result("closed", `The method has no authorization, but ${policyDescription(verdict)}, so unsigned calls are refused.`);
  }
  if (verdict.access === "restricted" && verdict.identityRestricted) {
    return result("closed", `The method has no authorization, but ${policyDescription(verdict)}, which an unsigned call cannot match.`);
  }
  return keyOr(policyDescription(verdict));
}

/** PRIVATE APIs: whether anonymous callers are pinned to VPCs (no policy: nobody is let in at all). */
function vpcPinnedOf(api: TRestApiRecord, verdict: ApiPolicyVerdict | null): boolean | null {
  if (api.policy.status === "error") return null;
  if (api.policy.status === "absent") return true;
  if (!verdict) return null;
  if (verdict.access === "anyone") return false;
  return verdict.access !== "restricted" || verdict.vpcPinned || verdict.identityRestricted;
}

function restEndpoints(
  api: TRestApiRecord,
  domains: TDomainNameRecord[],
  gaps: EndpointGap[],
): Endpoint[] {
  const gap = (what: string, f: { code: string; message: string }) =>
    gaps.push({ kind: "rest_api", arn: api.arn, region: api.region, what, code: f.code, message: f.message });
  if (api.resources.status !== "ok") {
    if (api.resources.status === "error") gap("resources", api.resources);
    return [];
  }
  if (api.stages.status === "error") gap("stages", api.stages);
  if (api.deployments.status === "error") gap("deployments", api.deployments);
  if (api.authorizers.status === "error") gap("authorizers", api.authorizers);
  if (api.policy.status === "error") gap("resource policy", api.policy);

  const stages = api.stages.status === "ok" ? api.stages.value : [];
  const deployments = api.deployments.status === "ok" ? api.deployments.value : [];
  const scope: ApiPolicyScope = { partition: partitionOfArn(api.arn), region: api.region, accountId: api.accountId, apiId: api.id };
  const defaultEndpointEnabled = api.disableExecuteApiEndpoint !== true;
  const isPrivate = api.endpointTypes.includes("PRIVATE");
  const mappings = domains.flatMap((d) =>
    d.basePathMappings.status === "ok"
      ? d.basePathMappings.value.filter((b) => b.restApiId === api.id).map((b) => ({ domain: d, mapping: b }))
      : [],
  );
  const iac = iacOrigin(api.tags);

  const out: Endpoint[] = [];
  for (const resource of api.resources.value) {
    for (const m of resource.methods) {
      const path = resource.path;
      const method = m.httpMethod;
      const resourceArn = `${api.arn}/resources/${resource.id}/methods/${method}`;

      // Resource policy: every stage, every verb an ANY method accepts, one concrete path.
      let verdict: ApiPolicyVerdict | null = null;
      if (api.policy.status === "ok") {
        const doc = api.policy.value.document;
        const verbs = method === "ANY" ? ANY_VERBS : [method];
        const stageNames = stages.length ? stages.map((s) => s.stageName) : ["stage"];
        verdict = widestVerdict(
          stageNames.flatMap((st) => verbs.map((v) => evaluateApiPolicy(doc, executeApiArn(scope, st, v, samplePath(path)), scope))),
        );
      }
      const auth = restAuth(api, m, verdict);

      const integrationFn = m.integration?.lambda;
      const endpointStages: EndpointStage[] = stages.map((stage) => {
        const deployment = deployments.find((d) => d.id === stage.deploymentId) ?? null;
        const summary = deployment?.apiSummary ?? null;
        const serves = summary ? summary.some((e) => e.path === path && e.httpMethod === method) : null;
        const eff = effectiveSetting(stage, path, method);
        const level = eff?.setting.loggingLevel ?? "OFF";
        const accessLogs = !!stage.accessLogSettings?.destinationArn;
        const rate = eff?.setting.throttlingRateLimit ?? null;
        const burst = eff?.setting.throttlingBurstLimit ?? null;
        let functionArns: string[] = [];
        if (integrationFn) {
          if (integrationFn.stageVariables.length === 0) {
            functionArns = integrationFn.unqualifiedFunctionArn ? [integrationFn.unqualifiedFunctionArn] : [];
          } else {
            const t = stage.lambdaTargets.find((x) => x.source === "integration" && x.resourcePath === path && x.httpMethod === method);
            if (t?.unqualifiedFunctionArn) functionArns = [t.unqualifiedFunctionArn];
            else {
              gaps.push({
                kind: "rest_api",
                arn: api.arn,
                region: api.region,
                what: `integration of ${method} ${path} in stage ${stage.stageName}`,
                code: "UnresolvedStageVariable",
                message: `The integration URI ${integrationFn.functionArn} names its function through stage variables this stage does not resolve to a function ARN.`,
              });
            }
          }
        }
        const urls: string[] = [];
        const suffix = path === "/" ? "/" : path;
        if (defaultEndpointEnabled) urls.push(`https://${api.id}.execute-api.${api.region}.${dnsSuffix(api.region)}/${stage.stageName}${suffix}`);
        for (const { domain, mapping } of mappings) {
          const base = mapping.basePath === "(none)" ? "" : `/${mapping.basePath}`;
          if (mapping.stage === stage.stageName) urls.push(`https://${domain.domainName}${base}${suffix}`);
          else if (mapping.stage === null) urls.push(`https://${domain.domainName}${base}/${stage.stageName}${suffix}`);
        }
        return {
          name: stage.stageName,
          arn: `${api.arn}/stages/${stage.stageName}`,
          deploymentId: stage.deploymentId,
          deployedAt: deployment?.createdDate ?? null,
          createdDate: stage.createdDate,
          lastUpdatedDate: stage.lastUpdatedDate,
          serves,
          executionLogLevel: level,
          accessLogs,
          logged: LOGGED_LEVELS.has(level) || accessLogs,
          throttle: eff && (rate !== null || burst !== null) ? { rateLimit: rate, burstLimit: burst, source: eff.source } : null,
          functionArns,
          urls,
        };
      });
      const serving = endpointStages.filter((s) => s.serves !== false);

      const containing = deployments.filter((d) => d.apiSummary?.some((e) => e.path === path && e.httpMethod === method));
      const isCorsPreflight = method === "OPTIONS" && m.integration?.type === "MOCK" && m.authorizationType === "NONE";
      const restrictions = verdict?.restrictions ?? [];
      // When AWS gave no deployment summary, a stage is assumed to serve the current definition.
      let reachable: boolean | null;
      if (api.stages.status !== "ok") reachable = null;
      else if (auth.level === "closed" || serving.length === 0) reachable = false;
      else if (!serving.some((s) => s.urls.length > 0)) reachable = false;
      else reachable = auth.level === "unknown" ? null : true;
      const literalFn = integrationFn && integrationFn.stageVariables.length === 0 ? integrationFn.unqualifiedFunctionArn : null;

      out.push({
        id: `${resourceArn}#${api.accountId}`,
        kind: "rest_method",
        resourceArn,
        accountId: api.accountId,
        region: api.region,
        api: { arn: api.arn, id: api.id, name: api.name, protocol: "REST" },
        function: null,
        method,
        path,
        routeKey: null,
        label: `${method} ${path}`,
        isCorsPreflight,
        integration: m.integration ? { type: m.integration.type, uri: m.integration.uri, connectionType: m.integration.connectionType } : null,
        functionArns: uniq([...(literalFn ? [literalFn] : []), ...endpointStages.flatMap((s) => s.functionArns)]),
        auth,
        network: {
          scope: isPrivate ? "vpc" : "internet",
          endpointTypes: api.endpointTypes,
          vpcPinned: isPrivate ? vpcPinnedOf(api, verdict) : null,
          networkRestricted: verdict?.access === "restricted" && verdict.networkRestricted,
          restrictions,
        },
        logged: api.stages.status !== "ok" || serving.length === 0 ? null : serving.every((s) => s.logged),
        stages: endpointStages,
        reachable,
        defaultEndpointEnabled,
        customDomains: mappings.map(({ domain, mapping }) => ({
          domainName: domain.domainName,
          basePath: mapping.basePath,
          stage: mapping.stage,
          mutualTls: !!domain.mutualTls?.truststoreUri,
          securityPolicy: domain.securityPolicy,
        })),
        urls: uniq(serving.flatMap((s) => s.urls)),
        iac,
        firstSeen: minDate(containing.length ? containing.map((d) => d.createdDate) : [api.createdDate]),
        lastDeployed: maxDate(endpointStages.map((s) => s.deployedAt ?? s.lastUpdatedDate)),
      });
    }
  }
  return out;
}

// ---- HTTP and WebSocket APIs --------------------------------------------------------------------------------

function v2Authorizer(api: THttpApiRecord, route: THttpRoute): EndpointAuthorizer | null {
  const found = authorizerOfRoute(api, route);
  if (!found || !route.authorizerId) return null;
  const base = { id: route.authorizerId, name: null, type: null, functionArn: null, jwtIssuer: null, jwtAudience: [] };
  if (found.status !== "ok") return { ...base, status: found.status };
  const a = found.value;
  return {
    id: a.authorizerId,
    status: "ok",
    name: a.name,
    type: a.authorizerType,
    functionArn: a.lambda?.functionArn ?? null,
    jwtIssuer: a.jwtIssuer,
    jwtAudience: a.jwtAudience,
  };
}

function v2RouteAuth(api: THttpApiRecord, route: THttpRoute): Omit<EndpointAuth, "inheritedFrom"> {
  const type = route.authorizationType;
  const authorizer = v2Authorizer(api, route);
  const base = { authorizationType: type, authorizer, apiKeyRequired: route.apiKeyRequired, resourcePolicy: "not_applicable" as const };
  const result = (level: AuthLevel, reason: string) => ({ ...base, level, authenticated: level === "unknown" ? null : level === "identity", reason });
  if (type === "AWS_IAM") return result("identity", "Callers must sign requests with IAM credentials (AWS_IAM).");
  if (type === "JWT") return result("identity", `Callers must present a JWT the authorizer${authorizer?.name ? ` ${authorizer.name}` : ""} validates.`);
  if (type === "CUSTOM") return result("identity", `Callers must pass a Lambda authorizer${authorizer?.name ? ` (${authorizer.name})` : ""}.`);
  if (type === "NONE") {
    return route.apiKeyRequired
      ? result("api_key", "Only an API key is required.")
      : result("none", "The route has no authorization and no API key.");
  }
  return result("unknown", type ? `Unrecognized authorization type "${type}".` : "The route has no recorded authorization type.");
}

function v2Settings(stage: THttpStage, routeKey: string) {
  const own = stage.routeSettings.find((r) => r.routeKey === routeKey);
  return { own, stageDefault: stage.defaultRouteSettings };
}

function v2Endpoints(api: THttpApiRecord, gaps: EndpointGap[]): Endpoint[] {
  const gap = (what: string, f: { code: string; message: string }) =>
    gaps.push({ kind: "http_api", arn: api.arn, region: api.region, what, code: f.code, message: f.message });
  if (api.routes.status === "error") {
    gap("routes", api.routes);
    return [];
  }
  if (api.integrations.status === "error") gap("integrations", api.integrations);
  if (api.stages.status === "error") gap("stages", api.stages);
  if (api.authorizers.status !== "ok") gap("authorizers", api.authorizers);
  if (api.apiMappings.status !== "ok") gap("API mappings", api.apiMappings);

  const isWebSocket = api.protocolType === "WEBSOCKET";
  const stages = api.stages.status === "ok" ? api.stages.value : [];
  const mappings = api.apiMappings.status === "error" ? [] : api.apiMappings.value;
  const defaultEndpointEnabled = api.disableExecuteApiEndpoint !== true;
  const iac = iacOrigin(api.tags);
  const connect = api.routes.value.find((r) => r.routeKey === "$connect") ?? null;

  return api.routes.value.map((route) => {
    const routeKey = route.routeKey;
    const [first, ...rest] = routeKey.split(" ");
    const method = isWebSocket ? routeKey : rest.length ? first : "ANY";
    const path = isWebSocket ? routeKey : rest.length ? rest.join(" ") : routeKey;
    const routeId = route.routeId ?? encodeURIComponent(routeKey);
    const resourceArn = `${api.arn}/routes/${routeId}`;

    let auth: EndpointAuth;
    if (isWebSocket && routeKey !== "$connect") {
      if (connect) {
        const c = v2RouteAuth(api, connect);
        auth = { ...c, inheritedFrom: "$connect", reason: `Authorized when the connection opens: ${c.reason}` };
      } else {
        auth = {
          level: "none",
          authenticated: false,
          authorizationType: route.authorizationType,
          authorizer: null,
          apiKeyRequired: route.apiKeyRequired,
          resourcePolicy: "not_applicable",
          inheritedFrom: "$connect",
          reason: "The API has no $connect route, so any client can open a connection.",
        };
      }
    } else {
      auth = { ...v2RouteAuth(api, route), inheritedFrom: null };
    }

    const integration =
      route.integrationId && api.integrations.status === "ok"
        ? api.integrations.value.find((i) => i.integrationId === route.integrationId) ?? null
        : null;
    const functionArns = integration?.lambda ? [integration.lambda.functionArn] : [];

    const endpointStages: EndpointStage[] = stages.map((stage) => {
      const { own, stageDefault } = v2Settings(stage, routeKey);
      const level = isWebSocket ? own?.loggingLevel ?? stageDefault?.loggingLevel ?? "OFF" : null;
      const accessLogs = !!stage.accessLogs?.destinationArn;
      const rate = own?.throttlingRateLimit ?? stageDefault?.throttlingRateLimit ?? null;
      const burst = own?.throttlingBurstLimit ?? stageDefault?.throttlingBurstLimit ?? null;
      const source: "method" | "stage" = own?.throttlingRateLimit != null || own?.throttlingBurstLimit != null ? "method" : "stage";
      const stagePath = stage.stageName === "$default" ? "" : `/${stage.stageName}`;
      const routePath = isWebSocket ? "" : path === "$default" ? "/" : path;
      const urls: string[] = [];
      if (defaultEndpointEnabled && api.apiEndpoint) urls.push(`${api.apiEndpoint}${stagePath}${routePath}`);
      for (const mp of mappings.filter((x) => x.stage === stage.stageName)) {
        const scheme = isWebSocket ? "wss" : "https";
        urls.push(`${scheme}://${mp.domainName}${mp.apiMappingKey ? `/${mp.apiMappingKey}` : ""}${routePath}`);
      }
      return {
        name: stage.stageName,
        arn: `${api.arn}/stages/${stage.stageName}`,
        deploymentId: stage.deploymentId,
        deployedAt: null,
        createdDate: stage.createdDate,
        lastUpdatedDate: stage.lastUpdatedDate,
        serves: null,
        executionLogLevel: level,
        accessLogs,
        logged: accessLogs || (level !== null && LOGGED_LEVELS.has(level)),
        throttle: rate !== null || burst !== null ? { rateLimit: rate, burstLimit: burst, source } : null,
        functionArns,
        urls,
      };
    });

    const reachable =
      api.stages.status !== "ok"
        ? null
        : stages.length === 0
          ? false
          : auth.level === "unknown"
            ? null
            : endpointStages.some((s) => s.urls.length > 0)
              ? true
              : api.apiMappings.status === "ok"
                ? false
                : null;

    return {
      id: `${resourceArn}#${api.accountId}`,
      kind: isWebSocket ? ("websocket_route" as const) : ("http_route" as const),
      resourceArn,
      accountId: api.accountId,
      region: api.region,
      api: { arn: api.arn, id: api.apiId, name: api.name, protocol: isWebSocket ? ("WEBSOCKET" as const) : api.protocolType === "HTTP" ? ("HTTP" as const) : null },
      function: null,
      method,
      path,
      routeKey,
      label: routeKey,
      isCorsPreflight: false,
      integration: integration
        ? { type: integration.integrationType, uri: integration.integrationUri, connectionType: integration.connectionType }
        : null,
      functionArns,
      auth,
      network: { scope: "internet" as const, endpointTypes: ["REGIONAL"], vpcPinned: null, networkRestricted: false, restrictions: [] },
      logged: api.stages.status !== "ok" || stages.length === 0 ? null : endpointStages.every((s) => s.logged),
      stages: endpointStages,
      reachable,
      defaultEndpointEnabled,
      customDomains: mappings.map((mp) => ({ domainName: mp.domainName, basePath: mp.apiMappingKey, stage: mp.stage, mutualTls: null, securityPolicy: null })),
      urls: uniq(endpointStages.flatMap((s) => s.urls)),
      iac,
      firstSeen: api.createdDate,
      lastDeployed: maxDate(stages.map((s) => s.lastUpdatedDate ?? s.createdDate)),
    };
  });
}

// ---- function URLs -------------------------------------------------------------------------------------------

function functionUrlEndpoints(fn: TLambdaFunctionRecord, gaps: EndpointGap[]): Endpoint[] {
  const gap = (what: string, f: { code: string; message: string }) =>
    gaps.push({ kind: "lambda_function", arn: fn.arn, region: fn.region, what, code: f.code, message: f.message });
  let urls: { url: string; authType: string; qualifier: string | null; cors: unknown }[];
  if (fn.urls?.status === "ok") urls = fn.urls.value;
  else if (fn.url?.status === "ok") {
    urls = [{ ...fn.url.value, qualifier: null }];
    if (fn.urls?.status === "error") gap("function URLs of aliases", fn.urls);
  } else {
    if (fn.urls?.status === "error") gap("function URLs", fn.urls);
    else if (fn.url?.status === "error") gap("function URL", fn.url);
    return [];
  }
  const tags = fn.tags?.status === "ok" ? fn.tags.value : null;
  const iac = iacOrigin(tags);

  return urls.map((u) => {
    const resourceArn = u.qualifier ? `${fn.arn}:${u.qualifier}` : fn.arn;
    const policy = u.qualifier ? fn.qualifierPolicies.find((q) => q.qualifier === u.qualifier)?.policy : fn.policy;
    let auth: EndpointAuth;
    let reachable: boolean | null = true;
    const base = { authorizationType: u.authType, authorizer: null, apiKeyRequired: null, resourcePolicy: "not_applicable" as const, inheritedFrom: null };
    if (u.authType === "AWS_IAM") {
      auth = { ...base, level: "identity", authenticated: true, reason: "Callers must sign requests with IAM credentials (AuthType AWS_IAM)." };
    } else if (u.authType === "NONE") {
      if (!policy || policy.status === "error") {
        reachable = null;
        auth = { ...base, level: "none", authenticated: false, reason: "AuthType NONE; the resource-based policy that admits callers could not be read." };
      } else {
        const grants =
          policy.status === "absent"
            ? []
            : analyzePublicAccess(policy.value.document, { accountId: fn.accountId }).filter((s) => s.invokeActions.includes("lambda:InvokeFunctionUrl"));
        if (grants.length > 0) {
          auth = { ...base, level: "none", authenticated: false, reason: "AuthType NONE and the resource-based policy lets anyone invoke the URL." };
        } else {
          reachable = false;
          auth = { ...base, level: "closed", authenticated: false, reason: "AuthType NONE, but no permission lets anyone invoke the URL, so calls are refused." };
        }
      }
    } else {
      reachable = null;
      auth = { ...base, level: "unknown", authenticated: null, reason: `Unrecognized function URL auth type "${u.authType}".` };
    }
    return {
      id: `${resourceArn}#url`,
      kind: "function_url" as const,
      resourceArn,
      accountId: fn.accountId,
      region: fn.region,
      api: null,
      function: { arn: fn.arn, name: fn.name, qualifier: u.qualifier },
      method: "ANY",
      path: "/",
      routeKey: null,
      label: `ANY ${u.url}`,
      isCorsPreflight: false,
      integration: null,
      functionArns: [fn.arn],
      auth,
      network: { scope: "internet" as const, endpointTypes: [], vpcPinned: null, networkRestricted: false, restrictions: [] },
      // A function URL has no access or execution log of its own: only what the function itself writes.
      logged: false,
      stages: [],
      reachable,
      defaultEndpointEnabled: null,
      customDomains: [],
      urls: [u.url],
      iac,
      firstSeen: null,
      lastDeployed: fn.lastModified,
    };
  });
}

// ---- the model ---------------------------------------------------------------------------------------------

const MEMO = new WeakMap<RuleInventory, EndpointModel>();

/** Every endpoint of the inventory's account, with what could not be read. Memoized per inventory object. */
export function buildEndpointModel(inventory: RuleInventory): EndpointModel {
  const cached = MEMO.get(inventory);
  if (cached) return cached;
  const gaps: EndpointGap[] = [];
  const domainsByRegion = new Map<string, TDomainNameRecord[]>();
  for (const d of inventory.apiDomainNames) {
    if (d.basePathMappings.status === "error") {
      gaps.push({ kind: "domain_name", arn: d.arn, region: d.region, what: "base path mappings", code: d.basePathMappings.code, message: d.basePathMappings.message });
    }
    domainsByRegion.set(d.region, [...(domainsByRegion.get(d.region) ?? []), d]);
  }
  const endpoints = [
    ...inventory.restApis.flatMap((api) => restEndpoints(api, domainsByRegion.get(api.region) ?? [], gaps)),
    ...inventory.httpApis.flatMap((api) => v2Endpoints(api, gaps)),
    ...inventory.lambdaFunctions.flatMap((fn) => functionUrlEndpoints(fn, gaps)),
  ];

  const byFunction = new Map<string, FunctionLink[]>();
  const link = (fnArn: string | null, l: FunctionLink) => {
    if (!fnArn) return;
    const list = byFunction.get(fnArn) ?? [];
    if (!list.some((x) => x.endpoint === l.endpoint && x.role === l.role)) list.push(l);
    byFunction.set(fnArn, list);
  };
  for (const e of endpoints) {
    for (const fnArn of e.functionArns) link(fnArn, { endpoint: e, role: "backend" });
    link(e.auth.authorizer?.functionArn ?? null, { endpoint: e, role: "authorizer" });
  }
  // REST authorizers whose URI uses stage variables: resolved per stage by the scanner.
  for (const api of inventory.restApis) {
    if (api.stages.status !== "ok") continue;
    for (const stage of api.stages.value) {
      for (const t of stage.lambdaTargets.filter((x) => x.source === "authorizer")) {
        for (const e of endpoints.filter((x) => x.api?.arn === api.arn && x.auth.authorizer?.id === t.authorizerId)) {
          link(t.unqualifiedFunctionArn, { endpoint: e, role: "authorizer" });
        }
      }
    }
  }

  const model = { endpoints, gaps, byFunction };
  MEMO.set(inventory, model);
  return model;
}

/** Every endpoint of the inventory (see buildEndpointModel). */
export function buildEndpoints(inventory: RuleInventory): Endpoint[] {
  return buildEndpointModel(inventory).endpoints;
}

/** The model through the rule context's shared analyses (one computation per evaluation). */
export function sharedEndpointModel(inventory: RuleInventory, ctx: { shared<T>(key: string, compute: () => T): T }): EndpointModel {
  return ctx.shared("endpoint-model", () => buildEndpointModel(inventory));
}

/** The endpoints of one API (REST or v2), by API ARN. */
export function endpointsOfApi(model: EndpointModel, apiArn: string): Endpoint[] {
  return model.endpoints.filter((e) => e.api?.arn === apiArn);
}

/** Gaps that may hide endpoints of this region (an API whose routes or resources could not be read, ...). */
export function gapsIn(model: EndpointModel, region: string): EndpointGap[] {
  return model.gaps.filter((g) => g.region === region);
}
