import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { approveAllSubmitted, approveReport, reopenReport, returnReport } from "@/lib/reports/approval";
import { getReportEntry, getWeeklyReport, listMyWeek, listReportsAwaitingApproval } from "@/lib/reports/read";
import { saveWeeklyReport } from "@/lib/reports/save";
import { requireConfirmation } from "@/lib/validation/confirm";
import { auditSince, digest, expectAppError, freshDb, lastAuditId, makeUser } from "../factories";

const FIGURES = {
  newlyDisplacedFamilies: 6077,
  repeatDisplacedFamilies: 6077,
  totalDisplacedFamilies: 11000,
  sectors: { food_security: { gapPct: 91 }, nfi: { gapPct: 83 }, shelter: { gapPct: 93, familiesInNeed: 6077 } },
  source: "Response Coordinators Syria statement",
  status: "submitted",
};

let db: Db;
let admin: Actor;
let coordinator: Actor;
let viewer: Actor;

beforeAll(async () => {
  db = freshDb();
  admin = await makeUser(db, "admin");
  coordinator = await makeUser(db, "coordinator", ["SY02"]);
  viewer = await makeUser(db, "viewer");
});

const rollup = (pcode: string, week: string) =>
  db.$client
    .prepare("select f.basis, f.newly, f.total from area_week_figures f join areas a on a.id = f.area_id where a.pcode = ? and f.week = ?")
    .get(pcode, week) as { basis: string; newly: number; total: number } | undefined;
const submit = (pcode: string, week: string, version = 0, extra: Record<string, unknown> = {}) =>
  saveWeeklyReport(db, coordinator, { pcode, week, input: { ...FIGURES, ...extra, version }, requireConfirmedWarnings: true }).report;

