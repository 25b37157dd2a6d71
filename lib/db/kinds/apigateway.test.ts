import { describe, expect, it } from "vitest";
import { makeFingerprint } from "@/lib/aws/redact";
import { apiKeyKind, domainNameKind, restApiKind, usagePlanKind } from "@/lib/db/kinds/apigateway";
import { Prisma } from "@/lib/generated/prisma/client";
import { normalizeApiGateway } from "@/scanners/apigateway/normalize";
import { ACCOUNT_ID, API_ARNS, REGION, fixtureRaw } from "@/scanners/apigateway/__fixtures__/fixtures";

const out = normalizeApiGateway(fixtureRaw(), { accountId: ACCOUNT_ID, region: REGION, fingerprint: makeFingerprint("apigw-kinds-test-secret-00") });
const record = <T extends { arn: string; record: unknown }>(resources: T[], arn: string): T["record"] => {
  const r = resources.find((x) => x.arn === arn);
  if (!r) throw new Error(`no resource ${arn}`);
  return r.record;
};
const COMMON = ["arn", "accountId", "region", "name", "config", "raw", "configHash", "firstSeenAt", "lastSeenAt", "deletedAt", "lastScanId"];

describe("API Gateway (REST) resource kinds", () => {
  it("are the four API Gateway tables, each with the resource type its scanner output is keyed by", () => {
    expect([restApiKind, domainNameKind, usagePlanKind, apiKeyKind].map((k) => [k.resourceType, k.model])).toEqual([
      ["apigateway_rest_api", "apiGatewayRestApi"],
      ["apigateway_domain_name", "apiGatewayDomainName"],
      ["apigateway_usage_plan", "apiGatewayUsagePlan"],
      ["apigateway_api_key", "apiGatewayApiKey"],
    ]);
    expect(Object.keys(out).sort()).toEqual([restApiKind, domainNameKind, usagePlanKind, apiKeyKind].map((k) => k.resourceType).sort());
  });

  it("fill exactly their table's typed columns", () => {
    const cases = [
      [restApiKind.columns(out.apigateway_rest_api.resources[0].record), Prisma.ApiGatewayRestApiScalarFieldEnum],
      [domainNameKind.columns(out.apigateway_domain_name.resources[0].record), Prisma.ApiGatewayDomainNameScalarFieldEnum],
      [usagePlanKind.columns(out.apigateway_usage_plan.resources[0].record), Prisma.ApiGatewayUsagePlanScalarFieldEnum],
      [apiKeyKind.columns(out.apigateway_api_key.resources[0].record), Prisma.ApiGatewayApiKeyScalarFieldEnum],
    ] as const;
    for (const [columns, fields] of cases) {
      expect(Object.keys(columns).sort()).toEqual(Object.keys(fields).filter((f) => !COMMON.includes(f)).sort());
    }
  });

  it("fill ApiGatewayRestApi's columns: first endpoint type, default endpoint switch, method and stage counts", () => {
    const orders = record(out.apigateway_rest_api.resources, API_ARNS.orders);
    expect(restApiKind.name(orders)).toBe("orders-api");
    expect(restApiKind.columns(orders)).toEqual({ endpointType: "REGIONAL", disableExecuteApiEndpoint: false, methodCount: 4, stageCount: 2 });
    expect(restApiKind.columns(record(out.apigateway_rest_api.resources, API_ARNS.legacy))).toEqual({
      endpointType: "EDGE",
      disableExecuteApiEndpoint: null,
      methodCount: 1,
      stageCount: 1,
    });
    const failed = { status: "error" as const, code: "AccessDeniedException", message: "denied" };
    expect(restApiKind.columns({ ...orders, resources: failed, stages: failed, endpointTypes: [] })).toEqual({
      endpointType: null,
      disableExecuteApiEndpoint: false,
      // unknown, not zero: the listing failed
      methodCount: null,
      stageCount: null,
    });
  });

  it("fill the domain name, usage plan and API key columns", () => {
    const [api, legacy] = out.apigateway_domain_name.resources.map((r) => r.record);
    expect(domainNameKind.name(api)).toBe("api.example.com");
    expect(domainNameKind.columns(api)).toEqual({ endpointType: "REGIONAL", securityPolicy: "TLS_1_2", mutualTls: true });
    expect(domainNameKind.columns(legacy)).toEqual({ endpointType: "EDGE", securityPolicy: "TLS_1_0", mutualTls: false });
    const [gold] = out.apigateway_usage_plan.resources.map((r) => r.record);
    expect(usagePlanKind.name(gold)).toBe("gold");
    expect(usagePlanKind.columns(gold)).toEqual({});
    const [partner, old] = out.apigateway_api_key.resources.map((r) => r.record);
    expect(apiKeyKind.name(partner)).toBe("partner-a");
    expect([apiKeyKind.columns(partner), apiKeyKind.columns(old)]).toEqual([{ enabled: true }, { enabled: false }]);
  });

  it("parse the records they store back with their schema", () => {
    for (const [kind, result] of [
      [restApiKind, out.apigateway_rest_api],
      [domainNameKind, out.apigateway_domain_name],
      [usagePlanKind, out.apigateway_usage_plan],
      [apiKeyKind, out.apigateway_api_key],
    ] as const) {
      for (const r of result.resources) expect(kind.schema.parse(JSON.parse(JSON.stringify(r.record)))).toEqual(r.record);
    }
  });
});
