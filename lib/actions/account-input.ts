// Input rules for the "Add account" form, shared by the server action and its tests. No "use server":
// this module exports schemas and types, which a server-action module may not.
import { z } from "zod";

export const REGION_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const ROLE_ARN_PATTERN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
// IAM's own character set for sts:AssumeRole ExternalId
const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]{2,1224}$/;

const CRON_FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12 },
  { name: "day of week", min: 0, max: 7 },
] as const;

/**
 * Checks a 5-field cron expression (UTC) of numbers, `*`, ranges `a-b`, steps `/n` and lists `a,b`.
 * Returns the problem in words, or null when it is valid. Names (MON, JAN) are not accepted.
 */
export function cronProblem(expr: string): string | null {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5) return "Use 5 fields: minute hour day-of-month month day-of-week (e.g. 0 */6 * * *).";
  for (let i = 0; i < 5; i++) {
    const { name, min, max } = CRON_FIELDS[i];
    for (const part of fields[i].split(",")) {
      const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
      if (!m) return `The ${name} field "${fields[i]}" is not a number, range, list, step or *.`;
      const [, , from, to, step] = m;
      const nums = [from, to].filter((n): n is string => n !== undefined).map(Number);
      if (nums.some((n) => n < min || n > max)) return `The ${name} field must stay within ${min}-${max}.`;
      if (nums.length === 2 && nums[0] > nums[1]) return `The ${name} range "${part}" runs backwards.`;
      if (step !== undefined && Number(step) === 0) return `The ${name} step cannot be 0.`;
    }
  }
  return null;
}

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === "" ? null : s));

export const ZNewAccountForm = z.object({
  accountId: z.string().trim().regex(/^\d{12}$/, "An AWS account id is exactly 12 digits."),
  name: z.string().trim().min(1, "Give the account a name.").max(100, "Keep the name under 100 characters."),
  regions: z
    .string()
    .transform((s) => [...new Set(s.split(/[\s,]+/).map((r) => r.trim()).filter(Boolean))])
    .pipe(
      z
        .array(z.string().regex(REGION_PATTERN, "Regions look like us-east-1 or us-gov-west-1."))
        .min(1, "List at least one region, e.g. us-east-1.")
        .max(40, "That is more regions than AWS has."),
    ),
  roleArn: optionalText.pipe(
    z.string().regex(ROLE_ARN_PATTERN, "A role ARN looks like arn:aws:iam::123456789012:role/LanternScanner.").nullable(),
  ),
  externalId: optionalText.pipe(
    z.string().regex(EXTERNAL_ID_PATTERN, "2-1224 characters: letters, digits and +=,.@:/-_").nullable(),
  ),
  schedule: z
    .string()
    .trim()
    .superRefine((s, ctx) => {
      const problem = cronProblem(s);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  enabled: z.boolean(),
});
export type TNewAccountForm = z.infer<typeof ZNewAccountForm>;

export type TAccountFormField = "accountId" | "name" | "regions" | "roleArn" | "externalId" | "schedule" | "enabled";

/** What the form sent, echoed back so a rejected submission keeps what the user typed. */
export type TAccountFormValues = {
  accountId: string;
  name: string;
  regions: string;
  roleArn: string;
  externalId: string;
  schedule: string;
  enabled: boolean;
};

export type TAccountFormState =
  | { status: "idle" }
  | { status: "invalid"; message: string; fieldErrors: Partial<Record<TAccountFormField, string[]>>; values: TAccountFormValues }
  | { status: "created"; message: string; accountId: string };

export const DEFAULT_SCHEDULE = "0 */6 * * *";

/** Reads the form's fields (a checkbox is present only when ticked). */
export function accountFormValues(form: FormData): TAccountFormValues {
  const text = (key: string) => {
    const v = form.get(key);
    return typeof v === "string" ? v : "";
  };
  return {
    accountId: text("accountId"),
    name: text("name"),
    regions: text("regions"),
    roleArn: text("roleArn"),
    externalId: text("externalId"),
    schedule: text("schedule"),
    enabled: form.get("enabled") !== null,
  };
}

export type TScanActionState =
  | { status: "idle" }
  | { status: "started" | "already_running"; message: string; scanId: string }
  | { status: "error"; message: string };

/**
 * "Edit account": the same rules as a new account. The stored external id is never sent to the browser,
 * so an empty field keeps it, `clearExternalId` removes it, and an account without a role has none.
 */
export const ZUpdateAccountForm = ZNewAccountForm.extend({ clearExternalId: z.boolean() }).transform(
  ({ externalId, clearExternalId, ...rest }) => ({
    ...rest,
    externalId: rest.roleArn === null || clearExternalId ? null : (externalId ?? undefined),
  }),
);
export type TUpdateAccountForm = z.infer<typeof ZUpdateAccountForm>;

export type TUpdateAccountFormValues = Omit<TAccountFormValues, "externalId">;

export type TUpdateAccountState =
  | { status: "idle" }
  | {
      status: "invalid";
      message: string;
      fieldErrors: Partial<Record<TAccountFormField | "clearExternalId", string[]>>;
      /** What was typed, except the external id, which is never echoed back. */
      values: TUpdateAccountFormValues;
    }
  | { status: "saved"; message: string; savedAt: number };

export function updateAccountFormValues(form: FormData): TAccountFormValues & { clearExternalId: boolean } {
  return { ...accountFormValues(form), clearExternalId: form.get("clearExternalId") !== null };
}
