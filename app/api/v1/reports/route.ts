import { getDb } from "@/db/client";
import { handleListReports } from "@/lib/api/reports";
import { answerApi } from "@/lib/api/caller";
import { getApiCaller } from "@/lib/next/session";

export const dynamic = "force-dynamic";

/** GET /api/v1/reports?week=2020-W04&area=SY0200 — session cookie or `Authorization: Bearer <token>`. */
export async function GET(request: Request) {
  const result = answerApi(getDb(), await getApiCaller(), (actor) => handleListReports(getDb(), actor, new URL(request.url).searchParams));
  return Response.json(result.body, { status: result.status, headers: { "Cache-Control": "no-store" } });
}
