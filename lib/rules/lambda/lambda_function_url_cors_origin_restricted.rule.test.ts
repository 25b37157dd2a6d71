import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import { fetchError, functionUrl, inventoryOf, lambdaFunction, urlsOf } from "@/lib/rules/__fixtures__/lambda-function";
import { rule } from "./lambda_function_url_cors_origin_restricted.rule";

const only = (fn: TLambdaFunctionRecord) => {
  const results = rule.evaluate(inventoryOf(fn), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0];
};

describe("lambda_function_url_cors_origin_restricted", () => {
  it("returns nothing when there are no functions", () => {
    expect(rule.evaluate(inventoryOf(), testContext(rule))).toEqual([]);
  });

  it("passes a function without a function URL", () => {
    expect(only(lambdaFunction())).toMatchObject({ status: "PASS", message: "Lambda function orders-api has no function URL." });
  });

  it("fails a URL whose CORS allows every origin and says it is also unauthenticated (bad fixture)", () => {
    const r = only(lambdaFunction(urlsOf({ qualifier: null, authType: "NONE", cors: { allowOrigins: ["*"] } })));
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe(
      'Lambda function orders-api has a function URL whose CORS configuration allows every origin (AllowOrigins "*"); it also accepts unauthenticated requests.',
    );
    expect(r.evidence.openUrls).toEqual([expect.objectContaining({ qualifier: null, authType: "NONE", allowOrigins: ["*"] })]);
  });

  it("fails an IAM-authenticated URL with CORS * too, naming the auth type", () => {
    const r = only(lambdaFunction(urlsOf({ qualifier: null, authType: "AWS_IAM", cors: { allowOrigins: ["*"] } })));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("it requires AWS_IAM authentication");
  });

  it("passes CORS with specific origins (look-alike, good fixture)", () => {
    const r = only(lambdaFunction(urlsOf({ qualifier: null, authType: "NONE", cors: { allowOrigins: ["https://app.example.com"] } })));
    expect(r).toMatchObject({
      status: "PASS",
      message: "Lambda function orders-api allows cross-origin requests to its function URL only from named origins: https://app.example.com.",
    });
  });

  it("passes a URL without CORS", () => {
    const r = only(lambdaFunction(urlsOf({ qualifier: null, authType: "NONE" })));
    expect(r.status).toBe("PASS");
    expect(r.message).toContain("has no CORS configuration");
  });

  it("does not treat a wildcard subdomain origin as every origin", () => {
    expect(only(lambdaFunction(urlsOf({ qualifier: null, authType: "NONE", cors: { allowOrigins: ["https://*.example.com"] } }))).status).toBe("PASS");
  });

  it("fails when only an alias URL allows every origin", () => {
    const r = only(
      lambdaFunction(
        urlsOf(
          { qualifier: null, authType: "AWS_IAM", cors: { allowOrigins: ["https://app.example.com"] } },
          { qualifier: "live", authType: "NONE", cors: { allowOrigins: ["*"] }, url: "https://live.lambda-url.us-east-1.on.aws/" },
        ),
      ),
    );
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("function URL of alias live");
  });

  it("is UNKNOWN, never PASS, when the URLs could not be listed", () => {
    const r = only(lambdaFunction({ urls: fetchError("AccessDeniedException"), url: fetchError("AccessDeniedException") }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe("Could not read the function URL configurations of function orders-api: AccessDeniedException.");
  });

  it("still fails on the unqualified URL when the alias listing failed", () => {
    const own = functionUrl("NONE");
    if (own.status === "ok") own.value.cors = { allowOrigins: ["*"], allowMethods: [], allowHeaders: [], exposeHeaders: [], allowCredentials: null, maxAge: null };
    const r = only(lambdaFunction({ url: own, urls: fetchError("ThrottlingException") }));
    expect(r.status).toBe("FAIL");
  });
});
