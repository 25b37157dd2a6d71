import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { domainName, inventoryWith } from "@/lib/rules/__fixtures__/apigateway";
import { rule } from "./apigateway_domain_name_tls_policy_current.rule";

const one = (securityPolicy: string | null, saved?: { acceptedPolicies: string[] }) =>
  rule.evaluate(inventoryWith({ apiDomainNames: [domainName({ securityPolicy })] }), saved ? testContext(rule, { settings: saved }) : testContext(rule))[0];

describe("apigateway_domain_name_tls_policy_current", () => {
  it("fails TLS_1_0 (bad fixture) and passes TLS_1_2 (good fixture)", () => {
    expect(one("TLS_1_0")).toMatchObject({
      status: "FAIL",
      resourceArn: "arn:aws:apigateway:us-east-1::/domainnames/api.example.com",
      message: "Custom domain api.example.com uses security policy TLS_1_0, which accepts TLS versions older than 1.2.",
    });
    expect(one("TLS_1_2").status).toBe("PASS");
  });

  it("passes the enhanced TLS 1.3 policies by pattern", () => {
    expect(one("SecurityPolicy_TLS13_1_3_2025_09").status).toBe("PASS");
    expect(one("SecurityPolicy_TLS13_1_2_PQ_2025_09").status).toBe("PASS");
  });

  it("honours the accepted policies setting", () => {
    expect(one("TLS_1_2", { acceptedPolicies: ["SecurityPolicy_TLS13_*"] }).status).toBe("FAIL");
  });

  it("is unknown when no policy is reported, and returns nothing without domains", () => {
    expect(one(null).status).toBe("UNKNOWN");
    expect(rule.evaluate(inventoryWith(), testContext(rule))).toEqual([]);
  });
});
