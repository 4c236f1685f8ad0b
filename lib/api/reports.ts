import type { Db } from "@/db/client";
import type { Actor } from "../auth/actor";
import { AppError, invalid, notFound, unauthenticated } from "../errors";
import { getWeeklyReport, listReportsForApi } from "../reports/read";
import { saveWeeklyReport } from "../reports/save";
import { writingActor, type ApiCaller } from "./caller";
import { apiCall, type ApiResult } from "./respond";
import { MAX_BODY_BYTES } from "./body-limits";

/** A body from nobody is not read at all: the answer is 401 whatever it holds. */
export function refuseAnonymousBody(caller: ApiCaller): ApiResult | null {
  return caller.actor
    ? null
    : apiCall(() => {
        throw unauthenticated();
      });
}

/** GET /api/v1/reports?week=2020-W04&area=SY0200[&status=submitted] */
export function handleListReports(db: Db, actor: Actor | null, query: URLSearchParams): ApiResult {
  return apiCall(() => ({
    status: 200,
    body: listReportsForApi(db, actor, {
      week: query.get("week") ?? undefined,
      area: query.get("area") ?? undefined,
      status: query.get("status") ?? undefined,
    }),
  }));
}

/** GET /api/v1/reports/{pcode}/{week} */
export function handleGetReport(db: Db, actor: Actor | null, key: { pcode: string; week: string }): ApiResult {
  return apiCall(() => {
    const report = getWeeklyReport(db, actor, key);
    if (!report) throw notFound("errors.reportNotFound");
    return { status: 200, body: report };
  });
}

type Body = { ok: true; value: unknown } | { ok: false; reason: "errors.invalidJson" | "errors.bodyTooLarge" };

function parseBody(text: string): Body {
  if (Buffer.byteLength(text, "utf8") > MAX_BODY_BYTES) return { ok: false, reason: "errors.bodyTooLarge" };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: "errors.invalidJson" };
  }
}

/**
 * PUT /api/v1/reports/{pcode}/{week} with the figures as JSON. 201 when it created the report,
 * 200 when it updated it; the body is the stored report with its new `version`, plus the
 * plausibility warnings against the previous week (informational: the API does not ask to confirm).
 */
export function handlePutReport(db: Db, caller: ApiCaller, req: { pcode: string; week: string; body: string }): ApiResult {
  return apiCall(() => {
    const actor = writingActor(caller);
    const body = parseBody(req.body);
    try {
      // A body that is not JSON still goes through the same checks first, so that who may ask is answered before what was sent.
      const saved = saveWeeklyReport(db, actor, { pcode: req.pcode, week: req.week, input: body.ok ? body.value : {} });
      return { status: saved.created ? 201 : 200, body: { ...saved.report, warnings: saved.warnings } };
    } catch (e) {
      if (!body.ok && e instanceof AppError && e.code === "invalid" && !e.fieldErrors?.week) throw invalid({ body: { key: "validation.json" } }, { key: body.reason });
      throw e;
    }
  });
}
