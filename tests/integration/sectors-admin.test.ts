import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { exportChildTable } from "@/lib/exports/children-export";
import { exportGapReport } from "@/lib/exports/gap-export";
import { getAreaTrend, getAreaWeekSummary, listChildWeekSummaries } from "@/lib/figures/read";
import { resolveFiguresQuery } from "@/lib/figures/query";
import { exportImportTemplate } from "@/lib/import/template";
import { previewImport } from "@/lib/import/apply";
import { getReportEntry } from "@/lib/reports/read";
import { saveWeeklyReport } from "@/lib/reports/save";
import { activeSectors, createSector, listSectorsForAdmin, moveSector, sectorsShownForWeeks, setSectorActive, updateSector } from "@/lib/sectors";
import { auditSince, expectAppError, freshDb, lastAuditId, makeUser } from "../factories";

const W10 = "2020-W10";
const W11 = "2020-W11";
const W20 = "2020-W20";
let db: Db;
let admin: Actor;
let coord: Actor;
let viewer: Actor;

const figures = (sectors: Record<string, { gapPct: number; familiesInNeed?: number }>) => ({
  newlyDisplacedFamilies: 100,
  repeatDisplacedFamilies: 10,
  totalDisplacedFamilies: 500,
  sectors,
  status: "submitted",
  version: 0,
});

const csvOf = async (f: { stream: ReadableStream<Uint8Array> }) => new TextDecoder().decode(await new Response(f.stream).arrayBuffer());

beforeAll(async () => {
  db = freshDb();
  admin = await makeUser(db, "admin");
  coord = await makeUser(db, "coordinator", ["SY02"]);
  viewer = await makeUser(db, "viewer");
});

