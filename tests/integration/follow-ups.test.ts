import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { approveAllSubmitted, approveReport } from "@/lib/reports/approval";
import { addReportComment, listReportComments } from "@/lib/reports/comments";
import { clearReportFlag, flagReportFigure, listFollowUps, listOpenFollowUps, listReportFlags } from "@/lib/reports/flags";
import { listReportsAwaitingApproval } from "@/lib/reports/read";
import { saveWeeklyReport } from "@/lib/reports/save";
import { auditSince, digest, expectAppError, freshDb, lastAuditId, makeUser } from "../factories";

const FIGURES = {
  newlyDisplacedFamilies: 6077,
  repeatDisplacedFamilies: 6077,
  totalDisplacedFamilies: 11000,
  sectors: { food_security: { gapPct: 91 }, nfi: { gapPct: 83 }, shelter: { gapPct: 93 } },
  status: "submitted",
};

let db: Db;
let admin: Actor;
let coordinator: Actor;
let otherCoordinator: Actor;
let viewer: Actor;

beforeAll(async () => {
  db = freshDb();
  admin = await makeUser(db, "admin");
  coordinator = await makeUser(db, "coordinator", ["SY02"]);
  otherCoordinator = await makeUser(db, "coordinator", ["SY07"]);
  viewer = await makeUser(db, "viewer");
});

const save = (who: Actor, pcode: string, week: string, extra: Record<string, unknown> = {}) =>
  saveWeeklyReport(db, who, { pcode, week, input: { ...FIGURES, ...extra } }).report;

describe("comments on a report", () => {
  it("anyone who can read the report comments on it; a hidden draft's thread is as hidden as the draft", async () => {
    save(coordinator, "SY0200", "2021-W10");
    save(coordinator, "SY020000", "2021-W10", { status: "draft" });
    const key = { pcode: "SY0200", week: "2021-W10" };
    const mark = lastAuditId(db);
    const c = addReportComment(db, viewer, { ...key, body: "  Where does the total come from?  " });
    expect(c).toMatchObject({ body: "Where does the total come from?", author: viewer.name });
    addReportComment(db, otherCoordinator, { ...key, body: "Same question." });
    expect(listReportComments(db, admin, key).map((x) => x.body)).toEqual(["Where does the total come from?", "Same question."]);
    expect(auditSince(db, mark).map((a) => [a.action, a.entityType, a.entityId])).toEqual([
      ["report.comment", "report", "SY0200/2021-W10"],
      ["report.comment", "report", "SY0200/2021-W10"],
    ]);

    // The draft: its coordinator and admins read and write its thread; a viewer and another area's coordinator get 404, as for no report.
    const draft = { pcode: "SY020000", week: "2021-W10" };
    addReportComment(db, coordinator, { ...draft, body: "Checking with the camp manager." });
    expect(listReportComments(db, admin, draft)).toHaveLength(1);
    const before = digest(db);
    for (const who of [viewer, otherCoordinator]) {
      await expectAppError(() => listReportComments(db, who, draft), "not_found");
      await expectAppError(() => addReportComment(db, who, { ...draft, body: "x" }), "not_found");
    }
    await expectAppError(() => listReportComments(db, null, draft), "unauthenticated");
    // No report at all: the same answer.
    await expectAppError(() => listReportComments(db, admin, { pcode: "SY0200", week: "2021-W30" }), "not_found");
    // 1 to 2000 characters.
    for (const body of ["", "   ", undefined]) expect((await expectAppError(() => addReportComment(db, viewer, { ...key, body }), "invalid")).fieldErrors?.body).toBeDefined();
    expect((await expectAppError(() => addReportComment(db, viewer, { ...key, body: "x".repeat(2001) }), "invalid")).fieldErrors?.body).toEqual({ key: "validation.tooLong", values: { maximum: 2000 } });
    expect(digest(db)).toBe(before);
    expect(addReportComment(db, viewer, { ...key, body: "x".repeat(2000) }).body).toHaveLength(2000);
  });
});