describe("returning a report to its coordinator", () => {
  it("only admins, only submitted reports, only with a comment, only from the stored version; nothing changes when refused", async () => {
    const week = "2020-W10";
    submit("SY0200", week);
    const before = digest(db);
    const key = { pcode: "SY0200", week, version: 1, comment: "Total looks low" };
    await expectAppError(() => returnReport(db, null, key), "unauthenticated");
    await expectAppError(() => returnReport(db, viewer, key), "forbidden");
    await expectAppError(() => returnReport(db, coordinator, key), "forbidden");
    await expectAppError(() => returnReport(db, admin, { ...key, pcode: "SY9999" }), "not_found");
    for (const comment of ["", "   ", undefined]) {
      const e = await expectAppError(() => returnReport(db, admin, { ...key, comment }), "invalid");
      expect(e.fieldErrors?.comment).toEqual({ key: "validation.commentRequired" });
    }
    const long = await expectAppError(() => returnReport(db, admin, { ...key, comment: "x".repeat(1001) }), "invalid");
    expect(long.fieldErrors?.comment).toEqual({ key: "validation.tooLong", values: { maximum: 1000 } });
    const noVersion = await expectAppError(() => returnReport(db, admin, { pcode: "SY0200", week, comment: "x" } as never), "invalid");
    expect(noVersion.fieldErrors?.version).toBeDefined();
    const stale = await expectAppError(() => returnReport(db, admin, { ...key, version: 2 }), "conflict");
    expect(stale.msg).toEqual({ key: "errors.reportChangedBeforeApproval", values: { version: 1 } });
    expect(digest(db)).toBe(before);

    // A draft or an approved report cannot be returned.
    saveWeeklyReport(db, coordinator, { pcode: "SY0202", week, input: { ...FIGURES, status: "draft", version: 0 } });
    const draft = await expectAppError(() => returnReport(db, admin, { ...key, pcode: "SY0202" }), "conflict");
    expect(draft.msg).toEqual({ key: "errors.reportNotSubmitted", values: { status: "draft" } });
    approveReport(db, admin, { pcode: "SY0200", week, version: 1 });
    const approved = await expectAppError(() => returnReport(db, admin, { ...key, version: 2 }), "conflict");
    expect(approved.msg).toEqual({ key: "errors.reportNotSubmitted", values: { status: "approved" } });
  });

  it("makes it a draft again in one transaction: the rollups drop it, a revision and an audit row record the comment", () => {
    const week = "2020-W11";
    submit("SY0203", week);
    expect(rollup("SY0203", week)).toMatchObject({ basis: "direct", newly: 6077, total: 11000 });
    expect(rollup("SY02", week)).toMatchObject({ newly: 6077 });
    const mark = lastAuditId(db);

    const comment = "  The total is below last week's: check the camp count.  ";
    const returned = returnReport(db, admin, { pcode: "SY0203", week, version: 1, comment });
    expect(returned).toMatchObject({ status: "draft", version: 2, approvedBy: null, updatedBy: admin.name });
    // Drafts never count: the area and its ancestors lose the figures at once.
    expect(rollup("SY0203", week)).toBeUndefined();
    expect(rollup("SY02", week)).toBeUndefined();
    const audit = auditSince(db, mark);
    expect(audit.map((a) => [a.action, a.entityId, a.actorId])).toEqual([["report.return", "SY0203/2020-W11", admin.id]]);
    expect(audit[0]!.oldValues).toMatchObject({ status: "submitted", version: 1 });
    expect(audit[0]!.newValues).toMatchObject({ status: "draft", version: 2, reason: comment.trim() });
    const entry = getReportEntry(db, admin, { pcode: "SY0203", week });
    expect(entry.revisions[0]).toMatchObject({ version: 2, action: "return", reason: comment.trim(), changedBy: admin.name });
    // Not in the queue any more; a returned draft is hidden from readers, its comment with it.
    expect(listReportsAwaitingApproval(db, admin, { week }).reports.map((r) => r.pcode)).not.toContain("SY0203");
    expect(getReportEntry(db, viewer, { pcode: "SY0203", week })).toMatchObject({ report: null, returned: null, revisions: [] });
  });

  it("the coordinator sees it on My week and on the report, through draft saves, until they submit again", () => {
    const week = "2020-W12";
    submit("SY0204", week);
    returnReport(db, admin, { pcode: "SY0204", week, version: 1, comment: "Split repeat from new" });
    const expected = { by: admin.name, at: expect.any(String), reason: "Split repeat from new" };
    const row = () => listMyWeek(db, coordinator, { week }).rows.find((r) => r.pcode === "SY0204")!;
    expect(row()).toMatchObject({ status: "draft", returned: expected, reopened: null });
    expect(getReportEntry(db, coordinator, { pcode: "SY0204", week })).toMatchObject({ returned: expected, reopened: null, canEdit: true });

    // Working on it (a draft save) keeps the comment in view: that is the work it asked for.
    saveWeeklyReport(db, coordinator, { pcode: "SY0204", week, input: { ...FIGURES, repeatDisplacedFamilies: 5000, status: "draft", version: 2 } });
    expect(row().returned).toEqual(expected);

    // Submitting again clears it; the report is back in the queue and the rollups.
    submit("SY0204", week, 3, { repeatDisplacedFamilies: 5000 });
    expect(row()).toMatchObject({ status: "submitted", returned: null });
    expect(getReportEntry(db, coordinator, { pcode: "SY0204", week }).returned).toBeNull();
    expect(listReportsAwaitingApproval(db, admin, { week }).reports.map((r) => r.pcode)).toContain("SY0204");
    expect(rollup("SY0204", week)).toMatchObject({ newly: 6077 });
  });

  it("reopened and returned are one rule: the newest admin change shows, a reopening after a return replaces it", () => {
    const week = "2020-W13";
    submit("SY0205", week);
    returnReport(db, admin, { pcode: "SY0205", week, version: 1, comment: "first" });
    submit("SY0205", week, 2);
    approveReport(db, admin, { pcode: "SY0205", week, version: 3 });
    reopenReport(db, admin, { pcode: "SY0205", week, version: 4, reason: "second look" });
    const entry = getReportEntry(db, coordinator, { pcode: "SY0205", week });
    expect(entry.returned).toBeNull();
    expect(entry.reopened).toMatchObject({ reason: "second look" });
  });
});

