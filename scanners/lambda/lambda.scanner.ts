// The Lambda scanner: one unit per (account, region). Collects functions, their resource policies, function
// URLs and the region's event source mappings; see collect.ts and normalize.ts.
import type { LambdaClients } from "@/lib/aws/clients";
import type { NormalizeResult, ScannerDefinition } from "@/scanners/types";
import { collectLambda } from "@/scanners/lambda/collect";
import { normalizeLambda } from "@/scanners/lambda/normalize";
import type { LambdaRaw } from "@/scanners/lambda/raw";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";

export const lambdaScanner = {
  id: "lambda",
  scope: "regional",
  apis: ["lambda:ListFunctions", "lambda:GetPolicy", "lambda:GetFunctionUrlConfig", "lambda:ListEventSourceMappings"],
  collect: collectLambda,
  normalize: (raw, ctx) => ({ lambda_function: normalizeLambda(raw, ctx) }),
} as const satisfies ScannerDefinition<LambdaClients, LambdaRaw, { lambda_function: NormalizeResult<TLambdaFunctionRecord> }>;
