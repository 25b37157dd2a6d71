import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { inventoryWith } from "@/lib/rules/__fixtures__/apigateway";
import { httpApi, websocketApi } from "@/lib/rules/__fixtures__/apigatewayv2";
import type { THttpApiRecord } from "@/scanners/apigatewayv2/record";
import { rule } from "./apigatewayv2_api_cors_credentials_restricted.rule";

const cors = (allowOrigins: string[], allowCredentials: boolean | null): THttpApiRecord["cors"] => ({
  allowOrigins,
  allowMethods: ["GET"],
  allowHeaders: [],
  exposeHeaders: [],
  allowCredentials,
  maxAge: null,
});
const one = (c: THttpApiRecord["cors"]) => rule.evaluate(inventoryWith({ httpApis: [httpApi({ cors: c })] }), testContext(rule))[0];

describe("apigatewayv2_api_cors_credentials_restricted", () => {
  it("fails credentials with a wildcard pattern, null or http origin (bad fixtures)", () => {
    expect(one(cors(["https://*.example.com"], true))).toMatchObject({
      status: "FAIL",
      message: "HTTP API mobile-bff allows credentialed cross-origin requests from the wildcard pattern https://*.example.com.",
    });
    expect(one(cors(["null"], true)).status).toBe("FAIL");
    expect(one(cors(["http://shop.example.com"], true)).status).toBe("FAIL");
    expect(one(cors(["*"], true)).status).toBe("FAIL");
  });

  it("passes credentials with exact https origins and localhost (good fixture)", () => {
    expect(one(cors(["https://app.example.com", "http://localhost:3000"], true)).status).toBe("PASS");
  });

  it("passes * without credentials (look-alike) and no CORS at all", () => {
    expect(one(cors(["*"], false))).toMatchObject({
      status: "PASS",
      message: "HTTP API mobile-bff does not allow credentialed cross-origin requests, so allowing every origin exposes no session.",
    });
    expect(one(null).message).toBe("HTTP API mobile-bff has no CORS configuration.");
  });

  it("skips WebSocket APIs", () => {
    expect(rule.evaluate(inventoryWith({ httpApis: [websocketApi()] }), testContext(rule))).toEqual([]);
  });
});
