import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { handlePutReport } from "@/lib/api/reports";
import type { Actor } from "@/lib/auth/actor";
import { previewImport } from "@/lib/import/apply";
import { median, rangeWarnings, suggestRange } from "@/lib/reports/range-rules";
import { applyRangeSuggestion, boundsForArea, getRangeRules, setRangeRules } from "@/lib/reports/range-rules-store";
import { listOutliers } from "@/lib/reports/outliers";
import { saveWeeklyReport } from "@/lib/reports/save";
import { addWeeks } from "@/lib/weeks";
import { auditSince, digest, expectAppError, freshDb, lastAuditId, makeUser } from "../factories";

/** A fixed series: sorted 70 80 90 95 100 100 105 110 120 130, so median 100; deviations 0 0 5 5 10 10 20 20 30 30, so MAD 10. */
const SERIES = [100, 110, 90, 120, 80, 100, 105, 95, 130, 70];
const FIRST = "2022-W01";
const AS_OF = addWeeks(FIRST, SERIES.length);

const figures = (newly: number, extra: Record<string, unknown> = {}) => ({
  newlyDisplacedFamilies: newly,
  repeatDisplacedFamilies: 0,
  totalDisplacedFamilies: 5000,
  sectors: { food_security: { gapPct: 50 }, nfi: { gapPct: 50 }, shelter: { gapPct: 50 } },
  status: "submitted",
  ...extra,
});

let db: Db;
let admin: Actor;
let coordinator: Actor;
let viewer: Actor;

beforeAll(async () => {
  db = freshDb();
  admin = await makeUser(db, "admin");
  coordinator = await makeUser(db, "coordinator", ["SY07"]);
  viewer = await makeUser(db, "viewer");
  SERIES.forEach((newly, i) => saveWeeklyReport(db, admin, { pcode: "SY070300", week: addWeeks(FIRST, i), input: figures(newly) }));
  // A draft in the window never counts: its figure would move the median.
  saveWeeklyReport(db, admin, { pcode: "SY070300", week: addWeeks(FIRST, -1), input: figures(99999, { status: "draft" }) });
  // Seven weeks only: too little history.
  for (let i = 0; i < 7; i++) saveWeeklyReport(db, admin, { pcode: "SY0200", week: addWeeks(FIRST, i), input: figures(100 + i) });
});

