import { createHash } from "node:crypto";
import { and, desc, eq, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { importMappings, importUploads } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/authorize";
import { invalid, notFound } from "../errors";
import { activeSectors } from "../sectors";
import { chosenFrom, importApplyInput, importPreviewQuery, importUploadInput, type ImportPreviewQuery } from "../validation/figures-import";
import { parseInput } from "../validation/zod-messages";
import { applyImport, previewImport, type Applied, type Preview } from "./apply";
import type { Field } from "./fields";
import { recogniseColumns, type ChosenColumns } from "./mapping";
import { IMPORT_LIMITS } from "./limits";
import { readTable } from "./read-table";
import type { PlanOptions } from "./plan";

/**
 * The web page's import in three requests: an upload kept server-side (import_uploads), a
 * preview computed from it on every GET (nothing written), an apply that posts only the upload's
 * id, the preview's fingerprint and the mapping (docs/decisions/052-import-uploads-kept-in-the-database.md).
 * An upload is its uploader's alone; it is removed once applied and pruned after a day.
 */

export const UPLOAD_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Removes uploads older than a day (nobody's preview needs them any more). */
export function pruneImportUploads(db: Db, now: Date = new Date()): number {
  const before = new Date(now.getTime() - UPLOAD_LIFETIME_MS).toISOString();
  return db.delete(importUploads).where(lt(importUploads.createdAt, before)).run().changes;
}

export type UploadCreated = { id: number; status: "draft" | "submitted"; sheet: string | null };

export async function createImportUpload(db: Db, actor: Actor | null, input: { file: unknown; sheet?: unknown; status?: unknown }): Promise<UploadCreated> {
  const me = requireRole(actor, "admin", "coordinator");
  const opts = parseInput(importUploadInput, { sheet: input.sheet ?? undefined, status: input.status ?? undefined });
  const file = input.file;
  if (!(file instanceof Blob) || file.size === 0) throw invalid({ file: { key: "figuresImport.page.fileRequired" } });
  // Judged by its stated size before it is read.
  if (file.size > IMPORT_LIMITS.bytes) throw invalid({ file: { key: "figuresImport.file.tooLarge", values: { max: IMPORT_LIMITS.bytes / 1024 / 1024 } } });
  const bytes = new Uint8Array(await file.arrayBuffer());
  // A file that cannot be read is refused now, with the reader's message, and not kept.
  await readTable(bytes, { sheet: opts.sheet ?? null });
  const name = ((file as File).name || "upload").slice(0, 255);
  pruneImportUploads(db);
  const id = db
    .insert(importUploads)
    .values({ userId: me.id, fileName: name, size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex"), bytes: Buffer.from(bytes) })
    .returning({ id: importUploads.id })
    .get().id;
  return { id, status: opts.status, sheet: opts.sheet ?? null };
}

type UploadRow = { id: number; fileName: string; size: number; createdAt: string; bytes: Buffer };

/** The actor's own upload, still within its lifetime; anyone else's is "not found". */
function ownUpload(db: Db, me: Actor, id: number): UploadRow {
  const row = db
    .select({ id: importUploads.id, fileName: importUploads.fileName, size: importUploads.size, createdAt: importUploads.createdAt, bytes: importUploads.bytes, userId: importUploads.userId })
    .from(importUploads)
    .where(eq(importUploads.id, id))
    .get();
  if (!row || row.userId !== me.id || Date.parse(row.createdAt) < Date.now() - UPLOAD_LIFETIME_MS) throw notFound("figuresImport.page.uploadGone");
  return row;
}

/** A saved mapping's columns: the one asked for, else ("auto") the newest for these headers. */
function savedMapping(db: Db, signature: string, choice: number | "none" | undefined): { id: number; name: string; columns: Record<string, Field | null> } | null {
  if (choice === "none") return null;
  const q = db.select({ id: importMappings.id, name: importMappings.name, columns: importMappings.columns }).from(importMappings);
  const row = choice === undefined ? q.where(eq(importMappings.signature, signature)).orderBy(desc(importMappings.id)).limit(1).get() : q.where(eq(importMappings.id, choice)).get();
  return row ? { ...row, columns: row.columns as Record<string, Field | null> } : null;
}

export type UploadPreview = Preview & {
  upload: { id: number; fileName: string; size: number; createdAt: string };
  status: "draft" | "submitted";
  /** The columns chosen by hand that differ from what was recognised (what the apply and the links carry). */
  chosen: ChosenColumns;
  savedMappings: { id: number; name: string }[];
  savedUsed: { id: number; name: string } | null;
  /** What a column can be mapped to: every field, the wide layout's per sector. */
  fieldOptions: { field: Field; sector?: { nameEn: string; nameAr: string } }[];
};

const BASE_FIELDS: Field[] = ["pcode", "week", "newly", "repeat", "total", "individuals", "notes", "source", "status", "sector", "gap", "need"];

/** Reads the preview page's query (the mapping's columns are `c0`, `c1`, …); bad values are refused per field. */
export function readPreviewQuery(raw: Record<string, unknown>): ImportPreviewQuery {
  return { ...parseInput(importPreviewQuery, { upload: raw.upload, page: raw.page, status: raw.status, sheet: raw.sheet, saved: raw.saved }), chosen: chosenFrom(raw) };
}

export async function previewUpload(db: Db, actor: Actor | null, q: ImportPreviewQuery): Promise<UploadPreview> {
  const me = requireRole(actor, "admin", "coordinator");
  const upload = ownUpload(db, me, q.upload);
  const bytes = new Uint8Array(upload.bytes);
  const table = await readTable(bytes, { sheet: q.sheet ?? null });
  const sectors = activeSectors(db);
  const signature = recogniseColumns(table.rows.slice(0, 1), sectors).signature;
  const saved = savedMapping(db, signature, q.saved);
  // A choice equal to what is recognised anyway is no choice: the links and the apply carry only real ones.
  const auto = recogniseColumns(table.rows.slice(0, 3), sectors, { saved: saved?.columns });
  const chosen = Object.fromEntries(Object.entries(q.chosen).filter(([i, f]) => (auto.columns[Number(i)]?.field ?? null) !== f && Number(i) < auto.columns.length)) as ChosenColumns;
  const preview = await previewImport(db, me, { name: upload.fileName, bytes, table }, { chosen, saved: saved?.columns, status: q.status, sheet: q.sheet ?? null });
  const savedMappings = db.select({ id: importMappings.id, name: importMappings.name }).from(importMappings).where(eq(importMappings.signature, signature)).orderBy(desc(importMappings.id)).all();
  return {
    ...preview,
    upload: { id: upload.id, fileName: upload.fileName, size: upload.size, createdAt: upload.createdAt },
    status: q.status,
    chosen,
    savedMappings,
    savedUsed: saved ? { id: saved.id, name: saved.name } : null,
    fieldOptions: [
      ...BASE_FIELDS.map((field) => ({ field })),
      ...sectors.flatMap((s) => (["gap", "need"] as const).map((k) => ({ field: `${k}:${s.code}` as Field, sector: { nameEn: s.nameEn, nameAr: s.nameAr } }))),
    ],
  };
}

/** Applies an upload as previewed (all-or-nothing, lib/import/apply.ts) and removes it. */
export async function applyUpload(db: Db, actor: Actor | null, raw: Record<string, unknown>, progress: Pick<PlanOptions, "onProgress"> = {}): Promise<Applied> {
  const me = requireRole(actor, "admin", "coordinator");
  const input = parseInput(importApplyInput, raw);
  const chosen = chosenFrom(raw);
  const upload = ownUpload(db, me, input.upload);
  const bytes = new Uint8Array(upload.bytes);
  const table = await readTable(bytes, { sheet: input.sheet ?? null });
  const signature = recogniseColumns(table.rows.slice(0, 1), activeSectors(db)).signature;
  const saved = savedMapping(db, signature, input.saved);
  const applied = await applyImport(db, me, { name: upload.fileName, bytes, table }, {
    chosen,
    saved: saved?.columns,
    status: input.status,
    sheet: input.sheet ?? null,
    fingerprint: input.fingerprint,
    confirmWarnings: input.confirmWarnings,
    onProgress: progress.onProgress,
  });
  db.delete(importUploads).where(and(eq(importUploads.id, upload.id), eq(importUploads.userId, me.id))).run();
  return applied;
}
