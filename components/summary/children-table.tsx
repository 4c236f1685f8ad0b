import type { AreaRef, WeekFigures } from "@/lib/figures/read";
import type { SectorInfo } from "@/lib/sectors";
import type { ChildSort } from "@/lib/validation/summary";
import { basisText } from "@/lib/figures/basis-text";
import type { Formatters } from "./fmt";
import { PlainLink } from "./plain-link";
import { areaLinkMarkup, discrepancyMarkup } from "./row-markup";
import { memoMarkup } from "./markup-memo";
import { esc } from "./svg-markup";

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

  // Rows as markup strings (row-markup.ts): a sub-district can have hundreds of communities.
  const body = memoMarkup(rows, `${f.key}|children`, () =>
    rows
      .map((r) => {
        const of = (code: string) => r.sectors.find((x) => x.code === code);
        return (
          `<tr data-pcode="${esc(r.area.pcode)}"><th scope="row" class="font-normal align-top">${areaLinkMarkup(r.area, locale)}</th>` +
          `<td class="text text-sm"><span data-basis="${r.basis}">${esc(basisText(t, r))}</span>${r.discrepancy ? discrepancyMarkup(t("discrepancy.flag")) : ""}</td>` +
          `<td>${esc(f.n(r.newlyDisplacedFamilies))}</td><td>${esc(f.n(r.repeatDisplacedFamilies))}</td><td>${esc(f.n(r.totalDisplacedFamilies))}</td>` +
          sectors.map((s) => `<td>${esc(f.pct(of(s.code)?.gapPct ?? null))}</td>`).join("") +
          sectors.map((s) => `<td>${esc(r.basis === "none" ? "–" : f.n(of(s.code)?.unmetFamilies ?? 0))}</td>`).join("") +
          `</tr>`
        );
      })
      .join(""),
  );
  return (
    <div className="overflow-x-auto">
      <table className="table figures" data-testid="children-figures">
        <caption className="sr-only">{caption}</caption>
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
        <tbody dangerouslySetInnerHTML={{ __html: body }} />
      </table>
    </div>
  );
}
