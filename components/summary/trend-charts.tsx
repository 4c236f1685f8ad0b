import { layoutTrend, lineWidth, markerPath, type TrendLayout } from "@/lib/charts/trend";
import type { TrendWeek } from "@/lib/figures/read";
import { weekStart } from "@/lib/weeks";
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

/** Two drawings of each chart: the wide one, and one drawn for a phone's width so its text stays readable (about 12 px). */
const SIZES = {
  wide: { width: 640, height: 240, maxTicks: 6, fontSize: 11, className: "hidden sm:block" },
  phone: { width: 340, height: 230, maxTicks: 3, fontSize: 12, className: "sm:hidden" },
} as const;
type Size = (typeof SIZES)[keyof typeof SIZES];

/**
 * One chart as SVG markup (lib/safe-html.ts): axes with labels, bars, and each line with its
 * markers as one path (a shape per series, so lines differ by more than colour); weeks with
 * incomplete figures have hollow markers.
 */
function chartHtml(layout: TrendLayout, text: ChartText, size: Size, yLabel: (v: number) => string, xLabel: (index: number, first: boolean, previous: number | null) => string): SafeHtml {
  const { plot, yAxis, paths } = layout;
  return html`<svg${attrs({ viewBox: `0 0 ${layout.width} ${layout.height}`, role: "img", "aria-labelledby": `${text.id}-title ${text.id}-desc`, direction: text.rtl ? "rtl" : "ltr", "data-testid": text.testId })}>${[
    html`<title id="${text.id}-title">${text.title}</title><desc id="${text.id}-desc">${text.desc}</desc>`,
    html`<g${attrs({ "font-size": size.fontSize, fill: "#334155" })}><path${attrs({ d: paths.grid, stroke: "#e2e8f0" })}/>`,
    yAxis.ticks.map((tk) => html`<text${attrs({ x: yAxis.labelX, y: tk.y + 4, "text-anchor": "end" })}>${yLabel(tk.value)}</text>`),
    html`<path${attrs({ d: `M${yAxis.x},${plot.top}V${plot.bottom}M${plot.left},${plot.bottom}H${plot.right}${paths.ticks}`, stroke: "#0f172a" })}/>`,
    // The latest week's label ends at its tick, so that it stays inside the drawing.
    layout.xTicks.map((tk, i) => html`<text${attrs({ x: tk.x, y: plot.bottom + 16, "text-anchor": i === layout.xTicks.length - 1 ? "end" : "middle" })}>${xLabel(tk.index, i === 0, i ? layout.xTicks[i - 1]!.index : null)}</text>`),
    html`</g>`,
    paths.bars ? html`<path${attrs({ d: paths.bars, fill: BAR_COLOUR })}/>` : null,
    layout.lines.map(
      (l, k) =>
        html`<g${attrs({ "data-series": l.key })}><path${attrs({ d: l.d, fill: "none", stroke: colour(k), "stroke-width": l.strokeWidth, "stroke-dasharray": dash(k) })}/><path${attrs({ d: paths.markers[k], fill: colour(k), stroke: "#fff", "stroke-width": 0.8 })}/>${
          paths.hollowMarkers[k] ? html`<path${attrs({ d: paths.hollowMarkers[k], fill: "#fff", stroke: colour(k), "stroke-width": 1.5, "data-incomplete": "true" })}/>` : null
        }</g>`,
    ),
  ]}</svg>`;
}

type TrendInputs = { sectors: { code: string; name: string }[]; f: Formatters; id: string; rtl: boolean };

const incomplete = (w: TrendWeek) => w.completeness.reported < w.completeness.expected;

