import type { Db } from "@/db/client";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/authorize";
import { iterateReportingRate, type RateQuery, type RateRow } from "../reports/reporting-rate";
import { weekStart } from "../weeks";
import { ancestryResolver, areaColumns } from "./area-columns";
import { exportFormat, fileOf, type ExportFile } from "./file";
import type { ExportColumn, ExportTable } from "./table";
import { summaryTranslator, type Lang } from "./translate";
import type { AreaRef } from "../figures/read";
import { areas } from "@/db/schema";
import { inArray } from "drizzle-orm";

type Row = RateRow & { ancestry: AreaRef[] };

/** The reporting rate as an export table: one row per area and week, HXL-tagged like the other exports. */
export function reportingRateTable(db: Db, q: RateQuery, lang: Lang, pages: Iterable<RateRow[]>): ExportTable<Row> {
  const t = summaryTranslator(lang);
  const resolver = ancestryResolver(db);
  const col = (key: string, hxl: string, value: (r: Row) => string | number | null): ExportColumn<Row> => ({
    key,
    hxl,
    label: t(`columns.${key}.label`),
    description: t(`columns.${key}.description`),
    value,
  });
  const name = (a: AreaRef) => (lang === "ar" ? a.nameAr : a.nameEn);
  const columns: ExportColumn<Row>[] = [
    col("week", "#date+week", (r) => r.week),
    col("start", "#date+start", (r) => weekStart(r.week).toISOString().slice(0, 10)),
    ...areaColumns<Row>(q.level, lang, t, (r) => r.ancestry),
    col("rateAreaLevel", "#meta+level", (r) => r.area.level),
    col("rateReported", "#reached+units", (r) => r.reported),
    col("rateExpected", "#targeted+units", (r) => r.expected),
    col("ratePct", "#indicator+reporting+pct", (r) => r.ratePct),
    col("rateMissingCount", "#indicator+missing+num", (r) => r.missing.length),
    col("rateMissingUnits", "#loc+missing+code", (r) => r.missing.map((m) => `${m.pcode} ${name(m)}`).join("; ") || null),
    col("rateResponsible", "#contact+name", (r) =>
      r.missing.map((m) => (m.coordinators.length ? m.coordinators.map((c) => `${c.name} <${c.email}>`).join(", ") : t("rate.nobody"))).join("; ") || null,
    ),
  ];
  function* withAncestry(): Generator<Row[], void, undefined> {
    for (const page of pages) {
      const paths = new Map(
        db
          .select({ pcode: areas.pcode, path: areas.path })
          .from(areas)
          .where(inArray(areas.pcode, page.map((r) => r.area.pcode)))
          .all()
          .map((a) => [a.pcode, a.path]),
      );
      resolver.load([...paths.values()]);
      yield page.map((r) => ({ ...r, ancestry: resolver.of(paths.get(r.area.pcode)!, r.area) }));
    }
  }
  return {
    name: ["rasd-reporting-rate", q.week ?? `${q.weeks[0]}_${q.end}`, `level${q.level}`, q.area ?? ""].filter(Boolean).join("-"),
    sheetName: t("export.rateSheet"),
    definitionsSheetName: t("export.definitionsSheet"),
    definitionHeaders: [t("export.column"), t("export.hxl"), t("export.definition")],
    columns,
    notes: [t("notes.rate"), t("notes.hxl")],
    rtl: lang === "ar",
    pages: withAncestry(),
  };
}

/** The reporting rate as CSV or XLSX (admins): the query is checked before the first byte. */
export function exportReportingRate(db: Db, actor: Actor | null, raw: Record<string, unknown>, now: Date = new Date()): ExportFile {
  requireRole(actor, "admin");
  const { format, lang } = exportFormat(raw);
  const { query, pages } = iterateReportingRate(db, actor, raw, now);
  return fileOf(reportingRateTable(db, query, lang, pages), format);
}
