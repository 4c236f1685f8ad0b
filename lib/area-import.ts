import { parse } from "csv-parse/sync";
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { areas } from "@/db/schema";
import type { Actor } from "./auth/actor";
import { requireRole } from "./auth/authorize";
import { writeAudit, type AuditActor, type Tx } from "./audit";
import { conflict, invalid, type RowError } from "./errors";
import { rebuildAllRollups } from "./figures/maintain";
import { pcode as pcodeSchema } from "./validation/areas";

/** The shape of data/syria_admin.csv: one row per area, parents before or after children. */
export const AREA_CSV_COLUMNS = ["level", "pcode", "parent_pcode", "name_en", "name_ar"] as const;
export const AREA_IMPORT_MAX_ROWS = 50_000;

export type ImportRowError = RowError;
type CsvArea = { row: number; level: number; pcode: string; parentPcode: string | null; nameEn: string; nameAr: string };

export type AreaImportPlan = {
  rows: number;
  added: { pcode: string; nameEn: string; nameAr: string; level: number; parentPcode: string | null }[];
  renamed: { pcode: string; from: { nameEn: string; nameAr: string }; to: { nameEn: string; nameAr: string } }[];
  moved: { pcode: string; fromParent: string | null; toParent: string | null }[];
  unchanged: number;
  /** Areas in the database that the file does not mention: kept, never deleted (reports point at them). */
  notInFile: number;
  /** Fingerprint of the plan; applying checks it so that what was previewed is what gets written. */
  fingerprint: string;
};

/** Parses and checks the file on its own (syntax, columns, levels, duplicates). Errors name the row (1 = header) and column. */
export function parseAreaCsv(text: string): { rows: CsvArea[]; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"), { relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 0;
    return { rows: [], errors: [{ row: line, column: "-", msg: { key: "import.csvSyntax" } }] };
  }
  const header = records[0]?.map((h) => h.toLowerCase());
  if (!header || AREA_CSV_COLUMNS.some((c, i) => header[i] !== c) || header.length !== AREA_CSV_COLUMNS.length) {
    return {
      rows: [],
      errors: [{ row: 1, column: "-", msg: { key: "import.header", values: { expected: AREA_CSV_COLUMNS.join(",") } } }],
    };
  }
  if (records.length - 1 > AREA_IMPORT_MAX_ROWS)
    return { rows: [], errors: [{ row: 1, column: "-", msg: { key: "import.tooMany", values: { max: AREA_IMPORT_MAX_ROWS } } }] };

  const rows: CsvArea[] = [];
  const seen = new Map<string, number>();
  records.slice(1).forEach((rec, i) => {
    const row = i + 2;
    if (rec.length !== AREA_CSV_COLUMNS.length) {
      errors.push({ row, column: "-", msg: { key: "import.columnCount", values: { expected: AREA_CSV_COLUMNS.length, got: rec.length } } });
      return;
    }
    const [levelText, code, parent, nameEn, nameAr] = rec as [string, string, string, string, string];
    const before = errors.length;
    const level = Number(levelText);
    if (!/^[1-4]$/.test(levelText)) errors.push({ row, column: "level", msg: { key: "import.level" } });
    const p = pcodeSchema.safeParse(code);
    if (!p.success) errors.push({ row, column: "pcode", msg: { key: "validation.pcode" } });
    else if (seen.has(p.data))
      errors.push({ row, column: "pcode", msg: { key: "import.duplicate", values: { pcode: p.data, first: seen.get(p.data)! } } });
    const parentCode = parent === "" ? null : pcodeSchema.safeParse(parent);
    if (parentCode && !parentCode.success) errors.push({ row, column: "parent_pcode", msg: { key: "validation.pcode" } });
    if (level === 1 && parentCode) errors.push({ row, column: "parent_pcode", msg: { key: "import.topHasParent" } });
    if (level > 1 && !parentCode) errors.push({ row, column: "parent_pcode", msg: { key: "import.parentMissing" } });
    if (!nameEn || nameEn.length > 200) errors.push({ row, column: "name_en", msg: { key: "import.name" } });
    if (!nameAr || nameAr.length > 200) errors.push({ row, column: "name_ar", msg: { key: "import.name" } });
    if (errors.length === before && p.success) {
      seen.set(p.data, row);
      rows.push({
        row,
        level,
        pcode: p.data,
        parentPcode: parentCode && parentCode.success ? parentCode.data : null,
        nameEn,
        nameAr,
      });
    }
  });
  if (records.length < 2) errors.push({ row: 1, column: "-", msg: { key: "import.empty" } });
  return { rows, errors };
}

type Existing = { id: number; pcode: string; nameEn: string; nameAr: string; level: number; parentId: number | null; version: number };

