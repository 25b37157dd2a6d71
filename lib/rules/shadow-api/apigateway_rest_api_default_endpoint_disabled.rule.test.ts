import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { basePathMapping, domainName, fetchError, inventoryWith, ok, restApi } from "@/lib/rules/__fixtures__/apigateway";
import type { RuleInventory } from "@/lib/rules/types";
import { rule } from "./apigateway_rest_api_default_endpoint_disabled.rule";

const one = (inventory: RuleInventory, complete = true) => rule.evaluate(inventory, testContext(rule, { complete: () => complete }))[0];
const mapped = (overrides = {}) => domainName({ basePathMappings: ok([basePathMapping("v1")]), ...overrides });

describe("apigateway_rest_api_default_endpoint_disabled", () => {
  it("fails a mapped API whose default endpoint is on (bad fixture)", () => {
    expect(one(inventoryWith({ restApis: [restApi()], apiDomainNames: [mapped()] }))).toMatchObject({
      status: "FAIL",
      message: "REST API orders-api is served on custom domain api.example.com but still answers on its default execute-api endpoint.",
    });
  });

  it("says when the default endpoint skips the domain's mutual TLS", () => {
    const mtls = mapped({ mutualTls: { truststoreUri: "s3://trust/ca.pem", truststoreVersion: null, truststoreWarnings: [] } });
    expect(one(inventoryWith({ restApis: [restApi()], apiDomainNames: [mtls] })).message).toContain("which skips the domain's mutual TLS");
  });

  it("passes a disabled default endpoint (good fixture)", () => {
    expect(one(inventoryWith({ restApis: [restApi({ disableExecuteApiEndpoint: true })], apiDomainNames: [mapped()] })).status).toBe("PASS");
  });

  it("passes an API no domain maps: the default endpoint is its only address (look-alike)", () => {
    expect(one(inventoryWith({ restApis: [restApi()], apiDomainNames: [domainName()] }))).toMatchObject({
      status: "PASS",
      message: "REST API orders-api is served only on its default execute-api endpoint; no custom domain maps it.",
    });
  });

  it("is unknown when domains were not listed completely or their mappings failed", () => {
    expect(one(inventoryWith({ restApis: [restApi()] }), false).status).toBe("UNKNOWN");
    expect(one(inventoryWith({ restApis: [restApi()], apiDomainNames: [domainName({ basePathMappings: fetchError() })] })).status).toBe("UNKNOWN");
  });

  it("still fails on a mapping it found even when another domain failed", () => {
    const inventory = inventoryWith({ restApis: [restApi()], apiDomainNames: [mapped(), domainName({ domainName: "b.example.com", basePathMappings: fetchError() })] });
    expect(one(inventory, false).status).toBe("FAIL");
  });
});
