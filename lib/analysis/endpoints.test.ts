import { describe, expect, it } from "vitest";
import {
  ACCOUNT_ID,
  allowAnyoneInvoke,
  apiPolicyOf,
  basePathMapping,
  denyOutsideVpce,
  domainName,
  fetchError,
  functionArn,
  inventoryWith,
  lambdaIntegration,
  loggedRestStage,
  methodSetting,
  mockIntegration,
  ok,
  restApi,
  restApiArn,
  restApiWith,
  restAuthorizer,
  restDeployment,
  restMethod,
  restStage,
} from "@/lib/rules/__fixtures__/apigateway";
import {
  apiMapping,
  httpApi,
  httpRoute,
  jwtAuthorizer,
  jwtRoute,
  lambdaIntegrationV2,
  loggedHttpStage,
  websocketApi,
} from "@/lib/rules/__fixtures__/apigatewayv2";
import { functionUrl, lambdaFunction, policyOf } from "@/lib/rules/__fixtures__/lambda-function";
import { sharedMemo } from "@/lib/rules/context";
import { buildEndpointModel, buildEndpoints, iacOrigin, sharedEndpointModel, type Endpoint } from "./endpoints";

const byLabel = (endpoints: Endpoint[], label: string) => {
  const e = endpoints.find((x) => x.label === label);
  if (!e) throw new Error(`no endpoint ${label} in ${endpoints.map((x) => x.label).join(", ")}`);
  return e;
};

