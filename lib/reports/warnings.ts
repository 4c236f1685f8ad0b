/**
 * Plausibility warnings: figures that are allowed but unusual, which the person entering them
 * confirms. Pure, so the form can show them while typing and the server can check them again.
 *
 * The rule (also shown in the form):
 * - a count more than 3 times, or less than a third of, the same count in the previous week's
 *   report of the area (when that was above zero);
 * - a sector's gap moving by more than 40 percentage points from the previous week's;
 * - total displaced families below this week's newly displaced.
 *
 * Each warning says what it was compared with (`against`), so that no message can speak of
 * "last week's" figures when there was no report for the week before (issue 11, item 10).
 * The messages say "a third" in words: they assume `factor` is 3.
 */
export const WARNING_RULE = { factor: 3, gapPoints: 40 } as const;

export type FiguresForWarnings = {
  newlyDisplacedFamilies: number | null;
  repeatDisplacedFamilies: number | null;
  totalDisplacedFamilies: number | null;
  individuals: number | null;
  sectors: Record<string, { gapPct: number | null; familiesInNeed: number | null }>;
};

/** The previous week's report of the same area, with its week so that a message can name it. */
export type PreviousFigures = FiguresForWarnings & { week: string };

export type ReportWarning =
  | {
      /** The field, as the form names it ("totalDisplacedFamilies", "sectors.nfi.gapPct"). */
      field: string;
      kind: "rise" | "fall" | "gapChange";
      /** Compared with the same field of the previous week's report, of week `previousWeek` (not `week`: an import's warnings also carry the row's own week). */
      against: "previousWeek";
      previousWeek: string;
      /** That report's figure. */
      previous: number;
      current: number;
    }
  | {
      field: "totalDisplacedFamilies";
      kind: "totalBelowNew";
      /** Compared with this week's newly displaced families, entered in the same report. */
      against: "newlyDisplacedFamilies";
      /** The newly displaced families (named `previous` as before, for the API's clients). */
      previous: number;
      current: number;
    }
  | RangeWarning;

/**
 * A figure outside the min-max rule of its area or the nearest ancestor that has one (DHIS2's
 * min-max, lib/reports/range-rules.ts). Gap bounds are in percent, like the figure.
 */
export type RangeWarning = {
  field: string;
  kind: "belowMin" | "aboveMax";
  against: "range";
  min: number | null;
  max: number | null;
  current: number;
  /** The area whose rule it is (the report's own or an ancestor's), and whether an admin typed it or applied it from the history. */
  source: { pcode: string; nameEn: string; nameAr: string; origin: "manual" | "history" };
};

const COUNTS = ["newlyDisplacedFamilies", "repeatDisplacedFamilies", "totalDisplacedFamilies", "individuals"] as const;

function compareCount(field: string, current: number | null, previous: number | null | undefined, week: string): ReportWarning | null {
  if (current === null || previous === null || previous === undefined || previous <= 0) return null;
  if (current > previous * WARNING_RULE.factor) return { field, kind: "rise", against: "previousWeek", previousWeek: week, previous, current };
  if (current * WARNING_RULE.factor < previous) return { field, kind: "fall", against: "previousWeek", previousWeek: week, previous, current };
  return null;
}

export function reportWarnings(current: FiguresForWarnings, previous: PreviousFigures | null): ReportWarning[] {
  const out: ReportWarning[] = [];
  const { newlyDisplacedFamilies: newly, totalDisplacedFamilies: total } = current;
  if (newly !== null && total !== null && total < newly)
    out.push({ field: "totalDisplacedFamilies", kind: "totalBelowNew", against: "newlyDisplacedFamilies", previous: newly, current: total });
  if (!previous) return out;
  const { week } = previous;
  for (const field of COUNTS) {
    const w = compareCount(field, current[field], previous[field], week);
    if (w) out.push(w);
  }
  for (const [code, s] of Object.entries(current.sectors)) {
    const before = Object.prototype.hasOwnProperty.call(previous.sectors, code) ? previous.sectors[code] : undefined;
    if (!before) continue;
    if (s.gapPct !== null && before.gapPct !== null && Math.abs(s.gapPct - before.gapPct) > WARNING_RULE.gapPoints)
      out.push({ field: `sectors.${code}.gapPct`, kind: "gapChange", against: "previousWeek", previousWeek: week, previous: before.gapPct, current: s.gapPct });
    const need = compareCount(`sectors.${code}.familiesInNeed`, s.familiesInNeed, before.familiesInNeed, week);
    if (need) out.push(need);
  }
  return out;
}

/** A gap change in percentage points, to one decimal as gaps are stored (no float noise such as 40.00000001). */
export function gapChangePoints(w: { previous: number; current: number }): number {
  return Math.round(Math.abs(w.current - w.previous) * 10) / 10;
}

/** The figures a warning compares, from a report or parsed input (the form's, the API's, a file's row). */
export const figuresForWarnings = (r: FiguresForWarnings): FiguresForWarnings => ({
  newlyDisplacedFamilies: r.newlyDisplacedFamilies,
  repeatDisplacedFamilies: r.repeatDisplacedFamilies,
  totalDisplacedFamilies: r.totalDisplacedFamilies,
  individuals: r.individuals,
  sectors: r.sectors,
});
