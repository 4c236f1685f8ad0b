import type { Db } from "@/db/client";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/authorize";
import { invalid } from "../errors";
import { exportReportingRate } from "../exports/reporting-rate-export";
import { getReportingRate } from "../reports/reporting-rate";
import { parseQuery } from "../validation/summary";
import { z } from "zod";
import { apiCall, type ApiResult } from "./respond";

const formatInput = z.object({ format: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.enum(["json", "csv", "xlsx"]).optional()) });

/**
 * GET /api/v1/reporting-rate[?level=1][&area=SY02][&end=2020-W10][&week=2020-W08][&sort=week|area|rate|missing&dir=asc|desc]
 * [&page=1][&format=csv|xlsx] — reported vs expected per area and week over 12 weeks (admins).
 */
export function getReportingRateApi(db: Db, actor: Actor | null, query: URLSearchParams, now: Date = new Date()): ApiResult {
  return apiCall(() => {
    requireRole(actor, "admin");
    const raw = Object.fromEntries(query);
    const { values, errors } = parseQuery(formatInput, { format: query.get("format") });
    if (Object.keys(errors).length) throw invalid(errors);
    const format = values.format ?? "json";
    if (format !== "json") return { status: 200, body: exportReportingRate(db, actor, { ...raw, format }, now) };
    const rate = getReportingRate(db, actor, raw, "api", now);
    return { status: 200, body: { ...rate, errors: undefined } };
  });
}
