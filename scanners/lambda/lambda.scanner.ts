// The Lambda scanner: one unit per (account, region). Collects functions with their configuration, versions,
// aliases, resource policies (per qualifier), URLs, concurrency, invoke configs, code signing, tags and
// recursion config; the region's event source mappings, layer versions with their policies and account
// settings. See collect.ts and normalize.ts; triggers.ts derives each function's triggers.
import type { LambdaClients } from "@/lib/aws/clients";
import type { ScannerDefinition } from "@/scanners/types";
import { collectLambda } from "@/scanners/lambda/collect";
import { normalizeLambda, type LambdaScanOutput } from "@/scanners/lambda/normalize";
import type { LambdaRaw } from "@/scanners/lambda/raw";

export const lambdaScanner = {
  id: "lambda",
  scope: "regional",
  apis: [
    "lambda:ListFunctions",
    "lambda:GetPolicy",
    "lambda:ListVersionsByFunction",
    "lambda:ListAliases",
    "lambda:ListFunctionUrlConfigs",
    "lambda:GetFunctionUrlConfig",
    "lambda:GetFunctionConcurrency",
    "lambda:ListProvisionedConcurrencyConfigs",
    "lambda:ListFunctionEventInvokeConfigs",
    "lambda:GetFunctionEventInvokeConfig",
    "lambda:GetFunctionCodeSigningConfig",
    "lambda:ListTags",
    "lambda:GetFunctionRecursionConfig",
    "lambda:ListEventSourceMappings",
    "lambda:ListLayers",
    "lambda:ListLayerVersions",
    "lambda:GetLayerVersionPolicy",
    "lambda:GetAccountSettings",
  ],
  collect: collectLambda,
  normalize: normalizeLambda,
} as const satisfies ScannerDefinition<LambdaClients, LambdaRaw, LambdaScanOutput>;
