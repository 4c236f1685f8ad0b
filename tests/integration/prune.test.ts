import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { sqliteLimiter } from "@/lib/auth/sqlite-limiter";
import { pruneExpiredCounters } from "@/lib/ops/prune";
import { countRows, freshDb } from "../factories";

let db: Db;
beforeEach(() => {
  db = freshDb();
});
afterEach(() => db.$client.close());

describe("pruning expired sign-in counters (the server's hourly job)", () => {
  it("skips tables no limiter has created yet", () => {
    expect(pruneExpiredCounters(db.$client)).toBe(0);
  });

  it("deletes counters expired over an hour ago, in every limiter table, and keeps the rest", async () => {
    await sqliteLimiter(db, { table: "login_throttle", prefix: "pair", points: 5, windowSeconds: 900, blockSeconds: 900 });
    await sqliteLimiter(db, { table: "reauth_throttle", prefix: "reauth", points: 5, windowSeconds: 900, blockSeconds: 900 });
    const now = Date.UTC(2026, 11, 1, 12);
    const put = (table: string, key: string, expire: number | null) => db.$client.prepare(`insert into ${table} (key, points, expire) values (?, 1, ?)`).run(key, expire);
    put("login_throttle", "old", now - 2 * 3_600_000);
    put("login_throttle", "just-expired", now - 60_000);
    put("login_throttle", "live", now + 60_000);
    put("login_throttle", "forever", null);
    put("reauth_throttle", "old", now - 3 * 3_600_000);
    put("reauth_throttle", "live", now + 1);
    expect(pruneExpiredCounters(db.$client, now)).toBe(2);
    expect(db.$client.prepare("select key from login_throttle order by key").pluck().all()).toEqual(["forever", "just-expired", "live"]);
    expect(countRows(db, "reauth_throttle")).toBe(1);
  });
});
