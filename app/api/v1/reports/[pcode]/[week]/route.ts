import { getDb } from "@/db/client";
import { readBodyText } from "@/lib/api/body";
import { handleGetReport, handlePutReport, MAX_BODY_BYTES, refuseAnonymousBody } from "@/lib/api/reports";
import { answerApi } from "@/lib/api/caller";
import { unknownAreaAnswer } from "@/lib/api/unknown-area";
import { getApiCaller } from "@/lib/next/session";
import { pcodeFromParam } from "@/lib/validation/pcode-param";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ pcode: string; week: string }> };

const json = (result: { status: number; body: unknown }) =>
  Response.json(result.body, { status: result.status, headers: { "Cache-Control": "no-store" } });

/** GET /api/v1/reports/SY0200/2020-W04 — one report. */
export async function GET(_request: Request, { params }: Params) {
  const { pcode, week } = await params;
  const code = pcodeFromParam(pcode);
  const result = answerApi(getDb(), await getApiCaller(), (actor) =>
    code === null ? unknownAreaAnswer(actor) : handleGetReport(getDb(), actor, { pcode: code, week }),
  );
  return json(result);
}

/** PUT /api/v1/reports/SY0200/2020-W04 — create (version 0) or update (the stored version) the week's figures. */
export async function PUT(request: Request, { params }: Params) {
  const { pcode, week } = await params;
  const caller = await getApiCaller();
  const refused = refuseAnonymousBody(caller);
  if (refused) return json(refused);
  const code = pcodeFromParam(pcode);
  if (code === null) return json(unknownAreaAnswer(caller.actor));
  const body = await readBodyText(request, MAX_BODY_BYTES);
  const result = answerApi(getDb(), caller, () => handlePutReport(getDb(), caller, { pcode: code, week, body }));
  return json(result);
}
