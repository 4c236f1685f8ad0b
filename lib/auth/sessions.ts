import { and, desc, eq, lt, or } from "drizzle-orm";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { writeAudit, type AuditActor, type Tx } from "../audit";
import { invalid, notFound, unavailableFrom } from "../errors";
import { log } from "../log";
import { sessionSettings } from "../env";
import { recordIdInput, type RecordIdInput } from "../validation/users";
import { parseInput } from "../validation/zod-messages";
import type { Actor } from "./actor";
import { requireActor, requireRole } from "./authorize";

/**
 * Server-side sessions (ASVS V7). The cookie's JWT carries a random session id; the row it names
 * decides whether the session still exists. Only the id's SHA-256 is stored, so a copy of the
 * database does not hand out live sessions.
 */
const hashId = (sid: string) => createHash("sha256").update(sid).digest("hex");

/** lastSeenAt is written at most once a minute per session (a page view is a read, not a write), and often enough for a short idle limit. */
const touchEveryMs = (idleMs: number) => Math.min(60_000, idleMs / 10);

export type SessionClient = { userAgent: string; ip: string };

/** A new session row for a successful sign-in, audited in the same transaction. Returns the id for the JWT. */
export function startSession(db: Db, userId: number, email: string, client: SessionClient): string {
  const sid = randomBytes(32).toString("base64url");
  const { maxAgeMs, idleMs } = sessionSettings();
  const now = Date.now();
  db.transaction(
    (tx) => {
      // Pruned here, when a row is added: the table holds live sessions only, without a scheduler.
      tx.delete(sessions)
        .where(or(lt(sessions.expiresAt, new Date(now).toISOString()), lt(sessions.lastSeenAt, new Date(now - idleMs).toISOString())))
        .run();
      tx.insert(sessions)
        .values({
          idHash: hashId(sid),
          userId,
          expiresAt: new Date(now + maxAgeMs).toISOString(),
          userAgent: client.userAgent.slice(0, 300),
          ip: client.ip.slice(0, 60),
        })
        .run();
      writeAudit(tx, { id: userId, email }, { action: "auth.sign_in", entityType: "user", entityId: userId, newValues: { ip: client.ip } });
    },
    { behavior: "immediate" },
  );
  return sid;
}

/**
 * Noting a visit (or clearing an ended row) is bookkeeping: with a full disk, a read-only file or a
 * busy writer, reading pages must go on working, so only those failures are logged and passed over.
 */
function bookkeeping(write: () => unknown): void {
  try {
    write();
  } catch (e) {
    if (!unavailableFrom(e)) throw e;
    log.warn({ event: "session.touch_failed", code: (e as { code?: string }).code }, "could not note a session's visit");
  }
}

/**
 * The user id of a live session, or null when the row is gone (signed out, ended by an admin,
 * password changed), past its absolute lifetime, or idle for too long. Notes the visit.
 */
export function resolveSession(db: Db, sid: unknown): number | null {
  if (typeof sid !== "string" || !sid) return null;
  const row = db
    .select({ id: sessions.id, userId: sessions.userId, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(eq(sessions.idHash, hashId(sid)))
    .get();
  if (!row) return null;
  const now = Date.now();
  const lastSeen = Date.parse(row.lastSeenAt);
  const { idleMs } = sessionSettings();
  if (now >= Date.parse(row.expiresAt) || now - lastSeen >= idleMs) {
    bookkeeping(() => db.delete(sessions).where(eq(sessions.id, row.id)).run());
    return null;
  }
  if (now - lastSeen >= touchEveryMs(idleMs)) bookkeeping(() => db.update(sessions).set({ lastSeenAt: new Date(now).toISOString() }).where(eq(sessions.id, row.id)).run());
  return row.userId;
}

/** Sign-out: the row goes, so a copied cookie is worth nothing afterwards. */
export function endSession(db: Db, sid: unknown): void {
  if (typeof sid !== "string" || !sid) return;
  db.transaction(
    (tx) => {
      const row = tx
        .select({ id: sessions.id, userId: sessions.userId, email: users.email })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.idHash, hashId(sid)))
        .get();
      if (!row) return;
      tx.delete(sessions).where(eq(sessions.id, row.id)).run();
      writeAudit(tx, { id: row.userId, email: row.email }, { action: "auth.sign_out", entityType: "user", entityId: row.userId });
    },
    { behavior: "immediate" },
  );
}

