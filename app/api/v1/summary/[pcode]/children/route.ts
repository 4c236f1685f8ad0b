import { getDb } from "@/db/client";
import { answerApi } from "@/lib/api/caller";
import { toResponse } from "@/lib/api/http";
import { getChildrenApi } from "@/lib/api/summary";
import { unknownAreaAnswer } from "@/lib/api/unknown-area";
import { getApiCaller } from "@/lib/next/session";
import { pcodeFromParam } from "@/lib/validation/pcode-param";

export const dynamic = "force-dynamic";

/** GET /api/v1/summary/SY02/children?week=2020-W04[&format=csv|xlsx&lang=en|ar] — the sub-areas' figures (JSON) or the area table export (streamed). */
export async function GET(request: Request, { params }: { params: Promise<{ pcode: string }> }) {
  const { pcode } = await params;
  const code = pcodeFromParam(pcode);
  const result = answerApi(getDb(), await getApiCaller(), (actor) =>
    code === null ? unknownAreaAnswer(actor) : getChildrenApi(getDb(), actor, { pcode: code, query: new URL(request.url).searchParams }),
  );
  return toResponse(result);
}
