import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { migrateDb, openDb, type Db } from "@/db/client";
import { prepareDatabase } from "@/lib/seed/prepare-database";
import { answerApi, callerFromAuthorization } from "@/lib/api/caller";
import { handleListReports } from "@/lib/api/reports";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { authenticate } from "@/lib/auth/login";
import { REAUTH_THROTTLE } from "@/lib/auth/reauth-throttle";
import { DEMO_ACCOUNTS, hasActiveDemoAccounts } from "@/lib/demo-accounts";
import { issueApiToken } from "@/lib/tokens";
import { changeOwnPassword, createUser, findUserIdByEmail, insertUser, resetUserPassword, setUserActive } from "@/lib/users";
import { auditSince, digest, expectAppError, freshDb, lastAuditId, makeUser, tmpDbPath } from "../factories";

let db: Db;
let admin: Actor & { password: string };
const STRONG = "copper-lantern-orchard-57";
const mustChange = (id: number) => loadActor(db, id)!.mustChangePassword;
const change = (me: Actor, currentPassword: string, newPassword: string) =>
  changeOwnPassword(db, me, { currentPassword, newPassword, confirmPassword: newPassword });

beforeAll(async () => {
  db = freshDb();
  // Chosen by the test (as the e2e admin is): not forced to change it.
  admin = await makeUser(db, "admin", [], { password: "harbour-chosen-Secret-2026" });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("the password policy where a person chooses a password", () => {
  it.each([
    ["passwordpassword", "validation.passwordCommon"],
    ["password1234", "validation.passwordCommon"],
    ["1qaz2wsx3edc", "validation.passwordCommon"],
    ["iloveyou1234", "validation.passwordCommon"],
    ["Lina-Hamdan-lantern", "validation.passwordPersonal"],
    ["lina.hamdan-2026!", "validation.passwordPersonal"],
    ["short-one", "validation.tooShort"],
  ])("the CLI (--password-stdin) refuses %s, and creates nothing", async (password, key) => {
    const before = digest(db);
    const e = await expectAppError(
      () => insertUser(db, { label: "test:cli" }, { email: "lina.hamdan@example.org", name: "Lina Hamdan", role: "viewer", areas: [], password }),
      "invalid",
    );
    expect(e.fieldErrors?.password?.key).toBe(key);
    expect(digest(db)).toBe(before);
  });

  it("the account page's change refuses a common password, and one with the owner's e-mail or name", async () => {
    const u = await makeUser(db, "viewer");
    const newPasswordKey = async (pw: string) => (await expectAppError(() => change(u, u.password, pw), "invalid")).fieldErrors?.newPassword?.key;
    expect(await newPasswordKey("passwordpassword")).toBe("validation.passwordCommon");
    expect(await newPasswordKey("password1234")).toBe("validation.passwordCommon");
    expect(await newPasswordKey(`${u.email}-x`)).toBe("validation.passwordPersonal");
    expect(await newPasswordKey(`my-${u.email.split("@")[0]}-secret`)).toBe("validation.passwordPersonal");
    // makeUser names people "viewer 7": "viewer" is a name part of 3+ characters.
    expect(await newPasswordKey("the-VIEWER-lantern")).toBe("validation.passwordPersonal");
    expect(await newPasswordKey("tiny")).toBe("validation.tooShort");
    await change(u, u.password, STRONG);
    expect((await authenticate(db, { email: u.email, password: STRONG, ip: "10.9.0.1" })).ok).toBe(true);
  });
});

describe("must change password", () => {
  it("is set when the admin creates an account (generated password) and cleared when the owner changes it", async () => {
    const before = lastAuditId(db);
    const { id, password } = await createUser(db, admin, { email: "new.viewer@example.org", name: "New Viewer", role: "viewer" });
    expect(mustChange(id)).toBe(true);
    expect(auditSince(db, before)[0]?.newValues).toMatchObject({ mustChangePassword: true });

    const me = loadActor(db, id)!;
    const mid = lastAuditId(db);
    await change(me, password, STRONG);
    expect(mustChange(id)).toBe(false);
    expect(auditSince(db, mid)).toEqual([expect.objectContaining({ action: "user.password_change", newValues: { mustChangePassword: false, sessionsEnded: 0 } })]);
  });

  it("is set for the CLI without --password-stdin, and not with a password the person chose", async () => {
    const generated = await insertUser(db, { label: "test:cli" }, { email: "gen@example.org", name: "Generated", role: "viewer", areas: [] });
    expect(mustChange(generated.id)).toBe(true);
    const chosen = await insertUser(db, { label: "test:cli" }, { email: "chosen@example.org", name: "Chosen", role: "viewer", areas: [], password: STRONG });
    expect(mustChange(chosen.id)).toBe(false);
  });

  it("is set again by the admin's password reset, and cleared by the owner's next change", async () => {
    const u = await makeUser(db, "coordinator", ["SY02"]);
    await change(u, u.password, STRONG);
    expect(mustChange(u.id)).toBe(false);

    const before = lastAuditId(db);
    const { password } = await resetUserPassword(db, admin, { id: u.id });
    expect(mustChange(u.id)).toBe(true);
    expect(auditSince(db, before)).toEqual([expect.objectContaining({ action: "user.password_reset", newValues: { mustChangePassword: true, sessionsEnded: 0, tokensRevoked: 0 } })]);

    // Choosing the reset password again would leave it known to the admin.
    const same = await expectAppError(() => change(loadActor(db, u.id)!, password, password), "invalid");
    expect(same.fieldErrors?.newPassword?.key).toBe("validation.passwordUnchanged");
    await change(loadActor(db, u.id)!, password, "walnut-harbour-evening-83");
    expect(mustChange(u.id)).toBe(false);
  });

  it("demo accounts (generated passwords) must change them too, and show the demo banner while active", async () => {
    const demoDb = openDb(tmpDbPath("demo"));
    try {
      migrateDb(demoDb);
      expect(hasActiveDemoAccounts(demoDb)).toBe(false);
      await prepareDatabase(demoDb, { demo: true });
      expect(hasActiveDemoAccounts(demoDb)).toBe(true);
      for (const a of DEMO_ACCOUNTS) expect(loadActor(demoDb, findUserIdByEmail(demoDb, a.email)!)!.mustChangePassword).toBe(true);
      // Deactivating every demo account (here by a real admin with a password of their own) takes the banner away.
      const other = await insertUser(demoDb, { label: "test" }, { email: "real.admin@ngo.test", name: "Real Admin", role: "admin", areas: [], password: STRONG });
      const realAdmin = loadActor(demoDb, other.id)!;
      for (const a of DEMO_ACCOUNTS) setUserActive(demoDb, realAdmin, { id: findUserIdByEmail(demoDb, a.email)!, active: false });
      expect(hasActiveDemoAccounts(demoDb)).toBe(false);
    } finally {
      demoDb.$client.close();
    }
  }, 60_000);
});

describe("the API and a must-change session", () => {
  it("a session of someone who must change their password gets 403 errors.passwordChangeRequired; a token keeps working", async () => {
    const u = await makeUser(db, "viewer");
    expect(u.mustChangePassword).toBe(true);
    const list = (actor: Actor | null) => handleListReports(db, actor, new URLSearchParams({ week: "2020-W04" }));
    const bySession = answerApi(db, { actor: u, token: null, ip: "192.0.2.1" }, list);
    expect(bySession.status).toBe(403);
    expect(bySession.body).toMatchObject({ error: { code: "forbidden", key: "errors.passwordChangeRequired" } });

    const { token } = issueApiToken(db, admin, u.id, { name: "script" });
    const byToken = answerApi(db, callerFromAuthorization(db, `Bearer ${token}`, "192.0.2.1")!, list);
    expect(byToken.status).toBe(200);

    await change(u, u.password, STRONG);
    expect(answerApi(db, { actor: loadActor(db, u.id), token: null, ip: "192.0.2.1" }, list).status).toBe(200);
  });
});

describe("throttling the current-password check", () => {
  it("5 wrong current passwords block further attempts, the right one included, for 15 minutes; throttled attempts are audited", async () => {
    const u = await makeUser(db, "viewer", [], { password: "my-first-Secret-2026" });
    for (let i = 1; i < REAUTH_THROTTLE.failures; i++) {
      const e = await expectAppError(() => change(u, `wrong-guess-${i}`, STRONG), "invalid");
      expect(e.fieldErrors?.currentPassword?.key).toBe("validation.currentPasswordWrong");
    }
    const before = lastAuditId(db);
    // The 5th wrong one starts the block.
    const fifth = await expectAppError(() => change(u, "wrong-guess-5", STRONG), "throttled");
    expect(fifth.status).toBe(429);
    expect(fifth.msg).toEqual({ key: "errors.reauthThrottled", values: { minutes: 15 } });
    // The 6th is refused even with the right current password, and nothing changes.
    const sixth = await expectAppError(() => change(u, u.password, STRONG), "throttled");
    expect(sixth.fieldErrors?.currentPassword?.key).toBe("errors.reauthThrottled");
    expect((await authenticate(db, { email: u.email, password: u.password, ip: "10.9.0.2" })).ok).toBe(true);
    expect(auditSince(db, before)).toEqual([
      expect.objectContaining({ action: "auth.reauth_throttled", actorId: u.id, entityType: "user", entityId: String(u.id) }),
      expect.objectContaining({ action: "auth.reauth_throttled", actorId: u.id, entityId: String(u.id) }),
      // The sign-in just above, which the re-authentication block does not touch.
      expect.objectContaining({ action: "auth.sign_in", actorId: u.id }),
    ]);

    // Another account is not affected.
    const other = await makeUser(db, "viewer", [], { password: "other-first-Secret-2026" });
    await change(other, other.password, STRONG);

    // After 15 minutes the right password works again.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + REAUTH_THROTTLE.blockSeconds * 1000 + 1000);
    await change(u, u.password, STRONG);
    expect((await authenticate(db, { email: u.email, password: STRONG, ip: "10.9.0.3" })).ok).toBe(true);
  });

  it("a right current password starts the count again", async () => {
    const u = await makeUser(db, "viewer", [], { password: "count-first-Secret-2026" });
    for (let i = 1; i < REAUTH_THROTTLE.failures; i++) await expectAppError(() => change(u, `wrong-${i}`, STRONG), "invalid");
    await change(u, u.password, STRONG);
    const me = loadActor(db, u.id)!;
    for (let i = 1; i < REAUTH_THROTTLE.failures; i++) await expectAppError(() => change(me, `wrong-again-${i}`, "walnut-harbour-evening-83"), "invalid");
    await change(me, STRONG, "walnut-harbour-evening-83");
  });
});

describe("the admin's create screen", () => {
  it("ignores a password smuggled into the post: the password is generated and must be changed", async () => {
    const chosenByAdmin = "admin-knows-this-Secret-2026";
    const input = { email: "smuggled@example.org", name: "Smuggled", role: "viewer", areas: [], password: chosenByAdmin } as Parameters<typeof createUser>[2];
    const { id, password } = await createUser(db, admin, input);
    expect(password).not.toBe(chosenByAdmin);
    expect(loadActor(db, id)?.mustChangePassword).toBe(true);
    expect((await authenticate(db, { email: "smuggled@example.org", password: chosenByAdmin, ip: "10.9.9.1" })).ok).toBe(false);
  });
});

describe("current-password guesses sent in parallel", () => {
  it("are counted before they are checked: of 10 at once, at most 5 are checked, the rest refused, and the block holds", async () => {
    const u = await makeUser(db, "viewer", [], { password: "parallel-first-Secret-2026" });
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        change(u, `parallel-wrong-${i}`, STRONG).then(
          () => "changed",
          (e: unknown) => (e as { code?: string }).code ?? "error",
        ),
      ),
    );
    expect(outcomes).not.toContain("changed");
    expect(outcomes.filter((o) => o === "invalid").length).toBeLessThanOrEqual(REAUTH_THROTTLE.failures - 1);
    expect(outcomes.filter((o) => o === "throttled").length).toBeGreaterThanOrEqual(10 - REAUTH_THROTTLE.failures);
    await expectAppError(() => change(u, u.password, STRONG), "throttled");
  });
});
