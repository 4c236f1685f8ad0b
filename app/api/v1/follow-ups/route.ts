import { getDb } from "@/db/client";
import { answerApi } from "@/lib/api/caller";
import { handleListFollowUps } from "@/lib/api/follow-ups";
import { getApiCaller } from "@/lib/next/session";

export const dynamic = "force-dynamic";

/** GET /api/v1/follow-ups?area=SY02&week=2020-W04&sector=nfi&state=open — flagged figures, a page at a time. */
export async function GET(request: Request) {
  const result = answerApi(getDb(), await getApiCaller(), (actor) => handleListFollowUps(getDb(), actor, new URL(request.url).searchParams));
  return Response.json(result.body, { status: result.status, headers: { "Cache-Control": "no-store" } });
}