/**
 * Ends every session of a user: password change or reset, deactivation, role change. Runs in the
 * caller's transaction; the caller's audit row says why. Returns how many ended.
 */
export function endAllSessionsOf(tx: Tx, userId: number): number {
  return tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id }).all().length;
}

export type SessionListItem = {
  id: number;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string;
  ip: string;
  current: boolean;
};

function listSessionsOf(db: Db, userId: number, currentSid: unknown): SessionListItem[] {
  const currentHash = typeof currentSid === "string" && currentSid ? hashId(currentSid) : null;
  const { idleMs } = sessionSettings();
  const now = Date.now();
  return db
    .select({
      id: sessions.id,
      idHash: sessions.idHash,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      userAgent: sessions.userAgent,
      ip: sessions.ip,
    })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.lastSeenAt))
    .all()
    .filter((s) => Date.parse(s.expiresAt) > now && now - Date.parse(s.lastSeenAt) < idleMs)
    .map(({ idHash, ...s }) => ({ ...s, current: idHash === currentHash }));
}

/** My account: one's own active sessions (device, address, last seen), the current one marked. */
export function listOwnSessions(db: Db, actor: Actor | null, currentSid: unknown): SessionListItem[] {
  const me = requireActor(actor);
  return listSessionsOf(db, me.id, currentSid);
}

/** Ends one of one's own sessions; another user's session id answers "not found". */
export function endOwnSession(db: Db, actor: Actor | null, input: RecordIdInput): void {
  const me = requireActor(actor);
  const { id } = parseInput(recordIdInput, input);
  db.transaction(
    (tx) => {
      const gone = tx.delete(sessions).where(and(eq(sessions.id, id), eq(sessions.userId, me.id))).returning({ id: sessions.id }).all();
      if (!gone.length) throw notFound("errors.sessionNotFound");
      writeAudit(tx, me, { action: "auth.session_end", entityType: "user", entityId: me.id, oldValues: { session: id } });
    },
    { behavior: "immediate" },
  );
}

/** "Sign out everywhere": every session of mine, this one included. */
export function endAllOwnSessions(db: Db, actor: Actor | null): number {
  const me = requireActor(actor);
  return db.transaction(
    (tx) => {
      const n = endAllSessionsOf(tx, me.id);
      writeAudit(tx, me, { action: "auth.sign_out_everywhere", entityType: "user", entityId: me.id, newValues: { sessions: n } });
      return n;
    },
    { behavior: "immediate" },
  );
}

/** Admin: the sessions of any account. */
export function listUserSessions(db: Db, actor: Actor | null, input: RecordIdInput): SessionListItem[] {
  requireRole(actor, "admin");
  const { id } = parseInput(recordIdInput, input);
  return listSessionsOf(db, id, null);
}

/** Admin: end every session of an account (e.g. a lost phone), audited as such. */
export function endUserSessions(db: Db, actor: Actor | null, input: RecordIdInput): number {
  const admin: AuditActor = requireRole(actor, "admin");
  const { id } = parseInput(recordIdInput, input);
  return db.transaction(
    (tx) => {
      const n = endAllSessionsOf(tx, id);
      writeAudit(tx, admin, { action: "auth.sessions_ended_by_admin", entityType: "user", entityId: id, newValues: { sessions: n } });
      return n;
    },
    { behavior: "immediate" },
  );
}

/**
 * Admin: end every session of every account (a leaked secret, a stolen laptop with many people's
 * sessions), the admin's own included. Asked to confirm, since everyone must sign in again.
 */
export function endEverySession(db: Db, actor: Actor | null, input: { confirm?: unknown }): number {
  const admin = requireRole(actor, "admin");
  if (input.confirm !== "on" && input.confirm !== true) throw invalid({ confirm: { key: "validation.confirmRequired" } });
  return db.transaction(
    (tx) => {
      const n = tx.delete(sessions).returning({ id: sessions.id }).all().length;
      writeAudit(tx, admin, { action: "auth.every_session_ended", entityType: "user", entityId: null, newValues: { sessions: n } });
      return n;
    },
    { behavior: "immediate" },
  );
}
