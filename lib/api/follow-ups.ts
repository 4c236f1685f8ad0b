import type { Db } from "@/db/client";
import type { Actor } from "../auth/actor";
import { addReportComment, listReportComments } from "../reports/comments";
import { clearReportFlag, flagReportFigure, listFollowUps, listReportFlags } from "../reports/flags";
import { writingActor, type ApiCaller } from "./caller";
import { jsonObject } from "./json-body";
import { apiCall, type ApiResult } from "./respond";

type Key = { pcode: string; week: string };

/** GET /api/v1/reports/{pcode}/{week}/comments */
export function handleListComments(db: Db, actor: Actor | null, key: Key): ApiResult {
  return apiCall(() => ({ status: 200, body: { comments: listReportComments(db, actor, key) } }));
}

/** POST /api/v1/reports/{pcode}/{week}/comments with `{"body": "…"}`: 201 and the comment. */
export function handlePostComment(db: Db, caller: ApiCaller, req: Key & { body: string }): ApiResult {
  return apiCall(() => {
    const actor = writingActor(caller);
    // Who may comment is decided before the body is read: a refused caller learns nothing from its shape.
    listReportComments(db, actor, req);
    const body = jsonObject(req.body);
    return { status: 201, body: addReportComment(db, actor, { pcode: req.pcode, week: req.week, body: body.body }) };
  });
}

/** GET /api/v1/reports/{pcode}/{week}/flags: open and cleared, oldest first. */
export function handleListFlags(db: Db, actor: Actor | null, key: Key): ApiResult {
  return apiCall(() => ({ status: 200, body: { flags: listReportFlags(db, actor, key) } }));
}

/** POST /api/v1/reports/{pcode}/{week}/flags with `{"field", "reason"}`: 201 and the flag. */
export function handlePostFlag(db: Db, caller: ApiCaller, req: Key & { body: string }): ApiResult {
  return apiCall(() => {
    const actor = writingActor(caller);
    const body = jsonObject(req.body);
    return { status: 201, body: flagReportFigure(db, actor, { pcode: req.pcode, week: req.week, field: body.field, reason: body.reason }) };
  });
}

/** POST /api/v1/flags/{id}/clear with `{"note"}`: 200 and the cleared flag. */
export function handleClearFlag(db: Db, caller: ApiCaller, req: { id: string; body: string }): ApiResult {
  return apiCall(() => {
    const actor = writingActor(caller);
    const body = jsonObject(req.body);
    return { status: 200, body: clearReportFlag(db, actor, { id: req.id, note: body.note }) };
  });
}

/** GET /api/v1/follow-ups?area=&week=&sector=&state=open|cleared|all&page= */
export function handleListFollowUps(db: Db, actor: Actor | null, query: URLSearchParams): ApiResult {
  return apiCall(() => ({
    status: 200,
    body: listFollowUps(db, actor, {
      area: query.get("area") ?? undefined,
      week: query.get("week") ?? undefined,
      sector: query.get("sector") ?? undefined,
      state: query.get("state") ?? undefined,
      page: query.get("page") ?? undefined,
    }),
  }));
}
