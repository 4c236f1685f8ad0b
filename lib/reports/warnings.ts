/**
 * Plausibility warnings: figures that are allowed but unusual next to the previous week's
 * report, which the person entering them confirms. Pure, so the form can show them while
 * typing and the server can check them again.
 *
 * The rule (also shown in the form):
 * - a count more than 3 times, or less than a third of, the previous week's (when that was above zero);
 * - a sector's gap moving by more than 40 percentage points;
 * - total displaced families below this week's newly displaced.
 */
export const WARNING_RULE = { factor: 3, gapPoints: 40 } as const;

export type FiguresForWarnings = {
  newlyDisplacedFamilies: number | null;
  repeatDisplacedFamilies: number | null;
  totalDisplacedFamilies: number | null;
  individuals: number | null;
  sectors: Record<string, { gapPct: number | null; familiesInNeed: number | null }>;
};

export type ReportWarning = {
  /** The field, as the form names it ("totalDisplacedFamilies", "sectors.nfi.gapPct"). */
  field: string;
  kind: "rise" | "fall" | "gapChange" | "totalBelowNew";
  previous: number | null;
  current: number;
};

const COUNTS = ["newlyDisplacedFamilies", "repeatDisplacedFamilies", "totalDisplacedFamilies", "individuals"] as const;

function compareCount(field: string, current: number | null, previous: number | null | undefined): ReportWarning | null {
  if (current === null || previous === null || previous === undefined || previous <= 0) return null;
  if (current > previous * WARNING_RULE.factor) return { field, kind: "rise", previous, current };
  if (current * WARNING_RULE.factor < previous) return { field, kind: "fall", previous, current };
  return null;
}

export function reportWarnings(current: FiguresForWarnings, previous: FiguresForWarnings | null): ReportWarning[] {
  const out: ReportWarning[] = [];
  const { newlyDisplacedFamilies: newly, totalDisplacedFamilies: total } = current;
  if (newly !== null && total !== null && total < newly)
    out.push({ field: "totalDisplacedFamilies", kind: "totalBelowNew", previous: newly, current: total });
  if (!previous) return out;
  for (const field of COUNTS) {
    const w = compareCount(field, current[field], previous[field]);
    if (w) out.push(w);
  }
  for (const [code, s] of Object.entries(current.sectors)) {
    const before = Object.prototype.hasOwnProperty.call(previous.sectors, code) ? previous.sectors[code] : undefined;
    if (!before) continue;
    if (s.gapPct !== null && before.gapPct !== null && Math.abs(s.gapPct - before.gapPct) > WARNING_RULE.gapPoints)
      out.push({ field: `sectors.${code}.gapPct`, kind: "gapChange", previous: before.gapPct, current: s.gapPct });
    const need = compareCount(`sectors.${code}.familiesInNeed`, s.familiesInNeed, before.familiesInNeed);
    if (need) out.push(need);
  }
  return out;
}
