import type { Db } from "@/db/client";
import type { Actor } from "../auth/actor";
import { requireActor } from "../auth/authorize";
import { invalid, notFound } from "../errors";
import { exportChildTable } from "../exports/children-export";
import { exportGapReport } from "../exports/gap-export";
import { queryGapRows } from "../rollup/gaps";
import { activeSectors, getAreaWeekSummary, listChildWeekSummaries, listWeeksWithData, type WeekFigures } from "../rollup/read";
import { resolveGapQuery } from "../summary/gap-query";
import { parseQuery, summaryApiInput, week as weekSchema } from "../validation/summary";
import { weekOf } from "../weeks";
import { z } from "zod";
import { apiCall, type ApiResult } from "./respond";

/** Sectors keyed by code, as the API publishes them: `gapPct` is null where no families are in need. */
function sectorMap(f: WeekFigures) {
  return Object.fromEntries(f.sectors.map((s) => [s.code, { gapPct: s.gapPct, familiesInNeed: s.familiesInNeed, unmetFamilies: s.unmetFamilies }]));
}

function figuresBody(f: WeekFigures) {
  return {
    basis: f.basis,
    childrenCount: f.childrenCount,
    newlyDisplacedFamilies: f.newlyDisplacedFamilies,
    repeatDisplacedFamilies: f.repeatDisplacedFamilies,
    totalDisplacedFamilies: f.totalDisplacedFamilies,
    individuals: f.individuals,
    sectors: sectorMap(f),
    /** The sub-areas' sum where it differs from a direct report, else null. */
    discrepancy: f.discrepancy,
  };
}

const formatInput = z.object({ format: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.enum(["json", "csv", "xlsx"]).optional()) });
function formatOf(query: URLSearchParams): "json" | "csv" | "xlsx" {
  const { values, errors } = parseQuery(formatInput, { format: query.get("format") });
  if (Object.keys(errors).length) throw invalid(errors);
  return values.format ?? "json";
}

/**
 * GET /api/v1/summary/{pcode}?week=2020-W04 — an area's figures for a week and how they were
 * obtained. Without `week`: the area's latest week with figures.
 */
export function getSummaryApi(db: Db, actor: Actor | null, params: { pcode: string; query: URLSearchParams }): ApiResult {
  return apiCall(() => {
    requireActor(actor);
    const { values, errors } = parseQuery(summaryApiInput, { pcode: params.pcode, week: params.query.get("week") });
    // The area is the resource: an unknown one is a 404 before any parameter is judged.
    if (errors.pcode) throw notFound("errors.areaNotFound");
    const latest = listWeeksWithData(db, actor, values.pcode!, 1)[0];
    if (Object.keys(errors).length) throw invalid(errors);
    const s = getAreaWeekSummary(db, actor, values.pcode!, values.week ?? latest ?? weekOf(new Date()));
    return { status: 200, body: { area: s.area, week: s.week, ...figuresBody(s), completeness: s.completeness } };
  });
}

/**
 * GET /api/v1/summary/{pcode}/children?week=…[&format=csv|xlsx] — the sub-areas' figures, as
 * JSON or as the area table export (HXL-tagged CSV, or XLSX with a definitions sheet).
 */
export function getChildrenApi(db: Db, actor: Actor | null, params: { pcode: string; query: URLSearchParams }): ApiResult {
  return apiCall(() => {
    requireActor(actor);
    const raw = Object.fromEntries(params.query);
    const format = formatOf(params.query);
    if (format !== "json") return { status: 200, body: exportChildTable(db, actor, params.pcode, { ...raw, format }) };
    const { values, errors } = parseQuery(z.object({ week: z.preprocess((v) => (v === "" || v === null ? undefined : v), weekSchema.optional()) }), raw);
    if (Object.keys(errors).length) throw invalid(errors);
    const week = values.week ?? listWeeksWithData(db, actor, params.pcode, 1)[0] ?? weekOf(new Date());
    const rows = listChildWeekSummaries(db, actor, params.pcode, week);
    return { status: 200, body: { parent: params.pcode.trim().toUpperCase(), week, children: rows.map((r) => ({ area: r.area, ...figuresBody(r) })) } };
  });
}

/**
 * GET /api/v1/gaps?week=2020-W04[&from=…]&level=3[&parent=SY02]&sector=shelter[&critical=80&high=50]
 * [&show=all|high|critical][&sort=unmet|gap|need|newly|pcode&dir=desc][&page=1&limit=100][&format=csv|xlsx]
 */
export function getGapsApi(db: Db, actor: Actor | null, query: URLSearchParams): ApiResult {
  return apiCall(() => {
    requireActor(actor);
    const raw = Object.fromEntries(query);
    const format = formatOf(query);
    if (format !== "json") return { status: 200, body: exportGapReport(db, actor, { ...raw, format }) };
    const { query: q, page, limit } = resolveGapQuery(db, actor, { limit: "100", ...raw }, true);
    const { rows, hasMore } = queryGapRows(db, actor, q, { offset: (page - 1) * limit, limit });
    const sector = activeSectors(db).find((s) => s.code === q.sector)!;
    const single = q.from === q.to;
    return {
      status: 200,
      body: {
        week: q.to,
        from: q.from,
        to: q.to,
        level: q.level,
        parent: q.parent,
        sector: { code: sector.code, nameEn: sector.nameEn, nameAr: sector.nameAr },
        thresholds: { critical: q.critical, high: q.high },
        show: q.show,
        sort: q.sort,
        dir: q.dir,
        page,
        limit,
        hasMore,
        rows: rows.map((r) => ({
          rank: r.rank,
          area: r.area,
          gapPct: r.gapPct,
          familiesInNeed: r.familiesInNeed,
          unmetFamilies: r.unmetFamilies,
          severity: r.severity,
          newlyDisplacedFamilies: r.newlyDisplacedFamilies,
          weeksWithData: r.weeksWithData,
          basis: single ? (r.directWeeks ? "direct" : "children") : null,
          directWeeks: r.directWeeks,
          childrenCount: r.childrenCount,
          discrepancy: r.discrepancy,
        })),
      },
    };
  });
}
