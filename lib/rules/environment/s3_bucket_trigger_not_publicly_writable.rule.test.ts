import { describe, expect, it } from "vitest";
import { testContext } from "@/lib/rules/context";
import { fetchError, functionArn } from "@/lib/rules/__fixtures__/lambda-function";
import { bucketArn, inventoryWith, policyTriggered, resourcePolicy, s3Bucket } from "@/lib/rules/__fixtures__/neighbours";
import type { TS3BucketRecord } from "@/scanners/neighbours/record";
import { rule } from "./s3_bucket_trigger_not_publicly_writable.rule";

const B = bucketArn("user-uploads");
const fn = policyTriggered("image-thumbnailer", "s3", B);
const anyoneUploads = { Sid: "AnyoneUploads", Effect: "Allow" as const, Principal: "*" as const, Action: ["s3:PutObject"], Resource: [`${B}/*`] };
const noBlock = { status: "absent" as const };
const aclsOn = { status: "absent" as const };
const publicWriteAcl: TS3BucketRecord["acl"] = {
  status: "ok",
  value: {
    ownerId: "c0ffee",
    grants: [
      { granteeType: "CanonicalUser", granteeId: "c0ffee", granteeUri: null, permission: "FULL_CONTROL" },
      { granteeType: "Group", granteeId: null, granteeUri: "http://acs.amazonaws.com/groups/global/AllUsers", permission: "WRITE" },
    ],
  },
};
const one = (bucket: Partial<TS3BucketRecord>) => {
  const results = rule.evaluate(inventoryWith({ s3Buckets: [s3Bucket({ name: "user-uploads", ...bucket })], lambdaFunctions: [fn] }), testContext(rule));
  expect(results).toHaveLength(1);
  return results[0];
};

describe("s3_bucket_trigger_not_publicly_writable", () => {
  it("returns nothing without buckets, and does not judge a bucket that triggers nothing", () => {
    expect(rule.evaluate(inventoryWith({}), testContext(rule))).toEqual([]);
    expect(rule.evaluate(inventoryWith({ s3Buckets: [s3Bucket({ policy: resourcePolicy(anyoneUploads), publicAccessBlock: noBlock })] }), testContext(rule))).toEqual([]);
  });

  it("passes a private trigger bucket (demo: acme-user-uploads)", () => {
    const r = one({});
    expect(r).toMatchObject({ status: "PASS", resourceArn: B, message: "S3 bucket user-uploads, which triggers image-thumbnailer (trigger), does not let anyone write objects." });
  });

  it("links a bucket through its notification configuration too", () => {
    const bucket = s3Bucket({
      name: "user-uploads",
      notifications: { status: "ok", value: { lambdaFunctionArns: [functionArn("image-thumbnailer")], queueArns: [], topicArns: [], eventBridge: false } },
    });
    const [r] = rule.evaluate(inventoryWith({ s3Buckets: [bucket] }), testContext(rule));
    expect(r.message).toContain("which triggers image-thumbnailer (bucket notification)");
  });

  it("is UNKNOWN, not FAIL, for a public write policy only account-level Block Public Access could cancel", () => {
    const r = one({ policy: resourcePolicy(anyoneUploads), publicAccessBlock: noBlock });
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toBe(
      'S3 bucket user-uploads, which triggers image-thumbnailer (trigger), is writable by anyone at bucket level (its policy lets anyone write objects (statement "AnyoneUploads")), unless the account\'s Block Public Access setting overrides it, which Lantern does not read yet.',
    );
    expect(r.evidence).toMatchObject({ accountPublicAccessBlock: "not read", publicStatements: [expect.objectContaining({ sid: "AnyoneUploads" })] });
  });

  it("is UNKNOWN likewise for an AllUsers WRITE ACL grant while ACLs are enabled", () => {
    const r = one({ acl: publicWriteAcl, objectOwnership: aclsOn, publicAccessBlock: noBlock });
    expect(r.status).toBe("UNKNOWN");
    expect(r.message).toContain("its ACL grants write access to AllUsers (anyone)");
  });

  it("passes public grants that bucket-level Block Public Access cancels, and ACL grants on a bucket with ACLs disabled", () => {
    const blocked = one({ policy: resourcePolicy(anyoneUploads), acl: publicWriteAcl, objectOwnership: aclsOn });
    expect(blocked).toMatchObject({ status: "PASS" });
    expect(blocked.message).toContain("Block Public Access cancels its public grants");
    expect(one({ acl: publicWriteAcl, publicAccessBlock: noBlock }).status).toBe("PASS");
  });

  it("passes look-alikes: public read (GetObject) and a write grant limited by aws:SourceAccount", () => {
    expect(one({ policy: resourcePolicy({ ...anyoneUploads, Action: ["s3:GetObject"] }), publicAccessBlock: noBlock }).status).toBe("PASS");
    const limited = { ...anyoneUploads, Condition: { StringEquals: { "aws:SourceAccount": ["111122223333"] } } };
    expect(one({ policy: resourcePolicy(limited), publicAccessBlock: noBlock }).status).toBe("PASS");
  });

  it("is UNKNOWN when the policy, the ACL or Block Public Access could not be read", () => {
    expect(one({ policy: fetchError() }).message).toBe("Could not determine whether anyone can write to S3 bucket user-uploads: its policy could not be read (AccessDeniedException).");
    expect(one({ acl: fetchError(), objectOwnership: aclsOn }).status).toBe("UNKNOWN");
    expect(one({ policy: resourcePolicy(anyoneUploads), publicAccessBlock: fetchError() }).status).toBe("UNKNOWN");
    // ACLs disabled: an unreadable ACL does not matter.
    expect(one({ acl: fetchError() }).status).toBe("PASS");
  });
});
