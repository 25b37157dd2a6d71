import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { inventoryWith } from "@/lib/rules/__fixtures__/apigateway";
import { apiMapping, fetchError, httpApi, ok } from "@/lib/rules/__fixtures__/apigatewayv2";
import type { THttpApiRecord } from "@/scanners/apigatewayv2/record";
import { rule } from "./apigatewayv2_api_default_endpoint_disabled.rule";

const one = (api: THttpApiRecord) => rule.evaluate(inventoryWith({ httpApis: [api] }), testContext(rule))[0];

describe("apigatewayv2_api_default_endpoint_disabled", () => {
  it("fails a mapped API with the default endpoint on (bad fixture), passes it disabled (good fixture)", () => {
    expect(one(httpApi({ apiMappings: ok([apiMapping()]) }))).toMatchObject({
      status: "FAIL",
      message: "HTTP API mobile-bff is served on custom domain mobile.example.com but still answers on its default endpoint https://h1t2t3p4a5.execute-api.us-east-1.amazonaws.com.",
    });
    expect(one(httpApi({ apiMappings: ok([apiMapping()]), disableExecuteApiEndpoint: true })).status).toBe("PASS");
  });

  it("passes an unmapped API (look-alike) and is unknown when mappings were not all read", () => {
    expect(one(httpApi()).status).toBe("PASS");
    expect(one(httpApi({ apiMappings: fetchError() })).status).toBe("UNKNOWN");
    const partial = { status: "partial" as const, code: "AccessDenied", message: "x", value: [], unreadDomains: ["other.example.com"] };
    expect(one(httpApi({ apiMappings: partial })).status).toBe("UNKNOWN");
    expect(one(httpApi({ apiMappings: { ...partial, value: [apiMapping()] } })).status).toBe("FAIL");
  });
});
