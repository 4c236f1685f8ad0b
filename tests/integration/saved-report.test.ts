import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { findAreaByPcode } from "@/lib/areas";
import { approveReport, reopenReport } from "@/lib/reports/approval";
import { readReports, type WeeklyReport } from "@/lib/reports/model";
import { saveWeeklyReport } from "@/lib/reports/save";
import { createSector, moveSector, setSectorActive } from "@/lib/sectors";
import { freshDb, makeUser } from "../factories";

/**
 * saveReportInTx builds the saved report from what it wrote instead of reading it back (decision
 * 055, issue 12): what it returns, keeps as the revision and audits must be what a read gives,
 * key for key and in the same order (the API answers with it).
 */
let db: Db;
let admin: Actor;
let coord: Actor;
const PCODE = "SY0200";

const stored = (week: string): WeeklyReport => readReports(db, week, { areaId: findAreaByPcode(db, PCODE).id })[0]!;
const expectAsRead = (saved: WeeklyReport, week: string) => {
  const read = stored(week);
  expect(saved).toEqual(read);
  expect(JSON.stringify(saved)).toBe(JSON.stringify(read));
};
const input = (version: number, sectors: Record<string, { gapPct: number | string; familiesInNeed?: number | null }>, extra: Record<string, unknown> = {}) => ({
  newlyDisplacedFamilies: "1,200",
  repeatDisplacedFamilies: 10,
  totalDisplacedFamilies: 5000,
  sectors,
  notes: "  by phone  ",
  status: "submitted",
  version,
  ...extra,
});

beforeAll(async () => {
  db = freshDb();
  admin = await makeUser(db, "admin");
  coord = await makeUser(db, "coordinator", ["SY02"]);
});

describe("the saved report is what a read gives", () => {
  it("on a create, an update and a submit, with gaps in tenths and sectors in display order", () => {
    const week = "2019-W10";
    const created = saveWeeklyReport(db, coord, { pcode: PCODE, week, input: input(0, { shelter: { gapPct: "91٫5", familiesInNeed: 40 }, food_security: { gapPct: 12.3 } }, { status: "draft" }) });
    expect(created.report.version).toBe(1);
    expectAsRead(created.report, week);
    const updated = saveWeeklyReport(db, admin, { pcode: PCODE, week, input: input(1, { nfi: { gapPct: 0 } }, { individuals: 7000, source: "visit" }) });
    expect(updated.report.createdBy).toBe(coord.name);
    expect(updated.report.updatedBy).toBe(admin.name);
    expectAsRead(updated.report, week);
    // The revision and the audit row hold the same snapshot as before this change: the report's own.
    const revision = db.$client.prepare("select snapshot from report_revisions r join weekly_reports w on w.id = r.report_id where w.week = ? and r.version = 2").pluck().get(week) as string;
    expect(JSON.parse(revision)).toEqual({ ...stored(week), nameEn: undefined, nameAr: undefined, level: undefined, version: undefined, createdAt: undefined, createdBy: undefined, updatedAt: undefined, updatedBy: undefined, approvedAt: undefined, approvedBy: undefined });
  });

  it("keeps a retired sector's stored gap, and follows a changed sector order", () => {
    const week = "2019-W11";
    createSector(db, admin, { code: "wash", nameEn: "WASH", nameAr: "المياه والصرف الصحي", hxlAttribute: "wash" });
    const first = saveWeeklyReport(db, coord, { pcode: PCODE, week, input: input(0, { wash: { gapPct: 70, familiesInNeed: 3 }, nfi: { gapPct: 20 } }) });
    expectAsRead(first.report, week);
    moveSector(db, admin, { code: "wash", direction: "up" });
    setSectorActive(db, admin, { code: "wash", active: false });
    const second = saveWeeklyReport(db, coord, { pcode: PCODE, week, input: input(1, { nfi: { gapPct: 25 }, shelter: { gapPct: 5 } }) });
    expect(second.report.sectors.wash).toEqual({ gapPct: 70, familiesInNeed: 3 });
    expectAsRead(second.report, week);
    setSectorActive(db, admin, { code: "wash", active: true });
  });

  it("after an approval and a reopening", () => {
    const week = "2019-W12";
    saveWeeklyReport(db, coord, { pcode: PCODE, week, input: input(0, { nfi: { gapPct: 20 } }) });
    approveReport(db, admin, { pcode: PCODE, week, version: 1 });
    reopenReport(db, admin, { pcode: PCODE, week, version: 2, reason: "a typo in the total" });
    const again = saveWeeklyReport(db, coord, { pcode: PCODE, week, input: input(stored(week).version, { nfi: { gapPct: 30 } }) });
    expectAsRead(again.report, week);
  });
});
