// Pure helpers about scan state, safe to import from client components (no database imports).
import type { TScanStatus } from "@/lib/db/accounts";
import type { TScanUnitProgress, TUnitError } from "@/lib/db/scan-progress";

export const isScanActive = (status: TScanStatus) => status === "queued" || status === "running";

/** "lambda:GetPolicy AccessDeniedException ×3" */
export const errorLine = (e: Pick<TUnitError, "api" | "code" | "count">) => `${e.api} ${e.code} ×${e.count}`;

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
    match: /AccessDenied|UnauthorizedOperation|AuthorizationError|Forbidden/i,
    text: (api) =>
      `The scanning role is not allowed to call ${api}. Add that permission to Lantern's scanner policy. Until then, rules that need this data report the resource as unknown instead of passing it.`,
  },
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
    match: /ECONNREFUSED|ETIMEDOUT|ENOTFOUND|Timeout|Network|socket/i,
    text: () => "Lantern could not reach the AWS endpoint for this region. Check the worker's network, proxy and the region name.",
  },
];

export function explainError(api: string, code: string): string {
  return EXPLANATIONS.find((e) => e.match.test(code))?.text(api) ?? "AWS returned this error; its message is shown as AWS sent it.";
}
