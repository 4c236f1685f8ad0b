import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { authenticate } from "@/lib/auth/login";
import { resolveSession } from "@/lib/auth/sessions";
import { findApiToken, issueApiToken } from "@/lib/tokens";
import {
  changeOwnPassword,
  createUser,
  findUserIdByEmail,
  getUser,
  insertUser,
  listUsers,
  resetUserPassword,
  setUserActive,
  updateOwnPreferences,
  updateUser,
} from "@/lib/users";
import { appError, auditSince, countRows, digest, expectAppError, freshDb, lastAuditId, makeUser } from "../factories";

let db: Db;
let admin: Actor & { password: string };
let ip = 0;
/** A different client address per sign-in, so these tests never trip the per-address throttle. */
const nextIp = () => `10.1.0.${++ip}`;
/** Signs in through the real path and returns the session id the cookie would carry. */
async function signIn(u: { email: string; password: string }, password = u.password): Promise<string> {
  const r = await authenticate(db, { email: u.email, password, ip: nextIp() });
  if (!r.ok) throw new Error(`sign-in failed: ${r.reason}`);
  return r.sid;
}
const passwordHash = (id: number) => db.$client.prepare("select password_hash from users where id = ?").pluck().get(id) as string;

/** Moves the clock (Date only) forward and stops it there. */
function later(seconds: number) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() + seconds * 1000);
}
afterEach(() => {
  vi.useRealTimers();
});

beforeAll(async () => {
  db = freshDb();
  admin = await makeUser(db, "admin");
});

describe("creating accounts", () => {
  it("createUser stores the account, its areas and one audit row, and returns a password that signs in", async () => {
    const before = lastAuditId(db);
    const { id, password } = await createUser(db, admin, { email: " Amal.Haddad@Example.org ", name: "Amal Haddad", role: "coordinator", areas: "SY02, SY0703" });
    const u = getUser(db, admin, id);
    expect(u).toMatchObject({ email: "amal.haddad@example.org", name: "Amal Haddad", role: "coordinator", active: true, version: 1, areas: ["SY02", "SY0703"] });
    expect(u).not.toHaveProperty("passwordHash");
    expect(auditSince(db, before)).toEqual([
      expect.objectContaining({
        action: "user.create",
        entityType: "user",
        entityId: String(id),
        actorId: admin.id,
        actorLabel: admin.email,
        oldValues: null,
        newValues: { email: "amal.haddad@example.org", name: "Amal Haddad", role: "coordinator", areas: ["SY02", "SY0703"], mustChangePassword: true },
      }),
    ]);
    expect(await authenticate(db, { email: "amal.haddad@example.org", password, ip: nextIp() })).toEqual({ ok: true, userId: id, sid: expect.any(String) });
    expect(passwordHash(id)).toMatch(/^\$argon2id\$/);
  });

  it("non-coordinators get no areas even if some are sent", async () => {
    const { id } = await createUser(db, admin, { email: "viewer.areas@example.org", name: "V", role: "viewer", areas: ["SY02"] });
    expect(getUser(db, admin, id).areas).toEqual([]);
  });

  it.each([
    ["a duplicate e-mail (any case)", () => ({ email: admin.email.toUpperCase(), name: "Dup", role: "viewer" as const }), "email", "validation.emailTaken"],
    ["a coordinator without areas", () => ({ email: "c1@example.org", name: "C", role: "coordinator" as const, areas: [] }), "areas", "validation.coordinatorAreas"],
    ["an unknown P-code", () => ({ email: "c2@example.org", name: "C", role: "coordinator" as const, areas: ["SY02", "SY9999"] }), "areas", "validation.areasUnknown"],
    ["a malformed P-code", () => ({ email: "c3@example.org", name: "C", role: "coordinator" as const, areas: ["SY02", "02!"] }), "areas", "validation.pcode"],
    ["a bad e-mail", () => ({ email: "not-an-address", name: "C", role: "viewer" as const }), "email", "validation.email"],
    ["an unknown role", () => ({ email: "c4@example.org", name: "C", role: "root" as never }), "role", "validation.oneOf"],
  ])("refuses %s with a message on the field, writing nothing", async (_label, input, field, key) => {
    const before = digest(db);
    const e = await expectAppError(() => createUser(db, admin, input()), "invalid");
    expect(e.fieldErrors?.[field]?.key).toBe(key);
    expect(digest(db)).toBe(before);
  });

  it("names the unknown P-codes", async () => {
    const e = await appError(() => createUser(db, admin, { email: "c5@example.org", name: "C", role: "coordinator", areas: ["SY02", "SY9999", "C0"] }));
    expect(e.fieldErrors?.areas).toEqual({ key: "validation.areasUnknown", values: { pcodes: "SY9999, C0" } });
  });

  it("insertUser (operator script) refuses a given password shorter than 12 characters, and records the operator label", async () => {
    await expect(insertUser(db, { label: "cli" }, { email: "short@example.org", name: "S", role: "viewer", password: "short" })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { password: { key: "validation.tooShort", values: { minimum: 12 } } },
    });
    expect(findUserIdByEmail(db, "short@example.org")).toBeNull();
    const before = lastAuditId(db);
    const { id, password } = await insertUser(db, { label: "cli:user-create" }, { email: "ops@example.org", name: "Ops", role: "viewer", password: "a-long-enough-password" });
    expect(password).toBe("a-long-enough-password");
    expect(findUserIdByEmail(db, " OPS@example.org ")).toBe(id);
    expect(auditSince(db, before)).toMatchObject([{ action: "user.create", actorId: null, actorLabel: "cli:user-create" }]);
  });
});