describe("REST methods", () => {
  const api = restApiWith(
    {
      "/orders": [restMethod("GET", { authorizationType: "CUSTOM", authorizerId: "auth000001" }), restMethod("OPTIONS", { integration: mockIntegration() })],
      "/orders/{orderId}": [restMethod("GET", { authorizationType: "AWS_IAM", integration: lambdaIntegration("order-lookup") })],
      "/health": [restMethod("GET", { integration: mockIntegration() })],
      "/checkout": [restMethod("POST", { apiKeyRequired: true, integration: lambdaIntegration("checkout") })],
    },
    { authorizers: ok([restAuthorizer()]) },
  );
  const endpoints = buildEndpoints(inventoryWith({ restApis: [api] }));

  it("lists every method with a stable id, its ARN and label", () => {
    expect(endpoints.map((e) => e.label).sort()).toEqual(["GET /health", "GET /orders", "GET /orders/{orderId}", "OPTIONS /orders", "POST /checkout"]);
    const e = byLabel(endpoints, "GET /orders");
    expect(e.resourceArn).toMatch(new RegExp(`^${restApiArn().replace(/[/]/g, "\\/")}/resources/\\w+/methods/GET$`));
    expect(e.id).toBe(`${e.resourceArn}#${ACCOUNT_ID}`);
    expect(buildEndpoints(inventoryWith({ restApis: [api] })).map((x) => x.id)).toEqual(endpoints.map((x) => x.id));
  });

  it("judges authorization per method, not per API", () => {
    expect(byLabel(endpoints, "GET /orders").auth).toMatchObject({ level: "identity", authenticated: true, authorizer: { status: "ok", name: "jwt-token" } });
    expect(byLabel(endpoints, "GET /orders/{orderId}").auth.level).toBe("identity");
    expect(byLabel(endpoints, "GET /health").auth).toMatchObject({ level: "none", authenticated: false, resourcePolicy: "none" });
    expect(byLabel(endpoints, "POST /checkout").auth).toMatchObject({ level: "api_key", authenticated: false });
  });

  it("marks OPTIONS + MOCK without authorization as a CORS preflight", () => {
    expect(byLabel(endpoints, "OPTIONS /orders").isCorsPreflight).toBe(true);
    expect(byLabel(endpoints, "GET /health").isCorsPreflight).toBe(false);
  });

  it("resolves backing functions, authorizer functions and the function index", () => {
    const model = buildEndpointModel(inventoryWith({ restApis: [api] }));
    expect(byLabel(model.endpoints, "GET /orders/{orderId}").functionArns).toEqual([functionArn("order-lookup")]);
    expect(byLabel(model.endpoints, "GET /health").functionArns).toEqual([]);
    const authorizerLinks = model.byFunction.get(functionArn("api-token-authorizer")) ?? [];
    expect(authorizerLinks.map((l) => [l.role, l.endpoint.label])).toEqual([["authorizer", "GET /orders"]]);
    expect((model.byFunction.get(functionArn("orders-api")) ?? []).map((l) => l.endpoint.label)).toEqual(["GET /orders"]);
  });

  it("gives URLs on the default endpoint per stage and marks it reachable", () => {
    const e = byLabel(endpoints, "GET /health");
    expect(e.urls).toEqual([`https://${api.id}.execute-api.us-east-1.amazonaws.com/prod/health`]);
    expect(e).toMatchObject({ reachable: true, defaultEndpointEnabled: true, network: { scope: "internet" } });
  });

  it("reads logging per stage with method overrides, and dates from deployments", () => {
    const logged = restApiWith(
      { "/a": [restMethod("GET")], "/b": [restMethod("GET")] },
      {
        stages: ok([
          restStage({
            stageName: "prod",
            methodSettings: [methodSetting("*/*", { loggingLevel: "ERROR" }), methodSetting("~1b/GET", { loggingLevel: "OFF" })],
          }),
          loggedRestStage({ stageName: "dev", deploymentId: "dep0000002" }),
        ]),
        deployments: ok([restDeployment(), restDeployment({ id: "dep0000002", createdDate: "2026-11-20T00:00:00.000Z" })]),
      },
    );
    const list = buildEndpoints(inventoryWith({ restApis: [logged] }));
    expect(byLabel(list, "GET /a").logged).toBe(true);
    const b = byLabel(list, "GET /b");
    expect(b.logged).toBe(false);
    expect(b.stages.map((s) => [s.name, s.executionLogLevel, s.logged])).toEqual([
      ["prod", "OFF", false],
      ["dev", "INFO", true],
    ]);
    expect(b.lastDeployed).toBe("2026-11-20T00:00:00.000Z");
    expect(b.firstSeen).toBe(logged.createdDate);
  });

  it("uses deployment summaries to tell whether a stage serves a method", () => {
    const summarised = restApiWith(
      { "/new": [restMethod("GET")] },
      { deployments: ok([restDeployment({ apiSummary: [{ path: "/old", httpMethod: "GET", authorizationType: "NONE", apiKeyRequired: false }] })]) },
    );
    const e = buildEndpoints(inventoryWith({ restApis: [summarised] }))[0];
    expect(e.stages[0].serves).toBe(false);
    expect(e.reachable).toBe(false);
  });

  it("resolves stage-variable integrations per stage and reports unresolved ones as gaps", () => {
    const viaVariable = {
      ...lambdaIntegration("x"),
      lambda: { functionArn: `${functionArn("orders")}-\${stageVariables.env}`, unqualifiedFunctionArn: null, stageVariables: ["env"] },
    };
    const api2 = restApiWith(
      { "/orders": [restMethod("GET", { integration: viaVariable })] },
      {
        stages: ok([
          restStage({
            stageName: "prod",
            lambdaTargets: [
              { source: "integration", resourcePath: "/orders", httpMethod: "GET", authorizerId: null, functionArn: functionArn("orders-prod"), unqualifiedFunctionArn: functionArn("orders-prod") },
            ],
          }),
          restStage({ stageName: "dev" }),
        ]),
      },
    );
    const model = buildEndpointModel(inventoryWith({ restApis: [api2] }));
    const e = model.endpoints[0];
    expect(e.stages.map((s) => s.functionArns)).toEqual([[functionArn("orders-prod")], []]);
    expect(e.functionArns).toEqual([functionArn("orders-prod")]);
    expect(model.gaps).toEqual([expect.objectContaining({ code: "UnresolvedStageVariable", what: "integration of GET /orders in stage dev" })]);
  });

  it("links custom domains and drops the default URL when the default endpoint is disabled", () => {
    const mapped = restApiWith({ "/orders": [restMethod("GET")] }, { disableExecuteApiEndpoint: true });
    const domains = [
      domainName({ basePathMappings: ok([basePathMapping("v1", "prod")]) }),
      domainName({ domainName: "legacy.example.com", basePathMappings: ok([basePathMapping("(none)", null)]) }),
    ];
    const e = buildEndpoints(inventoryWith({ restApis: [mapped], apiDomainNames: domains }))[0];
    expect(e.defaultEndpointEnabled).toBe(false);
    expect(e.urls).toEqual(["https://api.example.com/v1/orders", "https://legacy.example.com/prod/orders"]);
    expect(e.customDomains.map((d) => d.domainName)).toEqual(["api.example.com", "legacy.example.com"]);
    const unmapped = buildEndpoints(inventoryWith({ restApis: [mapped] }))[0];
    expect(unmapped).toMatchObject({ urls: [], reachable: false });
  });

  it("closes NONE methods on private APIs without a policy, and pins those behind a VPC endpoint guard", () => {
    const noPolicy = restApiWith({ "/jobs": [restMethod("POST")] }, { endpointTypes: ["PRIVATE"] });
    expect(buildEndpoints(inventoryWith({ restApis: [noPolicy] }))[0]).toMatchObject({
      auth: { level: "closed" },
      network: { scope: "vpc", vpcPinned: true },
      reachable: false,
    });
    const open = restApiWith({ "/jobs": [restMethod("POST")] }, { endpointTypes: ["PRIVATE"], policy: apiPolicyOf(allowAnyoneInvoke()) });
    expect(buildEndpoints(inventoryWith({ restApis: [open] }))[0]).toMatchObject({ auth: { level: "none", resourcePolicy: "anyone" }, network: { vpcPinned: false } });
    const pinned = restApiWith({ "/jobs": [restMethod("POST")] }, { endpointTypes: ["PRIVATE"], policy: apiPolicyOf(allowAnyoneInvoke(), denyOutsideVpce()) });
    expect(buildEndpoints(inventoryWith({ restApis: [pinned] }))[0]).toMatchObject({
      auth: { level: "none", resourcePolicy: "restricted" },
      network: { vpcPinned: true, networkRestricted: true },
    });
  });

  it("closes a NONE method whose policy allows only named principals; unknown when the policy is unreadable", () => {
    const named = apiPolicyOf({ Effect: "Allow", Principal: { AWS: ["arn:aws:iam::111122223333:root"] }, Action: ["execute-api:Invoke"], Resource: ["execute-api:/*"] });
    const e = buildEndpoints(inventoryWith({ restApis: [restApiWith({ "/x": [restMethod("GET")] }, { policy: named })] }))[0];
    expect(e.auth).toMatchObject({ level: "closed", resourcePolicy: "principals" });
    const unreadable = buildEndpointModel(inventoryWith({ restApis: [restApiWith({ "/x": [restMethod("GET")] }, { policy: fetchError() })] }));
    expect(unreadable.endpoints[0].auth).toMatchObject({ level: "unknown", authenticated: null });
    expect(unreadable.gaps).toEqual([expect.objectContaining({ what: "resource policy" })]);
  });

  it("reports an API whose resources could not be read as a gap, with no endpoints", () => {
    const model = buildEndpointModel(inventoryWith({ restApis: [restApi({ resources: fetchError() })] }));
    expect(model.endpoints).toEqual([]);
    expect(model.gaps).toEqual([expect.objectContaining({ kind: "rest_api", what: "resources", code: "AccessDeniedException" })]);
  });
});

