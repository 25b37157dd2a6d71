import { describe, expect, it } from "vitest";
import type { TStatement } from "@/lib/aws/policy-document";
import { anyoneInvokeGrants, evaluateApiPolicy, executeApiArn, widestVerdict, type ApiPolicyScope } from "./api-resource-policy";

const SCOPE: ApiPolicyScope = { partition: "aws", region: "us-east-1", accountId: "111122223333", apiId: "a1b2c3d4e5" };
const doc = (...Statement: TStatement[]) => ({ Version: "2012-10-17", Statement });
const req = (stage = "prod", method = "GET", path = "/orders") => executeApiArn(SCOPE, stage, method, path);
const allowAll = (extra: Partial<TStatement> = {}): TStatement => ({
  Effect: "Allow",
  Principal: "*",
  Action: ["execute-api:Invoke"],
  Resource: ["execute-api:/*"],
  ...extra,
});
const denyUnless = (operator: string, key: string, values: string[], extra: Partial<TStatement> = {}): TStatement => ({
  Effect: "Deny",
  Principal: "*",
  Action: ["execute-api:Invoke"],
  Resource: ["execute-api:/*"],
  Condition: { [operator]: { [key]: values } },
  ...extra,
});

describe("executeApiArn", () => {
  it("builds the request ARN API Gateway evaluates, with a trailing slash for the root", () => {
    expect(req()).toBe("arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5/prod/GET/orders");
    expect(req("prod", "GET", "/")).toBe("arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5/prod/GET/");
  });
});

describe("evaluateApiPolicy", () => {
  it("lets anyone in with an unconditional Allow for *", () => {
    const v = evaluateApiPolicy(doc(allowAll()), req(), SCOPE);
    expect(v).toMatchObject({ access: "anyone", vpcPinned: false, networkRestricted: false });
    expect(v.statements).toEqual([expect.objectContaining({ role: "allow_anyone", index: 0 })]);
  });

  it("recognizes the documented private-API guard: Allow * plus Deny unless aws:SourceVpce", () => {
    const v = evaluateApiPolicy(doc(allowAll(), denyUnless("StringNotEquals", "aws:SourceVpce", ["vpce-0abc"])), req(), SCOPE);
    expect(v).toMatchObject({ access: "restricted", vpcPinned: true, networkRestricted: true, identityRestricted: false });
    expect(v.restrictions).toEqual([expect.objectContaining({ kind: "vpc", key: "aws:SourceVpce", via: "deny_guard" })]);
  });

  it("pins through a positive condition on the Allow itself", () => {
    const v = evaluateApiPolicy(doc(allowAll({ Condition: { StringEquals: { "aws:SourceVpc": ["vpc-123"] } } })), req(), SCOPE);
    expect(v).toMatchObject({ access: "restricted", vpcPinned: true });
  });

  it("treats an IP allow-list as a network restriction, not a VPC pin", () => {
    const v = evaluateApiPolicy(doc(allowAll({ Condition: { IpAddress: { "aws:SourceIp": ["192.0.2.0/24"] } } })), req(), SCOPE);
    expect(v).toMatchObject({ access: "restricted", vpcPinned: false, networkRestricted: true });
  });

  it("does not count 0.0.0.0/0, IfExists, ForAllValues, wildcards or aws:UserAgent as restricting", () => {
    const conditions: NonNullable<TStatement["Condition"]>[] = [
      { IpAddress: { "aws:SourceIp": ["0.0.0.0/0"] } },
      { StringEqualsIfExists: { "aws:SourceVpce": ["vpce-1"] } },
      { "ForAllValues:StringEquals": { "aws:SourceVpce": ["vpce-1"] } },
      { StringLike: { "aws:SourceVpce": ["vpce-*"] } },
      { StringEquals: { "aws:UserAgent": ["curl"] } },
    ];
    for (const condition of conditions) {
      expect(evaluateApiPolicy(doc(allowAll({ Condition: condition })), req(), SCOPE).access, JSON.stringify(condition)).toBe("anyone");
    }
  });

  it("ignores a Deny whose condition a caller controls, and one that blocks a few IPs", () => {
    const v = evaluateApiPolicy(
      doc(allowAll(), denyUnless("StringEquals", "aws:UserAgent", ["bot"]), denyUnless("IpAddress", "aws:SourceIp", ["203.0.113.9/32"])),
      req(),
      SCOPE,
    );
    expect(v.access).toBe("anyone");
    expect(v.statements.filter((s) => s.role === "deny_ignored")).toHaveLength(2);
  });

  it("closes the request with an unconditional Deny for everyone", () => {
    const deny: TStatement = { Effect: "Deny", Principal: "*", Action: ["execute-api:Invoke"], Resource: ["execute-api:/*/DELETE/*"] };
    expect(evaluateApiPolicy(doc(allowAll(), deny), req("prod", "DELETE", "/orders"), SCOPE).access).toBe("nobody");
    expect(evaluateApiPolicy(doc(allowAll(), deny), req("prod", "GET", "/orders"), SCOPE).access).toBe("anyone");
  });

  it("names principals when only AWS accounts are allowed, nobody when nothing applies", () => {
    const named: TStatement = { Effect: "Allow", Principal: { AWS: ["arn:aws:iam::210987654321:root"] }, Action: ["execute-api:Invoke"], Resource: ["execute-api:/*"] };
    expect(evaluateApiPolicy(doc(named), req(), SCOPE).access).toBe("principals");
    expect(evaluateApiPolicy(doc(allowAll({ Resource: ["execute-api:/dev/*"] })), req(), SCOPE).access).toBe("nobody");
  });

  it("matches resources by stage, method and path, and skips statements for other actions", () => {
    const onlyHealth = allowAll({ Resource: ["execute-api:/*/GET/health"] });
    expect(evaluateApiPolicy(doc(onlyHealth), req("prod", "GET", "/health"), SCOPE).access).toBe("anyone");
    expect(evaluateApiPolicy(doc(onlyHealth), req("prod", "GET", "/orders"), SCOPE).access).toBe("nobody");
    const manage = allowAll({ Action: ["execute-api:ManageConnections"] });
    expect(evaluateApiPolicy(doc(manage), req(), SCOPE).access).toBe("nobody");
    const fullArn = allowAll({ Resource: ["arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5/*"] });
    expect(evaluateApiPolicy(doc(fullArn), req(), SCOPE).access).toBe("anyone");
  });

  it("marks organization-pinned callers as identity-restricted", () => {
    const v = evaluateApiPolicy(doc(allowAll({ Condition: { StringEquals: { "aws:PrincipalOrgID": ["o-acme4pay01"] } } })), req(), SCOPE);
    expect(v).toMatchObject({ access: "restricted", identityRestricted: true, vpcPinned: false });
  });

  it("requires a caller to escape a multi-condition guard by any one of its conditions", () => {
    const guard: TStatement = {
      Effect: "Deny",
      Principal: "*",
      Action: ["execute-api:Invoke"],
      Resource: ["execute-api:/*"],
      Condition: { StringNotEquals: { "aws:SourceVpce": ["vpce-1"] }, NotIpAddress: { "aws:SourceIp": ["10.0.0.0/8"] } },
    };
    const v = evaluateApiPolicy(doc(allowAll(), guard), req(), SCOPE);
    expect(v).toMatchObject({ access: "restricted", vpcPinned: false, networkRestricted: true });
  });
});