describe("updating accounts", () => {
  it("updateUser changes name, role and areas, bumps the version and audits old and new values", async () => {
    const c = await makeUser(db, "coordinator", ["SY02"]);
    const v1 = getUser(db, admin, c.id);
    const before = lastAuditId(db);
    const after = updateUser(db, admin, { id: c.id, version: v1.version, name: "Renamed", role: "coordinator", areas: ["SY07", "SY0200"] });
    expect(after).toMatchObject({ name: "Renamed", role: "coordinator", areas: ["SY0200", "SY07"], version: v1.version + 1 });
    expect(loadActor(db, c.id)!.areas.map((a) => a.pcode).sort()).toEqual(["SY0200", "SY07"]);
    expect(auditSince(db, before)).toEqual([
      expect.objectContaining({
        action: "user.update",
        entityId: String(c.id),
        oldValues: { name: v1.name, role: "coordinator", areas: ["SY02"] },
        newValues: { name: "Renamed", role: "coordinator", areas: ["SY0200", "SY07"] },
      }),
    ]);
    // Becoming a viewer drops the areas.
    const viewer = updateUser(db, admin, { id: c.id, version: after.version, name: "Renamed", role: "viewer", areas: ["SY07"] });
    expect(viewer.areas).toEqual([]);
  });

  it("refuses an edit that started from an older version, keeps the newer values and writes no audit row", async () => {
    const u = await makeUser(db, "viewer");
    const v1 = getUser(db, admin, u.id);
    updateUser(db, admin, { id: u.id, version: v1.version, name: "First edit", role: "viewer" });
    const before = digest(db);
    const e = await expectAppError(() => updateUser(db, admin, { id: u.id, version: v1.version, name: "Stale edit", role: "admin" }), "conflict");
    expect(e.msg).toEqual({ key: "errors.userChanged", values: { name: "First edit", role: "viewer" } });
    expect(e.status).toBe(409);
    expect(digest(db)).toBe(before);
    expect(getUser(db, admin, u.id).name).toBe("First edit");
  });

  it("answers not found for an unknown user", async () => {
    await expectAppError(() => updateUser(db, admin, { id: 999999, version: 1, name: "X", role: "viewer" }), "not_found");
    await expectAppError(() => getUser(db, admin, 999999), "not_found");
  });

  it("an admin cannot demote or deactivate themselves", async () => {
    const other = await makeUser(db, "admin"); // so that "last admin" is not the reason
    const me = getUser(db, admin, admin.id);
    const before = digest(db);
    const demote = await expectAppError(() => updateUser(db, admin, { id: admin.id, version: me.version, name: me.name, role: "viewer" }), "invalid");
    expect(demote.msg.key).toBe("errors.notYourself");
    const deactivate = await expectAppError(() => setUserActive(db, admin, { id: admin.id, active: false }), "invalid");
    expect(deactivate.msg.key).toBe("errors.notYourself");
    expect(digest(db)).toBe(before);
    // …but may rename themselves.
    expect(updateUser(db, admin, { id: admin.id, version: me.version, name: "Chief admin", role: "admin" }).name).toBe("Chief admin");
    setUserActive(db, admin, { id: other.id, active: false });
  });

  it("the last active admin cannot be deactivated or demoted, even by an admin whose own account was just deactivated", async () => {
    const db2 = freshDb();
    const a = await makeUser(db2, "admin");
    const b = await makeUser(db2, "admin");
    // Both admins loaded their pages; A deactivates B first, then B (holding a stale actor) tries to deactivate A.
    setUserActive(db2, a, { id: b.id, active: false });
    const before = digest(db2);
    const e1 = await expectAppError(() => setUserActive(db2, b, { id: a.id, active: false }), "invalid");
    expect(e1.msg.key).toBe("errors.lastAdmin");
    const va = getUser(db2, a, a.id).version;
    const e2 = await expectAppError(() => updateUser(db2, b, { id: a.id, version: va, name: "A", role: "viewer" }), "invalid");
    expect(e2.msg.key).toBe("errors.lastAdmin");
    expect(digest(db2)).toBe(before);
    // With B back there are two active admins again, and A may be demoted by B.
    setUserActive(db2, a, { id: b.id, active: true });
    const demoted = updateUser(db2, loadActor(db2, b.id), { id: a.id, version: getUser(db2, a, a.id).version, name: "A", role: "viewer" });
    expect(demoted.role).toBe("viewer");
  });
});

