// Reads the source ARN API Gateway presents when it invokes a function:
//   arn:<partition>:execute-api:<region>:<account>:<apiId>/<stage>/<METHOD>/<path...>   (REST)
//   arn:<partition>:execute-api:<region>:<account>:<apiId>/<stage>/<route key...>      (HTTP, WebSocket)
//   arn:<partition>:execute-api:<region>:<account>:<apiId>/authorizers/<authorizerId>  (Lambda authorizers)
// Values come from ArnLike conditions, so any part may hold * or ? wildcards.

export type ExecuteApiArn = {
  region: string;
  account: string;
  apiId: string;
  /** null when the ARN stops after the API id. */
  stage: string | null;
  /** The parts after the stage (method and path, or route key), as written. */
  route: string[];
  /** True for .../authorizers/<id>: an authorizer of one API, not a route. */
  authorizer: boolean;
};

const hasWildcard = (s: string) => /[*?]/.test(s);

export function parseExecuteApiArn(arn: string): ExecuteApiArn | null {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn" || parts[2] !== "execute-api") return null;
  const resource = parts.slice(5).join(":");
  const [apiId, ...rest] = resource.split("/");
  if (!apiId) return null;
  const authorizer = rest[0] === "authorizers";
  return {
    region: parts[3],
    account: parts[4],
    apiId,
    stage: authorizer ? null : (rest[0] ?? null),
    route: rest.slice(1),
    authorizer,
  };
}

/** True when the ARN names one API of one account (no wildcard in the region, account or API id). */
export function namesOneApi(a: ExecuteApiArn): boolean {
  return a.account !== "" && !hasWildcard(a.account) && !hasWildcard(a.apiId) && a.region !== "" && !hasWildcard(a.region);
}

/**
 * True when the ARN pins down what is invoked within the API: an authorizer, or a route with at least one
 * non-wildcard method or path part ("/*\/GET/orders", "/prod/*\/orders", "/*\/$default"). "/*\/*\/*", "/*" or a
 * bare API id let every method on every path of every stage through.
 */
export function pinsRoute(a: ExecuteApiArn): boolean {
  if (a.authorizer) return a.route.length > 0 && a.route.some((p) => p !== "" && !hasWildcard(p));
  return a.route.some((p) => p !== "" && p !== "*");
}