describe("widestVerdict", () => {
  it("takes the most exposed request and keeps pinning only when every such request is pinned", () => {
    const pinned = evaluateApiPolicy(doc(allowAll(), denyUnless("StringNotEquals", "aws:SourceVpce", ["vpce-1"])), req(), SCOPE);
    const open = evaluateApiPolicy(doc(allowAll()), req(), SCOPE);
    expect(widestVerdict([pinned, open])?.access).toBe("anyone");
    expect(widestVerdict([pinned, pinned])?.vpcPinned).toBe(true);
    expect(widestVerdict([])).toBeNull();
  });
});

describe("anyoneInvokeGrants", () => {
  it("judges each Allow for anyone: open, pinned by condition, or covered by a guard", () => {
    const grants = anyoneInvokeGrants(
      doc(
        allowAll({ Sid: "Open" }),
        allowAll({ Sid: "Pinned", Condition: { StringEquals: { "aws:SourceVpce": ["vpce-1"] } } }),
      ),
      SCOPE,
    );
    expect(grants.map((g) => [g.sid, g.open, g.vpcPinned])).toEqual([
      ["Open", true, false],
      ["Pinned", false, true],
    ]);
    const guarded = anyoneInvokeGrants(doc(allowAll(), denyUnless("StringNotEquals", "aws:SourceVpce", ["vpce-1"])), SCOPE);
    expect(guarded[0]).toMatchObject({ open: false, vpcPinned: true });
  });

  it("does not let a guard on one stage cover a grant on every stage", () => {
    const grants = anyoneInvokeGrants(
      doc(allowAll(), denyUnless("StringNotEquals", "aws:SourceVpce", ["vpce-1"], { Resource: ["execute-api:/prod/*"] })),
      SCOPE,
    );
    expect(grants[0]).toMatchObject({ open: true, vpcPinned: false });
  });
});