describe("HTTP and WebSocket routes", () => {
  it("judges each route on its own: one open route in an API with a JWT authorizer stays open", () => {
    const api = httpApi({
      routes: ok([jwtRoute("GET /profile"), httpRoute("POST /signup"), httpRoute("$default")]),
      authorizers: ok([jwtAuthorizer()]),
      stages: ok([loggedHttpStage()]),
      apiMappings: ok([apiMapping("mobile.example.com", "$default", "v1")]),
    });
    const endpoints = buildEndpoints(inventoryWith({ httpApis: [api] }));
    expect(byLabel(endpoints, "GET /profile").auth).toMatchObject({ level: "identity", authorizer: { type: "JWT", jwtAudience: ["4ad1mobileclient8x2k"] } });
    expect(byLabel(endpoints, "POST /signup").auth.level).toBe("none");
    const fallback = byLabel(endpoints, "$default");
    expect(fallback).toMatchObject({ method: "ANY", path: "$default", kind: "http_route", logged: true });
    const signup = byLabel(endpoints, "POST /signup");
    expect(signup.urls).toEqual([`https://${api.apiId}.execute-api.us-east-1.amazonaws.com/signup`, "https://mobile.example.com/v1/signup"]);
    expect(signup.functionArns).toEqual([functionArn("orders-api")]);
    expect(signup.resourceArn).toBe(`${api.arn}/routes/${httpRoute("POST /signup").routeId}`);
  });

  it("lets WebSocket routes inherit $connect's authorization, and opens them when there is no $connect", () => {
    const guarded = websocketApi({
      routes: ok([httpRoute("$connect", { authorizationType: "AWS_IAM" }), httpRoute("sendMessage")]),
    });
    const list = buildEndpoints(inventoryWith({ httpApis: [guarded] }));
    expect(byLabel(list, "sendMessage").auth).toMatchObject({ level: "identity", inheritedFrom: "$connect" });
    expect(byLabel(list, "sendMessage").kind).toBe("websocket_route");
    const open = buildEndpoints(inventoryWith({ httpApis: [websocketApi({ routes: ok([httpRoute("sendMessage")]) })] }));
    expect(open[0].auth).toMatchObject({ level: "none", reason: expect.stringContaining("no $connect route") });
  });

  it("is unreachable with the default endpoint off and no mapping; a gap when routes fail", () => {
    const api = httpApi({ routes: ok([httpRoute("GET /x")]), disableExecuteApiEndpoint: true });
    expect(buildEndpoints(inventoryWith({ httpApis: [api] }))[0]).toMatchObject({ urls: [], reachable: false });
    const failed = buildEndpointModel(inventoryWith({ httpApis: [httpApi({ routes: fetchError() })] }));
    expect(failed.endpoints).toEqual([]);
    expect(failed.gaps).toEqual([expect.objectContaining({ kind: "http_api", what: "routes" })]);
  });

  it("reports an unknown level for a route without a recorded authorization type", () => {
    const api = httpApi({ routes: ok([httpRoute("GET /x", { authorizationType: null })]), integrations: ok([lambdaIntegrationV2()]) });
    expect(buildEndpoints(inventoryWith({ httpApis: [api] }))[0].auth).toMatchObject({ level: "unknown", authenticated: null });
  });
});