/** The drawings (wide and phone) and the numbers' table body: built once per figures and reader (markup-memo.ts). */
function trendHtml(trend: TrendWeek[], { sectors, f, id, rtl }: TrendInputs) {
  const t = f.t;
  const first = trend[0]!.week;
  const last = trend.at(-1)!.week;
  const hollow = trend.map(incomplete);
  const year = (i: number) => weekStart(trend[i]!.week).getUTCFullYear();
  // The year on the first label and wherever it changes, so a range across New Year reads right.
  const xLabel = (i: number, firstTick: boolean, previous: number | null) =>
    f.weekShort(trend[i]!.week, firstTick || (previous !== null && year(previous) !== year(i)));
  const span = { weeks: f.n(trend.length), count: trend.length, week: f.week(last) };
  const range = { from: f.week(first), to: f.week(last) };
  const draw = (size: Size, suffix: string) => {
    const common = { count: trend.length, rtl, width: size.width, height: size.height, maxTicks: size.maxTicks, hollow };
    const counts = layoutTrend({
      ...common,
      bars: { key: "newly", values: trend.map((w) => w.newlyDisplacedFamilies) },
      lines: [{ key: "total", values: trend.map((w) => w.totalDisplacedFamilies) }],
    });
    const gaps = layoutTrend({
      ...common,
      yMax: 100,
      lines: sectors.map((s) => ({ key: s.code, values: trend.map((w) => w.sectors.find((x) => x.code === s.code)?.gapPct ?? null) })),
    });
    const wrap = (svg: SafeHtml) => html`<div${attrs({ class: size.className })}>${svg}</div>`;
    return {
      counts: wrap(
        chartHtml(counts, { id: `${id}-c${suffix}`, title: t("trend.displacement", span), desc: t("trend.displacementDesc", range), testId: `${id}-displacement-chart${suffix}`, rtl }, size, f.n, xLabel),
      ),
      gaps: wrap(chartHtml(gaps, { id: `${id}-g${suffix}`, title: t("trend.gaps", span), desc: t("trend.gapsDesc", range), testId: `${id}-gap-chart${suffix}`, rtl }, size, f.pct, xLabel)),
    };
  };
  const wide = draw(SIZES.wide, "");
  const phone = draw(SIZES.phone, "-phone");
  // The numbers' table body is plain text in cells: markup too.
  const rows = joinHtml(
    [...trend]
      .reverse()
      .map((w) => [
        html`<tr${attrs({ "data-week": w.week, "data-incomplete": incomplete(w) ? "true" : null })}><th scope="row" class="font-normal align-top">${f.week(w.week)}</th>`,
        html`<td class="text">${t("completeness.value", { reported: f.n(w.completeness.reported), expected: f.n(w.completeness.expected), count: w.completeness.expected })}${
          incomplete(w) ? html` <span class="font-medium text-amber-900">(${t("trend.incompleteMark")})</span>` : null
        }</td>`,
        html`<td>${f.n(w.newlyDisplacedFamilies)}</td><td>${f.n(w.repeatDisplacedFamilies)}</td><td>${f.n(w.totalDisplacedFamilies)}${
          w.carried ? html`<div class="text-xs text-amber-900">${t("figures.carried", { families: f.n(w.carried.families), areas: w.carried.areas, since: f.week(w.carried.since) })}</div>` : null
        }</td>`,
        sectors.map((s) => html`<td>${f.pct(w.sectors.find((x) => x.code === s.code)?.gapPct ?? null)}</td>`),
        html`</tr>`,
      ]),
  );
  return { countsSvg: joinHtml([wide.counts, phone.counts]), gapsSvg: joinHtml([wide.gaps, phone.gaps]), rows };
}

/** A line's legend: its colour, dash, width and marker shape, as drawn in the chart. */
function LegendSwatch({ k, lines, hollow = false }: { k: number; lines: number; hollow?: boolean }) {
  return (
    <svg width="32" height="14" aria-hidden="true" className="inline-block shrink-0">
      <line x1="2" x2="30" y1="7" y2="7" stroke={colour(k)} strokeWidth={lineWidth(k, lines)} strokeDasharray={dash(k) ?? undefined} />
      <path d={markerPath(k)} transform="translate(16 7)" fill={hollow ? "#fff" : colour(k)} stroke={hollow ? colour(k) : "#fff"} strokeWidth={hollow ? 1.5 : 0.8} />
    </svg>
  );
}

/**
 * Two server-drawn charts over the weeks of `trend`: displaced families (newly displaced as bars,
 * total displaced as a line) and the weighted gap per sector (one line each). Each has a <title>,
 * a <desc> and, in a <details>, the table of the numbers it draws.
 */
export function TrendCharts({ trend, locale, f, id }: { trend: TrendWeek[]; locale: string; f: Formatters; id: string }) {
  const t = f.t;
  const rtl = locale === "ar";
  const last = trend.at(-1)!.week;
  const sectors = trend.at(-1)!.sectors.map((s) => ({ code: s.code, name: rtl ? s.nameAr : s.nameEn }));
  const span = { weeks: f.n(trend.length), count: trend.length, week: f.week(last) };
  const { countsSvg, gapsSvg, rows } = memoMarkup(trend, { sectors, f, id, rtl }, trendHtml);
  return (
    <div className="grid gap-6" data-testid={`${id}-charts`}>
      <figure className="grid gap-2">
        <figcaption className="font-medium">{t("trend.displacement", span)}</figcaption>
        <Markup className="[&_svg]:h-auto [&_svg]:w-full" html={countsSvg} />
        <ul className="flex flex-wrap gap-4 text-sm">
          <li className="flex items-center gap-2">
            <svg width="14" height="12" aria-hidden="true">
              <rect width="14" height="12" fill={BAR_COLOUR} />
            </svg>
            {t("trend.barsLegend")}
          </li>
          <li className="flex items-center gap-2">
            <LegendSwatch k={0} lines={1} />
            {t("trend.lineLegend")}
          </li>
        </ul>
      </figure>
      <figure className="grid gap-2">
        <figcaption className="font-medium">{t("trend.gaps", span)}</figcaption>
        <Markup className="[&_svg]:h-auto [&_svg]:w-full" html={gapsSvg} />
        <ul className="flex flex-wrap gap-4 text-sm">
          {sectors.map((s, k) => (
            <li key={s.code} className="flex items-center gap-2">
              <LegendSwatch k={k} lines={sectors.length} />
              {s.name}
            </li>
          ))}
        </ul>
      </figure>
      {trend.some(incomplete) ? (
        <p className="flex items-center gap-2 text-xs text-slate-700" data-testid={`${id}-incomplete-note`}>
          <LegendSwatch k={0} lines={1} hollow />
          {t("trend.incomplete")}
        </p>
      ) : null}
      {trend.some((w) => w.carried) ? (
        <p className="text-xs text-slate-700" data-testid={`${id}-carried-note`}>
          {t("trend.carriedNote", { weeks: trend.at(-1)!.completeness.carryForwardWeeks })}
        </p>
      ) : null}
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
                <th scope="col">{t("trend.completenessCol")}</th>
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
