import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDb, type Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { renameArea } from "@/lib/areas";
import { saveWeeklyReport } from "@/lib/reports/save";
import { loadAreaFigures } from "@/lib/summary/area-figures";
import { dataVersion } from "@/lib/summary/cache";
import { loadDashboard } from "@/lib/summary/dashboard";
import { loadGapReport } from "@/lib/summary/gap-report";
import { loadMap } from "@/lib/summary/map";
import { freshDb, makeUser } from "../factories";
import { seedSummaryFixture } from "../summary-fixture";

/**
 * Summary loaders keep their results until the data changes (lib/summary/cache.ts). These check
 * that a kept result is only ever served while it is still true: after a save through lib/, after
 * a commit by another process, and never with another reader's drafts. Each test starts from its
 * own copy of the fixture (a new database, so a new cache too): none reads another's writes.
 */
const W04 = "2020-W04";
const FIGURES = {
  newlyDisplacedFamilies: 100,
  repeatDisplacedFamilies: 10,
  totalDisplacedFamilies: 1000,
  individuals: null,
  sectors: { food_security: { gapPct: 50 }, nfi: { gapPct: 40 }, shelter: { gapPct: 30 } },
  notes: "",
  source: "test",
  status: "submitted",
};

let db: Db;
let viewer: Actor;
let coordinator: Actor;
let admin: Actor;

beforeEach(async () => {
  db = freshDb();
  viewer = await makeUser(db, "viewer");
  admin = await makeUser(db, "admin");
  coordinator = await makeUser(db, "coordinator", ["SY0202"]);
  seedSummaryFixture(db);
});
afterEach(() => db.$client.close());

const aleppoNewly = () => loadAreaFigures(db, viewer, "SY02", { week: W04 }, "en").summary.newlyDisplacedFamilies;

describe("summary cache", () => {
  it("serves the same result for the same query while nothing changes, whatever the parameter order or extra parameters", () => {
    const a = loadDashboard(db, viewer, { week: W04, level: "3" });
    const b = loadDashboard(db, admin, { level: "3", week: W04, utm: "mail" });
    expect(b).toBe(a);
    expect(loadDashboard(db, viewer, { week: W04, level: "2" })).not.toBe(a);
    expect(loadGapReport(db, viewer, { week: W04 })).toBe(loadGapReport(db, viewer, { week: W04 }));
    expect(loadMap(db, viewer, { week: W04 })).toBe(loadMap(db, viewer, { week: W04 }));
  });

  it("hands out frozen results, so no page can change what another reader gets", () => {
    const d = loadDashboard(db, viewer, { week: W04 });
    expect(Object.isFrozen(d)).toBe(true);
    expect(Object.isFrozen(d.trend[0])).toBe(true);
    expect(() => (d.trend as unknown[]).push(1)).toThrow();
  });

  it("recomputes after a report is saved through lib/ (its audit row moves the data version)", () => {
    expect(aleppoNewly()).toBe(7327);
    const version = dataVersion(db);
    // Afrin (SY0202) had only a draft in 2020-W04; submitting it adds to Aleppo's sum.
    saveWeeklyReport(db, coordinator, { pcode: "SY0202", week: W04, input: { ...FIGURES, version: 1 } });
    expect(dataVersion(db)).not.toBe(version);
    expect(aleppoNewly()).toBe(7327 + 100);
    expect(loadDashboard(db, viewer, { week: W04 }).top.flatMap((t) => t.rows.map((r) => r.area.pcode))).toContain("SY0202");
  });

  it("recomputes after an area is renamed (names are part of every summary)", () => {
    const name = () => loadGapReport(db, viewer, { week: W04 }).rows.find((r) => r.area.pcode === "SY0200")?.area.nameEn;
    expect(name()).toBe("Jebel Saman");
    renameArea(db, admin, { pcode: "SY0200", nameEn: "Jebel Saman (renamed)", nameAr: "جبل سمعان", version: 1 });
    expect(name()).toBe("Jebel Saman (renamed)");
  });

  it("recomputes after another process commits to the database, even without an audit row", () => {
    expect(aleppoNewly()).toBe(7327);
    const other = openDb(db.$client.name);
    other.$client.prepare("update area_week_figures set newly = newly + 1 where week = ? and area_id = (select id from areas where pcode = 'SY02')").run(W04);
    other.$client.close();
    expect(aleppoNewly()).toBe(7328);
  });

  it("keeps each reader's own report history: drafts only for those who may edit the area", () => {
    // Afrin's 2020-W04 is only a draft in the fixture: submit it, so that every reader has one week to see.
    saveWeeklyReport(db, coordinator, { pcode: "SY0202", week: W04, input: { ...FIGURES, version: 1 } });
    saveWeeklyReport(db, coordinator, { pcode: "SY0202", week: "2020-W05", input: { ...FIGURES, status: "draft" } });
    const weeks = (actor: Actor) => loadAreaFigures(db, actor, "SY0202", {}, "en").reportedWeeks.rows.map((r) => r.week);
    // The coordinator's request fills the cache; the viewer's is served from it, with the viewer's own history.
    expect(weeks(coordinator)).toContain("2020-W05");
    expect(weeks(viewer)).not.toContain("2020-W05");
    expect(weeks(viewer)).toContain(W04);
  });

  it("refuses an anonymous reader before looking in the cache", () => {
    loadDashboard(db, viewer, {});
    expect(() => loadDashboard(db, null, {})).toThrow();
  });

  it("is off with RASD_SUMMARY_CACHE=0", () => {
    process.env.RASD_SUMMARY_CACHE = "0";
    try {
      expect(loadDashboard(db, viewer, { week: W04 })).not.toBe(loadDashboard(db, viewer, { week: W04 }));
    } finally {
      delete process.env.RASD_SUMMARY_CACHE;
    }
  });
});

describe("kept prepared statements", () => {
  it("hand a statement back with its result mode reset, so one caller's pluck or raw mode never leaks to the next", () => {
    const sql = "select 7 as n, 'x' as s";
    expect(db.$client.prepare(sql).pluck().get()).toBe(7);
    expect(db.$client.prepare(sql).get()).toEqual({ n: 7, s: "x" });
    expect(db.$client.prepare(sql).raw().get()).toEqual([7, "x"]);
    expect(db.$client.prepare(sql).get()).toEqual({ n: 7, s: "x" });
    expect(db.$client.prepare(sql)).toBe(db.$client.prepare(sql));
  });
});
