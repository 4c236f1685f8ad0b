import fs from "node:fs";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { getAreaWeekSummary } from "@/lib/figures/read";
import { applyImport, previewImport, undoImport } from "@/lib/import/apply";
import { readTable } from "@/lib/import/read-table";
import { approveReport } from "@/lib/reports/approval";
import { getReportEntry } from "@/lib/reports/read";
import { saveWeeklyReport } from "@/lib/reports/save";
import { freshDb, makeUser } from "../factories";

/*
 * Bulk import of weekly figures (issue 12), through lib/ with a real SQLite file: files as they
 * come (Rasd's own HXL layout, KoboToolbox exports, spreadsheets in Arabic), every refused row
 * named by row and column, all-or-nothing apply, and undo.
 */

let db: Db;
let admin: Actor;
let coordinator: Actor;
let viewer: Actor;
const file = (text: string, name = "figures.csv") => ({ name, bytes: new TextEncoder().encode(text) });
const rowErrors = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, msg: e.msg.key, rows: (e.rowErrors ?? []).map((r) => ({ row: r.row, column: r.column, key: r.msg.key })) };
    throw e;
  }
  throw new Error("expected a refusal");
};
/** Every table's rows, as a fingerprint of the whole database. */
const everything = () =>
  (db.$client.prepare("select name from sqlite_master where type = 'table' order by name").pluck().all() as string[])
    .map((t) => `${t}:${JSON.stringify(db.$client.prepare(`select * from "${t}"`).all())}`)
    .join("\n");

beforeAll(async () => {
  db = freshDb();
  admin = await makeUser(db, "admin");
  coordinator = await makeUser(db, "coordinator", ["SY02"]);
  viewer = await makeUser(db, "viewer");
});

const HXL_CSV = [
  "Week,District P-code,Newly displaced families,Of which displaced more than once,Total displaced families,Food security gap (%),Shelter gap (%)",
  "#date+week,#adm2+code,#affected+idps+hh+new,#affected+idps+hh+repeat,#affected+idps+hh+total,#indicator+gap+pct+food_security,#indicator+gap+pct+shelter",
  "2019-W04,SY0200,6077,6077,11000,91,93",
  "2019-W04,SY0208,850,610,7500,62%,80",
].join("\r\n");