describe("the approval queue", () => {
  it("shows each report's figures, the warnings its submitter confirmed, and who submitted it when", () => {
    const week = "2020-W20";
    const previous = "2020-W19";
    saveWeeklyReport(db, coordinator, { pcode: "SY0200", week: previous, input: { ...FIGURES, version: 0 } });
    // Ten times last week's new arrivals: a warning the coordinator must confirm to save.
    const high = { ...FIGURES, newlyDisplacedFamilies: 60770, repeatDisplacedFamilies: 6077, totalDisplacedFamilies: 70000 };
    expect(() => saveWeeklyReport(db, coordinator, { pcode: "SY0200", week, input: { ...high, version: 0 }, requireConfirmedWarnings: true })).toThrow();
    saveWeeklyReport(db, coordinator, { pcode: "SY0200", week, input: { ...high, version: 0, acknowledgeWarnings: true }, requireConfirmedWarnings: true });
    submit("SY0202", week);

    const queue = listReportsAwaitingApproval(db, admin, { week });
    expect(queue.sectors.map((s) => s.code)).toEqual(["food_security", "nfi", "shelter"]);
    const [warned, plain] = queue.reports;
    expect(warned).toMatchObject({
      pcode: "SY0200",
      version: 1,
      newlyDisplacedFamilies: 60770,
      repeatDisplacedFamilies: 6077,
      totalDisplacedFamilies: 70000,
      sectors: { food_security: { gapPct: 91, familiesInNeed: null }, shelter: { gapPct: 93, familiesInNeed: 6077 } },
      submittedBy: coordinator.name,
      governorate: { pcode: "SY02" },
    });
    expect(warned!.warnings.map((w) => [w.field, w.kind])).toEqual(expect.arrayContaining([["newlyDisplacedFamilies", "rise"]]));
    expect(plain).toMatchObject({ pcode: "SY0202", warnings: [] });

    // After an admin's reopening the submitter is still the coordinator, not the admin.
    approveReport(db, admin, { pcode: "SY0202", week, version: 1 });
    reopenReport(db, admin, { pcode: "SY0202", week, version: 2, reason: "check" });
    expect(listReportsAwaitingApproval(db, admin, { week }).reports.find((r) => r.pcode === "SY0202")).toMatchObject({ submittedBy: coordinator.name });
  });
});

describe("approve all", () => {
  it("approves only what was confirmed, at the versions shown; a report submitted or changed after the confirmation stays", () => {
    const week = "2020-W30";
    submit("SY0200", week);
    submit("SY0202", week);
    submit("SY0203", week);
    const shown = listReportsAwaitingApproval(db, admin, { week })
      .reports.filter((r) => r.governorate.pcode === "SY02")
      .map((r) => `${r.pcode}:${r.version}`);
    expect(shown).toEqual(["SY0200:1", "SY0202:1", "SY0203:1"]);

    // After the confirmation page was shown: one report changes, another is submitted.
    submit("SY0202", week, 1, { totalDisplacedFamilies: 12000 });
    submit("SY0204", week);

    const mark = lastAuditId(db);
    const { approved, skipped } = approveAllSubmitted(db, admin, { pcode: "SY02", week, reports: shown });
    expect(approved.map((r) => r.pcode)).toEqual(["SY0200", "SY0203"]);
    expect(skipped).toEqual(["SY0202", "SY0204"]);
    expect(auditSince(db, mark).map((a) => [a.action, a.entityId])).toEqual([
      ["report.approve", "SY0200/2020-W30"],
      ["report.approve", "SY0203/2020-W30"],
    ]);
    expect(getWeeklyReport(db, admin, { pcode: "SY0202", week: week })?.status).toBe("submitted");
    expect(getWeeklyReport(db, admin, { pcode: "SY0204", week: week })?.status).toBe("submitted");
  });

  it("refuses a post that confirms nothing or is malformed, changing nothing; only admins", async () => {
    const week = "2020-W31";
    submit("SY0200", week);
    const before = digest(db);
    for (const reports of [[], undefined, ["SY0200"], ["SY0200:x"], "not a list:1:2"]) {
      const e = await expectAppError(() => approveAllSubmitted(db, admin, { pcode: "SY02", week, reports }), "invalid");
      expect(e.fieldErrors?.reports ?? e.fieldErrors?.["reports.0"]).toBeDefined();
    }
    await expectAppError(() => approveAllSubmitted(db, coordinator, { pcode: "SY02", week, reports: ["SY0200:1"] }), "forbidden");
    expect(digest(db)).toBe(before);
  });
});

describe("the confirmation box of destructive actions", () => {
  it("is required on the server: anything but a ticked box is a field error", async () => {
    for (const value of [null, undefined, "", "off", "yes", false]) {
      const e = await expectAppError(() => requireConfirmation(value), "invalid");
      expect(e.fieldErrors).toEqual({ confirm: { key: "validation.confirmRequired" } });
    }
    expect(() => requireConfirmation("on")).not.toThrow();
  });
});