describe("deactivation and sessions", () => {
  it("a deactivated account can do nothing from its very next request, can no longer sign in, and loses its sessions and tokens for good", async () => {
    const u = await makeUser(db, "coordinator", ["SY02"]);
    expect(loadActor(db, u.id)).not.toBeNull();
    const sid = await signIn(u);
    const { token } = issueApiToken(db, u, u.id, { name: "field laptop" });
    const before = lastAuditId(db);
    const after = setUserActive(db, admin, { id: u.id, active: false });
    expect(after.active).toBe(false);
    expect(loadActor(db, u.id)).toBeNull();
    expect(resolveSession(db, sid)).toBeNull();
    expect(findApiToken(db, token)).toBeNull();
    expect(await authenticate(db, { email: u.email, password: u.password, ip: nextIp() })).toEqual({ ok: false, reason: "invalid" });
    expect(auditSince(db, before)).toEqual([
      expect.objectContaining({
        action: "user.deactivate",
        entityId: String(u.id),
        oldValues: { active: true },
        newValues: { active: false, sessionsEnded: 1, tokensRevoked: 1 },
      }),
      expect.objectContaining({ action: "auth.sign_in_failed", actorId: u.id, entityId: String(u.id) }),
    ]);
    expect(listUsers(db, admin, { status: "inactive" }).map((x) => x.id)).toContain(u.id);

    setUserActive(db, admin, { id: u.id, active: true });
    expect(loadActor(db, u.id)?.areas.map((a) => a.pcode)).toEqual(["SY02"]);
    expect(auditSince(db, before).map((r) => r.action)).toEqual(["user.deactivate", "auth.sign_in_failed", "user.reactivate"]);
    expect(auditSince(db, before)[2]).toMatchObject({ oldValues: { active: false }, newValues: { active: true } });
    // Reactivation revives nothing: the old session and token stay dead; a new sign-in works.
    expect(resolveSession(db, sid)).toBeNull();
    expect(findApiToken(db, token)).toBeNull();
    expect(resolveSession(db, await signIn(u))).toBe(u.id);
  });

  it("setting the state it already has changes nothing and writes no audit row", async () => {
    const u = await makeUser(db, "viewer");
    const before = digest(db);
    expect(setUserActive(db, admin, { id: u.id, active: true }).active).toBe(true);
    expect(digest(db)).toBe(before);
  });

  it("resetUserPassword changes the hash, ends every session and token of that user (only theirs), and only the new password signs in", async () => {
    const u = await makeUser(db, "viewer");
    const oldHash = passwordHash(u.id);
    const phone = await signIn(u);
    const laptop = await signIn(u);
    const { token } = issueApiToken(db, u, u.id, { name: "dashboard" });
    const adminSession = await signIn(admin);
    const before = lastAuditId(db);
    const { password } = await resetUserPassword(db, admin, { id: u.id });
    expect(password).not.toBe(u.password);
    expect(passwordHash(u.id)).not.toBe(oldHash);
    expect(resolveSession(db, phone)).toBeNull();
    expect(resolveSession(db, laptop)).toBeNull();
    expect(findApiToken(db, token)).toBeNull();
    expect(resolveSession(db, adminSession), "the admin's own session is not touched").toBe(admin.id);
    expect(loadActor(db, u.id), "the account itself stays active").not.toBeNull();
    expect(await authenticate(db, { email: u.email, password: u.password, ip: nextIp() })).toEqual({ ok: false, reason: "invalid" });
    const fresh = await authenticate(db, { email: u.email, password, ip: nextIp() });
    expect(fresh).toEqual({ ok: true, userId: u.id, sid: expect.any(String) });
    expect(resolveSession(db, fresh.ok ? fresh.sid : null)).toBe(u.id);
    const audit = auditSince(db, before);
    expect(audit).toEqual([
      expect.objectContaining({
        action: "user.password_reset",
        entityId: String(u.id),
        actorId: admin.id,
        newValues: { mustChangePassword: true, sessionsEnded: 2, tokensRevoked: 1 },
      }),
      expect.objectContaining({ action: "auth.sign_in_failed", entityId: String(u.id) }),
      expect.objectContaining({ action: "auth.sign_in", entityId: String(u.id) }),
    ]);
    expect(JSON.stringify(audit)).not.toContain(password);
  });

  it("a reset in the same millisecond as a sign-in still ends that session, and a sign-in in that millisecond after it stands", async () => {
    const u = await makeUser(db, "viewer");
    later(0); // the clock stands still: nothing here may depend on comparing times
    const sid = await signIn(u);
    const { password } = await resetUserPassword(db, admin, { id: u.id });
    expect(resolveSession(db, sid)).toBeNull();
    const again = await signIn(u, password);
    expect(resolveSession(db, again)).toBe(u.id);
  });

  it("changeOwnPassword checks the current password, then ends every session of that user; tokens only when asked", async () => {
    const u = await makeUser(db, "coordinator", ["SY02"]);
    const phone = await signIn(u);
    const laptop = await signIn(u);
    const { token } = issueApiToken(db, u, u.id, { name: "sync script", scope: "write" });
    const wrong = await expectAppError(
      () => changeOwnPassword(db, u, { currentPassword: "not-my-password", newPassword: "a-brand-new-password", confirmPassword: "a-brand-new-password" }),
      "invalid",
    );
    expect(wrong.fieldErrors?.currentPassword?.key).toBe("validation.currentPasswordWrong");
    const differ = await expectAppError(
      () => changeOwnPassword(db, u, { currentPassword: u.password, newPassword: "a-brand-new-password", confirmPassword: "another-new-password" }),
      "invalid",
    );
    expect(differ.fieldErrors?.confirmPassword?.key).toBe("validation.passwordsDiffer");
    const short = await expectAppError(() => changeOwnPassword(db, u, { currentPassword: u.password, newPassword: "short", confirmPassword: "short" }), "invalid");
    expect(short.fieldErrors?.newPassword).toEqual({ key: "validation.tooShort", values: { minimum: 12 } });
    expect(resolveSession(db, phone), "a refused change ends nothing").toBe(u.id);

    const before = lastAuditId(db);
    await changeOwnPassword(db, u, { currentPassword: u.password, newPassword: "a-brand-new-password", confirmPassword: "a-brand-new-password" });
    expect(resolveSession(db, phone)).toBeNull();
    expect(resolveSession(db, laptop)).toBeNull();
    expect(findApiToken(db, token), "tokens stay unless the owner asks").toMatchObject({ userId: u.id, scope: "write" });
    expect(await authenticate(db, { email: u.email, password: u.password, ip: nextIp() })).toEqual({ ok: false, reason: "invalid" });
    const fresh = await authenticate(db, { email: u.email, password: "a-brand-new-password", ip: nextIp() });
    expect(fresh).toMatchObject({ ok: true, userId: u.id });
    expect(resolveSession(db, fresh.ok ? fresh.sid : null)).toBe(u.id);
    expect(auditSince(db, before)).toEqual([
      expect.objectContaining({ action: "user.password_change", actorId: u.id, entityId: String(u.id), newValues: { mustChangePassword: false, sessionsEnded: 2 } }),
      expect.objectContaining({ action: "auth.sign_in_failed", entityId: String(u.id) }),
      expect.objectContaining({ action: "auth.sign_in", entityId: String(u.id) }),
    ]);

    // With revokeTokens (the form's checkbox sends "on"), the tokens go too.
    const mid = lastAuditId(db);
    const reloaded = loadActor(db, u.id); // the next request reads the account afresh: no change is required any more
    await changeOwnPassword(db, reloaded, { currentPassword: "a-brand-new-password", newPassword: "a-third-new-password", confirmPassword: "a-third-new-password", revokeTokens: "on" as never });
    expect(resolveSession(db, fresh.ok ? fresh.sid : null)).toBeNull();
    expect(findApiToken(db, token)).toBeNull();
    expect(auditSince(db, mid)).toEqual([
      expect.objectContaining({ action: "user.password_change", actorId: u.id, newValues: { sessionsEnded: 1, tokensRevoked: 1 } }),
    ]);
    expect(resolveSession(db, await signIn(u, "a-third-new-password"))).toBe(u.id);
  });

  it("a role change ends the user's sessions (tokens stay); a change of name or areas does not", async () => {
    const u = await makeUser(db, "coordinator", ["SY02"]);
    const sid = await signIn(u);
    const { token } = issueApiToken(db, u, u.id, { name: "reader" });
    const v1 = getUser(db, admin, u.id);
    const before = lastAuditId(db);
    const same = updateUser(db, admin, { id: u.id, version: v1.version, name: "Moved", role: "coordinator", areas: ["SY07"] });
    expect(resolveSession(db, sid)).toBe(u.id);
    updateUser(db, admin, { id: u.id, version: same.version, name: "Moved", role: "viewer" });
    expect(resolveSession(db, sid)).toBeNull();
    expect(findApiToken(db, token)).toMatchObject({ userId: u.id });
    expect(auditSince(db, before)).toEqual([
      expect.objectContaining({ action: "user.update", newValues: { name: "Moved", role: "coordinator", areas: ["SY07"] } }),
      expect.objectContaining({ action: "user.update", newValues: { name: "Moved", role: "viewer", areas: [], sessionsEnded: 1 } }),
    ]);
    expect(loadActor(db, u.id)?.role).toBe("viewer");
    expect(resolveSession(db, await signIn(u))).toBe(u.id);
  });

  it("updateOwnPreferences stores language and digits, audited with old and new values", async () => {
    const u = await makeUser(db, "viewer");
    const before = lastAuditId(db);
    updateOwnPreferences(db, u, { locale: "ar", numerals: "arab" });
    expect(loadActor(db, u.id)).toMatchObject({ locale: "ar", numerals: "arab" });
    expect(auditSince(db, before)).toEqual([
      expect.objectContaining({ action: "user.preferences", oldValues: { locale: "auto", numerals: "latn", timeZone: "Asia/Damascus" }, newValues: { locale: "ar", numerals: "arab", timeZone: "Asia/Damascus" } }),
    ]);
    await expectAppError(() => updateOwnPreferences(db, u, { locale: "fr" as never, numerals: "latn" }), "invalid");
  });
});

