// LX-08 (functions): every layer a function loads must come from this account, an account the installation
// trusts, or a publisher this rule trusts by setting (by default the AWS accounts that publish Powertools
// for AWS Lambda). A layer's code runs inside the function with its role's permissions, so a layer owned
// by someone else is code the function's owners do not control. The other half of LX-08, a layer version
// this account shares with everyone, is lambda_layer_version_not_public.
import { z } from "zod";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import type { InstallationSettings, RuleDefinition, RuleResult } from "@/lib/rules/types";

type Settings = { trustedLayerAccounts: string[] };

/**
 * Publisher accounts of AWS-maintained layers, from their documentation: Powertools for AWS Lambda (Python)
 * 017000801446 and (TypeScript) 094274105915, the same account in every commercial region.
 */
const DEFAULT_TRUSTED_LAYER_ACCOUNTS = ["017000801446", "094274105915"];

type LayerRef = { arn: string; account: string | null; name: string | null; version: string | null };

/** arn:<partition>:lambda:<region>:<account>:layer:<name>:<version> */
function parseLayerArn(arn: string): LayerRef {
  const parts = arn.split(":");
  const ok = parts.length === 8 && parts[0] === "arn" && parts[2] === "lambda" && parts[5] === "layer" && /^\d{12}$/.test(parts[4]);
  return ok ? { arn, account: parts[4], name: parts[6], version: parts[7] } : { arn, account: null, name: null, version: null };
}

function evaluateFunction(fn: TLambdaFunctionRecord, installation: InstallationSettings, settings: Settings): RuleResult {
  const base = { resourceArn: fn.arn, resourceName: fn.name, region: fn.region };
  const layers = (fn.layers ?? []).map((l) => parseLayerArn(l.arn));
  const trusted = new Set([fn.accountId, ...installation.trustedAccountIds, ...settings.trustedLayerAccounts]);
  const foreign = layers.filter((l) => l.account !== null && !trusted.has(l.account));
  const unreadable = layers.filter((l) => l.account === null);
  const evidence = {
    layers: layers.map((l) => ({
      arn: l.arn,
      account: l.account,
      owner: l.account === null ? "unknown" : l.account === fn.accountId ? "this account" : trusted.has(l.account) ? "trusted" : "untrusted",
    })),
    trustedLayerAccounts: settings.trustedLayerAccounts,
    trustedAccountIds: installation.trustedAccountIds,
  };

  if (!fn.layers) {
    return { ...base, status: "UNKNOWN", message: `Could not determine the layers of function ${fn.name}: its inventory record has no layer data.`, evidence };
  }
  if (foreign.length > 0) {
    const accounts = [...new Set(foreign.map((l) => l.account))];
    const message =
      foreign.length === 1
        ? `Lambda function ${fn.name} loads layer ${foreign[0].name}:${foreign[0].version} from account ${foreign[0].account}, which is not a trusted account.`
        : `Lambda function ${fn.name} loads ${foreign.length} layers from untrusted accounts ${accounts.join(", ")}: ${foreign.map((l) => l.arn).join(", ")}.`;
    return { ...base, status: "FAIL", message, evidence };
  }
  if (unreadable.length > 0) {
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not determine the owner of layer ${unreadable[0].arn} used by function ${fn.name}: the ARN does not name an account.`,
      evidence,
    };
  }
  if (layers.length === 0) return { ...base, status: "PASS", message: `Lambda function ${fn.name} uses no layers.`, evidence };
  const own = layers.every((l) => l.account === fn.accountId);
  return {
    ...base,
    status: "PASS",
    message: own
      ? `Lambda function ${fn.name} uses only layers from its own account.`
      : `Lambda function ${fn.name} uses only layers from its own account and trusted publishers.`,
    evidence,
  };
}

export const rule: RuleDefinition<Settings> = {
  id: "lambda_function_layers_from_trusted_accounts",
  catalogueId: "LX-08",
  title: "Lambda function uses layers only from trusted accounts",
  severity: "high",
  category: "lambda-exposure",
  resourceType: "lambda_function",
  description:
    "Reads the layer ARNs of each function and reports layers published by an account other than the function's " +
    "own, the installation's trusted accounts, and the trusted layer publishers in this rule's settings (by " +
    "default the AWS accounts that publish Powertools for AWS Lambda).",
  risk:
    "A layer's code runs inside the function with the execution role's permissions and sees every event. A layer " +
    "published by another account is a supply-chain dependency its owners control: a compromised or malicious " +
    "publisher can ship code that reads secrets or calls AWS on the function's behalf.",
  remediation: {
    text:
      "Copy the layer's content into a layer your account publishes after reviewing it, or add the publisher to " +
      "the trusted layer accounts if you accept it. Pin functions to a reviewed layer version.",
    cli:
      "aws lambda get-layer-version-by-arn --arn <layer-version-arn> --query Content.Location --output text  # download and review\n" +
      "aws lambda publish-layer-version --layer-name <name> --zip-file fileb://layer.zip --compatible-runtimes <runtime>\n" +
      "aws lambda update-function-configuration --function-name <function-name> --layers <own-layer-version-arn>",
    cloudformation: [
      "SharedLayer:",
      "  Type: AWS::Lambda::LayerVersion",
      "  Properties:",
      "    LayerName: shared-utils",
      "    Content:",
      "      S3Bucket: <artifact-bucket>",
      "      S3Key: layers/shared-utils.zip",
      "Function:",
      "  Type: AWS::Lambda::Function",
      "  Properties:",
      "    Layers:",
      "      - !Ref SharedLayer",
    ].join("\n"),
    terraform: [
      'resource "aws_lambda_layer_version" "shared_utils" {',
      '  layer_name = "shared-utils"',
      '  filename   = "shared-utils.zip"',
      "}",
      "",
      'resource "aws_lambda_function" "this" {',
      "  # ...",
      "  layers = [aws_lambda_layer_version.shared_utils.arn]",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html",
    "https://docs.aws.amazon.com/lambda/latest/dg/permissions-layer-cross-account.html",
    "https://docs.aws.amazon.com/powertools/typescript/latest/getting-started/lambda-layers",
  ],
  settings: {
    schema: z.object({ trustedLayerAccounts: z.array(z.string().regex(/^\d{12}$/)) }),
    defaults: { trustedLayerAccounts: DEFAULT_TRUSTED_LAYER_ACCOUNTS },
    describe: {
      trustedLayerAccounts:
        "Accounts whose published layers functions may use, besides this account and the installation's trusted accounts (default: the Powertools for AWS Lambda publishers).",
    },
  },
  evaluate(inventory, ctx) {
    return inventory.lambdaFunctions.map((fn) => evaluateFunction(fn, ctx.installation, ctx.settings));
  },
};
