import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { handlePutReport } from "@/lib/api/reports";
import { previewImport } from "@/lib/import/apply";
import { approveReport, reopenReport } from "@/lib/reports/approval";
import { autoLockWeek, listDeadlineWeeks, lockWeek, unlockWeek, updateReportingSettings, readReportingSettings, setWeekDeadline, weekLock } from "@/lib/reports/deadlines";
import { getReportEntry, listMyWeek } from "@/lib/reports/read";
import { saveWeeklyReport } from "@/lib/reports/save";
import { auditSince, expectAppError, freshDb, lastAuditId, makeUser } from "../factories";

let db: Db;
let admin: Actor;
let coord: Actor;

const input = (version: number, status = "submitted") => ({
  newlyDisplacedFamilies: 100,
  repeatDisplacedFamilies: 10,
  totalDisplacedFamilies: 500,
  sectors: { food_security: { gapPct: 50 } },
  status,
  version,
});
const settings = (s: { deadlineDays?: number; lockDays?: number | null; timeZone?: string }) => {
  const now = readReportingSettings(db);
  return updateReportingSettings(db, admin, { deadlineDays: s.deadlineDays ?? 2, lockDays: s.lockDays ?? null, timeZone: s.timeZone ?? "Asia/Damascus", version: now.version });
};

beforeAll(async () => {
  db = freshDb();
  admin = await makeUser(db, "admin");
  coord = await makeUser(db, "coordinator", ["SY02"]);
});

describe("deadlines: the Tuesday after the ISO week, as an instant in the settings' zone", () => {
  it("defaults to the end of the Tuesday after the week in Asia/Damascus, with no automatic lock", () => {
    // 2020-W10 is 2–8 March 2020; Damascus was UTC+2 then, so Tuesday 10 March ends at 22:00 UTC.
    const d = weekLock(db, "2020-W10", new Date("2026-01-01T00:00:00Z"));
    expect(d).toMatchObject({ deadlineDate: "2020-03-10", deadline: "2020-03-10T22:00:00.000Z", lockAt: null, locked: false, timeZone: "Asia/Damascus" });
    // The same week's deadline in summer time (2020-W30: Damascus UTC+3) ends at 21:00 UTC.
    expect(weekLock(db, "2020-W30").deadline).toBe("2020-07-28T21:00:00.000Z");
  });

  it("follows the zone setting and a per-week date, audited", () => {
    const before = lastAuditId(db);
    settings({ timeZone: "UTC" });
    expect(weekLock(db, "2020-W10").deadline).toBe("2020-03-11T00:00:00.000Z");
    setWeekDeadline(db, admin, { week: "2020-W10", deadlineDate: "2020-03-12" });
    expect(weekLock(db, "2020-W10")).toMatchObject({ deadlineDate: "2020-03-12", deadline: "2020-03-13T00:00:00.000Z", dateOverridden: true });
    setWeekDeadline(db, admin, { week: "2020-W10", deadlineDate: "" });
    expect(weekLock(db, "2020-W10").dateOverridden).toBe(false);
    settings({ timeZone: "Asia/Damascus" });
    expect(auditSince(db, before).map((a) => a.action)).toEqual(["deadline.settings", "deadline.set", "deadline.set", "deadline.settings"]);
  });

  it("refuses bad settings per field and changes nothing", async () => {
    const before = readReportingSettings(db);
    const e = await expectAppError(() => updateReportingSettings(db, admin, { deadlineDays: -1, lockDays: "x", timeZone: "Mars/Base", version: before.version }), "invalid");
    expect(Object.keys(e.fieldErrors ?? {}).sort()).toEqual(["deadlineDays", "lockDays", "timeZone"]);
    expect(readReportingSettings(db)).toEqual(before);
    await expectAppError(() => updateReportingSettings(db, coord, { deadlineDays: 2, lockDays: null, timeZone: "UTC", version: before.version }), "forbidden");
  });
});

