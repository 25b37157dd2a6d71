// LX-07: no path from the internet reaches the function without authenticating the caller. Paths, from the
// endpoint model: API Gateway methods and routes whose integration invokes the function (per stage, stage
// variables resolved) and the function's own URLs. A path counts when it is internet-facing (not a PRIVATE API,
// not limited by the resource policy to named networks), reachable (a stage and a URL serve it, nothing closes
// it) and unauthenticated (no IAM, authorizer or JWT; an API key alone is treated like A1-01 does: a barrier,
// not authentication, reported but not failed). Functions used as authorizers are listed but not failed: they
// receive every caller's token by design. An ALB target group that may invoke the function (from its resource
// policy) makes the result UNKNOWN unless another path already fails: Lantern does not read load balancers.
import { sharedEndpointModel, type Endpoint, type FunctionLink } from "@/lib/analysis/endpoints";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";

type Path = {
  via: "api" | "function_url" | "authorizer";
  endpoint: string;
  resourceArn: string;
  urls: string[];
  network: Endpoint["network"]["scope"];
  networkRestricted: boolean;
  reachable: boolean | null;
  authLevel: Endpoint["auth"]["level"];
  reason: string;
  /** Unreachable only because no custom domain was found for an API whose default endpoint is off. */
  dependsOnDomains: boolean;
};

function pathOf(link: FunctionLink): Path {
  const e = link.endpoint;
  return {
    via: link.role === "authorizer" ? "authorizer" : e.kind === "function_url" ? "function_url" : "api",
    endpoint: e.kind === "function_url" ? `function URL ${e.urls[0]}` : `${e.api?.name} ${e.label}`,
    resourceArn: e.resourceArn,
    urls: e.urls,
    network: e.network.scope,
    networkRestricted: e.network.networkRestricted,
    reachable: e.reachable,
    authLevel: e.auth.level,
    reason: e.auth.reason,
    dependsOnDomains: e.api !== null && e.defaultEndpointEnabled === false && e.urls.length === 0 && e.stages.length > 0,
  };
}

const internetFacing = (p: Path) => p.network === "internet" && !p.networkRestricted;

export const rule: RuleDefinition = {
  id: "lambda_function_not_internet_reachable_without_auth",
  catalogueId: "LX-07",
  title: "Lambda function is not reachable from the internet without authentication",
  severity: "high",
  category: "lambda-exposure",
  resourceType: "lambda_function",
  description:
    "Follows every API Gateway method, route and function URL that invokes the function and reports functions " +
    "that an internet-facing, reachable endpoint invokes without authenticating the caller (no IAM, authorizer or " +
    "JWT). Private APIs, network-limited policies and closed endpoints do not count; authorizer functions are " +
    "listed but not reported.",
  risk:
    "Anyone on the internet can run the function with attacker-controlled input, and with it every permission of " +
    "its execution role: this is the exposure that turns an over-privileged role or an injection bug into a breach.",
  remediation: {
    text:
      "Require authorization on every method or route that invokes the function (IAM, a Lambda or JWT authorizer), " +
      "switch function URLs to AWS_IAM, or make the API private. If the endpoint must stay public, keep the " +
      "execution role minimal and validate input.",
    cli:
      "aws apigatewayv2 update-route --api-id <api-id> --route-id <route-id> --authorization-type JWT --authorizer-id <authorizer-id>\n" +
      "aws lambda update-function-url-config --function-name <function-name> --auth-type AWS_IAM",
    cloudformation: ["Route:", "  Type: AWS::ApiGatewayV2::Route", "  Properties:", "    ApiId: !Ref HttpApi", "    RouteKey: POST /orders", "    AuthorizationType: JWT", "    AuthorizerId: !Ref JwtAuthorizer", "    Target: !Sub integrations/${OrdersIntegration}"].join("\n"),
    terraform: ['resource "aws_lambda_function_url" "this" {', "  function_name      = aws_lambda_function.this.function_name", '  authorization_type = "AWS_IAM"', "}"].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/lambda/latest/dg/lambda-urls.html",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html",
  ],
  evaluate(inventory, ctx) {
    const model = sharedEndpointModel(inventory, ctx);
    return inventory.lambdaFunctions.map((fn: TLambdaFunctionRecord): RuleResult => {
      const base = { resourceArn: fn.arn, resourceName: fn.name, region: fn.region };
      const paths = (model.byFunction.get(fn.arn) ?? []).map(pathOf);
      const open = paths.filter((p) => p.via !== "authorizer" && internetFacing(p) && p.authLevel === "none" && p.reachable === true);
      const domainsKnown =
        ctx.complete("apigateway_domain_name", fn.region) && !model.gaps.some((g) => g.kind === "domain_name" && g.region === fn.region);
      const undetermined = paths.filter(
        (p) =>
          p.via !== "authorizer" &&
          internetFacing(p) &&
          (p.reachable !== false
            ? p.authLevel === "unknown" || (p.authLevel === "none" && p.reachable === null)
            : p.authLevel === "none" && p.dependsOnDomains && !domainsKnown),
      );
      const loadBalancers = fn.triggers.filter((t) => t.sourceType === "elasticloadbalancing");
      const gaps = model.gaps.filter((g) => g.region === fn.region && (g.kind === "rest_api" || g.kind === "http_api" || (g.kind === "lambda_function" && g.arn === fn.arn)));
      const complete = ctx.complete("apigateway_rest_api", fn.region) && ctx.complete("apigatewayv2_api", fn.region);
      const evidence = {
        paths,
        unauthenticatedPaths: open.map((p) => p.endpoint),
        loadBalancerTargetGroups: loadBalancers.map((t) => t.sourceArn),
        gaps,
        apiListingsComplete: complete,
      };
      if (open.length > 0) {
        const first = open[0];
        return {
          ...base,
          status: "FAIL",
          message: `Lambda function ${fn.name} is reachable from the internet without authentication through ${first.endpoint}${open.length > 1 ? ` and ${open.length - 1} more endpoint${open.length > 2 ? "s" : ""}` : ""}.`,
          evidence,
        };
      }
      if (undetermined.length > 0 || loadBalancers.length > 0 || gaps.length > 0 || !complete) {
        const why =
          undetermined.length > 0
            ? `the authentication of ${undetermined[0].endpoint} could not be determined`
            : loadBalancers.length > 0
              ? "a load balancer target group may invoke it, and load balancers are not scanned"
              : "the APIs of its region were not read completely";
        return { ...base, status: "UNKNOWN", message: `Could not determine whether Lambda function ${fn.name} is reachable from the internet without authentication: ${why}.`, evidence };
      }
      const internet = paths.filter((p) => p.via !== "authorizer" && internetFacing(p) && p.reachable !== false);
      const message =
        internet.length === 0
          ? `Lambda function ${fn.name} is not invoked by any reachable internet-facing endpoint.`
          : `Lambda function ${fn.name} is reachable from the internet only through endpoints that ${internet.every((p) => p.authLevel === "identity") ? "authenticate callers" : "require authentication or an API key"}.`;
      return { ...base, status: "PASS", message, evidence };
    });
  },
};
