import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { approveAllSubmitted, approveReport, reopenReport } from "@/lib/reports/approval";
import { listReportRevisions } from "@/lib/reports/revisions";
import { getReportEntry, getWeeklyReport, listMyWeek, listReportsAwaitingApproval } from "@/lib/reports/read";
import { saveWeeklyReport } from "@/lib/reports/save";
import { setUserActive } from "@/lib/users";
import { auditSince, countRows, digest, expectAppError, freshDb, lastAuditId, makeUser } from "../factories";

/** The January 2020 field report (data/000_…txt) as the API's PUT body. */
const FIELD_REPORT = {
  newlyDisplacedFamilies: 6077,
  repeatDisplacedFamilies: 6077,
  totalDisplacedFamilies: 11000,
  individuals: null,
  sectors: { food_security: { gapPct: 91 }, nfi: { gapPct: 83 }, shelter: { gapPct: 93, familiesInNeed: 6077 } },
  notes: "",
  source: "Response Coordinators Syria statement",
  status: "submitted",
  version: 0,
};

let db: Db;
let admin: Actor;
let coordinator: Actor;
let otherCoordinator: Actor;
let idlebCoordinator: Actor;
let viewer: Actor;

beforeAll(async () => {
  db = freshDb();
  admin = await makeUser(db, "admin");
  coordinator = await makeUser(db, "coordinator", ["SY02"]);
  otherCoordinator = await makeUser(db, "coordinator", ["SY0200"]);
  idlebCoordinator = await makeUser(db, "coordinator", ["SY07"]);
  viewer = await makeUser(db, "viewer");
});

const gapsOf = (pcode: string, week: string) =>
  db.$client
    .prepare(
      `select s.code, g.gap_tenths as tenths, g.families_in_need as need from report_sector_gaps g
       join sectors s on s.id = g.sector_id join weekly_reports r on r.id = g.report_id join areas a on a.id = r.area_id
       where a.pcode = ? and r.week = ? order by s.code`,
    )
    .all(pcode, week);
const revisionsOf = (pcode: string, week: string) =>
  (
    db.$client
      .prepare(
        `select v.version, v.action, v.reason, v.changed_by as changedBy, v.snapshot from report_revisions v
         join weekly_reports r on r.id = v.report_id join areas a on a.id = r.area_id where a.pcode = ? and r.week = ? order by v.version`,
      )
      .all(pcode, week) as { version: number; action: string; reason: string | null; changedBy: number; snapshot: string }[]
  ).map((r) => ({ ...r, snapshot: JSON.parse(r.snapshot) as Record<string, unknown> }));
const rollup = (pcode: string, week: string) =>
  db.$client
    .prepare("select f.basis, f.newly, f.total from area_week_figures f join areas a on a.id = f.area_id where a.pcode = ? and f.week = ?")
    .get(pcode, week);

