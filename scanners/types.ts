// The contract every scanner implements. Scanners collect (I/O, through injected AWS clients) and
// normalize (pure, zod-validated); they never judge. See scanners/lambda for the reference scanner.

/** One failed AWS call, recorded so a gap is visible (UNKNOWN), never silent. */
export type CallError = {
  api: string; // e.g. "lambda:GetPolicy"
  code: string; // AWS error name, e.g. "AccessDeniedException"
  message: string;
  resource?: string;
};

/** Errors grouped by (api, code), as stored in ScanUnit.errors. */
export type UnitError = CallError & { count: number };

export type CollectContext = {
  accountId: string;
  region: string;
  /** Record a failed call. The scan goes on; the unit ends `partial`. */
  recordError(error: CallError): void;
  /** Abort signal: set when the unit's job is cancelled or the worker shuts down. */
  signal?: AbortSignal;
  /**
   * Facts from the stored inventory of other services that narrow what to collect, e.g. the IAM scanner
   * fetches last-accessed details only for roles that Lambda functions use. Read by the unit runner
   * from the database; a scanner never reads another scanner's data itself.
   */
  hints?: {
    /** Roles whose service last-accessed report should be generated this scan. */
    lambdaRoleArns?: string[];
    /**
     * Recent reports already stored, by role ARN, to carry forward instead of generating them again (each
     * report costs IAM calls and a job that can take seconds). Values are validated by the receiving scanner.
     */
    reuseLastAccessed?: Record<string, unknown>;
  };
};

export type NormalizeContext = {
  accountId: string;
  region: string;
  /** Keyed fingerprint of a secret value (HMAC-SHA256 with LANTERN_SECRET, truncated hex). */
  fingerprint(value: string): string;
};

export type NormalizedResource<TRecord> = {
  arn: string;
  record: TRecord;
  /** The API responses the record came from, with secret values already redacted. */
  raw: unknown;
};

export type NormalizeResult<TRecord> = {
  resources: NormalizedResource<TRecord>[];
  /**
   * True when the resource listing itself completed, so resources missing from it are really gone
   * (and may be marked deleted). False when the listing failed: nothing stored may be marked deleted.
   */
  listingComplete: boolean;
};

/** What a scanner's normalize returns: one NormalizeResult per resource type it produces. */
export type ScanOutput = Record<string, NormalizeResult<unknown>>;

export type ScannerDefinition<TClients, TRaw, TOutput extends ScanOutput> = {
  id: string;
  /** "regional": one unit per region; "global": one unit per account (IAM). */
  scope: "regional" | "global";
  /** IAM actions the scanner calls: checked against the shipped scanner policy. */
  apis: readonly string[];
  collect(clients: TClients, ctx: CollectContext): Promise<TRaw>;
  normalize(raw: TRaw, ctx: NormalizeContext): TOutput;
};
