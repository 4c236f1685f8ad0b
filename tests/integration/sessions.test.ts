/**
 * Server-side sessions (lib/auth/sessions.ts): the cookie's JWT carries a random id, the row it
 * names decides. Lifetimes are read from the environment at call time (lib/env.ts sessionSettings).
 */
import { createHash } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import {
  endAllOwnSessions,
  endEverySession,
  endOwnSession,
  endSession,
  endUserSessions,
  listOwnSessions,
  listUserSessions,
  resolveSession,
  startSession,
} from "@/lib/auth/sessions";
import { auditSince, digest, expectAppError, freshDb, lastAuditId, makeUser } from "../factories";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let db: Db;
let admin: Actor;
let ipN = 0;
const client = () => ({ ip: `198.51.100.${++ipN}`, userAgent: "Mozilla/5.0 (Android 10) field phone" });
const start = (u: { id: number; email: string }) => startSession(db, u.id, u.email, client());
const row = (sid: string) =>
  db.$client
    .prepare("select id, user_id as userId, created_at as createdAt, last_seen_at as lastSeenAt, expires_at as expiresAt, ip, user_agent as userAgent from sessions where id_hash = ?")
    .get(createHash("sha256").update(sid).digest("hex")) as
    | { id: number; userId: number; createdAt: string; lastSeenAt: string; expiresAt: string; ip: string; userAgent: string }
    | undefined;
const sessionIdOf = (sid: string) => row(sid)!.id;

/** Stops the clock (Date only) at `ms`; the database's own defaults keep the real time, so tests only move forward from it. */
const clockAt = (ms: number) => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(ms);
};

const ENV_KEYS = ["RASD_SESSION_MAX_HOURS", "RASD_SESSION_IDLE_MINUTES"] as const;
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
afterEach(() => {
  vi.useRealTimers();
  for (const k of ENV_KEYS) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
});

beforeAll(async () => {
  db = freshDb();
  for (const k of ENV_KEYS) delete process.env[k];
  admin = await makeUser(db, "admin");
});

describe("starting and resolving a session", () => {
  it("a new session names its user, is audited as a sign-in, and stores only the SHA-256 of its id", async () => {
    const u = await makeUser(db, "viewer");
    const c = client();
    const before = lastAuditId(db);
    const t0 = Date.now();
    const sid = startSession(db, u.id, u.email, c);
    expect(sid).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    expect(resolveSession(db, sid)).toBe(u.id);
    const stored = row(sid)!;
    expect(stored).toMatchObject({ userId: u.id, ip: c.ip, userAgent: c.userAgent });
    // Default absolute lifetime: 12 hours from sign-in.
    expect(Date.parse(stored.expiresAt) - t0).toBeGreaterThanOrEqual(12 * HOUR);
    expect(Date.parse(stored.expiresAt) - t0).toBeLessThan(12 * HOUR + MINUTE);

    const everything = JSON.stringify(db.$client.prepare("select * from sessions").all());
    expect(everything).not.toContain(sid);
    expect(everything).toContain(createHash("sha256").update(sid).digest("hex"));
    expect(JSON.stringify(auditSince(db, before))).not.toContain(sid);
    expect(auditSince(db, before)).toEqual([
      expect.objectContaining({ action: "auth.sign_in", actorId: u.id, actorLabel: u.email, entityType: "user", entityId: String(u.id), newValues: { ip: c.ip } }),
    ]);
  });

  it("an unknown, empty or non-string id is nobody", async () => {
    const u = await makeUser(db, "viewer");
    const sid = start(u);
    for (const bad of [undefined, null, "", 42, {}, sid.slice(0, -1), sid + "A", createHash("sha256").update(sid).digest("hex")]) expect(resolveSession(db, bad)).toBeNull();
    expect(resolveSession(db, sid)).toBe(u.id);
  });

  it("keeps what the client sent within bounds", async () => {
    const u = await makeUser(db, "viewer");
    const sid = startSession(db, u.id, u.email, { ip: "9".repeat(100), userAgent: "x".repeat(1000) });
    expect(row(sid)!.userAgent).toHaveLength(300);
    expect(row(sid)!.ip).toHaveLength(60);
  });
});