describe("saving a week's figures", () => {
  it("creates the field report for Jebel Saman: report, gaps in tenths, revision, audit row and rollups in one go", () => {
    const before = lastAuditId(db);
    const saved = saveWeeklyReport(db, coordinator, { pcode: "sy0200", week: "2020W4", input: FIELD_REPORT });
    expect(saved.created).toBe(true);
    expect(saved.report).toMatchObject({
      pcode: "SY0200",
      nameEn: "Jebel Saman",
      week: "2020-W04",
      status: "submitted",
      version: 1,
      newlyDisplacedFamilies: 6077,
      repeatDisplacedFamilies: 6077,
      totalDisplacedFamilies: 11000,
      individuals: null,
      sectors: { food_security: { gapPct: 91, familiesInNeed: null }, nfi: { gapPct: 83, familiesInNeed: null }, shelter: { gapPct: 93, familiesInNeed: 6077 } },
      createdBy: coordinator.name,
      updatedBy: coordinator.name,
      approvedAt: null,
    });
    expect(gapsOf("SY0200", "2020-W04")).toEqual([
      { code: "food_security", tenths: 910, need: null },
      { code: "nfi", tenths: 830, need: null },
      { code: "shelter", tenths: 930, need: 6077 },
    ]);
    const revs = revisionsOf("SY0200", "2020-W04");
    expect(revs).toHaveLength(1);
    expect(revs[0]).toMatchObject({ version: 1, action: "create", reason: null, changedBy: coordinator.id });
    expect(revs[0]!.snapshot).toMatchObject({ pcode: "SY0200", week: "2020-W04", status: "submitted", newlyDisplacedFamilies: 6077, sectors: { nfi: { gapPct: 83 } } });
    const audit = auditSince(db, before);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: coordinator.id, action: "report.create", entityType: "report", entityId: "SY0200/2020-W04", oldValues: null });
    expect(audit[0]!.newValues).toMatchObject({ version: 1, totalDisplacedFamilies: 11000, status: "submitted" });
    // Submitted figures count: Jebel Saman reports directly and Aleppo sums it.
    expect(rollup("SY0200", "2020-W04")).toEqual({ basis: "direct", newly: 6077, total: 11000 });
    expect(rollup("SY02", "2020-W04")).toEqual({ basis: "children", newly: 6077, total: 11000 });
  });

  it("updates from the stored version: version + 1, the gap set replaced, a revision and an audit row with old and new values", () => {
    const before = lastAuditId(db);
    const saved = saveWeeklyReport(db, coordinator, {
      pcode: "SY0200",
      week: "2020-W04",
      input: { ...FIELD_REPORT, totalDisplacedFamilies: 11200, sectors: { food_security: { gapPct: 90.5 }, nfi: { gapPct: 83 } }, version: 1 },
    });
    expect(saved.created).toBe(false);
    expect(saved.report.version).toBe(2);
    expect(gapsOf("SY0200", "2020-W04")).toEqual([
      { code: "food_security", tenths: 905, need: null },
      { code: "nfi", tenths: 830, need: null },
    ]);
    expect(revisionsOf("SY0200", "2020-W04").map((r) => [r.version, r.action])).toEqual([
      [1, "create"],
      [2, "update"],
    ]);
    const [row] = auditSince(db, before);
    expect(row).toMatchObject({ action: "report.update", entityId: "SY0200/2020-W04" });
    expect(row!.oldValues).toMatchObject({ version: 1, totalDisplacedFamilies: 11000, sectors: { shelter: { gapPct: 93 } } });
    expect(row!.newValues).toMatchObject({ version: 2, totalDisplacedFamilies: 11200 });
    expect((row!.newValues as { sectors: object }).sectors).not.toHaveProperty("shelter");
    expect(rollup("SY0200", "2020-W04")).toEqual({ basis: "direct", newly: 6077, total: 11200 });
  });

  it("the history shows who changed which fields from what to what, newest first", () => {
    const revs = listReportRevisions(db, viewer, { pcode: "SY0200", week: "2020-W04" });
    expect(revs.map((r) => [r.version, r.action, r.changedBy])).toEqual([
      [2, "update", coordinator.name],
      [1, "create", coordinator.name],
    ]);
    expect(revs[0]!.changes).toEqual([
      { field: "totalDisplacedFamilies", from: 11000, to: 11200 },
      { field: "sectors.food_security.gapPct", from: 91, to: 90.5 },
      { field: "sectors.shelter.gapPct", from: 93, to: null },
      { field: "sectors.shelter.familiesInNeed", from: 6077, to: null },
    ]);
    expect(revs[1]!.changes).toContainEqual({ field: "newlyDisplacedFamilies", from: null, to: 6077 });
    expect(revs[1]!.changes.map((c) => c.field)).not.toContain("pcode");
  });

  it("an edit started from an older version is refused, naming who changed what and when; nothing is written", async () => {
    const before = digest(db);
    const e = await expectAppError(
      () => saveWeeklyReport(db, otherCoordinator, { pcode: "SY0200", week: "2020-W04", input: { ...FIELD_REPORT, newlyDisplacedFamilies: 1, repeatDisplacedFamilies: 0, version: 1 } }),
      "conflict",
    );
    expect(e.status).toBe(409);
    expect(e.msg.key).toBe("errors.reportChanged");
    expect(e.msg.values).toMatchObject({ by: coordinator.name, version: 2 });
    expect(String(e.msg.values!.fields).split(", ")).toEqual([
      "totalDisplacedFamilies",
      "sectors.food_security.gapPct",
      "sectors.shelter.gapPct",
      "sectors.shelter.familiesInNeed",
    ]);
    expect(Date.parse(String(e.msg.values!.at))).not.toBeNaN();
    expect(digest(db)).toBe(before);
    expect(getWeeklyReport(db, viewer, { pcode: "SY0200", week: "2020-W04" })?.totalDisplacedFamilies).toBe(11200);
  });

  it("creating (version 0) a report that exists is a conflict; a version for a report that does not exist too", async () => {
    const before = digest(db);
    const e = await expectAppError(() => saveWeeklyReport(db, coordinator, { pcode: "SY0200", week: "2020-W04", input: FIELD_REPORT }), "conflict");
    expect(e.msg.key).toBe("errors.reportChanged");
    const e2 = await expectAppError(() => saveWeeklyReport(db, coordinator, { pcode: "SY0200", week: "2020-W10", input: { ...FIELD_REPORT, version: 3 } }), "conflict");
    expect(e2.msg).toEqual({ key: "errors.reportNotCreated", values: { version: 3 } });
    expect(digest(db)).toBe(before);
  });

  it("a draft does not count in rollups; submitting it does, and is recorded as a submit", () => {
    saveWeeklyReport(db, coordinator, { pcode: "SY020400", week: "2020-W04", input: { ...FIELD_REPORT, newlyDisplacedFamilies: 850, repeatDisplacedFamilies: 510, totalDisplacedFamilies: 5100, status: "draft" } });
    expect(rollup("SY020400", "2020-W04")).toBeUndefined();
    const saved = saveWeeklyReport(db, coordinator, {
      pcode: "SY020400",
      week: "2020-W04",
      input: { ...FIELD_REPORT, newlyDisplacedFamilies: 850, repeatDisplacedFamilies: 510, totalDisplacedFamilies: 5100, status: "submitted", version: 1 },
    });
    expect(saved.report.status).toBe("submitted");
    expect(revisionsOf("SY020400", "2020-W04").map((r) => r.action)).toEqual(["create", "submit"]);
    expect(rollup("SY020400", "2020-W04")).toEqual({ basis: "direct", newly: 850, total: 5100 });
    expect(rollup("SY02", "2020-W04")).toEqual({ basis: "children", newly: 6077 + 850, total: 11200 + 5100 });
  });

  it("a coordinator may set a submitted report back to draft", () => {
    const saved = saveWeeklyReport(db, coordinator, {
      pcode: "SY020400",
      week: "2020-W04",
      input: { ...FIELD_REPORT, newlyDisplacedFamilies: 850, repeatDisplacedFamilies: 510, totalDisplacedFamilies: 5100, status: "draft", version: 2 },
    });
    expect(saved.report).toMatchObject({ status: "draft", version: 3 });
    expect(rollup("SY020400", "2020-W04")).toBeUndefined();
  });
});

