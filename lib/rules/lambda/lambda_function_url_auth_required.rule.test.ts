import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import {
  fetchError,
  functionArn,
  functionUrl,
  inventoryOf,
  lambdaFunction,
  policyOf,
  urlsOf,
} from "@/lib/rules/__fixtures__/lambda-function";
import { rule } from "./lambda_function_url_auth_required.rule";

const FN = functionArn("orders-api");
const URL = "https://abc123.lambda-url.us-east-1.on.aws/";

const publicUrlStatement = (condition: Record<string, Record<string, string[]>>) => ({
  Sid: "FunctionURLAllowPublicAccess",
  Effect: "Allow" as const,
  Principal: "*" as const,
  Action: ["lambda:InvokeFunctionUrl"],
  Resource: [FN],
  Condition: condition,
});

const only = (fn: TLambdaFunctionRecord) => {
  const results = rule.evaluate(inventoryOf(fn), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0];
};

describe("lambda_function_url_auth_required", () => {
  it("returns nothing when there are no functions", () => {
    expect(rule.evaluate(inventoryOf(), testContext(rule))).toEqual([]);
  });

  it("passes a function without a function URL", () => {
    const r = only(lambdaFunction());
    expect(r).toMatchObject({ status: "PASS", resourceArn: FN, resourceName: "orders-api" });
    expect(r.message).toBe("Lambda function orders-api has no function URL.");
  });

  it("passes a function URL with auth type AWS_IAM (good fixture)", () => {
    const r = only(lambdaFunction({ url: functionUrl("AWS_IAM") }));
    expect(r.status).toBe("PASS");
    expect(r.message).toBe("Lambda function orders-api has a function URL that requires IAM authentication (AuthType AWS_IAM).");
    expect(r.evidence).toEqual({ url: URL, authType: "AWS_IAM" });
  });

  it("fails auth type NONE whose policy lets anyone invoke the URL (bad fixture)", () => {
    const r = only(
      lambdaFunction({
        url: functionUrl("NONE"),
        policy: policyOf(publicUrlStatement({ StringEquals: { "lambda:FunctionUrlAuthType": ["NONE"] } })),
      }),
    );
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe(
      "Lambda function orders-api has a function URL that accepts unauthenticated requests (AuthType NONE), and its resource-based policy lets anyone invoke it.",
    );
    expect(r.evidence).toMatchObject({ url: URL, authType: "NONE", policyGrantsPublicInvoke: true });
    expect(r.evidence.publicStatements).toEqual([
      expect.objectContaining({ sid: "FunctionURLAllowPublicAccess", viaFunctionUrl: true }),
    ]);
  });

  it("still fails auth type NONE when the policy grants no public invoke, and says so", () => {
    const r = only(lambdaFunction({ url: functionUrl("NONE") }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("grants no public invoke yet");
    expect(r.evidence).toMatchObject({ policyGrantsPublicInvoke: false, publicStatements: [] });
  });

  it("does not count a URL permission restricted to IAM callers as public invoke", () => {
    const r = only(
      lambdaFunction({
        url: functionUrl("NONE"),
        policy: policyOf(publicUrlStatement({ StringEquals: { "lambda:FunctionUrlAuthType": ["AWS_IAM"] } })),
      }),
    );
    expect(r.status).toBe("FAIL");
    expect(r.evidence.policyGrantsPublicInvoke).toBe(false);
  });

  it("does not count a public InvokeFunction grant without the URL action as public URL invoke", () => {
    const r = only(
      lambdaFunction({
        url: functionUrl("NONE"),
        policy: policyOf({ ...publicUrlStatement({}), Action: ["lambda:InvokeFunction"], Condition: undefined }),
      }),
    );
    expect(r.evidence.policyGrantsPublicInvoke).toBe(false);
  });

  it("fails auth type NONE and says the policy could not be read when it failed", () => {
    const r = only(lambdaFunction({ url: functionUrl("NONE"), policy: fetchError() }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("its resource-based policy could not be read.");
    expect(r.evidence.policyGrantsPublicInvoke).toBeNull();
  });

  it("is UNKNOWN, never PASS, when the URL configuration could not be read", () => {
    const r = only(lambdaFunction({ url: fetchError("AccessDeniedException") }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe("Could not read the function URL configuration of function orders-api: AccessDeniedException.");
  });

  it("is UNKNOWN for an empty or unrecognized auth type", () => {
    expect(only(lambdaFunction({ url: functionUrl("") })).message).toBe(
      "Could not judge the function URL of function orders-api: it has no recorded auth type.",
    );
    const r = only(lambdaFunction({ url: functionUrl("CUSTOM") }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toContain('unrecognized auth type "CUSTOM"');
  });

  it("is UNKNOWN when the record has no url attribute (collected by an older scanner)", () => {
    const { url: _url, ...rest } = lambdaFunction();
    expect(only(rest as TLambdaFunctionRecord).status).toBe("UNKNOWN");
  });

  it("returns one result per function with messages that name it and end with a period", () => {
    const results = rule.evaluate(
      inventoryOf(
        lambdaFunction({ name: "a", url: functionUrl("NONE") }),
        lambdaFunction({ name: "b", url: functionUrl("AWS_IAM") }),
        lambdaFunction({ name: "c" }),
        lambdaFunction({ name: "d", url: fetchError("ThrottlingException") }),
      ),
      testContext(rule),
    );
    expect(results.map((r) => [r.resourceName, r.status])).toEqual([
      ["a", "FAIL"],
      ["b", "PASS"],
      ["c", "PASS"],
      ["d", "UNKNOWN"],
    ]);
    for (const r of results) {
      expect(r.message).toContain(`function ${r.resourceName}`);
      expect(r.message.endsWith(".")).toBe(true);
    }
  });

  it("fails an unauthenticated URL on an alias when the function's own URL requires IAM", () => {
    const r = only(
      lambdaFunction(
        urlsOf({ qualifier: null, authType: "AWS_IAM" }, { qualifier: "live", authType: "NONE", url: "https://live.lambda-url.us-east-1.on.aws/" }),
      ),
    );
    expect(r.status).toBe("FAIL");
    expect(r.message).toBe("Lambda function orders-api has a function URL on alias live that accepts unauthenticated requests (AuthType NONE).");
  });

  it("passes IAM-authenticated URLs on the function and its aliases (look-alike)", () => {
    const r = only(lambdaFunction(urlsOf({ qualifier: null, authType: "AWS_IAM" }, { qualifier: "live", authType: "AWS_IAM" })));
    expect(r.status).toBe("PASS");
  });

  it("is UNKNOWN, not PASS, when the alias URLs could not be listed", () => {
    const r = only(lambdaFunction({ url: functionUrl("AWS_IAM"), urls: fetchError("AccessDeniedException") }));
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe("Could not list the function URLs of the aliases of function orders-api: AccessDeniedException.");
  });
});
