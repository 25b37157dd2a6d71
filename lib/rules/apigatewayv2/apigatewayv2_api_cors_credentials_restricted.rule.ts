// A2-05: an HTTP API that allows credentialed CORS requests names exact, secure origins. API Gateway itself
// rejects AllowOrigins "*" with AllowCredentials true (BadRequestException), so the live risks are the
// look-alikes it accepts: wildcard patterns ("https://*.example.com"), the "null" origin (sandboxed iframes,
// file: pages) and plain http:// origins, each combined with credentials. "*" without credentials passes: the
// browser sends no cookies or Authorization header the page could abuse.
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import type { THttpApiRecord } from "@/scanners/apigatewayv2/record";
import { apiBase } from "@/lib/rules/apigateway/support";

function riskyOrigin(origin: string): string | null {
  const o = origin.trim();
  if (o === "*") return "every origin";
  if (o.toLowerCase() === "null") return 'the "null" origin (sandboxed frames and local files)';
  if (o.includes("*")) return `the wildcard pattern ${o}`;
  if (/^http:\/\//i.test(o) && !/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/i.test(o)) return `the unencrypted origin ${o}`;
  return null;
}

function evaluateApi(api: THttpApiRecord): RuleResult {
  const base = apiBase(api);
  const cors = api.cors;
  if (!cors) return { ...base, status: "PASS", message: `HTTP API ${api.name} has no CORS configuration.`, evidence: { cors: null } };
  const risky = cors.allowOrigins.flatMap((o) => {
    const why = riskyOrigin(o);
    return why ? [{ origin: o, why }] : [];
  });
  const evidence = { cors, riskyOrigins: risky };
  if (cors.allowCredentials !== true) {
    return {
      ...base,
      status: "PASS",
      message: `HTTP API ${api.name} does not allow credentialed cross-origin requests${risky.length ? `, so allowing ${risky[0].why} exposes no session` : ""}.`,
      evidence,
    };
  }
  if (risky.length > 0) {
    return {
      ...base,
      status: "FAIL",
      message: `HTTP API ${api.name} allows credentialed cross-origin requests from ${risky.map((r) => r.why).join(", ")}.`,
      evidence,
    };
  }
  return { ...base, status: "PASS", message: `HTTP API ${api.name} allows credentialed cross-origin requests only from named HTTPS origins.`, evidence };
}

export const rule: RuleDefinition = {
  id: "apigatewayv2_api_cors_credentials_restricted",
  catalogueId: "A2-05",
  title: "HTTP API CORS allows credentials only for named HTTPS origins",
  severity: "medium",
  category: "api-gateway-v2",
  resourceType: "apigatewayv2_api",
  description:
    "Reports HTTP APIs whose CORS configuration sets AllowCredentials and allows every origin, a wildcard " +
    "origin pattern, the null origin or an http:// origin. Wildcard origins without credentials pass.",
  risk:
    "A malicious page on a matching origin can make the victim's browser call the API with their cookies or " +
    "credentials and read the responses: account data theft and actions on the user's behalf.",
  remediation: {
    text: "List the exact HTTPS origins of your front ends in AllowOrigins, or turn AllowCredentials off if the API authenticates with a bearer token.",
    cli: "aws apigatewayv2 update-api --api-id <api-id> --cors-configuration AllowOrigins=https://app.example.com,AllowCredentials=true,AllowMethods=GET,POST",
    cloudformation: [
      "HttpApi:",
      "  Type: AWS::ApiGatewayV2::Api",
      "  Properties:",
      "    Name: mobile-bff",
      "    ProtocolType: HTTP",
      "    CorsConfiguration:",
      "      AllowOrigins: [https://app.example.com]",
      "      AllowCredentials: true",
      "      AllowMethods: [GET, POST]",
    ].join("\n"),
    terraform: [
      'resource "aws_apigatewayv2_api" "this" {',
      '  name          = "mobile-bff"',
      '  protocol_type = "HTTP"',
      "  cors_configuration {",
      '    allow_origins     = ["https://app.example.com"]',
      "    allow_credentials = true",
      '    allow_methods     = ["GET", "POST"]',
      "  }",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html",
    "https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS#requests_with_credentials",
  ],
  evaluate(inventory) {
    return inventory.httpApis.filter((api) => api.protocolType !== "WEBSOCKET").map(evaluateApi);
  },
};