describe("validation", () => {
  const refused = async (input: unknown, week: unknown = "2020-W20") => {
    const before = digest(db);
    const e = await expectAppError(() => saveWeeklyReport(db, coordinator, { pcode: "SY0200", week, input }), "invalid");
    expect(digest(db), "a refused save writes nothing").toBe(before);
    return e.fieldErrors;
  };

  it("repeat displacement above newly displaced is a field error on repeatDisplacedFamilies", async () => {
    expect(await refused({ ...FIELD_REPORT, repeatDisplacedFamilies: 7000 })).toEqual({ repeatDisplacedFamilies: { key: "validation.repeatAboveNew" } });
  });

  it("gaps: 0–100 with one decimal; counts: whole, not negative; a gap is needed when families in need are given", async () => {
    expect(await refused({ ...FIELD_REPORT, sectors: { nfi: { gapPct: 83.25 } } })).toEqual({ "sectors.nfi.gapPct": { key: "validation.oneDecimal" } });
    expect(await refused({ ...FIELD_REPORT, sectors: { nfi: { gapPct: 100.5 } } })).toEqual({ "sectors.nfi.gapPct": { key: "validation.tooBig", values: { maximum: 100 } } });
    expect(await refused({ ...FIELD_REPORT, sectors: { nfi: { familiesInNeed: 10 } } })).toEqual({ "sectors.nfi.gapPct": { key: "validation.gapForNeed" } });
    expect(await refused({ ...FIELD_REPORT, newlyDisplacedFamilies: -1 })).toMatchObject({ newlyDisplacedFamilies: { key: "validation.tooSmall" } });
    expect(await refused({ ...FIELD_REPORT, totalDisplacedFamilies: 10.5 })).toEqual({ totalDisplacedFamilies: { key: "validation.wholeNumber" } });
    expect(await refused({ ...FIELD_REPORT, individuals: "many" })).toEqual({ individuals: { key: "validation.number" } });
    expect(await refused({ ...FIELD_REPORT, newlyDisplacedFamilies: true })).toEqual({ newlyDisplacedFamilies: { key: "validation.number" } });
    expect(await refused({ ...FIELD_REPORT, newlyDisplacedFamilies: undefined })).toEqual({ newlyDisplacedFamilies: { key: "validation.required" } });
  });

  it("an unknown or retired sector is a field error on that sector", async () => {
    expect(await refused({ ...FIELD_REPORT, sectors: { wash: { gapPct: 10 } } })).toEqual({ "sectors.wash": { key: "validation.sectorUnknown", values: { code: "wash" } } });
    expect(await refused({ ...FIELD_REPORT, sectors: { "Food Security": { gapPct: 10 } } })).toEqual({ "sectors.Food Security": { key: "validation.sectorCode" } });
  });

  it("a coordinator cannot set 'approved', and unknown fields are refused", async () => {
    expect(await refused({ ...FIELD_REPORT, status: "approved" })).toMatchObject({ status: { key: "validation.oneOf" } });
    expect(await refused({ ...FIELD_REPORT, approvedBy: 1 })).toEqual({ _form: { key: "validation.unknownKeys", values: { keys: "approvedBy" } } });
  });

  it("the week must be a real ISO week", async () => {
    expect(await refused(FIELD_REPORT, "2020-W54")).toEqual({ week: { key: "validation.week" } });
    expect(await refused(FIELD_REPORT, "last week")).toEqual({ week: { key: "validation.week" } });
  });

  it("the form's text values parse like the API's numbers (Arabic-Indic digits and thousands separators included)", () => {
    const saved = saveWeeklyReport(db, coordinator, {
      pcode: "SY0202",
      week: "2020-W04",
      input: {
        newlyDisplacedFamilies: "٦٠٧٧",
        repeatDisplacedFamilies: "6,077",
        totalDisplacedFamilies: "11000",
        individuals: "",
        sectors: { food_security: { gapPct: "91٫5", familiesInNeed: "" }, nfi: { gapPct: "", familiesInNeed: "" } },
        notes: "  ",
        source: "",
        status: "draft",
        version: "0",
        acknowledgeWarnings: "on",
      },
    });
    expect(saved.report).toMatchObject({ newlyDisplacedFamilies: 6077, repeatDisplacedFamilies: 6077, individuals: null, notes: "", sectors: { food_security: { gapPct: 91.5, familiesInNeed: null } } });
    expect(saved.report.sectors).not.toHaveProperty("nfi");
  });
});