describe("the audit row is part of the change", () => {
  it("if the audit row cannot be written, the change is rolled back with it", async () => {
    const u = await makeUser(db, "viewer");
    const v = getUser(db, admin, u.id);
    const hash = passwordHash(u.id);
    db.$client.exec("create temp trigger audit_down before insert on audit_log begin select raise(abort, 'audit log unavailable'); end");
    try {
      const before = digest(db);
      expect(() => updateUser(db, admin, { id: u.id, version: v.version, name: "Never saved", role: "admin" })).toThrow(/audit log unavailable/);
      expect(() => setUserActive(db, admin, { id: u.id, active: false })).toThrow(/audit log unavailable/);
      await expect(resetUserPassword(db, admin, { id: u.id })).rejects.toThrow(/audit log unavailable/);
      await expect(createUser(db, admin, { email: "ghost@example.org", name: "Ghost", role: "viewer" })).rejects.toThrow(/audit log unavailable/);
      expect(digest(db)).toBe(before);
    } finally {
      db.$client.exec("drop trigger audit_down");
    }
    expect(getUser(db, admin, u.id)).toMatchObject({ name: v.name, role: "viewer", active: true, version: v.version });
    expect(passwordHash(u.id)).toBe(hash);
    expect(findUserIdByEmail(db, "ghost@example.org")).toBeNull();
  });

  it("each successful change adds exactly one audit row; listUsers filters and never returns hashes", async () => {
    const start = countRows(db, "audit_log");
    const u = await makeUser(db, "viewer"); // +1
    const v = getUser(db, admin, u.id);
    updateUser(db, admin, { id: u.id, version: v.version, name: "Zed Filter", role: "viewer" }); // +1
    setUserActive(db, admin, { id: u.id, active: false }); // +1
    await resetUserPassword(db, admin, { id: u.id }); // +1
    expect(countRows(db, "audit_log")).toBe(start + 4);
    const listed = listUsers(db, admin, { q: "Zed Filter" });
    expect(listed).toEqual([{ id: u.id, email: u.email, name: "Zed Filter", role: "viewer", active: false, areas: [] }]);
    expect(listUsers(db, admin, { role: "admin" }).every((x) => x.role === "admin")).toBe(true);
  });
});
