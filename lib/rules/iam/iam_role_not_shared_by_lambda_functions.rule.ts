// one execution role per Lambda function (CloudSploit lambdaUniqueExecutionRole). The finding is about
// the role (resourceType iam_role); its evidence lists the functions that use it, in every region, through
// $LATEST or a published version (a version keeps the role it was published with).
//
// A function deployed under the same name in several regions counts once: it is the same code with the same
// needs (a multi-region deployment), not a second function sharing the role.
//
// Joins lambda_function: a role seen with one function is UNKNOWN, not PASS, while a region's function list
// (or a function's version list) is incomplete, since the missing part could hold a second user. Two or more
// functions are a FAIL whatever is missing, as more data can only add users. Roles used by no function are
// not execution roles and get no result.
import type { RuleDefinition, RuleInventory, RuleResult } from "@/lib/rules/types";
import type { TIamRoleRecord } from "@/scanners/iam/record";
import { isServiceLinkedRole } from "@/lib/analysis/iam-trust";
import { roleBase } from "./trust-rules";

type FunctionUse = { name: string; arn: string; region: string; via: string[] };

/** IAM role names are unique per account regardless of case, and the path is not part of the identity. */
function roleKey(arn: string): string | null {
  const m = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m ? `${m[1]}|${m[2].toLowerCase()}` : null;
}

function usesByRole(inventory: RuleInventory): Map<string, FunctionUse[]> {
  const out = new Map<string, FunctionUse[]>();
  for (const fn of inventory.lambdaFunctions) {
    const vias = new Map<string, string[]>();
    const add = (roleArn: string | null, via: string) => {
      const key = roleArn ? roleKey(roleArn) : null;
      if (key) vias.set(key, [...(vias.get(key) ?? []), via]);
    };
    add(fn.roleArn, "$LATEST");
    if (fn.versions?.status === "ok") for (const v of fn.versions.value) add(v.roleArn, `version ${v.version}`);
    for (const [key, via] of vias) {
      out.set(key, [...(out.get(key) ?? []), { name: fn.name, arn: fn.arn, region: fn.region, via }]);
    }
  }
  return out;
}

/** Function names with the regions each runs in, e.g. "orders-api (us-east-1, eu-west-1)". */
function byName(uses: FunctionUse[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const u of uses) out.set(u.name, [...new Set([...(out.get(u.name) ?? []), u.region])].sort());
  return out;
}

function listNames(names: Map<string, string[]>): string {
  const labels = [...names].map(([name, regions]) => (regions.length > 1 ? `${name} (${regions.join(", ")})` : name));
  return labels.length > 5 ? `${labels.slice(0, 5).join(", ")} and ${labels.length - 5} more` : labels.join(", ");
}

export const rule: RuleDefinition = {
  id: "iam_role_not_shared_by_lambda_functions",
  catalogueId: "R-12",
  title: "Lambda execution role is used by a single function",
  severity: "medium",
  category: "iam",
  resourceType: "iam_role",
  description:
    "Counts the Lambda functions, in every region, whose current configuration or a published version uses " +
    "each IAM role as execution role, and reports roles used by more than one function. A function deployed " +
    "under the same name in several regions counts once. Roles that no function uses are not judged.",
  risk:
    "A shared role carries the union of what every function needs, so each function runs with permissions it " +
    "does not use, and a flaw in any one of them exposes the data of all. Least privilege per function is no " +
    "longer possible without splitting the role.",
  remediation: {
    text:
      "Give each function its own role with only the permissions it uses (SAM and the console create one per " +
      "function), then point each function at its new role and delete the shared one once no version uses it.",
    cli: [
      "aws iam create-role --role-name <function-name>-role --path /service-role/ \\",
      "  --assume-role-policy-document '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}'",
      "aws iam put-role-policy --role-name <function-name>-role --policy-name <function-name>-policy --policy-document file://function-policy.json",
      "aws lambda update-function-configuration --function-name <function-name> --role arn:aws:iam::<account-id>:role/service-role/<function-name>-role",
    ].join("\n"),
    cloudformation: [
      "FunctionRole:",
      "  Type: AWS::IAM::Role",
      "  Properties:",
      "    AssumeRolePolicyDocument:",
      "      Version: '2012-10-17'",
      "      Statement:",
      "        - Effect: Allow",
      "          Principal: { Service: lambda.amazonaws.com }",
      "          Action: sts:AssumeRole",
      "    ManagedPolicyArns:",
      "      - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
      "Function:",
      "  Type: AWS::Lambda::Function",
      "  Properties:",
      "    Role: !GetAtt FunctionRole.Arn",
    ].join("\n"),
    terraform: [
      'resource "aws_iam_role" "function" {',
      "  for_each           = toset(var.function_names)",
      '  name               = "${each.key}-role"',
      "  assume_role_policy = data.aws_iam_policy_document.lambda_trust.json",
      "}",
      "",
      'resource "aws_lambda_function" "this" {',
      "  for_each = toset(var.function_names)",
      "  role     = aws_iam_role.function[each.key].arn",
      "  # ...",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
  ],
  evaluate(inventory, ctx) {
    const uses = usesByRole(inventory);
    const regions = [...new Set(inventory.lambdaFunctions.map((f) => f.region))].sort();
    const incompleteRegions = regions.filter((r) => !ctx.complete("lambda_function", r));
    const unreadVersions = inventory.lambdaFunctions.filter((f) => f.versions?.status !== "ok").map((f) => f.arn);

    return inventory.iamRoles.flatMap((role: TIamRoleRecord): RuleResult[] => {
      if (isServiceLinkedRole(role)) return [];
      const key = roleKey(role.arn);
      const users = key ? (uses.get(key) ?? []) : [];
      if (users.length === 0) return [];
      const names = byName(users);
      const evidence = { functions: users, functionCount: names.size, incompleteRegions, functionsWithUnreadVersions: unreadVersions };
      if (names.size > 1) {
        return [{
          ...roleBase(role),
          status: "FAIL",
          message: `IAM role ${role.name} is the execution role of ${names.size} Lambda functions: ${listNames(names)}.`,
          evidence,
        }];
      }
      if (incompleteRegions.length > 0 || unreadVersions.length > 0) {
        const gap = incompleteRegions.length
          ? `the functions of ${incompleteRegions.join(", ")} were not all listed`
          : `the versions of ${unreadVersions.length} function${unreadVersions.length === 1 ? "" : "s"} could not be read`;
        return [{
          ...roleBase(role),
          status: "UNKNOWN",
          message: `Could not tell whether IAM role ${role.name} is shared: it is the execution role of ${listNames(names)}, but ${gap}.`,
          evidence,
        }];
      }
      return [{
        ...roleBase(role),
        status: "PASS",
        message: `IAM role ${role.name} is the execution role of one Lambda function, ${listNames(names)}.`,
        evidence,
      }];
    });
  },
};
