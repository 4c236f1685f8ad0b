/**
 * Min-max data-quality rules (DHIS2's min-max): per area, an optional minimum and maximum for
 * each figure, inherited by sub-areas (for each figure, the nearest area up the path that has a
 * rule for it decides). A figure outside is a warning, never a refusal: it goes through the one
 * warnings path (lib/reports/warnings.ts), confirmed in the form and answered by the API.
 *
 * Pure, so that the form can show the warnings while typing and the server check them again.
 * Reading and writing the rules is lib/reports/range-rules-store.ts.
 */
import type { FiguresForWarnings, RangeWarning } from "./warnings";

export const RANGE_COUNT_FIELDS = ["newlyDisplacedFamilies", "repeatDisplacedFamilies", "totalDisplacedFamilies"] as const;
export const RANGE_SECTOR_FIGURES = ["gapPct", "familiesInNeed"] as const;

/** Every figure a rule can bound, as the form names it, for the given sectors. */
export function rangeFields(sectorCodes: readonly string[]): string[] {
  return [...RANGE_COUNT_FIELDS, ...sectorCodes.flatMap((c) => RANGE_SECTOR_FIGURES.map((f) => `sectors.${c}.${f}`))];
}

export const isGapField = (field: string) => field.endsWith(".gapPct");

/** The bound that applies to one figure, in the figure's unit (gaps in percent), with where it comes from. */
export type RangeBound = { min: number | null; max: number | null; source: RangeWarning["source"] };
export type RangeBounds = Record<string, RangeBound>;

function figureOf(current: FiguresForWarnings, field: string): number | null {
  const m = /^sectors\.([^.]+)\.(gapPct|familiesInNeed)$/.exec(field);
  if (!m) {
    const v = (current as Record<string, unknown>)[field];
    return typeof v === "number" ? v : null;
  }
  const sector = Object.prototype.hasOwnProperty.call(current.sectors, m[1]!) ? current.sectors[m[1]!] : undefined;
  return sector ? sector[m[2] as "gapPct" | "familiesInNeed"] : null;
}

/** The figures outside their bounds. A figure not given is not checked: leaving a field empty is never an outlier. */
export function rangeWarnings(current: FiguresForWarnings, bounds: RangeBounds): RangeWarning[] {
  const out: RangeWarning[] = [];
  for (const [field, b] of Object.entries(bounds)) {
    const v = figureOf(current, field);
    if (v === null) continue;
    if (b.min !== null && v < b.min) out.push({ field, kind: "belowMin", against: "range", min: b.min, max: b.max, current: v, source: b.source });
    else if (b.max !== null && v > b.max) out.push({ field, kind: "aboveMax", against: "range", min: b.min, max: b.max, current: v, source: b.source });
  }
  return out;
}

/**
 * The history a suggestion is computed from: the last 26 weeks before the week it is for, of the
 * area's own submitted and approved reports. Fewer than 8 weeks with the figure give no
 * suggestion: a median of three weeks says little (decision 061).
 */
export const SUGGESTION_RULE = { weeks: 26, minWeeks: 8, mads: 3 } as const;

export type RangeSuggestion = { n: number; median: number; mad: number; min: number; max: number; from: string; to: string };

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * median ± 3 × MAD (the median of the absolute deviations from the median, unscaled, as DHIS2's
 * outlier analysis writes it). Counts are whole families: the minimum rounds down and the maximum
 * up, so a bound never excludes a value the rule allows; gaps keep one decimal, within 0–100.
 * Returns null with too little history.
 */
export function suggestRange(history: readonly { week: string; value: number }[], field: string): RangeSuggestion | null {
  if (history.length < SUGGESTION_RULE.minWeeks) return null;
  const values = history.map((h) => h.value);
  const med = median(values);
  const mad = median(values.map((v) => Math.abs(v - med)));
  const weeks = history.map((h) => h.week).sort();
  const low = med - SUGGESTION_RULE.mads * mad;
  const high = med + SUGGESTION_RULE.mads * mad;
  const gap = isGapField(field);
  const min = gap ? Math.max(0, Math.floor(low * 10) / 10) : Math.max(0, Math.floor(low));
  const max = gap ? Math.min(100, Math.ceil(high * 10) / 10) : Math.ceil(high);
  return { n: values.length, median: med, mad, min, max, from: weeks[0]!, to: weeks.at(-1)! };
}
