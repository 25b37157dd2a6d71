// ES-04: the customer managed KMS keys that protect functions and the resources around them rotate their key
// material automatically. Keys in use: a function's environment-variable key, its log group's key, and the keys
// of the queues, topics, buckets and tables linked to it (triggers, dead-letter queues, destinations), plus
// event source mappings' filter-criteria keys. AWS managed keys (alias/aws/...) are rotated by AWS every year.
//
// LambdaGuard's version of this check never read the rotation status, so it always fired (checks-catalogue.md):
// here an unread status is UNKNOWN, and a key type that cannot rotate automatically (imported material,
// asymmetric, HMAC, custom key store) is UNKNOWN too, since manual rotation cannot be seen.
import type { RuleDefinition, RuleInventory, RuleResult } from "@/lib/rules/types";
import type { TKmsKeyRecord } from "@/scanners/neighbours/record";
import { arnScope, describeLinks, linksOf } from "./links";

type KeyUse = { ref: string; region: string; usedBy: string };

/** Every KMS key reference of the account's functions and their linked resources. */
function keyUses(inventory: RuleInventory, shared: <T>(key: string, compute: () => T) => T): KeyUse[] {
  const uses: KeyUse[] = [];
  const add = (ref: string | null | undefined, region: string, usedBy: string) => {
    if (ref) uses.push({ ref, region, usedBy });
  };
  for (const fn of inventory.lambdaFunctions) {
    add(fn.kmsKeyArn, fn.region, `environment variables of function ${fn.name}`);
    const groupName = fn.logging?.logGroup ?? `/aws/lambda/${fn.name}`;
    const group = inventory.logGroups.find((g) => g.region === fn.region && g.name === groupName);
    add(group?.kmsKeyId, fn.region, `log group ${groupName} of function ${fn.name}`);
  }
  for (const m of inventory.lambdaEventSourceMappings) add(m.kmsKeyArn, m.region, `filter criteria of event source mapping ${m.uuid}`);
  const links = linksOf(inventory, shared).byResource;
  const linked = (arn: string) => links.get(arn) ?? [];
  for (const q of inventory.sqsQueues) {
    if (linked(q.arn).length && q.encryption.status === "ok") add(q.encryption.value.kmsMasterKeyId, q.region, `SQS queue ${q.name} (${describeLinks(linked(q.arn))})`);
  }
  for (const t of inventory.snsTopics) {
    if (linked(t.arn).length && t.encryption.status === "ok") add(t.encryption.value.kmsMasterKeyId, t.region, `SNS topic ${t.name} (${describeLinks(linked(t.arn))})`);
  }
  for (const b of inventory.s3Buckets) {
    if (!linked(b.arn).length || b.encryption.status !== "ok") continue;
    for (const r of b.encryption.value.rules) add(r.kmsKeyId, b.region, `S3 bucket ${b.name} (${describeLinks(linked(b.arn))})`);
  }
  for (const t of inventory.dynamodbTables) {
    if (linked(t.arn).length && t.details.status === "ok") add(t.details.value.sse?.kmsMasterKeyArn, t.region, `DynamoDB table ${t.name} (${describeLinks(linked(t.arn))})`);
  }
  return uses;
}