describe("lifetimes", () => {
  it("absolute lifetime (default 12 h): a session used all day long still ends 12 hours after sign-in", async () => {
    const u = await makeUser(db, "viewer");
    const t0 = Date.now();
    const sid = start(u);
    const expiresAt = Date.parse(row(sid)!.expiresAt);
    for (let t = t0 + 90 * MINUTE; t < expiresAt; t += 90 * MINUTE) {
      clockAt(t);
      expect(resolveSession(db, sid), `${(t - t0) / HOUR} h after sign-in`).toBe(u.id);
    }
    clockAt(expiresAt - 1);
    expect(resolveSession(db, sid)).toBe(u.id);
    clockAt(expiresAt);
    expect(resolveSession(db, sid)).toBeNull();
    expect(row(sid), "the ended row is deleted").toBeUndefined();
  });

  it("RASD_SESSION_MAX_HOURS sets the absolute lifetime of sessions started under it", async () => {
    process.env.RASD_SESSION_MAX_HOURS = "1";
    const u = await makeUser(db, "viewer");
    const t0 = Date.now();
    const sid = start(u);
    expect(Date.parse(row(sid)!.expiresAt) - t0).toBeGreaterThanOrEqual(HOUR);
    expect(Date.parse(row(sid)!.expiresAt) - t0).toBeLessThan(HOUR + MINUTE);
    clockAt(Date.parse(row(sid)!.expiresAt) - MINUTE);
    expect(resolveSession(db, sid)).toBe(u.id);
    clockAt(Date.parse(row(sid)!.expiresAt));
    expect(resolveSession(db, sid)).toBeNull();
  });

  it("idle timeout (default 120 min): each request restarts it; 120 minutes without one end the session", async () => {
    const u = await makeUser(db, "viewer");
    const sid = start(u);
    const seen0 = Date.parse(row(sid)!.lastSeenAt);
    clockAt(seen0 + 119 * MINUTE);
    expect(resolveSession(db, sid)).toBe(u.id);
    expect(row(sid)!.lastSeenAt).toBe(new Date(seen0 + 119 * MINUTE).toISOString());
    clockAt(seen0 + 238 * MINUTE);
    expect(resolveSession(db, sid), "119 minutes after the last request").toBe(u.id);
    clockAt(seen0 + 358 * MINUTE);
    expect(resolveSession(db, sid), "120 minutes after the last request").toBeNull();
    expect(row(sid)).toBeUndefined();
  });

  it("RASD_SESSION_IDLE_MINUTES is read at each request", async () => {
    const u = await makeUser(db, "viewer");
    const sid = start(u);
    const seen0 = Date.parse(row(sid)!.lastSeenAt);
    clockAt(seen0 + 10 * MINUTE);
    expect(resolveSession(db, sid)).toBe(u.id);
    process.env.RASD_SESSION_IDLE_MINUTES = "5";
    clockAt(seen0 + 14 * MINUTE);
    expect(resolveSession(db, sid), "4 minutes idle").toBe(u.id);
    clockAt(seen0 + 19 * MINUTE);
    expect(resolveSession(db, sid), "5 minutes idle").toBeNull();
  });

  it("a short idle limit (1 minute) keeps a session in use alive: lastSeenAt is then written more often than once a minute", async () => {
    process.env.RASD_SESSION_IDLE_MINUTES = "1";
    const u = await makeUser(db, "viewer");
    const sid = start(u);
    const seen0 = Date.parse(row(sid)!.lastSeenAt);
    for (let t = 20_000; t <= 5 * MINUTE; t += 20_000) {
      clockAt(seen0 + t);
      expect(resolveSession(db, sid), `a request every 20 s, ${t / 1000} s in`).toBe(u.id);
    }
    expect(row(sid)!.lastSeenAt).toBe(new Date(seen0 + 5 * MINUTE).toISOString());
    clockAt(seen0 + 6 * MINUTE);
    expect(resolveSession(db, sid), "then a minute without one").toBeNull();
  });

  it("an unreadable setting falls back to the default instead of taking sign-in down", async () => {
    process.env.RASD_SESSION_IDLE_MINUTES = "soon";
    process.env.RASD_SESSION_MAX_HOURS = "-3";
    const u = await makeUser(db, "viewer");
    const t0 = Date.now();
    const sid = start(u);
    expect(Date.parse(row(sid)!.expiresAt) - t0).toBeGreaterThanOrEqual(12 * HOUR);
    clockAt(Date.parse(row(sid)!.lastSeenAt) + 119 * MINUTE);
    expect(resolveSession(db, sid)).toBe(u.id);
  });

  it("lastSeenAt is written at most once a minute: a page view is a read", async () => {
    const u = await makeUser(db, "viewer");
    const sid = start(u);
    const first = row(sid)!.lastSeenAt;
    const seen0 = Date.parse(first);
    for (const dt of [1000, 30_000, 59_999]) {
      clockAt(seen0 + dt);
      const before = digest(db, ["sessions"]);
      expect(resolveSession(db, sid)).toBe(u.id);
      expect(digest(db, ["sessions"]), `${dt} ms after the last write`).toBe(before);
    }
    clockAt(seen0 + MINUTE);
    expect(resolveSession(db, sid)).toBe(u.id);
    expect(row(sid)!.lastSeenAt).toBe(new Date(seen0 + MINUTE).toISOString());
    clockAt(seen0 + MINUTE + 59_000);
    resolveSession(db, sid);
    expect(row(sid)!.lastSeenAt).toBe(new Date(seen0 + MINUTE).toISOString());
  });

  it("expired and idle sessions are pruned when a new session starts, of any user; live ones stay", async () => {
    const u = await makeUser(db, "viewer");
    const other = await makeUser(db, "coordinator", ["SY02"]);
    const expired = start(u);
    const idle = start(other);
    const live = start(other);
    db.$client.prepare("update sessions set expires_at = ? where id = ?").run(new Date(Date.now() - 1000).toISOString(), sessionIdOf(expired));
    db.$client.prepare("update sessions set last_seen_at = ? where id = ?").run(new Date(Date.now() - 121 * MINUTE).toISOString(), sessionIdOf(idle));
    // Not listed even before they are pruned.
    expect(listOwnSessions(db, u, expired)).toEqual([]);
    expect(listOwnSessions(db, other, live).map((s) => s.id)).toEqual([sessionIdOf(live)]);
    expect(row(expired)).toBeDefined();

    const fresh = start(admin);
    expect(row(expired)).toBeUndefined();
    expect(row(idle)).toBeUndefined();
    expect(resolveSession(db, live)).toBe(other.id);
    expect(resolveSession(db, fresh)).toBe(admin.id);
  });
});

