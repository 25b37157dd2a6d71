// SA-03 shared: judge an API's deployed endpoints against the newest OpenAPI document uploaded for it.
import type { Endpoint } from "@/lib/analysis/endpoints";
import { openApiDrift } from "@/lib/analysis/openapi-drift";
import type { RuleInventory, RuleResult, TOpenApiDocument } from "@/lib/rules/types";
import { listOf, plural } from "@/lib/rules/apigateway/support";

export function documentFor(inventory: RuleInventory, apiArn: string): TOpenApiDocument | null {
  const docs = inventory.openApiDocuments.filter((d) => d.apiArn === apiArn);
  if (docs.length === 0) return null;
  return docs.reduce((a, b) => (Date.parse(b.uploadedAt) > Date.parse(a.uploadedAt) ? b : a));
}

export function judgeDrift(
  base: Pick<RuleResult, "resourceArn" | "resourceName" | "region">,
  what: string,
  doc: TOpenApiDocument | null,
  deployed: Endpoint[],
): RuleResult {
  if (!doc) {
    return {
      ...base,
      status: "UNKNOWN",
      message: `No OpenAPI document was uploaded for ${what}, so its deployed routes cannot be compared with a declared contract.`,
      evidence: { document: null },
    };
  }
  const ops = deployed.map((e) => ({ method: e.method, path: e.path, label: e.label, isCorsPreflight: e.isCorsPreflight }));
  const drift = openApiDrift(ops, doc.document);
  const docInfo = { uploadedAt: doc.uploadedAt, uploadedBy: doc.uploadedBy };
  if ("error" in drift) {
    return { ...base, status: "UNKNOWN", message: `Could not read the OpenAPI document uploaded for ${what}: ${drift.error}`, evidence: { document: docInfo, error: drift.error } };
  }
  const evidence = {
    document: { ...docInfo, format: drift.format, basePath: drift.basePath },
    undocumented: drift.undocumented.map((o) => o.label),
    undeployed: drift.undeployed.map((o) => `${o.method} ${o.path}`),
    ignoredPreflight: drift.ignoredPreflight.map((o) => o.label),
    matched: drift.matched.length,
  };
  if (drift.undocumented.length > 0) {
    return {
      ...base,
      status: "FAIL",
      message: `${what[0].toUpperCase()}${what.slice(1)} serves ${plural(drift.undocumented.length, "route")} its OpenAPI document does not declare: ${listOf(drift.undocumented.map((o) => o.label))}.`,
      evidence,
    };
  }
  const undeployed = drift.undeployed.length ? ` (${plural(drift.undeployed.length, "declared operation")} not deployed)` : "";
  return { ...base, status: "PASS", message: `Every route ${what} serves is declared in its OpenAPI document${undeployed}.`, evidence };
}

export const OPENAPI_REMEDIATION = {
  text:
    "Add the undeclared routes to the API's OpenAPI document if they are intended (and review their " +
    "authorization), or delete them and redeploy. Keep the document as the source the API is deployed from.",
  cli: "aws apigateway get-export --rest-api-id <api-id> --stage-name <stage> --export-type oas30 deployed.json",
};
