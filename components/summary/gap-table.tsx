import { gapBasisText } from "@/lib/figures/basis-text";
import type { GapQuery, GapRow, GapSort } from "@/lib/figures/gap-ranking";
import type { Formatters } from "@/lib/i18n/server-formatters";
import { html, joinHtml, type SafeHtml } from "@/lib/safe-html";
import { areaLinkHtml } from "@/components/area-name";
import { Markup } from "@/components/markup";
import { discrepancyHtml } from "./discrepancy";
import { memoMarkup } from "./markup-memo";
import { severityBadgeHtml } from "./severity-badge";
import { PlainLink } from "./plain-link";
import { ScrollBox } from "@/components/scroll-box";

/**
 * The ranking: severity is a text label with an icon (not a colour only), sortable columns are
 * links that keep the other filters, and each area links to its page. Rows are markup
 * (lib/safe-html.ts): fifty of them as React elements would be most of the page's rendering work.
 */
export function GapTable({
  rows,
  q,
  params,
  f,
  locale,
  flagged = [],
}: {
  rows: GapRow[];
  q: GapQuery;
  params: Record<string, string>;
  f: Formatters;
  locale: string;
  /** P-codes of the rows with an open follow-up in their area or below (read per request, never cached with the figures). */
  flagged?: string[];
}) {
  const t = f.t;
  const single = q.from === q.to;
  if (!rows.length)
    return (
      <p data-testid="gap-table" className="text-sm">
        {t("gaps.empty")}
      </p>
    );
  const header = ({ sort, label, numeric = true, sticky = false }: { sort: GapSort; label: string; numeric?: boolean; sticky?: boolean }) => {
    const active = q.sort === sort;
    const first = sort === "pcode" ? "asc" : "desc";
    const dir = active ? (q.dir === "asc" ? "desc" : "asc") : first;
    return (
      <th scope="col" className={[numeric ? "text-end" : "", sticky ? "sticky-col" : ""].join(" ").trim() || undefined} aria-sort={active ? (q.dir === "asc" ? "ascending" : "descending") : undefined}>
        <PlainLink locale={locale} href={{ pathname: "/reports/gaps", query: { ...params, sort, dir } }} title={t("children.sortBy", { column: label })} data-sort={sort}>
          {label}
          {active ? <span aria-hidden="true"> {q.dir === "asc" ? "▲" : "▼"}</span> : null}
        </PlainLink>
      </th>
    );
  };
  const body = memoMarkup(rows, { f, locale, single, flagged, week: single ? q.to : "" }, gapRowsHtml);
  return (
    <ScrollBox labelledBy="gap-table-caption">
      <table className="table figures" data-testid="gap-table">
        <caption id="gap-table-caption" className="sr-only">
          {t("gaps.caption")}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="text-end">
              {t("gaps.rank")}
            </th>
            {header({ sort: "pcode", label: t("gaps.area"), numeric: false, sticky: true })}
            {/* The ranking key next to the area, so that it shows on a phone without scrolling. */}
            {header({ sort: "unmet", label: t("gaps.unmet") })}
            {header({ sort: "gap", label: t("gaps.gap") })}
            <th scope="col">{t("gaps.severity")}</th>
            {header({ sort: "need", label: t("gaps.inNeed") })}
            {header({ sort: "newly", label: t("gaps.newly") })}
            <th scope="col">{t("gaps.basis")}</th>
          </tr>
        </thead>
        <Markup as="tbody" html={body} />
      </table>
    </ScrollBox>
  );
}

/** The ranking's body, drawn once per rows and reader (markup-memo.ts). */
function gapRowsHtml(rows: GapRow[], { f, locale, single, flagged, week }: { f: Formatters; locale: string; single: boolean; flagged: string[]; week: string }): SafeHtml {
  const t = f.t;
  const marked = new Set(flagged);
  // A sign that does not rely on colour: the flag and its words (for screen readers, and on hover) link to the follow-ups.
  const mark = (pcode: string) =>
    marked.has(pcode)
      ? html` <a class="no-underline" data-testid="gap-follow-up" href="/${locale}/reports/follow-ups?area=${pcode}${week ? `&week=${week}` : ""}" title="${t("gaps.openFollowUps")}"><span aria-hidden="true">⚑</span><span class="sr-only">${t("gaps.openFollowUps")}</span></a>`
      : null;
  return joinHtml(
    rows.map((r) => [
      html`<tr data-pcode="${r.area.pcode}" data-severity="${r.severity}"><td>${f.n(r.rank)}</td><th scope="row" class="sticky-col font-normal align-top">${areaLinkHtml(r.area, locale)}${mark(r.area.pcode)}</th>`,
      html`<td class="font-semibold" data-testid="unmet">${f.n(r.unmetFamilies)}</td>`,
      html`<td class="font-semibold">${f.pct(r.gapPct)}</td><td class="text">${severityBadgeHtml(r.severity, t(`severity.${r.severity}`))}</td>`,
      html`<td>${f.n(r.familiesInNeed)}</td><td>${f.n(r.newlyDisplacedFamilies)}</td>`,
      html`<td class="text text-sm">${gapBasisText(t, r, single)}${r.discrepancy ? discrepancyHtml(t("discrepancy.flag")) : null}</td></tr>`,
    ]),
  );
}
