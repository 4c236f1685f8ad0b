/**
 * The rollup rule of docs/design.md, in one place and free of I/O (maintenance on write, the reads
 * and the gap ranking all compute with these functions, never with a copy):
 * an area's figure for a week is its own report if it has one, otherwise the sum of its
 * children's figures. Sector gaps are weighted by need, never averaged plainly:
 *   need = first of families_in_need, newly displaced, total displaced that is given and > 0
 *   rollup gap = Σ(gap × need) / Σ need     unmet = Σ round(gap × need / 100)
 * Gaps are in tenths of a percent, so Σ(gap × need) stays an exact integer.
 */

export type ReportFigures = {
  newly: number;
  repeat: number;
  total: number;
  individuals: number | null;
  gaps: { sectorId: number; gapTenths: number; familiesInNeed: number | null }[];
};

export type SectorSums = { gapNeed: number; need: number; unmet: number };

export type Figures = {
  newly: number;
  repeat: number;
  total: number;
  individuals: number | null;
  sectors: Map<number, SectorSums>;
};

export type Rollup = {
  basis: "direct" | "children";
  figures: Figures;
  childrenWithFigures: number;
  /** The children's sum; kept when the basis is direct so that disagreements can be shown. */
  childrenSum: Figures | null;
};

export function needOf(familiesInNeed: number | null, newly: number, total: number): number {
  for (const n of [familiesInNeed, newly, total]) if (n !== null && n > 0) return n;
  return 0;
}

/** Tenths × families / 1000 is an integer over 1000, so .5 is exact and rounds up as people would. */
export function unmetOf(gapTenths: number, need: number): number {
  return Math.round((gapTenths * need) / 1000);
}

export function reportFigures(r: ReportFigures): Figures {
  const sectors = new Map<number, SectorSums>();
  for (const g of r.gaps) {
    const need = needOf(g.familiesInNeed, r.newly, r.total);
    sectors.set(g.sectorId, { gapNeed: g.gapTenths * need, need, unmet: unmetOf(g.gapTenths, need) });
  }
  return { newly: r.newly, repeat: r.repeat, total: r.total, individuals: r.individuals, sectors };
}

export function sumFigures(parts: Figures[]): Figures | null {
  if (!parts.length) return null;
  const out: Figures = { newly: 0, repeat: 0, total: 0, individuals: null, sectors: new Map() };
  for (const p of parts) {
    out.newly += p.newly;
    out.repeat += p.repeat;
    out.total += p.total;
    if (p.individuals !== null) out.individuals = (out.individuals ?? 0) + p.individuals;
    for (const [id, s] of p.sectors) {
      const acc = out.sectors.get(id) ?? { gapNeed: 0, need: 0, unmet: 0 };
      out.sectors.set(id, { gapNeed: acc.gapNeed + s.gapNeed, need: acc.need + s.need, unmet: acc.unmet + s.unmet });
    }
  }
  return out;
}

export function combine(direct: Figures | null, children: Figures[]): Rollup | null {
  const childrenSum = sumFigures(children);
  if (direct) return { basis: "direct", figures: direct, childrenWithFigures: children.length, childrenSum };
  if (childrenSum) return { basis: "children", figures: childrenSum, childrenWithFigures: children.length, childrenSum: null };
  return null;
}

/** Weighted gap in percent with one decimal, or null where there is no need. */
export function gapPercent(s: Pick<SectorSums, "gapNeed" | "need"> | undefined): number | null {
  if (!s || s.need === 0) return null;
  return Math.round(s.gapNeed / s.need) / 10;
}

/**
 * Total displaced families is a stock (families hosted at the week's end), not a flow: an area
 * that did not report keeps its last reported total for a few weeks, marked as carried forward,
 * so a missing report never reads as families leaving (docs/decisions/036). In order:
 *   its own report this week → that total;
 *   else its children's stock, fresh or carried → their sum;
 *   else its own latest report of the last `carry` weeks → that total, carried.
 * Newly and repeat displaced, individuals and gaps are flows: never carried.
 */
export type Stock = { basis: "direct" | "children" | "carried"; total: number; carriedTotal: number; carriedAreas: number; carriedSince: string | null };

export function stockOf(ownTotal: number | null, children: Stock[], ownEarlier: { week: string; total: number } | null): Stock | null {
  if (ownTotal !== null) return { basis: "direct", total: ownTotal, carriedTotal: 0, carriedAreas: 0, carriedSince: null };
  if (children.length) {
    const out: Stock = { basis: "children", total: 0, carriedTotal: 0, carriedAreas: 0, carriedSince: null };
    for (const c of children) {
      out.total += c.total;
      out.carriedTotal += c.carriedTotal;
      out.carriedAreas += c.carriedAreas;
      if (c.carriedSince !== null && (out.carriedSince === null || c.carriedSince < out.carriedSince)) out.carriedSince = c.carriedSince;
    }
    return out;
  }
  if (ownEarlier) return { basis: "carried", total: ownEarlier.total, carriedTotal: ownEarlier.total, carriedAreas: 1, carriedSince: ownEarlier.week };
  return null;
}
