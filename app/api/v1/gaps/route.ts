import { getDb } from "@/db/client";
import { answerApi } from "@/lib/api/caller";
import { toResponse } from "@/lib/api/http";
import { getGapsApi } from "@/lib/api/summary";
import { getApiCaller } from "@/lib/next/session";

export const dynamic = "force-dynamic";

/** GET /api/v1/gaps?week=2020-W04&level=3&sector=shelter[&format=csv|xlsx] — the gap report (JSON, or an HXL-tagged file streamed). */
export async function GET(request: Request) {
  const result = answerApi(getDb(), await getApiCaller(), (actor) => getGapsApi(getDb(), actor, new URL(request.url).searchParams));
  return toResponse(result);
}
