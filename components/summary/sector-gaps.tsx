import { layoutPercentBars } from "@/lib/charts/trend";
import type { WeekChange, WeekFigures } from "@/lib/figures/read";
import { DEFAULT_THRESHOLDS, severityOf } from "@/lib/figures/severity";
import type { Formatters } from "@/lib/i18n/server-formatters";
import { attrs, html, type SafeHtml } from "@/lib/safe-html";
import { Markup } from "@/components/markup";
import { severityBadgeHtml } from "./severity-badge";
import { severityFill, severityPatterns } from "./patterns";
import { memoMarkup } from "./markup-memo";
import { ScrollBox } from "@/components/scroll-box";

/**
 * Per sector: the weighted gap as a bar (SVG, mirrored in Arabic) and as a table with severity,
 * families in need, unmet families and the change from the week before (over the areas with
 * figures in both weeks, lib/figures/read.ts getWeekChange). The table is the
 * chart's text alternative and carries the exact figures.
 */
export function SectorGaps({
  figures,
  change,
  locale,
  f,
  id,
}: {
  figures: WeekFigures;
  change: WeekChange;
  locale: string;
  f: Formatters;
  id: string;
}) {
  const t = f.t;
  const rtl = locale === "ar";
  const name = (s: { nameEn: string; nameAr: string }) => (rtl ? s.nameAr : s.nameEn);
  const changeOf = (code: string, shown: number | null) => {
    const now = change.now.sectors.find((s) => s.code === code)?.gapPct ?? null;
    const before = change.before.sectors.find((s) => s.code === code)?.gapPct ?? null;
    if (shown === null || now === null || before === null) return t("figures.changeNone");
    const diff = Math.round((now - before) * 10) / 10;
    if (diff === 0) return t("figures.changeSame");
    return diff > 0 ? t("figures.changePointsUp", { value: f.n(diff), count: diff }) : t("figures.changePointsDown", { value: f.n(-diff), count: -diff });
  };
  const svg = memoMarkup(figures, { f, id, rtl }, sectorBarsHtml);
  return (
    <div className="grid gap-3" data-testid="sector-gaps">
      <p className="text-sm text-slate-700">{t("sectors.intro")}</p>
      <Markup className="max-w-xl [&>svg]:h-auto [&>svg]:w-full" html={svg} />
      <ScrollBox labelledBy={`${id}-sector-table-caption`}>
        <table className="table figures sticky-first" data-testid="sector-table">
          <caption id={`${id}-sector-table-caption`} className="sr-only">
            {t("sectors.title")}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("sectors.sector")}</th>
              <th scope="col" className="text-end">
                {t("sectors.gap")}
              </th>
              <th scope="col">{t("gaps.severity")}</th>
              <th scope="col" className="text-end">
                {t("sectors.inNeed")}
              </th>
              <th scope="col" className="text-end">
                {t("sectors.unmet")}
              </th>
            </tr>
          </thead>
          <tbody>
            {figures.sectors.map((s) => (
              <tr key={s.code} data-sector={s.code}>
                <th scope="row" className="font-medium">
                  {name(s)}
                </th>
                <td>
                  <span className="font-semibold" data-testid={`gap-${s.code}`}>
                    {s.gapPct === null ? t("sectors.noNeed") : f.pct(s.gapPct)}
                  </span>
                  <div className="text-xs text-slate-600">{changeOf(s.code, s.gapPct)}</div>
                </td>
                <Markup as="td" className="text" html={severityBadgeHtml(severityOf(s.gapPct, DEFAULT_THRESHOLDS), t(`severity.${severityOf(s.gapPct, DEFAULT_THRESHOLDS)}`))} />
                <td>{f.n(s.familiesInNeed)}</td>
                <td data-testid={`unmet-${s.code}`}>
                  {f.n(s.unmetFamilies)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      <p className="text-xs text-slate-600">{t("severity.legend", { critical: f.n(DEFAULT_THRESHOLDS.critical), high: f.n(DEFAULT_THRESHOLDS.high) })}</p>
    </div>
  );
}

/** The bars as markup (lib/safe-html.ts), once per figures and reader (markup-memo.ts). */
function sectorBarsHtml(figures: WeekFigures, { f, id, rtl }: { f: Formatters; id: string; rtl: boolean }): SafeHtml {
  const t = f.t;
  const name = (s: { nameEn: string; nameAr: string }) => (rtl ? s.nameAr : s.nameEn);
  const layout = layoutPercentBars({ rows: figures.sectors.map((s) => s.gapPct), rtl });
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const list = figures.sectors.map((s) => `${name(s)} ${s.gapPct === null ? t("sectors.noNeed") : f.pct(s.gapPct)}`).join(rtl ? "، " : ", ");
  return html`<svg${attrs({ viewBox: `0 0 ${layout.width} ${layout.height}`, role: "img", "aria-labelledby": `${titleId} ${descId}`, direction: rtl ? "rtl" : "ltr" })}>${[
    html`<title id="${titleId}">${t("sectors.chartTitle", { week: f.week(figures.week) })}</title><desc id="${descId}">${t("sectors.chartDesc", { list })}</desc>`,
    severityPatterns(id),
    html`<path${attrs({ d: layout.grid.map((g) => `M${g.x},0V${layout.axisY}`).join(""), stroke: "#e2e8f0" })}/>`,
    layout.grid.map((g) => html`<text${attrs({ x: g.x, y: layout.axisY + 12, "text-anchor": "middle", "font-size": 10, fill: "#475569" })}>${f.pct(g.value)}</text>`),
    figures.sectors.map((sec, i) => {
      const row = layout.rows[i]!;
      const fill = severityFill(id, severityOf(sec.gapPct, DEFAULT_THRESHOLDS));
      return html`<g${attrs({ "data-sector": sec.code })}><text${attrs({ x: row.labelX, y: row.textY, "text-anchor": "end", "font-size": 12, fill: "#0f172a" })}>${name(sec)}</text>${
        sec.gapPct !== null ? html`<rect${attrs({ ...row.bar, fill, stroke: "#0f172a", "stroke-width": 0.5 })}/>` : null
      }<text${attrs({ x: row.valueX, y: row.textY, "text-anchor": "start", "font-size": 12, "font-weight": "bold", fill: "#0f172a" })}>${sec.gapPct === null ? t("sectors.noNeed") : f.pct(sec.gapPct)}</text></g>`;
    }),
    html`<path${attrs({ d: `M${layout.origin},0V${layout.axisY}`, stroke: "#0f172a" })}/>`,
  ]}</svg>`;
}
