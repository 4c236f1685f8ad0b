import { gapBasisText } from "@/lib/figures/basis-text";
import type { GapQuery, GapRow, GapSort } from "@/lib/figures/gap-ranking";
import type { Formatters } from "./fmt";
import { areaLinkMarkup, discrepancyMarkup, severityMarkup } from "./row-markup";
import { memoMarkup } from "./markup-memo";
import { esc } from "./svg-markup";
import { PlainLink } from "./plain-link";

/**
 * The ranking: severity is a text label with an icon (not a colour only), sortable columns are
 * links that keep the other filters, and each area links to its page. Rows are markup strings
 * (row-markup.ts): fifty of them would otherwise be most of the page's rendering work.
 */
export function GapTable({ rows, q, params, f, locale }: { rows: GapRow[]; q: GapQuery; params: Record<string, string>; f: Formatters; locale: string }) {
  const t = f.t;
  const single = q.from === q.to;
  if (!rows.length)
    return (
      <p data-testid="gap-table" className="text-sm">
        {t("gaps.empty")}
      </p>
    );
  const header = ({ sort, label, numeric = true }: { sort: GapSort; label: string; numeric?: boolean }) => {
    const active = q.sort === sort;
    const first = sort === "pcode" ? "asc" : "desc";
    const dir = active ? (q.dir === "asc" ? "desc" : "asc") : first;
    return (
      <th scope="col" className={numeric ? "text-end" : undefined} aria-sort={active ? (q.dir === "asc" ? "ascending" : "descending") : undefined}>
        <PlainLink locale={locale} href={{ pathname: "/reports/gaps", query: { ...params, sort, dir } }} title={t("children.sortBy", { column: label })} data-sort={sort}>
          {label}
          {active ? <span aria-hidden="true"> {q.dir === "asc" ? "▲" : "▼"}</span> : null}
        </PlainLink>
      </th>
    );
  };
  const body = memoMarkup(rows, `${f.key}|gaps|${single}`, () =>
    rows
      .map(
        (r) =>
          `<tr data-pcode="${esc(r.area.pcode)}" data-severity="${r.severity}"><td>${esc(f.n(r.rank))}</td><th scope="row" class="font-normal align-top">${areaLinkMarkup(r.area, locale)}</th>` +
          `<td class="font-semibold">${esc(f.pct(r.gapPct))}</td><td class="text">${severityMarkup(r.severity, t(`severity.${r.severity}`))}</td>` +
          `<td>${esc(f.n(r.familiesInNeed))}</td><td class="font-semibold" data-testid="unmet">${esc(f.n(r.unmetFamilies))}</td><td>${esc(f.n(r.newlyDisplacedFamilies))}</td>` +
          `<td class="text text-sm">${esc(gapBasisText(t, r, single))}${r.discrepancy ? discrepancyMarkup(t("discrepancy.flag")) : ""}</td></tr>`,
      )
      .join(""),
  );

  return (
    <div className="overflow-x-auto">
      <table className="table figures" data-testid="gap-table">
        <thead>
          <tr>
            <th scope="col" className="text-end">
              {t("gaps.rank")}
            </th>
            {header({ sort: "pcode", label: t("gaps.area"), numeric: false })}
            {header({ sort: "gap", label: t("gaps.gap") })}
            <th scope="col">{t("gaps.severity")}</th>
            {header({ sort: "need", label: t("gaps.inNeed") })}
            {header({ sort: "unmet", label: t("gaps.unmet") })}
            {header({ sort: "newly", label: t("gaps.newly") })}
            <th scope="col">{t("gaps.basis")}</th>
          </tr>
        </thead>
        <tbody dangerouslySetInnerHTML={{ __html: body }} />
      </table>
    </div>
  );
}
