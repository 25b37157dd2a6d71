// Recorded-shape IAM responses for account 111122223333 (trimmed, values fake), and the IamRaw a complete
// collection over them yields. Shared by the collect and normalize tests.
// Notes on realism:
// - AWS URL-encodes every policy document in GAAD and keeps the whitespace it was submitted with; these pages
//   do the same, except legacy-report-role, whose trust policy and "reports-bucket" inline policy are plain
//   JSON as moto returns some documents, so one reply carries both forms. "broken" is a truncated document.
// - GAAD pages are split by response size, so one page may hold several entity types and the next only
//   policies; ec2-ops carries a field the SDK model does not know (RoleRiskScore) to show it is kept, not fatal.
// - IAM's Date fields (CreateDate, LastUsedDate, JobCompletionDate, ...) reach collect as Date objects; the
//   JSON files hold them as ISO strings and the page builders below turn them back into Dates.
import type {
  GetAccountAuthorizationDetailsCommandOutput,
  GetServiceLastAccessedDetailsCommandOutput,
  ListRolesCommandOutput,
} from "@aws-sdk/client-iam";
import {
  ZGroupDetail,
  ZManagedPolicyDetail,
  ZRoleDetail,
  ZServiceLastAccessed,
  ZUserDetail,
  type IamRaw,
  type TLastAccessedReport,
} from "@/scanners/iam/raw";
import gaadPage1 from "./gaad-page-1.json";
import gaadPage2 from "./gaad-page-2.json";
import gaadPage3 from "./gaad-page-3.json";
import listRoles from "./list-roles.json";
import lastAccessedInProgress from "./last-accessed-in-progress.json";
import lastAccessedCompleted1 from "./last-accessed-completed-page-1.json";
import lastAccessedCompleted2 from "./last-accessed-completed-page-2.json";
import lastAccessedFailed from "./last-accessed-failed.json";

export const ACCOUNT_ID = "111122223333";

export const ARNS = {
  ordersRole: `arn:aws:iam::${ACCOUNT_ID}:role/orders-api-role`,
  legacyRole: `arn:aws:iam::${ACCOUNT_ID}:role/legacy-report-role`,
  ec2Role: `arn:aws:iam::${ACCOUNT_ID}:role/service-role/ec2-ops`,
  alice: `arn:aws:iam::${ACCOUNT_ID}:user/alice`,
  ciBot: `arn:aws:iam::${ACCOUNT_ID}:user/machines/ci-bot`,
  developers: `arn:aws:iam::${ACCOUNT_ID}:group/developers`,
  ordersPolicy: `arn:aws:iam::${ACCOUNT_ID}:policy/orders-data-access`,
  boundaryPolicy: `arn:aws:iam::${ACCOUNT_ID}:policy/lantern-boundary`,
  adminPolicy: "arn:aws:iam::aws:policy/AdministratorAccess",
  readOnlyPolicy: "arn:aws:iam::aws:policy/ReadOnlyAccess",
} as const;

export const LAST_ACCESSED_JOB_ID = "examplef-1305-c245-eba4-71fe298bcda7";

const DATE_KEYS = new Set([
  "CreateDate",
  "UpdateDate",
  "LastUsedDate",
  "JobCreationDate",
  "JobCompletionDate",
  "LastAuthenticated",
  "LastAccessedTime",
]);

/** A deep copy with IAM's timestamp fields as Dates, as the SDK deserializes them. */
function withDates(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withDates);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, DATE_KEYS.has(k) && typeof v === "string" ? new Date(v) : withDates(v)]),
    );
  }
  return value;
}

/** JSON imports type enum-valued fields as plain strings; the files are recorded SDK outputs, typed as such. */
const asSdkOutput = <T>(value: unknown): T => ({ ...(withDates(value) as object), $metadata: {} }) as T;

/** GAAD pages keyed by the Marker that requests them ("" = first page). */
export function gaadPagesByMarker(): Record<string, GetAccountAuthorizationDetailsCommandOutput> {
  return {
    "": asSdkOutput(gaadPage1),
    [gaadPage1.Marker]: asSdkOutput(gaadPage2),
    [gaadPage2.Marker]: asSdkOutput(gaadPage3),
  };
}

export function listRolesPage(): ListRolesCommandOutput {
  return asSdkOutput(listRoles);
}

export const LAST_ACCESSED = {
  inProgress: (): GetServiceLastAccessedDetailsCommandOutput => asSdkOutput(lastAccessedInProgress),
  completedPage1: (): GetServiceLastAccessedDetailsCommandOutput => asSdkOutput(lastAccessedCompleted1),
  completedPage2: (): GetServiceLastAccessedDetailsCommandOutput => asSdkOutput(lastAccessedCompleted2),
  failed: (): GetServiceLastAccessedDetailsCommandOutput => asSdkOutput(lastAccessedFailed),
  marker: lastAccessedCompleted1.Marker,
};

/** The report collect builds from the two completed pages. */
export function completedReport(): TLastAccessedReport {
  return {
    JobId: LAST_ACCESSED_JOB_ID,
    JobType: "ACTION_LEVEL",
    JobCreationDate: lastAccessedCompleted1.JobCreationDate,
    JobCompletionDate: lastAccessedCompleted1.JobCompletionDate,
    ServicesLastAccessed: [...lastAccessedCompleted1.ServicesLastAccessed, ...lastAccessedCompleted2.ServicesLastAccessed].map(
      (s) => ZServiceLastAccessed.parse(s),
    ),
  };
}

/** The raw of a complete collection over the fixtures; no last-accessed report unless given. */
export function fixtureRaw(lastAccessed: Extract<IamRaw, { listing: "complete" }>["lastAccessed"] = {}): IamRaw {
  type Lists = "RoleDetailList" | "UserDetailList" | "GroupDetailList" | "Policies";
  const pages: Partial<Record<Lists, unknown[]>>[] = structuredClone([gaadPage1, gaadPage2, gaadPage3]);
  const all = (key: Lists) => pages.flatMap((p) => p[key] ?? []);
  return {
    listing: "complete",
    roles: all("RoleDetailList").map((r) => ZRoleDetail.parse(r)),
    users: all("UserDetailList").map((u) => ZUserDetail.parse(u)),
    groups: all("GroupDetailList").map((g) => ZGroupDetail.parse(g)),
    policies: all("Policies").map((p) => ZManagedPolicyDetail.parse(p)),
    roleSessionDurations: {
      status: "ok",
      value: listRoles.Roles.map((r) => ({ Arn: r.Arn, MaxSessionDuration: r.MaxSessionDuration })),
    },
    lastAccessed,
  };
}
