import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { fetchError, httpIntegration, inventoryWith, ok, restApi, restApiWith, restMethod, restStage } from "@/lib/rules/__fixtures__/apigateway";
import type { TRestApiRecord, TStageRecord } from "@/scanners/apigateway/record";
import { rule } from "./apigateway_rest_api_stage_client_certificate_enabled.rule";

const httpApiOf = (stage: Partial<TStageRecord> = {}, overrides: Partial<TRestApiRecord> = {}) =>
  restApiWith({ "/{proxy+}": [restMethod("ANY", { integration: httpIntegration() })] }, { stages: ok([restStage(stage)]), ...overrides });
const one = (api: TRestApiRecord) => rule.evaluate(inventoryWith({ restApis: [api] }), testContext(rule))[0];
const cert = (expirationDate: string) => ({ status: "ok" as const, value: { id: "cert01", description: null, createdDate: null, expirationDate } });

describe("apigateway_rest_api_stage_client_certificate_enabled", () => {
  it("fails a stage proxying to an HTTP backend without a certificate (bad fixture)", () => {
    expect(one(httpApiOf())).toMatchObject({
      status: "FAIL",
      message: "The stage prod of REST API orders-api calls HTTP backends (ANY /{proxy+}) without a client certificate.",
    });
  });

  it("passes a stage with a valid certificate (good fixture) and fails an expired one", () => {
    expect(one(httpApiOf({ clientCertificateId: "cert01", clientCertificate: cert("2027-06-01T00:00:00Z") })).status).toBe("PASS");
    expect(one(httpApiOf({ clientCertificateId: "cert01", clientCertificate: cert("2026-01-01T00:00:00Z") })).message).toBe(
      "The stage prod of REST API orders-api presents client certificate cert01, which expired on 2026-01-01.",
    );
  });

  it("passes a stage whose methods only invoke Lambda (look-alike Security Hub flags)", () => {
    expect(one(restApiWith({ "/orders": [restMethod("GET")] }))).toMatchObject({
      status: "PASS",
      message: "The stage prod of REST API orders-api has no HTTP backend that a client certificate would authenticate to.",
    });
  });

  it("passes a configured certificate whose details could not be listed, and is unknown without resources", () => {
    expect(one(httpApiOf({ clientCertificateId: "cert01", clientCertificate: fetchError() })).status).toBe("PASS");
    expect(one(restApi({ resources: fetchError() })).status).toBe("UNKNOWN");
  });
});
