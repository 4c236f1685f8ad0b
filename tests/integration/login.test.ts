import { performance } from "node:perf_hooks";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openDb, type Db } from "@/db/client";
import { authenticate } from "@/lib/auth/login";
import { resolveSession } from "@/lib/auth/sessions";
import { slowdownMs, THROTTLE } from "@/lib/auth/throttle";
import { sessionSettings } from "@/lib/env";
import { setUserActive } from "@/lib/users";
import { auditSince, freshDb, lastAuditId, makeUser } from "../factories";

let db: Db;
let ipCounter = 0;
const newIp = () => `192.0.2.${++ipCounter}`;

/** Stands in for the slowdown's sleep: records each wait instead of spending it. */
function recorder() {
  const waits: number[] = [];
  return { waits, wait: async (ms: number) => void waits.push(ms) };
}
const signedIn = (userId: number) => ({ ok: true, userId, sid: expect.any(String) });
const THROTTLED = { ok: false, reason: "throttled", retryAfterMinutes: 15 } as const;
const INVALID = { ok: false, reason: "invalid" } as const;

const MINUTE = 60_000;
const ADDRESS_LIMIT = sessionSettings({}).addressLimit;
/** Stops the clock (Date only) at `ms`: the throttle's windows and blocks are computed from Date.now(). */
const clockAt = (ms: number) => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(ms);
};