describe("due / submitted / overdue on My week, across the deadline", () => {
  const W = "2020-W12"; // 16–22 March 2020; Damascus UTC+2: deadline Tuesday 24 March, 22:00 UTC
  it("is due just before the deadline and overdue just after it; submitted once a figure counts", () => {
    const justBefore = new Date("2020-03-24T21:59:59.999Z");
    const justAfter = new Date("2020-03-24T22:00:00.000Z");
    const before = listMyWeek(db, coord, { week: W }, justBefore);
    expect(before.deadline.deadline).toBe("2020-03-24T22:00:00.000Z");
    const unit = (m: typeof before) => m.rows.find((r) => r.pcode === "SY02")!;
    expect(unit(before).due).toBe("due");
    // Its sub-areas are listed for convenience but nobody expects them.
    expect(before.rows.find((r) => r.pcode === "SY0200")!.due).toBeNull();
    expect(unit(listMyWeek(db, coord, { week: W }, justAfter)).due).toBe("overdue");
    // In UTC the same day ends two hours later: still due at 22:00 UTC.
    settings({ timeZone: "UTC" });
    expect(unit(listMyWeek(db, coord, { week: W }, justAfter)).due).toBe("due");
    expect(unit(listMyWeek(db, coord, { week: W }, new Date("2020-03-25T00:00:00Z"))).due).toBe("overdue");
    settings({ timeZone: "Asia/Damascus" });
    // A draft does not count; a submitted sub-area's figure rolls up to the unit (the completeness rule).
    saveWeeklyReport(db, coord, { pcode: "SY0200", week: W, input: input(0, "draft") });
    expect(unit(listMyWeek(db, coord, { week: W }, justAfter)).due).toBe("overdue");
    saveWeeklyReport(db, coord, { pcode: "SY0200", week: W, input: input(1) });
    expect(unit(listMyWeek(db, coord, { week: W }, justAfter)).due).toBe("submitted");
  });
});

