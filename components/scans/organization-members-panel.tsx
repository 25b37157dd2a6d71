"use client";
import { startTransition, useActionState, useState } from "react";
import { addMemberAccountsAction } from "@/lib/actions/add-member-accounts";
import { findMemberAccountsAction } from "@/lib/actions/find-member-accounts";
import {
  DEFAULT_ROLE_NAME,
  isAddable,
  memberRoleArn,
  type TAddMemberAccounts,
  type TFindMemberAccounts,
  type TMemberListing,
  type TMemberRow,
  type TOrgMembersState,
} from "@/lib/actions/onboarding-input";
import type { TAccountChoice } from "@/lib/db/accounts";
import { EmptyState, buttonClass, inputClass, secondaryButtonClass } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { AwsCallErrorNotice } from "./aws-call-error";
import { Field, invalidRing } from "./form-field";

type TRequest = { intent: "find"; input: TFindMemberAccounts } | { intent: "add"; input: TAddMemberAccounts };

const IDLE: TOrgMembersState = { listing: null, outcome: { kind: "none" } };

// Two server actions behind one state: the member list stays one list whether it came from "Find" or "Add".
function runRequest(prev: TOrgMembersState, request: TRequest): Promise<TOrgMembersState> {
  return request.intent === "find" ? findMemberAccountsAction(prev, request.input) : addMemberAccountsAction(prev, request.input);
}

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";
const td = "px-3 py-2 align-top";
const marker = "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset whitespace-nowrap";

function MemberAction({
  member,
  justAdded,
  busy,
  onAdd,
}: {
  member: TMemberRow;
  justAdded: boolean;
  busy: "this" | "other" | null;
  onAdd: () => void;
}) {
  if (justAdded) return <span className={`${marker} bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-500/10 dark:text-emerald-200 dark:ring-emerald-500/40`}>Added</span>;
  if (member.configured) return <span className={`${marker} bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-700/50 dark:text-slate-200 dark:ring-slate-500/50`}>Already configured</span>;
  if (!isAddable(member)) return <span className="text-xs text-slate-500 dark:text-slate-400">Not active: cannot be scanned</span>;
  return (
    <button type="button" onClick={onAdd} disabled={busy !== null} className={secondaryButtonClass}>
      {busy === "this" ? "Adding…" : "Add"}
      <span className="sr-only"> {member.name}</span>
    </button>
  );
}