describe("follow-up flags", () => {
  it("an admin or the area's coordinator flags a figure with a reason and clears it with a note; nobody else", async () => {
    const week = "2021-W11";
    save(coordinator, "SY0200", week);
    save(otherCoordinator, "SY0703", week);
    const key = { pcode: "SY0200", week };
    const before = digest(db);
    const flag = { ...key, field: "totalDisplacedFamilies", reason: "Total jumped; check the camp count" };
    await expectAppError(() => flagReportFigure(db, null, flag), "unauthenticated");
    await expectAppError(() => flagReportFigure(db, viewer, flag), "forbidden");
    await expectAppError(() => flagReportFigure(db, otherCoordinator, flag), "forbidden");
    expect((await expectAppError(() => flagReportFigure(db, admin, { ...flag, reason: " " }), "invalid")).fieldErrors?.reason).toEqual({ key: "validation.flagReasonRequired" });
    expect((await expectAppError(() => flagReportFigure(db, admin, { ...flag, field: "notes" }), "invalid")).fieldErrors?.field).toEqual({ key: "validation.flagField" });
    expect((await expectAppError(() => flagReportFigure(db, admin, { ...flag, field: "sectors.wash.gapPct" }), "invalid")).fieldErrors?.field).toBeDefined();
    await expectAppError(() => flagReportFigure(db, admin, { ...flag, week: "2021-W40" }), "not_found");
    expect(digest(db)).toBe(before);

    const mark = lastAuditId(db);
    const byCoordinator = flagReportFigure(db, coordinator, flag);
    const byAdmin = flagReportFigure(db, admin, { ...key, field: "sectors.nfi.gapPct", reason: "NFI gap unchanged for 6 weeks" });
    flagReportFigure(db, admin, { pcode: "SY0703", week, field: "newlyDisplacedFamilies", reason: "Arrivals look high" });
    expect(listReportFlags(db, viewer, key).map((f) => [f.field, f.createdBy, f.clearedAt])).toEqual([
      ["totalDisplacedFamilies", coordinator.name, null],
      ["sectors.nfi.gapPct", admin.name, null],
    ]);

    // The list: filter by area (and below), week and sector; open by default.
    expect(listFollowUps(db, viewer, { week }).rows.map((r) => [r.pcode, r.field])).toEqual([
      ["SY0200", "sectors.nfi.gapPct"],
      ["SY0200", "totalDisplacedFamilies"],
      ["SY0703", "newlyDisplacedFamilies"],
    ]);
    expect(listFollowUps(db, viewer, { week, area: "SY07" }).rows.map((r) => r.pcode)).toEqual(["SY0703"]);
    expect(listFollowUps(db, viewer, { week, sector: "nfi" }).rows.map((r) => r.field)).toEqual(["sectors.nfi.gapPct"]);
    expect(listOpenFollowUps(db, viewer, { area: "SY02", from: week, to: week }).map((f) => f.field)).toEqual(["totalDisplacedFamilies", "sectors.nfi.gapPct"]);

    // Clearing: same people, with a note; a second clear is a conflict, not an overwrite.
    const clear = { id: byCoordinator.id, note: "Camp count confirmed by phone" };
    await expectAppError(() => clearReportFlag(db, viewer, clear), "forbidden");
    await expectAppError(() => clearReportFlag(db, otherCoordinator, clear), "forbidden");
    expect((await expectAppError(() => clearReportFlag(db, coordinator, { ...clear, note: "" }), "invalid")).fieldErrors?.note).toEqual({ key: "validation.flagNoteRequired" });
    await expectAppError(() => clearReportFlag(db, admin, { id: 999999, note: "x" }), "not_found");
    const cleared = clearReportFlag(db, admin, clear);
    expect(cleared).toMatchObject({ clearedBy: admin.name, clearNote: "Camp count confirmed by phone", reason: flag.reason, createdBy: coordinator.name });
    await expectAppError(() => clearReportFlag(db, coordinator, clear), "conflict");
    expect(listFollowUps(db, viewer, { week, area: "SY02" }).rows.map((r) => r.id)).toEqual([byAdmin.id]);
    expect(listFollowUps(db, viewer, { week, area: "SY02", state: "cleared" }).rows.map((r) => r.id)).toEqual([byCoordinator.id]);
    expect(auditSince(db, mark).map((a) => a.action)).toEqual(["report.flag", "report.flag", "report.flag", "report.flag_clear"]);
  });

  it("a flag on a draft shows only to those who see the draft", () => {
    const week = "2021-W12";
    save(coordinator, "SY020000", week, { status: "draft" });
    flagReportFigure(db, coordinator, { pcode: "SY020000", week, field: "newlyDisplacedFamilies", reason: "Draft check" });
    expect(listFollowUps(db, coordinator, { week }).total).toBe(1);
    expect(listFollowUps(db, admin, { week }).total).toBe(1);
    expect(listFollowUps(db, viewer, { week }).total).toBe(0);
    expect(listFollowUps(db, otherCoordinator, { week }).total).toBe(0);
    expect(listOpenFollowUps(db, viewer, { area: null, from: week, to: week })).toEqual([]);
  });
});

describe("approving a report with an open follow-up asks first", () => {
  it("one report: refused without the box, nothing changes; approved with it; approved without once cleared", async () => {
    const week = "2021-W13";
    save(coordinator, "SY0200", week);
    const f = flagReportFigure(db, admin, { pcode: "SY0200", week, field: "repeatDisplacedFamilies", reason: "All repeat?" });
    expect(listReportsAwaitingApproval(db, admin, { week }).reports.find((r) => r.pcode === "SY0200")?.openFollowUps).toBe(1);
    const before = digest(db);
    const e = await expectAppError(() => approveReport(db, admin, { pcode: "SY0200", week }), "invalid");
    expect(e.msg).toEqual({ key: "errors.openFollowUps", values: { count: 1, area: "SY0200" } });
    expect(e.fieldErrors?.confirm).toEqual({ key: "validation.confirmFollowUps", values: { count: 1 } });
    expect(digest(db)).toBe(before);
    expect(approveReport(db, admin, { pcode: "SY0200", week, confirmFollowUps: "on" }).status).toBe("approved");

    const week2 = "2021-W14";
    save(coordinator, "SY0200", week2);
    const g = flagReportFigure(db, admin, { pcode: "SY0200", week: week2, field: "newlyDisplacedFamilies", reason: "x" });
    clearReportFlag(db, admin, { id: g.id, note: "fine" });
    expect(approveReport(db, admin, { pcode: "SY0200", week: week2 }).status).toBe("approved");
    expect(f.id).toBeGreaterThan(0);
  });

  it("approve all: the confirmation covers the open follow-ups it lists; without it nothing is approved", async () => {
    const week = "2021-W15";
    save(coordinator, "SY0200", week);
    save(coordinator, "SY020000", week);
    flagReportFigure(db, coordinator, { pcode: "SY020000", week, field: "totalDisplacedFamilies", reason: "check" });
    const reports = ["SY0200:1", "SY020000:1"];
    const before = digest(db);
    await expectAppError(() => approveAllSubmitted(db, admin, { pcode: "SY02", week, reports }), "invalid");
    expect(digest(db)).toBe(before);
    const done = approveAllSubmitted(db, admin, { pcode: "SY02", week, reports, confirmFollowUps: "on" });
    expect(done.approved.map((r) => r.pcode).sort()).toEqual(["SY0200", "SY020000"]);
  });
});