describe("locked weeks: refused for everyone but admins", () => {
  const W = "2020-W14";
  it("locks automatically M days after the deadline", () => {
    settings({ lockDays: 3 });
    // Deadline: end of Tuesday 7 April 2020 (Damascus UTC+3 from 27 March) = 21:00 UTC; lock three days later.
    const at = weekLock(db, W, new Date("2020-04-10T20:59:59Z"));
    expect(at).toMatchObject({ deadline: "2020-04-07T21:00:00.000Z", lockAt: "2020-04-10T21:00:00.000Z", locked: false });
    expect(weekLock(db, W, new Date("2020-04-10T21:00:00Z")).locked).toBe(true);
  });

  it("refuses a coordinator's save (form and API: 423), and shows the form read-only; an admin may save", async () => {
    const e = await expectAppError(() => saveWeeklyReport(db, coord, { pcode: "SY0200", week: W, input: input(0) }), "locked");
    expect(e.status).toBe(423);
    expect(e.msg).toEqual({ key: "errors.weekLocked", values: { week: W } });
    const api = handlePutReport(db, { actor: coord, token: null, ip: "192.0.2.1" }, { pcode: "SY0200", week: W, body: JSON.stringify(input(0)) });
    expect(api.status).toBe(423);
    expect(api.body).toMatchObject({ error: { code: "locked", key: "errors.weekLocked" } });
    expect(getReportEntry(db, coord, { pcode: "SY0200", week: W })).toMatchObject({ canEdit: false, weekLocked: true });
    expect(getReportEntry(db, admin, { pcode: "SY0200", week: W })).toMatchObject({ canEdit: true, weekLocked: true });
    const saved = saveWeeklyReport(db, admin, { pcode: "SY0200", week: W, input: input(0) });
    expect(saved.created).toBe(true);
    // Status changes are admins' own, and they stay allowed; approved stays approved.
    approveReport(db, admin, { pcode: "SY0200", week: W });
    reopenReport(db, admin, { pcode: "SY0200", week: W, reason: "correction" });
  });

  it("marks locked rows in an import preview", async () => {
    const csv = `P-code,Week,Newly displaced families,Of which displaced more than once,Total displaced families\nSY0202,${W},10,0,100\nSY0202,2020-W40,10,0,100\n`;
    const file = { name: "x.csv", bytes: new TextEncoder().encode(csv) };
    settings({ lockDays: null });
    lockWeek(db, admin, { week: W, reason: "" });
    const p = await previewImport(db, coord, file);
    expect(p.errors).toEqual([{ row: 2, column: "P-code", msg: { key: "figuresImport.row.weekLocked", values: { pcode: "SY0202", week: W } } }]);
    expect(p.items.map((i) => i.week)).toEqual(["2020-W40"]);
    // An admin's preview has no such error.
    expect((await previewImport(db, admin, file)).errors).toEqual([]);
  });

  it("unlocks with a required reason (audited), then locks again", async () => {
    const before = lastAuditId(db);
    const e = await expectAppError(() => unlockWeek(db, admin, { week: W, reason: " " }), "invalid");
    expect(e.fieldErrors?.reason?.key).toBe("validation.unlockReason");
    await expectAppError(() => unlockWeek(db, coord, { week: W, reason: "late data from the field" }), "forbidden");
    expect(auditSince(db, before)).toEqual([]);
    expect(unlockWeek(db, admin, { week: W, reason: "late data from the field" })).toMatchObject({ locked: false, lockState: "unlocked" });
    const saved = saveWeeklyReport(db, coord, { pcode: "SY0202", week: W, input: input(0) });
    expect(saved.created).toBe(true);
    lockWeek(db, admin, { week: W, reason: "round closed" });
    await expectAppError(() => saveWeeklyReport(db, coord, { pcode: "SY0202", week: W, input: input(1) }), "locked");
    const audit = auditSince(db, before).filter((a) => a.entityType === "reporting_week");
    expect(audit.map((a) => [a.action, a.entityId])).toEqual([
      ["deadline.unlock", W],
      ["deadline.lock", W],
    ]);
    expect(audit[0]!.newValues).toMatchObject({ lockState: "unlocked", lockReason: "late data from the field" });
    expect(audit[0]!.oldValues).toMatchObject({ lockState: "locked" });
  });

  it("lists the weeks around now for the admin's page", () => {
    const page = listDeadlineWeeks(db, admin, new Date("2020-04-15T12:00:00Z"));
    expect(page.currentWeek).toBe("2020-W16");
    expect(page.weeks).toHaveLength(17);
    expect(page.weeks.find((w) => w.week === W)).toMatchObject({ locked: true, lockState: "locked", lockReason: "round closed" });
  });

  it("returns a week locked or unlocked by hand to the automatic lock (admins only, audited), keeping its own deadline", async () => {
    const week = "2020-W20";
    settings({ lockDays: 3 });
    setWeekDeadline(db, admin, { week, deadlineDate: "2020-05-20" });
    unlockWeek(db, admin, { week, reason: "late figures from Afrin" });
    expect(weekLock(db, week)).toMatchObject({ locked: false, lockState: "unlocked" });
    const before = lastAuditId(db);
    await expectAppError(() => autoLockWeek(db, coord, { week }), "forbidden");
    await expectAppError(() => autoLockWeek(db, admin, { week: "2020-W99" }), "invalid");
    expect(auditSince(db, before)).toEqual([]);

    // Long past its deadline and the three days after it: automatic again means locked again.
    const auto = autoLockWeek(db, admin, { week });
    expect(auto).toMatchObject({ locked: true, lockState: null, lockReason: null, deadlineDate: "2020-05-20", dateOverridden: true, lockAt: "2020-05-23T21:00:00.000Z" });
    await expectAppError(() => saveWeeklyReport(db, coord, { pcode: "SY0202", week, input: input(0) }), "locked");
    const audit = auditSince(db, before);
    expect(audit.map((a) => [a.action, a.entityId])).toEqual([["deadline.auto", week]]);
    expect(audit[0]!.oldValues).toMatchObject({ lockState: "unlocked", lockReason: "late figures from Afrin", deadlineDate: "2020-05-20" });
    expect(audit[0]!.newValues).toMatchObject({ lockState: null, lockReason: null, deadlineDate: "2020-05-20" });

    // With no automatic lock, automatic means open; a week locked by hand opens as it returns.
    settings({ lockDays: null });
    lockWeek(db, admin, { week, reason: "" });
    expect(weekLock(db, week).locked).toBe(true);
    expect(autoLockWeek(db, admin, { week })).toMatchObject({ locked: false, lockState: null, lockAt: null });
  });
});
