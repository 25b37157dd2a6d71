// Who may become a role, read from its trust policy: the graph needs "which roles can a new Lambda function /
// EC2 instance / ... run as" (service principals) and "which principals of this account may call
// sts:AssumeRole on it" (AWS principals). Cross-account and public trust are classified by the trust-policy
// rules (lib/analysis/iam-trust.ts); here only what the privilege graph of one account needs.
import type { TIamRoleRecord } from "@/scanners/iam/record";
import type { ActionCatalog } from "./catalog";
import { hasBit } from "./bitset";
import { compileConditions, evaluateConditions } from "./conditions";
import { FALSE, TRUE, UNKNOWN, partialContext, type Tri } from "./match";

export type TrustEntry = {
  /** TRUE: nothing else limits it; UNKNOWN: a condition (ExternalId, MFA, source ARN...) decides. */
  certainty: Tri;
  statement: number;
  condition: Record<string, unknown> | null;
};

export type RoleTrust = {
  /** The trust policy could not be read. */
  error: string | null;
  /** service principal (lambda.amazonaws.com) -> strongest entry */
  services: Map<string, TrustEntry>;
  /** principal ARNs of this account named explicitly -> entry */
  principals: Map<string, TrustEntry>;
  /** The account root is trusted: any principal whose own policies allow sts:AssumeRole on the role. */
  account: TrustEntry | null;
  /**
   * Principal "*" (or {"AWS": "*"}): like an explicit grant to every principal, so no identity permission is
   * needed within the account.
   */
  anyone: TrustEntry | null;
};

const ASSUME_ACTIONS = ["sts:AssumeRole"];

export function roleTrust(catalog: ActionCatalog, role: TIamRoleRecord, accountId: string): RoleTrust {
  const out: RoleTrust = { error: null, services: new Map(), principals: new Map(), account: null, anyone: null };
  if (role.trustPolicy.status !== "ok") {
    out.error = role.trustPolicy.status === "error" ? role.trustPolicy.code : "absent";
    return out;
  }
  const assume = catalog.indexOf(ASSUME_ACTIONS[0]);
  // What a same-account service or principal presents when it assumes the role.
  const ctx = partialContext(new Map([["aws:sourceaccount", accountId], ["aws:principalaccount", accountId]]));
  role.trustPolicy.value.document.Statement.forEach((s, index) => {
    if (s.Effect !== "Allow" || !s.Principal) return;
    const bits = catalog.actionSet(s.Action ?? s.NotAction ?? [], !s.Action && !!s.NotAction).bits;
    if (assume < 0 || !hasBit(bits, assume)) return;
    const cond = s.Condition ? evaluateConditions(compileConditions(s.Condition), ctx) : TRUE;
    if (cond === FALSE) return;
    const entry: TrustEntry = { certainty: cond === TRUE ? TRUE : UNKNOWN, statement: index, condition: s.Condition ?? null };
    const keep = (m: Map<string, TrustEntry>, key: string) => {
      const prev = m.get(key);
      if (!prev || (prev.certainty !== TRUE && entry.certainty === TRUE)) m.set(key, entry);
    };
    const stronger = (prev: TrustEntry | null) => !prev || (prev.certainty !== TRUE && entry.certainty === TRUE);
    if (s.Principal === "*" || s.Principal.AWS?.includes("*")) {
      if (stronger(out.anyone)) out.anyone = entry;
      if (s.Principal === "*") return;
    }
    for (const svc of s.Principal.Service ?? []) keep(out.services, svc.toLowerCase());
    for (const aws of s.Principal.AWS ?? []) {
      if (aws === "*") continue;
      if (aws === accountId || aws === `arn:aws:iam::${accountId}:root`) {
        if (stronger(out.account)) out.account = entry;
      } else if (aws.startsWith(`arn:aws:iam::${accountId}:`) || aws.startsWith(`arn:aws:sts::${accountId}:`)) {
        keep(out.principals, aws);
      }
    }
  });
  return out;
}
