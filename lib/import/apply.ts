import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { figureImportReports, figureImports, reportRevisions, reportSectorGaps, sectors, weeklyReports } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/authorize";
import { writeAudit, type Tx } from "../audit";
import { AppError, conflict, forbidden, invalid, notFound } from "../errors";
import { findAreaByPcode } from "../areas";
import { recomputeRollups, recomputeRollupsOf } from "../figures/maintain";
import { pctToTenths, readReports, toSnapshot, type ReportSnapshot } from "../reports/model";
import { bumpReport, recordReportChange } from "../reports/record";
import { saveReportInTx } from "../reports/save";
import { planFromTable, type ImportPlan, type PlanOptions, type PlannedWrite } from "./plan";
import { collectBetweenPhases, collectBetweenSlices } from "./collect";
import { readTable, type Table } from "./read-table";
import { run } from "../statements";
import { importTransaction, PAUSE_EVERY } from "./transaction";

/**
 * Preview, apply and undo of a figures import. Apply is all-or-nothing: one immediate
 * transaction computes the plan again (so it sees the versions as they are) and saves every
 * report through the form's own save path (revision, audit, rollups), plus one audit row for
 * the import. Any refused row, unconfirmed warning or report changed since the preview, and
 * nothing is written.
 */

export type ImportFile = {
  name: string;
  bytes: Uint8Array;
  /** These bytes already read (readTable, same sheet) by a caller that looked at their headers first; the plan consumes its rows. */
  table?: Table;
};
export type ImportOptions = PlanOptions & { sheet?: string | null };
export type Preview = ImportPlan & { file: { name: string; size: number; sha256: string }; sheets: string[]; sheet: string | null };

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

export async function previewImport(db: Db, actor: Actor | null, file: ImportFile, opts: ImportOptions = {}): Promise<Preview> {
  requireRole(actor, "admin", "coordinator");
  const table = file.table ?? (await readTable(file.bytes, { sheet: opts.sheet }));
  const { plan } = await importTransaction(db, "preview", (tx, pause) => planFromTable(tx, actor, table, opts, pause));
  return { ...plan, file: { name: file.name, size: file.bytes.length, sha256: sha256(file.bytes) }, sheets: table.sheets, sheet: table.sheet };
}

/** A refused import: every row error, as a 422 the pages and the API show row by row. */
const refused = (plan: ImportPlan) => invalid({}, { key: "figuresImport.refused", values: { count: plan.errors.length } }).withRows(plan.errors);

export type Applied = { id: number; created: number; updated: number; unchanged: number; rows: number };

export async function applyImport(
  db: Db,
  actor: Actor | null,
  file: ImportFile,
  opts: ImportOptions & {
    /** The plan's fingerprint from the preview: apply refuses if any report changed since. */
    fingerprint?: string;
    /** The importer has seen the plausibility warnings (as the entry form asks). */
    confirmWarnings?: boolean;
    /** For tests: fails after this many reports were written, to prove the rollback. */
    failAfter?: number;
  } = {},
): Promise<Applied> {
  const me = requireRole(actor, "admin", "coordinator");
  let table: Table | null = file.table ?? (await readTable(file.bytes, { sheet: opts.sheet }));
  return importTransaction(db, "apply", async (tx, pause): Promise<Applied> => {
    const { plan, writes } = await planFromTable(tx, me, table!, opts, pause);
    // The file's cells are not needed once planned: a 50,000-row file's are megabytes the collector can have back during the saves.
    table = null;
    collectBetweenPhases(plan.rows);
    if (plan.errors.length) throw refused(plan);
    if (opts.fingerprint && opts.fingerprint !== plan.fingerprint) throw conflict({ key: "figuresImport.changedSincePreview" });
    if (!opts.confirmWarnings && plan.items.some((i) => i.warnings.length))
      throw invalid({ confirmWarnings: { key: "validation.confirmWarnings" } }, { key: "figuresImport.confirmWarnings", values: { count: plan.items.filter((i) => i.warnings.length).length } });
    const mapping = Object.fromEntries(plan.mapping.columns.map((c) => [c.header || `#${c.index + 1}`, c.field]));
    const id = tx
      .insert(figureImports)
      .values({ userId: me.id, fileName: file.name.slice(0, 255), fileSize: file.bytes.length, sha256: sha256(file.bytes), rows: plan.rows, created: plan.create, updated: plan.update, unchanged: plan.unchanged, mapping })
      .returning({ id: figureImports.id })
      .get().id;
    const changed: { areaId: number; week: string }[] = [];
    const deferRollups = (areaId: number, week: string) => changed.push({ areaId, week });
    const total = writes.length;
    const pending: (PlannedWrite | null)[] = writes;
    for (let n = 0; n < total; n++) {
      const w = pending[n]!;
      // Dropped once saved (its figures are in the database now), so what the saves keep alive shrinks as they go.
      pending[n] = null;
      if (n % 250 === 0) opts.onProgress?.("write", n, total);
      if (n % PAUSE_EVERY === 0) await pause();
      collectBetweenSlices(n);
      if (opts.failAfter !== undefined && n === opts.failAfter) throw new Error("failAfter: a failure injected by a test");
      const saved = saveReportInTx(tx, me, w.area, w.item.week, { ...w.data, version: w.item.version }, { deferRollups, warnings: w.item.warnings });
      run(
        tx,
        "insert into figure_import_reports (import_id, report_id, area_id, week, version_before, version_after) values (?, ?, ?, ?, ?, ?)",
        id,
        saved.reportId,
        w.area.id,
        w.item.week,
        w.item.version,
        saved.report.version,
      );
    }
    collectBetweenPhases(total);
    recomputeRollupsOf(tx, changed);
    opts.onProgress?.("write", total, total);
    writeAudit(tx, me, {
      action: "figures_import.apply",
      entityType: "figures_import",
      entityId: id,
      newValues: { file: file.name, size: file.bytes.length, sha256: sha256(file.bytes), rows: plan.rows, created: plan.create, updated: plan.update, unchanged: plan.unchanged, mapping },
    });
    return { id, created: plan.create, updated: plan.update, unchanged: plan.unchanged, rows: plan.rows };
  });
}

