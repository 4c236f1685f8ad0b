import { and, asc, eq, inArray, like, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { areas, userAreas, users } from "@/db/schema";
import type { Role } from "@/lib/roles";
import type { Actor } from "./auth/actor";
import { requireActor, requireRole } from "./auth/authorize";
import { generatePassword, hashPassword, verifyPassword } from "./auth/password";
import { passwordCheckFor } from "./auth/password-policy";
import { blockReauth, clearReauthFailures, countReauthAttempt, reauthBlockedFor } from "./auth/reauth-throttle";
import { writeAudit, type AuditActor, type Tx } from "./audit";
import { AppError, conflict, invalid, notFound } from "./errors";
import {
  chosenPasswordInputWith,
  passwordChangeInputWith,
  preferencesInput,
  recordIdInput,
  userCreateInput,
  userFilter,
  userUpdateInput,
  type PasswordChangeInput,
  type PreferencesInput,
  type RecordIdInput,
  type UserCreateInput,
  type UserFilter,
  type UserUpdateInput,
} from "./validation/users";
import { parseInput } from "./validation/zod-messages";
import { appendTo } from "./append-to";
import { normaliseEmail } from "./auth/login";
import { endAllSessionsOf } from "./auth/sessions";
import { revokeAllTokensOf } from "./tokens";

export type UserListItem = {
  id: number;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  areas: string[];
};
export type UserDetail = UserListItem & { version: number; locale: "en" | "ar" | "auto"; createdAt: string; updatedAt: string };

function areaCodesByUser(db: Tx, userIds: number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (!userIds.length) return out;
  const rows = db
    .select({ userId: userAreas.userId, pcode: areas.pcode })
    .from(userAreas)
    .innerJoin(areas, eq(areas.id, userAreas.areaId))
    .where(inArray(userAreas.userId, userIds))
    .orderBy(asc(areas.pcode))
    .all();
  for (const r of rows) appendTo(out, r.userId, r.pcode);
  return out;
}

export function listUsers(db: Db, actor: Actor | null, filter: UserFilter = {}): UserListItem[] {
  requireRole(actor, "admin");
  const f = parseInput(userFilter, filter);
  const where: SQL[] = [];
  if (f.role) where.push(eq(users.role, f.role));
  if (f.status) where.push(eq(users.active, f.status === "active"));
  if (f.q) where.push(or(like(users.email, `%${f.q}%`), like(users.name, `%${f.q}%`))!);
  const rows = db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, active: users.active })
    .from(users)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(users.name))
    .all();
  const codes = areaCodesByUser(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, areas: codes.get(r.id) ?? [] }));
}

export function getUser(db: Db, actor: Actor | null, id: number): UserDetail {
  requireRole(actor, "admin");
  return readUser(db, id);
}

function readUser(db: Tx, id: number): UserDetail {
  const u = db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      active: users.active,
      version: users.version,
      locale: users.locale,
      localeChosen: users.localeChosen,
      createdAt: users.createdAt,
      updatedAt: users.updatedAt,
    })
    .from(users)
    .where(eq(users.id, id))
    .get();
  if (!u) throw notFound("errors.userNotFound");
  const { localeChosen, ...rest } = u;
  return { ...rest, locale: localeChosen ? u.locale : "auto", areas: areaCodesByUser(db, [id]).get(id) ?? [] };
}

function resolveAreaIds(tx: Tx, codes: string[]): number[] {
  if (!codes.length) return [];
  const rows = tx.select({ id: areas.id, pcode: areas.pcode }).from(areas).where(inArray(areas.pcode, codes)).all();
  const missing = codes.filter((c) => !rows.some((r) => r.pcode === c));
  if (missing.length) throw invalid({ areas: { key: "validation.areasUnknown", values: { pcodes: missing.join(", ") } } });
  return rows.map((r) => r.id);
}

function setUserAreas(tx: Tx, userId: number, areaIds: number[]): void {
  tx.delete(userAreas).where(eq(userAreas.userId, userId)).run();
  if (areaIds.length) tx.insert(userAreas).values(areaIds.map((areaId) => ({ userId, areaId }))).run();
}

/**
 * Creates an account. Used by the admin screen and by `npm run user:create` (which acts as
 * a labelled operator); the password is generated unless one is given. Returns it once.
 * A generated password is known to someone else (the admin, the operator's terminal), so the
 * owner must change it at first sign-in; a given one was chosen by the owner and must pass the policy.
 */
