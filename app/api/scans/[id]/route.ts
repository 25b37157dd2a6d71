// Progress of one scan as JSON; the scans pages poll it every second while the scan runs.
import { z } from "zod";
import { getScanProgress } from "@/lib/db/scan-progress";

export const dynamic = "force-dynamic";

const ZParams = z.object({ id: z.uuid() });

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const parsed = ZParams.safeParse(await params);
  if (!parsed.success) {
    return Response.json({ error: "The scan id must be a UUID." }, { status: 422, headers: { "Cache-Control": "no-store" } });
  }
  const progress = await getScanProgress(parsed.data.id);
  if (!progress) {
    return Response.json({ error: "No scan has this id." }, { status: 404, headers: { "Cache-Control": "no-store" } });
  }
  return Response.json(progress, { headers: { "Cache-Control": "no-store" } });
}