function computePlan(tx: Tx, text: string): { plan: AreaImportPlan; rows: CsvArea[]; existing: Map<string, Existing> } {
  const { rows, errors } = parseAreaCsv(text);
  const existingRows: Existing[] = tx
    .select({ id: areas.id, pcode: areas.pcode, nameEn: areas.nameEn, nameAr: areas.nameAr, level: areas.level, parentId: areas.parentId, version: areas.version })
    .from(areas)
    .all();
  const existing = new Map(existingRows.map((a) => [a.pcode, a]));
  const byId = new Map(existingRows.map((a) => [a.id, a]));
  const inFile = new Map(rows.map((r) => [r.pcode, r]));

  // Parents must exist (in the file or already in the database) one level up.
  for (const r of rows) {
    if (!r.parentPcode) continue;
    const parentLevel = inFile.get(r.parentPcode)?.level ?? existing.get(r.parentPcode)?.level;
    if (parentLevel === undefined)
      errors.push({ row: r.row, column: "parent_pcode", msg: { key: "validation.parentUnknown", values: { pcode: r.parentPcode } } });
    else if (parentLevel !== r.level - 1)
      errors.push({ row: r.row, column: "level", msg: { key: "import.levelVsParent", values: { parentLevel } } });
  }
  if (errors.length) {
    errors.sort((a, b) => a.row - b.row);
    throw invalid({}, { key: "import.failed", values: { count: errors.length } }).withRows(errors);
  }

  const plan: AreaImportPlan = { rows: rows.length, added: [], renamed: [], moved: [], unchanged: 0, notInFile: 0, fingerprint: "" };
  for (const r of rows) {
    const cur = existing.get(r.pcode);
    if (!cur) {
      plan.added.push({ pcode: r.pcode, nameEn: r.nameEn, nameAr: r.nameAr, level: r.level, parentPcode: r.parentPcode });
      continue;
    }
    const curParent = cur.parentId === null ? null : byId.get(cur.parentId)!.pcode;
    let same = true;
    if (cur.nameEn !== r.nameEn || cur.nameAr !== r.nameAr) {
      plan.renamed.push({ pcode: r.pcode, from: { nameEn: cur.nameEn, nameAr: cur.nameAr }, to: { nameEn: r.nameEn, nameAr: r.nameAr } });
      same = false;
    }
    if (curParent !== r.parentPcode || cur.level !== r.level) {
      plan.moved.push({ pcode: r.pcode, fromParent: curParent, toParent: r.parentPcode });
      same = false;
    }
    if (same) plan.unchanged++;
  }
  plan.notInFile = existingRows.filter((a) => !inFile.has(a.pcode)).length;
  plan.fingerprint = createHash("sha256")
    .update(JSON.stringify([plan.added, plan.renamed, plan.moved]))
    .digest("hex")
    .slice(0, 16);
  return { plan, rows, existing };
}

/** Preview: what applying this file would change. Throws AppError("invalid") with row errors; writes nothing. */
export function planAreaImport(db: Db, actor: Actor | null, text: string): AreaImportPlan {
  requireRole(actor, "admin");
  return computePlan(db, text).plan;
}

/** Applies the file all-or-nothing. `fingerprint`, when given, must match the previewed plan. */
export function applyAreaImport(db: Db, actor: Actor | null, text: string, fingerprint?: string): AreaImportPlan {
  const admin = requireRole(actor, "admin");
  return importAreas(db, admin, text, fingerprint);
}

/** Shared by the admin screen and start-up seeding (which acts as a labelled operator). */
export function importAreas(db: Db, who: AuditActor, text: string, fingerprint?: string): AreaImportPlan {
  return db.transaction(
    (tx) => {
      const { plan, rows, existing } = computePlan(tx, text);
      if (fingerprint !== undefined && fingerprint !== plan.fingerprint) throw conflict({ key: "import.changedSincePreview" });
      if (!plan.added.length && !plan.renamed.length && !plan.moved.length) return plan;

      const ids = new Map<string, number>([...existing.values()].map((a) => [a.pcode, a.id]));
      const stamp = new Date().toISOString();
      for (const a of plan.added) {
        const row = tx
          .insert(areas)
          .values({ pcode: a.pcode, nameEn: a.nameEn, nameAr: a.nameAr, level: a.level, path: "/" })
          .returning({ id: areas.id })
          .get();
        ids.set(a.pcode, row.id);
      }
      const changed = new Set([...plan.renamed.map((r) => r.pcode), ...plan.moved.map((m) => m.pcode)]);
      for (const r of rows) {
        const isNew = !existing.has(r.pcode);
        if (!isNew && !changed.has(r.pcode)) continue;
        tx.update(areas)
          .set({
            nameEn: r.nameEn,
            nameAr: r.nameAr,
            level: r.level,
            parentId: r.parentPcode ? ids.get(r.parentPcode)! : null,
            ...(isNew ? {} : { version: existing.get(r.pcode)!.version + 1, updatedAt: stamp }),
          })
          .where(eq(areas.id, ids.get(r.pcode)!))
          .run();
      }
      rebuildAreaPaths(tx);
      // Moving an area changes which sums it feeds; recomputing everything is simplest and exact.
      if (plan.moved.length) rebuildAllRollups(db);
      writeAudit(tx, who, {
        action: "area.import",
        entityType: "area",
        entityId: null,
        newValues: {
          rows: plan.rows,
          added: plan.added.length,
          renamed: plan.renamed,
          moved: plan.moved,
          addedPcodes: plan.added.map((a) => a.pcode),
        },
      });
      return plan;
    },
    { behavior: "immediate" },
  );
}

