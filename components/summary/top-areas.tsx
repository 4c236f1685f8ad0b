import type { GapRow } from "@/lib/figures/gap-ranking";
import type { SectorInfo } from "@/lib/sectors";
import type { Formatters } from "./fmt";
import { getPathname } from "@/lib/i18n/navigation";
import { SEVERITY_ICON } from "./severity-badge";
import { memoMarkup } from "./markup-memo";
import { esc } from "./svg-markup";
import { PlainLink } from "./plain-link";

/** Per sector, the areas with the most unmet families this week, each linking to its page. */
export function TopAreas({
  top,
  level,
  week,
  locale,
  f,
}: {
  top: { sector: SectorInfo; rows: GapRow[] }[];
  level: number;
  week: string;
  locale: string;
  f: Formatters;
}) {
  const t = f.t;
  const ts = f.scope("severity");
  // Thirty rows on the dashboard, written as one escaped string each list (see svg-markup.ts):
  // rank, the area's link, unmet families, and the gap with its severity's icon and word.
  const items = (rows: GapRow[]) =>
    rows
      .map((r) => {
        const [main, other] = locale === "ar" ? [r.area.nameAr, r.area.nameEn] : [r.area.nameEn, r.area.nameAr];
        const href = getPathname({ locale, href: `/areas/${r.area.pcode}` });
        return (
          `<li class="flex flex-wrap items-baseline gap-x-2" data-pcode="${esc(r.area.pcode)}"><span class="num w-6 text-end text-slate-500">${esc(f.n(r.rank))}</span>` +
          `<a href="${esc(href)}" title="${esc(other)}">${esc(main)}</a><span class="num ms-auto font-semibold">${esc(f.n(r.unmetFamilies))}</span>` +
          `<span class="sev sev-${r.severity}" data-severity="${r.severity}">${esc(`${f.pct(r.gapPct)} ${SEVERITY_ICON[r.severity]} ${ts(r.severity)}`)}</span></li>`
        );
      })
      .join("");
  return (
    <div className="grid gap-3">
      <p className="text-sm text-slate-700">{t("top.intro", { level: String(level), week: f.week(week) })}</p>
      <div className="grid gap-4 lg:grid-cols-3">
        {top.map(({ sector, rows }) => {
          const name = locale === "ar" ? sector.nameAr : sector.nameEn;
          return (
            <section key={sector.code} aria-labelledby={`top-${sector.code}`} className="rounded border border-slate-200 p-3" data-testid={`top-${sector.code}`}>
              <h3 id={`top-${sector.code}`} className="mb-2 font-semibold">
                {name}
              </h3>
              {rows.length ? (
                <ol className="grid gap-1 text-sm" dangerouslySetInnerHTML={{ __html: memoMarkup(rows, `${f.key}|top`, () => items(rows)) }} />
              ) : (
                <p className="text-sm">{t("top.none")}</p>
              )}
              <p className="mt-2 text-xs">
                <PlainLink locale={locale} href={{ pathname: "/reports/gaps", query: { week, level: String(level), sector: sector.code } }}>{t("top.full", { sector: name })}</PlainLink>
              </p>
            </section>
          );
        })}
      </div>
    </div>
  );
}