beforeAll(() => {
  db = freshDb();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("authenticate", () => {
  it("accepts the right password, whatever the case and spacing of the e-mail, and opens a session that names the user", async () => {
    const u = await makeUser(db, "viewer");
    const ip = newIp();
    const first = await authenticate(db, { email: u.email, password: u.password, ip, userAgent: "Firefox on a field laptop" });
    expect(first).toEqual(signedIn(u.id));
    const second = await authenticate(db, { email: `  ${u.email.toUpperCase()} `, password: u.password, ip: newIp() });
    expect(second).toEqual(signedIn(u.id));
    if (!first.ok || !second.ok) throw new Error("unreachable");
    expect(first.sid).not.toBe(second.sid);
    expect(first.sid.length).toBeGreaterThanOrEqual(40);
    expect(resolveSession(db, first.sid)).toBe(u.id);
    expect(resolveSession(db, second.sid)).toBe(u.id);
    expect(resolveSession(db, first.sid + "x")).toBeNull();
    const rows = db.$client.prepare("select user_id as userId, ip, user_agent as userAgent from sessions where user_id = ? order by id").all(u.id);
    expect(rows).toEqual([
      { userId: u.id, ip, userAgent: "Firefox on a field laptop" },
      { userId: u.id, ip: expect.any(String), userAgent: "" },
    ]);
  });

  it("answers a wrong password, an unknown e-mail and a deactivated account in exactly the same way, and opens no session", async () => {
    const admin = await makeUser(db, "admin");
    const u = await makeUser(db, "viewer");
    const off = await makeUser(db, "coordinator", ["SY07"]);
    setUserActive(db, admin, { id: off.id, active: false });
    const sessionsBefore = db.$client.prepare("select count(*) from sessions").pluck().get();
    const answers = [
      await authenticate(db, { email: u.email, password: u.password + "x", ip: newIp() }),
      await authenticate(db, { email: "nobody-here@example.org", password: u.password, ip: newIp() }),
      await authenticate(db, { email: off.email, password: off.password, ip: newIp() }),
      await authenticate(db, { email: "", password: "", ip: newIp() }),
    ];
    for (const a of answers) expect(a).toEqual(INVALID);
    expect(db.$client.prepare("select count(*) from sessions").pluck().get()).toBe(sessionsBefore);
  });

  it("spends the same argon2 work on an unknown e-mail as on a wrong password", async () => {
    const u = await makeUser(db, "viewer");
    const time = async (email: string) => {
      const t0 = performance.now();
      // The slowdown's wait is recorded, not spent: only the password check is timed.
      const r = await authenticate(db, { email, password: "wrong-password-123", ip: newIp() }, recorder().wait);
      expect(r).toEqual(INVALID);
      return performance.now() - t0;
    };
    await time(`warm-up-${Date.now()}@example.org`); // computes the dummy hash once
    const unknown: number[] = [];
    const wrong: number[] = [];
    // Interleaved, so that machine load affects both alike; 9 of each, so that the median shrugs off a few stalls.
    for (let i = 0; i < 9; i++) {
      unknown.push(await time(`unknown-${i}-${Date.now()}@example.org`));
      wrong.push(await time(u.email));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = median(unknown) / median(wrong);
    expect(median(wrong), "a wrong password costs a real argon2 verification").toBeGreaterThan(3);
    expect(ratio, `unknown ${unknown.map(Math.round)} ms vs wrong ${wrong.map(Math.round)} ms`).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});

describe("throttling", () => {
  it("the slowdown is 1 s from the 5th failure, doubling, at most 30 s", () => {
    expect([0, 4, 5, 6, 7, 8, 9, 10, 11, 50].map(slowdownMs)).toEqual([0, 0, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(THROTTLE).toMatchObject({ pairFailures: 5, slowdownFrom: 5, slowdownFirstMs: 1000, slowdownMaxMs: 30_000 });
    expect(ADDRESS_LIMIT, "RASD_SIGNIN_ADDRESS_LIMIT's default").toBe(20);
  });

  it("5 failures from one address block that (account, address) pair; from another address the right password still gets in, after a wait", async () => {
    const victim = await makeUser(db, "coordinator", ["SY02"]);
    const bystander = await makeUser(db, "viewer");
    const attacker = newIp();
    const { waits, wait } = recorder();
    const results = [];
    for (let i = 0; i < THROTTLE.pairFailures; i++)
      results.push(await authenticate(db, { email: victim.email, password: `guess-${i}`, ip: attacker }, wait));
    expect(results.slice(0, 4)).toEqual(Array(4).fill(INVALID));
    // The failure that reaches the limit already says so.
    expect(results[4]).toEqual(THROTTLED);
    expect(waits, "fewer than 5 earlier failures: no wait yet").toEqual([]);

    // From the attacker's address the pair is blocked, even for the right password, and in any spelling of the e-mail…
    expect(await authenticate(db, { email: victim.email, password: victim.password, ip: attacker }, wait)).toEqual(THROTTLED);
    expect(await authenticate(db, { email: victim.email.toUpperCase(), password: victim.password, ip: attacker }, wait)).toEqual(THROTTLED);
    expect(waits, "a blocked attempt is refused before any wait or password check").toEqual([]);

    // …but nobody can lock the owner out: from their own address they get in, only after the account's slowdown.
    const owner = await authenticate(db, { email: victim.email, password: victim.password, ip: newIp() }, wait);
    expect(owner).toEqual(signedIn(victim.id));
    expect(waits).toEqual([1000]);
    expect(resolveSession(db, owner.ok ? owner.sid : null)).toBe(victim.id);

    // Other accounts from the attacker's address are not affected either.
    const other = recorder();
    expect(await authenticate(db, { email: bystander.email, password: bystander.password, ip: attacker }, other.wait)).toEqual(signedIn(bystander.id));
    expect(other.waits).toEqual([]);
  });

  it("failures spread over 10 addresses slow the account down (1 s, 2 s, 4 s … at most 30 s) but never lock it", async () => {
    const u = await makeUser(db, "viewer");
    const addresses = Array.from({ length: 10 }, newIp);
    const { waits, wait } = recorder();
    for (let i = 0; i < 11; i++)
      expect(await authenticate(db, { email: u.email, password: `spread-${i}`, ip: addresses[i % 10]! }, wait), `attempt ${i + 1}`).toEqual(INVALID);
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 30000]);
    expect(await authenticate(db, { email: u.email, password: u.password, ip: addresses[3]! }, wait)).toEqual(signedIn(u.id));
    expect(waits.at(-1)).toBe(30000);
    // A success clears only its own pair: the account-wide slowdown fades with its window.
    expect(await authenticate(db, { email: u.email, password: "one-more-guess", ip: newIp() }, wait)).toEqual(INVALID);
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it("20 failures from one address across many accounts block that address, not the accounts", async () => {
    const u = await makeUser(db, "viewer");
    const sprayer = newIp();
    const { waits, wait } = recorder();
    const before = lastAuditId(db);
    const results = [];
    for (let i = 0; i < ADDRESS_LIMIT; i++)
      results.push(await authenticate(db, { email: `spray-${i}-${sprayer}@example.org`, password: "Winter2020!", ip: sprayer }, wait));
    expect(results.slice(0, ADDRESS_LIMIT - 1).every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    expect(results.at(-1)).toEqual(THROTTLED);
    expect(auditSince(db, before).filter((r) => r.action === "auth.throttled")).toEqual([
      expect.objectContaining({ actorId: null, actorLabel: "anonymous", entityId: null, newValues: { email: `spray-19-${sprayer}@example.org`, ip: sprayer, limit: "address" } }),
    ]);
    expect(await authenticate(db, { email: u.email, password: u.password, ip: sprayer }, wait)).toEqual(THROTTLED);
    expect(await authenticate(db, { email: u.email, password: u.password, ip: newIp() }, wait)).toEqual(signedIn(u.id));
    expect(waits).toEqual([]);
  });

  it("RASD_SIGNIN_ADDRESS_LIMIT sets the per-address limit (read when the database's limiters are first made)", async () => {
    const saved = process.env.RASD_SIGNIN_ADDRESS_LIMIT;
    process.env.RASD_SIGNIN_ADDRESS_LIMIT = "6";
    const office = freshDb();
    try {
      const u = await makeUser(office, "viewer");
      const ip = newIp();
      const results = [];
      for (let i = 0; i < 6; i++) results.push(await authenticate(office, { email: `office-${i}@example.org`, password: "Summer2020!", ip }, recorder().wait));
      expect(results).toEqual([...Array(5).fill(INVALID), THROTTLED]);
      expect(await authenticate(office, { email: u.email, password: u.password, ip })).toEqual(THROTTLED);
    } finally {
      if (saved === undefined) delete process.env.RASD_SIGNIN_ADDRESS_LIMIT;
      else process.env.RASD_SIGNIN_ADDRESS_LIMIT = saved;
      office.$client.close();
    }
  });

  it("a block lasts 15 minutes from the failure that reached the limit, even when the failures were spread over the window", async () => {
    const u = await makeUser(db, "viewer");
    const ip = newIp();
    const { wait } = recorder();
    const t0 = Date.now();
    clockAt(t0);
    expect(await authenticate(db, { email: u.email, password: "spread-out-1", ip }, wait)).toEqual(INVALID);
    clockAt(t0 + 14 * MINUTE);
    for (let i = 0; i < THROTTLE.pairFailures - 2; i++) expect(await authenticate(db, { email: u.email, password: "spread-out-2", ip }, wait)).toEqual(INVALID);
    expect(await authenticate(db, { email: u.email, password: "spread-out-3", ip }, wait)).toEqual(THROTTLED);
    // Past the first failure's window, but not 15 minutes after the block began: still blocked, and it says how long.
    clockAt(t0 + 16 * MINUTE);
    expect(await authenticate(db, { email: u.email, password: u.password, ip }, wait)).toEqual({ ok: false, reason: "throttled", retryAfterMinutes: 13 });
    clockAt(t0 + 29 * MINUTE - 1000);
    expect(await authenticate(db, { email: u.email, password: u.password, ip }, wait)).toMatchObject({ reason: "throttled", retryAfterMinutes: 1 });
    clockAt(t0 + 29 * MINUTE + 1000);
    expect(await authenticate(db, { email: u.email, password: u.password, ip }, wait)).toEqual(signedIn(u.id));
  });

  it("an address block, too, lasts 15 minutes from the 20th failure", async () => {
    const u = await makeUser(db, "viewer");
    const sprayer = newIp();
    const { wait } = recorder();
    const t0 = Date.now();
    clockAt(t0);
    await authenticate(db, { email: `early-${sprayer}@example.org`, password: "Spring2020!", ip: sprayer }, wait);
    clockAt(t0 + 14 * MINUTE);
    const results = [];
    for (let i = 1; i < ADDRESS_LIMIT; i++)
      results.push(await authenticate(db, { email: `late-${i}-${sprayer}@example.org`, password: "Spring2020!", ip: sprayer }, wait));
    expect(results.at(-1)).toEqual(THROTTLED);
    clockAt(t0 + 20 * MINUTE);
    expect(await authenticate(db, { email: u.email, password: u.password, ip: sprayer }, wait)).toMatchObject({ reason: "throttled", retryAfterMinutes: 9 });
    clockAt(t0 + 29 * MINUTE + 1000);
    expect(await authenticate(db, { email: u.email, password: u.password, ip: sprayer }, wait)).toEqual(signedIn(u.id));
  });

  it("a successful sign-in clears the failures of its (account, address) pair", async () => {
    const u = await makeUser(db, "viewer");
    const ip = newIp();
    const { wait } = recorder();
    for (let i = 0; i < THROTTLE.pairFailures - 1; i++) expect(await authenticate(db, { email: u.email, password: "nope-nope", ip }, wait)).toEqual(INVALID);
    expect(await authenticate(db, { email: u.email, password: u.password, ip }, wait)).toEqual(signedIn(u.id));
    // Without the clearing, the first of these would be the pair's 5th failure and block it.
    for (let i = 0; i < THROTTLE.pairFailures - 1; i++) expect(await authenticate(db, { email: u.email, password: "nope-nope", ip }, wait)).toEqual(INVALID);
    expect(await authenticate(db, { email: u.email, password: u.password, ip }, wait)).toEqual(signedIn(u.id));
  });

  it("the counters live in the database file: a restart does not reset them", async () => {
    const file = freshDb();
    const path = file.$client.name;
    const u = await makeUser(file, "viewer");
    const ip = newIp();
    const { waits, wait } = recorder();
    for (let i = 0; i < THROTTLE.pairFailures; i++) await authenticate(file, { email: u.email, password: "bad-password", ip }, wait);
    file.$client.close();

    const reopened = openDb(path);
    try {
      // The pair is still blocked, and the account still remembers its 5 failures.
      expect(await authenticate(reopened, { email: u.email, password: u.password, ip }, wait)).toEqual(THROTTLED);
      expect(await authenticate(reopened, { email: u.email, password: u.password, ip: newIp() }, wait)).toEqual(signedIn(u.id));
      expect(waits).toEqual([1000]);
      const rows = reopened.$client.prepare("select count(*) from login_throttle").pluck().get() as number;
      expect(rows).toBeGreaterThan(0);
    } finally {
      reopened.$client.close();
    }
  });
});

describe("the audit trail of sign-in", () => {
  it("records success, failure and the throttle being reached, never the password", async () => {
    const u = await makeUser(db, "coordinator", ["SY02"], { password: "correct-horse-battery-9" });
    const ip = newIp();
    const { wait } = recorder();
    const before = lastAuditId(db);
    const guesses = Array.from({ length: THROTTLE.pairFailures }, (_, i) => `secret-guess-${i}-xyz`);
    for (const password of guesses) await authenticate(db, { email: u.email, password, ip }, wait);
    await authenticate(db, { email: "ghost@example.org", password: "ghost-password-guess", ip }, wait);
    const other = newIp();
    expect(await authenticate(db, { email: ` ${u.email.toUpperCase()}`, password: u.password, ip: other }, wait)).toEqual(signedIn(u.id));

    const audit = auditSince(db, before);
    const who = { actorId: u.id, actorLabel: u.email, entityType: "user", entityId: String(u.id) };
    const failed = expect.objectContaining({ ...who, action: "auth.sign_in_failed", newValues: { email: u.email, ip } });
    expect(audit).toEqual([
      ...guesses.map(() => failed),
      expect.objectContaining({ ...who, action: "auth.throttled", newValues: { email: u.email, ip, limit: "pair" } }),
      expect.objectContaining({
        actorId: null,
        actorLabel: "anonymous",
        action: "auth.sign_in_failed",
        entityId: null,
        newValues: { email: "ghost@example.org", ip },
      }),
      expect.objectContaining({ ...who, action: "auth.sign_in", newValues: { ip: other } }),
    ]);
    const text = JSON.stringify(audit);
    for (const secret of [...guesses, "ghost-password-guess", u.password]) expect(text).not.toContain(secret);
  });
});

describe("guesses sent in parallel", () => {
  it("are counted before their passwords are checked: of 12 at once from one address, at most 5 are checked, the rest refused", async () => {
    const u = await makeUser(db, "viewer");
    const ip = newIp();
    const { wait } = recorder();
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => authenticate(db, { email: u.email, password: `parallel-guess-${i}`, ip }, wait)));
    const checked = answers.filter((a) => !a.ok && a.reason === "invalid").length;
    expect(checked).toBeLessThanOrEqual(THROTTLE.pairFailures - 1);
    expect(answers.filter((a) => !a.ok && a.reason === "throttled").length).toBeGreaterThanOrEqual(12 - THROTTLE.pairFailures);
    // The pair is blocked now, the right password included; from elsewhere it still signs in.
    expect(await authenticate(db, { email: u.email, password: u.password, ip }, wait)).toEqual(THROTTLED);
    expect(await authenticate(db, { email: u.email, password: u.password, ip: newIp() }, wait)).toEqual(signedIn(u.id));
  });

  it("a right password gives its counted attempt back: ten good sign-ins in a row never throttle", async () => {
    const u = await makeUser(db, "viewer");
    const ip = newIp();
    for (let i = 0; i < 10; i++) expect(await authenticate(db, { email: u.email, password: u.password, ip })).toEqual(signedIn(u.id));
  });
});