describe("reading files", () => {
  it("recognises Rasd's HXL layout and previews without writing anything", async () => {
    const before = everything();
    const p = await previewImport(db, coordinator, file(HXL_CSV));
    expect(p).toMatchObject({ rows: 2, create: 2, update: 0, unchanged: 0, errors: [] });
    expect(p.mapping.hxlRow).toBe(true);
    expect(p.mapping.columns.map((c) => c.field)).toEqual(["week", "pcode", "newly", "repeat", "total", "gap:food_security", "gap:shelter"]);
    expect(p.mapping.columns.every((c) => c.via === "hxl")).toBe(true);
    expect(everything()).toBe(before);
  });

  it("reads a KoboToolbox export as it comes: ';', every field quoted, group paths, system columns, dates, Arabic-Indic digits, '٫' and '%'", async () => {
    const kobo = [
      '"start";"end";"site/pcode";"site/visit_date";"displacement/newly_displaced";"displacement/repeat_displaced";"displacement/total_displaced";"gaps/food_security_gap";"_id";"_uuid";"_submission_time";"_validation_status";"_index"',
      '"2019-02-01T09:00:00.000+03:00";"2019-02-01T09:20:00.000+03:00";"SY0203";"2019-01-23";"١٬٢٠٠";"٣٠٠";"٥٠٠٠";"٦٢٫٥ ٪";"101";"a-b";"2019-02-01";"";"1"',
    ].join("\n");
    const p = await previewImport(db, coordinator, file(kobo, "kobo.csv"), { chosen: { 7: "gap:food_security" } });
    expect(p.errors).toEqual([]);
    expect(p.items).toMatchObject([{ pcode: "SY0203", week: "2019-W04", action: "create" }]);
    const ignored = p.mapping.columns.filter((c) => c.via === "system").map((c) => c.header);
    expect(ignored).toEqual(expect.arrayContaining(["end", "_id", "_uuid", "_submission_time", "_validation_status", "_index"]));
    await applyImport(db, coordinator, file(kobo, "kobo.csv"), { chosen: { 7: "gap:food_security" } });
    const r = getReportEntry(db, coordinator, { pcode: "SY0203", week: "2019-W04" }).report!;
    expect(r).toMatchObject({ newlyDisplacedFamilies: 1200, repeatDisplacedFamilies: 300, totalDisplacedFamilies: 5000, sectors: { food_security: { gapPct: 62.5 } } });
  });

  it("reads the template's Arabic headers and a long layout with Arabic sector names", async () => {
    const long = [
      "الرمز (P-code),الأسبوع,العائلات النازحة حديثاً,منها عائلات تكرّر نزوحها,إجمالي العائلات النازحة,القطاع,الفجوة (%)",
      "SY0204,2019-W05,400,100,3000,الأمن الغذائي,70",
      "SY0204,2019-W05,400,100,3000,المأوى,55",
    ].join("\n");
    const p = await previewImport(db, coordinator, file(long));
    expect(p.mapping.layout).toBe("long");
    expect(p).toMatchObject({ create: 1, errors: [] });
  });

  it("reads the first sheet of an XLSX, formulas as text (never evaluated)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Week 6");
    ws.addRow(["P-code", "Week", "Newly displaced families", "Of which displaced more than once", "Total displaced families"]);
    ws.addRow(["SY0205", "2019-W06", 10, 0, 100]);
    ws.addRow(["SY0206", "2019-W06", { formula: "HYPERLINK(\"http://example.org\",5)" }, 0, 50]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const refused = await rowErrors(applyImport(db, coordinator, { name: "f.xlsx", bytes }));
    expect(refused.rows).toEqual([{ row: 3, column: "Newly displaced families", key: "figuresImport.row.formula" }]);
    expect((await readTable(bytes)).sheets).toEqual(["Week 6"]);
  });

  it("refuses, with a message, files that cannot be read: another encoding, binary, empty, header only, too wide, a zip bomb", async () => {
    // "حلب" in Windows-1256, as an Arabic Excel saves "CSV".
    const cp1256 = new Uint8Array([...new TextEncoder().encode("pcode,week,name\nSY02,2019-W04,"), 0xcd, 0xe1, 0xc8, 0x0a]);
    expect(await rowErrors(previewImport(db, coordinator, { name: "a.csv", bytes: cp1256 }))).toMatchObject({ msg: "figuresImport.file.encoding" });
    expect(await rowErrors(previewImport(db, coordinator, { name: "a.csv", bytes: new Uint8Array([1, 2, 3, 0, 255]) }))).toMatchObject({ msg: "figuresImport.file.encoding" });
    expect(await rowErrors(previewImport(db, coordinator, file("a,b\n\u0001\u0002,c")))).toMatchObject({ msg: "figuresImport.file.binary" });
    expect(await rowErrors(previewImport(db, coordinator, file("")))).toMatchObject({ msg: "figuresImport.file.empty" });
    const headerOnly = await previewImport(db, coordinator, file("P-code,Week,Newly displaced families,Of which displaced more than once,Total displaced families\n"));
    expect(headerOnly.errors.map((e) => e.msg.key)).toEqual(["figuresImport.file.noRows"]);
    expect(await rowErrors(previewImport(db, coordinator, file(Array.from({ length: 2000 }, (_, i) => `c${i}`).join(","))))).toMatchObject({ msg: "figuresImport.file.tooManyColumns" });
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...HXL_CSV].map((c) => c.charCodeAt(0))).buffer)]);
    expect(await previewImport(db, coordinator, { name: "u16.csv", bytes: utf16 })).toMatchObject({ create: 2, errors: [] });
  });
});

const HEAD = "P-code,Week,Newly displaced families,Of which displaced more than once,Total displaced families,Food security gap (%)";

describe("refused rows", () => {
  it("names every refused row by spreadsheet row and column, in one pass, and writes nothing", async () => {
    saveWeeklyReport(db, admin, { pcode: "SY0207", week: "2019-W10", input: { newlyDisplacedFamilies: 1, repeatDisplacedFamilies: 0, totalDisplacedFamilies: 1, status: "submitted", version: 0 } });
    approveReport(db, admin, { pcode: "SY0207", week: "2019-W10", version: 1 });
    const csv = [
      HEAD,
      "SY0200,2019-W10,100,10,1000,50", // 2: fine
      "SY9999,2019-W10,100,10,1000,50", // 3: unknown P-code
      "SY0208,2019-W99,100,10,1000,50", // 4: not a week
      "SY0202,2019-W10,100,200,1000,50", // 5: repeat above newly
      "SY0203,2019-W10,100,10,1000,150", // 6: gap above 100
      "SY0703,2019-W10,100,10,1000,50", // 7: Harim is not the coordinator's
      "SY0207,2019-W10,100,10,1000,50", // 8: approved
      "SY0200,2019-W10,100,10,1000,50", // 9: same area and week as row 2
      "SY0204,2019-W10,many,10,1000,50", // 10: a word in a number column
    ].join("\n");
    const before = everything();
    const refused = await rowErrors(applyImport(db, coordinator, file(csv)));
    expect(refused.code).toBe("invalid");
    expect(refused.rows).toEqual([
      { row: 3, column: "P-code", key: "figuresImport.row.unknownPcode" },
      { row: 4, column: "Week", key: "figuresImport.row.badWeek" },
      { row: 5, column: "Of which displaced more than once", key: "validation.repeatAboveNew" },
      { row: 6, column: "Food security gap (%)", key: "validation.tooBig" },
      { row: 7, column: "P-code", key: "figuresImport.row.notYourArea" },
      { row: 8, column: "P-code", key: "figuresImport.row.locked" },
      { row: 9, column: "P-code", key: "figuresImport.row.duplicate" },
      { row: 10, column: "Newly displaced families", key: "validation.number" },
    ]);
    expect(everything()).toBe(before);
    // A viewer cannot import at all.
    expect(await rowErrors(previewImport(db, viewer, file(csv)))).toMatchObject({ code: "forbidden" });
  });
});

