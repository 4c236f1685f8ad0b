import { getDb } from "@/db/client";
import { answerApi } from "@/lib/api/caller";
import { toResponse } from "@/lib/api/http";
import { getSummaryApi } from "@/lib/api/summary";
import { unknownAreaAnswer } from "@/lib/api/unknown-area";
import { getApiCaller } from "@/lib/next/session";
import { pcodeFromParam } from "@/lib/validation/pcode-param";

export const dynamic = "force-dynamic";

/** GET /api/v1/summary/SY02?week=2020-W04 — an area's figures and how they were obtained (bearer token or session cookie). */
export async function GET(request: Request, { params }: { params: Promise<{ pcode: string }> }) {
  const { pcode } = await params;
  const code = pcodeFromParam(pcode);
  const result = answerApi(getDb(), await getApiCaller(), (actor) =>
    code === null ? unknownAreaAnswer(actor) : getSummaryApi(getDb(), actor, { pcode: code, query: new URL(request.url).searchParams }),
  );
  return toResponse(result);
}
