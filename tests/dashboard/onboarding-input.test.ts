// Account onboarding inputs: what the organization panel, "Discover regions" and "Edit account" accept,
// the role ARN a member gets, and how a refused AWS call is reported and explained.
import { describe, expect, it } from "vitest";
import { AccessDeniedException, AWSOrganizationsNotInUseException } from "@aws-sdk/client-organizations";
import { ZNewAccountForm, ZUpdateAccountForm, updateAccountFormValues } from "@/lib/actions/account-input";
import {
  awsCallError,
  isAddable,
  memberRoleArn,
  partitionOf,
  ZAddMemberAccounts,
  ZDiscoverRegions,
  ZFindMemberAccounts,
  ZRoleName,
} from "@/lib/actions/onboarding-input";
import { explainDiscoveryError } from "@/components/scans/discovery-errors";

const NOT_MANAGEMENT = "this account is not the management account of an organization, or Lantern's role lacks organizations:ListAccounts";

describe("ZRoleName", () => {
  it.each(["LanternScanner", "lantern-scanner_2", "security/LanternScanner", "a+b=c,d.e@f"])("accepts %s", (name) => {
    expect(ZRoleName.parse(` ${name} `)).toBe(name);
  });

  it.each(["", "   ", "Lantern Scanner", "role:x", "/LanternScanner", "x".repeat(65)])("rejects %j", (name) => {
    expect(ZRoleName.safeParse(name).success).toBe(false);
  });
});

describe("memberRoleArn", () => {
  it("builds a role ARN the account form accepts, in the management account's partition", () => {
    expect(memberRoleArn("210987654321", "LanternScanner")).toBe("arn:aws:iam::210987654321:role/LanternScanner");
    const gov = memberRoleArn("210987654321", "security/LanternScanner", partitionOf("arn:aws-us-gov:iam::123456789012:role/Mgmt"));
    expect(gov).toBe("arn:aws-us-gov:iam::210987654321:role/security/LanternScanner");
    expect(ZNewAccountForm.shape.roleArn.parse(gov)).toBe(gov);
  });

  it("defaults to the aws partition when the management account has no role", () => {
    expect(partitionOf(null)).toBe("aws");
    expect(partitionOf("not an arn")).toBe("aws");
  });
});

describe("ZFindMemberAccounts / ZAddMemberAccounts", () => {
  const add = { managementAccountId: "123456789012", roleName: "LanternScanner", externalId: "", regionSource: "default", add: "all-new" };

  it("finds through a 12-digit account id only", () => {
    expect(ZFindMemberAccounts.parse({ managementAccountId: " 123456789012 " }).managementAccountId).toBe("123456789012");
    expect(ZFindMemberAccounts.safeParse({ managementAccountId: "1234" }).success).toBe(false);
    expect(ZFindMemberAccounts.safeParse({}).success).toBe(false);
  });

  it("adds every new member or one by id, with an empty external id meaning none", () => {
    expect(ZAddMemberAccounts.parse(add)).toMatchObject({ add: "all-new", externalId: null, regionSource: "default" });
    const one = ZAddMemberAccounts.parse({ ...add, add: { memberId: "210987654321" }, externalId: "lantern-2f1c", regionSource: "management" });
    expect(one.add).toEqual({ memberId: "210987654321" });
    expect(one.externalId).toBe("lantern-2f1c");
  });

  it.each([
    ["managementAccountId", "12345678901a"],
    ["roleName", ""],
    ["roleName", "has space"],
    ["externalId", "x"],
    ["regionSource", "all"],
    ["add", { memberId: "42" }],
    ["add", "everything"],
  ] as const)("rejects %s = %j with an error on that field", (field, value) => {
    const r = ZAddMemberAccounts.safeParse({ ...add, [field]: value });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path[0])).toContain(field);
  });

  it("offers only active members that Lantern does not have", () => {
    expect(isAddable({ configured: false, status: "ACTIVE" })).toBe(true);
    expect(isAddable({ configured: false, status: null })).toBe(true);
    expect(isAddable({ configured: true, status: "ACTIVE" })).toBe(false);
    expect(isAddable({ configured: false, status: "SUSPENDED" })).toBe(false);
    expect(isAddable({ configured: false, status: "PENDING_CLOSURE" })).toBe(false);
  });
});

describe("ZDiscoverRegions", () => {
  it("takes the typed credentials, empty meaning none", () => {
    expect(ZDiscoverRegions.parse({ accountId: "210987654321", roleArn: "", externalId: "", useStoredExternalId: false })).toEqual({
      accountId: "210987654321",
      roleArn: null,
      externalId: null,
      useStoredExternalId: false,
    });
  });

  it.each([
    ["accountId", ""],
    ["roleArn", "arn:aws:iam::210987654321:user/bob"],
    ["externalId", "?"],
  ] as const)("rejects %s = %j", (field, value) => {
    const r = ZDiscoverRegions.safeParse({ accountId: "210987654321", roleArn: "", externalId: "", useStoredExternalId: true, [field]: value });
    expect(r.error?.issues.map((i) => i.path[0])).toEqual([field]);
  });
});

