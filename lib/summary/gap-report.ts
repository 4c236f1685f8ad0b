import { asc, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { areas } from "@/db/schema";
import type { Actor } from "../auth/actor";
import type { FieldErrors } from "../errors";
import { queryGapRows, type GapQuery, type GapRow } from "../figures/gap-ranking";
import { FIGURES_INPUTS, gapQueryOf, resolveFiguresQuery } from "../figures/query";
import type { AreaRef } from "../figures/read";
import type { SectorInfo } from "../sectors";
import { cachedSummary } from "./cache";

export type GapReportData = {
  query: GapQuery;
  page: number;
  limit: number;
  /** Field errors of the input; the page shows them and used the defaults instead. */
  errors: FieldErrors;
  rows: GapRow[];
  hasMore: boolean;
  sector: SectorInfo;
  sectors: SectorInfo[];
  parentArea: AreaRef | null;
  /** Governorates and districts, for the "within" filter. */
  parents: AreaRef[];
};

/** The gap report page: the filters resolved from the URL (bad values reported, defaults used) and one page of the ranking. */
export function loadGapReport(db: Db, actor: Actor | null, raw: Record<string, unknown>): GapReportData {
  return cachedSummary(db, actor, "gap-report", FIGURES_INPUTS.gaps, raw, (reader) => computeGapReport(db, reader, raw));
}

function computeGapReport(db: Db, actor: Actor, raw: Record<string, unknown>): GapReportData {
  const q = resolveFiguresQuery(db, actor, { view: "gaps", raw, mode: "page" });
  const query = gapQueryOf(q);
  const { page, limit } = q;
  const { rows, hasMore } = queryGapRows(db, actor, query, { offset: (page - 1) * limit, limit });
  const parents = db
    .select({ pcode: areas.pcode, nameEn: areas.nameEn, nameAr: areas.nameAr, level: areas.level })
    .from(areas)
    .where(lte(areas.level, 2))
    .orderBy(asc(areas.pcode))
    .all();
  const parent = q.area;
  return {
    query,
    page,
    limit,
    errors: q.errors,
    rows,
    hasMore,
    sector: q.sector!,
    sectors: q.sectors,
    parentArea: parent && { pcode: parent.pcode, nameEn: parent.nameEn, nameAr: parent.nameAr, level: parent.level },
    parents,
  };
}
