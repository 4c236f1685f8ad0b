import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { applyFigureRules } from "@/lib/figures/maintain";
import { getAreaTrend, getAreaWeekSummary, getWeekChange, listChildWeekSummaries } from "@/lib/figures/read";
import { getSummaryApi } from "@/lib/api/summary";
import { loadDashboard } from "@/lib/summary/dashboard";
import { saveWeeklyReport } from "@/lib/reports/save";
import { freshDb, makeUser } from "../factories";

/*
 * Totals that mean what they say (issue 11, docs/decisions/036): a governorate that has not
 * reported yet never reads as a fall in displacement; its total is carried forward, marked; the
 * change compares like with like; completeness counts it as missing.
 */

const W06 = "2021-W06";
const W07 = "2021-W07";

let db: Db;
let admin: Actor;
let viewer: Actor;
let aleppo: Actor;

const save = (who: Actor, pcode: string, week: string, newly: number, total: number, food?: number) =>
  saveWeeklyReport(db, who, {
    pcode,
    week,
    input: {
      newlyDisplacedFamilies: newly,
      repeatDisplacedFamilies: 0,
      totalDisplacedFamilies: total,
      status: "submitted",
      version: 0,
      ...(food === undefined ? {} : { sectors: { food_security: { gapPct: food } } }),
    },
  });

beforeAll(async () => {
  db = freshDb();
  admin = await makeUser(db, "admin");
  viewer = await makeUser(db, "viewer");
  aleppo = await makeUser(db, "coordinator", ["SY0200"]);
  // Week 6: Jebel Saman (Aleppo) and Harim (Idleb) report. Week 7: only Jebel Saman so far.
  save(aleppo, "SY0200", W06, 1000, 21000, 80);
  save(admin, "SY0703", W06, 3000, 40480, 60);
  save(aleppo, "SY0200", W07, 1200, 22000, 90);
});

describe("a week in which one governorate has not reported", () => {
  it("shows no fall in total displacement: Idleb's last total is carried forward, and says so", () => {
    const now = getAreaWeekSummary(db, viewer, null, W07);
    expect(now.totalDisplacedFamilies).toBe(22000 + 40480);
    expect(now.carried).toEqual({ families: 40480, areas: 1, since: W06 });
    // Flows are never carried: newly displaced is Aleppo's alone, and the previous week's total is not above this one's.
    expect(now.newlyDisplacedFamilies).toBe(1200);
    const before = getAreaWeekSummary(db, viewer, null, W06);
    expect(before.totalDisplacedFamilies).toBe(21000 + 40480);
    expect(now.totalDisplacedFamilies!).toBeGreaterThanOrEqual(before.totalDisplacedFamilies!);
  });

  it("compares like with like: the change covers Aleppo only, and Idleb is counted as left out", () => {
    const change = getWeekChange(db, viewer, null, W07);
    expect(change).toMatchObject({ previousWeek: W06, compared: 1, leftOut: 1 });
    expect(change.now.totalDisplacedFamilies! - change.before.totalDisplacedFamilies!).toBe(1000);
    expect(change.now.newlyDisplacedFamilies! - change.before.newlyDisplacedFamilies!).toBe(200);
    // The food gap's change is Aleppo's 80% → 90%, not a mix of two governorates with one.
    const gap = (w: typeof change.now) => w.sectors.find((s) => s.code === "food_security")!.gapPct;
    expect([gap(change.before), gap(change.now)]).toEqual([80, 90]);
  });

  it("counts Harim as a reporting unit that has not reported (not 1 of 1)", () => {
    expect(getAreaWeekSummary(db, viewer, null, W07).completeness).toMatchObject({ reported: 1, expected: 2 });
    expect(getAreaWeekSummary(db, viewer, null, W06).completeness).toMatchObject({ reported: 2, expected: 2 });
  });

  it("shows Idleb with no figure, not 0 families in need, and its carried total marked", () => {
    const idleb = listChildWeekSummaries(db, viewer, null, W07).find((g) => g.area.pcode === "SY07")!;
    expect(idleb).toMatchObject({ basis: "none", newlyDisplacedFamilies: null, totalDisplacedFamilies: 40480, carried: { families: 40480, areas: 1, since: W06 } });
    expect(idleb.sectors.every((s) => s.familiesInNeed === null && s.unmetFamilies === null)).toBe(true);
  });

  it("marks the week incomplete in the trend and publishes the carried part in the API", () => {
    const trend = getAreaTrend(db, viewer, null, W07, 12);
    expect(trend.at(-1)!.completeness).toMatchObject({ reported: 1, expected: 2 });
    expect(trend.at(-2)!.completeness).toMatchObject({ reported: 2, expected: 2 });
    const api = getSummaryApi(db, viewer, { pcode: "SY07", query: new URLSearchParams({ week: W07 }) });
    expect(api.body).toMatchObject({ basis: "none", totalDisplacedFamilies: 40480, totalCarriedForward: { families: 40480, areas: 1, since: W06 } });
    const dash = loadDashboard(db, viewer, { week: W07 });
    expect(dash.change).toMatchObject({ compared: 1, leftOut: 1 });
  });

  it("carries a total for the set number of weeks only, and a changed setting recomputes the stored figures", () => {
    const week = (n: number) => `2021-W${String(n).padStart(2, "0")}`;
    // Default: 4 weeks after week 6, so up to week 10.
    expect(getAreaWeekSummary(db, viewer, "SY07", week(10)).totalDisplacedFamilies).toBe(40480);
    expect(getAreaWeekSummary(db, viewer, "SY07", week(11)).totalDisplacedFamilies).toBeNull();
    expect(applyFigureRules(db, { carryForwardWeeks: 1 })).toBe(true);
    expect(getAreaWeekSummary(db, viewer, "SY07", week(7)).totalDisplacedFamilies).toBe(40480);
    expect(getAreaWeekSummary(db, viewer, "SY07", week(8)).totalDisplacedFamilies).toBeNull();
    // Idleb stays expected only as long as its total is carried.
    expect(getAreaWeekSummary(db, viewer, null, week(8)).completeness).toMatchObject({ reported: 0, expected: 1 });
    expect(applyFigureRules(db, { carryForwardWeeks: 1 })).toBe(false);
    applyFigureRules(db, { carryForwardWeeks: 4 });
    expect(getAreaWeekSummary(db, viewer, "SY07", week(10)).totalDisplacedFamilies).toBe(40480);
  });

  it("a late report replaces the carried total and the change then covers both governorates", () => {
    save(admin, "SY0703", W07, 2500, 43000, 70);
    const now = getAreaWeekSummary(db, viewer, null, W07);
    expect(now.totalDisplacedFamilies).toBe(22000 + 43000);
    expect(now.carried).toBeNull();
    expect(getWeekChange(db, viewer, null, W07)).toMatchObject({ compared: 2, leftOut: 0 });
    // Week 8 now carries Idleb's week-7 total, not week 6's.
    expect(getAreaWeekSummary(db, viewer, "SY07", "2021-W08").carried).toEqual({ families: 43000, areas: 1, since: W07 });
  });
});
