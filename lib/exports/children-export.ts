import type { Db } from "@/db/client";
import type { Actor } from "../auth/actor";
import { requireActor } from "../auth/authorize";
import { invalid } from "../errors";
import { getAreaBreadcrumb } from "../areas";
import { basisText } from "../figures/basis-text";
import { resolveFiguresQuery } from "../figures/query";
import { iterateChildWeekSummaries, type AreaRef, type WeekFigures } from "../figures/read";
import { sectorsShownForWeeks } from "../sectors";
import { weekStart } from "../weeks";
import { areaColumns } from "./area-columns";
import { exportFormat, fileOf, type ExportFile } from "./file";
import type { ExportColumn, ExportTable } from "./table";
import { rollupNotes, summaryTranslator, type Lang } from "./translate";

type Row = WeekFigures & { area: AreaRef };

/**
 * An area's table (its sub-areas' figures for one week) as an export table: one row per
 * sub-area, the counts, and per sector the weighted gap, the families it weighs and the unmet.
 */
export function childTable(db: Db, trail: AreaRef[], week: string, lang: Lang, pages: Iterable<Row[]>): ExportTable<Row> {
  const t = summaryTranslator(lang);
  const parent = trail.at(-1)!;
  const col = (key: string, hxl: string, value: (r: Row) => string | number | null, values?: Record<string, string | number>): ExportColumn<Row> => ({
    key,
    hxl,
    label: t(`columns.${key}.label`, values),
    description: t(`columns.${key}.description`, values),
    value,
  });
  const sectorColumns = sectorsShownForWeeks(db, week).flatMap((s) => {
    const sector = lang === "ar" ? s.nameAr : s.nameEn;
    const of = (r: Row) => r.sectors.find((x) => x.code === s.code);
    // No figure for the area or the sector: blank cells, not zeros, so "not reported" never reads as "no gap".
    return [
      col("sectorGapPct", `#indicator+gap+pct+${s.hxl}`, (r) => of(r)?.gapPct ?? null, { sector }),
      col("sectorInNeed", `#inneed+hh+${s.hxl}`, (r) => of(r)?.familiesInNeed ?? null, { sector }),
      col("sectorUnmet", `#inneed+hh+unmet+${s.hxl}`, (r) => of(r)?.unmetFamilies ?? null, { sector }),
    ];
  });
  const columns: ExportColumn<Row>[] = [
    col("week", "#date+week", () => week),
    col("start", "#date+start", () => weekStart(week).toISOString().slice(0, 10)),
    ...areaColumns<Row>(parent.level + 1, lang, t, (r) => [...trail, r.area]),
    col("basis", "#meta+basis", (r) => basisText(t, r)),
    col("childrenCount", "#meta+subareas", (r) => (r.basis === "none" ? null : r.childrenCount)),
    col("newly", "#affected+idps+hh+new", (r) => r.newlyDisplacedFamilies),
    col("repeat", "#affected+idps+hh+repeat", (r) => r.repeatDisplacedFamilies),
    col("total", "#affected+idps+hh+total", (r) => r.totalDisplacedFamilies),
    col("totalCarried", "#affected+idps+hh+total+carried", (r) => r.carried?.families ?? null),
    col("carriedSince", "#date+week+carried", (r) => r.carried?.since ?? null),
    col("individuals", "#affected+idps+ind", (r) => r.individuals),
    ...sectorColumns,
    col("discrepancy", "#meta+discrepancy", (r) => (r.discrepancy ? t("yes") : t("no"))),
  ];
  return {
    name: `rasd-${parent.pcode}-${week}`,
    sheetName: t("export.childSheet"),
    definitionsSheetName: t("export.definitionsSheet"),
    definitionHeaders: [t("export.column"), t("export.hxl"), t("export.definition")],
    columns,
    notes: rollupNotes(t),
    rtl: lang === "ar",
    pages,
  };
}

/**
 * The sub-areas of an area with their figures for a week, as CSV or XLSX (any signed-in user).
 * Unknown area: 404; bad week or format: 422, before the first byte.
 */
export function exportChildTable(db: Db, actor: Actor | null, pcode: string, raw: Record<string, unknown>, pageSize = 500): ExportFile {
  requireActor(actor);
  const { format, lang } = exportFormat(raw);
  const { week } = resolveFiguresQuery(db, actor, { view: "area", raw, pcode, mode: "api" });
  const trail = getAreaBreadcrumb(db, actor, pcode).map(({ pcode: p, nameEn, nameAr, level }) => ({ pcode: p, nameEn, nameAr, level }));
  if (trail.at(-1)!.level >= 4) throw invalid({ pcode: { key: "summary.validation.noSubAreas" } });
  return fileOf(childTable(db, trail, week, lang, iterateChildWeekSummaries(db, actor, pcode, week, pageSize)), format);
}
