// The outcome of one AWS read that may legitimately be absent or may fail. Rules turn `error` into UNKNOWN.
import { z } from "zod";

export const ZFetchError = z.object({
  status: z.literal("error"),
  /** AWS error code (AccessDeniedException, ThrottlingException, ...) or a local code such as MalformedPolicy. */
  code: z.string(),
  message: z.string(),
});

export function zFetched<T extends z.ZodTypeAny>(value: T) {
  return z.discriminatedUnion("status", [
    z.object({ status: z.literal("ok"), value }),
    z.object({ status: z.literal("absent") }),
    ZFetchError,
  ]);
}

export type Fetched<T> = { status: "ok"; value: T } | { status: "absent" } | z.infer<typeof ZFetchError>;
