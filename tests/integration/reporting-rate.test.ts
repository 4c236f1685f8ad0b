import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { getReportingRateApi } from "@/lib/api/reporting-rate";
import { exportReportingRate } from "@/lib/exports/reporting-rate-export";
import { getAreaWeekSummary } from "@/lib/figures/read";
import { getReportingRate } from "@/lib/reports/reporting-rate";
import { saveWeeklyReport } from "@/lib/reports/save";
import { expectAppError, freshDb, makeUser } from "../factories";

let db: Db;
let admin: Actor;
let aleppoDistricts: Actor;
let idleb: Actor;
const NOW = new Date("2020-03-18T12:00:00Z"); // in 2020-W12
const input = (status = "submitted") => ({ newlyDisplacedFamilies: 10, repeatDisplacedFamilies: 0, totalDisplacedFamilies: 100, sectors: {}, status, version: 0 });

beforeAll(async () => {
  db = freshDb();
  admin = await makeUser(db, "admin");
  // Three units in Aleppo (two districts of one coordinator, one of another), one in Idleb.
  aleppoDistricts = await makeUser(db, "coordinator", ["SY0200", "SY0202"]);
  await makeUser(db, "coordinator", ["SY0203"]);
  idleb = await makeUser(db, "coordinator", ["SY07"]);
  saveWeeklyReport(db, aleppoDistricts, { pcode: "SY0200", week: "2020-W12", input: input() });
  saveWeeklyReport(db, aleppoDistricts, { pcode: "SY0202", week: "2020-W12", input: input("draft") });
  saveWeeklyReport(db, idleb, { pcode: "SY0703", week: "2020-W12", input: input() });
  saveWeeklyReport(db, aleppoDistricts, { pcode: "SY0200", week: "2020-W11", input: input() });
  saveWeeklyReport(db, aleppoDistricts, { pcode: "SY0202", week: "2020-W11", input: input() });
});

describe("reporting rate", () => {
  it("counts reported vs expected per governorate and week with the completeness rule, naming who is responsible", () => {
    const rate = getReportingRate(db, admin, { week: "2020-W12" }, "page", NOW);
    expect(rate.weeks).toHaveLength(12);
    expect(rate.end).toBe("2020-W12");
    const aleppo = rate.rows.find((r) => r.area.pcode === "SY02")!;
    expect(aleppo).toMatchObject({ week: "2020-W12", reported: 1, expected: 3, ratePct: 33.3 });
    // The same figures as the summaries' completeness: one rule.
    const c = getAreaWeekSummary(db, admin, "SY02", "2020-W12").completeness;
    expect([aleppo.reported, aleppo.expected]).toEqual([c.reported, c.expected]);
    expect(aleppo.missing.map((m) => m.pcode)).toEqual(["SY0202", "SY0203"]);
    expect(aleppo.missing[0]!.coordinators).toEqual([{ name: aleppoDistricts.name, email: aleppoDistricts.email }]);
    expect(rate.rows.find((r) => r.area.pcode === "SY07")).toMatchObject({ reported: 1, expected: 1, ratePct: 100, missing: [] });
    expect(rate.totals).toEqual({ reported: 2, expected: 4 });
  });

  it("rows by district within an area, over the 12 weeks, sorted by rate", () => {
    const rate = getReportingRate(db, admin, { area: "SY02", level: "2", sort: "rate", dir: "asc" }, "page", NOW);
    expect(rate.level).toBe(2);
    const w11 = rate.rows.filter((r) => r.week === "2020-W11").map((r) => [r.area.pcode, r.reported, r.expected]);
    expect(w11).toEqual([
      ["SY0203", 0, 1],
      ["SY0200", 1, 1],
      ["SY0202", 1, 1],
    ]);
    // Every week of the window has the three assigned units; the rate column is ascending.
    expect(rate.total).toBe(36);
    const rates = rate.rows.map((r) => r.ratePct);
    expect([...rates].sort((a, b) => a - b)).toEqual(rates);
  });

  it("keeps a bad filter on the page (message, default) and refuses it in the API (422)", () => {
    const page = getReportingRate(db, admin, { week: "2019-W01", area: "SY9999" }, "page", NOW);
    expect(page.errors.week?.key).toBe("round.rate.weekOutside");
    expect(page.errors.area?.key).toBe("validation.parentUnknown");
    expect(page.week).toBeNull();
    const api = getReportingRateApi(db, admin, new URLSearchParams({ week: "2019-W01" }), NOW);
    expect(api.status).toBe(422);
  });

  it("answers JSON in the API and is for admins only", async () => {
    const api = getReportingRateApi(db, admin, new URLSearchParams({ week: "2020-W12" }), NOW);
    expect(api.status).toBe(200);
    expect(api.body).toMatchObject({ level: 1, week: "2020-W12", totals: { reported: 2, expected: 4 } });
    expect(getReportingRateApi(db, idleb, new URLSearchParams(), NOW).status).toBe(403);
    await expectAppError(() => getReportingRate(db, idleb, {}, "page", NOW), "forbidden");
  });

  it("exports CSV with HXL hashtags and XLSX with a definitions sheet", async () => {
    const csv = new TextDecoder().decode(await new Response(exportReportingRate(db, admin, { week: "2020-W12", format: "csv" }, NOW).stream).arrayBuffer());
    const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[1]).toBe(
      "#date+week,#date+start,#adm1+code,#adm1+name,#adm1+name+i_ar,#meta+level,#reached+units,#targeted+units,#indicator+reporting+pct,#indicator+missing+num,#loc+missing+code,#contact+name",
    );
    const aleppo = lines.find((l) => l.includes(",SY02,"))!;
    expect(aleppo).toContain("2020-W12,2020-03-16,SY02,Aleppo");
    expect(aleppo).toContain(",1,3,33.3,2,");
    expect(aleppo).toContain("SY0202 Al Bab; SY0203 Afrin");
    expect(aleppo).toContain(`${aleppoDistricts.name} <${aleppoDistricts.email}>`);
    const f = exportReportingRate(db, admin, { week: "2020-W12", format: "xlsx", lang: "ar" }, NOW);
    expect(f.filename).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await new Response(f.stream).arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(["معدل الإبلاغ", expect.any(String)]);
    expect(wb.worksheets[0]!.getRow(2).getCell(9).value).toBe("#indicator+reporting+pct");
  });
});
