import type { Db } from "@/db/client";
import type { Actor } from "../auth/actor";
import { requireActor } from "../auth/authorize";
import { invalid } from "../errors";
import { iterateGapRows, type GapQuery, type GapRow } from "../rollup/gaps";
import { activeSectors, type AreaRef } from "../rollup/read";
import { gapBasisText } from "../summary/basis-text";
import { resolveGapQuery } from "../summary/gap-query";
import { exportOptions, parseQuery } from "../validation/summary";
import { weekEnd, weekStart } from "../weeks";
import { ancestryResolver, areaColumns } from "./area-columns";
import { CSV_TYPE, csvStream, XLSX_TYPE, xlsxStream, type ExportColumn, type ExportTable } from "./table";
import { summaryTranslator, type Lang, type Translate } from "./translate";

export type ExportFile = { kind: "file"; filename: string; contentType: string; stream: ReadableStream<Uint8Array> };
type Row = GapRow & { ancestry: AreaRef[] };

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** The rollup rule, stated once for every export's definitions sheet. */
export function rollupNotes(t: Translate): string[] {
  return [t("notes.title"), t("notes.rollup"), t("notes.weighted"), t("notes.unmet"), t("notes.drafts"), t("notes.weeks"), t("notes.hxl")];
}

/** The gap report as an export table: rank, where, which sector, the weighted gap and what it weighs. */
export function gapReportTable(db: Db, q: GapQuery, lang: Lang, pages: Iterable<GapRow[]>): ExportTable<Row> {
  const t = summaryTranslator(lang);
  const sector = activeSectors(db).find((s) => s.code === q.sector)!;
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

export function fileOf<Row>(table: ExportTable<Row>, format: "csv" | "xlsx"): ExportFile {
  return format === "csv"
    ? { kind: "file", filename: `${table.name}.csv`, contentType: CSV_TYPE, stream: csvStream(table) }
    : { kind: "file", filename: `${table.name}.xlsx`, contentType: XLSX_TYPE, stream: xlsxStream(table) };
}

/** Reads `format` (csv, xlsx) and `lang` (en, ar: the headers' language); a bad value is a 422. */
export function exportFormat(raw: Record<string, unknown>): { format: "csv" | "xlsx"; lang: Lang } {
  const { values, errors } = parseQuery(exportOptions, raw);
  if (Object.keys(errors).length) throw invalid(errors);
  return { format: values.format!, lang: values.lang! };
}

/**
 * The gap report as a CSV or XLSX file (any signed-in user). The query is checked before the
 * first byte, so a bad filter is a 422, not a broken download; rows then stream page by page.
 */
export function exportGapReport(db: Db, actor: Actor | null, raw: Record<string, unknown>, pageSize = 500): ExportFile {
  requireActor(actor);
  const { format, lang } = exportFormat(raw);
  const { query } = resolveGapQuery(db, actor, raw, true);
  return fileOf(gapReportTable(db, query, lang, iterateGapRows(db, actor, query, pageSize)), format);
}