describe("bounds from the history", () => {
  it("median ± 3 × MAD of a known series", () => {
    expect(median(SERIES)).toBe(100);
    const s = suggestRange(SERIES.map((value, i) => ({ week: addWeeks(FIRST, i), value })), "newlyDisplacedFamilies");
    expect(s).toEqual({ n: 10, median: 100, mad: 10, min: 70, max: 130, from: FIRST, to: addWeeks(FIRST, 9) });
    // Gaps keep one decimal and stay within 0–100; counts never go below 0.
    const g = suggestRange([10, 10, 10, 10, 50, 60, 99, 99].map((value, i) => ({ week: addWeeks(FIRST, i), value })), "sectors.nfi.gapPct");
    expect(g).toMatchObject({ median: 30, mad: 20, min: 0, max: 90 });
    expect(suggestRange([1, 2, 3, 4, 5, 6, 7].map((value, i) => ({ week: addWeeks(FIRST, i), value })), "newlyDisplacedFamilies")).toBeNull();
  });

  it("the rules page suggests from the area's own submitted figures of the 26 weeks before, shown with n, median and MAD", () => {
    const page = getRangeRules(db, admin, { pcode: "SY070300", week: AS_OF });
    expect(page.window).toEqual({ asOf: AS_OF, from: addWeeks(AS_OF, -26), to: addWeeks(AS_OF, -1) });
    const newly = page.rules.find((r) => r.field === "newlyDisplacedFamilies")!;
    expect(newly.suggestion).toMatchObject({ n: 10, median: 100, mad: 10, min: 70, max: 130 });
    expect(newly.own).toBeNull();
    // Every figure of a constant series: MAD 0, the bounds are the median itself.
    expect(page.rules.find((r) => r.field === "sectors.nfi.gapPct")!.suggestion).toMatchObject({ n: 10, median: 50, mad: 0, min: 50, max: 50 });
    // Too little history: no suggestion, and applying one is refused.
    expect(getRangeRules(db, admin, { pcode: "SY0200", week: AS_OF }).rules.every((r) => r.suggestion === null)).toBe(true);
  });

  it("only admins see and set rules", async () => {
    const before = digest(db);
    for (const who of [coordinator, viewer]) {
      await expectAppError(() => getRangeRules(db, who, { pcode: "SY070300" }), "forbidden");
      await expectAppError(() => setRangeRules(db, who, { pcode: "SY07", values: { "max:newlyDisplacedFamilies": "10" } }), "forbidden");
      await expectAppError(() => applyRangeSuggestion(db, who, { pcode: "SY070300", field: "newlyDisplacedFamilies", week: AS_OF }), "forbidden");
    }
    await expectAppError(() => getRangeRules(db, null, { pcode: "SY070300" }), "unauthenticated");
    await expectAppError(() => applyRangeSuggestion(db, admin, { pcode: "SY0200", field: "newlyDisplacedFamilies", week: AS_OF }), "not_found");
    // Bad bounds: a field error each, nothing written.
    const e = await expectAppError(
      () => setRangeRules(db, admin, { pcode: "SY07", values: { "min:newlyDisplacedFamilies": "50", "max:newlyDisplacedFamilies": "10", "max:sectors.nfi.gapPct": "101", "min:totalDisplacedFamilies": "abc" } }),
      "invalid",
    );
    expect(Object.keys(e.fieldErrors ?? {}).sort()).toEqual(["max:newlyDisplacedFamilies", "max:sectors.nfi.gapPct", "min:totalDisplacedFamilies"]);
    expect(digest(db)).toBe(before);
  });

  it("an applied suggestion and a typed rule are inherited by sub-areas; the nearest rule wins; each change is audited", () => {
    const mark = lastAuditId(db);
    applyRangeSuggestion(db, admin, { pcode: "SY070300", field: "newlyDisplacedFamilies", week: AS_OF });
    expect(setRangeRules(db, admin, { pcode: "SY07", values: { "min:sectors.nfi.gapPct": "10", "max:sectors.nfi.gapPct": "90", "max:newlyDisplacedFamilies": "1000" } })).toEqual({ changed: 2 });
    expect(auditSince(db, mark).map((a) => [a.action, a.entityId])).toEqual([
      ["range_rule.apply_suggestion", "SY070300"],
      ["range_rule.set", "SY07"],
    ]);
    expect(auditSince(db, mark)[0]!.newValues).toEqual({ newlyDisplacedFamilies: { min: 70, max: 130, origin: "history", n: 10, median: 100, mad: 10, from: FIRST, to: addWeeks(FIRST, 9) } });
    // A community below SY070300: newly from SY070300's rule (the nearer), the NFI gap from SY07's.
    const community = boundsForArea(db, { path: db.$client.prepare("select path from areas where pcode = 'C4115'").pluck().get() as string });
    expect(community.newlyDisplacedFamilies).toEqual({ min: 70, max: 130, source: { pcode: "SY070300", nameEn: "Harim", nameAr: "مركز حارم", origin: "history" } });
    expect(community["sectors.nfi.gapPct"]).toMatchObject({ min: 10, max: 90, source: { pcode: "SY07", origin: "manual" } });
    // The district between them inherits SY07's newly rule, not its child's.
    const page = getRangeRules(db, admin, { pcode: "SY0703" });
    expect(page.rules.find((r) => r.field === "newlyDisplacedFamilies")!.inherited).toMatchObject({ min: null, max: 1000, source: { pcode: "SY07" } });
    // Emptying both bounds removes the own rule: the area inherits again.
    expect(setRangeRules(db, admin, { pcode: "SY07", values: { "min:sectors.nfi.gapPct": "10", "max:sectors.nfi.gapPct": "90", "max:newlyDisplacedFamilies": "1000" } })).toEqual({ changed: 0 });
  });

  it("pure rule: a value outside is a warning naming its bound and source; a figure not given is never one", () => {
    const bounds = { newlyDisplacedFamilies: { min: 70, max: 130, source: { pcode: "X", nameEn: "X", nameAr: "X", origin: "manual" as const } } };
    const base = { newlyDisplacedFamilies: 131, repeatDisplacedFamilies: 0, totalDisplacedFamilies: 1, individuals: null, sectors: {} };
    expect(rangeWarnings(base, bounds)).toEqual([{ field: "newlyDisplacedFamilies", kind: "aboveMax", against: "range", min: 70, max: 130, current: 131, source: bounds.newlyDisplacedFamilies.source }]);
    expect(rangeWarnings({ ...base, newlyDisplacedFamilies: 69 }, bounds)[0]!.kind).toBe("belowMin");
    expect(rangeWarnings({ ...base, newlyDisplacedFamilies: 130 }, bounds)).toEqual([]);
    expect(rangeWarnings({ ...base, newlyDisplacedFamilies: null }, bounds)).toEqual([]);
  });
});