describe("warnings against last week", () => {
  it("the form must confirm figures far from last week's; the API is only told", async () => {
    saveWeeklyReport(db, idlebCoordinator, { pcode: "SY0703", week: "2020-W03", input: { ...FIELD_REPORT, newlyDisplacedFamilies: 100, repeatDisplacedFamilies: 10, totalDisplacedFamilies: 1000 } });
    const jump = { ...FIELD_REPORT, newlyDisplacedFamilies: 400, repeatDisplacedFamilies: 10, totalDisplacedFamilies: 1100, sectors: { food_security: { gapPct: 40 } } };
    const before = digest(db);
    const e = await expectAppError(() => saveWeeklyReport(db, idlebCoordinator, { pcode: "SY0703", week: "2020-W04", input: jump, requireConfirmedWarnings: true }), "invalid");
    expect(e.fieldErrors).toEqual({ acknowledgeWarnings: { key: "validation.confirmWarnings" } });
    expect(digest(db)).toBe(before);
    const saved = saveWeeklyReport(db, idlebCoordinator, { pcode: "SY0703", week: "2020-W04", input: { ...jump, acknowledgeWarnings: true }, requireConfirmedWarnings: true });
    expect(saved.warnings).toEqual([
      { field: "newlyDisplacedFamilies", kind: "rise", against: "previousWeek", previousWeek: "2020-W03", previous: 100, current: 400 },
      { field: "sectors.food_security.gapPct", kind: "gapChange", against: "previousWeek", previousWeek: "2020-W03", previous: 91, current: 40 },
    ]);
  });
});

