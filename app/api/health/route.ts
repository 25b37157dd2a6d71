// Liveness and database reachability, for Docker healthchecks and uptime monitors.
import { pingDatabase } from "@/lib/db/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const dbOk = await pingDatabase();
  return Response.json(
    dbOk ? { status: "ok", db: "ok" } : { status: "error", db: "unreachable" },
    { status: dbOk ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
