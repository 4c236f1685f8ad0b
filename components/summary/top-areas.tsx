import type { GapRow } from "@/lib/figures/gap-ranking";
import type { SectorInfo } from "@/lib/sectors";
import type { Formatters } from "@/lib/i18n/server-formatters";
import { html, joinHtml, type SafeHtml } from "@/lib/safe-html";
import { areaLinkHtml } from "@/components/area-name";
import { Markup } from "@/components/markup";
import { memoMarkup } from "./markup-memo";
import { severityBadgeHtml } from "./severity-badge";
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
                <Markup as="ol" className="grid gap-1 text-sm" html={memoMarkup(rows, { f, locale }, topRowsHtml)} />
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

/**
 * One sector's list (ten rows, thirty on the dashboard) as markup (lib/safe-html.ts), once per rows
 * and reader (markup-memo.ts): rank, the area's link, unmet families, and the gap with its severity.
 */
function topRowsHtml(rows: GapRow[], { f, locale }: { f: Formatters; locale: string }): SafeHtml {
  return joinHtml(
    rows.map((r) => [
      html`<li class="flex flex-wrap items-baseline gap-x-2" data-pcode="${r.area.pcode}"><span class="num w-6 text-end text-slate-500">${f.n(r.rank)}</span>`,
      html`${areaLinkHtml(r.area, locale, false)}<span class="num ms-auto font-semibold">${f.n(r.unmetFamilies)}</span>`,
      html`<span class="num">${f.pct(r.gapPct)}</span>${severityBadgeHtml(r.severity, f.t(`severity.${r.severity}`))}</li>`,
    ]),
  );
}
