import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TLambdaLayerVersionRecord } from "@/scanners/lambda/record";
import { fetchError } from "@/lib/rules/__fixtures__/lambda-function";
import { inventoryOfLayers, layerGrantStatement, layerPolicyOf, layerVersion, layerVersionArn } from "@/lib/rules/__fixtures__/lambda-layer";
import { rule } from "./lambda_layer_version_not_public.rule";

const only = (layer: TLambdaLayerVersionRecord) => {
  const results = rule.evaluate(inventoryOfLayers(layer), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0];
};

describe("lambda_layer_version_not_public", () => {
  it("returns nothing when there are no layer versions", () => {
    expect(rule.evaluate(inventoryOfLayers(), testContext(rule))).toEqual([]);
  });

  it("passes a layer version without a policy", () => {
    expect(only(layerVersion())).toMatchObject({
      status: "PASS",
      resourceArn: layerVersionArn("shared-utils", 1),
      resourceName: "shared-utils:1",
      message: "Lambda layer shared-utils version 1 has no layer version policy, so only this account can use it.",
    });
  });

  it("fails a layer shared with every account (bad fixture)", () => {
    const r = only(layerVersion({ policy: layerPolicyOf(layerGrantStatement("*", { sid: "public-demo-share" })) }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe(
      'Lambda layer shared-utils version 1 is shared with every AWS account (statement "public-demo-share" allows Principal "*" without an organization condition).',
    );
    expect(r.evidence.publicStatements).toEqual([expect.objectContaining({ sid: "public-demo-share", principal: "*" })]);
  });

  it("passes a layer shared with an organization (look-alike, good fixture)", () => {
    const r = only(layerVersion({ policy: layerPolicyOf(layerGrantStatement("*", { organizationId: "o-acme4pay01" })) }));
    expect(r).toMatchObject({
      status: "PASS",
      message: 'Lambda layer shared-utils version 1 is shared with Principal "*" only under a condition that limits it to an organization or account.',
    });
  });

  it("passes a layer shared with a named account and lists it", () => {
    const r = only(layerVersion({ policy: layerPolicyOf(layerGrantStatement("210987654321")) }));
    expect(r.status).toBe("PASS");
    expect(r.message).toBe("Lambda layer shared-utils version 1 is shared only with named accounts: arn:aws:iam::210987654321:root.");
  });

  it("is UNKNOWN, never PASS, when the policy could not be read", () => {
    const r = only(layerVersion({ policy: fetchError() }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe("Could not read the layer version policy of Lambda layer shared-utils version 1: AccessDeniedException.");
  });

  it("judges each version on its own", () => {
    const results = rule.evaluate(
      inventoryOfLayers(
        layerVersion({ version: 1, policy: layerPolicyOf(layerGrantStatement("*")) }),
        layerVersion({ version: 2, policy: layerPolicyOf(layerGrantStatement("*", { organizationId: "o-acme4pay01" })) }),
      ),
      testContext(rule),
    );
    expect(results.map((r) => [r.resourceName, r.status])).toEqual([
      ["shared-utils:1", "FAIL"],
      ["shared-utils:2", "PASS"],
    ]);
  });
});
