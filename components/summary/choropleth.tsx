import { countScale, gapScale, MAP_HEIGHT, MAP_WIDTH, mapShapeHref, mapShapes } from "@/lib/charts/geo";
import { getPathname } from "@/lib/i18n/navigation";
import type { AreaRef, WeekFigures } from "@/lib/figures/read";
import type { MapMeasure } from "@/lib/validation/summary";
import { basisText } from "@/lib/figures/basis-text";
import type { Formatters } from "./fmt";
import { NoDataPattern, noDataPattern } from "./patterns";
import { memoMarkup } from "./markup-memo";
import { attrs, esc } from "./svg-markup";

type Row = WeekFigures & { area: AreaRef };

/**
 * Governorates or districts as server-drawn SVG, coloured by the weighted gap of one sector or by
 * newly displaced families; each shape links to its area's page. Shapes without a figure are
 * hatched. The legend gives each class as text, and a table lists every value.
 */
export function Choropleth({
  rows,
  level,
  measure,
  sector,
  week,
  locale,
  f,
  id,
}: {
  rows: Row[];
  level: 1 | 2;
  measure: MapMeasure;
  sector: string;
  week: string;
  locale: string;
  f: Formatters;
  id: string;
}) {
  const t = f.t;
  const name = (a: { nameEn: string; nameAr: string }) => (locale === "ar" ? a.nameAr : a.nameEn);
  const valueOf = (r: Row): number | null =>
    measure === "gap" ? (r.sectors.find((s) => s.code === sector)?.gapPct ?? null) : r.basis === "none" ? null : r.newlyDisplacedFamilies;
  const byPcode = new Map(rows.map((r) => [r.area.pcode, r]));
  const values = rows.map(valueOf).filter((v): v is number => v !== null);
  const scale = measure === "gap" ? gapScale() : countScale(values);
  const show = (v: number | null) => (v === null ? t("map.noData") : measure === "gap" ? f.pct(v) : f.n(v));
  const sectorRow = rows[0]?.sectors.find((s) => s.code === sector);
  const measureText = measure === "gap" ? `${t("map.measureGap")} (${sectorRow ? name(sectorRow) : sector})` : t("map.measureNewly");
  const levelText = level === 1 ? t("map.level1") : t("map.level2");
  const shapes = mapShapes(level);
  const drawn = new Set(shapes.map((s) => s.pcode));
  const missing = rows.filter((r) => !drawn.has(r.area.pcode));
  const classes = scale.colours.map((colour, i) => {
    const from = i === 0 ? 0 : scale.breaks[i - 1]!;
    const to = scale.breaks[i];
    return { colour, text: to === undefined ? t("map.rangeTop", { from: show(from) }) : t("map.range", { from: show(from), to: show(to) }) };
  });
  const noData = `${id}-nodata`;
  // The values table (one row per area, text only) as one escaped string, like the drawing.
  const tableRows = () =>
    rows
      .map((r) => {
        const [main, other] = locale === "ar" ? [r.area.nameAr, r.area.nameEn] : [r.area.nameEn, r.area.nameAr];
        return `<tr><th scope="row" class="font-normal align-top"><span title="${esc(other)}">${esc(main)}</span> <span class="text-xs text-slate-500" dir="ltr">(${esc(r.area.pcode)})</span></th><td>${esc(show(valueOf(r)))}</td><td class="text text-sm">${esc(basisText(t, r))}</td></tr>`;
      })
      .join("");
  const svg = () =>
    [
      `<svg${attrs({ viewBox: `0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`, role: "group", "aria-labelledby": `${id}-title ${id}-desc`, "data-testid": `${id}-svg` })}>`,
      `<title id="${esc(id)}-title">${esc(t("map.svgTitle", { level: levelText, measure: measureText, week: f.week(week) }))}</title>`,
      `<desc id="${esc(id)}-desc">${esc(t("map.svgDesc", { measure: measureText, count: f.n(values.length) }))}</desc>`,
      `<defs>${noDataPattern(noData)}</defs>`,
      `<g stroke="#334155" stroke-width="0.7">`,
      ...shapes.map((s) => {
        const r = byPcode.get(s.pcode);
        const v = r ? valueOf(r) : null;
        // The <title> names the link for screen readers and shows as a tooltip.
        const label = `${r ? name(r.area) : s.pcode}: ${show(v)}`;
        const fill = v === null ? `url(#${noData})` : scale.colourOf(v);
        return `<a${attrs({ href: getPathname({ locale, href: `/areas/${s.pcode}` }), "data-pcode": s.pcode })}><title>${esc(label)}</title><use${attrs({ href: mapShapeHref(level, s.pcode), fill })}/></a>`;
      }),
      `</g></svg>`,
    ].join("");
  // Drawn once per figures and reader (markup-memo.ts).
  const markup = memoMarkup(rows, `${f.key}|map|${level}|${measure}|${sector}|${week}|${id}`, () => ({ svg: svg(), tableRows: tableRows() }));
  return (
    <figure className="grid gap-3" data-testid={`${id}`}>
      {/* One string for the drawing (see svg-markup.ts): shapes are links, so the SVG is a labelled group, not an image. */}
      <div className="w-full max-w-2xl [&>svg]:h-auto [&>svg]:w-full" dangerouslySetInnerHTML={{ __html: markup.svg }} />
      <figcaption className="grid gap-2 text-sm">
        <p className="font-medium">
          {t("map.legend")}: {measureText}
        </p>
        <ul className="flex flex-wrap gap-x-4 gap-y-1" data-testid={`${id}-legend`}>
          {classes.map((c) => (
            <li key={c.colour} className="flex items-center gap-2">
              <svg width="16" height="12" aria-hidden="true">
                <rect width="16" height="12" fill={c.colour} stroke="#334155" strokeWidth="0.7" />
              </svg>
              {c.text}
            </li>
          ))}
          <li className="flex items-center gap-2">
            <svg width="16" height="12" aria-hidden="true">
              <defs>
                <NoDataPattern id={`${noData}-key`} />
              </defs>
              <rect width="16" height="12" fill={`url(#${noData}-key)`} stroke="#334155" strokeWidth="0.7" />
            </svg>
            {t("map.noData")}
          </li>
        </ul>
        {missing.length ? <p className="text-xs text-slate-600">{t("map.missingShapes", { names: missing.map((r) => name(r.area)).join(locale === "ar" ? "، " : ", ") })}</p> : null}
        <p className="text-xs text-slate-600">{t("map.attribution")}</p>
      </figcaption>
      <details>
        <summary className="cursor-pointer text-sm">{t("map.table")}</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="table figures" data-testid={`${id}-table`}>
            <thead>
              <tr>
                <th scope="col">{levelText}</th>
                <th scope="col" className="text-end">
                  {measureText}
                </th>
                <th scope="col">{t("children.basis")}</th>
              </tr>
            </thead>
            <tbody dangerouslySetInnerHTML={{ __html: markup.tableRows }} />
          </table>
        </div>
      </details>
    </figure>
  );
}