describe("sectors managed by admins", () => {
  it("adds WASH and Health with HXL attributes, audited, and the entry form, API and template follow", async () => {
    const before = lastAuditId(db);
    createSector(db, admin, { code: "wash", nameEn: "WASH", nameAr: "المياه والصرف الصحي", hxlAttribute: "wash" });
    createSector(db, admin, { code: "health", nameEn: "Health", nameAr: "الصحة", hxlAttribute: "health" });
    const audit = auditSince(db, before);
    expect(audit.map((a) => [a.action, a.entityId])).toEqual([
      ["sector.create", "wash"],
      ["sector.create", "health"],
    ]);
    expect(activeSectors(db).map((s) => s.code)).toEqual(["food_security", "nfi", "shelter", "wash", "health"]);
    expect(getReportEntry(db, coord, { pcode: "SY0200", week: W10 }).sectors.map((s) => s.code)).toContain("wash");
    // The API and the form validate against the same list: a WASH gap saves.
    const saved = saveWeeklyReport(db, coord, { pcode: "SY0200", week: W10, input: figures({ wash: { gapPct: 70 }, health: { gapPct: 40 } }) });
    expect(saved.report.sectors.wash?.gapPct).toBe(70);
    const template = await csvOf(exportImportTemplate(db, coord, { format: "csv" }));
    expect(template).toContain("#indicator+gap+pct+wash");
    expect(template).toContain("#indicator+gap+pct+health");
  });

  it("refuses bad input per field and changes nothing", async () => {
    const before = listSectorsForAdmin(db, admin);
    const e1 = await expectAppError(() => createSector(db, admin, { code: "Wash!", nameEn: "", nameAr: "x", hxlAttribute: "1abc" }), "invalid");
    expect(Object.keys(e1.fieldErrors ?? {}).sort()).toEqual(["code", "hxlAttribute", "nameEn"]);
    expect(e1.fieldErrors?.code?.key).toBe("validation.sectorCodePattern");
    expect(e1.fieldErrors?.hxlAttribute?.key).toBe("validation.hxlAttribute");
    const e2 = await expectAppError(() => createSector(db, admin, { code: "wash", nameEn: "W", nameAr: "و", hxlAttribute: "wash2" }), "invalid");
    expect(e2.fieldErrors?.code?.key).toBe("validation.sectorCodeTaken");
    const e3 = await expectAppError(() => createSector(db, admin, { code: "wash2", nameEn: "W", nameAr: "و", hxlAttribute: "wash" }), "invalid");
    expect(e3.fieldErrors?.hxlAttribute?.key).toBe("validation.hxlAttributeTaken");
    expect(listSectorsForAdmin(db, admin)).toEqual(before);
    await expectAppError(() => createSector(db, coord, { code: "wash3", nameEn: "W", nameAr: "و", hxlAttribute: "wash3" }), "forbidden");
  });

  it("renames, changes the HXL attribute and reorders, each audited; a stale version is a conflict", async () => {
    const wash = listSectorsForAdmin(db, admin).find((s) => s.code === "wash")!;
    const before = lastAuditId(db);
    const renamed = updateSector(db, admin, { code: "wash", nameEn: "Water, sanitation and hygiene", nameAr: "المياه والإصحاح", hxlAttribute: "wash", version: wash.version });
    expect(renamed.nameEn).toBe("Water, sanitation and hygiene");
    await expectAppError(() => updateSector(db, admin, { code: "wash", nameEn: "X", nameAr: "س", hxlAttribute: "wash", version: wash.version }), "conflict");
    moveSector(db, admin, { code: "health", direction: "up" });
    expect(activeSectors(db).map((s) => s.code)).toEqual(["food_security", "nfi", "shelter", "health", "wash"]);
    moveSector(db, admin, { code: "health", direction: "down" });
    expect(auditSince(db, before).map((a) => a.action)).toEqual(["sector.update", "sector.move", "sector.move"]);
    expect(auditSince(db, before)[0]!.oldValues).toEqual({ nameEn: "WASH", nameAr: "المياه والصرف الصحي", hxlAttribute: "wash" });
  });

  it("a retired sector leaves new entry but stays in the rollups and exports of past weeks", async () => {
    saveWeeklyReport(db, coord, { pcode: "SY0202", week: W10, input: figures({ wash: { gapPct: 30 } }) });
    const before = lastAuditId(db);
    setSectorActive(db, admin, { code: "wash", active: "false" });
    expect(auditSince(db, before).map((a) => a.action)).toEqual(["sector.retire"]);
    // New entry: the form, the API and the import template no longer offer it.
    expect(activeSectors(db).map((s) => s.code)).not.toContain("wash");
    expect(getReportEntry(db, coord, { pcode: "SY0200", week: W20 }).sectors.map((s) => s.code)).not.toContain("wash");
    const refused = await expectAppError(() => saveWeeklyReport(db, coord, { pcode: "SY0203", week: W11, input: figures({ wash: { gapPct: 10 } }) }), "invalid");
    expect(refused.fieldErrors?.["sectors.wash"]?.key).toBe("validation.sectorUnknown");
    expect(await csvOf(exportImportTemplate(db, coord, { format: "csv" }))).not.toContain("+wash");
    const csv = "P-code,Week,Newly displaced families,Of which displaced more than once,Total displaced families,wash gap\nSY0204,2020-W11,10,0,100,50\n";
    const preview = await previewImport(db, coord, { name: "x.csv", bytes: new TextEncoder().encode(csv) });
    expect(preview.mapping.columns.find((c) => c.header === "wash gap")?.field ?? null).toBeNull();

    // Past weeks: the rollup of Aleppo in W10 still weighs WASH (100 at 70% + 100 at 30% = 50%).
    expect(sectorsShownForWeeks(db, W10).map((s) => s.code)).toContain("wash");
    const aleppo = getAreaWeekSummary(db, viewer, "SY02", W10);
    expect(aleppo.sectors.find((s) => s.code === "wash")).toMatchObject({ gapPct: 50, familiesInNeed: 200, unmetFamilies: 100 });
    expect(listChildWeekSummaries(db, viewer, "SY02", W10).find((r) => r.area.pcode === "SY0200")!.sectors.find((s) => s.code === "wash")?.gapPct).toBe(70);
    expect(getAreaTrend(db, viewer, "SY02", W11, 12).find((w) => w.week === W10)!.sectors.map((s) => s.code)).toContain("wash");
    // The gap report and map offer it for W10 (its sector choice), not for a week without WASH figures.
    expect(resolveFiguresQuery(db, viewer, { view: "map", raw: { week: W10 }, mode: "page" }).sectors.map((s) => s.code)).toContain("wash");
    expect(resolveFiguresQuery(db, viewer, { view: "map", raw: { week: W20 }, mode: "page" }).sectors.map((s) => s.code)).not.toContain("wash");
    const area = await csvOf(exportChildTable(db, viewer, "SY02", { week: W10, format: "csv" }));
    expect(area.split("\r\n")[1]).toContain("#indicator+gap+pct+wash");
    expect(area).toMatch(/SY0200,[^\r\n]*70/);
    const gaps = await csvOf(exportGapReport(db, viewer, { week: W10, level: "2", sector: "wash", format: "csv" }));
    expect(gaps).toContain("wash");
    expect(gaps).toMatch(/SY0200[^\r\n]*,70,/);
    // A week without any WASH figure does not show the retired sector.
    expect((await csvOf(exportChildTable(db, viewer, "SY02", { week: W20, format: "csv" }))).split("\r\n")[1]).not.toContain("+wash");

    setSectorActive(db, admin, { code: "wash", active: true });
    expect(activeSectors(db).map((s) => s.code)).toContain("wash");
    expect(auditSince(db, before).map((a) => a.action)).toEqual(["sector.retire", "sector.reactivate"]);
  });

  it("the HXL attribute names the export columns", async () => {
    const h = listSectorsForAdmin(db, admin).find((s) => s.code === "health")!;
    updateSector(db, admin, { code: "health", nameEn: "Health", nameAr: "الصحة", hxlAttribute: "health_care", version: h.version });
    const area = await csvOf(exportChildTable(db, viewer, "SY02", { week: W10, format: "csv" }));
    expect(area.split("\r\n")[1]).toContain("#indicator+gap+pct+health_care");
    expect(await csvOf(exportImportTemplate(db, coord, { format: "csv" }))).toContain("#indicator+gap+pct+health_care");
  });
});
