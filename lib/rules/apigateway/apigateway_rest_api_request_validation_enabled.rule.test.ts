import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { fetchError, inventoryWith, mockIntegration, ok, requestValidator, restApi, restApiWith, restMethod } from "@/lib/rules/__fixtures__/apigateway";
import type { TRestApiRecord } from "@/scanners/apigateway/record";
import { rule } from "./apigateway_rest_api_request_validation_enabled.rule";

const one = (api: TRestApiRecord) => rule.evaluate(inventoryWith({ restApis: [api] }), testContext(rule))[0];

describe("apigateway_rest_api_request_validation_enabled", () => {
  it("returns nothing without REST APIs", () => {
    expect(rule.evaluate(inventoryWith(), testContext(rule))).toEqual([]);
  });

  it("fails a POST without a validator (bad fixture)", () => {
    expect(one(restApiWith({ "/orders": [restMethod("POST"), restMethod("GET")] }))).toMatchObject({
      status: "FAIL",
      message: "REST API orders-api does not validate the request body of 1 method: POST /orders.",
    });
  });

  it("passes a POST with a body validator (good fixture), fails a parameters-only validator", () => {
    const validated = restApiWith({ "/orders": [restMethod("POST", { requestValidatorId: "val0000001" })] }, { requestValidators: ok([requestValidator()]) });
    expect(one(validated).status).toBe("PASS");
    const paramsOnly = restApiWith(
      { "/orders": [restMethod("POST", { requestValidatorId: "val0000001" })] },
      { requestValidators: ok([requestValidator({ validateRequestBody: false })]) },
    );
    expect(one(paramsOnly).status).toBe("FAIL");
  });

  it("passes APIs whose only body methods are MOCK, and APIs with only GETs (look-alikes)", () => {
    expect(one(restApiWith({ "/x": [restMethod("POST", { integration: mockIntegration() })] })).status).toBe("PASS");
    expect(one(restApiWith({ "/x": [restMethod("GET")] })).message).toBe("REST API orders-api has no method that accepts a request body.");
  });

  it("is unknown when resources, or the validators a method names, cannot be read", () => {
    expect(one(restApi({ resources: fetchError() })).status).toBe("UNKNOWN");
    expect(one(restApiWith({ "/x": [restMethod("PUT", { requestValidatorId: "val0000001" })] }, { requestValidators: fetchError() })).status).toBe("UNKNOWN");
  });
});
