import "server-only";
import { getDb, type Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { readBodyText } from "@/lib/api/body";
import { answerApi, type ApiCaller } from "@/lib/api/caller";
import { toResponse } from "@/lib/api/http";
import { refuseAnonymousBody } from "@/lib/api/reports";
import { MAX_BODY_BYTES } from "@/lib/api/body-limits";
import type { ApiResult } from "@/lib/api/respond";
import { unknownAreaAnswer } from "@/lib/api/unknown-area";
import { pcodeFromParam } from "@/lib/validation/pcode-param";
import { getApiCaller } from "./session";

/**
 * The route handlers of /api/v1/reports/{pcode}/{week} and its sub-resources (comments, flags):
 * one place for the order every such route keeps — a malformed P-code is the unknown-area answer
 * (404, or 401 for nobody), a write refuses an anonymous caller before reading its body, and the
 * body is read with the API's size limit.
 */
type Params = { params: Promise<{ pcode: string; week: string }> };
type ReportKey = { pcode: string; week: string };

export function reportRead(handle: (db: Db, actor: Actor | null, key: ReportKey) => ApiResult) {
  return async (_request: Request, { params }: Params): Promise<Response> => {
    const { pcode, week } = await params;
    const code = pcodeFromParam(pcode);
    return toResponse(answerApi(getDb(), await getApiCaller(), (actor) => (code === null ? unknownAreaAnswer(actor) : handle(getDb(), actor, { pcode: code, week }))));
  };
}

export function reportWrite(handle: (db: Db, caller: ApiCaller, input: ReportKey & { body: string }) => ApiResult) {
  return async (request: Request, { params }: Params): Promise<Response> => {
    const { pcode, week } = await params;
    const caller = await getApiCaller();
    const refused = refuseAnonymousBody(caller);
    if (refused) return toResponse(refused);
    const code = pcodeFromParam(pcode);
    if (code === null) return toResponse(unknownAreaAnswer(caller.actor));
    const body = await readBodyText(request, MAX_BODY_BYTES);
    return toResponse(answerApi(getDb(), caller, () => handle(getDb(), caller, { pcode: code, week, body })));
  };
}