describe("apply", () => {
  const week = "2019-W20";
  const csv = (newly: number, pcodes = ["SY0200", "SY0208", "SY0202"]) => [HEAD, ...pcodes.map((p) => `${p},${week},${newly},0,${newly * 10},40`)].join("\n");

  it("is all or nothing: a failure after some reports were written leaves the database byte for byte as it was", async () => {
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    const before = everything();
    const fileBefore = fs.readFileSync(db.$client.name);
    await expect(applyImport(db, coordinator, file(csv(100)), { failAfter: 2 })).rejects.toThrow("failAfter");
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    expect(everything()).toBe(before);
    expect(fs.readFileSync(db.$client.name).equals(fileBefore)).toBe(true);
  });

  it("saves through the form's path (history, audit, rollups), refuses a stale preview, and is undone exactly", async () => {
    const aleppo = () => getAreaWeekSummary(db, viewer, "SY02", week);
    const preview = await previewImport(db, coordinator, file(csv(100)), { status: "submitted" });
    const applied = await applyImport(db, coordinator, file(csv(100)), { status: "submitted", fingerprint: preview.fingerprint });
    expect(applied).toMatchObject({ created: 3, updated: 0, rows: 3 });
    expect(aleppo()).toMatchObject({ basis: "children", newlyDisplacedFamilies: 300 });
    const firstSummary = aleppo();

    // A second file changes one report; a preview made before someone else's edit is refused.
    const stale = await previewImport(db, coordinator, file(csv(120, ["SY0200"])), { status: "submitted" });
    expect(stale.items).toMatchObject([{ action: "update", version: 1, changes: expect.arrayContaining([{ field: "newlyDisplacedFamilies", from: 100, to: 120 }]) }]);
    saveWeeklyReport(db, admin, { pcode: "SY0200", week, input: { newlyDisplacedFamilies: 101, repeatDisplacedFamilies: 0, totalDisplacedFamilies: 1000, sectors: { food_security: { gapPct: 40 } }, status: "submitted", version: 1 } });
    expect(await rowErrors(applyImport(db, coordinator, file(csv(120, ["SY0200"])), { status: "submitted", fingerprint: stale.fingerprint }))).toMatchObject({ code: "conflict" });
    // A report changed since the import: the import can no longer be undone as a whole.
    expect(await rowErrors(Promise.resolve().then(() => undoImport(db, coordinator, applied.id)))).toMatchObject({ code: "conflict", msg: "figuresImport.changedSinceImport" });
    saveWeeklyReport(db, admin, { pcode: "SY0200", week, input: { newlyDisplacedFamilies: 100, repeatDisplacedFamilies: 0, totalDisplacedFamilies: 1000, sectors: { food_security: { gapPct: 40 } }, status: "submitted", version: 2 } });

    const second = await applyImport(db, coordinator, file(csv(120, ["SY0200"])), { status: "submitted" });
    expect(second).toMatchObject({ created: 0, updated: 1 });
    expect(aleppo().newlyDisplacedFamilies).toBe(320);
    expect(undoImport(db, coordinator, second.id)).toEqual({ restored: 1, removed: 0 });
    expect(getReportEntry(db, coordinator, { pcode: "SY0200", week }).report).toMatchObject({ newlyDisplacedFamilies: 100, status: "submitted" });
    expect(aleppo()).toEqual(firstSummary);
    // Another coordinator's import is not theirs to undo; undone twice is refused.
    const other = await makeUser(db, "coordinator", ["SY02"]);
    expect(await rowErrors(Promise.resolve().then(() => undoImport(db, other, applied.id)))).toMatchObject({ code: "forbidden" });
    expect(await rowErrors(Promise.resolve().then(() => undoImport(db, coordinator, second.id)))).toMatchObject({ code: "conflict", msg: "figuresImport.alreadyUndone" });
    // The first import's Jebel Saman report changed since: that import can no longer be undone.
    expect(await rowErrors(Promise.resolve().then(() => undoImport(db, admin, applied.id)))).toMatchObject({ code: "conflict" });
  });

  it("undoing an import that created reports removes them, and every stored figure is as before it", async () => {
    const w = "2019-W22";
    const rollups = () => ["area_week_figures", "area_week_sector_figures", "area_week_stock"].map((t) => JSON.stringify(db.$client.prepare(`select * from ${t} order by 1, 2, 3`).all())).join("\n");
    const before = rollups();
    const summary = getAreaWeekSummary(db, viewer, "SY02", w);
    const text = [HEAD, ...["SY0200", "SY0202", "SY0203"].map((p) => `${p},${w},50,5,500,30`)].join("\n");
    const applied = await applyImport(db, coordinator, file(text), { status: "submitted" });
    expect(getAreaWeekSummary(db, viewer, "SY02", w).newlyDisplacedFamilies).toBe(150);
    expect(undoImport(db, admin, applied.id)).toEqual({ restored: 0, removed: 3 });
    expect(getAreaWeekSummary(db, viewer, "SY02", w)).toEqual(summary);
    expect(rollups()).toBe(before);
  });

  it("asks for the plausibility warnings to be confirmed, once for the whole file", async () => {
    const w = "2019-W30";
    saveWeeklyReport(db, coordinator, { pcode: "SY0205", week: w, input: { newlyDisplacedFamilies: 100, repeatDisplacedFamilies: 0, totalDisplacedFamilies: 1000, status: "submitted", version: 0 } });
    const next = [HEAD, `SY0205,2019-W31,900,0,1000,40`].join("\n");
    const p = await previewImport(db, coordinator, file(next));
    expect(p.items[0]!.warnings.length).toBeGreaterThan(0);
    expect(await rowErrors(applyImport(db, coordinator, file(next)))).toMatchObject({ msg: "figuresImport.confirmWarnings" });
    expect(await applyImport(db, coordinator, file(next), { confirmWarnings: true })).toMatchObject({ created: 1 });
  });
});

