import { getDb } from "@/db/client";
import { readiness } from "@/lib/ops/health";

export const dynamic = "force-dynamic";

/** Readiness for a supervisor: 200 when the database takes writes and its migrations are current, else 503 with the reasons. */
export function GET() {
  const r = readiness(getDb());
  return Response.json(r, { status: r.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
