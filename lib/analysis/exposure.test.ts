import { describe, expect, it } from "vitest";
import { exposureOf } from "./exposure";
import { functionUrl, inventoryOf, lambdaFunction, policyOf, publicInvokeStatement } from "@/lib/rules/__fixtures__/lambda-function";

describe("exposure", () => {
  it("marks functions with a NONE URL, a public policy or an unauthenticated endpoint, and the endpoint's API", () => {
    const url = lambdaFunction({ name: "url", url: functionUrl("NONE") });
    const iamUrl = lambdaFunction({ name: "iam-url", url: functionUrl("AWS_IAM") });
    const pub = lambdaFunction({ name: "pub", policy: policyOf(publicInvokeStatement("pub")) });
    const behindApi = lambdaFunction({ name: "api" });
    const internal = lambdaFunction({ name: "internal" });
    const api = "arn:aws:apigateway:us-east-1::/restapis/abc";
    const e = exposureOf(inventoryOf(url, iamUrl, pub, behindApi, internal), [
      { arn: `${api}/resources/r1/methods/GET`, apiArn: api, functionArns: [behindApi.arn], reason: "unauthenticated endpoint GET /" },
    ]);
    expect([...e.exposed].sort()).toEqual([api, behindApi.arn, pub.arn, url.arn].sort());
    expect(e.reasons.get(url.arn)).toEqual(["function URL with auth type NONE"]);
    expect(e.exposed.has(internal.arn)).toBe(false);
    expect(e.exposed.has(iamUrl.arn)).toBe(false);
  });
});
