import ExcelJS from "exceljs";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { importUploads } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { getImport, listImports } from "@/lib/import/history";
import { saveImportMapping } from "@/lib/import/mappings";
import { applyUpload, createImportUpload, previewUpload, pruneImportUploads, readPreviewQuery } from "@/lib/import/uploads";
import { exportImportTemplate } from "@/lib/import/template";
import { undoImport } from "@/lib/import/apply";
import { readTable } from "@/lib/import/read-table";
import { recogniseColumns } from "@/lib/import/mapping";
import { activeSectors } from "@/lib/sectors";
import { getReportEntry } from "@/lib/reports/read";
import { freshDb, makeUser } from "../factories";

/*
 * The figures import page's lib/ side (issue 12): an upload kept between preview and apply, the
 * preview as a read of the query, saved mappings offered for the same headers, the imports list
 * and an import's detail, the template.
 */

let db: Db;
let admin: Actor;
let coordinator: Actor;
let other: Actor;

const KOBO = (rows: string[]) =>
  ['"site/pcode";"week";"displacement/newly_displaced";"displacement/repeat_displaced";"displacement/total_displaced";"gaps/shelter_gap_pct";"_id";"_uuid"', ...rows].join("\r\n");
const blob = (text: string, name = "kobo.csv") => new File([new TextEncoder().encode(text)], name, { type: "text/csv" });
const query = (raw: Record<string, string>) => readPreviewQuery(raw);
const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, key: e.msg.key, fields: Object.fromEntries(Object.entries(e.fieldErrors ?? {}).map(([k, m]) => [k, m.key])) };
    throw e;
  }
  throw new Error("expected a refusal");
};

beforeAll(async () => {
  db = freshDb();
  admin = await makeUser(db, "admin");
  coordinator = await makeUser(db, "coordinator", ["SY02"]);
  other = await makeUser(db, "coordinator", ["SY02"]);
});

describe("uploads", () => {
  it("keeps a readable file for its uploader only, and refuses an unreadable one without keeping it", async () => {
    const before = db.select().from(importUploads).all().length;
    expect(await refusal(createImportUpload(db, coordinator, { file: blob("") }))).toMatchObject({ code: "invalid", fields: { file: "figuresImport.page.fileRequired" } });
    expect(await refusal(createImportUpload(db, coordinator, { file: new File([new Uint8Array([0xc7, 0xe1, 0x3b, 0x0a, 0xd1])], "cp1256.csv") }))).toMatchObject({ key: "figuresImport.file.encoding" });
    expect(db.select().from(importUploads).all()).toHaveLength(before);
    const up = await createImportUpload(db, coordinator, { file: blob(KOBO(['"SY0200";"2003-W10";"10";"0";"100";"50";"1";"u"'])), status: "submitted" });
    expect(up).toMatchObject({ status: "submitted", sheet: null });
    // Someone else's upload does not exist for them, an admin included.
    expect(await refusal(previewUpload(db, other, query({ upload: String(up.id) })))).toMatchObject({ code: "not_found", key: "figuresImport.page.uploadGone" });
    expect(await refusal(previewUpload(db, admin, query({ upload: String(up.id) })))).toMatchObject({ code: "not_found" });
  });

  it("prunes uploads older than a day", async () => {
    const up = await createImportUpload(db, coordinator, { file: blob(KOBO(['"SY0200";"2003-W10";"10";"0";"100";"50";"1";"u"'])) });
    db.update(importUploads).set({ createdAt: "2000-01-01T00:00:00.000Z" }).where(eq(importUploads.id, up.id)).run();
    expect(await refusal(previewUpload(db, coordinator, query({ upload: String(up.id) })))).toMatchObject({ code: "not_found" });
    expect(pruneImportUploads(db)).toBeGreaterThanOrEqual(1);
    expect(db.select().from(importUploads).where(eq(importUploads.id, up.id)).get()).toBeUndefined();
  });

  it("reads the preview's address leniently for the mapping and refuses a bad upload id per field", async () => {
    expect(query({ upload: "3", page: "2", c4: "gap:shelter", c6: "-", c9: "bad value!", cx: "newly" })).toMatchObject({ upload: 3, page: 2, status: "draft", chosen: { 4: "gap:shelter", 6: null } });
    expect(() => query({ upload: "x" })).toThrow(AppError);
  });
});

