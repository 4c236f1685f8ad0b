import type { Db } from "@/db/client";
import type { Actor } from "../auth/actor";
import { requireActor } from "../auth/authorize";
import { gapBasisText } from "../figures/basis-text";
import { iterateGapRows, type GapQuery, type GapRow } from "../figures/gap-ranking";
import { gapQueryOf, resolveFiguresQuery } from "../figures/query";
import type { AreaRef } from "../figures/read";
import { sectorsShownForWeeks } from "../sectors";
import { weekEnd, weekStart } from "../weeks";
import { ancestryResolver, areaColumns } from "./area-columns";
import { exportFormat, fileOf, type ExportFile } from "./file";
import type { ExportColumn, ExportTable } from "./table";
import { rollupNotes, summaryTranslator, type Lang } from "./translate";

type Row = GapRow & { ancestry: AreaRef[] };

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** The gap report as an export table: rank, where, which sector, the weighted gap and what it weighs. */
export function gapReportTable(db: Db, q: GapQuery, lang: Lang, pages: Iterable<GapRow[]>): ExportTable<Row> {
  const t = summaryTranslator(lang);
  const sector = sectorsShownForWeeks(db, q.from, q.to).find((s) => s.code === q.sector)!;
  const single = q.from === q.to;
  const resolver = ancestryResolver(db);
  const col = (key: string, hxl: string, value: (r: Row) => string | number | null, values?: Record<string, string | number>): ExportColumn<Row> => ({
    key,
    hxl,
    label: t(`columns.${key}.label`, values),
    description: t(`columns.${key}.description`, values),
    value,
  });
  const week = single ? q.to : `${q.from}/${q.to}`;
  const columns: ExportColumn<Row>[] = [
    col("rank", "#meta+rank", (r) => r.rank),
    col("week", "#date+week", () => week),
    col("start", "#date+start", () => isoDate(weekStart(q.from))),
    col("end", "#date+end", () => isoDate(weekEnd(q.to))),
    ...areaColumns<Row>(q.level, lang, t, (r) => r.ancestry),
    col("sectorCode", "#sector+code", () => sector.code),
    col("sectorName", "#sector+name", () => sector.nameEn),
    col("sectorNameAr", "#sector+name+i_ar", () => sector.nameAr),
    col("gapPct", "#indicator+gap+pct", (r) => r.gapPct),
    col("familiesInNeed", "#inneed+hh", (r) => r.familiesInNeed),
    col("unmetFamilies", "#inneed+hh+unmet", (r) => r.unmetFamilies),
    col("severity", "#severity", (r) => t(`severity.${r.severity}`), { critical: q.critical, high: q.high }),
    col("newly", "#affected+idps+hh+new", (r) => r.newlyDisplacedFamilies),
    col("weeksWithData", "#meta+weeks", (r) => r.weeksWithData),
    col("basis", "#meta+basis", (r) => gapBasisText(t, r, single)),
    col("discrepancy", "#meta+discrepancy", (r) => (r.discrepancy ? t("yes") : t("no"))),
  ];
  function* withAncestry(): Generator<Row[], void, undefined> {
    for (const page of pages) {
      resolver.load(page.map((r) => r.path));
      yield page.map((r) => ({ ...r, ancestry: resolver.of(r.path, r.area) }));
    }
  }
  return {
    name: ["rasd-gaps", week.replace("/", "_"), `level${q.level}`, q.parent ?? "", q.sector].filter(Boolean).join("-"),
    sheetName: t("export.gapSheet"),
    definitionsSheetName: t("export.definitionsSheet"),
    definitionHeaders: [t("export.column"), t("export.hxl"), t("export.definition")],
    columns,
    notes: [...rollupNotes(t), t("notes.range")],
    rtl: lang === "ar",
    pages: withAncestry(),
  };
}

/**
 * The gap report as a CSV or XLSX file (any signed-in user). The query is checked before the
 * first byte, so a bad filter is a 422, not a broken download; rows then stream page by page.
 */
export function exportGapReport(db: Db, actor: Actor | null, raw: Record<string, unknown>, pageSize = 500): ExportFile {
  requireActor(actor);
  const { format, lang } = exportFormat(raw);
  const query = gapQueryOf(resolveFiguresQuery(db, actor, { view: "gaps", raw, mode: "api" }));
  return fileOf(gapReportTable(db, query, lang, iterateGapRows(db, actor, query, pageSize)), format);
}
