import { findAreaByPcode } from "../areas";
import type { Db } from "@/db/client";
import type { Actor } from "../auth/actor";
import { requireActor } from "../auth/authorize";
import { invalid } from "../errors";
import { sectorsShownForWeeks } from "../sectors";
import type { AreaRef } from "./read";
import { gapPercent } from "./rule";
import { severityOf, type Severity, type Thresholds } from "./severity";

/**
 * The gap ranking (what the gap report, its API and export, and the dashboard's top ten show): areas of one level (optionally below one area) ranked by unmet families in
 * one sector, for one week or a range of weeks. Over a range the sums run over the weeks too:
 * the gap stays need-weighted (Σ gap×need / Σ need over every area-week), unmet families and
 * newly displaced are totals for the period.
 */

export const GAP_SORTS = ["unmet", "gap", "need", "newly", "pcode"] as const;
export type GapSort = (typeof GAP_SORTS)[number];
export const GAP_SHOW = ["all", "high", "critical"] as const;
export type GapShow = (typeof GAP_SHOW)[number];

export type GapQuery = Thresholds & {
  from: string;
  to: string;
  level: number;
  /** P-code of the area whose subtree is reported, or null for the whole country. */
  parent: string | null;
  sector: string;
  show: GapShow;
  sort: GapSort;
  dir: "asc" | "desc";
};

export type GapRow = {
  rank: number;
  area: AreaRef;
  /** Ancestors' ids from the top ("/3/41/"), for the export's adm1…adm4 columns. */
  path: string;
  gapPct: number | null;
  familiesInNeed: number;
  unmetFamilies: number;
  newlyDisplacedFamilies: number;
  weeksWithData: number;
  /** How many of those weeks the area reported directly (the rest are sums of its sub-areas). */
  directWeeks: number;
  /** Sub-areas with a figure (the largest count over the weeks). */
  childrenCount: number;
  /** A direct report disagreed with its sub-areas' sum in at least one week. */
  discrepancy: boolean;
  severity: Severity;
};

type Raw = {
  pcode: string;
  nameEn: string;
  nameAr: string;
  level: number;
  path: string;
  gapNeed: number;
  need: number;
  unmet: number;
  newly: number;
  weeks: number;
  directWeeks: number;
  childrenCount: number;
  discrepancy: number;
};

/** Sort expressions by name: only these strings ever reach the SQL text. */
const ORDER: Record<GapSort, string> = {
  unmet: "unmet",
  gap: "(case when sum(s.need) = 0 then -1 else 1.0 * sum(s.gap_need) / sum(s.need) end)",
  need: "need",
  newly: "newly",
  pcode: "a.pcode",
};

/**
 * The areas come first (CROSS JOIN fixes the order): one level under one parent is at most a
 * few hundred rows, each read by primary key, instead of every figure of the week.
 */
function gapSql(q: GapQuery, withParent: boolean): string {
  // rule.ts's gapPercent in tenths, in SQL only so that the severity filter and the sort run before the LIMIT.
  const weighted = "round(1.0 * sum(s.gap_need) / sum(s.need))";
  const having =
    q.show === "all" ? "" : `having sum(s.need) > 0 and ${weighted} >= @threshold`;
  const primary = `${ORDER[q.sort]} ${q.dir}`;
  return `
    select a.pcode, a.name_en as nameEn, a.name_ar as nameAr, a.level, a.path,
      sum(s.gap_need) as gapNeed, sum(s.need) as need, sum(s.unmet) as unmet,
      sum(f.newly) as newly, count(*) as weeks,
      sum(f.basis = 'direct') as directWeeks,
      max(f.children_with_figures) as childrenCount,
      max(f.basis = 'direct' and f.children_newly is not null
        and (f.children_newly <> f.newly or f.children_repeat <> f.repeat or f.children_total <> f.total)) as discrepancy
    from areas a
    cross join area_week_sector_figures s
      on s.area_id = a.id and s.week >= @from and s.week <= @to and s.sector_id = @sector
    join area_week_figures f on f.area_id = a.id and f.week = s.week
    where a.level = @level ${withParent ? "and a.path >= @lo and a.path < @hi" : ""}
    group by a.id
    ${having}
    order by ${primary}, unmet desc, a.pcode asc
    limit @limit offset @offset`;
}

function sectorId(db: Db, code: string, from: string, to: string): number {
  const s = sectorsShownForWeeks(db, from, to).find((x) => x.code === code);
  if (!s) throw invalid({ sector: { key: "validation.sectorUnknown", values: { code } } });
  return s.id;
}

/** One page of the gap report, plus whether there is another. */
export function queryGapRows(db: Db, actor: Actor | null, q: GapQuery, page: { offset: number; limit: number }): { rows: GapRow[]; hasMore: boolean } {
  requireActor(actor);
  const parent = q.parent ? findAreaByPcode(db, q.parent) : null;
  const params: Record<string, string | number> = {
    from: q.from,
    to: q.to,
    sector: sectorId(db, q.sector, q.from, q.to),
    level: q.level,
    limit: page.limit + 1,
    offset: page.offset,
  };
  if (q.show !== "all") params.threshold = Math.round((q.show === "critical" ? q.critical : q.high) * 10);
  if (parent) {
    params.lo = parent.path;
    params.hi = parent.path.slice(0, -1) + "0";
  }
  // The database client keeps the statement by its text (db/client.ts): one per sort, filter and level shape.
  const raw = db.$client.prepare(gapSql(q, !!parent)).all(params) as Raw[];
  const rows = raw.slice(0, page.limit).map((r, i): GapRow => {
    const gapPct = gapPercent(r);
    return {
      rank: page.offset + i + 1,
      area: { pcode: r.pcode, nameEn: r.nameEn, nameAr: r.nameAr, level: r.level },
      path: r.path,
      gapPct,
      familiesInNeed: r.need,
      unmetFamilies: r.unmet,
      newlyDisplacedFamilies: r.newly,
      weeksWithData: r.weeks,
      directWeeks: r.directWeeks,
      childrenCount: r.childrenCount,
      discrepancy: r.discrepancy === 1,
      severity: severityOf(gapPct, q),
    };
  });
  return { rows, hasMore: raw.length > page.limit };
}

/** The whole report a page at a time, for exports. Authorisation runs at the first page. */
export function* iterateGapRows(db: Db, actor: Actor | null, q: GapQuery, pageSize = 500): Generator<GapRow[], void, undefined> {
  for (let offset = 0; ; offset += pageSize) {
    const { rows, hasMore } = queryGapRows(db, actor, q, { offset, limit: pageSize });
    if (rows.length) yield rows;
    if (!hasMore) return;
  }
}