export async function insertUser(
  db: Db,
  who: AuditActor,
  input: UserCreateInput & { password?: string },
): Promise<{ id: number; email: string; name: string; password: string }> {
  const data = parseInput(userCreateInput, input);
  const chosen = input.password !== undefined;
  if (chosen) parseInput(chosenPasswordInputWith(passwordCheckFor(data)), { password: input.password });
  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const id = db.transaction(
    (tx) => {
      if (tx.select({ id: users.id }).from(users).where(eq(users.email, data.email)).get())
        throw invalid({ email: { key: "validation.emailTaken" } });
      const areaIds = data.role === "coordinator" ? resolveAreaIds(tx, data.areas) : [];
      const row = tx
        .insert(users)
        .values({ email: data.email, name: data.name, role: data.role, passwordHash, mustChangePassword: !chosen })
        .returning({ id: users.id })
        .get();
      setUserAreas(tx, row.id, areaIds);
      writeAudit(tx, who, {
        action: "user.create",
        entityType: "user",
        entityId: row.id,
        newValues: {
          email: data.email,
          name: data.name,
          role: data.role,
          areas: data.role === "coordinator" ? data.areas : [],
          mustChangePassword: !chosen,
        },
      });
      return row.id;
    },
    { behavior: "immediate" },
  );
  // The stored e-mail and name (trimmed, lower-cased), so that the one-time password says whose it is.
  return { id, email: data.email, name: data.name, password };
}

/**
 * The admin screen always generates the password: a `password` field in the post (the form has
 * none) is dropped, so that no admin can set a password they know and skip the forced change.
 */
export function createUser(db: Db, actor: Actor | null, input: UserCreateInput) {
  const admin = requireRole(actor, "admin");
  const { password: _ignored, ...fields } = input as UserCreateInput & { password?: unknown };
  void _ignored;
  return insertUser(db, admin, fields);
}

function activeAdminCount(tx: Tx): number {
  return tx
    .select({ n: sql<number>`count(*)` })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true)))
    .get()!.n;
}

/** Refuses changes that would leave nobody able to administer Rasd, or an admin locking themselves out. */
function guardAdminLoss(tx: Tx, admin: Actor, target: { id: number; role: Role; active: boolean }, losing: boolean) {
  if (!losing) return;
  if (target.id === admin.id) throw invalid({}, { key: "errors.notYourself" });
  if (target.role === "admin" && target.active && activeAdminCount(tx) <= 1) throw invalid({}, { key: "errors.lastAdmin" });
}

export function updateUser(db: Db, actor: Actor | null, input: UserUpdateInput): UserDetail {
  const admin = requireRole(actor, "admin");
  const data = parseInput(userUpdateInput, input);
  return db.transaction(
    (tx) => {
      const before = readUser(tx, data.id);
      if (before.version !== data.version)
        throw conflict({ key: "errors.userChanged", values: { name: before.name, role: before.role } });
      guardAdminLoss(tx, admin, before, before.role === "admin" && data.role !== "admin");
      const areaCodes = data.role === "coordinator" ? data.areas : [];
      const areaIds = resolveAreaIds(tx, areaCodes);
      tx.update(users)
        .set({ name: data.name, role: data.role, version: before.version + 1, updatedAt: new Date().toISOString() })
        .where(eq(users.id, data.id))
        .run();
      setUserAreas(tx, data.id, areaIds);
      // Rights are read on every request anyway; a role change also renews the session (ASVS 7.2.4's spirit): the person signs in again.
      const sessionsEnded = before.role !== data.role ? endAllSessionsOf(tx, data.id) : 0;
      writeAudit(tx, admin, {
        action: "user.update",
        entityType: "user",
        entityId: data.id,
        oldValues: { name: before.name, role: before.role, areas: before.areas },
        newValues: { name: data.name, role: data.role, areas: [...areaCodes].sort(), ...(sessionsEnded ? { sessionsEnded } : {}) },
      });
      return readUser(tx, data.id);
    },
    { behavior: "immediate" },
  );
}

export function setUserActive(db: Db, actor: Actor | null, input: RecordIdInput & { active: boolean }): UserDetail {
  const admin = requireRole(actor, "admin");
  const { id } = parseInput(recordIdInput, input);
  const active = input.active;
  return db.transaction(
    (tx) => {
      const before = readUser(tx, id);
      if (before.active === active) return before;
      guardAdminLoss(tx, admin, before, !active);
      tx.update(users)
        .set({ active, version: before.version + 1, updatedAt: new Date().toISOString() })
        .where(eq(users.id, id))
        .run();
      // Deactivation ends sessions and revokes tokens for good: reactivating does not bring them back.
      const ended = active ? {} : { sessionsEnded: endAllSessionsOf(tx, id), tokensRevoked: revokeAllTokensOf(tx, id) };
      writeAudit(tx, admin, {
        action: active ? "user.reactivate" : "user.deactivate",
        entityType: "user",
        entityId: id,
        oldValues: { active: before.active },
        newValues: { active, ...ended },
      });
      return readUser(tx, id);
    },
    { behavior: "immediate" },
  );
}

/**
 * New random password, shown once to the admin; the user's existing sessions stop working and
 * the user must choose their own password at the next sign-in (the admin knows this one).
 */