/**
 * Undoes an import while none of its reports has changed since (all-or-nothing): a report it
 * changed returns to its previous revision's figures (a new version, recorded as such); a report
 * it created is removed (its history stays in the audit log). The importer or an admin.
 */
export function undoImport(db: Db, actor: Actor | null, importId: number): { restored: number; removed: number } {
  const me = requireRole(actor, "admin", "coordinator");
  return db.transaction(
    (tx) => {
      const imp = tx.select().from(figureImports).where(eq(figureImports.id, importId)).get();
      if (!imp) throw notFound("figuresImport.notFound");
      if (me.role !== "admin" && imp.userId !== me.id) throw forbidden();
      if (imp.undoneAt) throw conflict({ key: "figuresImport.alreadyUndone" });
      const items = tx.select().from(figureImportReports).where(eq(figureImportReports.importId, importId)).all();
      const changed = items.flatMap((i) => {
        const now = tx.select({ version: weeklyReports.version }).from(weeklyReports).where(eq(weeklyReports.id, i.reportId)).get();
        return now?.version === i.versionAfter ? [] : [i];
      });
      if (changed.length) throw conflict({ key: "figuresImport.changedSinceImport", values: { count: changed.length } });
      const at = new Date().toISOString();
      let restored = 0;
      let removed = 0;
      for (const i of items) {
        const current = readReports(tx, i.week, { areaId: i.areaId })[0]!;
        const area = findAreaByPcode(tx, current.pcode);
        if (i.versionBefore === 0) {
          tx.delete(reportSectorGaps).where(eq(reportSectorGaps.reportId, i.reportId)).run();
          tx.delete(reportRevisions).where(eq(reportRevisions.reportId, i.reportId)).run();
          tx.delete(weeklyReports).where(eq(weeklyReports.id, i.reportId)).run();
          recomputeRollups(tx, i.areaId, i.week);
          writeAudit(tx, me, { action: "report.delete", entityType: "report", entityId: i.reportId, oldValues: toSnapshot(current), newValues: { undoneImport: importId } });
          removed++;
          continue;
        }
        const previous = tx
          .select({ snapshot: reportRevisions.snapshot })
          .from(reportRevisions)
          .where(and(eq(reportRevisions.reportId, i.reportId), eq(reportRevisions.version, i.versionBefore)))
          .get()?.snapshot as ReportSnapshot | undefined;
        if (!previous) throw new AppError("conflict", { key: "figuresImport.noPreviousRevision" });
        restoreSnapshot(tx, i.reportId, current.version, previous, me.id, at);
        recordReportChange(tx, me, { area, week: i.week, reportId: i.reportId, action: "update", before: toSnapshot(current), reason: `undo import ${importId}`, at });
        restored++;
      }
      tx.update(figureImports).set({ undoneAt: at, undoneBy: me.id }).where(eq(figureImports.id, importId)).run();
      writeAudit(tx, me, { action: "figures_import.undo", entityType: "figures_import", entityId: importId, newValues: { restored, removed } });
      return { restored, removed };
    },
    { behavior: "immediate" },
  );
}

/** Writes a revision's figures back onto the report, as a new version. */
function restoreSnapshot(tx: Tx, reportId: number, version: number, s: ReportSnapshot, by: number, at: string): void {
  bumpReport(tx, reportId, version, {
    newlyDisplacedFamilies: s.newlyDisplacedFamilies,
    repeatDisplacedFamilies: s.repeatDisplacedFamilies,
    totalDisplacedFamilies: s.totalDisplacedFamilies,
    individuals: s.individuals,
    notes: s.notes,
    source: s.source,
    status: s.status,
    updatedBy: by,
    updatedAt: at,
  });
  tx.delete(reportSectorGaps).where(eq(reportSectorGaps.reportId, reportId)).run();
  const sectorIds = new Map(tx.select({ id: sectors.id, code: sectors.code }).from(sectors).all().map((x) => [x.code, x.id]));
  const gaps = Object.entries(s.sectors).flatMap(([code, g]) =>
    sectorIds.has(code) ? [{ reportId, sectorId: sectorIds.get(code)!, gapTenths: pctToTenths(g.gapPct), familiesInNeed: g.familiesInNeed }] : [],
  );
  if (gaps.length) tx.insert(reportSectorGaps).values(gaps).run();
}
