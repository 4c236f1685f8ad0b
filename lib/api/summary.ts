import type { Db } from "@/db/client";
import type { Actor } from "../auth/actor";
import { requireActor } from "../auth/authorize";
import { invalid } from "../errors";
import { exportChildTable } from "../exports/children-export";
import { exportGapReport } from "../exports/gap-export";
import { queryGapRows } from "../figures/gap-ranking";
import { gapQueryOf, resolveFiguresQuery } from "../figures/query";
import { getAreaWeekSummary, listChildWeekSummaries, type WeekFigures } from "../figures/read";
import { parseQuery } from "../validation/summary";
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
    /** The part of the total carried forward from areas that did not report this week ({ families, areas, since }), else null. */
    totalCarriedForward: f.carried,
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
 * obtained. Without `week`: the week lib/figures/query.ts decides (the area's latest with figures).
 */
export function getSummaryApi(db: Db, actor: Actor | null, params: { pcode: string; query: URLSearchParams }): ApiResult {
  return apiCall(() => {
    const q = resolveFiguresQuery(db, actor, { view: "area", raw: Object.fromEntries(params.query), pcode: params.pcode, mode: "api" });
    const s = getAreaWeekSummary(db, actor, q.area!.pcode, q.week);
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
    const q = resolveFiguresQuery(db, actor, { view: "area", raw, pcode: params.pcode, mode: "api" });
    const rows = listChildWeekSummaries(db, actor, q.area!.pcode, q.week);
    return { status: 200, body: { parent: q.area!.pcode, week: q.week, children: rows.map((r) => ({ area: r.area, ...figuresBody(r) })) } };
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
    const resolved = resolveFiguresQuery(db, actor, { view: "gaps", raw, mode: "api" });
    const { page, limit } = resolved;
    const q = gapQueryOf(resolved);
    const sector = resolved.sector!;
    const { rows, hasMore } = queryGapRows(db, actor, q, { offset: (page - 1) * limit, limit });
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
