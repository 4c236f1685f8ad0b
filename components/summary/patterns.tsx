import type { Severity } from "@/lib/figures/severity";
import { esc } from "./svg-markup";

/** Fill per severity: a colour and a texture (hatching, dots), so bars differ in greyscale too. */
export const SEVERITY_COLOUR: Record<Severity, string> = { critical: "#b91c1c", high: "#b45309", moderate: "#0369a1", none: "#94a3b8" };

export function severityFill(prefix: string, s: Severity): string {
  return s === "critical" || s === "high" ? `url(#${prefix}-${s})` : SEVERITY_COLOUR[s];
}

/** Diagonal grey hatching for "no figure" on the map. */
export function NoDataPattern({ id }: { id: string }) {
  return (
    <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width="6" height="6" fill="#f8fafc" />
      <line x1="0" y1="0" x2="0" y2="6" stroke="#94a3b8" strokeWidth="1.5" />
    </pattern>
  );
}

/** The same pattern as markup, for drawings written as strings. */
export function noDataPattern(id: string): string {
  return `<pattern id="${esc(id)}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f8fafc"/><line x1="0" y1="0" x2="0" y2="6" stroke="#94a3b8" stroke-width="1.5"/></pattern>`;
}

/** The severity textures as markup, for drawings written as strings. */
export function severityPatterns(prefix: string): string {
  const p = esc(prefix);
  return (
    `<defs><pattern id="${p}-critical" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="${SEVERITY_COLOUR.critical}"/><line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2"/></pattern>` +
    `<pattern id="${p}-high" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="${SEVERITY_COLOUR.high}"/><circle cx="3" cy="3" r="1.2" fill="#fff"/></pattern></defs>`
  );
}
