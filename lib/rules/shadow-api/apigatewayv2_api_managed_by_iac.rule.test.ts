import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { inventoryWith } from "@/lib/rules/__fixtures__/apigateway";
import { httpApi } from "@/lib/rules/__fixtures__/apigatewayv2";
import { lambdaFunction } from "@/lib/rules/__fixtures__/lambda-function";
import type { RuleInventory } from "@/lib/rules/types";
import { rule } from "./apigatewayv2_api_managed_by_iac.rule";

const one = (inventory: RuleInventory, complete = true) => rule.evaluate(inventory, testContext(rule, { complete: () => complete }))[0];
const CFN = { "aws:cloudformation:stack-name": "mobile", "aws:cloudformation:logical-id": "Fn" };

describe("apigatewayv2_api_managed_by_iac", () => {
  it("passes SAM's httpapi:createdBy marker (good fixture)", () => {
    expect(one(inventoryWith({ httpApis: [httpApi({ tags: { "httpapi:createdBy": "SAM" } })] }))).toMatchObject({ status: "PASS", message: "HTTP API mobile-bff is managed by sam." });
  });

  it("fails an unmarked API whose function is unmarked too (bad fixture)", () => {
    const r = one(inventoryWith({ httpApis: [httpApi()], lambdaFunctions: [lambdaFunction()] }));
    expect(r.status).toBe("FAIL");
  });

  it("is unknown for an unmarked API whose functions are in a CloudFormation stack (CFN does not tag v2 APIs)", () => {
    const r = one(inventoryWith({ httpApis: [httpApi()], lambdaFunctions: [lambdaFunction({ tags: { status: "ok", value: CFN } })] }));
    expect(r).toMatchObject({ status: "UNKNOWN", message: "HTTP API mobile-bff carries no infrastructure-as-code tag (CloudFormation does not tag v2 APIs), but its functions belong to stack mobile." });
  });

  it("is unknown when its functions were not listed completely", () => {
    expect(one(inventoryWith({ httpApis: [httpApi()] }), false).status).toBe("UNKNOWN");
  });
});
