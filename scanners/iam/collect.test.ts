// collectIam against in-process emulated IAM APIs.
//
// Every AWS call here (GetAccountAuthorizationDetails, ListRoles, GenerateServiceLastAccessedDetails,
// GetServiceLastAccessedDetails) is emulated with aws-sdk-client-mock, serving the recorded-shape responses in
// __fixtures__, because moto cannot produce what these tests are about: it answers GAAD in one page whatever
// MaxItems says, does not implement the last-accessed calls at all, checks no permissions and never throttles.
// aws-sdk-client-mock replaces `send`, so the SDK's middleware (retries included) does not run; the tests about
// call counting and retries run a real client against a local HTTP server instead.
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  GenerateServiceLastAccessedDetailsCommand,
  GetAccountAuthorizationDetailsCommand,
  GetRoleCommand,
  GetServiceLastAccessedDetailsCommand,
  IAMClient,
  IAMServiceException,
  ListRolesCommand,
  type GenerateServiceLastAccessedDetailsCommandInput,
  type GetAccountAuthorizationDetailsCommandInput,
  type GetServiceLastAccessedDetailsCommandInput,
  type GetServiceLastAccessedDetailsCommandOutput,
  type ListRolesCommandInput,
} from "@aws-sdk/client-iam";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it, vi } from "vitest";
import { instrument, type CallMetrics } from "@/lib/aws/clients";
import { makeFingerprint } from "@/lib/aws/redact";
import { collectIam, GAAD_FILTER, type IamCollectOptions } from "@/scanners/iam/collect";
import { normalizeIam } from "@/scanners/iam/normalize";
import type { IamRaw } from "@/scanners/iam/raw";
import type { CallError, CollectContext } from "@/scanners/types";
import {
  ACCOUNT_ID,
  ARNS,
  LAST_ACCESSED,
  completedReport,
  fixtureRaw,
  gaadPagesByMarker,
  listRolesPage,
} from "./__fixtures__/fixtures";

const CREDENTIALS = { accessKeyId: "AKIDTEST", secretAccessKey: "test-secret" };
/** Real polling shape, millisecond waits. */
const FAST: IamCollectOptions = { lastAccessedConcurrency: 3, poll: { initialDelayMs: 1, maxDelayMs: 4, maxPolls: 5 } };
const normalizeCtx = { accountId: ACCOUNT_ID, region: "global", fingerprint: makeFingerprint("iam-collect-test-secret-01") };

function iamError(name: string, message: string, httpStatusCode = 400): IAMServiceException {
  // IAM models neither AccessDenied nor Throttling: the SDK raises a generic service exception named after the code.
  return new IAMServiceException({ name, $fault: "client", $metadata: { httpStatusCode }, message });
}