describe("approval, locking and reopening", () => {
  it("only submitted reports can be approved; a stale version is refused", async () => {
    const before = digest(db);
    const draft = await expectAppError(() => approveReport(db, admin, { pcode: "SY020400", week: "2020-W04" }), "conflict");
    expect(draft.msg).toEqual({ key: "errors.reportNotSubmitted", values: { status: "draft" } });
    const stale = await expectAppError(() => approveReport(db, admin, { pcode: "SY0200", week: "2020-W04", version: 1 }), "conflict");
    expect(stale.msg.key).toBe("errors.reportChangedBeforeApproval");
    await expectAppError(() => approveReport(db, admin, { pcode: "SY0200", week: "2020-W30" }), "not_found");
    expect(digest(db)).toBe(before);
  });

  it("an admin approves: status approved, who and when, a revision and an audit row", () => {
    const before = lastAuditId(db);
    const report = approveReport(db, admin, { pcode: "SY0200", week: "2020-W04", version: "2" });
    expect(report).toMatchObject({ status: "approved", version: 3, approvedBy: admin.name, updatedBy: admin.name });
    expect(report.approvedAt).toEqual(expect.any(String));
    expect(revisionsOf("SY0200", "2020-W04").at(-1)).toMatchObject({ version: 3, action: "approve", changedBy: admin.id });
    const [row] = auditSince(db, before);
    expect(row).toMatchObject({ actorId: admin.id, action: "report.approve", entityId: "SY0200/2020-W04" });
    expect(row!.oldValues).toMatchObject({ status: "submitted", version: 2 });
    expect(row!.newValues).toMatchObject({ status: "approved", version: 3 });
  });

  it("approved figures are locked: neither the coordinator nor an admin can save over them", async () => {
    const before = digest(db);
    for (const who of [coordinator, admin]) {
      const e = await expectAppError(() => saveWeeklyReport(db, who, { pcode: "SY0200", week: "2020-W04", input: { ...FIELD_REPORT, version: 3 } }), "forbidden");
      expect(e.msg.key).toBe("errors.reportLocked");
      expect(e.status).toBe(403);
    }
    expect(digest(db)).toBe(before);
    expect(getReportEntry(db, coordinator, { pcode: "SY0200", week: "2020-W04" })).toMatchObject({ canEdit: false, canApprove: false, canReopen: false });
    expect(getReportEntry(db, admin, { pcode: "SY0200", week: "2020-W04" })).toMatchObject({ canEdit: false, canReopen: true });
  });

  it("reopening needs a reason and is admin only; it unlocks the report as submitted and records the reason", async () => {
    const e = await expectAppError(() => reopenReport(db, admin, { pcode: "SY0200", week: "2020-W04", reason: " " }), "invalid");
    expect(e.fieldErrors).toEqual({ reason: { key: "validation.reasonRequired" } });
    await expectAppError(() => reopenReport(db, coordinator, { pcode: "SY0200", week: "2020-W04", reason: "typo" }), "forbidden");
    const before = lastAuditId(db);
    const report = reopenReport(db, admin, { pcode: "SY0200", week: "2020-W04", reason: "NFI gap was 38, not 83" });
    expect(report).toMatchObject({ status: "submitted", version: 4, approvedAt: null, approvedBy: null });
    expect(revisionsOf("SY0200", "2020-W04").at(-1)).toMatchObject({ action: "reopen", reason: "NFI gap was 38, not 83" });
    expect(auditSince(db, before)[0]!.newValues).toMatchObject({ status: "submitted", reason: "NFI gap was 38, not 83" });
    const again = await expectAppError(() => reopenReport(db, admin, { pcode: "SY0200", week: "2020-W04", reason: "twice" }), "conflict");
    expect(again.msg).toEqual({ key: "errors.reportNotApproved", values: { status: "submitted" } });
    // The coordinator can correct it now.
    const fixed = saveWeeklyReport(db, coordinator, { pcode: "SY0200", week: "2020-W04", input: { ...FIELD_REPORT, sectors: { nfi: { gapPct: 38 } }, version: 4 } });
    expect(fixed.report).toMatchObject({ version: 5, status: "submitted", sectors: { nfi: { gapPct: 38 } } });
  });

  it("approve all: every submitted report under the area for that week, each with its own revision and audit row; drafts and other areas untouched", () => {
    saveWeeklyReport(db, coordinator, { pcode: "SY020000", week: "2020-W04", input: FIELD_REPORT });
    expect(listReportsAwaitingApproval(db, admin, { week: "2020-W04" }).reports.map((r) => [r.governorate.pcode, r.pcode])).toEqual([
      ["SY02", "SY0200"],
      ["SY02", "SY020000"],
      ["SY07", "SY0703"],
    ]);
    const before = lastAuditId(db);
    const shown = listReportsAwaitingApproval(db, admin, { week: "2020-W04" })
      .reports.filter((r) => r.governorate.pcode === "SY02")
      .map((r) => `${r.pcode}:${r.version}`);
    const { approved } = approveAllSubmitted(db, admin, { pcode: "SY02", week: "2020W4", reports: shown });
    expect(approved.map((r) => r.pcode)).toEqual(["SY0200", "SY020000"]);
    expect(auditSince(db, before).map((a) => [a.action, a.entityId])).toEqual([
      ["report.approve", "SY0200/2020-W04"],
      ["report.approve", "SY020000/2020-W04"],
    ]);
    expect(getWeeklyReport(db, admin, { pcode: "SY0703", week: "2020-W04" })?.status).toBe("submitted");
    expect(getWeeklyReport(db, admin, { pcode: "SY020400", week: "2020-W04" })?.status).toBe("draft");
    expect(approveAllSubmitted(db, admin, { pcode: "SY02", week: "2020-W04", reports: shown }).approved).toEqual([]);
  });
});

