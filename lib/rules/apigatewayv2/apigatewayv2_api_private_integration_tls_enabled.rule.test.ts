import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { inventoryWith } from "@/lib/rules/__fixtures__/apigateway";
import { fetchError, httpApi, lambdaIntegrationV2, ok, privateIntegration } from "@/lib/rules/__fixtures__/apigatewayv2";
import type { THttpApiRecord } from "@/scanners/apigatewayv2/record";
import { rule } from "./apigatewayv2_api_private_integration_tls_enabled.rule";

const one = (api: THttpApiRecord) => rule.evaluate(inventoryWith({ httpApis: [api] }), testContext(rule))[0];

describe("apigatewayv2_api_private_integration_tls_enabled", () => {
  it("fails a VPC link integration without TLS (bad fixture) and passes one with it (good fixture)", () => {
    expect(one(httpApi({ integrations: ok([privateIntegration()]) }))).toMatchObject({
      status: "FAIL",
      message: "HTTP API mobile-bff sends traffic over a VPC link without TLS in integration int-private.",
    });
    expect(one(httpApi({ integrations: ok([privateIntegration({ tlsServerNameToVerify: "internal.example.com" })]) })).status).toBe("PASS");
  });

  it("passes an API with only Lambda integrations (look-alike: no private integration)", () => {
    expect(one(httpApi({ integrations: ok([lambdaIntegrationV2()]) })).message).toBe("HTTP API mobile-bff has no private integration.");
  });

  it("is unknown when integrations fail", () => {
    expect(one(httpApi({ integrations: fetchError() })).status).toBe("UNKNOWN");
  });
});
