import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reportingSettings, reportingWeeks } from "@/db/schema";
import { writeAudit, type Tx } from "../audit";
import type { Actor } from "../auth/actor";
import { requireActor, requireRole } from "../auth/authorize";
import { AppError, conflict } from "../errors";
import { canonicalTimeZone, startOfDayIn } from "../i18n/format";
import {
  reportingSettingsInput,
  weekDeadlineInput,
  weekLockInput,
  weekUnlockInput,
  weekAutoLockInput,
  type ReportingSettingsInput,
  type WeekAutoLockInput,
  type WeekDeadlineInput,
  type WeekLockInput,
  type WeekUnlockInput,
} from "../validation/deadlines";
import { parseInput } from "../validation/zod-messages";
import { addWeeks, weekEnd, weekOf } from "../weeks";
import { requireReportWeek } from "./model";

/**
 * Reporting deadlines and week locks (docs/decisions/056 and 057). A week's deadline is an
 * instant: the end of its deadline day (by default the Tuesday after the ISO week) in the
 * settings' zone. With `lockDays` set, the week locks that many days after the deadline, and a
 * locked week refuses saves and status changes from everyone but admins. An admin may lock or
 * unlock one week by hand, which overrides the automatic lock.
 */

export type ReportingSettings = { deadlineDays: number; lockDays: number | null; timeZone: string; version: number; updatedAt: string | null };

const DEFAULTS: ReportingSettings = { deadlineDays: 2, lockDays: null, timeZone: "Asia/Damascus", version: 1, updatedAt: null };

/** The settings, or the defaults before an admin saved any (no actor: what every save path reads). */
export function readReportingSettings(db: Pick<Db, "select">): ReportingSettings {
  const row = db.select().from(reportingSettings).where(eq(reportingSettings.id, 1)).get();
  if (!row) return DEFAULTS;
  // Stored under Intl's canonical name (updateReportingSettings): not checked again on every save.
  return { deadlineDays: row.deadlineDays, lockDays: row.lockDays, timeZone: row.timeZone, version: row.version, updatedAt: row.updatedAt };
}

export type WeekDeadline = {
  week: string;
  /** The deadline day, as people say it ("Tuesday 28 January"), in `timeZone`. */
  deadlineDate: string;
  /** The instant the deadline passes: the end of `deadlineDate` in `timeZone`. */
  deadline: string;
  /** True when an admin set this week's date. */
  dateOverridden: boolean;
  /** When the week locks by itself (null: no automatic lock, or an admin's choice overrides it). */
  lockAt: string | null;
  locked: boolean;
  /** An admin's choice for this week, with its reason. */
  lockState: "locked" | "unlocked" | null;
  lockReason: string | null;
  timeZone: string;
};

const DAY = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const sundayOf = (week: string) => weekEnd(week).toISOString().slice(0, 10);

type WeekRow = typeof reportingWeeks.$inferSelect;

function deadlineOf(week: string, s: ReportingSettings, row: WeekRow | undefined, now: Date): WeekDeadline {
  const deadlineDate = row?.deadlineDate ?? addDays(sundayOf(week), s.deadlineDays);
  const deadline = startOfDayIn(addDays(deadlineDate, 1), s.timeZone);
  const autoLockAt = s.lockDays === null ? null : startOfDayIn(addDays(deadlineDate, 1 + s.lockDays), s.timeZone);
  const lockState = row?.lockState ?? null;
  const locked = lockState === "locked" || (lockState === null && autoLockAt !== null && now.getTime() >= Date.parse(autoLockAt));
  return {
    week,
    deadlineDate,
    deadline,
    dateOverridden: !!row?.deadlineDate,
    lockAt: lockState === null ? autoLockAt : null,
    locked,
    lockState,
    lockReason: row?.lockReason ?? null,
    timeZone: s.timeZone,
  };
}

/** The deadline and lock of each week (no actor: callers have checked theirs). */
export function weekDeadlines(db: Pick<Db, "select">, weeks: string[], now: Date = new Date()): Map<string, WeekDeadline> {
  const s = readReportingSettings(db);
  const rows = weeks.length ? new Map(db.select().from(reportingWeeks).where(inArray(reportingWeeks.week, weeks)).all().map((r) => [r.week, r])) : new Map<string, WeekRow>();
  return new Map(weeks.map((w) => [w, deadlineOf(w, s, rows.get(w), now)]));
}

/** One week's deadline and lock. */
export function weekLock(db: Pick<Db, "select">, week: string, now: Date = new Date()): WeekDeadline {
  return weekDeadlines(db, [week], now).get(week)!;
}

/** A locked week's refusal: 423 in the API, a message in the form, a row error in an import preview. */
export const weekLocked = (week: string) => new AppError("locked", { key: "errors.weekLocked", values: { week } });

/**
 * THE LOCK CHECK, called by the one save path (saveReportInTx) and the one status-change path
 * (changeStatus), inside their transactions: a locked week refuses everyone but admins.
 */
export function assertWeekOpen(tx: Pick<Db, "select" | "get">, actor: Actor | null, week: string, now: Date = new Date()): void {
  if (requireActor(actor).role === "admin") return;
  if (isWeekLocked(tx, week, now)) throw weekLocked(week);
}

/**
 * Whether the week is locked, without computing its deadline unless the automatic lock needs it:
 * every save of a file import asks, and the zone arithmetic costs far more than the two lookups.
 */