describe("who may do what", () => {
  it("viewers never write; coordinators only within their areas; unknown areas are 404 before any role check", async () => {
    const before = digest(db);
    await expectAppError(() => saveWeeklyReport(db, null, { pcode: "SY0200", week: "2020-W05", input: FIELD_REPORT }), "unauthenticated");
    await expectAppError(() => saveWeeklyReport(db, viewer, { pcode: "SY0200", week: "2020-W05", input: FIELD_REPORT }), "forbidden");
    await expectAppError(() => saveWeeklyReport(db, otherCoordinator, { pcode: "SY0204", week: "2020-W05", input: FIELD_REPORT }), "forbidden");
    await expectAppError(() => saveWeeklyReport(db, coordinator, { pcode: "SY0703", week: "2020-W05", input: FIELD_REPORT }), "forbidden");
    await expectAppError(() => saveWeeklyReport(db, viewer, { pcode: "SY9999", week: "2020-W05", input: FIELD_REPORT }), "not_found");
    await expectAppError(() => approveReport(db, coordinator, { pcode: "SY0703", week: "2020-W04" }), "forbidden");
    await expectAppError(() => approveAllSubmitted(db, viewer, { pcode: "SY07", week: "2020-W04", reports: ["SY0703:1"] }), "forbidden");
    expect(digest(db)).toBe(before);
  });

  it("a coordinator writes below their areas (a community), and the page says what they may do", () => {
    const saved = saveWeeklyReport(db, otherCoordinator, { pcode: "SY020000", week: "2020-W05", input: { ...FIELD_REPORT, status: "draft" } });
    expect(saved.report.pcode).toBe("SY020000");
    expect(getReportEntry(db, otherCoordinator, { pcode: "SY020000", week: "2020-W05" })).toMatchObject({ canEdit: true, canApprove: false });
    expect(getReportEntry(db, viewer, { pcode: "SY020000", week: "2020-W05" })).toMatchObject({ canEdit: false, canApprove: false });
    expect(getReportEntry(db, otherCoordinator, { pcode: "SY0204", week: "2020-W05" })).toMatchObject({ canEdit: false, report: null });
  });

  it("a deactivated account is nobody from its next request", async () => {
    const gone = await makeUser(db, "coordinator", ["SY02"]);
    setUserActive(db, admin, { id: gone.id, active: false });
    const { loadActor } = await import("@/lib/auth/actor");
    await expectAppError(() => saveWeeklyReport(db, loadActor(db, gone.id), { pcode: "SY0200", week: "2020-W05", input: FIELD_REPORT }), "unauthenticated");
  });
});

