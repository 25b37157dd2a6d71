import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import {
  allowAnyoneInvoke,
  apiPolicyOf,
  fetchError,
  inventoryWith,
  lambdaIntegration,
  ok,
  restApi,
  restApiWith,
  restAuthorizer,
  restMethod,
} from "@/lib/rules/__fixtures__/apigateway";
import { httpApi, httpRoute, jwtAuthorizer, jwtRoute, lambdaIntegrationV2 } from "@/lib/rules/__fixtures__/apigatewayv2";
import { functionArn, lambdaFunction, policyOf } from "@/lib/rules/__fixtures__/lambda-function";
import type { RuleInventory } from "@/lib/rules/types";
import { rule } from "./lambda_function_not_internet_reachable_without_auth.rule";

const run = (inventory: RuleInventory, complete = true) => rule.evaluate(inventory, testContext(rule, { complete: () => complete }));
const only = (inventory: RuleInventory, complete = true) => {
  const results = run(inventory, complete);
  expect(results).toHaveLength(1);
  return results[0];
};
const urls = (authType: string) => ok([{ url: "https://abc123.lambda-url.us-east-1.on.aws/", authType, invokeMode: "BUFFERED", cors: null, qualifier: null }]);

describe("lambda_function_not_internet_reachable_without_auth", () => {
  it("passes a function nothing invokes over HTTP", () => {
    expect(only(inventoryWith({ lambdaFunctions: [lambdaFunction()] }))).toMatchObject({
      status: "PASS",
      message: "Lambda function orders-api is not invoked by any reachable internet-facing endpoint.",
    });
  });

  it("fails a function behind an open REST method (bad fixture)", () => {
    const r = only(inventoryWith({ restApis: [restApiWith({ "/webhooks/stripe": [restMethod("POST")] })], lambdaFunctions: [lambdaFunction()] }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe("Lambda function orders-api is reachable from the internet without authentication through orders-api POST /webhooks/stripe.");
  });

  it("fails a function behind one open route of an API whose other routes use JWT", () => {
    const api = httpApi({ routes: ok([jwtRoute("GET /profile"), httpRoute("POST /signup")]), authorizers: ok([jwtAuthorizer()]), integrations: ok([lambdaIntegrationV2()]) });
    expect(only(inventoryWith({ httpApis: [api], lambdaFunctions: [lambdaFunction()] })).status).toBe("FAIL");
  });

  it("fails a public function URL that the policy opens", () => {
    const grant = { Effect: "Allow" as const, Principal: "*" as const, Action: ["lambda:InvokeFunctionUrl"], Resource: [functionArn("orders-api")], Condition: { StringEquals: { "lambda:FunctionUrlAuthType": ["NONE"] } } };
    expect(only(inventoryWith({ lambdaFunctions: [lambdaFunction({ urls: urls("NONE"), policy: policyOf(grant) })] })).status).toBe("FAIL");
  });

  it("passes authenticated paths (good fixture) and does not fail authorizer functions", () => {
    const api = restApiWith(
      { "/orders": [restMethod("GET", { authorizationType: "CUSTOM", authorizerId: "auth000001" })] },
      { authorizers: ok([restAuthorizer()]) },
    );
    const results = run(inventoryWith({ restApis: [api], lambdaFunctions: [lambdaFunction(), lambdaFunction({ name: "api-token-authorizer" })] }));
    expect(results.map((r) => [r.resourceName, r.status])).toEqual([
      ["orders-api", "PASS"],
      ["api-token-authorizer", "PASS"],
    ]);
    expect(results[0].message).toBe("Lambda function orders-api is reachable from the internet only through endpoints that authenticate callers.");
  });

  it("passes look-alikes: an open method on a private API, an IP-limited API, a NONE URL nobody may call", () => {
    const privateApi = restApiWith({ "/jobs": [restMethod("POST")] }, { endpointTypes: ["PRIVATE"], policy: apiPolicyOf(allowAnyoneInvoke()) });
    expect(only(inventoryWith({ restApis: [privateApi], lambdaFunctions: [lambdaFunction()] })).status).toBe("PASS");
    const ipOnly = restApiWith({ "/x": [restMethod("GET")] }, { policy: apiPolicyOf(allowAnyoneInvoke({ IpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } })) });
    expect(only(inventoryWith({ restApis: [ipOnly], lambdaFunctions: [lambdaFunction()] })).status).toBe("PASS");
    expect(only(inventoryWith({ lambdaFunctions: [lambdaFunction({ urls: urls("NONE") })] })).status).toBe("PASS");
    const apiKey = restApiWith({ "/checkout": [restMethod("POST", { apiKeyRequired: true, integration: lambdaIntegration() })] });
    expect(only(inventoryWith({ restApis: [apiKey], lambdaFunctions: [lambdaFunction()] })).message).toBe(
      "Lambda function orders-api is reachable from the internet only through endpoints that require authentication or an API key.",
    );
  });

  it("is unknown when APIs of the region are incomplete or unreadable, or a load balancer may invoke it", () => {
    expect(only(inventoryWith({ lambdaFunctions: [lambdaFunction()] }), false).status).toBe("UNKNOWN");
    expect(only(inventoryWith({ restApis: [restApi({ resources: fetchError() })], lambdaFunctions: [lambdaFunction()] })).status).toBe("UNKNOWN");
    const alb = lambdaFunction({
      triggers: [
        {
          sourceType: "elasticloadbalancing",
          sourceArn: "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/0123456789abcdef",
          principal: "elasticloadbalancing.amazonaws.com",
          via: "resource_policy",
          qualifier: null,
          statementSid: "alb",
          esmUuid: null,
          enabled: true,
          crossAccount: false,
          conditions: { sourceAccounts: [], keys: [] },
          authType: null,
        },
      ],
    });
    expect(only(inventoryWith({ lambdaFunctions: [alb] })).message).toContain("a load balancer target group may invoke it");
  });

  it("still fails on an open path when another API of the region is unreadable", () => {
    const inventory = inventoryWith({
      restApis: [restApiWith({ "/x": [restMethod("GET")] }), restApi({ id: "zzzzzzzzzz", resources: fetchError() })],
      lambdaFunctions: [lambdaFunction()],
    });
    expect(only(inventory).status).toBe("FAIL");
  });
});

describe("lambda_function_not_internet_reachable_without_auth with the default endpoint off", () => {
  const hidden = restApiWith({ "/x": [restMethod("GET")] }, { disableExecuteApiEndpoint: true });

  it("passes an open method no URL serves when the custom domains are known", () => {
    expect(only(inventoryWith({ restApis: [hidden], lambdaFunctions: [lambdaFunction()] })).status).toBe("PASS");
  });

  it("is unknown when custom domains were not listed completely", () => {
    const results = rule.evaluate(
      inventoryWith({ restApis: [hidden], lambdaFunctions: [lambdaFunction()] }),
      testContext(rule, { complete: (kind) => kind !== "apigateway_domain_name" }),
    );
    expect(results[0].status).toBe("UNKNOWN");
  });
});
