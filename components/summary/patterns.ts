import type { Severity } from "@/lib/figures/severity";
import { html, type SafeHtml } from "@/lib/safe-html";

/** Fill per severity: a colour and a texture (hatching, dots), so bars differ in greyscale too. */
export const SEVERITY_COLOUR: Record<Severity, string> = { critical: "#b91c1c", high: "#b45309", moderate: "#0369a1", none: "#94a3b8" };

export function severityFill(prefix: string, s: Severity): string {
  return s === "critical" || s === "high" ? `url(#${prefix}-${s})` : SEVERITY_COLOUR[s];
}

/** Diagonal grey hatching for "no figure" on the map (the drawing and its legend). */
export function noDataPattern(id: string): SafeHtml {
  return html`<pattern id="${id}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f8fafc"/><line x1="0" y1="0" x2="0" y2="6" stroke="#94a3b8" stroke-width="1.5"/></pattern>`;
}

/** The severity textures, for the bar charts. */
export function severityPatterns(prefix: string): SafeHtml {
  return html`<defs><pattern id="${prefix}-critical" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="${SEVERITY_COLOUR.critical}"/><line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2"/></pattern><pattern id="${prefix}-high" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="${SEVERITY_COLOUR.high}"/><circle cx="3" cy="3" r="1.2" fill="#fff"/></pattern></defs>`;
}