describe("my week", () => {
  it("lists the coordinator's areas, their sub-areas and deeper areas with a report, each with its status", () => {
    const { week, rows } = listMyWeek(db, coordinator, { week: "2020-W04" });
    expect(week).toBe("2020-W04");
    const byCode = new Map(rows.map((r) => [r.pcode, r]));
    expect(rows[0]).toMatchObject({ pcode: "SY02", depth: 0, status: "missing" });
    expect(byCode.get("SY0200")).toMatchObject({ depth: 1, status: "approved", version: 6 });
    expect(byCode.get("SY0204")).toMatchObject({ depth: 1, status: "missing", version: 0 });
    expect(byCode.get("SY020400")).toMatchObject({ depth: 2, status: "draft" });
    expect(byCode.get("SY020000")).toMatchObject({ depth: 2, status: "approved" });
    // Tree order: each area right after its parent.
    expect(rows.findIndex((r) => r.pcode === "SY020000")).toBe(rows.findIndex((r) => r.pcode === "SY0200") + 1);
    expect(rows.some((r) => r.pcode.startsWith("SY07"))).toBe(false);
    expect(countRows(db, "areas")).toBeGreaterThan(rows.length);
  });

  it("is refused to viewers and empty for admins (who have no assigned areas)", async () => {
    await expectAppError(() => listMyWeek(db, viewer, { week: "2020-W04" }), "forbidden");
    expect(listMyWeek(db, admin, { week: "2020-W04" }).rows).toEqual([]);
    await expectAppError(() => listMyWeek(db, coordinator, { week: "2020-W99" }), "invalid");
  });
});