/** The key a reference names: a key ARN, an alias ARN, an alias name or a key id (in the referencing region). */
function resolve(use: KeyUse, keys: TKmsKeyRecord[]): { key: TKmsKeyRecord } | { region: string; account: string | null; awsManaged: boolean } {
  let region = use.region;
  let account: string | null = null;
  let id = use.ref;
  if (use.ref.startsWith("arn:")) {
    const scope = arnScope(use.ref);
    region = scope.region;
    account = scope.account;
    id = use.ref.split(":").slice(5).join(":");
  }
  const inRegion = keys.filter((k) => k.region === region && (account === null || k.accountId === account));
  const key = id.startsWith("alias/")
    ? inRegion.find((k) => k.aliases.includes(id))
    : inRegion.find((k) => k.keyId === id.replace(/^key\//, ""));
  if (key) return { key };
  return { region, account, awsManaged: id.startsWith("alias/aws/") };
}

export const rule: RuleDefinition = {
  id: "kms_key_of_serverless_resource_rotation_enabled",
  catalogueId: "ES-04",
  title: "KMS key that protects a Lambda function or its event sources rotates automatically",
  severity: "medium",
  category: "event-sources",
  resourceType: "kms_key",
  description:
    "Collects the KMS keys in use by Lambda functions (environment variables, log groups, event source mapping " +
    "filters) and by the queues, topics, buckets and tables linked to them, resolves aliases and key ids, and " +
    "checks that each customer managed key has automatic rotation enabled. AWS managed keys pass: AWS rotates them " +
    "every year. Keys in other accounts are not judged.",
  risk:
    "Key material that never rotates protects ever more data for ever longer: if it is exposed, everything ever " +
    "encrypted under it is. Rotation also caps how much ciphertext one key version protects.",
  remediation: {
    text: "Enable automatic rotation on the customer managed key (every 365 days by default, 90 to 2560 days).",
    cli: "aws kms enable-key-rotation --key-id <key-id> --rotation-period-in-days 365",
    cloudformation: ["Key:", "  Type: AWS::KMS::Key", "  Properties:", "    EnableKeyRotation: true", "    RotationPeriodInDays: 365"].join("\n"),
    terraform: ['resource "aws_kms_key" "this" {', "  enable_key_rotation     = true", "  rotation_period_in_days = 365", "}"].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html#kms-4",
  ],
  evaluate(inventory, ctx) {
    const byKey = new Map<string, { key: TKmsKeyRecord; usedBy: string[] }>();
    const unresolved = new Map<string, { region: string; usedBy: string[] }>();
    for (const use of keyUses(inventory, ctx.shared)) {
      const r = resolve(use, inventory.kmsKeys);
      if ("key" in r) {
        const entry = byKey.get(r.key.arn) ?? { key: r.key, usedBy: [] };
        entry.usedBy.push(use.usedBy);
        byKey.set(r.key.arn, entry);
      } else if (!r.awsManaged && (r.account === null || r.account === inventory.accountId) && !ctx.complete("kms_key", r.region)) {
        // In this account but its region's keys were not listed completely: it may be any key.
        const entry = unresolved.get(use.ref) ?? { region: r.region, usedBy: [] };
        entry.usedBy.push(use.usedBy);
        unresolved.set(use.ref, entry);
      }
      // Otherwise: another account's key, an AWS managed key AWS creates on first use, or a key that no longer
      // exists (the resource cannot decrypt: a broken dependency, not a rotation finding).
    }

    const results: RuleResult[] = [];
    for (const { key, usedBy } of byKey.values()) {
      const base = { resourceArn: key.arn, resourceName: key.name, region: key.region };
      const uses = [...new Set(usedBy)];
      const evidence = { usedBy: uses, aliases: key.aliases, metadata: key.metadata, rotation: key.rotation };
      const where = `KMS key ${key.name}, used by ${uses.join("; ")},`;
      if (key.metadata.status === "ok" && key.metadata.value.keyManager === "AWS") {
        results.push({ ...base, status: "PASS", message: `${where} is an AWS managed key, which AWS rotates every year.`, evidence });
      } else if (key.rotation.status === "error") {
        results.push({ ...base, status: "UNKNOWN", message: `Could not read the rotation status of KMS key ${key.name}: ${key.rotation.code}.`, evidence });
      } else if (key.rotation.status === "not_applicable") {
        results.push({ ...base, status: "UNKNOWN", message: `${where} cannot rotate automatically (${key.rotation.reason}); whether it is rotated by hand cannot be seen.`, evidence });
      } else if (key.rotation.value.enabled) {
        const every = key.rotation.value.periodDays ? ` every ${key.rotation.value.periodDays} days` : "";
        results.push({ ...base, status: "PASS", message: `${where} rotates automatically${every}.`, evidence });
      } else {
        results.push({ ...base, status: "FAIL", message: `${where} does not rotate its key material automatically.`, evidence });
      }
    }
    for (const [ref, { region, usedBy }] of unresolved) {
      results.push({
        status: "UNKNOWN",
        resourceArn: ref,
        resourceName: ref.split("/").pop() ?? ref,
        region,
        message: `Could not check KMS key ${ref}, used by ${[...new Set(usedBy)].join("; ")}: the ${region} listing of KMS keys did not complete.`,
        evidence: { usedBy },
      });
    }
    return results;
  },
};