describe("properties", () => {
  it("random bytes and truncated files are refused with a message, never a crash, and write nothing", async () => {
    const before = everything();
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 600 }), fc.nat({ max: HXL_CSV.length }).map((n) => new TextEncoder().encode(HXL_CSV.slice(0, n)))), async (bytes) => {
        try {
          await applyImport(db, coordinator, { name: "x.csv", bytes }, { confirmWarnings: true, status: "draft" });
        } catch (e) {
          expect(e).toBeInstanceOf(AppError);
        }
      }),
      { numRuns: 150 },
    );
    // Truncated files may hold complete rows that import; nothing else was written.
    expect(everything().length).toBeGreaterThanOrEqual(before.length);
  });

  it("a random valid file reads back as the same figures, whatever the order of its columns", async () => {
    const districts = ["SY0200", "SY0208", "SY0202", "SY0203", "SY0204", "SY0205", "SY0206", "SY0207"];
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.record({ pcode: fc.constantFrom(...districts), newly: fc.nat({ max: 9000 }), share: fc.double({ min: 0, max: 1, noNaN: true }), total: fc.nat({ max: 90000 }), gap: fc.integer({ min: 0, max: 1000 }).map((t) => t / 10) }), { selector: (r) => r.pcode, minLength: 1, maxLength: 8 }),
        fc.shuffledSubarray([0, 1, 2, 3, 4, 5], { minLength: 6, maxLength: 6 }),
        async (rows, order) => {
          const week = `2018-W${String((n++ % 50) + 1).padStart(2, "0")}`;
          const cells = (r: (typeof rows)[number]) => [r.pcode, week, String(r.newly), String(Math.floor(r.newly * r.share)), String(r.total), String(r.gap)];
          const header = HEAD.split(",");
          const csv = [order.map((i) => header[i]).join(","), ...rows.map((r) => order.map((i) => cells(r)[i]).join(","))].join("\n");
          const p = await previewImport(db, admin, file(csv), { status: "submitted" });
          if (p.create + p.update + p.unchanged !== rows.length) throw new Error(JSON.stringify(p.errors));
          await applyImport(db, admin, file(csv), { status: "submitted", confirmWarnings: true });
          for (const r of rows)
            expect(getReportEntry(db, viewer, { pcode: r.pcode, week }).report).toMatchObject({
              newlyDisplacedFamilies: r.newly,
              repeatDisplacedFamilies: Math.floor(r.newly * r.share),
              totalDisplacedFamilies: r.total,
              sectors: { food_security: { gapPct: r.gap } },
            });
        },
      ),
      { numRuns: 30 },
    );
  });
});
