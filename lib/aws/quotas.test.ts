import { describe, expect, it } from "vitest";
import { BUCKET_NAMES, DEFAULT_QUOTAS, ZQuotaShare, ZQuotasJson, bucketsFor, quotaRegion, resolveQuotas } from "@/lib/aws/quotas";
import { ZEnv } from "@/lib/env";
import {
  accountDiscoveryClients,
  apiGatewayClients,
  apiGatewayV2Clients,
  iamClients,
  lambdaClients,
  neighboursClients,
} from "@/lib/aws/clients";

describe("bucketsFor", () => {
  it("gives GetPolicy and GetFunction their own Lambda buckets and every other control-plane call the shared one", () => {
    expect(bucketsFor("lambda", "GetPolicy")).toEqual(["lambda:GetPolicy"]);
    expect(bucketsFor("lambda", "GetFunction")).toEqual(["lambda:GetFunction"]);
    for (const op of ["ListFunctions", "GetFunctionUrlConfig", "ListEventSourceMappings", "ListTags", "GetFunctionConfiguration"]) {
      expect(bucketsFor("lambda", op)).toEqual(["lambda:control"]);
    }
    expect(bucketsFor("lambda", "Invoke")).toEqual([]);
  });

  it("charges GetResources to its own bucket and the account total, every other API Gateway call (v1 and v2) to the total", () => {
    expect(bucketsFor("apigateway", "GetResources")).toEqual(["apigateway:GetResources", "apigateway:total"]);
    expect(bucketsFor("apigateway", "GetStages")).toEqual(["apigateway:total"]);
    expect(bucketsFor("apigatewayv2", "GetRoutes")).toEqual(["apigateway:total"]);
  });

  it("charges every IAM call to iam:read, and knows no bucket for a service it does not meter", () => {
    expect(bucketsFor("iam", "GetAccountAuthorizationDetails")).toEqual(["iam:read"]);
    expect(bucketsFor("iam", "GetRole")).toEqual(["iam:read"]);
    expect(bucketsFor("sts", "AssumeRole")).toEqual(["sts:total"]);
    expect(bucketsFor("route53", "ListHostedZones")).toEqual([]);
  });

  it("gives each neighbour service one bucket for its reads; CloudWatch Logs meters DescribeLogGroups alone", () => {
    expect(bucketsFor("s3", "GetBucketPolicy")).toEqual(["s3:control"]);
    expect(bucketsFor("s3", "ListBuckets")).toEqual(["s3:control"]);
    expect(bucketsFor("sqs", "GetQueueAttributes")).toEqual(["sqs:control"]);
    expect(bucketsFor("sns", "ListTopics")).toEqual(["sns:control"]);
    expect(bucketsFor("dynamodb", "DescribeTable")).toEqual(["dynamodb:control"]);
    expect(bucketsFor("kms", "GetKeyRotationStatus")).toEqual(["kms:read"]);
    expect(bucketsFor("cloudtrail", "GetEventSelectors")).toEqual(["cloudtrail:read"]);
    expect(bucketsFor("logs", "DescribeLogGroups")).toEqual(["logs:DescribeLogGroups"]);
    expect(bucketsFor("accessanalyzer", "ListFindingsV2")).toEqual(["accessanalyzer:read"]);
    expect(quotaRegion("s3", "eu-west-1")).toBe("eu-west-1");
  });

  it("meters IAM, Organizations and Account per account, the others per Region", () => {
    expect(quotaRegion("iam", "us-east-1")).toBe("global");
    expect(quotaRegion("organizations", "eu-west-1")).toBe("global");
    expect(quotaRegion("lambda", "eu-west-1")).toBe("eu-west-1");
  });

  it("every bucket any mapping names has a default quota", () => {
    const ops = ["GetPolicy", "GetFunction", "ListFunctions", "GetResources", "GetStages", "X"];
    const services = ["lambda", "apigateway", "apigatewayv2", "iam", "sts", "organizations", "account", "ec2", "s3", "sqs", "sns", "dynamodb", "kms", "cloudtrail", "logs", "accessanalyzer"];
    for (const s of services) for (const op of ops) for (const b of bucketsFor(s, op)) expect(BUCKET_NAMES).toContain(b);
  });
});

