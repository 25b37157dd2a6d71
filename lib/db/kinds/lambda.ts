// Lambda resource kinds: how each normalized record maps to its table's typed columns.
import type { ResourceKindSpec } from "../resource-store";
import { ZLambdaFunctionRecord, type TLambdaFunctionRecord } from "@/scanners/lambda/record";

export const lambdaFunctionKind: ResourceKindSpec<TLambdaFunctionRecord> = {
  resourceType: "lambda_function",
  label: "Lambda functions",
  model: "lambdaFunction",
  schema: ZLambdaFunctionRecord,
  name: (r) => r.name,
  columns: (r) => ({
    runtime: r.runtime,
    packageType: r.packageType,
    roleArn: r.roleArn,
    handler: r.handler,
    memorySize: r.memorySize,
    timeout: r.timeout,
    lastModified: r.lastModified,
    hasPolicy: r.policy.status === "error" ? null : r.policy.status === "ok",
    urlAuthType: r.url.status === "ok" ? r.url.value.authType : null,
  }),
};
