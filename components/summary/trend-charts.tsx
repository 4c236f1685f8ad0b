import { layoutTrend, type TrendLayout } from "@/lib/charts/trend";
import type { WeekFigures } from "@/lib/figures/read";
import type { Formatters } from "@/lib/i18n/server-formatters";
import { attrs, html, joinHtml, type SafeHtml } from "@/lib/safe-html";
import { Markup } from "@/components/markup";
import { memoMarkup } from "./markup-memo";
import { ScrollBox } from "@/components/scroll-box";

/** Okabe–Ito colours (safe for colour-blind readers); each line also has its own marker and dash. */
const LINE_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"];
const DASHES = ["", "6 3", "2 3", "8 3 2 3", "1 2", "4 4"];
const BAR_COLOUR = "#94a3b8";
const colour = (k: number) => LINE_COLOURS[k % LINE_COLOURS.length]!;
const dash = (k: number) => DASHES[k % DASHES.length] || null;

type ChartText = { id: string; title: string; desc: string; testId: string; rtl: boolean };

/**
 * One chart as SVG markup (lib/safe-html.ts): axes with labels, bars, and each line with its
 * markers as one path (a shape per series, so lines differ by more than colour).
 */
function chartHtml(layout: TrendLayout, text: ChartText, yLabel: (v: number) => string, xLabels: string[]): SafeHtml {
  const { plot, yAxis, paths } = layout;
  return html`<svg${attrs({ viewBox: `0 0 ${layout.width} ${layout.height}`, role: "img", "aria-labelledby": `${text.id}-title ${text.id}-desc`, direction: text.rtl ? "rtl" : "ltr", "data-testid": text.testId })}>${[
    html`<title id="${text.id}-title">${text.title}</title><desc id="${text.id}-desc">${text.desc}</desc>`,
    html`<g font-size="11" fill="#334155"><path${attrs({ d: paths.grid, stroke: "#e2e8f0" })}/>`,
    yAxis.ticks.map((tk) => html`<text${attrs({ x: yAxis.labelX, y: tk.y + 4, "text-anchor": "end" })}>${yLabel(tk.value)}</text>`),
    html`<path${attrs({ d: `M${yAxis.x},${plot.top}V${plot.bottom}M${plot.left},${plot.bottom}H${plot.right}${paths.ticks}`, stroke: "#0f172a" })}/>`,
    layout.xTicks.map((tk) => html`<text${attrs({ x: tk.x, y: plot.bottom + 16, "text-anchor": "middle" })}>${xLabels[tk.index]!}</text>`),
    html`</g>`,
    paths.bars ? html`<path${attrs({ d: paths.bars, fill: BAR_COLOUR })}/>` : null,
    layout.lines.map(
      (l, k) =>
        html`<g${attrs({ "data-series": l.key })}><path${attrs({ d: l.d, fill: "none", stroke: colour(k), "stroke-width": 2, "stroke-dasharray": dash(k) })}/><path${attrs({ d: paths.markers[k], fill: colour(k), stroke: "#fff", "stroke-width": 0.8 })}/></g>`,
    ),
  ]}</svg>`;
}

type TrendInputs = { sectors: { code: string; name: string }[]; f: Formatters; id: string; rtl: boolean };

/** The two drawings and the numbers' table body: built once per figures and reader (markup-memo.ts). */
function trendHtml(trend: WeekFigures[], { sectors, f, id, rtl }: TrendInputs) {
  const t = f.t;
  const labels = trend.map((w) => f.weekShort(w.week));
  const first = trend[0]!.week;
  const last = trend.at(-1)!.week;
  const counts = layoutTrend({
    count: trend.length,
    rtl,
    bars: { key: "newly", values: trend.map((w) => w.newlyDisplacedFamilies) },
    lines: [{ key: "total", values: trend.map((w) => w.totalDisplacedFamilies) }],
  });
  const gaps = layoutTrend({
    count: trend.length,
    rtl,
    yMax: 100,
    lines: sectors.map((s) => ({ key: s.code, values: trend.map((w) => w.sectors.find((x) => x.code === s.code)?.gapPct ?? null) })),
  });
  const span = { weeks: f.n(trend.length), week: f.week(last) };
  const range = { from: f.week(first), to: f.week(last) };
  const countsSvg = chartHtml(
    counts,
    { id: `${id}-c`, title: t("trend.displacement", span), desc: t("trend.displacementDesc", range), testId: `${id}-displacement-chart`, rtl },
    f.n,
    labels,
  );
  const gapsSvg = chartHtml(gaps, { id: `${id}-g`, title: t("trend.gaps", span), desc: t("trend.gapsDesc", range), testId: `${id}-gap-chart`, rtl }, f.pct, labels);
  // The numbers' table body is plain text in cells: markup too.
  const rows = joinHtml(
    [...trend]
      .reverse()
      .map((w) => [
        html`<tr><th scope="row" class="font-normal align-top">${f.week(w.week)}</th><td>${f.n(w.newlyDisplacedFamilies)}</td><td>${f.n(w.repeatDisplacedFamilies)}</td><td>${f.n(w.totalDisplacedFamilies)}</td>`,
        sectors.map((s) => html`<td>${f.pct(w.sectors.find((x) => x.code === s.code)?.gapPct ?? null)}</td>`),
        html`</tr>`,
      ]),
  );
  return { countsSvg, gapsSvg, rows };
}