function MembersTable({
  listing,
  roleName,
  justAdded,
  busyKey,
  onAdd,
}: {
  listing: TMemberListing;
  roleName: string;
  justAdded: ReadonlySet<string>;
  busyKey: string | null;
  onAdd: (memberId: string) => void;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
        <caption className="sr-only">Member accounts of the organization</caption>
        <thead>
          <tr>
            <th scope="col" className={th}>Account</th>
            <th scope="col" className={th}>Email</th>
            <th scope="col" className={th}>Status</th>
            <th scope="col" className={th}>Role Lantern would assume</th>
            <th scope="col" className={`${th} text-right`}>
              <span className="sr-only">Add to Lantern</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {listing.members.map((m) => (
            <tr key={m.id}>
              <th scope="row" className={`${td} text-left font-normal`}>
                <span className="block font-medium text-slate-900 dark:text-white">{m.name}</span>
                <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{m.id}</span>
              </th>
              <td className={`${td} break-all text-xs`}>{m.email ?? "—"}</td>
              <td className={`${td} text-xs`}>{m.status ?? "—"}</td>
              <td className={`${td} break-all font-mono text-xs text-slate-600 dark:text-slate-400`}>
                {m.configured && !justAdded.has(m.id) ? "as configured" : memberRoleArn(m.id, roleName || DEFAULT_ROLE_NAME, listing.partition)}
              </td>
              <td className={`${td} text-right`}>
                <MemberAction
                  member={m}
                  justAdded={justAdded.has(m.id)}
                  busy={busyKey === null ? null : busyKey === m.id || busyKey === "all-new" ? "this" : "other"}
                  onAdd={() => onAdd(m.id)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * "Organization accounts": lists the member accounts of an AWS Organization through a configured
 * management (or delegated administrator) account, and adds them with one click each.
 */
export function OrganizationMembersPanel({ accounts, defaultRegions }: { accounts: TAccountChoice[]; defaultRegions: string[] }) {
  const [managementId, setManagementId] = useState(accounts[0]?.id ?? "");
  const [roleName, setRoleName] = useState(DEFAULT_ROLE_NAME);
  const [externalId, setExternalId] = useState("");
  const [regionSource, setRegionSource] = useState<"default" | "management">("default");
  const [state, dispatch, pending] = useActionState(runRequest, IDLE);
  // What the running request is for: "find", "all-new" or a member id (its button says so).
  const [requested, setRequested] = useState<string | null>(null);
  const busyKey = pending ? requested : null;

  if (accounts.length === 0) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Add the organization&apos;s management account (or its delegated administrator) below first; Lantern then lists the
        other accounts of the organization from it.
      </p>
    );
  }

  const selected = accounts.find((a) => a.id === managementId) ?? accounts[0];
  const { listing, outcome } = state;
  // A listing of another account than the one picked is stale: adding from it would mix the two.
  const shown = listing && listing.managementAccountId === selected.id ? listing : null;
  const fieldErrors = outcome.kind === "invalid" ? outcome.fieldErrors : {};
  const justAdded = new Set(outcome.kind === "added" ? outcome.accountIds : []);
  const addableCount = shown ? shown.members.filter(isAddable).length : 0;

  function send(request: TRequest, key: string) {
    setRequested(key);
    startTransition(() => dispatch(request));
  }
  function add(which: TAddMemberAccounts["add"], key: string) {
    if (!shown) return;
    send({ intent: "add", input: { managementAccountId: shown.managementAccountId, roleName, externalId, regionSource, add: which } }, key);
  }

  return (
    <div>
      <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        Lantern asks AWS Organizations (<code className="font-mono">organizations:ListAccounts</code>) for the accounts of your
        organization, through its management account or a delegated administrator, and adds each member with the role below.
      </p>
      <form
        noValidate
        className="mt-4 grid gap-4 md:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          send({ intent: "find", input: { managementAccountId: selected.id } }, "find");
        }}
      >
        <Field name="managementAccountId" label="Management or delegated admin account" errors={fieldErrors.managementAccountId}>
          {(p) => (
            <select {...p} value={selected.id} onChange={(e) => setManagementId(e.target.value)} className={`${inputClass} ${invalidRing}`}>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} ({a.id})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          name="roleName"
          label="Role name in each member account"
          hint={<>Lantern assumes arn:aws:iam::&lt;member id&gt;:role/{roleName || "…"}</>}
          errors={fieldErrors.roleName}
        >
          {(p) => <input {...p} value={roleName} onChange={(e) => setRoleName(e.target.value)} autoComplete="off" className={`${inputClass} ${invalidRing} font-mono`} />}
        </Field>
        <Field name="externalId" label="External id (optional)" hint="Stored with each account added; sent with sts:AssumeRole" errors={fieldErrors.externalId}>
          {(p) => <input {...p} value={externalId} onChange={(e) => setExternalId(e.target.value)} autoComplete="off" className={`${inputClass} ${invalidRing} font-mono`} />}
        </Field>
        <fieldset>
          <legend className="mb-1 block text-sm font-medium text-slate-800 dark:text-slate-200">Regions of the added accounts</legend>
          <label className="flex items-center gap-2 text-sm text-slate-800 dark:text-slate-200">
            <input type="radio" name="regionSource" value="default" checked={regionSource === "default"} onChange={() => setRegionSource("default")} className="accent-brand-600" />
            Lantern&apos;s default: <span className="font-mono text-xs">{defaultRegions.join(", ")}</span>
          </label>
          <label className="mt-1 flex items-center gap-2 text-sm text-slate-800 dark:text-slate-200">
            <input type="radio" name="regionSource" value="management" checked={regionSource === "management"} onChange={() => setRegionSource("management")} className="accent-brand-600" />
            Same as {selected.name}: <span className="font-mono text-xs">{selected.regions.join(", ")}</span>
          </label>
          <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">Each account&apos;s &ldquo;Discover regions&rdquo; replaces them with its enabled regions.</p>
        </fieldset>
        <div className="md:col-span-2">
          <button type="submit" disabled={pending} className={buttonClass}>
            {busyKey === "find" ? "Finding member accounts…" : "Find member accounts"}
          </button>
        </div>
      </form>

      <div aria-live="polite" className="mt-4 space-y-3 text-sm">
        {busyKey === "find" && (
          <div role="status" className="space-y-2">
            <p className="text-slate-600 dark:text-slate-400">Asking AWS Organizations for the accounts of {selected.name}&apos;s organization…</p>
            <Skeleton className="h-8 w-full" />
            <Skeleton className="h-8 w-full" />
          </div>
        )}
        {!pending && outcome.kind === "aws_error" && (
          <AwsCallErrorNotice title={outcome.error.api.startsWith("organizations:") ? "AWS Organizations refused to list the accounts" : "The call to AWS failed"} error={outcome.error} />
        )}
        {!pending && outcome.kind === "invalid" && (
          <p role="alert" className="font-medium text-red-700 dark:text-red-300">
            {outcome.message}
          </p>
        )}
        {!pending && outcome.kind === "added" && <p className="text-emerald-700 dark:text-emerald-300">{outcome.message}</p>}
      </div>

      {shown && busyKey !== "find" && (
        <div className="mt-4">
          {shown.members.length === 0 ? (
            <EmptyState title="No other member account">
              <p>
                The organization of {shown.managementName} ({shown.managementAccountId}) has no account besides it. Accounts created or
                invited into the organization later show up here.
              </p>
            </EmptyState>
          ) : (
            <>
              <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
                <p className="text-sm text-slate-700 dark:text-slate-300">
                  {shown.members.length} other account{shown.members.length === 1 ? "" : "s"} in the organization of {shown.managementName};{" "}
                  {addableCount === 0 ? "every active one is already in Lantern." : `${addableCount} not yet in Lantern.`}
                </p>
                {addableCount > 0 && (
                  <button type="button" onClick={() => add("all-new", "all-new")} disabled={pending} className={buttonClass}>
                    {busyKey === "all-new" ? "Adding…" : `Add all new (${addableCount})`}
                  </button>
                )}
              </div>
              <MembersTable listing={shown} roleName={roleName} justAdded={justAdded} busyKey={busyKey} onAdd={(id) => add({ memberId: id }, id)} />
            </>
          )}
        </div>
      )}
    </div>
  );
}