export async function resetUserPassword(db: Db, actor: Actor | null, input: RecordIdInput): Promise<{ password: string }> {
  const admin = requireRole(actor, "admin");
  const { id } = parseInput(recordIdInput, input);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  db.transaction(
    (tx) => {
      const before = readUser(tx, id);
      const stamp = new Date().toISOString();
      tx.update(users)
        .set({ passwordHash, passwordChangedAt: stamp, mustChangePassword: true, version: before.version + 1, updatedAt: stamp })
        .where(eq(users.id, id))
        .run();
      // A reset answers a lost or stolen password: whatever was signed in with it stops now, tokens included.
      const newValues = { mustChangePassword: true, sessionsEnded: endAllSessionsOf(tx, id), tokensRevoked: revokeAllTokensOf(tx, id) };
      writeAudit(tx, admin, { action: "user.password_reset", entityType: "user", entityId: id, newValues });
    },
    { behavior: "immediate" },
  );
  return { password };
}

/** A refused attempt while the current-password check is blocked: audited, and answered with the wait. */
function reauthThrottled(db: Db, me: Actor, waitMs: number): AppError {
  const minutes = Math.max(1, Math.ceil(waitMs / 60000));
  db.transaction(
    (tx) => writeAudit(tx, me, { action: "auth.reauth_throttled", entityType: "user", entityId: me.id, newValues: { retryAfterMinutes: minutes } }),
    { behavior: "immediate" },
  );
  const msg = { key: "errors.reauthThrottled", values: { minutes } };
  return new AppError("throttled", msg, { currentPassword: msg });
}

/**
 * The owner chooses a new password (the policy applies), after giving the current one. Wrong
 * current passwords are throttled per account (lib/auth/reauth-throttle.ts). Clears "must change".
 */
export async function changeOwnPassword(db: Db, actor: Actor | null, input: PasswordChangeInput): Promise<void> {
  const me = requireActor(actor);
  const data = parseInput(passwordChangeInputWith(passwordCheckFor(me)), input);
  const blockedMs = await reauthBlockedFor(db, me.id);
  if (blockedMs > 0) throw reauthThrottled(db, me, blockedMs);
  // Counted before the check: parallel posts from a stolen session cannot all slip under the limit.
  const counted = await countReauthAttempt(db, me.id);
  if (counted.refusedMs > 0) throw reauthThrottled(db, me, counted.refusedMs);
  const row = db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, me.id)).get();
  if (!row || !(await verifyPassword(row.passwordHash, data.currentPassword))) {
    if (counted.fills) throw reauthThrottled(db, me, await blockReauth(db, me.id));
    throw invalid({ currentPassword: { key: "validation.currentPasswordWrong" } });
  }
  await clearReauthFailures(db, me.id);
  const passwordHash = await hashPassword(data.newPassword);
  db.transaction(
    (tx) => {
      // Every existing session, this one included, ends: the user signs in again with the new password.
      const stamp = new Date().toISOString();
      tx.update(users)
        .set({ passwordHash, passwordChangedAt: stamp, mustChangePassword: false, updatedAt: stamp, version: sql`${users.version} + 1` })
        .where(eq(users.id, me.id))
        .run();
      const newValues = {
        ...(me.mustChangePassword ? { mustChangePassword: false } : {}),
        sessionsEnded: endAllSessionsOf(tx, me.id),
        ...(data.revokeTokens ? { tokensRevoked: revokeAllTokensOf(tx, me.id) } : {}),
      };
      writeAudit(tx, me, { action: "user.password_change", entityType: "user", entityId: me.id, newValues });
    },
    { behavior: "immediate" },
  );
}

export function updateOwnPreferences(db: Db, actor: Actor | null, input: PreferencesInput): void {
  const me = requireActor(actor);
  const data = parseInput(preferencesInput, input);
  db.transaction(
    (tx) => {
      // "auto" keeps the stored language as it is: only whether it was chosen changes.
      const locale = data.locale === "auto" ? me.locale : data.locale;
      tx.update(users)
        .set({
          locale,
          localeChosen: data.locale !== "auto",
          numerals: data.numerals,
          timeZone: data.timeZone ?? me.timeZone,
          updatedAt: new Date().toISOString(),
          version: sql`${users.version} + 1`,
        })
        .where(eq(users.id, me.id))
        .run();
      writeAudit(tx, me, {
        action: "user.preferences",
        entityType: "user",
        entityId: me.id,
        oldValues: { locale: me.localeChosen ? me.locale : "auto", numerals: me.numerals, timeZone: me.timeZone },
        newValues: { locale: data.locale, numerals: data.numerals, timeZone: data.timeZone ?? me.timeZone },
      });
    },
    { behavior: "immediate" },
  );
}

/** For operator scripts: find a user by e-mail (no actor: the operator has shell access to the database). */
export function findUserIdByEmail(db: Db, emailAddress: string): number | null {
  return db.select({ id: users.id }).from(users).where(eq(users.email, normaliseEmail(emailAddress))).get()?.id ?? null;
}