function LegendSwatch({ k }: { k: number }) {
  return (
    <svg width="28" height="12" aria-hidden="true" className="inline-block">
      <line x1="2" x2="26" y1="6" y2="6" stroke={colour(k)} strokeWidth="2" strokeDasharray={dash(k) ?? undefined} />
    </svg>
  );
}

/**
 * Two server-drawn charts over the weeks of `trend`: displaced families (newly displaced as bars,
 * total displaced as a line) and the weighted gap per sector (one line each). Each has a <title>,
 * a <desc> and, in a <details>, the table of the numbers it draws.
 */
export function TrendCharts({ trend, locale, f, id }: { trend: WeekFigures[]; locale: string; f: Formatters; id: string }) {
  const t = f.t;
  const rtl = locale === "ar";
  const last = trend.at(-1)!.week;
  const sectors = trend.at(-1)!.sectors.map((s) => ({ code: s.code, name: rtl ? s.nameAr : s.nameEn }));
  const span = { weeks: f.n(trend.length), week: f.week(last) };
  const { countsSvg, gapsSvg, rows } = memoMarkup(trend, { sectors, f, id, rtl }, trendHtml);
  return (
    <div className="grid gap-6" data-testid={`${id}-charts`}>
      <figure className="grid gap-2">
        <figcaption className="font-medium">{t("trend.displacement", span)}</figcaption>
        <Markup className="[&>svg]:h-auto [&>svg]:w-full" html={countsSvg} />
        <ul className="flex flex-wrap gap-4 text-sm">
          <li className="flex items-center gap-2">
            <svg width="14" height="12" aria-hidden="true">
              <rect width="14" height="12" fill={BAR_COLOUR} />
            </svg>
            {t("trend.barsLegend")}
          </li>
          <li className="flex items-center gap-2">
            <LegendSwatch k={0} />
            {t("trend.lineLegend")}
          </li>
        </ul>
      </figure>
      <figure className="grid gap-2">
        <figcaption className="font-medium">{t("trend.gaps", span)}</figcaption>
        <Markup className="[&>svg]:h-auto [&>svg]:w-full" html={gapsSvg} />
        <ul className="flex flex-wrap gap-4 text-sm">
          {sectors.map((s, k) => (
            <li key={s.code} className="flex items-center gap-2">
              <LegendSwatch k={k} />
              {s.name}
            </li>
          ))}
        </ul>
      </figure>
      <p className="text-xs text-slate-600">{t("trend.direction")}</p>
      <details>
        <summary className="cursor-pointer text-sm" id={`${id}-trend-table-label`}>
          {t("trend.table")}
        </summary>
        <ScrollBox className="mt-2" labelledBy={`${id}-trend-table-label`}>
          <table className="table figures" data-testid={`${id}-trend-table`}>
            <thead>
              <tr>
                <th scope="col">{t("trend.weekCol")}</th>
                <th scope="col" className="text-end">
                  {t("figures.newly")}
                </th>
                <th scope="col" className="text-end">
                  {t("figures.repeat")}
                </th>
                <th scope="col" className="text-end">
                  {t("figures.total")}
                </th>
                {sectors.map((s) => (
                  <th key={s.code} scope="col" className="text-end">
                    {t("children.gapOf", { sector: s.name })}
                  </th>
                ))}
              </tr>
            </thead>
            <Markup as="tbody" html={rows} />
          </table>
        </ScrollBox>
      </details>
    </div>
  );
}
