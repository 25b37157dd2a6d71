import { afterEach, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import * as lambda from "@aws-sdk/client-lambda";
import * as apigw from "@aws-sdk/client-api-gateway";
import * as apigwv2 from "@aws-sdk/client-apigatewayv2";
import * as iam from "@aws-sdk/client-iam";
import { identify, startQuotaShim, throttleResponse, type QuotaShim } from "@/bench/quota-shim";
import { resolveQuotas } from "@/lib/aws/quotas";
import { instrument, isThrottle } from "@/lib/aws/clients";

const CREDS = { accessKeyId: "test", secretAccessKey: "test" };

/** The request an SDK client builds for a command, as the shim would receive it (no network). */
async function capture(client: { config: { requestHandler: unknown }; send: (c: never) => Promise<unknown> }, command: unknown) {
  let seen: { method: string; url: string; headers: Record<string, string>; body: Buffer } | undefined;
  client.config.requestHandler = {
    handle: async (req: { method: string; path: string; query?: Record<string, string | string[]>; headers: Record<string, string>; body?: unknown }) => {
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(req.query ?? {})) for (const x of [v].flat()) qs.append(k, x);
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v]));
      seen = { method: req.method, url: `${req.path}${qs.size ? `?${qs}` : ""}`, headers, body: Buffer.from(typeof req.body === "string" ? req.body : "") };
      throw new Error("captured");
    },
  };
  await client.send(command as never).catch(() => undefined);
  if (!seen) throw new Error("no request captured");
  return seen;
}

function clientOpts(endpoint = "http://127.0.0.1:9") {
  return { region: "eu-west-1", credentials: CREDS, endpoint, maxAttempts: 1 };
}

describe("identify", () => {
  it("names Lambda calls from method and path, with the Region and account of the request", async () => {
    const client = instrument(new lambda.LambdaClient(clientOpts()), { calls: 0, throttles: 0 }, "210987654321");
    const cases: [unknown, string][] = [
      [new lambda.ListFunctionsCommand({ MaxItems: 50 }), "ListFunctions"],
      [new lambda.GetPolicyCommand({ FunctionName: "arn:aws:lambda:eu-west-1:210987654321:function:f" }), "GetPolicy"],
      [new lambda.GetFunctionCommand({ FunctionName: "f" }), "GetFunction"],
      [new lambda.GetFunctionConfigurationCommand({ FunctionName: "f" }), "GetFunctionConfiguration"],
      [new lambda.GetFunctionUrlConfigCommand({ FunctionName: "f" }), "GetFunctionUrlConfig"],
      [new lambda.ListFunctionUrlConfigsCommand({ FunctionName: "f" }), "ListFunctionUrlConfigs"],
      [new lambda.ListEventSourceMappingsCommand({}), "ListEventSourceMappings"],
      [new lambda.ListTagsCommand({ Resource: "arn:aws:lambda:eu-west-1:210987654321:function:f" }), "ListTags"],
      [new lambda.InvokeCommand({ FunctionName: "f" }), "Invoke"],
      [new lambda.ListLayerVersionsCommand({ LayerName: "l" }), "ListLayerVersions"],
    ];
    for (const [command, operation] of cases) {
      const req = await capture(client, command);
      expect(identify(req, req.body), operation).toMatchObject({ service: "lambda", operation, region: "eu-west-1", accountId: "210987654321" });
    }
    const list = await capture(client, new lambda.ListFunctionsCommand({ MaxItems: 50 }));
    expect(identify(list, list.body).pageSize).toBe(50);
  });

  it("names API Gateway v1 and v2 calls, which share a signing name", async () => {
    const v1 = new apigw.APIGatewayClient(clientOpts());
    const v2 = new apigwv2.ApiGatewayV2Client(clientOpts());
    const cases: [typeof v1 | typeof v2, unknown, string, string][] = [
      [v1, new apigw.GetRestApisCommand({}), "apigateway", "GetRestApis"],
      [v1, new apigw.GetResourcesCommand({ restApiId: "r", embed: ["methods"], limit: 500 }), "apigateway", "GetResources"],
      [v1, new apigw.GetResourceCommand({ restApiId: "r", resourceId: "x" }), "apigateway", "GetResource"],
      [v1, new apigw.GetStagesCommand({ restApiId: "r" }), "apigateway", "GetStages"],
      [v1, new apigw.GetAuthorizersCommand({ restApiId: "r" }), "apigateway", "GetAuthorizers"],
      [v1, new apigw.GetMethodCommand({ restApiId: "r", resourceId: "x", httpMethod: "GET" }), "apigateway", "GetMethod"],
      [v2, new apigwv2.GetApisCommand({}), "apigatewayv2", "GetApis"],
      [v2, new apigwv2.GetRoutesCommand({ ApiId: "a" }), "apigatewayv2", "GetRoutes"],
      [v2, new apigwv2.GetStagesCommand({ ApiId: "a" }), "apigatewayv2", "GetStages"],
      [v2, new apigwv2.GetAuthorizerCommand({ ApiId: "a", AuthorizerId: "b" }), "apigatewayv2", "GetAuthorizer"],
    ];
    for (const [client, command, service, operation] of cases) {
      const req = await capture(client as never, command);
      expect(identify(req, req.body), operation).toMatchObject({ service, operation, region: "eu-west-1", accountId: "123456789012" });
    }
    const resources = await capture(v1 as never, new apigw.GetResourcesCommand({ restApiId: "r", limit: 500 }));
    expect(identify(resources, resources.body).pageSize).toBe(500);
  });

  it("names IAM calls from the Action in the form body, with MaxItems as the page size", async () => {
    const client = new iam.IAMClient(clientOpts());
    const gaad = await capture(client, new iam.GetAccountAuthorizationDetailsCommand({ MaxItems: 1000 }));
    expect(identify(gaad, gaad.body)).toMatchObject({ service: "iam", operation: "GetAccountAuthorizationDetails", pageSize: 1000 });
    const role = await capture(client, new iam.GetRoleCommand({ RoleName: "r" }));
    expect(identify(role, role.body)).toMatchObject({ service: "iam", operation: "GetRole" });
  });

  it("names a JSON-protocol call from X-Amz-Target and an unknown REST call by its path template", () => {
    const auth = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/organizations/aws4_request, SignedHeaders=host, Signature=x";
    const orgs = identify({ method: "POST", url: "/", headers: { authorization: auth, "x-amz-target": "AWSOrganizationsV20161128.ListAccounts" } }, Buffer.from('{"MaxResults":20}'));
    expect(orgs).toMatchObject({ service: "organizations", operation: "ListAccounts", pageSize: 20 });
    const lambdaAuth = auth.replace("organizations", "lambda");
    const other = identify({ method: "GET", url: "/2099-01-01/functions/my-fn/new-thing", headers: { authorization: lambdaAuth } }, Buffer.alloc(0));
    expect(other.operation).toBe("GET /functions/{}/{}");
  });
});

