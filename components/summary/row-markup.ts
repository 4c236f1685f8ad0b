import { getPathname } from "@/lib/i18n/navigation";
import type { AreaRef } from "@/lib/figures/read";
import type { Severity } from "@/lib/figures/severity";
import { SEVERITY_ICON } from "./severity-badge";
import { esc } from "./svg-markup";

/**
 * Markup for the rows of long tables (rankings, sub-areas), written as escaped strings like the
 * drawings: a ranking of fifty areas is then one element for the server to render, not seven
 * hundred. Each helper mirrors a React component used elsewhere (AreaName, SeverityBadge).
 */

/** An area's name in the reader's language (the other on hover) and its P-code, linking to its page. */
export function areaLinkMarkup(area: AreaRef, locale: string): string {
  const [main, other] = locale === "ar" ? [area.nameAr, area.nameEn] : [area.nameEn, area.nameAr];
  const href = getPathname({ locale, href: `/areas/${area.pcode}` });
  return `<a href="${esc(href)}"><span title="${esc(other)}">${esc(main)}<span class="ms-1 text-xs text-slate-500" dir="ltr">(${esc(area.pcode)})</span></span></a>`;
}

export function severityMarkup(severity: Severity, label: string): string {
  return `<span class="sev sev-${severity}" data-severity="${severity}"><span aria-hidden="true">${SEVERITY_ICON[severity]}</span>${esc(label)}</span>`;
}

/** The warning beside a figure whose direct report disagrees with its sub-areas. */
export function discrepancyMarkup(text: string): string {
  return `<div class="text-xs text-red-800" data-testid="row-discrepancy"><span aria-hidden="true">⚠ </span>${esc(text)}</div>`;
}
