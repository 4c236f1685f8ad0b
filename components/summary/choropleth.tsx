import { countScale, gapScale, MAP_HEIGHT, MAP_WIDTH, mapShapeHref, mapShapes } from "@/lib/charts/geo";
import { getPathname } from "@/lib/i18n/navigation";
import type { AreaRef, WeekFigures } from "@/lib/figures/read";
import type { MapMeasure } from "@/lib/validation/summary";
import { basisText } from "@/lib/figures/basis-text";
import type { Formatters } from "@/lib/i18n/server-formatters";
import { attrs, html, joinHtml, type SafeHtml } from "@/lib/safe-html";
import { areaNameHtml } from "@/components/area-name";
import { Markup } from "@/components/markup";
import { noDataPattern } from "./patterns";
import { memoMarkup } from "./markup-memo";
import { ScrollBox } from "@/components/scroll-box";

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
  const inputs: MapInputs = { f, locale, level, measure, sector, week, id };
  const values = rows.map((r) => measureOf(r, inputs)).filter((v): v is number => v !== null);
  const scale = measure === "gap" ? gapScale() : countScale(values);
  const show = (v: number | null) => showValue(v, inputs);
  const { measureText, levelText } = mapTexts(rows, inputs);
  const drawn = new Set(mapShapes(level).map((s) => s.pcode));
  const missing = rows.filter((r) => !drawn.has(r.area.pcode));
  const classes = scale.colours.map((colour, i) => {
    const from = i === 0 ? 0 : scale.breaks[i - 1]!;
    const to = scale.breaks[i];
    return { colour, text: to === undefined ? t("map.rangeTop", { from: show(from) }) : t("map.range", { from: show(from), to: show(to) }) };
  });
  const noData = `${id}-nodata`;
  // Drawn once per figures and reader (markup-memo.ts).
  const markup = memoMarkup(rows, inputs, mapHtml);
  return (
    <figure className="grid gap-3" data-testid={`${id}`}>
      {/* The drawing as markup (lib/safe-html.ts): shapes are links, so the SVG is a labelled group, not an image. */}
      <Markup className="w-full max-w-2xl [&>svg]:h-auto [&>svg]:w-full" html={markup.svg} />
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
          <Markup as="li" className="flex items-center gap-2" html={noDataKeyHtml(`${noData}-key`, t("map.noData"))} />
        </ul>
        {missing.length ? <p className="text-xs text-slate-600">{t("map.missingShapes", { names: missing.map((r) => name(r.area)).join(locale === "ar" ? "، " : ", ") })}</p> : null}
        <p className="text-xs text-slate-600">{t("map.attribution")}</p>
      </figcaption>
      <details>
        <summary className="cursor-pointer text-sm" id={`${id}-table-label`}>
          {t("map.table")}
        </summary>
        <ScrollBox className="mt-2" labelledBy={`${id}-table-label`}>
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
            <Markup as="tbody" html={markup.tableRows} />
          </table>
        </ScrollBox>
      </details>
    </figure>
  );
}

type MapInputs = { f: Formatters; locale: string; level: 1 | 2; measure: MapMeasure; sector: string; week: string; id: string };

/** The value of the chosen measure for one area, and how it is written. */
function measureOf(r: Row, { measure, sector }: Pick<MapInputs, "measure" | "sector">): number | null {
  return measure === "gap" ? (r.sectors.find((s) => s.code === sector)?.gapPct ?? null) : r.basis === "none" ? null : r.newlyDisplacedFamilies;
}

function showValue(v: number | null, { f, measure }: Pick<MapInputs, "f" | "measure">): string {
  return v === null ? f.t("map.noData") : measure === "gap" ? f.pct(v) : f.n(v);
}

/** The drawing and the values table's body (one row per area, text only), as markup. */
function mapHtml(rows: Row[], inputs: MapInputs): { svg: SafeHtml; tableRows: SafeHtml } {
  const { f, locale, level, measure, id } = inputs;
  const t = f.t;
  const name = (a: { nameEn: string; nameAr: string }) => (locale === "ar" ? a.nameAr : a.nameEn);
  const byPcode = new Map(rows.map((r) => [r.area.pcode, r]));
  const values = rows.map((r) => measureOf(r, inputs)).filter((v): v is number => v !== null);
  const scale = measure === "gap" ? gapScale() : countScale(values);
  const { measureText, levelText } = mapTexts(rows, inputs);
  const noData = `${id}-nodata`;
  const tableRows = joinHtml(
    rows.map(
      (r) =>
        html`<tr><th scope="row" class="font-normal align-top">${areaNameHtml(r.area, locale)}</th><td>${showValue(measureOf(r, inputs), inputs)}</td><td class="text text-sm">${basisText(t, r)}</td></tr>`,
    ),
  );
  const svg = html`<svg${attrs({ viewBox: `0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`, role: "group", "aria-labelledby": `${id}-title ${id}-desc`, "data-testid": `${id}-svg` })}>${[
    html`<title id="${id}-title">${t("map.svgTitle", { level: levelText, measure: measureText, week: f.week(inputs.week) })}</title>`,
    html`<desc id="${id}-desc">${t("map.svgDesc", { measure: measureText, count: f.n(values.length) })}</desc>`,
    html`<defs>${noDataPattern(noData)}</defs><g stroke="#334155" stroke-width="0.7">`,
    mapShapes(level).map((s) => {
      const r = byPcode.get(s.pcode);
      const v = r ? measureOf(r, inputs) : null;
      // The <title> names the link for screen readers and shows as a tooltip.
      const label = `${r ? name(r.area) : s.pcode}: ${showValue(v, inputs)}`;
      const fill = v === null ? `url(#${noData})` : scale.colourOf(v);
      return html`<a${attrs({ href: getPathname({ locale, href: `/areas/${s.pcode}` }), "data-pcode": s.pcode })}><title>${label}</title><use${attrs({ href: mapShapeHref(level, s.pcode), fill })}/></a>`;
    }),
    html`</g>`,
  ]}</svg>`;
  return { svg, tableRows };
}

/** The names of the measure and the level, for the drawing's title and the legend. */
function mapTexts(rows: Row[], { f, locale, level, measure, sector }: Pick<MapInputs, "f" | "locale" | "level" | "measure" | "sector">) {
  const sectorRow = rows[0]?.sectors.find((s) => s.code === sector);
  const sectorName = sectorRow ? (locale === "ar" ? sectorRow.nameAr : sectorRow.nameEn) : sector;
  return {
    measureText: measure === "gap" ? `${f.t("map.measureGap")} (${sectorName})` : f.t("map.measureNewly"),
    levelText: level === 1 ? f.t("map.level1") : f.t("map.level2"),
  };
}

/** The legend's key for "no figure": a hatched swatch and its word. */
function noDataKeyHtml(patternId: string, text: string): SafeHtml {
  return html`<svg width="16" height="12" aria-hidden="true"><defs>${noDataPattern(patternId)}</defs><rect width="16" height="12" fill="url(#${patternId})" stroke="#334155" stroke-width="0.7"/></svg>${text}`;
}
