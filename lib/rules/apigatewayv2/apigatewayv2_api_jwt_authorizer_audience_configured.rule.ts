// A2-06: every JWT authorizer names the audiences (app client ids) it accepts, and its issuer is one the
// installation trusts (when a list is set). One result per JWT authorizer (resourceArn .../authorizers/<id>).
import { z } from "zod";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import type { THttpApiRecord, THttpAuthorizer } from "@/scanners/apigatewayv2/record";
import { apiBase, globMatches, unreadable } from "@/lib/rules/apigateway/support";
import { kindOf } from "./stages";

type Settings = { trustedIssuers: string[] };

function authorizerBase(api: THttpApiRecord, id: string, name: string | null) {
  return { resourceArn: `${api.arn}/authorizers/${id}`, resourceName: `${api.name} authorizer ${name ?? id}`, region: api.region };
}

function evaluateAuthorizer(api: THttpApiRecord, a: THttpAuthorizer, trusted: string[]): RuleResult {
  const base = authorizerBase(api, a.authorizerId, a.name);
  const evidence = { issuer: a.jwtIssuer, audience: a.jwtAudience, trustedIssuers: trusted, identitySources: a.identitySources };
  const name = `JWT authorizer ${a.name ?? a.authorizerId} of ${kindOf(api)} ${api.name}`;
  if (a.jwtAudience.length === 0) {
    return { ...base, status: "FAIL", message: `${name} accepts tokens issued for any audience.`, evidence };
  }
  if (trusted.length > 0 && !(a.jwtIssuer && trusted.some((t) => globMatches(t, a.jwtIssuer!)))) {
    return { ...base, status: "FAIL", message: `${name} accepts tokens from issuer ${a.jwtIssuer ?? "(none)"}, which is not a trusted issuer.`, evidence };
  }
  return { ...base, status: "PASS", message: `${name} accepts tokens only for ${a.jwtAudience.join(", ")}.`, evidence };
}

export const rule: RuleDefinition<Settings> = {
  id: "apigatewayv2_api_jwt_authorizer_audience_configured",
  catalogueId: "A2-06",
  title: "HTTP API JWT authorizers check the token audience and a trusted issuer",
  severity: "low",
  category: "api-gateway-v2",
  resourceType: "apigatewayv2_api",
  description:
    "Reports JWT authorizers without an audience, and, when trusted issuers are configured, authorizers whose " +
    "issuer is not one of them. One result per JWT authorizer.",
  risk:
    "Without an audience check, any token the issuer signed for another application (another app client of the " +
    "same user pool or identity provider) is accepted by this API.",
  remediation: {
    text: "Set the authorizer's audience to the client ids of the applications that call this API, and use your own identity provider as issuer.",
    cli: "aws apigatewayv2 update-authorizer --api-id <api-id> --authorizer-id <authorizer-id> --jwt-configuration Audience=<app-client-id>,Issuer=https://cognito-idp.<region>.amazonaws.com/<user-pool-id>",
    cloudformation: [
      "JwtAuthorizer:",
      "  Type: AWS::ApiGatewayV2::Authorizer",
      "  Properties:",
      "    ApiId: !Ref HttpApi",
      "    Name: cognito",
      "    AuthorizerType: JWT",
      "    IdentitySource: [$request.header.Authorization]",
      "    JwtConfiguration:",
      "      Audience: [!Ref UserPoolClient]",
      "      Issuer: !Sub https://cognito-idp.${AWS::Region}.amazonaws.com/${UserPool}",
    ].join("\n"),
    terraform: [
      'resource "aws_apigatewayv2_authorizer" "jwt" {',
      "  api_id           = aws_apigatewayv2_api.this.id",
      '  name             = "cognito"',
      '  authorizer_type  = "JWT"',
      '  identity_sources = ["$request.header.Authorization"]',
      "  jwt_configuration {",
      "    audience = [aws_cognito_user_pool_client.app.id]",
      '    issuer   = "https://${aws_cognito_user_pool.this.endpoint}"',
      "  }",
      "}",
    ].join("\n"),
  },
  references: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html"],
  settings: {
    schema: z.object({ trustedIssuers: z.array(z.string().min(1)) }),
    defaults: { trustedIssuers: [] },
    describe: { trustedIssuers: "Issuer URLs (globs) JWT authorizers may trust; empty accepts any issuer." },
  },
  evaluate(inventory, ctx) {
    return inventory.httpApis.flatMap((api) => {
      const outcome = api.authorizers;
      if (outcome.status === "error") return [unreadable(apiBase(api), kindOf(api), "authorizers", outcome)];
      const judged = outcome.value.filter((a) => a.authorizerType === "JWT").map((a) => evaluateAuthorizer(api, a, ctx.settings.trustedIssuers));
      const unread: RuleResult[] =
        outcome.status === "partial"
          ? outcome.unread.map((u) => ({
              ...authorizerBase(api, u.authorizerId, null),
              status: "UNKNOWN" as const,
              message: `Could not read authorizer ${u.authorizerId} of ${kindOf(api)} ${api.name}: ${u.code}.`,
              evidence: { authorizer: { status: "error", code: u.code, message: u.message } },
            }))
          : [];
      return [...judged, ...unread];
    });
  },
};
