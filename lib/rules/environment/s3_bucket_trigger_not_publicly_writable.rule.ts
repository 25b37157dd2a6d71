// ES-02 (S3): a bucket that triggers functions must not let anyone write objects: every upload (or delete,
// restore, tag) by a stranger becomes an event the function processes. Two paths: the bucket policy
// (condition-aware, trigger-exposure.ts) and the ACL (AllUsers / AuthenticatedUsers with WRITE or FULL_CONTROL,
// ignored when Object Ownership is BucketOwnerEnforced). Block Public Access cancels them: RestrictPublicBuckets
// the policy path, IgnorePublicAcls the ACL path.
//
// Lantern reads the bucket-level Block Public Access setting; the account-level one needs the S3 Control API,
// which it does not call yet. A path that only the account-level setting could still close is therefore
// UNKNOWN, never FAIL (a value Lantern could not read never decides a verdict).
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import type { TS3BucketRecord } from "@/scanners/neighbours/record";
import { describeLinks } from "./links";
import { assessPolicyWrite, publicStatementLabels, triggersOf, writeEvidence, type WriteAssessment } from "./trigger-exposure";

/** Object writes S3 can send event notifications for (created, removed, restored, tagged, ACL changed). */
const WRITE_ACTIONS = [
  "s3:PutObject",
  "s3:DeleteObject",
  "s3:DeleteObjectVersion",
  "s3:RestoreObject",
  "s3:PutObjectAcl",
  "s3:PutObjectTagging",
  "s3:DeleteObjectTagging",
] as const;

const PUBLIC_GROUPS: Record<string, string> = {
  "http://acs.amazonaws.com/groups/global/AllUsers": "AllUsers (anyone)",
  "http://acs.amazonaws.com/groups/global/AuthenticatedUsers": "AuthenticatedUsers (any AWS account)",
};
const WRITE_PERMISSIONS = new Set(["WRITE", "FULL_CONTROL"]);

type Path = { open: boolean } | { unknown: string };

function aclPath(b: TS3BucketRecord): { path: Path; grants: unknown[] } {
  if (b.objectOwnership.status === "ok" && b.objectOwnership.value === "BucketOwnerEnforced") return { path: { open: false }, grants: [] };
  if (b.acl.status === "error") return { path: { unknown: `its ACL could not be read (${b.acl.code})` }, grants: [] };
  const grants = b.acl.value.grants.filter((g) => g.granteeUri && PUBLIC_GROUPS[g.granteeUri] && g.permission && WRITE_PERMISSIONS.has(g.permission));
  if (grants.length === 0) return { path: { open: false }, grants };
  // Public write grants exist; they count unless ACLs are off, which needs the ownership setting.
  if (b.objectOwnership.status === "error") return { path: { unknown: `its Object Ownership could not be read (${b.objectOwnership.code})` }, grants };
  return { path: { open: true }, grants };
}

function blockedAtBucket(b: TS3BucketRecord, flag: "restrictPublicBuckets" | "ignorePublicAcls"): boolean | null {
  if (b.publicAccessBlock.status === "error") return null;
  return b.publicAccessBlock.status === "ok" && b.publicAccessBlock.value[flag];
}

