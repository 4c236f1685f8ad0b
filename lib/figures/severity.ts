/**
 * Severity of a weighted gap, for the gap report: a text label (and an icon) beside the colour,
 * so it reads without colour vision and in print. Thresholds are the report's filters.
 */
export const SEVERITIES = ["critical", "high", "moderate", "none"] as const;
export type Severity = (typeof SEVERITIES)[number];
export type Thresholds = { critical: number; high: number };
export const DEFAULT_THRESHOLDS: Thresholds = { critical: 80, high: 50 };

/** "none": no families in need were recorded, so there is no gap to grade. */
export function severityOf(gapPct: number | null, t: Thresholds): Severity {
  if (gapPct === null) return "none";
  if (gapPct >= t.critical) return "critical";
  if (gapPct >= t.high) return "high";
  return "moderate";
}