describe("throttleResponse", () => {
  it("answers Lambda with 429 TooManyRequestsException in JSON", () => {
    const r = throttleResponse({ service: "lambda" }, "req-1");
    expect(r.status).toBe(429);
    expect(r.headers["x-amzn-errortype"]).toBe("TooManyRequestsException");
    expect(JSON.parse(r.body)).toEqual({ Type: "User", message: "Rate exceeded", __type: "TooManyRequestsException" });
  });

  it("answers API Gateway v1 and v2 with 429 TooManyRequestsException", () => {
    for (const service of ["apigateway", "apigatewayv2"]) {
      const r = throttleResponse({ service });
      expect(r.status).toBe(429);
      expect(r.headers["x-amzn-errortype"]).toBe("TooManyRequestsException");
    }
  });

  it("answers IAM with 400 and a Sender Throttling error document", () => {
    const r = throttleResponse({ service: "iam" }, "req-2");
    expect(r.status).toBe(400);
    expect(r.headers["content-type"]).toBe("text/xml");
    expect(r.body).toContain("<Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>");
    expect(r.body).toContain("<RequestId>req-2</RequestId>");
  });
});

describe("the shim between a real SDK client and an emulator", () => {
  let upstream: Server | undefined;
  let shim: QuotaShim | undefined;
  let upstreamHits = 0;

  afterEach(async () => {
    await shim?.stop();
    await new Promise<void>((r) => (upstream ? upstream.close(() => r()) : r()));
    shim = undefined;
    upstream = undefined;
    upstreamHits = 0;
  });

  /** A stand-in emulator that answers each list call with an empty list in its protocol. */
  async function start(quotas = resolveQuotas({
    "lambda:control": { rate: 0.001, burst: 1 },
    "lambda:GetPolicy": { rate: 0.001, burst: 1 },
    "apigateway:GetResources": { rate: 0.001, burst: 1 },
    "apigateway:total": { rate: 0.001, burst: 3 },
    "iam:read": { rate: 0.001, burst: 1 },
  })) {
    upstream = createServer((req, res) => {
      upstreamHits++;
      req.resume();
      req.on("end", () => {
        const url = req.url ?? "/";
        if (url.startsWith("/2015-03-31/functions")) res.writeHead(200, { "content-type": "application/json" }).end('{"Functions":[]}');
        else if (url.startsWith("/restapis/") ) res.writeHead(200, { "content-type": "application/json" }).end('{"item":[]}');
        else if (url.startsWith("/restapis") || url.startsWith("/v2/apis")) res.writeHead(200, { "content-type": "application/json" }).end('{"item":[],"items":[]}');
        else
          res
            .writeHead(200, { "content-type": "text/xml" })
            .end("<ListRolesResponse><ListRolesResult><Roles></Roles><IsTruncated>false</IsTruncated></ListRolesResult></ListRolesResponse>");
      });
    });
    await new Promise<void>((r) => upstream!.listen(0, "127.0.0.1", () => r()));
    const addr = upstream.address();
    const port = typeof addr === "object" && addr ? addr.port : 0;
    shim = await startQuotaShim({ upstream: `http://127.0.0.1:${port}`, quotas });
    return shim;
  }

  it("Lambda: the SDK reads the throttle as TooManyRequestsException and retries it as a throttle", async () => {
    const s = await start();
    const metrics = { calls: 0, throttles: 0 };
    const client = instrument(new lambda.LambdaClient({ ...clientOpts(s.endpoint), maxAttempts: 2 }), metrics, "111111111111");
    await expect(client.send(new lambda.ListFunctionsCommand({}))).resolves.toMatchObject({ Functions: [] });
    const err = await client.send(new lambda.ListFunctionsCommand({})).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(lambda.TooManyRequestsException);
    expect(isThrottle(err)).toBe(true);
    expect((err as lambda.TooManyRequestsException).$metadata.attempts).toBe(2);
    expect(metrics).toEqual({ calls: 3, throttles: 2 });
    expect(upstreamHits).toBe(1);
    const stats = s.stats();
    expect(stats.buckets).toEqual([expect.objectContaining({ accountId: "111111111111", region: "eu-west-1", bucket: "lambda:control", calls: 3, throttled: 2 })]);
    expect(stats.operations).toEqual([expect.objectContaining({ service: "lambda", operation: "ListFunctions", calls: 3, throttled: 2 })]);
  });

  it("keeps separate buckets per account and per API bucket", async () => {
    const s = await start();
    const a = instrument(new lambda.LambdaClient(clientOpts(s.endpoint)), { calls: 0, throttles: 0 }, "111111111111");
    const b = instrument(new lambda.LambdaClient(clientOpts(s.endpoint)), { calls: 0, throttles: 0 }, "222222222222");
    await a.send(new lambda.ListFunctionsCommand({}));
    await expect(b.send(new lambda.ListFunctionsCommand({}))).resolves.toBeDefined();
    // GetPolicy has its own bucket: the control bucket being empty does not throttle it.
    const policy = await a.send(new lambda.GetPolicyCommand({ FunctionName: "f" })).catch((e: unknown) => e);
    expect(isThrottle(policy)).toBe(false);
    expect(s.stats().throttled).toBe(0);
  });

  it("API Gateway: the SDK reads the throttle as TooManyRequestsException; GetResources also spends the total", async () => {
    const s = await start();
    const client = new apigw.APIGatewayClient(clientOpts(s.endpoint));
    await client.send(new apigw.GetResourcesCommand({ restApiId: "r" }));
    const err = await client.send(new apigw.GetResourcesCommand({ restApiId: "r" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(apigw.TooManyRequestsException);
    expect(isThrottle(err)).toBe(true);
    // The total (burst 3) lost one token to the admitted GetResources, none to the throttled one.
    await client.send(new apigw.GetRestApisCommand({}));
    const v2 = new apigwv2.ApiGatewayV2Client(clientOpts(s.endpoint));
    await v2.send(new apigwv2.GetApisCommand({}));
    const over = await v2.send(new apigwv2.GetApisCommand({})).catch((e: unknown) => e);
    expect(over).toBeInstanceOf(apigwv2.TooManyRequestsException);
  });

  it("IAM: the SDK reads the 400 Throttling document as a throttle and retries it", async () => {
    const s = await start();
    const client = new iam.IAMClient({ ...clientOpts(s.endpoint), maxAttempts: 2 });
    await expect(client.send(new iam.ListRolesCommand({}))).resolves.toMatchObject({ Roles: [] });
    const err = await client.send(new iam.ListRolesCommand({})).catch((e: unknown) => e);
    expect((err as Error).name).toBe("Throttling");
    expect((err as Error).message).toBe("Rate exceeded");
    expect(isThrottle(err)).toBe(true);
    expect((err as iam.IAMServiceException).$metadata.attempts).toBe(2);
    // IAM is global: its bucket is keyed "global" whatever Region the client signs for.
    expect(s.stats().buckets).toEqual([expect.objectContaining({ region: "global", bucket: "iam:read", calls: 3, throttled: 2 })]);
  });
});
