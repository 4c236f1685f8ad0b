import { and, asc, count, desc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "@/db/client";
import { areas, auditLog, figureImportReports, figureImports, users } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/authorize";
import { notFound } from "../errors";

/**
 * Past figures imports: an admin sees everyone's, a coordinator their own (the ones they may
 * undo). Each with who, when, the file, the counts and whether it was undone.
 */

export const IMPORTS_PAGE_SIZE = 50;

export type ImportSummary = {
  id: number;
  by: string;
  at: string;
  fileName: string;
  fileSize: number;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  undoneAt: string | null;
  undoneBy: string | null;
  /** The actor may undo it (their own, or an admin), and it is not undone yet. */
  canUndo: boolean;
};

const undoer = alias(users, "undoer");

const summaryColumns = {
  id: figureImports.id,
  userId: figureImports.userId,
  by: users.name,
  at: figureImports.createdAt,
  fileName: figureImports.fileName,
  fileSize: figureImports.fileSize,
  rows: figureImports.rows,
  created: figureImports.created,
  updated: figureImports.updated,
  unchanged: figureImports.unchanged,
  undoneAt: figureImports.undoneAt,
  undoneBy: undoer.name,
};

const toSummary = (me: Actor, r: { userId: number; undoneBy: string | null } & Omit<ImportSummary, "canUndo" | "undoneBy">): ImportSummary => {
  const { userId, ...rest } = r;
  return { ...rest, canUndo: !r.undoneAt && (me.role === "admin" || userId === me.id) };
};

export function listImports(db: Db, actor: Actor | null, opts: { page?: number } = {}): { items: ImportSummary[]; total: number; page: number; pages: number } {
  const me = requireRole(actor, "admin", "coordinator");
  const mine = me.role === "admin" ? undefined : eq(figureImports.userId, me.id);
  const total = db.select({ n: count() }).from(figureImports).where(mine).get()!.n;
  const pages = Math.max(1, Math.ceil(total / IMPORTS_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(opts.page ?? 1)), pages);
  const rows = db
    .select(summaryColumns)
    .from(figureImports)
    .innerJoin(users, eq(users.id, figureImports.userId))
    .leftJoin(undoer, eq(undoer.id, figureImports.undoneBy))
    .where(mine)
    .orderBy(desc(figureImports.id))
    .limit(IMPORTS_PAGE_SIZE)
    .offset((page - 1) * IMPORTS_PAGE_SIZE)
    .all();
  return { items: rows.map((r) => toSummary(me, r)), total, page, pages };
}

export type ImportDetail = ImportSummary & {
  /** The reports it wrote, with their areas (links to each area's page). */
  reports: { pcode: string; nameEn: string; nameAr: string; week: string; created: boolean }[];
  /** Its audit trail: the apply and, if so, the undo. */
  audit: { at: string; action: string; by: string }[];
};

export function getImport(db: Db, actor: Actor | null, id: number): ImportDetail {
  const me = requireRole(actor, "admin", "coordinator");
  const row = db
    .select(summaryColumns)
    .from(figureImports)
    .innerJoin(users, eq(users.id, figureImports.userId))
    .leftJoin(undoer, eq(undoer.id, figureImports.undoneBy))
    .where(eq(figureImports.id, id))
    .get();
  // Someone else's import is not theirs to see: answered as if it did not exist.
  if (!row || (me.role !== "admin" && row.userId !== me.id)) throw notFound("figuresImport.notFound");
  const reports = db
    .select({ pcode: areas.pcode, nameEn: areas.nameEn, nameAr: areas.nameAr, week: figureImportReports.week, versionBefore: figureImportReports.versionBefore })
    .from(figureImportReports)
    .innerJoin(areas, eq(areas.id, figureImportReports.areaId))
    .where(eq(figureImportReports.importId, id))
    .orderBy(asc(areas.pcode), asc(figureImportReports.week))
    .all()
    .map(({ versionBefore, ...r }) => ({ ...r, created: versionBefore === 0 }));
  const audit = db
    .select({ at: auditLog.at, action: auditLog.action, by: auditLog.actorLabel })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "figures_import"), inArray(auditLog.entityId, [String(id)])))
    .orderBy(asc(auditLog.id))
    .all();
  return { ...toSummary(me, row), reports, audit };
}