const urlList = (authType: string, qualifier: string | null = null) =>
  ok([{ url: "https://abc123.lambda-url.us-east-1.on.aws/", authType, invokeMode: "BUFFERED", cors: null, qualifier }]);

describe("function URLs", () => {
  const publicUrlGrant = {
    Sid: "FunctionURLAllowPublicAccess",
    Effect: "Allow" as const,
    Principal: "*" as const,
    Action: ["lambda:InvokeFunctionUrl"],
    Resource: [functionArn("orders-api")],
    Condition: { StringEquals: { "lambda:FunctionUrlAuthType": ["NONE"] } },
  };

  it("is an unauthenticated endpoint when AuthType NONE and the policy lets anyone invoke it", () => {
    const fn = lambdaFunction({ url: functionUrl("NONE"), urls: urlList("NONE"), policy: policyOf(publicUrlGrant) });
    const [e] = buildEndpoints(inventoryWith({ lambdaFunctions: [fn] }));
    expect(e).toMatchObject({ kind: "function_url", resourceArn: fn.arn, id: `${fn.arn}#url`, auth: { level: "none" }, reachable: true, logged: false, functionArns: [fn.arn] });
  });

  it("is closed when AuthType NONE but no permission is public, identity for AWS_IAM", () => {
    const closed = buildEndpoints(inventoryWith({ lambdaFunctions: [lambdaFunction({ urls: urlList("NONE") })] }))[0];
    expect(closed).toMatchObject({ auth: { level: "closed" }, reachable: false });
    const iam = buildEndpoints(inventoryWith({ lambdaFunctions: [lambdaFunction({ urls: urlList("AWS_IAM") })] }))[0];
    expect(iam.auth.level).toBe("identity");
  });

  it("reports unreadable URL configuration as a gap", () => {
    const model = buildEndpointModel(inventoryWith({ lambdaFunctions: [lambdaFunction({ url: fetchError(), urls: fetchError() })] }));
    expect(model.endpoints).toEqual([]);
    expect(model.gaps).toEqual([expect.objectContaining({ kind: "lambda_function", what: "function URLs" })]);
  });
});

describe("iacOrigin", () => {
  it("recognizes CloudFormation, SAM and configured marker tags", () => {
    expect(iacOrigin({ "aws:cloudformation:stack-name": "orders", "aws:cloudformation:logical-id": "Api" })).toMatchObject({
      managed: true,
      tool: "cloudformation",
      stackName: "orders",
    });
    expect(iacOrigin({ "httpapi:createdBy": "SAM" })).toMatchObject({ managed: true, tool: "sam" });
    expect(iacOrigin({ team: "platform" })).toMatchObject({ managed: false, tool: null });
    expect(iacOrigin({ ManagedBy: "Terraform" }, ["managedby=terraform"])).toMatchObject({ managed: true, tool: "custom", markers: ["ManagedBy=Terraform"] });
    expect(iacOrigin(null).managed).toBeNull();
  });
});

describe("sharing", () => {
  it("computes the model once per inventory and once per evaluation", () => {
    const inventory = inventoryWith({ restApis: [restApiWith({ "/x": [restMethod("GET")] })] });
    expect(buildEndpointModel(inventory)).toBe(buildEndpointModel(inventory));
    const ctx = { shared: sharedMemo() };
    expect(sharedEndpointModel(inventory, ctx)).toBe(sharedEndpointModel(inventory, ctx));
  });
});