describe("ending sessions", () => {
  it("endSession (sign-out) deletes that row only and audits auth.sign_out; a second sign-out does nothing", async () => {
    const u = await makeUser(db, "viewer");
    const phone = start(u);
    const laptop = start(u);
    const before = lastAuditId(db);
    endSession(db, phone);
    expect(row(phone)).toBeUndefined();
    expect(resolveSession(db, phone)).toBeNull();
    expect(resolveSession(db, laptop)).toBe(u.id);
    expect(auditSince(db, before)).toEqual([
      expect.objectContaining({ action: "auth.sign_out", actorId: u.id, actorLabel: u.email, entityType: "user", entityId: String(u.id) }),
    ]);
    const quiet = digest(db);
    for (const again of [phone, "", null, 7, "not-a-session"]) endSession(db, again);
    expect(digest(db)).toBe(quiet);
  });

  it("listOwnSessions shows one's own live sessions, marks the current one, and never the hash", async () => {
    const u = await makeUser(db, "viewer");
    const someoneElse = await makeUser(db, "viewer");
    const a = start(u);
    const b = start(u);
    start(someoneElse);
    const list = listOwnSessions(db, u, b);
    expect(list.map((s) => [s.id, s.current]).sort()).toEqual([
      [sessionIdOf(a), false],
      [sessionIdOf(b), true],
    ]);
    for (const s of list) {
      expect(Object.keys(s).sort()).toEqual(["createdAt", "current", "expiresAt", "id", "ip", "lastSeenAt", "userAgent"]);
      expect(s.userAgent).toContain("field phone");
    }
    expect(listOwnSessions(db, u, null).every((s) => !s.current)).toBe(true);
    await expectAppError(() => listOwnSessions(db, null, a), "unauthenticated");
  });

  it("endOwnSession ends one of one's own sessions; another user's session answers 404 and stays", async () => {
    const u = await makeUser(db, "coordinator", ["SY02"]);
    const victim = await makeUser(db, "viewer");
    const mine = start(u);
    const current = start(u);
    const theirs = start(victim);
    const before = lastAuditId(db);
    endOwnSession(db, u, { id: sessionIdOf(mine) });
    expect(resolveSession(db, mine)).toBeNull();
    expect(resolveSession(db, current)).toBe(u.id);
    expect(auditSince(db, before)).toEqual([
      expect.objectContaining({ action: "auth.session_end", actorId: u.id, entityId: String(u.id), oldValues: { session: expect.any(Number) } }),
    ]);

    const unchanged = digest(db);
    const theirsId = sessionIdOf(theirs);
    for (const id of [theirsId, 99_999_999]) {
      const e = await expectAppError(() => endOwnSession(db, u, { id }), "not_found");
      expect(e.msg.key).toBe("errors.sessionNotFound");
    }
    // Even an admin ends another person's sessions only through the admin function.
    expect((await expectAppError(() => endOwnSession(db, admin, { id: theirsId }), "not_found")).msg.key).toBe("errors.sessionNotFound");
    await expectAppError(() => endOwnSession(db, u, { id: "abc" }), "invalid");
    await expectAppError(() => endOwnSession(db, null, { id: theirsId }), "unauthenticated");
    expect(digest(db)).toBe(unchanged);
    expect(resolveSession(db, theirs)).toBe(victim.id);
  });

  it("endAllOwnSessions ends every session of mine, this one included, and nobody else's", async () => {
    const u = await makeUser(db, "viewer");
    const other = await makeUser(db, "viewer");
    const mine = [start(u), start(u), start(u)];
    const theirs = start(other);
    const before = lastAuditId(db);
    expect(endAllOwnSessions(db, u)).toBe(3);
    for (const sid of mine) expect(resolveSession(db, sid)).toBeNull();
    expect(resolveSession(db, theirs)).toBe(other.id);
    expect(auditSince(db, before)).toEqual([
      expect.objectContaining({ action: "auth.sign_out_everywhere", actorId: u.id, entityId: String(u.id), newValues: { sessions: 3 } }),
    ]);
    expect(endAllOwnSessions(db, u)).toBe(0);
    await expectAppError(() => endAllOwnSessions(db, null), "unauthenticated");
  });
});

