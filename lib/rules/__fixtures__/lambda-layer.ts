// Hand-built normalized layer version records for rule tests, parsed through ZLambdaLayerVersionRecord so a
// fixture cannot drift from what the scanner stores.
import type { TStatement } from "@/lib/aws/policy-document";
import { ZLambdaLayerVersionRecord, type TLambdaLayerVersionRecord } from "@/scanners/lambda/record";
import { emptyInventory, type RuleInventory } from "@/lib/rules/types";
import { ACCOUNT_ID, REGION, policyOf } from "./lambda-function";

export { ACCOUNT_ID, REGION };

export function layerVersionArn(name = "shared-utils", version = 1, accountId = ACCOUNT_ID, region = REGION): string {
  return `arn:aws:lambda:${region}:${accountId}:layer:${name}:${version}`;
}

/** A valid layer version of this account without a policy; `overrides` replace whole fields. */
export function layerVersion(overrides: Partial<TLambdaLayerVersionRecord> = {}): TLambdaLayerVersionRecord {
  const layerName = overrides.layerName ?? "shared-utils";
  const version = overrides.version ?? 1;
  const accountId = overrides.accountId ?? ACCOUNT_ID;
  const region = overrides.region ?? REGION;
  return ZLambdaLayerVersionRecord.parse({
    arn: layerVersionArn(layerName, version, accountId, region),
    layerArn: `arn:aws:lambda:${region}:${accountId}:layer:${layerName}`,
    layerName,
    version,
    accountId,
    region,
    description: null,
    createdDate: "2026-06-01T00:00:00.000+0000",
    compatibleRuntimes: ["python3.12"],
    compatibleArchitectures: ["x86_64"],
    licenseInfo: null,
    policy: { status: "absent" },
    ...overrides,
  });
}

/** The layer version policy with these statements. */
export function layerPolicyOf(...statements: TStatement[]): TLambdaLayerVersionRecord["policy"] {
  return policyOf(...statements);
}

/** What AddLayerVersionPermission writes for `--principal "*"` (with `--organization-id` when given). */
export function layerGrantStatement(principal: string, opts: { sid?: string; organizationId?: string; layer?: string } = {}): TStatement {
  const arn = layerVersionArn(opts.layer ?? "shared-utils", 1);
  return {
    Sid: opts.sid ?? "share",
    Effect: "Allow",
    Principal: principal === "*" ? "*" : { AWS: [/^\d{12}$/.test(principal) ? `arn:aws:iam::${principal}:root` : principal] },
    Action: ["lambda:GetLayerVersion"],
    Resource: [arn],
    ...(opts.organizationId ? { Condition: { StringEquals: { "aws:PrincipalOrgID": [opts.organizationId] } } } : {}),
  };
}

export function inventoryOfLayers(...lambdaLayerVersions: TLambdaLayerVersionRecord[]): RuleInventory {
  return { ...emptyInventory(ACCOUNT_ID), lambdaLayerVersions };
}
