import { asc, lte } from "drizzle-orm";
import { findAreaByPcode } from "../areas";
import type { Db } from "@/db/client";
import { areas } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { queryGapRows, type GapRow } from "../rollup/gaps";
import { activeSectors, type AreaRef, type SectorInfo } from "../rollup/read";
import { gapQueryInput } from "../validation/summary";
import { cachedSummary } from "./cache";
import { resolveGapQuery, type ResolvedGapQuery } from "./gap-query";

export type GapReportData = ResolvedGapQuery & {
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
  return cachedSummary(db, actor, "gap-report", gapQueryInput, raw, (reader) => computeGapReport(db, reader, raw));
}

function computeGapReport(db: Db, actor: Actor, raw: Record<string, unknown>): GapReportData {
  const resolved = resolveGapQuery(db, actor, raw);
  const { query, page, limit } = resolved;
  const { rows, hasMore } = queryGapRows(db, actor, query, { offset: (page - 1) * limit, limit });
  const sectors = activeSectors(db);
  const parentArea = query.parent ? findAreaByPcode(db, query.parent) : null;
  const parents = db
    .select({ pcode: areas.pcode, nameEn: areas.nameEn, nameAr: areas.nameAr, level: areas.level })
    .from(areas)
    .where(lte(areas.level, 2))
    .orderBy(asc(areas.pcode))
    .all();
  return {
    ...resolved,
    rows,
    hasMore,
    sector: sectors.find((s) => s.code === query.sector)!,
    sectors,
    parentArea: parentArea && { pcode: parentArea.pcode, nameEn: parentArea.nameEn, nameAr: parentArea.nameAr, level: parentArea.level },
    parents,
  };
}
