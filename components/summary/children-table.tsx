import type { AreaRef, WeekFigures } from "@/lib/figures/read";
import type { SectorInfo } from "@/lib/sectors";
import type { ChildSort } from "@/lib/validation/summary";
import { basisText } from "@/lib/figures/basis-text";
import type { Formatters } from "@/lib/i18n/server-formatters";
import { attrs, html, joinHtml, type SafeHtml } from "@/lib/safe-html";
import { areaLinkHtml } from "@/components/area-name";
import { Markup } from "@/components/markup";
import { PlainLink } from "./plain-link";
import { discrepancyHtml } from "./discrepancy";
import { memoMarkup } from "./markup-memo";
import { ScrollBox } from "@/components/scroll-box";

type Row = WeekFigures & { area: AreaRef };
type Sort = { by: ChildSort; dir: "asc" | "desc"; sector: string };

/**
 * The sub-areas with their figures for the week. Column headers are links that sort through the
 * URL (`sort`, `dir`, `sector`), so sorting works without JavaScript and a sorted table can be shared.
 */
export function ChildrenTable({
  rows,
  sort,
  sectors,
  pathname,
  keep,
  caption,
  locale,
  f,
}: {
  rows: Row[];
  /** Absent: the table is shown in P-code order without sort links. */
  sort?: Sort;
  sectors: SectorInfo[];
  pathname: string;
  /** Other query parameters of the page (week, range…), kept by the sort links. */
  keep: Record<string, string>;
  caption: string;
  locale: string;
  f: Formatters;
}) {
  const t = f.t;
  const name = (s: { nameEn: string; nameAr: string }) => (locale === "ar" ? s.nameAr : s.nameEn);
  if (!rows.length) return <p data-testid="children-figures">{t("children.none")}</p>;

  const header = ({ by, sector, label, numeric = true }: { by: ChildSort; sector?: string; label: string; numeric?: boolean }) => {
    if (!sort)
      return (
        <th key={`${by}-${sector ?? ""}`} scope="col" className={numeric ? "text-end" : undefined}>
          {label}
        </th>
      );
    const active = sort.by === by && (sector === undefined || sector === sort.sector);
    const firstDir = by === "name" || by === "pcode" ? "asc" : "desc";
    const dir = active ? (sort.dir === "asc" ? "desc" : "asc") : firstDir;
    const query = { ...keep, sort: by, dir, ...(sector ? { sector } : {}) };
    return (
      <th key={`${by}-${sector ?? ""}`} scope="col" className={numeric ? "text-end" : undefined} aria-sort={active ? (sort.dir === "asc" ? "ascending" : "descending") : undefined}>
        <PlainLink locale={locale} href={{ pathname, query }} className="inline-flex items-center gap-1" title={t("children.sortBy", { column: label })} data-sort={`${by}${sector ? `:${sector}` : ""}`}>
          {label}
          {active ? (
            <>
              <span aria-hidden="true">{sort.dir === "asc" ? "▲" : "▼"}</span>
              <span className="sr-only">{sort.dir === "asc" ? t("children.ascending") : t("children.descending")}</span>
            </>
          ) : null}
        </PlainLink>
      </th>
    );
  };

  // Rows as markup (lib/safe-html.ts): a sub-district can have hundreds of communities.
  const body = memoMarkup(rows, { f, locale, sectors }, childRowsHtml);
  return (
    <ScrollBox labelledBy="children-figures-caption">
      <table className="table figures sticky-first" data-testid="children-figures">
        <caption id="children-figures-caption" className="sr-only">
          {caption}
        </caption>
        <thead>
          <tr>
            {header({ by: "name", label: t("children.name"), numeric: false })}
            {header({ by: "basis", label: t("children.basis"), numeric: false })}
            {header({ by: "newly", label: t("figures.newly") })}
            {header({ by: "repeat", label: t("figures.repeat") })}
            {header({ by: "total", label: t("figures.total") })}
            {sectors.map((s) => header({ by: "gap", sector: s.code, label: t("children.gapOf", { sector: name(s) }) }))}
            {sectors.map((s) => header({ by: "unmet", sector: s.code, label: t("children.unmetOf", { sector: name(s) }) }))}
          </tr>
        </thead>
        <Markup as="tbody" html={body} />
      </table>
    </ScrollBox>
  );
}

/** The table's body, drawn once per rows, reader and sectors (markup-memo.ts). */
function childRowsHtml(rows: Row[], { f, locale, sectors }: { f: Formatters; locale: string; sectors: SectorInfo[] }): SafeHtml {
  return joinHtml(
    rows.map((r) => {
      const of = (code: string) => r.sectors.find((x) => x.code === code);
      return [
        html`<tr data-pcode="${r.area.pcode}"><th scope="row" class="font-normal align-top">${areaLinkHtml(r.area, locale)}</th>`,
        html`<td class="text text-sm"><span data-basis="${r.basis}">${basisText(f.t, r)}</span>${r.discrepancy ? discrepancyHtml(f.t("discrepancy.flag")) : null}</td>`,
        html`<td>${f.n(r.newlyDisplacedFamilies)}</td><td>${f.n(r.repeatDisplacedFamilies)}</td><td${attrs({ "data-carried": r.carried ? "true" : null })}>${f.n(r.totalDisplacedFamilies)}${
          r.carried ? html`<div class="text-xs text-amber-900">${f.t("figures.carriedShort", { since: f.week(r.carried.since) })}</div>` : null
        }</td>`,
        sectors.map((s) => html`<td>${f.pct(of(s.code)?.gapPct ?? null)}</td>`),
        sectors.map((s) => html`<td>${f.n(of(s.code)?.unmetFamilies ?? null)}</td>`),
        html`</tr>`,
      ];
    }),
  );
}