describe("resolveQuotas", () => {
  it("uses the published quotas by default", () => {
    const q = resolveQuotas();
    expect(q["lambda:GetPolicy"]).toEqual({ rate: 15, burst: 15 });
    expect(q["lambda:control"]).toEqual({ rate: 15, burst: 15 });
    expect(q["lambda:GetFunction"]).toEqual({ rate: 100, burst: 100 });
    expect(q["apigateway:GetResources"]).toEqual({ rate: 2.5, burst: 5 });
    expect(q["apigateway:total"]).toEqual({ rate: 10, burst: 40 });
    expect(q["iam:read"]).toEqual({ rate: 10, burst: 10 });
  });

  it("merges overrides field by field over the defaults", () => {
    const q = resolveQuotas({ "apigateway:total": { rate: 5 }, "iam:read": { rate: 3, burst: 6 } });
    expect(q["apigateway:total"]).toEqual({ rate: 5, burst: 40 });
    expect(q["iam:read"]).toEqual({ rate: 3, burst: 6 });
    expect(q["lambda:GetPolicy"]).toEqual(DEFAULT_QUOTAS["lambda:GetPolicy"]);
  });

  it("scales every rate and burst by the share, never a burst below one request", () => {
    const q = resolveQuotas({}, 0.25);
    expect(q["lambda:GetPolicy"]).toEqual({ rate: 3.75, burst: 3.75 });
    expect(q["apigateway:GetResources"]).toEqual({ rate: 0.625, burst: 1.25 });
    expect(resolveQuotas({}, 0.01)["apigateway:GetResources"].burst).toBe(1);
    expect(() => resolveQuotas({}, 0)).toThrow(/share/);
  });
});

describe("LANTERN_AWS_QUOTAS and LANTERN_AWS_QUOTA_SHARE", () => {
  it("parse as JSON overrides; unset or blank means none", () => {
    expect(ZQuotasJson.parse(undefined)).toEqual({});
    expect(ZQuotasJson.parse("  ")).toEqual({});
    expect(ZQuotasJson.parse('{"iam:read":{"rate":5,"burst":5}}')).toEqual({ "iam:read": { rate: 5, burst: 5 } });
  });

  it("reject text that is not JSON, unknown buckets, non-positive rates, unknown fields and empty overrides", () => {
    expect(ZQuotasJson.safeParse("{iam:read}").error?.issues[0].message).toMatch(/JSON object/);
    expect(ZQuotasJson.safeParse('{"iam:write":{"rate":5}}').success).toBe(false);
    expect(ZQuotasJson.safeParse('{"iam:read":{"rate":0}}').success).toBe(false);
    expect(ZQuotasJson.safeParse('{"iam:read":{"rate":5,"burts":5}}').success).toBe(false);
    expect(ZQuotasJson.safeParse('{"iam:read":{}}').success).toBe(false);
    expect(ZQuotasJson.safeParse('{"iam:read":{"burst":0.5}}').success).toBe(false);
  });

  it("the share is a number in (0, 1], 1 by default", () => {
    expect(ZQuotaShare.parse(undefined)).toBe(1);
    expect(ZQuotaShare.parse("0.5")).toBe(0.5);
    expect(ZQuotaShare.safeParse("0").success).toBe(false);
    expect(ZQuotaShare.safeParse("1.5").success).toBe(false);
  });

  it("are part of the validated environment", () => {
    const parsed = ZEnv.parse({ LANTERN_AWS_QUOTAS: '{"lambda:control":{"rate":7}}', LANTERN_AWS_QUOTA_SHARE: "0.5" });
    expect(parsed.LANTERN_AWS_QUOTAS).toEqual({ "lambda:control": { rate: 7 } });
    expect(parsed.LANTERN_AWS_QUOTA_SHARE).toBe(0.5);
    expect(ZEnv.safeParse({ LANTERN_AWS_QUOTAS: "nope" }).success).toBe(false);
  });
});

describe("client factories", () => {
  it("pace every client inside the retry loop, before signing", () => {
    const target = { accountId: "111111111111", region: "us-east-1" };
    const metrics = { calls: 0, throttles: 0 };
    const discovery = accountDiscoveryClients(target, metrics);
    const neighbours = neighboursClients(target, metrics);
    const clients = [
      ...Object.values(neighbours),
      lambdaClients(target, metrics).lambda,
      iamClients(target, metrics).iam,
      apiGatewayClients(target, metrics).apigateway,
      apiGatewayV2Clients(target, metrics).apigatewayv2,
      discovery.organizations,
      discovery.account,
      discovery.ec2,
      discovery.sts,
    ];
    for (const client of clients) {
      const names = client.middlewareStack.identify().map((s) => s.split(" ")[0]);
      const at = (n: string) => names.indexOf(n);
      expect(at("lanternRateLimit")).toBeGreaterThan(at("retryMiddleware"));
      expect(at("lanternRateLimit")).toBeLessThan(at("httpSigningMiddleware"));
      expect(at("retryMiddleware")).toBeGreaterThanOrEqual(0);
    }
  });
});
