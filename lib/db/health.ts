// Database reachability for /api/health.
import { prisma, type Db } from "./client";

/** True when a trivial query answers within `timeoutMs`; false on any error or timeout. */
export async function pingDatabase(timeoutMs = 2000, db: Db = prisma): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  // A down or firewalled Postgres can leave the connect hanging; health must answer quickly either way.
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const query = db.$queryRaw`SELECT 1`.then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
