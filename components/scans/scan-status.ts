// Pure helpers about scan state, safe to import from client components (no database imports).
import type { TScanStatus } from "@/lib/db/accounts";
import type { TScanEta, TScanUnitProgress } from "@/lib/db/scan-progress";
import { formatDuration } from "@/components/ui/format";
import {
  AWS_ACCESS_DOC_PATH,
  SHIPPED_POLICY_PATH,
  SHIPPED_ROLE_TEMPLATE_PATH,
  isAccessDenied,
  missingPermission,
} from "./scanner-policy";

export const isScanActive = (status: TScanStatus) => status === "queued" || status === "running";

/** "about 2 min 05 s", "estimating…" until a unit finished; never negative or NaN. */
export function etaText(eta: TScanEta): string {
  if (eta.state === "done") return "—";
  if (eta.state === "estimating") return "estimating…";
  if (!Number.isFinite(eta.remainingMs) || eta.remainingMs < 1000) return "any moment";
  return `about ${formatDuration(eta.remainingMs)}`;
}

export type TErrorGroup = {
  api: string;
  code: string;
  count: number;
  /** "lambda/us-east-1", one per unit that saw it */
  units: string[];
  message: string;
  resources: string[];
};

/** Errors of every unit merged by (api, code), most frequent first. */
export function groupScanErrors(units: readonly Pick<TScanUnitProgress, "service" | "region" | "errors">[]): TErrorGroup[] {
  const groups = new Map<string, TErrorGroup>();
  for (const u of units) {
    for (const e of u.errors) {
      const key = `${e.api}\u0000${e.code}`;
      let g = groups.get(key);
      if (!g) {
        g = { api: e.api, code: e.code, count: 0, units: [], message: e.message, resources: [] };
        groups.set(key, g);
      }
      g.count += e.count;
      const unit = `${u.service}/${u.region}`;
      if (!g.units.includes(unit)) g.units.push(unit);
      if (e.resource && g.resources.length < 5 && !g.resources.includes(e.resource)) g.resources.push(e.resource);
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.api.localeCompare(b.api));
}

const EXPLANATIONS: { match: RegExp; text: (api: string) => string }[] = [
  {
    match: /Throttl|TooManyRequests|RequestLimitExceeded|SlowDown|RateExceeded/i,
    text: () =>
      "AWS rate-limited these calls and they still failed after retries. Lower LANTERN_SCAN_CONCURRENCY or scan again later; the data they would have returned is missing from this scan.",
  },
  {
    match: /NotFound|NoSuchEntity/i,
    text: () =>
      "The resource disappeared between being listed and being read (deleted during the scan). Usually harmless: the next scan settles it.",
  },
  {
    match: /ExpiredToken|InvalidClientTokenId|UnrecognizedClient|SignatureDoesNotMatch|InvalidSignature|CredentialsProvider|AssumeRole/i,
    text: () =>
      "AWS rejected the credentials. Check the account's role ARN and external id, and that the worker's own credentials can assume that role.",
  },
  {
    match: /UnknownOperation|UnexpectedResponse|InvalidResponse/i,
    text: () =>
      "The endpoint answered with something that is not this API's response: usually an emulator such as moto that does not implement the call, or a proxy in the way. The data it would have returned is missing; rules that need it report the resource as unknown.",
  },
  {
    match: /ECONNREFUSED|ETIMEDOUT|ENOTFOUND|Timeout|Network|socket/i,
    text: () => "Lantern could not reach the AWS endpoint for this region. Check the worker's network, proxy and the region name.",
  },
];

const UNKNOWN_UNTIL_FIXED = "Until then, rules that need this data report the resource as unknown instead of passing it.";

function explainAccessDenied(api: string): string {
  if (/^sts:AssumeRole/i.test(api)) {
    return `The worker's own credentials may not assume the account's role. Check the role's trust policy (${SHIPPED_ROLE_TEMPLATE_PATH} sets it up) and the external id; ${AWS_ACCESS_DOC_PATH} walks through it.`;
  }
  const missing = missingPermission(api, "AccessDenied");
  if (!missing) {
    return `The scanning role was denied ${api}. Check its policies against ${SHIPPED_POLICY_PATH} (${AWS_ACCESS_DOC_PATH} explains each permission). ${UNKNOWN_UNTIL_FIXED}`;
  }
  return missing.inShippedPolicy
    ? `The scanning role lacks the IAM permission ${missing.action}. Lantern's policy (${SHIPPED_POLICY_PATH}) grants it: attach the current version of that policy to the role, or update the stack from ${SHIPPED_ROLE_TEMPLATE_PATH}. If the role already has it, a service control policy or permissions boundary denies it. ${AWS_ACCESS_DOC_PATH} explains what each permission is for. ${UNKNOWN_UNTIL_FIXED}`
    : `The scanning role lacks the IAM permission ${missing.action}, which ${SHIPPED_POLICY_PATH} does not grant either: add it to the role's policy (${AWS_ACCESS_DOC_PATH} lists what Lantern reads). ${UNKNOWN_UNTIL_FIXED}`;
}

export function explainError(api: string, code: string): string {
  if (isAccessDenied(code)) return explainAccessDenied(api);
  return EXPLANATIONS.find((e) => e.match.test(code))?.text(api) ?? "AWS returned this error; its message is shown as AWS sent it.";
}
