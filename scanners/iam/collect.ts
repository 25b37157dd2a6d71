// Reads one account's IAM: a paginated GetAccountAuthorizationDetails (GAAD) for every role, user, group and
// managed policy (with all policy versions), a paginated ListRoles for the one role field GAAD lacks, then
// service last accessed reports for the roles Lambda functions use. A failed call is recorded and stored as an
// error outcome for what it describes; only a failed GAAD leaves nothing to report.
//
// Why no GetRole: the IAM API reference lists PermissionsBoundary, RoleLastUsed and Tags as members of
// RoleDetail, the GAAD element (https://docs.aws.amazon.com/IAM/latest/APIReference/API_RoleDetail.html, and
// the SDK model in @aws-sdk/client-iam 3.1169.0). The 2018 report that GAAD omits permission boundaries
// (awsdocs/iam-user-guide#81) no longer matches the API; the "not returned" list in the docs belongs to ListRoles
// (PermissionsBoundary, RoleLastUsed, Tags), not to GAAD. What RoleDetail does lack is MaxSessionDuration, which
// ListRoles returns: one ListRoles call per 1,000 roles instead of one GetRole per role.
//
// Emulation: moto implements GAAD and ListRoles (it ignores GAAD's MaxItems and answers in one page) but not
// GenerateServiceLastAccessedDetails / GetServiceLastAccessedDetails (HTTP 500); against moto every
// last-accessed report therefore ends as an error outcome. collect.test.ts covers paging, the job states,
// AccessDenied and throttling with aws-sdk-client-mock on recorded-shape responses.
import { InvalidResponseError, parseResponse, runBounded, throwIfAborted } from "@/scanners/support";
import { ZLastAccessed, type TLastAccessed } from "@/scanners/iam/record";
import {
  GenerateServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsCommand,
  paginateGetAccountAuthorizationDetails,
  paginateListRoles,
  type EntityType,
} from "@aws-sdk/client-iam";
import { z } from "zod";
import type { IamClients } from "@/lib/aws/clients";
import type { Fetched } from "@/lib/aws/fetched";
import type { CollectContext } from "@/scanners/types";
import {
  ZGroupDetail,
  ZManagedPolicyDetail,
  ZRoleDetail,
  ZServiceLastAccessed,
  ZUserDetail,
  type IamRaw,
  type TGroupDetail,
  type TLastAccessedReport,
  type TManagedPolicyDetail,
  type TRoleDetail,
  type TRoleSessionDuration,
  type TServiceLastAccessed,
  type TUserDetail,
} from "@/scanners/iam/raw";

/**
 * Every entity type, AWS managed policies included: GAAD returns only the AWS managed policies attached to
 * something in the account, so their documents come with the same pages instead of a GetPolicyVersion each.
 */
export const GAAD_FILTER: EntityType[] = ["Role", "User", "Group", "LocalManagedPolicy", "AWSManagedPolicy"];
/** GAAD's documented maximum; IAM may still return fewer per page (it pages by response size too). */
export const GAAD_PAGE_SIZE = 1000;
/** ListRoles' documented maximum. */
export const LIST_ROLES_PAGE_SIZE = 1000;
/** ServicesLastAccessed per page (documented maximum); one page holds every service today. */
export const LAST_ACCESSED_PAGE_SIZE = 1000;

export type IamCollectOptions = {
  /**
   * Last-accessed jobs in flight. IAM's read limits are unpublished and shared with GAAD across the account;
   * a few jobs at once keep the unit short without tripping the bucket.
   */
  lastAccessedConcurrency: number;
  /** Polling of one job: first wait, doubled up to maxDelayMs, at most maxPolls polls before giving up. */
  poll: { initialDelayMs: number; maxDelayMs: number; maxPolls: number };
};

/** About a minute per job at most: 0.5 + 1 + 2 + 4 + 5 s x 8. AWS usually completes a job within seconds. */
export const DEFAULT_IAM_COLLECT_OPTIONS: IamCollectOptions = {
  lastAccessedConcurrency: 3,
  poll: { initialDelayMs: 500, maxDelayMs: 5_000, maxPolls: 12 },
};

type CallFailure = { code: string; message: string };

