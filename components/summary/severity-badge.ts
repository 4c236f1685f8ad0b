import type { Severity } from "@/lib/figures/severity";
import { html, type SafeHtml } from "@/lib/safe-html";

/** A shape per severity (not only a colour), so the label reads in greyscale print and without colour vision. */
export const SEVERITY_ICON: Record<Severity, string> = { critical: "▲", high: "◆", moderate: "●", none: "○" };

/**
 * A severity as its icon and word (the caller passes the translated word), as markup: rankings
 * show one per row inside rows written as strings, and the sector table puts it in a cell with
 * <Markup>. Styles: .sev-* in app/globals.css.
 */
export function severityBadgeHtml(severity: Severity, label: string): SafeHtml {
  return html`<span class="sev sev-${severity}" data-severity="${severity}"><span aria-hidden="true">${SEVERITY_ICON[severity]}</span>${label}</span>`;
}
