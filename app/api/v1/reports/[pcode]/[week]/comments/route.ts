import { getDb } from "@/db/client";
import { readBodyText } from "@/lib/api/body";
import { answerApi } from "@/lib/api/caller";
import { handleListComments, handlePostComment } from "@/lib/api/follow-ups";
import { MAX_BODY_BYTES, refuseAnonymousBody } from "@/lib/api/reports";
import { unknownAreaAnswer } from "@/lib/api/unknown-area";
import { getApiCaller } from "@/lib/next/session";
import { pcodeFromParam } from "@/lib/validation/pcode-param";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ pcode: string; week: string }> };

const json = (result: { status: number; body: unknown }) =>
  Response.json(result.body, { status: result.status, headers: { "Cache-Control": "no-store" } });

/** GET /api/v1/reports/SY0200/2020-W04/comments — the report's comment thread. */
export async function GET(_request: Request, { params }: Params) {
  const { pcode, week } = await params;
  const code = pcodeFromParam(pcode);
  return json(answerApi(getDb(), await getApiCaller(), (actor) => (code === null ? unknownAreaAnswer(actor) : handleListComments(getDb(), actor, { pcode: code, week }))));
}

/** POST /api/v1/reports/SY0200/2020-W04/comments with {"body"} as JSON. */
export async function POST(request: Request, { params }: Params) {
  const { pcode, week } = await params;
  const caller = await getApiCaller();
  const refused = refuseAnonymousBody(caller);
  if (refused) return json(refused);
  const code = pcodeFromParam(pcode);
  if (code === null) return json(unknownAreaAnswer(caller.actor));
  const body = await readBodyText(request, MAX_BODY_BYTES);
  return json(answerApi(getDb(), caller, () => handlePostComment(getDb(), caller, { pcode: code, week, body })));
}