/** Recomputes every materialised path from parent links: cheap at tens of thousands of areas, and always right. */
function rebuildAreaPaths(tx: Tx): void {
  const all = tx.select({ id: areas.id, parentId: areas.parentId, path: areas.path }).from(areas).all();
  const byId = new Map(all.map((a) => [a.id, a]));
  const memo = new Map<number, string>();
  const pathOf = (id: number, depth = 0): string => {
    const hit = memo.get(id);
    if (hit) return hit;
    if (depth > 10) throw new Error("area hierarchy has a cycle");
    const a = byId.get(id)!;
    const p = (a.parentId === null ? "/" : pathOf(a.parentId, depth + 1)) + `${id}/`;
    memo.set(id, p);
    return p;
  };
  for (const a of all) {
    const p = pathOf(a.id);
    if (p !== a.path) tx.update(areas).set({ path: p }).where(eq(areas.id, a.id)).run();
  }
}

/** Larger than any national list (Syria's is under 100 KB) but small enough to hold in memory and in a form. */
export const AREA_IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** How many added / renamed / moved areas a preview lists; the counts are always complete. */
export const AREA_IMPORT_LIST_LIMIT = 100;

/** `added`, `renamed` and `moved` hold at most AREA_IMPORT_LIST_LIMIT entries; the counts are complete. */
export type AreaImportSummary = AreaImportPlan & {
  addedCount: number;
  renamedCount: number;
  movedCount: number;
};
export type AreaImportPreview = AreaImportSummary & { csv: string };

/** A plan cut down for a screen: full counts, the first few of each kind. */
export function summariseAreaImport(plan: AreaImportPlan, limit = AREA_IMPORT_LIST_LIMIT): AreaImportSummary {
  return {
    ...plan,
    added: plan.added.slice(0, limit),
    renamed: plan.renamed.slice(0, limit),
    moved: plan.moved.slice(0, limit),
    addedCount: plan.added.length,
    renamedCount: plan.renamed.length,
    movedCount: plan.moved.length,
  };
}

const MAX_MB = AREA_IMPORT_MAX_BYTES / (1024 * 1024);
const tooLarge = (field: string) =>
  invalid({ [field]: { key: "import.tooLarge", values: { max: MAX_MB } } }, { key: "import.tooLarge", values: { max: MAX_MB } });

function checkCsvSize(text: string, field: string): void {
  // Byte length, not string length: Arabic names take two bytes a letter in UTF-8.
  if (Buffer.byteLength(text, "utf8") > AREA_IMPORT_MAX_BYTES) throw tooLarge(field);
}

/** The CSV text from an upload (preferred) or the pasted text, refusing oversized or non-UTF-8 files. */
async function readAreaCsvUpload(upload: { file?: unknown; csv?: unknown }): Promise<string> {
  const file = upload.file instanceof Blob && upload.file.size > 0 ? upload.file : null;
  if (file) {
    if (file.size > AREA_IMPORT_MAX_BYTES) throw tooLarge("file");
    const bytes = await file.arrayBuffer();
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      // Usually a spreadsheet saved as Windows-1256 or UTF-16: the names would be garbled, so refuse.
      throw invalid({ file: { key: "import.notUtf8" } }, { key: "import.notUtf8" });
    }
  }
  const text = typeof upload.csv === "string" ? upload.csv : "";
  if (!text.trim()) throw invalid({ file: { key: "import.noInput" } }, { key: "import.noInput" });
  checkCsvSize(text, "csv");
  return text;
}

/** Step 1 of the admin screen: read the upload and plan it. Writes nothing; the text comes back for step 2. */
export async function previewAreaImportUpload(
  db: Db,
  actor: Actor | null,
  upload: { file?: unknown; csv?: unknown },
): Promise<AreaImportPreview> {
  requireRole(actor, "admin");
  const csv = await readAreaCsvUpload(upload);
  return { ...summariseAreaImport(planAreaImport(db, actor, csv)), csv };
}

/** Step 2: apply exactly the previewed text; refused if the database changed the plan meanwhile. */
export function applyPreviewedAreaImport(
  db: Db,
  actor: Actor | null,
  input: { csv?: unknown; fingerprint?: unknown },
): AreaImportSummary {
  requireRole(actor, "admin");
  const csv = typeof input.csv === "string" ? input.csv : "";
  if (!csv.trim()) throw invalid({ csv: { key: "import.noInput" } }, { key: "import.noInput" });
  checkCsvSize(csv, "csv");
  const fingerprint = typeof input.fingerprint === "string" ? input.fingerprint : "";
  return summariseAreaImport(applyAreaImport(db, actor, csv, fingerprint));
}
