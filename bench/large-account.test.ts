import { describe, expect, it } from "vitest";
import { API_SHAPE, accountIdFor, expectedCounts, planLargeAccount, plannedRequests } from "@/bench/large-account";

describe("planLargeAccount", () => {
  it("is deterministic: the same seed and scale give the same account, another seed another one", () => {
    const a = planLargeAccount({ scale: 0.05, seed: 7 });
    expect(planLargeAccount({ scale: 0.05, seed: 7 })).toEqual(a);
    const b = planLargeAccount({ scale: 0.05, seed: 8 });
    expect(b.accountId).not.toBe(a.accountId);
    expect(b.functions.map((f) => f.runtime)).not.toEqual(a.functions.map((f) => f.runtime));
  });

  it("scales the §3 counts (scale 0.1: 500 functions, 500 roles, 50 APIs)", () => {
    const p = planLargeAccount({ scale: 0.1 });
    expect(expectedCounts(p)).toMatchObject({
      lambdaFunction: 500,
      lambdaEventSourceMapping: 100,
      iamRole: 500,
      apiGatewayRestApi: 25,
      apiGatewayV2Api: 25,
    });
    expect(p.customerPolicies).toHaveLength(150);
    expect(p.awsManagedCount).toBe(30);
    expect(expectedCounts(planLargeAccount({ scale: 1 }))).toMatchObject({ lambdaFunction: 5000, iamRole: 5000, apiGatewayRestApi: 250 });
  });

  it("plants the §3 proportions", () => {
    const p = planLargeAccount({ scale: 1 });
    const share = (n: number, of: number) => n / of;
    expect(share(p.functions.filter((f) => f.policy).length, 5000)).toBeCloseTo(0.1, 1);
    expect(share(p.functions.filter((f) => f.url).length, 5000)).toBeCloseTo(0.05, 1);
    expect(share(p.roles.filter((r) => r.inlineWildcard).length, 5000)).toBeCloseTo(0.15, 1);
    expect(share(p.roles.filter((r) => r.privesc).length, 5000)).toBeGreaterThan(0.01);
    expect(share(p.roles.filter((r) => r.privesc).length, 5000)).toBeLessThan(0.03);
    const attached = p.roles.reduce((n, r) => n + r.customerManaged.length + r.awsManaged.length, 0) / 5000;
    expect(attached).toBeGreaterThan(5.5);
    expect(attached).toBeLessThan(6.5);
    expect(share(p.restApis.filter((a) => !a.authorizer).length + p.httpApis.filter((a) => !a.authorizer).length, 500)).toBeCloseTo(0.1, 1);
    // Every attached policy exists, and no role attaches the same one twice.
    for (const r of p.roles) {
      expect(new Set(r.customerManaged).size).toBe(r.customerManaged.length);
      expect(Math.max(-1, ...r.customerManaged)).toBeLessThan(p.customerPolicies.length);
      expect(Math.max(-1, ...r.awsManaged)).toBeLessThan(p.awsManagedCount);
    }
  });

  it("runs every function as a role Lambda may assume", () => {
    const p = planLargeAccount({ scale: 0.1 });
    for (const f of p.functions) expect(p.roles[f.role].trust).toBe("lambda");
  });

  it("counts the requests generation sends", () => {
    const p = planLargeAccount({ scale: 0.01 });
    const perRest = 1 + API_SHAPE.restResources * 5 + 1;
    const rest = p.restApis.length * perRest + p.restApis.filter((a) => a.authorizer).length;
    expect(plannedRequests(p)).toBeGreaterThan(rest + p.functions.length + p.roles.length * 2);
    // Linear in scale, up to rounding of the counts.
    expect(plannedRequests(planLargeAccount({ scale: 1 })) / plannedRequests(planLargeAccount({ scale: 0.1 }))).toBeCloseTo(10, 0);
  });

  it("refuses a scale outside (0, 1]", () => {
    expect(() => planLargeAccount({ scale: 0 })).toThrow(/scale/);
    expect(() => planLargeAccount({ scale: 2 })).toThrow(/scale/);
  });
});

describe("accountIdFor", () => {
  it("is 12 digits, stable, and differs per seed and scale", () => {
    expect(accountIdFor(1, 0.1)).toMatch(/^9\d{11}$/);
    expect(accountIdFor(1, 0.1)).toBe(accountIdFor(1, 0.1));
    expect(accountIdFor(1, 0.1)).not.toBe(accountIdFor(2, 0.1));
    expect(accountIdFor(1, 0.1)).not.toBe(accountIdFor(1, 0.2));
  });
});