describe("preview, mapping, apply", () => {
  const week = "2003-W20";
  const bad = KOBO([`"SY0200";"${week}";"40";"0";"400";"60";"1";"a"`, `"SY0202";"${week}";"5";"9";"50";"70";"2";"b"`]);
  const fixed = KOBO([`"SY0200";"${week}";"40";"0";"400";"60";"1";"a"`, `"SY0202";"${week}";"9";"5";"50";"70";"2";"b"`]);

  it("previews a Kobo export, takes a chosen column, saves the mapping, offers it for the same headers, applies, lists and undoes", async () => {
    const first = await createImportUpload(db, coordinator, { file: blob(bad), status: "submitted" });
    const p1 = await previewUpload(db, coordinator, query({ upload: String(first.id), status: "submitted" }));
    expect(p1.mapping.columns[5]).toMatchObject({ header: "gaps/shelter_gap_pct", field: null });
    expect(p1.mapping.columns[6]).toMatchObject({ via: "system" });
    expect(p1.savedUsed).toBeNull();
    // A choice equal to what is recognised is dropped; the real one is kept.
    const p2 = await previewUpload(db, coordinator, query({ upload: String(first.id), status: "submitted", c5: "gap:shelter", c2: "newly" }));
    expect(p2.chosen).toEqual({ 5: "gap:shelter" });
    expect(p2.mapping.columns[5]).toMatchObject({ field: "gap:shelter", via: "chosen" });
    expect(p2.errors.map((e) => ({ row: e.row, column: e.column, key: e.msg.key }))).toEqual([{ row: 3, column: "displacement/repeat_displaced", key: "validation.repeatAboveNew" }]);
    // Nothing can be applied while a row is refused.
    expect(await refusal(applyUpload(db, coordinator, { upload: String(first.id), fingerprint: "0".repeat(32), status: "submitted", c5: "gap:shelter" }))).toMatchObject({ code: "invalid", key: "figuresImport.refused" });

    const saved = await saveImportMapping(db, coordinator, { upload: String(first.id), name: "Kobo NWS site visit v3", c5: "gap:shelter" });
    expect(await refusal(saveImportMapping(db, other, { upload: String(first.id), name: "x" }))).toMatchObject({ code: "not_found" });
    // A saved mapping is shared by every importer: audited like any other change.
    expect(db.$client.prepare("select actor_id as actor, new_values as v from audit_log where action = 'import_mapping.create' and entity_id = ?").get(String(saved.id))).toMatchObject({
      actor: coordinator.id,
      v: expect.stringContaining("Kobo NWS site visit v3"),
    });
    const own = await createImportUpload(db, other, { file: blob(bad) });
    expect(await refusal(saveImportMapping(db, other, { upload: String(own.id), name: "Kobo NWS site visit v3" }))).toMatchObject({ fields: { name: "figuresImport.page.mappingNameTaken" } });

    // The fixed file has the same headers: the saved mapping is used without being asked for.
    const second = await createImportUpload(db, coordinator, { file: blob(fixed, "kobo-fixed.csv"), status: "submitted" });
    const p3 = await previewUpload(db, coordinator, query({ upload: String(second.id), status: "submitted" }));
    expect(p3.savedUsed).toEqual(saved);
    expect(p3.savedMappings).toEqual([saved]);
    expect(p3.mapping.columns[5]).toMatchObject({ field: "gap:shelter", via: "saved" });
    expect(p3).toMatchObject({ errors: [], create: 2 });
    // "none" turns it off.
    expect((await previewUpload(db, coordinator, query({ upload: String(second.id), saved: "none" }))).mapping.columns[5]!.field).toBeNull();

    expect(await refusal(applyUpload(db, coordinator, { upload: String(second.id), fingerprint: "0".repeat(32), status: "submitted", saved: String(saved.id) }))).toMatchObject({ code: "conflict" });
    const applied = await applyUpload(db, coordinator, { upload: String(second.id), fingerprint: p3.fingerprint, status: "submitted", saved: String(saved.id) });
    expect(applied).toMatchObject({ created: 2, updated: 0 });
    // Applied: the upload is gone.
    expect(db.select().from(importUploads).where(eq(importUploads.id, second.id)).get()).toBeUndefined();
    const entry = getReportEntry(db, coordinator, { pcode: "SY0200", week });
    expect(entry.report).toMatchObject({ newlyDisplacedFamilies: 40, status: "submitted" });
    expect(entry.report!.sectors.shelter?.gapPct).toBe(60);

    // The imports list: a coordinator sees their own, an admin everyone's.
    expect(listImports(db, coordinator).items[0]).toMatchObject({ id: applied.id, fileName: "kobo-fixed.csv", created: 2, canUndo: true, undoneAt: null });
    expect(listImports(db, other).items.find((i) => i.id === applied.id)).toBeUndefined();
    expect(listImports(db, admin).items[0]).toMatchObject({ id: applied.id, canUndo: true });
    expect(await refusal(Promise.resolve().then(() => getImport(db, other, applied.id)))).toMatchObject({ code: "not_found" });
    const detail = getImport(db, coordinator, applied.id);
    expect(detail.reports.map((r) => [r.pcode, r.week, r.created])).toEqual([
      ["SY0200", week, true],
      ["SY0202", week, true],
    ]);
    expect(detail.audit.map((a) => a.action)).toEqual(["figures_import.apply"]);

    undoImport(db, coordinator, applied.id);
    expect(getReportEntry(db, coordinator, { pcode: "SY0200", week }).report).toBeNull();
    const after = getImport(db, admin, applied.id);
    expect(after).toMatchObject({ canUndo: false });
    expect(after.undoneAt).not.toBeNull();
    expect(after.audit.map((a) => a.action)).toEqual(["figures_import.apply", "figures_import.undo"]);
  });
});

