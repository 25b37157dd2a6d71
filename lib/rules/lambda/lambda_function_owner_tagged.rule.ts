// LC-13: Security Hub Lambda.6 asks for tags; what makes a tag useful during an incident is an owner. The rule
// fails untagged functions and functions that have tags but none of the owner keys in its settings (matched
// case-insensitively, with a non-empty value). Tags with the reserved aws: prefix (CloudFormation's stack
// tags) are not the team's tags and do not count, as in Lambda.6.
import { z } from "zod";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";

type Settings = { ownerTagKeys: string[] };

function evaluateFunction(fn: TLambdaFunctionRecord, settings: Settings): RuleResult {
  const base = { resourceArn: fn.arn, resourceName: fn.name, region: fn.region };
  if (!fn.tags || fn.tags.status === "error") {
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not read the tags of function ${fn.name}: ${fn.tags?.status === "error" ? fn.tags.code : "its inventory record has no tag data"}.`,
      evidence: { tags: null, error: fn.tags?.status === "error" ? { code: fn.tags.code, message: fn.tags.message } : null },
    };
  }
  const userTags = Object.entries(fn.tags.value).filter(([k]) => !k.toLowerCase().startsWith("aws:"));
  const wanted = new Set(settings.ownerTagKeys.map((k) => k.toLowerCase()));
  const owner = userTags.find(([k, v]) => wanted.has(k.toLowerCase()) && v.trim() !== "");
  const evidence = { tagKeys: userTags.map(([k]) => k), ownerTagKeys: settings.ownerTagKeys, ownerTag: owner ? { key: owner[0], value: owner[1] } : null };

  if (userTags.length === 0) {
    return { ...base, status: "FAIL", message: `Lambda function ${fn.name} has no tags, so nothing says who owns it.`, evidence };
  }
  if (!owner) {
    return {
      ...base,
      status: "FAIL",
      message: `Lambda function ${fn.name} has ${userTags.length} tag(s) but no owner tag (${settings.ownerTagKeys.join(", ")}).`,
      evidence,
    };
  }
  return { ...base, status: "PASS", message: `Lambda function ${fn.name} is tagged with owner ${owner[0]}=${owner[1]}.`, evidence };
}

export const rule: RuleDefinition<Settings> = {
  id: "lambda_function_owner_tagged",
  catalogueId: "LC-13",
  title: "Lambda function is tagged with an owner",
  severity: "low",
  category: "lambda-configuration",
  resourceType: "lambda_function",
  description:
    "Reads each function's tags and reports functions without user tags, or without any of the owner tag keys " +
    "in this rule's settings (default owner, team). Tags starting with aws: do not count.",
  risk:
    "When a finding or an incident involves an untagged function, nobody knows whom to call or whether it is " +
    "still needed. Unowned functions are the ones left running with old runtimes and broad permissions.",
  remediation: {
    text: "Tag the function with its owning team (and cost center), and make the tag part of the deployment template.",
    cli: "aws lambda tag-resource --resource arn:aws:lambda:<region>:<account-id>:function:<function-name> --tags team=<team>",
    cloudformation: ["Function:", "  Type: AWS::Lambda::Function", "  Properties:", "    Tags:", "      - Key: team", "        Value: payments"].join("\n"),
    terraform: ['resource "aws_lambda_function" "this" {', "  # ...", "  tags = {", '    team = "payments"', "  }", "}"].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/lambda/latest/dg/configuration-tags.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-6",
  ],
  frameworks: { "aws-fsbp": ["Lambda.6"] },
  settings: {
    schema: z.object({ ownerTagKeys: z.array(z.string().min(1)).min(1) }),
    defaults: { ownerTagKeys: ["owner", "team"] },
    describe: { ownerTagKeys: "Tag keys that name a function's owner; any one of them, with a non-empty value, passes (case-insensitive)." },
  },
  evaluate(inventory, ctx) {
    return inventory.lambdaFunctions.map((fn) => evaluateFunction(fn, ctx.settings));
  },
};