describe("an admin and other people's sessions", () => {
  it("an admin lists and ends any account's sessions, audited as auth.sessions_ended_by_admin", async () => {
    const target = await makeUser(db, "coordinator", ["SY02"]);
    const a = start(target);
    const b = start(target);
    const adminOwn = start(admin);
    const listed = listUserSessions(db, admin, { id: target.id });
    expect(listed.map((s) => s.id).sort()).toEqual([sessionIdOf(a), sessionIdOf(b)].sort());
    expect(listed.every((s) => !s.current)).toBe(true);

    const before = lastAuditId(db);
    expect(endUserSessions(db, admin, { id: target.id })).toBe(2);
    expect(resolveSession(db, a)).toBeNull();
    expect(resolveSession(db, b)).toBeNull();
    expect(resolveSession(db, adminOwn)).toBe(admin.id);
    expect(listUserSessions(db, admin, { id: target.id })).toEqual([]);
    expect(auditSince(db, before)).toEqual([
      expect.objectContaining({
        action: "auth.sessions_ended_by_admin",
        actorId: admin.id,
        actorLabel: admin.email,
        entityType: "user",
        entityId: String(target.id),
        newValues: { sessions: 2 },
      }),
    ]);
    // The account itself is untouched: it signs in again.
    expect(resolveSession(db, start(target))).toBe(target.id);
  });

  it("nobody else may list or end another account's sessions (403, or 401 when signed out), and a refusal changes nothing", async () => {
    const target = await makeUser(db, "viewer");
    const sid = start(target);
    const coordinator = await makeUser(db, "coordinator", ["SY02"]);
    const viewer = await makeUser(db, "viewer");
    const before = digest(db);
    for (const who of [coordinator, viewer, target]) {
      await expectAppError(() => listUserSessions(db, who, { id: target.id }), "forbidden");
      await expectAppError(() => endUserSessions(db, who, { id: target.id }), "forbidden");
    }
    await expectAppError(() => listUserSessions(db, null, { id: target.id }), "unauthenticated");
    await expectAppError(() => endUserSessions(db, null, { id: target.id }), "unauthenticated");
    await expectAppError(() => endUserSessions(db, admin, { id: "nobody" }), "invalid");
    expect(digest(db)).toBe(before);
    expect(resolveSession(db, sid)).toBe(target.id);
  });
});

describe("an admin ends every session", () => {
  it("only when confirmed: every account's sessions end, the admin's too, audited with the count", async () => {
    const db = freshDb();
    const admin = await makeUser(db, "admin");
    const viewer = await makeUser(db, "viewer");
    const sids = [startSession(db, admin.id, admin.email, { ip: "192.0.2.1", userAgent: "a" }), startSession(db, viewer.id, viewer.email, { ip: "192.0.2.2", userAgent: "b" })];
    await expectAppError(() => endEverySession(db, admin, {}), "invalid");
    expect(sids.map((sid) => resolveSession(db, sid))).toEqual([admin.id, viewer.id]);
    const before = lastAuditId(db);
    expect(endEverySession(db, admin, { confirm: "on" })).toBe(2);
    expect(sids.map((sid) => resolveSession(db, sid))).toEqual([null, null]);
    expect(auditSince(db, before)).toEqual([expect.objectContaining({ action: "auth.every_session_ended", actorId: admin.id, newValues: { sessions: 2 } })]);
  });
});
