import { performance } from "node:perf_hooks";
import { beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "@/db/client";
import { authenticate } from "@/lib/auth/login";
import { THROTTLE } from "@/lib/auth/throttle";
import { setUserActive } from "@/lib/users";
import { freshDb, makeUser } from "../factories";

let db: Db;
let ipCounter = 0;
const newIp = () => `192.0.2.${++ipCounter}`;

beforeAll(() => {
  db = freshDb();
});

describe("authenticate", () => {
  it("accepts the right password, whatever the case and spacing of the e-mail", async () => {
    const u = await makeUser(db, "viewer");
    expect(await authenticate(db, { email: u.email, password: u.password, ip: newIp() })).toEqual({ ok: true, userId: u.id });
    expect(await authenticate(db, { email: `  ${u.email.toUpperCase()} `, password: u.password, ip: newIp() })).toEqual({ ok: true, userId: u.id });
  });

  it("answers a wrong password, an unknown e-mail and a deactivated account in exactly the same way", async () => {
    const admin = await makeUser(db, "admin");
    const u = await makeUser(db, "viewer");
    const off = await makeUser(db, "coordinator", ["SY07"]);
    setUserActive(db, admin, { id: off.id, active: false });
    const answers = [
      await authenticate(db, { email: u.email, password: u.password + "x", ip: newIp() }),
      await authenticate(db, { email: "nobody-here@example.org", password: u.password, ip: newIp() }),
      await authenticate(db, { email: off.email, password: off.password, ip: newIp() }),
      await authenticate(db, { email: "", password: "", ip: newIp() }),
    ];
    for (const a of answers) expect(a).toEqual({ ok: false, reason: "invalid" });
  });

  it("spends the same argon2 work on an unknown e-mail as on a wrong password", async () => {
    const u = await makeUser(db, "viewer");
    const time = async (email: string) => {
      const t0 = performance.now();
      const r = await authenticate(db, { email, password: "wrong-password-123", ip: newIp() });
      expect(r).toEqual({ ok: false, reason: "invalid" });
      return performance.now() - t0;
    };
    await time(`warm-up-${Date.now()}@example.org`); // computes the dummy hash once
    const unknown: number[] = [];
    const wrong: number[] = [];
    // Interleaved, so that machine load affects both alike; fewer than 5 failures for the one account.
    for (let i = 0; i < 4; i++) {
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
  it("5 failures lock the account for 15 minutes, even for the right password; other accounts and addresses are unaffected", async () => {
    const victim = await makeUser(db, "coordinator", ["SY02"]);
    const bystander = await makeUser(db, "viewer");
    const attacker = newIp();
    const results = [];
    for (let i = 0; i < THROTTLE.accountFailures; i++)
      results.push(await authenticate(db, { email: victim.email, password: `guess-${i}`, ip: attacker }));
    expect(results.slice(0, 4)).toEqual(Array(4).fill({ ok: false, reason: "invalid" }));
    // The failure that reaches the limit already says so.
    expect(results[4]).toEqual({ ok: false, reason: "throttled", retryAfterMinutes: 15 });

    expect(await authenticate(db, { email: victim.email, password: victim.password, ip: attacker })).toEqual({
      ok: false,
      reason: "throttled",
      retryAfterMinutes: 15,
    });
    // The lock is on the account, from any address…
    expect(await authenticate(db, { email: victim.email, password: victim.password, ip: newIp() })).toMatchObject({ reason: "throttled" });
    // …and on nobody else.
    expect(await authenticate(db, { email: bystander.email, password: bystander.password, ip: newIp() })).toEqual({ ok: true, userId: bystander.id });
    expect(await authenticate(db, { email: victim.email.toUpperCase(), password: victim.password, ip: newIp() }), "same account, other spelling").toMatchObject({
      reason: "throttled",
    });
  });

  it("20 failures from one address across many accounts lock that address, not the accounts", async () => {
    const u = await makeUser(db, "viewer");
    const sprayer = newIp();
    const results = [];
    for (let i = 0; i < THROTTLE.ipFailures; i++)
      results.push(await authenticate(db, { email: `spray-${i}@example.org`, password: "Winter2020!", ip: sprayer }));
    expect(results.slice(0, THROTTLE.ipFailures - 1).every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    expect(results.at(-1)).toEqual({ ok: false, reason: "throttled", retryAfterMinutes: 15 });
    expect(await authenticate(db, { email: u.email, password: u.password, ip: sprayer })).toEqual({ ok: false, reason: "throttled", retryAfterMinutes: 15 });
    expect(await authenticate(db, { email: u.email, password: u.password, ip: newIp() })).toEqual({ ok: true, userId: u.id });
  });

  it("a successful sign-in clears the account's failures", async () => {
    const u = await makeUser(db, "viewer");
    const ip = newIp();
    for (let i = 0; i < THROTTLE.accountFailures - 1; i++)
      expect(await authenticate(db, { email: u.email, password: "nope-nope", ip })).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(db, { email: u.email, password: u.password, ip })).toEqual({ ok: true, userId: u.id });
    for (let i = 0; i < THROTTLE.accountFailures - 1; i++)
      expect(await authenticate(db, { email: u.email, password: "nope-nope", ip: newIp() })).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(db, { email: u.email, password: u.password, ip: newIp() })).toEqual({ ok: true, userId: u.id });
  });

  it("the counters live in the database file: a restart does not reset them", async () => {
    const file = freshDb();
    const path = file.$client.name;
    const u = await makeUser(file, "viewer");
    const ip = newIp();
    for (let i = 0; i < THROTTLE.accountFailures; i++) await authenticate(file, { email: u.email, password: "bad-password", ip });
    file.$client.close();

    const reopened = openDb(path);
    try {
      expect(await authenticate(reopened, { email: u.email, password: u.password, ip: newIp() })).toEqual({
        ok: false,
        reason: "throttled",
        retryAfterMinutes: 15,
      });
      const rows = reopened.$client.prepare("select count(*) from login_throttle").pluck().get() as number;
      expect(rows).toBeGreaterThan(0);
    } finally {
      reopened.$client.close();
    }
  });
});
