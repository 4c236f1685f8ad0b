import { beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "@/db/client";
import type { DemoCredentials } from "@/lib/seed/demo";
import { prepareDatabase } from "@/lib/seed/prepare-database";
import { loadActor } from "@/lib/auth/actor";
import { authenticate } from "@/lib/auth/login";
import { countRows, digest, tableNames, tmpDbPath } from "../factories";

const DEMO_EMAILS = ["admin@example.org", "coordinator@example.org", "viewer@example.org"];

let db: Db;
let creds: DemoCredentials;

beforeAll(async () => {
  db = openDb(tmpDbPath("seed"));
  const result = await prepareDatabase(db, { demo: true });
  creds = result.demo!;
}, 60_000);

describe("prepareDatabase with demo content", () => {
  it("creates the admin, coordinator and viewer demo accounts, the coordinator covering Aleppo", () => {
    expect(creds.map((c) => [c.email, c.role])).toEqual([
      ["admin@example.org", "admin"],
      ["coordinator@example.org", "coordinator"],
      ["viewer@example.org", "viewer"],
    ]);
    const rows = db.$client.prepare("select id, email, role, active from users order by id").all() as { id: number; email: string; role: string; active: number }[];
    expect(rows.map((r) => [r.email, r.role, r.active])).toEqual([
      ["admin@example.org", "admin", 1],
      ["coordinator@example.org", "coordinator", 1],
      ["viewer@example.org", "viewer", 1],
    ]);
    expect(loadActor(db, rows[1]!.id)?.areas.map((a) => a.pcode)).toEqual(["SY02"]);
    expect(loadActor(db, rows[0]!.id)?.areas).toEqual([]);
  });

  it("loads the full area list and the three sectors", () => {
    expect(countRows(db, "areas")).toBe(2064);
    expect(db.$client.prepare("select code from sectors order by sort_order").pluck().all()).toEqual(["food_security", "nfi", "shelter"]);
  });

  it("creates 30 weekly reports (5 areas × 6 weeks) through the save and approval path: gaps, revisions and audit rows", () => {
    expect(countRows(db, "weekly_reports")).toBe(30);
    expect(countRows(db, "report_sector_gaps")).toBe(90);
    // Each report was created (submitted); the 20 of weeks 1–4 were then approved: one revision each step.
    expect(countRows(db, "report_revisions")).toBe(50);
    expect(db.$client.prepare("select count(*) from audit_log where action = 'report.create'").pluck().get()).toBe(30);
    expect(db.$client.prepare("select count(*) from audit_log where action = 'report.approve'").pluck().get()).toBe(20);
    expect(db.$client.prepare("select status, count(*) as n from weekly_reports group by status order by status").all()).toEqual([
      { status: "approved", n: 20 },
      { status: "submitted", n: 10 },
    ]);
    const weeks = db.$client.prepare("select distinct week from weekly_reports order by week").pluck().all();
    expect(weeks).toEqual(["2020-W01", "2020-W02", "2020-W03", "2020-W04", "2020-W05", "2020-W06"]);
  });

  it("records the January 2020 field report for Jebel Saman exactly as published", () => {
    const report = db.$client
      .prepare(
        `select r.id, r.newly_displaced_families as newly, r.repeat_displaced_families as repeat, r.total_displaced_families as total, r.status, r.source
         from weekly_reports r join areas a on a.id = r.area_id where a.pcode = 'SY0200' and r.week = '2020-W04'`,
      )
      .get() as { id: number; newly: number; repeat: number; total: number; status: string; source: string };
    expect(report).toMatchObject({ newly: 6077, repeat: 6077, total: 11000, status: "approved" });
    expect(report.source).toMatch(/Response Coordinators Syria/);
    const gaps = db.$client
      .prepare("select s.code, g.gap_tenths as tenths from report_sector_gaps g join sectors s on s.id = g.sector_id where g.report_id = ? order by s.code")
      .all(report.id);
    expect(gaps).toEqual([
      { code: "food_security", tenths: 910 },
      { code: "nfi", tenths: 830 },
      { code: "shelter", tenths: 930 },
    ]);
  });

  it("every demo password signs in, and they all differ", async () => {
    const passwords = creds.map((c) => c.password);
    expect(new Set(passwords).size).toBe(3);
    for (const [i, c] of creds.entries()) {
      expect(c.password.length).toBeGreaterThanOrEqual(20);
      expect(await authenticate(db, { email: c.email, password: c.password, ip: `198.51.100.${i + 1}` })).toMatchObject({ ok: true });
    }
  });

  it("running it again adds nothing and returns no new credentials", async () => {
    const before = digest(db);
    const again = await prepareDatabase(db, { demo: true });
    expect(again.demo).toBeNull();
    expect(digest(db)).toBe(before);
  });
});

describe("prepareDatabase without demo content", () => {
  it("creates the areas and sectors only", async () => {
    const plain = openDb(tmpDbPath("seed-plain"));
    const lines: string[] = [];
    const result = await prepareDatabase(plain, { demo: false, log: (l) => lines.push(l) });
    expect(result.demo).toBeNull();
    expect(countRows(plain, "areas")).toBe(2064);
    expect(countRows(plain, "sectors")).toBe(3);
    for (const t of ["users", "user_areas", "weekly_reports", "report_sector_gaps", "report_revisions", "api_tokens"]) expect(countRows(plain, t), t).toBe(0);
    expect(tableNames(plain)).toEqual(expect.arrayContaining(["areas", "sectors", "users", "audit_log", "weekly_reports"]));
    expect(lines.join("\n")).toMatch(/2064 areas loaded/);
    // Audit says who seeded: the start-up step, not a person.
    expect(plain.$client.prepare("select distinct actor_label from audit_log").pluck().all()).toEqual(["system:seed"]);
    plain.$client.close();
  });
});

describe("no fixed demo passwords", () => {
  it("a second fresh installation gets different passwords for the same accounts", async () => {
    const other = openDb(tmpDbPath("seed-other"));
    const { demo } = await prepareDatabase(other, { demo: true });
    expect(demo!.map((c) => c.email)).toEqual(DEMO_EMAILS);
    for (const c of demo!) {
      const first = creds.find((x) => x.email === c.email)!;
      expect(c.password).not.toBe(first.password);
      // Neither installation's password opens the other.
      expect(await authenticate(other, { email: c.email, password: first.password, ip: "203.0.113.9" })).toEqual({ ok: false, reason: "invalid" });
    }
    other.$client.close();
  }, 60_000);
});
