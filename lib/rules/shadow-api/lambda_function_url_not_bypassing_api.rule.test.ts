import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { fetchError, inventoryWith, ok, restApi, restApiWith, restMethod } from "@/lib/rules/__fixtures__/apigateway";
import { httpApi, jwtAuthorizer, jwtRoute } from "@/lib/rules/__fixtures__/apigatewayv2";
import { lambdaFunction } from "@/lib/rules/__fixtures__/lambda-function";
import type { RuleInventory } from "@/lib/rules/types";
import { rule } from "./lambda_function_url_not_bypassing_api.rule";

const urls = (authType: string) => ok([{ url: "https://abc123.lambda-url.us-east-1.on.aws/", authType, invokeMode: "BUFFERED", cors: null, qualifier: null }]);
const one = (inventory: RuleInventory, complete = true) => rule.evaluate(inventory, testContext(rule, { complete: () => complete }))[0];
const behindJwt = httpApi({ routes: ok([jwtRoute("POST /checkout-sessions")]), authorizers: ok([jwtAuthorizer()]) });

describe("lambda_function_url_not_bypassing_api", () => {
  it("fails a function behind a JWT-protected route that also has an AuthType NONE URL (bad fixture)", () => {
    const r = one(inventoryWith({ httpApis: [behindJwt], lambdaFunctions: [lambdaFunction({ urls: urls("NONE") })] }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe(
      "Lambda function orders-api is behind mobile-bff POST /checkout-sessions but also has a function URL that accepts unauthenticated requests, bypassing the gateway (no permission admits the public yet, so calls are refused for now).",
    );
  });

  it("passes an IAM URL (good fixture), a function without URL, and a URL on a function no API invokes (look-alikes)", () => {
    expect(one(inventoryWith({ httpApis: [behindJwt], lambdaFunctions: [lambdaFunction({ urls: urls("AWS_IAM") })] })).status).toBe("PASS");
    expect(one(inventoryWith({ httpApis: [behindJwt], lambdaFunctions: [lambdaFunction()] })).message).toBe("Lambda function orders-api has no function URL.");
    expect(one(inventoryWith({ lambdaFunctions: [lambdaFunction({ urls: urls("NONE") })] })).message).toBe(
      "Lambda function orders-api has a function URL but is not behind API Gateway.",
    );
  });

  it("is unknown when URLs or the region's APIs could not be read", () => {
    expect(one(inventoryWith({ lambdaFunctions: [lambdaFunction({ url: fetchError(), urls: fetchError() })] })).status).toBe("UNKNOWN");
    expect(one(inventoryWith({ lambdaFunctions: [lambdaFunction({ urls: urls("NONE") })] }), false).status).toBe("UNKNOWN");
    expect(one(inventoryWith({ restApis: [restApi({ resources: fetchError() })], lambdaFunctions: [lambdaFunction({ urls: urls("NONE") })] })).status).toBe("UNKNOWN");
  });

  it("still fails on the API it found even if another API of the region failed", () => {
    const inventory = inventoryWith({
      restApis: [restApiWith({ "/x": [restMethod("GET")] }), restApi({ id: "zzzzzzzzzz", resources: fetchError() })],
      lambdaFunctions: [lambdaFunction({ urls: urls("NONE") })],
    });
    expect(one(inventory).status).toBe("FAIL");
  });
});