describe("the template", () => {
  it("is a CSV with headers in the reader's language and the HXL row, for every active sector, which the import recognises", async () => {
    const sectors = activeSectors(db);
    for (const lang of ["en", "ar"] as const) {
      const text = await new Response(exportImportTemplate(db, admin, { format: "csv", lang }).stream).text();
      const table = await readTable(new TextEncoder().encode(text));
      expect(table.rows).toHaveLength(2);
      for (const s of sectors) expect(table.rows[1]).toContain(`#indicator+gap+pct+${s.code}`);
      expect(table.rows[0]![0]).toBe(lang === "en" ? "P-code" : table.rows[0]![0]);
      const mapping = recogniseColumns(table.rows, sectors);
      expect(mapping.columns.every((c) => c.field !== null)).toBe(true);
      expect(mapping.columns.every((c) => c.via === "hxl")).toBe(true);
      // Without the HXL row, the headers alone are recognised too.
      expect(recogniseColumns([table.rows[0]!], sectors).columns.every((c) => c.field !== null)).toBe(true);
    }
  });

  it("is an XLSX with a second sheet explaining every column", async () => {
    const bytes = new Uint8Array(await new Response(exportImportTemplate(db, coordinator, { format: "xlsx", lang: "ar" }).stream).arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(wb.worksheets).toHaveLength(2);
    const columns = wb.worksheets[0]!.getRow(1).cellCount;
    const defs = wb.worksheets[1]!;
    // The header, then one row per column, each with a definition.
    for (let r = 2; r <= columns + 1; r++) expect(String(defs.getRow(r).getCell(3).value ?? "")).not.toBe("");
    expect(await refusal(Promise.resolve().then(() => exportImportTemplate(db, admin, { format: "pdf" })))).toMatchObject({ code: "invalid" });
  });
});
