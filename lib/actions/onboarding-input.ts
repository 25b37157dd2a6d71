// Input rules and answer shapes of account onboarding (organization members, enabled regions), shared by
// the server actions, the panels that call them and the tests. No "use server": it exports schemas.
import { z } from "zod";
import type { RegionDiscovery } from "@/lib/aws/discovery";
import { ZNewAccountForm } from "./account-input";

export const DEFAULT_ROLE_NAME = "LanternScanner";

const ZAccountId = z.string().trim().regex(/^\d{12}$/, "An AWS account id is exactly 12 digits.");

/** IAM role names, with an optional path ("scanning/LanternScanner"), as IAM allows them. */
export const ZRoleName = z
  .string()
  .trim()
  .min(1, "Name the role Lantern assumes in each member account, e.g. LanternScanner.")
  .regex(/^(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/, "A role name is 1-64 letters, digits and +=,.@-_ (a path before it is allowed).");

const ZExternalId = ZNewAccountForm.shape.externalId;

export const ZFindMemberAccounts = z.object({
  managementAccountId: ZAccountId.describe("A configured account: the organization's management or delegated administrator account"),
});
export type TFindMemberAccounts = z.input<typeof ZFindMemberAccounts>;

export const ZAddMemberAccounts = z.object({
  managementAccountId: ZAccountId,
  roleName: ZRoleName,
  externalId: ZExternalId,
  regionSource: z
    .enum(["default", "management"])
    .describe("The regions of the added accounts: LANTERN_DEFAULT_REGIONS, or the management account's"),
  /** One member by id, or every member not yet in Lantern. */
  add: z.union([z.object({ memberId: ZAccountId }), z.literal("all-new")]),
});
export type TAddMemberAccounts = z.input<typeof ZAddMemberAccounts>;

export type TOrgPanelField = "managementAccountId" | "roleName" | "externalId" | "regionSource";

/** The role Lantern assumes in a member account, in the management account's partition. */
export function memberRoleArn(memberId: string, roleName: string, partition = "aws"): string {
  return `arn:${partition}:iam::${memberId}:role/${roleName}`;
}

/** "aws", "aws-us-gov", "aws-cn" from a role ARN; "aws" when there is none. */
export function partitionOf(roleArn: string | null): string {
  return (roleArn && /^arn:(aws(?:-[a-z]+)*):/.exec(roleArn)?.[1]) || "aws";
}

/** A failed AWS call as the browser sees it: which API, AWS's error code, and AWS's message. */
export type TAwsCallError = { api: string; code: string; message: string };

const MAX_MESSAGE = 500;

/**
 * Turns what an AWS SDK call threw into a TAwsCallError. A role that cannot be assumed fails inside the
 * credential provider, before the call itself, so an STS AssumeRole refusal is reported as sts:AssumeRole.
 */
export function awsCallError(err: unknown, api: string): TAwsCallError {
  const e = (typeof err === "object" && err !== null ? err : {}) as { name?: unknown; code?: unknown; message?: unknown };
  const message = typeof e.message === "string" ? e.message : String(err);
  // Node network errors carry their cause in `code` (ECONNREFUSED); SDK service errors in `name`.
  const code = typeof e.code === "string" && /^E[A-Z]+$/.test(e.code) ? e.code : typeof e.name === "string" && e.name !== "Error" ? e.name : "Error";
  const assumeRole = /sts:AssumeRole/i.test(message) || /AssumeRole/.test(code);
  return { api: assumeRole ? "sts:AssumeRole" : api, code, message: message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message };
}

export type TMemberRow = {
  id: string;
  name: string;
  email: string | null;
  /** ACTIVE, SUSPENDED, PENDING_CLOSURE; only ACTIVE members can be added. */
  status: string | null;
  configured: boolean;
};

export type TMemberListing = {
  managementAccountId: string;
  managementName: string;
  /** The management account's partition ("aws", "aws-us-gov"): member roles are in the same one. */
  partition: string;
  /** Every account of the organization except the one asked through. */
  members: TMemberRow[];
};

export type TOrgMembersState = {
  /** The last listing; an add that fails keeps showing it. */
  listing: TMemberListing | null;
  outcome:
    | { kind: "none" }
    | { kind: "invalid"; message: string; fieldErrors: Partial<Record<TOrgPanelField, string[]>> }
    | { kind: "aws_error"; error: TAwsCallError }
    | { kind: "listed" }
    | { kind: "added"; message: string; accountIds: string[] };
};

export const isAddable = (m: Pick<TMemberRow, "configured" | "status">) => !m.configured && (m.status ?? "ACTIVE") === "ACTIVE";

export const ZDiscoverRegions = z.object({
  accountId: ZAccountId,
  roleArn: ZNewAccountForm.shape.roleArn,
  externalId: ZExternalId,
  /** Edit form: an empty external id field means "keep the stored one", so discovery uses it too. */
  useStoredExternalId: z.boolean(),
});
export type TDiscoverRegions = z.input<typeof ZDiscoverRegions>;

export type TRegionDiscoveryResult =
  | { status: "found"; regions: string[]; source: RegionDiscovery["source"] }
  | { status: "invalid"; message: string }
  | { status: "error"; error: TAwsCallError };

export type TSaveRegionsState =
  | { status: "idle" }
  | { status: "saved"; message: string; regions: string[]; source: RegionDiscovery["source"] }
  | { status: "invalid"; message: string }
  | { status: "error"; error: TAwsCallError };