function accessDenied(action: string, resource = "*"): IAMServiceException {
  return iamError(
    "AccessDenied",
    `User: arn:aws:sts::${ACCOUNT_ID}:assumed-role/LanternScanner/lantern-scanner is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
    403,
  );
}

const throttled = () => iamError("Throttling", "Rate exceeded");

function setup(opts: { hints?: string[]; signal?: AbortSignal } = {}) {
  const client = new IAMClient({ region: "us-east-1", credentials: CREDENTIALS, maxAttempts: 1 });
  const mock = mockClient(client);
  const errors: CallError[] = [];
  const ctx: CollectContext = {
    accountId: ACCOUNT_ID,
    region: "global",
    recordError: (e) => errors.push(e),
    signal: opts.signal,
    hints: opts.hints ? { lambdaRoleArns: opts.hints } : undefined,
  };
  return { clients: { iam: client }, mock, errors, ctx };
}

type Mock = ReturnType<typeof setup>["mock"];

const jobIdOf = (roleArn: string) => `job-${roleArn.split("/").pop()}`;

/**
 * Serve GAAD by Marker exactly as AWS pages it (an unknown Marker is a test failure) and ListRoles in one page.
 * Returns the inputs as sent: the SDK paginator reuses one input object, so commandCalls() shows its last state.
 */
function serveFixtures(mock: Mock) {
  const pages = gaadPagesByMarker();
  const sent = { gaad: [] as GetAccountAuthorizationDetailsCommandInput[], listRoles: [] as ListRolesCommandInput[] };
  mock.on(GetAccountAuthorizationDetailsCommand).callsFake((input: GetAccountAuthorizationDetailsCommandInput) => {
    sent.gaad.push({ ...input });
    const page = pages[input.Marker ?? ""];
    if (!page) throw new Error(`unexpected GAAD Marker ${input.Marker}`);
    return page;
  });
  mock.on(ListRolesCommand).callsFake((input: ListRolesCommandInput) => {
    sent.listRoles.push({ ...input });
    return listRolesPage();
  });
  mock.on(GenerateServiceLastAccessedDetailsCommand).callsFake((input: GenerateServiceLastAccessedDetailsCommandInput) => ({
    JobId: jobIdOf(input.Arn ?? ""),
    $metadata: {},
  }));
  return sent;
}

/** Answers GetServiceLastAccessedDetails from a per-job script of first-page replies; Marker pages from `pages`. */
function serveJobs(
  mock: Mock,
  scripts: Record<string, (() => GetServiceLastAccessedDetailsCommandOutput)[]>,
  pages: Record<string, () => GetServiceLastAccessedDetailsCommandOutput> = { [LAST_ACCESSED.marker]: LAST_ACCESSED.completedPage2 },
) {
  const sent: GetServiceLastAccessedDetailsCommandInput[] = [];
  mock.on(GetServiceLastAccessedDetailsCommand).callsFake((input: GetServiceLastAccessedDetailsCommandInput) => {
    sent.push({ ...input });
    if (input.Marker) {
      const page = pages[input.Marker];
      if (!page) throw new Error(`unexpected last-accessed Marker ${input.Marker}`);
      return page();
    }
    const script = scripts[input.JobId ?? ""];
    if (!script?.length) throw new Error(`no scripted reply left for job ${input.JobId}`);
    const next = script.length > 1 ? script.shift() : script[0];
    return next!();
  });
  return sent;
}

function complete(raw: IamRaw): Extract<IamRaw, { listing: "complete" }> {
  if (raw.listing !== "complete") throw new Error(`expected a complete listing, got ${JSON.stringify(raw)}`);
  return raw;
}

describe("collectIam", () => {
  it("pages GAAD (3 pages, every entity type, MaxItems 1000) and ListRoles, and calls GetRole never", async () => {
    const { clients, mock, errors, ctx } = setup();
    const sent = serveFixtures(mock);

    const raw = await collectIam(clients, ctx, FAST);

    expect(raw).toEqual(fixtureRaw());
    expect(errors).toEqual([]);
    const pages = gaadPagesByMarker();
    expect(sent.gaad).toEqual([
      { Filter: GAAD_FILTER, MaxItems: 1000, Marker: undefined },
      { Filter: GAAD_FILTER, MaxItems: 1000, Marker: pages[""].Marker },
      { Filter: GAAD_FILTER, MaxItems: 1000, Marker: pages[pages[""].Marker ?? ""].Marker },
    ]);
    expect(GAAD_FILTER).toEqual(["Role", "User", "Group", "LocalManagedPolicy", "AWSManagedPolicy"]);
    expect(sent.listRoles).toEqual([{ MaxItems: 1000, Marker: undefined }]);
    expect(mock.commandCalls(GetRoleCommand)).toHaveLength(0);
    // No hints: nothing was asked about last access.
    expect(mock.commandCalls(GenerateServiceLastAccessedDetailsCommand)).toHaveLength(0);
  });

  it("turns the SDK's Dates into ISO strings so the raw is plain JSON", async () => {
    const { clients, mock, ctx } = setup();
    serveFixtures(mock);
    const raw = complete(await collectIam(clients, ctx, FAST));
    const orders = raw.roles.find((r) => r.Arn === ARNS.ordersRole);
    expect(orders?.CreateDate).toBe("2024-03-01T09:00:00.000Z");
    expect(orders?.RoleLastUsed?.LastUsedDate).toBe("2026-11-22T17:41:09.000Z");
    expect(JSON.parse(JSON.stringify(raw))).toEqual(raw);
  });

  it("keeps fields the SDK model does not know in the raw, without failing the listing", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    const raw = complete(await collectIam(clients, ctx, FAST));
    expect(raw.roles.find((r) => r.Arn === ARNS.ec2Role)).toMatchObject({ RoleRiskScore: 7 });
    expect(errors).toEqual([]);
  });

  it("feeds normalize: URL-encoded and plain documents from one reply, a malformed one as an error outcome", async () => {
    const { clients, mock, ctx } = setup();
    serveFixtures(mock);
    const out = normalizeIam(await collectIam(clients, ctx, FAST), normalizeCtx);
    const roles = new Map(out.iam_role.resources.map((r) => [r.arn, r.record]));
    expect(roles.get(ARNS.ordersRole)?.trustPolicy).toMatchObject({
      status: "ok",
      value: { document: { Statement: [{ Principal: { Service: ["lambda.amazonaws.com"] }, Action: ["sts:AssumeRole"] }] } },
    });
    const legacy = roles.get(ARNS.legacyRole);
    expect(legacy?.trustPolicy.status).toBe("ok");
    expect(legacy?.inlinePolicies.map((p) => [p.name, p.policy.status])).toEqual([
      ["broken", "error"],
      ["reports-bucket", "ok"],
    ]);
    for (const kind of Object.values(out)) expect(kind.listingComplete).toBe(true);
  });

  it("reports AccessDenied on GAAD as a failed listing: all four kinds incomplete, nothing else called", async () => {
    const { clients, mock, errors, ctx } = setup({ hints: [ARNS.ordersRole] });
    serveFixtures(mock);
    mock.on(GetAccountAuthorizationDetailsCommand).rejects(accessDenied("iam:GetAccountAuthorizationDetails"));

    const raw = await collectIam(clients, ctx, FAST);

    expect(raw).toEqual({
      listing: "failed",
      code: "AccessDenied",
      message: expect.stringContaining("iam:GetAccountAuthorizationDetails"),
    });
    expect(errors).toEqual([{ api: "iam:GetAccountAuthorizationDetails", code: "AccessDenied", message: expect.any(String) }]);
    expect(mock.commandCalls(ListRolesCommand)).toHaveLength(0);
    expect(mock.commandCalls(GenerateServiceLastAccessedDetailsCommand)).toHaveLength(0);
    const out = normalizeIam(raw, normalizeCtx);
    expect(Object.keys(out).sort()).toEqual(["iam_group", "iam_policy", "iam_role", "iam_user"]);
    for (const kind of Object.values(out)) expect(kind).toEqual({ resources: [], listingComplete: false });
  });

  it("treats a GAAD page throttled past the SDK's retries as a failed listing, not a shorter one", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    const pages = gaadPagesByMarker();
    mock.on(GetAccountAuthorizationDetailsCommand).callsFake((input: GetAccountAuthorizationDetailsCommandInput) => {
      if (input.Marker === pages[""].Marker) throw throttled();
      return pages[input.Marker ?? ""];
    });

    const raw = await collectIam(clients, ctx, FAST);

    expect(raw).toEqual({ listing: "failed", code: "Throttling", message: "Rate exceeded" });
    expect(errors).toEqual([{ api: "iam:GetAccountAuthorizationDetails", code: "Throttling", message: "Rate exceeded" }]);
    for (const kind of Object.values(normalizeIam(raw, normalizeCtx))) expect(kind.listingComplete).toBe(false);
  });

  it("fails the listing with InvalidResponse when a GAAD role has no ARN", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    mock.on(GetAccountAuthorizationDetailsCommand).resolves({ RoleDetailList: [{ RoleName: "no-arn" }], IsTruncated: false });
    const raw = await collectIam(clients, ctx, FAST);
    expect(raw).toMatchObject({ listing: "failed", code: "InvalidResponse", message: expect.stringContaining("Arn") });
    expect(errors).toMatchObject([{ api: "iam:GetAccountAuthorizationDetails", code: "InvalidResponse" }]);
  });

  it("gives every role an error outcome for its session duration when ListRoles is denied; the listing stays complete", async () => {
    const { clients, mock, errors, ctx } = setup();
    serveFixtures(mock);
    mock.on(ListRolesCommand).rejects(accessDenied("iam:ListRoles"));

    const raw = complete(await collectIam(clients, ctx, FAST));

    expect(raw.roleSessionDurations).toMatchObject({ status: "error", code: "AccessDenied" });
    expect(errors).toMatchObject([{ api: "iam:ListRoles", code: "AccessDenied" }]);
    const out = normalizeIam(raw, normalizeCtx);
    expect(out.iam_role.listingComplete).toBe(true);
    expect(out.iam_role.resources).toHaveLength(3);
    for (const r of out.iam_role.resources) expect(r.record.maxSessionDuration).toMatchObject({ status: "error", code: "AccessDenied" });
  });

  it("skips ListRoles when the account has no roles", async () => {
    const { clients, mock, errors, ctx } = setup();
    mock.on(GetAccountAuthorizationDetailsCommand).resolves({ RoleDetailList: [], UserDetailList: [], IsTruncated: false });
    const raw = complete(await collectIam(clients, ctx, FAST));
    expect(raw.roleSessionDurations).toEqual({ status: "ok", value: [] });
    expect(mock.commandCalls(ListRolesCommand)).toHaveLength(0);
    expect(errors).toEqual([]);
  });
});

describe("collectIam: service last accessed details", () => {
  it("generates an ACTION_LEVEL job per hinted role, polls IN_PROGRESS until COMPLETED and reads every page", async () => {
    const { clients, mock, errors, ctx } = setup({ hints: [ARNS.ordersRole] });
    serveFixtures(mock);
    mock.on(GenerateServiceLastAccessedDetailsCommand).resolves({ JobId: completedReport().JobId, $metadata: {} });
    const sent = serveJobs(mock, {
      [completedReport().JobId]: [LAST_ACCESSED.inProgress, LAST_ACCESSED.inProgress, LAST_ACCESSED.completedPage1],
    });

    const raw = complete(await collectIam(clients, ctx, FAST));

    expect(errors).toEqual([]);
    expect(mock.commandCalls(GenerateServiceLastAccessedDetailsCommand).map((c) => c.args[0].input)).toEqual([
      { Arn: ARNS.ordersRole, Granularity: "ACTION_LEVEL" },
    ]);
    const jobId = completedReport().JobId;
    expect(sent).toEqual([
      { JobId: jobId, MaxItems: 1000, Marker: undefined },
      { JobId: jobId, MaxItems: 1000, Marker: undefined },
      { JobId: jobId, MaxItems: 1000, Marker: undefined },
      { JobId: jobId, MaxItems: 1000, Marker: LAST_ACCESSED.marker },
    ]);
    expect(raw.lastAccessed).toEqual({ [ARNS.ordersRole]: { status: "ok", value: completedReport() } });

    const roles = new Map(normalizeIam(raw, normalizeCtx).iam_role.resources.map((r) => [r.arn, r.record]));
    const lastAccessed = roles.get(ARNS.ordersRole)?.lastAccessed;
    if (lastAccessed?.status !== "ok") throw new Error(`expected a report, got ${JSON.stringify(lastAccessed)}`);
    expect(lastAccessed.value.jobCompletedAt).toBe("2026-11-23T08:00:03.000Z");
    expect(lastAccessed.value.services.map((s) => s.namespace)).toEqual(["dynamodb", "iam", "s3"]);
    // Roles nobody asked about stay "not requested".
    expect(roles.get(ARNS.legacyRole)?.lastAccessed).toEqual({ status: "absent" });
  });

  it("carries a recent stored report forward instead of generating it again; a malformed one is not reused", async () => {
    const { clients, mock, errors, ctx } = setup({ hints: [] });
    const stored = { jobCompletedAt: "2026-11-23T07:00:00.000Z", services: [{ namespace: "s3", name: "Amazon S3", lastAuthenticated: null, lastAuthenticatedEntity: null, lastAuthenticatedRegion: null, totalAuthenticatedEntities: 0 }] };
    ctx.hints = { lambdaRoleArns: [], reuseLastAccessed: { [ARNS.ordersRole]: stored, [ARNS.legacyRole]: { jobCompletedAt: 42 } } };
    serveFixtures(mock);

    const raw = complete(await collectIam(clients, ctx, FAST));

    expect(errors).toEqual([]);
    expect(mock.commandCalls(GenerateServiceLastAccessedDetailsCommand)).toHaveLength(0);
    const roles = new Map(normalizeIam(raw, normalizeCtx).iam_role.resources.map((r) => [r.arn, r.record]));
    expect(roles.get(ARNS.ordersRole)?.lastAccessed).toEqual({ status: "ok", value: stored });
    expect(roles.get(ARNS.legacyRole)?.lastAccessed).toEqual({ status: "absent" });
  });

  it("stores a FAILED job as an error outcome (UNKNOWN), never as an empty report", async () => {
    const { clients, mock, errors, ctx } = setup({ hints: [ARNS.ordersRole] });
    serveFixtures(mock);
    serveJobs(mock, { [jobIdOf(ARNS.ordersRole)]: [LAST_ACCESSED.inProgress, LAST_ACCESSED.failed] });

    const raw = complete(await collectIam(clients, ctx, FAST));

    const failure = { code: "InternalFailure", message: "The job could not be completed. Try again later." };
    expect(raw.lastAccessed[ARNS.ordersRole]).toEqual({ status: "error", ...failure });
    expect(errors).toEqual([{ api: "iam:GetServiceLastAccessedDetails", resource: ARNS.ordersRole, ...failure }]);
    const record = normalizeIam(raw, normalizeCtx).iam_role.resources.find((r) => r.arn === ARNS.ordersRole)?.record;
    expect(record?.lastAccessed).toEqual({ status: "error", ...failure });
  });

  it("gives up on a job still IN_PROGRESS after maxPolls, with an error outcome", async () => {
    const { clients, mock, errors, ctx } = setup({ hints: [ARNS.ordersRole] });
    serveFixtures(mock);
    const sent = serveJobs(mock, { [jobIdOf(ARNS.ordersRole)]: [LAST_ACCESSED.inProgress] });

    const raw = complete(await collectIam(clients, ctx, FAST));

    expect(sent).toHaveLength(FAST.poll.maxPolls);
    expect(raw.lastAccessed[ARNS.ordersRole]).toMatchObject({ status: "error", code: "LastAccessedJobTimedOut" });
    expect(errors).toMatchObject([{ api: "iam:GetServiceLastAccessedDetails", resource: ARNS.ordersRole, code: "LastAccessedJobTimedOut" }]);
  });

  it("backs off between polls: each wait doubles up to maxDelayMs", async () => {
    const { clients, mock, ctx } = setup({ hints: [ARNS.ordersRole] });
    serveFixtures(mock);
    serveJobs(mock, { [jobIdOf(ARNS.ordersRole)]: [LAST_ACCESSED.inProgress] });
    // The waits asked for, not the time that passed: a busy machine stretches the latter.
    const timers = vi.spyOn(globalThis, "setTimeout");
    try {
      await collectIam(clients, ctx, { lastAccessedConcurrency: 1, poll: { initialDelayMs: 2, maxDelayMs: 6, maxPolls: 4 } });
      expect(timers.mock.calls.map((c) => c[1])).toEqual([2, 4, 6, 6]);
    } finally {
      timers.mockRestore();
    }
  });

  it("records AccessDenied on GenerateServiceLastAccessedDetails for that role; the other roles go on", async () => {
    const { clients, mock, errors, ctx } = setup({ hints: [ARNS.ordersRole, ARNS.ec2Role] });
    serveFixtures(mock);
    mock
      .on(GenerateServiceLastAccessedDetailsCommand, { Arn: ARNS.ec2Role })
      .rejects(accessDenied("iam:GenerateServiceLastAccessedDetails", ARNS.ec2Role));
    serveJobs(mock, { [jobIdOf(ARNS.ordersRole)]: [LAST_ACCESSED.completedPage1] });

    const raw = complete(await collectIam(clients, ctx, FAST));

    expect(raw.lastAccessed[ARNS.ec2Role]).toMatchObject({ status: "error", code: "AccessDenied" });
    expect(raw.lastAccessed[ARNS.ordersRole]?.status).toBe("ok");
    expect(errors).toEqual([
      { api: "iam:GenerateServiceLastAccessedDetails", resource: ARNS.ec2Role, code: "AccessDenied", message: expect.any(String) },
    ]);
  });

  it("asks only about hinted roles that exist now, each once", async () => {
    const deleted = `arn:aws:iam::${ACCOUNT_ID}:role/deleted-since`;
    const { clients, mock, errors, ctx } = setup({ hints: [deleted, ARNS.legacyRole, ARNS.legacyRole] });
    serveFixtures(mock);
    serveJobs(mock, { [jobIdOf(ARNS.legacyRole)]: [LAST_ACCESSED.completedPage1] });

    const raw = complete(await collectIam(clients, ctx, FAST));

    expect(mock.commandCalls(GenerateServiceLastAccessedDetailsCommand).map((c) => c.args[0].input.Arn)).toEqual([ARNS.legacyRole]);
    expect(Object.keys(raw.lastAccessed)).toEqual([ARNS.legacyRole]);
    expect(errors).toEqual([]);
  });

  it("asks nothing when the hints are empty (first scan): every role's last access is absent (not requested)", async () => {
    const { clients, mock, ctx } = setup({ hints: [] });
    serveFixtures(mock);
    const raw = complete(await collectIam(clients, ctx, FAST));
    expect(raw.lastAccessed).toEqual({});
    expect(mock.commandCalls(GenerateServiceLastAccessedDetailsCommand)).toHaveLength(0);
    for (const r of normalizeIam(raw, normalizeCtx).iam_role.resources) expect(r.record.lastAccessed).toEqual({ status: "absent" });
  });

  it("keeps at most lastAccessedConcurrency jobs in flight", async () => {
    const roles = Array.from({ length: 8 }, (_, i) => ({
      RoleName: `fn-role-${i}`,
      Arn: `arn:aws:iam::${ACCOUNT_ID}:role/fn-role-${i}`,
      AssumeRolePolicyDocument: "%7B%22Statement%22%3A%5B%5D%7D",
    }));
    const { clients, mock, ctx } = setup({ hints: roles.map((r) => r.Arn) });
    mock.on(GetAccountAuthorizationDetailsCommand).resolves({ RoleDetailList: roles, IsTruncated: false });
    mock.on(ListRolesCommand).resolves({ Roles: [] });
    let inFlight = 0;
    let maxInFlight = 0;
    mock.on(GenerateServiceLastAccessedDetailsCommand).callsFake((input: GenerateServiceLastAccessedDetailsCommandInput) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return { JobId: jobIdOf(input.Arn ?? "") };
    });
    mock.on(GetServiceLastAccessedDetailsCommand).callsFake(async () => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
      return LAST_ACCESSED.completedPage2();
    });

    const raw = complete(await collectIam(clients, ctx, FAST));

    expect(Object.keys(raw.lastAccessed)).toHaveLength(8);
    expect(maxInFlight).toBe(FAST.lastAccessedConcurrency);
  });
});

describe("collectIam: cancellation", () => {
  it("makes no call when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const { clients, mock, errors, ctx } = setup({ signal: controller.signal });
    serveFixtures(mock);
    await expect(collectIam(clients, ctx, FAST)).rejects.toMatchObject({ name: "AbortError" });
    expect(mock.calls()).toHaveLength(0);
    expect(errors).toEqual([]);
  });

  it("stops waiting for a job once aborted, and rejects instead of returning a partial raw", async () => {
    const controller = new AbortController();
    const { clients, mock, errors, ctx } = setup({ hints: [ARNS.ordersRole], signal: controller.signal });
    serveFixtures(mock);
    serveJobs(mock, { [jobIdOf(ARNS.ordersRole)]: [LAST_ACCESSED.inProgress] });
    mock.on(GenerateServiceLastAccessedDetailsCommand).callsFake(() => {
      setTimeout(() => controller.abort(), 5);
      return { JobId: jobIdOf(ARNS.ordersRole) };
    });
    const started = performance.now();
    // A one-minute first wait: only the abort can end it early.
    const slow: IamCollectOptions = { lastAccessedConcurrency: 3, poll: { initialDelayMs: 60_000, maxDelayMs: 60_000, maxPolls: 2 } };
    await expect(collectIam(clients, ctx, slow)).rejects.toMatchObject({ name: "AbortError" });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(mock.commandCalls(GetServiceLastAccessedDetailsCommand)).toHaveLength(0);
    expect(errors).toEqual([]);
  });

  it("passes the abort signal to every SDK call", async () => {
    const controller = new AbortController();
    const { clients, mock, ctx } = setup({ hints: [ARNS.ordersRole], signal: controller.signal });
    serveFixtures(mock);
    serveJobs(mock, { [jobIdOf(ARNS.ordersRole)]: [LAST_ACCESSED.completedPage1] });
    await collectIam(clients, ctx, FAST);
    expect(mock.calls().length).toBeGreaterThan(4);
    for (const call of mock.calls()) expect((call.args as unknown[])[1]).toMatchObject({ abortSignal: controller.signal });
  });
});

describe("collectIam with the SDK's real middleware", () => {
  // Not aws-sdk-client-mock: it bypasses the middleware stack, so it can show neither retries nor the call
  // counts the unit reports (CallMetrics). A local HTTP server speaks IAM's query protocol (XML) instead.
  let server: Server | undefined;
  afterEach(async () => {
    if (server) await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  async function serve(handler: (action: string, params: URLSearchParams) => { status: number; body: string }) {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (d) => (body += d));
      req.on("end", () => {
        const params = new URLSearchParams(body);
        const reply = handler(params.get("Action") ?? "", params);
        res.writeHead(reply.status, { "content-type": "text/xml" });
        res.end(reply.body);
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  const client = (endpoint: string, metrics: CallMetrics, maxAttempts: number) =>
    instrument(new IAMClient({ region: "us-east-1", credentials: CREDENTIALS, endpoint, maxAttempts, retryMode: "standard" }), metrics);

  const role = (name: string) =>
    `<member><RoleName>${name}</RoleName><Arn>arn:aws:iam::${ACCOUNT_ID}:role/${name}</Arn><Path>/</Path>` +
    `<AssumeRolePolicyDocument>%7B%22Statement%22%3A%5B%5D%7D</AssumeRolePolicyDocument></member>`;

  it("counts one call per GAAD page plus ListRoles: the call budget B4 measures", async () => {
    const endpoint = await serve((action, params) => {
      if (action === "GetAccountAuthorizationDetails") {
        const marker = params.get("Marker");
        const more = marker === null;
        return {
          status: 200,
          body:
            `<GetAccountAuthorizationDetailsResponse><GetAccountAuthorizationDetailsResult>` +
            `<RoleDetailList>${more ? role("a") : role("b")}</RoleDetailList>` +
            `<IsTruncated>${more}</IsTruncated>${more ? "<Marker>page-2</Marker>" : ""}` +
            `</GetAccountAuthorizationDetailsResult></GetAccountAuthorizationDetailsResponse>`,
        };
      }
      if (action === "ListRoles") {
        return {
          status: 200,
          body: `<ListRolesResponse><ListRolesResult><Roles>${role("a")}${role("b")}</Roles><IsTruncated>false</IsTruncated></ListRolesResult></ListRolesResponse>`,
        };
      }
      return { status: 400, body: `<ErrorResponse><Error><Code>InvalidAction</Code><Message>${action}</Message></Error></ErrorResponse>` };
    });
    const metrics: CallMetrics = { calls: 0, throttles: 0 };
    const errors: CallError[] = [];

    const raw = complete(await collectIam({ iam: client(endpoint, metrics, 1) }, { accountId: ACCOUNT_ID, region: "global", recordError: (e) => errors.push(e) }, FAST));

    expect(raw.roles.map((r) => r.RoleName)).toEqual(["a", "b"]);
    expect(errors).toEqual([]);
    expect(metrics).toEqual({ calls: 3, throttles: 0 });
  });

  it("retries a throttled GAAD, counts every attempt, then records the throttle", async () => {
    let requests = 0;
    const endpoint = await serve(() => {
      requests++;
      return {
        status: 400,
        body: `<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
      };
    });
    const metrics: CallMetrics = { calls: 0, throttles: 0 };
    const errors: CallError[] = [];

    const raw = await collectIam({ iam: client(endpoint, metrics, 2) }, { accountId: ACCOUNT_ID, region: "global", recordError: (e) => errors.push(e) }, FAST);

    expect(requests).toBe(2);
    expect(metrics).toEqual({ calls: 2, throttles: 2 });
    expect(raw).toEqual({ listing: "failed", code: "Throttling", message: "Rate exceeded" });
    expect(errors).toEqual([{ api: "iam:GetAccountAuthorizationDetails", code: "Throttling", message: "Rate exceeded" }]);
  });

  const MOTO_NOT_IMPLEMENTED =
    "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n" +
    "<p>The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.</p>\n";

  it.each([
    // moto 5.2.1's reply, verbatim, for the last-accessed calls it does not implement: not XML, the SDK says "Error".
    ["moto's HTML page", MOTO_NOT_IMPLEMENTED],
    // Well-formed but without an AWS error code: the SDK says "Unknown".
    ["a well-formed page without an error code", "<html><head><title>500</title></head><body>oops</body></html>"],
  ])("names a reply without an AWS error code (%s) UnexpectedResponse, with its HTTP status", async (_what, page) => {
    const endpoint = await serve((action) => {
      if (action === "GetAccountAuthorizationDetails") {
        return {
          status: 200,
          body: `<GetAccountAuthorizationDetailsResponse><GetAccountAuthorizationDetailsResult><RoleDetailList>${role("a")}</RoleDetailList><IsTruncated>false</IsTruncated></GetAccountAuthorizationDetailsResult></GetAccountAuthorizationDetailsResponse>`,
        };
      }
      if (action === "ListRoles") {
        return { status: 200, body: `<ListRolesResponse><ListRolesResult><Roles>${role("a")}</Roles><IsTruncated>false</IsTruncated></ListRolesResult></ListRolesResponse>` };
      }
      return { status: 500, body: page };
    });
    const errors: CallError[] = [];
    const raw = complete(
      await collectIam(
        { iam: client(endpoint, { calls: 0, throttles: 0 }, 1) },
        { accountId: ACCOUNT_ID, region: "global", recordError: (e) => errors.push(e), hints: { lambdaRoleArns: [`arn:aws:iam::${ACCOUNT_ID}:role/a`] } },
        FAST,
      ),
    );
    expect(raw.lastAccessed[`arn:aws:iam::${ACCOUNT_ID}:role/a`]).toMatchObject({
      status: "error",
      code: "UnexpectedResponse",
      message: expect.stringMatching(/^HTTP 500: /),
    });
    expect(errors).toMatchObject([{ api: "iam:GenerateServiceLastAccessedDetails", code: "UnexpectedResponse" }]);
  });
});
