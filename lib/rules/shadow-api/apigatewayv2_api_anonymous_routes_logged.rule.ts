// SA-06 (HTTP/WebSocket): a route that accepts anonymous calls is logged (access logs, or ERROR/INFO execution
// logs on WebSocket stages) on every stage. WebSocket routes other than $connect take $connect's authorization.
// One result per route.
import { sharedEndpointModel } from "@/lib/analysis/endpoints";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import { apiBase, unreadable } from "@/lib/rules/apigateway/support";
import { kindOf } from "@/lib/rules/apigatewayv2/stages";
import { judgeAnonymousLogged } from "./anonymous";
import { V2_ACCESS_LOG_REMEDIATION } from "@/lib/rules/apigatewayv2/stages";

export const rule: RuleDefinition = {
  id: "apigatewayv2_api_anonymous_routes_logged",
  catalogueId: "SA-06",
  title: "HTTP and WebSocket routes open to anonymous callers are logged",
  severity: "high",
  category: "shadow-api",
  resourceType: "apigatewayv2_api",
  description:
    "Reports HTTP and WebSocket routes that accept calls without authorization and are served by a stage without " +
    "access logs (or, on WebSocket APIs, ERROR/INFO execution logs). One result per route.",
  risk: "An open route without logs can be abused indefinitely with no record of who called it or what it returned.",
  remediation: {
    text: "Attach an authorizer to the route, or at least configure access logging on every stage.",
    ...V2_ACCESS_LOG_REMEDIATION,
  },
  references: [
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-logging.html",
  ],
  evaluate(inventory, ctx) {
    const model = sharedEndpointModel(inventory, ctx);
    return inventory.httpApis.flatMap((api): RuleResult[] => {
      if (api.routes.status === "error") return [unreadable(apiBase(api), kindOf(api), "routes", api.routes)];
      if (api.stages.status === "error") return [unreadable(apiBase(api), kindOf(api), "stages", api.stages)];
      return model.endpoints.filter((e) => e.api?.arn === api.arn).map((e) => judgeAnonymousLogged(e, kindOf(api)));
    });
  },
};