export const rule: RuleDefinition = {
  id: "s3_bucket_trigger_not_publicly_writable",
  catalogueId: "ES-02",
  title: "S3 bucket that triggers a Lambda function does not let anyone write objects",
  severity: "high",
  category: "event-sources",
  resourceType: "s3_bucket",
  description:
    "For each S3 bucket whose event notifications invoke a Lambda function (or that a function's policy names as " +
    "its source), reads the bucket policy, ACL, Object Ownership and bucket-level Block Public Access. Reports " +
    "policy statements that let anyone put, delete, restore or tag objects without a restricting condition, and ACL " +
    "grants of WRITE or FULL_CONTROL to AllUsers or AuthenticatedUsers, unless Block Public Access cancels them. The " +
    "account-level Block Public Access setting is not read yet: a grant only it could cancel is UNKNOWN.",
  risk:
    "Anyone can upload or change objects in the bucket, and each change triggers the function with its execution " +
    "role's permissions: crafted files reach parsers (image, PDF, archive handlers are classic targets), and bulk " +
    "uploads run up Lambda and S3 cost.",
  remediation: {
    text:
      "Turn on Block Public Access for the bucket (and the account), remove policy statements that let anyone " +
      "write, and disable ACLs with Object Ownership set to BucketOwnerEnforced.",
    cli:
      "aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration " +
      "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true\n" +
      "aws s3api put-bucket-ownership-controls --bucket <bucket> --ownership-controls Rules=[{ObjectOwnership=BucketOwnerEnforced}]",
    cloudformation: [
      "Bucket:",
      "  Type: AWS::S3::Bucket",
      "  Properties:",
      "    PublicAccessBlockConfiguration:",
      "      BlockPublicAcls: true",
      "      IgnorePublicAcls: true",
      "      BlockPublicPolicy: true",
      "      RestrictPublicBuckets: true",
      "    OwnershipControls:",
      "      Rules:",
      "        - ObjectOwnership: BucketOwnerEnforced",
    ].join("\n"),
    terraform: [
      'resource "aws_s3_bucket_public_access_block" "this" {',
      "  bucket                  = aws_s3_bucket.this.id",
      "  block_public_acls       = true",
      "  ignore_public_acls      = true",
      "  block_public_policy     = true",
      "  restrict_public_buckets = true",
      "}",
      "",
      'resource "aws_s3_bucket_ownership_controls" "this" {',
      "  bucket = aws_s3_bucket.this.id",
      "  rule {",
      '    object_ownership = "BucketOwnerEnforced"',
      "  }",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html",
    "https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html",
  ],
  evaluate(inventory, ctx) {
    const results: RuleResult[] = [];
    for (const b of inventory.s3Buckets) {
      const triggers = triggersOf(inventory, ctx, b.arn);
      if (triggers.length === 0) continue;
      const base = { resourceArn: b.arn, resourceName: b.name, region: b.region };
      const who = `S3 bucket ${b.name}, which triggers ${describeLinks(triggers)},`;
      const policy: WriteAssessment = assessPolicyWrite(b.policy, b.accountId, WRITE_ACTIONS, ctx);
      const acl = aclPath(b);
      const restrict = blockedAtBucket(b, "restrictPublicBuckets");
      const ignoreAcls = blockedAtBucket(b, "ignorePublicAcls");
      const evidence = {
        triggers,
        ...writeEvidence(policy),
        publicWriteAclGrants: acl.grants,
        objectOwnership: b.objectOwnership,
        bucketPublicAccessBlock: b.publicAccessBlock,
        accountPublicAccessBlock: "not read",
      };

      const unknowns: string[] = [];
      const open: string[] = [];
      if (policy.status === "unknown") unknowns.push(`its policy could not be read (${policy.code})`);
      else if (policy.status === "public") {
        if (restrict === null) unknowns.push("its Block Public Access setting could not be read");
        else if (!restrict) open.push(`its policy lets anyone write objects (statement ${publicStatementLabels(policy)})`);
      }
      if ("unknown" in acl.path) unknowns.push(acl.path.unknown);
      else if (acl.path.open) {
        const who = acl.grants.map((g) => PUBLIC_GROUPS[(g as { granteeUri: string }).granteeUri]).join(", ");
        if (ignoreAcls === null) unknowns.push("its Block Public Access setting could not be read");
        else if (!ignoreAcls) open.push(`its ACL grants write access to ${who}`);
      }

      if (open.length > 0) {
        results.push({
          ...base,
          status: "UNKNOWN",
          message: `${who} is writable by anyone at bucket level (${open.join("; ")}), unless the account's Block Public Access setting overrides it, which Lantern does not read yet.`,
          evidence,
        });
      } else if (unknowns.length > 0) {
        results.push({ ...base, status: "UNKNOWN", message: `Could not determine whether anyone can write to S3 bucket ${b.name}: ${[...new Set(unknowns)].join("; ")}.`, evidence });
      } else {
        const blocked = policy.status === "public" || ("open" in acl.path && acl.path.open) ? " (Block Public Access cancels its public grants)" : "";
        results.push({ ...base, status: "PASS", message: `${who} does not let anyone write objects${blocked}.`, evidence });
      }
    }
    return results;
  },
};