export function isWeekLocked(tx: Pick<Db, "select" | "get">, week: string, now: Date = new Date()): boolean {
  // One statement, not the query builder's two: it is about a tenth of the cost per save.
  const hit = tx.get<{ lockState: string | null; lockDays: number | null }>(
    sql`select w.lock_state as lockState, s.lock_days as lockDays from (select 1) left join ${reportingSettings} s on s.id = 1 left join ${reportingWeeks} w on w.week = ${week}`,
  );
  if (hit?.lockState) return hit.lockState === "locked";
  if (hit?.lockDays === null || hit?.lockDays === undefined) return false;
  return weekLock(tx, week, now).locked;
}

export type DeadlineWeeksPage = { settings: ReportingSettings; weeks: WeekDeadline[]; currentWeek: string };

/**
 * The admin's deadlines page: the settings, and the weeks around now (12 back, 4 ahead) with their
 * deadlines and locks; `week`, when given (any ISO week, e.g. an old one to unlock), comes first.
 */
export function listDeadlineWeeks(db: Db, actor: Actor | null, now: Date = new Date(), week: string | null = null): DeadlineWeeksPage {
  requireRole(actor, "admin");
  const current = weekOf(now);
  const weeks: string[] = week ? [week] : [];
  for (let i = 4; i >= -12; i--) if (addWeeks(current, i) !== week) weeks.push(addWeeks(current, i));
  const map = weekDeadlines(db, weeks, now);
  return { settings: readReportingSettings(db), weeks: weeks.map((w) => map.get(w)!), currentWeek: current };
}

export function updateReportingSettings(db: Db, actor: Actor | null, input: ReportingSettingsInput): ReportingSettings {
  const admin = requireRole(actor, "admin");
  const data = parseInput(reportingSettingsInput, input);
  const timeZone = canonicalTimeZone(data.timeZone)!;
  db.transaction(
    (tx) => {
      const before = readReportingSettings(tx);
      if (before.version !== data.version) throw conflict({ key: "errors.settingsChanged" });
      const values = { deadlineDays: data.deadlineDays, lockDays: data.lockDays, timeZone };
      const at = new Date().toISOString();
      tx.insert(reportingSettings)
        .values({ id: 1, ...values, version: before.version + 1, updatedBy: admin.id, updatedAt: at })
        .onConflictDoUpdate({ target: reportingSettings.id, set: { ...values, version: before.version + 1, updatedBy: admin.id, updatedAt: at } })
        .run();
      writeAudit(tx, admin, {
        action: "deadline.settings",
        entityType: "reporting_week",
        entityId: null,
        oldValues: { deadlineDays: before.deadlineDays, lockDays: before.lockDays, timeZone: before.timeZone },
        newValues: values,
      });
    },
    { behavior: "immediate" },
  );
  return readReportingSettings(db);
}

/** Writes one week's row, keeping what the other fields held, and audits the change. */
function writeWeek(tx: Tx, admin: Actor, week: string, change: Partial<Pick<WeekRow, "deadlineDate" | "lockState" | "lockReason">>, action: string) {
  const row = tx.select().from(reportingWeeks).where(eq(reportingWeeks.week, week)).get();
  const before = { deadlineDate: row?.deadlineDate ?? null, lockState: row?.lockState ?? null, lockReason: row?.lockReason ?? null };
  const after = { ...before, ...change };
  const at = new Date().toISOString();
  tx.insert(reportingWeeks)
    .values({ week, ...after, updatedBy: admin.id, updatedAt: at })
    .onConflictDoUpdate({ target: reportingWeeks.week, set: { ...after, version: (row?.version ?? 0) + 1, updatedBy: admin.id, updatedAt: at } })
    .run();
  writeAudit(tx, admin, { action, entityType: "reporting_week", entityId: week, oldValues: before, newValues: after });
}

/** Sets one week's deadline date (in the settings' zone), or returns it to the default with "". */
export function setWeekDeadline(db: Db, actor: Actor | null, input: WeekDeadlineInput): WeekDeadline {
  const admin = requireRole(actor, "admin");
  const data = parseInput(weekDeadlineInput, input);
  const week = requireReportWeek(data.week);
  db.transaction((tx) => writeWeek(tx, admin, week, { deadlineDate: data.deadlineDate || null }, "deadline.set"), { behavior: "immediate" });
  return weekLock(db, week);
}

/** Locks one week now, whatever the automatic lock says. */
export function lockWeek(db: Db, actor: Actor | null, input: WeekLockInput): WeekDeadline {
  const admin = requireRole(actor, "admin");
  const data = parseInput(weekLockInput, input);
  const week = requireReportWeek(data.week);
  db.transaction((tx) => writeWeek(tx, admin, week, { lockState: "locked", lockReason: data.reason || null }, "deadline.lock"), { behavior: "immediate" });
  return weekLock(db, week);
}

/** Opens a locked week again, with a reason (required, audited); it stays open until an admin locks it again. */
export function unlockWeek(db: Db, actor: Actor | null, input: WeekUnlockInput): WeekDeadline {
  const admin = requireRole(actor, "admin");
  const data = parseInput(weekUnlockInput, input);
  const week = requireReportWeek(data.week);
  db.transaction((tx) => writeWeek(tx, admin, week, { lockState: "unlocked", lockReason: data.reason }, "deadline.unlock"), { behavior: "immediate" });
  return weekLock(db, week);
}

/**
 * Returns a week locked or unlocked by hand to the automatic lock: it then locks (or stays open)
 * as the settings say, as if no admin had touched it. The week's own deadline date stays. Audited.
 */
export function autoLockWeek(db: Db, actor: Actor | null, input: WeekAutoLockInput): WeekDeadline {
  const admin = requireRole(actor, "admin");
  const data = parseInput(weekAutoLockInput, input);
  const week = requireReportWeek(data.week);
  db.transaction((tx) => writeWeek(tx, admin, week, { lockState: null, lockReason: null }, "deadline.auto"), { behavior: "immediate" });
  return weekLock(db, week);
}