function failureOf(err: unknown): CallFailure {
  if (err instanceof Error) {
    const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    // A reply without an AWS error code (moto's HTML page for a call it lacks) surfaces as a plain "Error"
    // (unparseable body) or "Unknown" (parseable, no code): name it after what is known, the HTTP status.
    if ((err.name === "Error" || err.name === "Unknown" || !err.name) && status) {
      return { code: "UnexpectedResponse", message: `HTTP ${status}: ${err.message}` };
    }
    return { code: err.name || "Error", message: err.message };
  }
  return { code: "UnknownError", message: String(err) };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

type AuthorizationDetails = { roles: TRoleDetail[]; users: TUserDetail[]; groups: TGroupDetail[]; policies: TManagedPolicyDetail[] };

async function getAuthorizationDetails(clients: IamClients, signal: AbortSignal | undefined): Promise<AuthorizationDetails> {
  const out: AuthorizationDetails = { roles: [], users: [], groups: [], policies: [] };
  const pages = paginateGetAccountAuthorizationDetails(
    { client: clients.iam, pageSize: GAAD_PAGE_SIZE },
    { Filter: GAAD_FILTER },
    { abortSignal: signal },
  );
  const api = "GetAccountAuthorizationDetails";
  for await (const page of pages) {
    for (const r of page.RoleDetailList ?? []) out.roles.push(parseResponse(ZRoleDetail, r, api));
    for (const u of page.UserDetailList ?? []) out.users.push(parseResponse(ZUserDetail, u, api));
    for (const g of page.GroupDetailList ?? []) out.groups.push(parseResponse(ZGroupDetail, g, api));
    for (const p of page.Policies ?? []) out.policies.push(parseResponse(ZManagedPolicyDetail, p, api));
  }
  return out;
}

const ZListRolesItem = z.looseObject({ Arn: z.string(), MaxSessionDuration: z.number().nullish() });

async function listRoleSessionDurations(clients: IamClients, signal: AbortSignal | undefined): Promise<TRoleSessionDuration[]> {
  const out: TRoleSessionDuration[] = [];
  const pages = paginateListRoles({ client: clients.iam, pageSize: LIST_ROLES_PAGE_SIZE }, {}, { abortSignal: signal });
  for await (const page of pages) {
    for (const role of page.Roles ?? []) {
      const { Arn, MaxSessionDuration } = parseResponse(ZListRolesItem, role, "ListRoles");
      out.push({ Arn, MaxSessionDuration });
    }
  }
  return out;
}

const ZGenerateOutput = z.looseObject({ JobId: z.string() });

const ZLastAccessedPage = z.looseObject({
  JobStatus: z.string(),
  JobType: z.string().nullish(),
  JobCreationDate: z.string().nullish(),
  JobCompletionDate: z.string().nullish(),
  ServicesLastAccessed: z.array(ZServiceLastAccessed).nullish(),
  IsTruncated: z.boolean().nullish(),
  Marker: z.string().nullish(),
  Error: z.looseObject({ Code: z.string().nullish(), Message: z.string().nullish() }).nullish(),
});

/** A job outcome that is not an SDK exception (FAILED, never finished) but must still end as UNKNOWN. */
class JobOutcomeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function pollLastAccessedJob(
  clients: IamClients,
  jobId: string,
  options: IamCollectOptions,
  signal: AbortSignal | undefined,
): Promise<TLastAccessedReport> {
  const get = async (marker?: string) =>
    parseResponse(
      ZLastAccessedPage,
      await clients.iam.send(
        new GetServiceLastAccessedDetailsCommand({ JobId: jobId, MaxItems: LAST_ACCESSED_PAGE_SIZE, Marker: marker }),
        { abortSignal: signal },
      ),
      "GetServiceLastAccessedDetails",
    );

  let delay = options.poll.initialDelayMs;
  for (let poll = 0; poll < options.poll.maxPolls; poll++) {
    await sleep(delay, signal);
    delay = Math.min(delay * 2, options.poll.maxDelayMs);
    const first = await get();
    if (first.JobStatus === "IN_PROGRESS") continue;
    if (first.JobStatus === "FAILED") {
      throw new JobOutcomeError(
        first.Error?.Code || "LastAccessedJobFailed",
        first.Error?.Message || `Service last accessed job ${jobId} failed without an error message.`,
      );
    }
    if (first.JobStatus !== "COMPLETED") {
      throw new InvalidResponseError(`Unexpected GetServiceLastAccessedDetails JobStatus "${first.JobStatus}".`);
    }
    const services: TServiceLastAccessed[] = [...(first.ServicesLastAccessed ?? [])];
    let page = first;
    while (page.IsTruncated && page.Marker) {
      page = await get(page.Marker);
      services.push(...(page.ServicesLastAccessed ?? []));
    }
    return {
      JobId: jobId,
      JobType: first.JobType ?? null,
      JobCreationDate: first.JobCreationDate ?? null,
      JobCompletionDate: first.JobCompletionDate ?? null,
      ServicesLastAccessed: services,
    };
  }
  throw new JobOutcomeError(
    "LastAccessedJobTimedOut",
    `Service last accessed job ${jobId} was still IN_PROGRESS after ${options.poll.maxPolls} polls.`,
  );
}

async function lastAccessedFor(
  clients: IamClients,
  ctx: CollectContext,
  roleArn: string,
  options: IamCollectOptions,
): Promise<Fetched<TLastAccessedReport>> {
  const { signal } = ctx;
  const fail = (api: string, failure: CallFailure): Fetched<TLastAccessedReport> => {
    ctx.recordError({ api, resource: roleArn, ...failure });
    return { status: "error", ...failure };
  };

  let jobId: string;
  try {
    const out = await clients.iam.send(
      new GenerateServiceLastAccessedDetailsCommand({ Arn: roleArn, Granularity: "ACTION_LEVEL" }),
      { abortSignal: signal },
    );
    jobId = parseResponse(ZGenerateOutput, out, "GenerateServiceLastAccessedDetails").JobId;
  } catch (err) {
    throwIfAborted(err, signal);
    return fail("iam:GenerateServiceLastAccessedDetails", failureOf(err));
  }

  try {
    return { status: "ok", value: await pollLastAccessedJob(clients, jobId, options, signal) };
  } catch (err) {
    throwIfAborted(err, signal);
    const failure = err instanceof JobOutcomeError ? { code: err.code, message: err.message } : failureOf(err);
    return fail("iam:GetServiceLastAccessedDetails", failure);
  }
}

export async function collectIam(
  clients: IamClients,
  ctx: CollectContext,
  options: IamCollectOptions = DEFAULT_IAM_COLLECT_OPTIONS,
): Promise<IamRaw> {
  const { signal } = ctx;
  signal?.throwIfAborted();

  let details: AuthorizationDetails;
  try {
    details = await getAuthorizationDetails(clients, signal);
  } catch (err) {
    throwIfAborted(err, signal);
    const failure = failureOf(err);
    ctx.recordError({ api: "iam:GetAccountAuthorizationDetails", ...failure });
    return { listing: "failed", ...failure };
  }

  let roleSessionDurations: Extract<IamRaw, { listing: "complete" }>["roleSessionDurations"];
  if (details.roles.length === 0) {
    roleSessionDurations = { status: "ok", value: [] };
  } else {
    try {
      roleSessionDurations = { status: "ok", value: await listRoleSessionDurations(clients, signal) };
    } catch (err) {
      throwIfAborted(err, signal);
      const failure = failureOf(err);
      ctx.recordError({ api: "iam:ListRoles", ...failure });
      roleSessionDurations = { status: "error", ...failure };
    }
  }

  // Only roles that exist now: a hint from the stored Lambda inventory may name a role deleted since.
  const listed = new Set(details.roles.map((r) => r.Arn));
  const requested = [...new Set(ctx.hints?.lambdaRoleArns ?? [])].filter((arn) => listed.has(arn)).sort();
  const lastAccessed: Record<string, Fetched<TLastAccessedReport>> = {};
  await runBounded(
    requested.map((arn) => async () => {
      lastAccessed[arn] = await lastAccessedFor(clients, ctx, arn, options);
    }),
    options.lastAccessedConcurrency,
    signal,
  );

  // Reports the stored inventory says are recent are carried forward, not generated again; a malformed one
  // is simply not reused.
  const lastAccessedReused: Record<string, TLastAccessed> = {};
  for (const [arn, value] of Object.entries(ctx.hints?.reuseLastAccessed ?? {})) {
    if (!listed.has(arn) || lastAccessed[arn]) continue;
    const parsed = ZLastAccessed.safeParse(value);
    if (parsed.success) lastAccessedReused[arn] = parsed.data;
  }

  return {
    listing: "complete",
    ...details,
    roleSessionDurations,
    lastAccessed,
    ...(Object.keys(lastAccessedReused).length ? { lastAccessedReused } : {}),
  };
}