describe("ZUpdateAccountForm", () => {
  const form = {
    accountId: "210987654321",
    name: "Payments",
    regions: "us-east-1 eu-west-1",
    roleArn: "arn:aws:iam::210987654321:role/LanternScanner",
    externalId: "",
    schedule: "0 3 * * *",
    enabled: false,
    clearExternalId: false,
  };

  it("keeps the stored external id when the field is left empty", () => {
    const r = ZUpdateAccountForm.parse(form);
    expect(r.externalId).toBeUndefined();
    expect(r).toMatchObject({ regions: ["us-east-1", "eu-west-1"], schedule: "0 3 * * *", enabled: false });
  });

  it("replaces it when a new one is typed, and removes it when asked or when the role goes", () => {
    expect(ZUpdateAccountForm.parse({ ...form, externalId: "new-id-123" }).externalId).toBe("new-id-123");
    expect(ZUpdateAccountForm.parse({ ...form, clearExternalId: true }).externalId).toBeNull();
    expect(ZUpdateAccountForm.parse({ ...form, externalId: "new-id-123", clearExternalId: true }).externalId).toBeNull();
    const noRole = ZUpdateAccountForm.parse({ ...form, roleArn: "" });
    expect(noRole.roleArn).toBeNull();
    expect(noRole.externalId).toBeNull();
  });

  it.each([
    ["regions", ""],
    ["schedule", "0 25 * * *"],
    ["roleArn", "LanternScanner"],
    ["name", ""],
  ] as const)("rejects %s = %j with an error on that field", (field, value) => {
    const r = ZUpdateAccountForm.safeParse({ ...form, [field]: value });
    expect(r.error?.issues.map((i) => i.path[0])).toContain(field);
  });

  it("reads the remove-external-id checkbox from the form", () => {
    const data = new FormData();
    data.set("accountId", "210987654321");
    expect(updateAccountFormValues(data).clearExternalId).toBe(false);
    data.set("clearExternalId", "on");
    expect(updateAccountFormValues(data)).toMatchObject({ accountId: "210987654321", clearExternalId: true, enabled: false });
  });
});

describe("awsCallError", () => {
  it("keeps the SDK's error code and message", () => {
    const err = new AWSOrganizationsNotInUseException({ message: "Your account is not a member of an organization.", $metadata: {} });
    expect(awsCallError(err, "organizations:ListAccounts")).toEqual({
      api: "organizations:ListAccounts",
      code: "AWSOrganizationsNotInUseException",
      message: "Your account is not a member of an organization.",
    });
  });

  it("reports a refused role assumption as sts:AssumeRole, whatever call needed the credentials", () => {
    const err = Object.assign(new Error("User: arn:aws:sts::123456789012:assumed-role/w/x is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::210987654321:role/LanternScanner"), { name: "AccessDenied" });
    expect(awsCallError(err, "ec2:DescribeRegions")).toMatchObject({ api: "sts:AssumeRole", code: "AccessDenied" });
  });

  it("names network failures by their system code and shortens long messages", () => {
    const err = Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:443 ${"x".repeat(600)}`), { code: "ECONNREFUSED" });
    const r = awsCallError(err, "organizations:ListAccounts");
    expect(r.code).toBe("ECONNREFUSED");
    expect(r.message.length).toBeLessThanOrEqual(501);
    expect(awsCallError("boom", "ec2:DescribeRegions")).toEqual({ api: "ec2:DescribeRegions", code: "Error", message: "boom" });
  });
});

describe("explainDiscoveryError", () => {
  it.each([
    new AccessDeniedException({ message: "You don't have permissions to access this resource.", $metadata: {} }),
    new AWSOrganizationsNotInUseException({ message: "Your account is not a member of an organization.", $metadata: {} }),
  ])("explains %s from ListAccounts as the wrong account or a missing permission", (err) => {
    const text = explainDiscoveryError(awsCallError(err, "organizations:ListAccounts"));
    expect(text.toLowerCase()).toContain(NOT_MANAGEMENT.toLowerCase());
  });

  it("explains a role that cannot be assumed and regions that may not be listed", () => {
    expect(explainDiscoveryError({ api: "sts:AssumeRole", code: "AccessDenied" })).toMatch(/could not assume the account's role.*trust policy.*external id/);
    expect(explainDiscoveryError({ api: "ec2:DescribeRegions", code: "UnauthorizedOperation" })).toMatch(/neither account:ListRegions nor ec2:DescribeRegions/);
  });

  it("falls back to the scan error explanations for anything else", () => {
    expect(explainDiscoveryError({ api: "organizations:ListAccounts", code: "TooManyRequestsException" })).toMatch(/rate-limited/);
    expect(explainDiscoveryError({ api: "ec2:DescribeRegions", code: "ECONNREFUSED" })).toMatch(/could not reach the AWS endpoint/);
  });
});
