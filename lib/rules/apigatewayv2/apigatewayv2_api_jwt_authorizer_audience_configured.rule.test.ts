import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { inventoryWith } from "@/lib/rules/__fixtures__/apigateway";
import { fetchError, httpApi, httpApiArn, jwtAuthorizer, lambdaAuthorizerV2, ok } from "@/lib/rules/__fixtures__/apigatewayv2";
import type { THttpApiRecord } from "@/scanners/apigatewayv2/record";
import { rule } from "./apigatewayv2_api_jwt_authorizer_audience_configured.rule";

const run = (api: THttpApiRecord, trustedIssuers?: string[]) =>
  rule.evaluate(inventoryWith({ httpApis: [api] }), trustedIssuers ? testContext(rule, { settings: { trustedIssuers } }) : testContext(rule));

describe("apigatewayv2_api_jwt_authorizer_audience_configured", () => {
  it("fails a JWT authorizer without audience (bad fixture), pointing at the authorizer", () => {
    const [r] = run(httpApi({ authorizers: ok([jwtAuthorizer({ jwtAudience: [] })]) }));
    expect(r).toMatchObject({
      status: "FAIL",
      resourceArn: `${httpApiArn()}/authorizers/jwtauth01`,
      message: "JWT authorizer cognito of HTTP API mobile-bff accepts tokens issued for any audience.",
    });
  });

  it("passes an audience (good fixture) and ignores Lambda authorizers", () => {
    const results = run(httpApi({ authorizers: ok([jwtAuthorizer(), lambdaAuthorizerV2()]) }));
    expect(results).toHaveLength(1);
    expect(results[0].status).toBe("PASS");
  });

  it("checks the issuer against trusted issuers when they are configured", () => {
    const api = httpApi({ authorizers: ok([jwtAuthorizer({ jwtIssuer: "https://evil.example.net" })]) });
    expect(run(api)[0].status).toBe("PASS");
    expect(run(api, ["https://cognito-idp.*.amazonaws.com/*"])[0].status).toBe("FAIL");
  });

  it("is unknown for authorizers that could not be read", () => {
    expect(run(httpApi({ authorizers: fetchError() }))[0].status).toBe("UNKNOWN");
    const partial = httpApi({
      authorizers: { status: "partial", code: "AccessDenied", message: "x", value: [jwtAuthorizer()], unread: [{ authorizerId: "other1", code: "AccessDenied", message: "x" }] },
    });
    expect(run(partial).map((r) => r.status)).toEqual(["PASS", "UNKNOWN"]);
  });
});
