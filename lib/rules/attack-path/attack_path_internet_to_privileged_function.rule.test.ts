import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { fetchError, inventoryOf, lambdaFunction, policyOf, publicInvokeStatement, urlsOf } from "@/lib/rules/__fixtures__/lambda-function";
import { allow, iamRole, inlinePolicy, roleArn } from "@/lib/rules/__fixtures__/iam";
import type { RuleInventory } from "@/lib/rules/types";
import type { TStatement } from "@/lib/aws/policy-document";
import { rule } from "./attack_path_internet_to_privileged_function.rule";

const PUBLIC_URL_STATEMENT: TStatement = {
  Sid: "FunctionURLAllowPublicAccess",
  Effect: "Allow",
  Principal: "*",
  Action: ["lambda:InvokeFunctionUrl"],
  Resource: ["arn:aws:lambda:us-east-1:111122223333:function:web"],
  Condition: { StringEquals: { "lambda:FunctionUrlAuthType": ["NONE"] } },
};

function estate(opts: { policy?: TStatement[]; url?: boolean; roleStatements: TStatement[]; withRole?: boolean }): RuleInventory {
  const fn = lambdaFunction({
    name: "web",
    roleArn: roleArn("web-role"),
    policy: opts.policy ? policyOf(...opts.policy) : { status: "absent" },
    ...(opts.url ? urlsOf({ qualifier: null, authType: "NONE" }) : {}),
  });
  const inv = inventoryOf(fn);
  if (opts.withRole !== false) inv.iamRoles = [iamRole({ name: "web-role", inlinePolicies: [inlinePolicy("p", ...opts.roleStatements)] })];
  return inv;
}

const run = (inv: RuleInventory, overrides = {}) => rule.evaluate(inv, testContext(rule, overrides));

describe("attack_path_internet_to_privileged_function", () => {
  it("fails a publicly invocable function whose role is an administrator, with the chain and rank as evidence", () => {
    const [r] = run(estate({ policy: [publicInvokeStatement("web")], roleStatements: [allow("*", "*")] }));
    expect(r.status).toBe("FAIL");
    expect(r.message).toContain("web-role");
    const chain = r.evidence.chain as { step: string; kind?: string }[];
    expect(chain.map((c) => c.step)).toEqual(["entry", "function", "role", "reach", ...chain.slice(4).map(() => "reach")]);
    expect(chain[0].kind).toBe("public_policy");
    expect(chain.find((c) => c.step === "reach")?.kind).toBe("admin");
    expect(r.evidence.rank).toBe(10);
  });

  it("fails a public function URL whose role can escalate (PassRole + CreateFunction + Invoke)", () => {
    const inv = estate({
      url: true,
      policy: [PUBLIC_URL_STATEMENT],
      roleStatements: [allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], "*")],
    });
    // The role it can pass to a new function: an administrator that Lambda may assume.
    inv.iamRoles.push(iamRole({ name: "deploy-admin", inlinePolicies: [inlinePolicy("admin", allow("*", "*"))] }));
    const [r] = run(inv);
    expect(r.status, r.message).toBe("FAIL");
    expect(r.message).toContain("can escalate");
    expect((r.evidence.chain as { step: string; kind?: string }[])[0].kind).toBe("function_url");
  });

  it("passes an exposed function whose role only reads one table, and a private function with an admin role", () => {
    const scoped = run(estate({ policy: [publicInvokeStatement("web")], roleStatements: [allow("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/orders")] }));
    expect(scoped[0].status).toBe("PASS");
    expect(scoped[0].message).toContain("reachable without authentication");
    const internal = run(estate({ roleStatements: [allow("*", "*")] }));
    expect(internal[0].status).toBe("PASS");
    expect(internal[0].message).toContain("no unauthenticated entry");
  });

  it("does not count a public grant restricted by a condition as an entry", () => {
    const conditioned: TStatement = { ...publicInvokeStatement("web"), Condition: { StringEquals: { "aws:SourceAccount": ["111122223333"] } } };
    expect(run(estate({ policy: [conditioned], roleStatements: [allow("*", "*")] }))[0].status).toBe("PASS");
  });

  it("is UNKNOWN when the role is missing from the inventory, IAM was not listed completely, or its policy could not be read", () => {
    expect(run(estate({ policy: [publicInvokeStatement("web")], roleStatements: [], withRole: false }))[0].status).toBe("UNKNOWN");
    expect(run(estate({ policy: [publicInvokeStatement("web")], roleStatements: [allow("*", "*")] }), { complete: (t: string) => !t.startsWith("iam_") })[0].status).toBe("UNKNOWN");
    const inv = estate({ policy: [publicInvokeStatement("web")], roleStatements: [] });
    inv.iamRoles = [iamRole({ name: "web-role", inlinePolicies: [{ name: "broken", policy: fetchError("MalformedPolicy") }] })];
    expect(run(inv)[0].status).toBe("UNKNOWN");
  });
});