describe("min-max warnings on every way in", () => {
  const week = "2022-W30";

  it("the form: an outlier must be confirmed, and the confirmation is stored with the save", async () => {
    const before = digest(db);
    const input = figures(500, { sectors: { food_security: { gapPct: 50 }, nfi: { gapPct: 95 }, shelter: { gapPct: 50 } } });
    const e = await expectAppError(() => saveWeeklyReport(db, coordinator, { pcode: "C4115", week, input, requireConfirmedWarnings: true }), "invalid");
    expect(e.msg).toEqual({ key: "errors.reportWarnings" });
    expect(digest(db)).toBe(before);
    const saved = saveWeeklyReport(db, coordinator, { pcode: "C4115", week, input: { ...input, acknowledgeWarnings: true }, requireConfirmedWarnings: true });
    expect(saved.warnings.filter((w) => w.against === "range").map((w) => [w.field, w.kind, w.source.pcode])).toEqual([
      ["newlyDisplacedFamilies", "aboveMax", "SY070300"],
      ["sectors.nfi.gapPct", "aboveMax", "SY07"],
    ]);
    const stored = JSON.parse(db.$client.prepare("select saved_warnings from weekly_reports where id = ?").pluck().get(saved.reportId) as string) as { kind: string }[];
    expect(stored.map((w) => w.kind)).toEqual(["aboveMax", "aboveMax"]);
  });

  it("the API answers them", () => {
    const r = handlePutReport(db, { actor: coordinator, token: null, ip: "192.0.2.1" }, { pcode: "C4114", week, body: JSON.stringify({ ...figures(20), version: 0 }) });
    expect(r.status).toBe(201);
    expect((r.body as { warnings: { field: string; kind: string; min: number; max: number }[] }).warnings).toEqual([
      expect.objectContaining({ field: "newlyDisplacedFamilies", kind: "belowMin", against: "range", min: 70, max: 130, current: 20 }),
    ]);
  });

  it("the import preview shows them", async () => {
    const csv = "P-code,Week,Newly displaced families,Of which displaced more than once,Total displaced families\nC4114,2022-W35,900,0,5000\n";
    const p = await previewImport(db, coordinator, { name: "range.csv", bytes: new TextEncoder().encode(csv) });
    expect(p.items[0]!.warnings).toEqual([expect.objectContaining({ field: "newlyDisplacedFamilies", kind: "aboveMax", against: "range", max: 130, current: 900 })]);
  });

  it("the data-quality page lists the week's outliers with their bounds and sources, as the reader may see them", () => {
    const o = listOutliers(db, viewer, { week });
    expect(o.week).toBe(week);
    expect(o.rows.map((r) => [r.pcode, r.field, r.value, r.min, r.max, r.source.pcode, r.source.origin])).toEqual([
      ["C4114", "newlyDisplacedFamilies", 20, 70, 130, "SY070300", "history"],
      ["C4115", "newlyDisplacedFamilies", 500, 70, 130, "SY070300", "history"],
      ["C4115", "sectors.nfi.gapPct", 95, 10, 90, "SY07", "manual"],
    ]);
    expect(listOutliers(db, viewer, { week, area: "SY0200" }).rows).toEqual([]);
  });
});
