import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { getChildrenApi, getGapsApi, getSummaryApi } from "@/lib/api/summary";
import type { Actor } from "@/lib/auth/actor";
import { loadAreaFigures } from "@/lib/summary/area-figures";
import { loadDashboard } from "@/lib/summary/dashboard";
import { loadGapReport } from "@/lib/summary/gap-report";
import { gapPageParams } from "@/lib/figures/query";
import { listReportedWeeks } from "@/lib/reports/reported-weeks";
import { loadMap } from "@/lib/summary/map";
import { freshDb, makeUser } from "../factories";
import { seedSummaryFixture } from "../summary-fixture";

const W04 = "2020-W04";
const q = (s: Record<string, string>) => new URLSearchParams(s);
type Body = Record<string, unknown> & { error?: { code: string; key: string; fields: Record<string, string> } };
const body = (r: { body: unknown }) => r.body as Body;

let db: Db;
let viewer: Actor;
let coordinator: Actor;

beforeAll(async () => {
  db = freshDb();
  viewer = await makeUser(db, "viewer");
  // Reporting units for completeness: Jebel Saman and A'zaz report in 2020-W04, Menbij does not.
  coordinator = await makeUser(db, "coordinator", ["SY0200"]);
  await makeUser(db, "coordinator", ["SY0204", "SY0205"]);
  seedSummaryFixture(db);
});
afterAll(() => db.$client.close());

describe("GET /api/v1/summary/{pcode}", () => {
  it("reads the field report back for Jebel Saman in 2020-W04, exactly as the API documents it", () => {
    const r = getSummaryApi(db, viewer, { pcode: "SY0200", query: q({ week: W04 }) });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      area: { pcode: "SY0200", nameEn: "Jebel Saman", nameAr: "جبل سمعان", level: 2 },
      week: W04,
      basis: "direct",
      childrenCount: 0,
      newlyDisplacedFamilies: 6077,
      repeatDisplacedFamilies: 6077,
      totalDisplacedFamilies: 11000,
      individuals: null,
      // Need is the newly displaced (no families in need given): 91% of 6,077 is 5,530.07 → 5,530.
      sectors: {
        food_security: { gapPct: 91, familiesInNeed: 6077, unmetFamilies: 5530 },
        nfi: { gapPct: 83, familiesInNeed: 6077, unmetFamilies: 5044 },
        shelter: { gapPct: 93, familiesInNeed: 6077, unmetFamilies: 5652 },
      },
      totalCarriedForward: null,
      discrepancy: null,
      completeness: { reported: 1, expected: 1, carryForwardWeeks: 4 },
    });
  });

  it("rolls Aleppo up from its three districts (the draft does not count), gaps weighted by need", () => {
    const r = getSummaryApi(db, viewer, { pcode: "sy02", query: q({ week: "2020W4" }) });
    expect(r.status).toBe(200);
    const b = body(r);
    expect(b).toMatchObject({ week: W04, basis: "children", childrenCount: 3, newlyDisplacedFamilies: 7327, repeatDisplacedFamilies: 6687, totalDisplacedFamilies: 18500 });
    // Food: 91%×6,077 + 62%×850 + 55%×1,000 (Afrin states 1,000 families in need) over 7,927 = 83.3%.
    const food = (91 * 6077 + 62 * 850 + 55 * 1000) / (6077 + 850 + 1000);
    expect((b.sectors as Record<string, unknown>).food_security).toEqual({ gapPct: Math.round(food * 10) / 10, familiesInNeed: 7927, unmetFamilies: 5530 + 527 + 550 });
    expect((b.sectors as Record<string, unknown>).shelter).toEqual({ gapPct: 89.4, familiesInNeed: 7327, unmetFamilies: 5652 + 621 + 280 });
    // Units: SY0200 and SY0204 (assigned, reported), SY0205 (assigned, not), and Afrin SY0203, which has no
    // coordinator but reported itself (docs/decisions/036).
    expect(b.completeness).toEqual({ reported: 3, expected: 4, carryForwardWeeks: 4 });
  });

  it("says where a direct report disagrees with its sub-areas (Idleb)", () => {
    const b = body(getSummaryApi(db, viewer, { pcode: "SY07", query: q({ week: W04 }) }));
    expect(b).toMatchObject({ basis: "direct", childrenCount: 1, newlyDisplacedFamilies: 2500, totalDisplacedFamilies: 14000 });
    expect(b.discrepancy).toEqual({ newly: 2400, repeat: 1400, total: 14400 });
  });

  it("without a week answers the area's latest week with figures; an empty week is basis none", () => {
    expect(body(getSummaryApi(db, viewer, { pcode: "SY0200", query: q({}) })).week).toBe(W04);
    const none = body(getSummaryApi(db, viewer, { pcode: "SY0200", query: q({ week: "2020-W30" }) }));
    expect(none).toMatchObject({ basis: "none", newlyDisplacedFamilies: null, childrenCount: 0 });
    expect((none.sectors as Record<string, { gapPct: unknown }>).shelter!.gapPct).toBeNull();
  });

  it("gapPct is null where there is no need (no families in need, nobody displaced)", async () => {
    seedSummaryFixture(db, [{ pcode: "SY0205", week: "2020-W10", status: "submitted", newly: 0, repeat: 0, total: 0, individuals: null, gaps: { shelter: [70, null] } }]);
    const b = body(getSummaryApi(db, viewer, { pcode: "SY0205", query: q({ week: "2020-W10" }) }));
    expect((b.sectors as Record<string, unknown>).shelter).toEqual({ gapPct: null, familiesInNeed: 0, unmetFamilies: 0 });
  });

  it("401 without credentials, 404 for an unknown or malformed area, 422 with field errors for a bad week (never 500)", () => {
    expect(getSummaryApi(db, null, { pcode: "SY02", query: q({ week: W04 }) })).toMatchObject({ status: 401, body: { error: { code: "unauthenticated" } } });
    expect(getSummaryApi(db, viewer, { pcode: "SY9999", query: q({ week: W04 }) })).toMatchObject({ status: 404, body: { error: { key: "errors.areaNotFound" } } });
    expect(getSummaryApi(db, viewer, { pcode: "../etc", query: q({ week: W04 }) }).status).toBe(404);
    for (const week of ["2020-W99", "yesterday", "2020-13"]) {
      const r = getSummaryApi(db, viewer, { pcode: "SY02", query: q({ week }) });
      expect(r.status, week).toBe(422);
      expect(body(r).error!.fields).toEqual({ week: "validation.week" });
    }
  });
});

describe("GET /api/v1/gaps", () => {
  it("ranks districts by unmet families for a sector", () => {
    const r = getGapsApi(db, viewer, q({ week: W04, level: "2", sector: "shelter" }));
    expect(r.status).toBe(200);
    const b = body(r) as Body & { rows: { rank: number; area: { pcode: string }; gapPct: number; unmetFamilies: number; severity: string; basis: string }[] };
    expect(b).toMatchObject({ week: W04, level: 2, sector: { code: "shelter", nameAr: "المأوى" }, thresholds: { critical: 80, high: 50 }, hasMore: false });
    expect(b.rows.map((x) => [x.rank, x.area.pcode, x.gapPct, x.unmetFamilies, x.severity, x.basis])).toEqual([
      [1, "SY0200", 93, 5652, "critical", "direct"],
      [2, "SY0703", 61, 1464, "high", "direct"],
      [3, "SY0204", 73, 621, "high", "direct"],
      [4, "SY0203", 70, 280, "high", "direct"],
    ]);
  });

  it("filters by parent, severity and sorts on request", () => {
    const within = body(getGapsApi(db, viewer, q({ week: W04, level: "2", parent: "SY02", sector: "food_security", show: "critical" }))) as Body & { rows: { area: { pcode: string } }[] };
    expect(within.rows.map((x) => x.area.pcode)).toEqual(["SY0200"]);
    const byGap = body(getGapsApi(db, viewer, q({ week: W04, level: "2", sector: "shelter", sort: "gap", dir: "asc" }))) as Body & { rows: { area: { pcode: string } }[] };
    expect(byGap.rows.map((x) => x.area.pcode)).toEqual(["SY0703", "SY0203", "SY0204", "SY0200"]);
  });

  it("sums a week range: need and unmet over the weeks, gap weighted over every area-week", () => {
    const b = body(getGapsApi(db, viewer, q({ from: "2020-W01", week: W04, level: "2", parent: "SY02", sector: "food_security" }))) as Body & {
      rows: { area: { pcode: string }; weeksWithData: number; familiesInNeed: number; unmetFamilies: number; gapPct: number; basis: null; directWeeks: number }[];
    };
    const jebel = b.rows.find((x) => x.area.pcode === "SY0200")!;
    const weeks = [
      [85, 1950],
      [86, 3400],
      [87, 6320],
      [91, 6077],
    ];
    const need = weeks.reduce((s, [, n]) => s + n!, 0);
    expect(jebel).toMatchObject({ weeksWithData: 4, directWeeks: 4, basis: null, familiesInNeed: need });
    expect(jebel.unmetFamilies).toBe(weeks.reduce((s, [g, n]) => s + Math.round((g! * n!) / 100), 0));
    expect(jebel.gapPct).toBe(Math.round((weeks.reduce((s, [g, n]) => s + g! * 10 * n!, 0) / need) * 1) / 10);
  });

  it("answers format=csv with an HXL-tagged file", async () => {
    const r = getGapsApi(db, viewer, q({ week: W04, level: "2", sector: "shelter", format: "csv" }));
    expect(r.status).toBe(200);
    const file = r.body as { kind: string; filename: string; contentType: string; stream: ReadableStream };
    expect(file).toMatchObject({ kind: "file", filename: "rasd-gaps-2020-W04-level2-shelter.csv", contentType: "text/csv; charset=utf-8" });
    const lines = (await new Response(file.stream).text()).split("\r\n");
    expect(lines[1]!.split(",")).toContain("#indicator+gap+pct");
    expect(lines[2]).toContain("SY0200,Jebel Saman,جبل سمعان");
  });

  it("422 with field errors for bad parameters, 401 without credentials", () => {
    const cases: [Record<string, string>, string][] = [
      [{ week: "2020-W60" }, "week"],
      [{ level: "9" }, "level"],
      [{ sector: "wash" }, "sector"],
      [{ sector: "DROP TABLE" }, "sector"],
      [{ parent: "SY9999" }, "parent"],
      [{ week: W04, from: "2020-W05" }, "from"],
      [{ week: W04, from: "2019-W01" }, "from"],
      [{ critical: "50", high: "70" }, "high"],
      [{ level: "1", parent: "SY02" }, "level"],
      [{ show: "everything" }, "show"],
      [{ format: "pdf" }, "format"],
    ];
    for (const [params, field] of cases) {
      const r = getGapsApi(db, viewer, q(params));
      expect(r.status, JSON.stringify(params)).toBe(422);
      expect(Object.keys(body(r).error!.fields), JSON.stringify(params)).toContain(field);
    }
    expect(getGapsApi(db, null, q({ week: W04 })).status).toBe(401);
  });
});

describe("GET /api/v1/summary/{pcode}/children", () => {
  it("lists every sub-area with its figures and how they were obtained", () => {
    const b = body(getChildrenApi(db, viewer, { pcode: "SY02", query: q({ week: W04 }) })) as Body & { children: { area: { pcode: string }; basis: string; newlyDisplacedFamilies: number | null }[] };
    expect(b.children).toHaveLength(8);
    expect(b.children.find((c) => c.area.pcode === "SY0200")).toMatchObject({ basis: "direct", newlyDisplacedFamilies: 6077 });
    // Al Bab has only a draft: no figure.
    expect(b.children.find((c) => c.area.pcode === "SY0202")).toMatchObject({ basis: "none", newlyDisplacedFamilies: null });
    expect(getChildrenApi(db, viewer, { pcode: "SY99", query: q({}) }).status).toBe(404);
    expect(getChildrenApi(db, null, { pcode: "SY02", query: q({}) }).status).toBe(401);
  });
});

describe("page loaders", () => {
  it("the dashboard defaults to the latest week with data and keeps the week before for comparison", () => {
    const d = loadDashboard(db, viewer, {});
    expect(d.weeks[0]).toBe("2020-W10");
    const w4 = loadDashboard(db, viewer, { week: W04 });
    expect(w4.summary).toMatchObject({ basis: "children", childrenCount: 2, newlyDisplacedFamilies: 7327 + 2500 });
    expect(w4.change.previousWeek).toBe("2020-W03");
    expect(w4.change.before.newlyDisplacedFamilies).toBe(6320);
    expect(w4.trend).toHaveLength(12);
    expect(w4.top.find((t) => t.sector.code === "food_security")!.rows[0]!.area.pcode).toBe("SY0200");
    // A bad value in a shared link costs only that filter.
    expect(loadDashboard(db, viewer, { week: "nonsense" }).errors).toEqual({ week: { key: "validation.week" } });
  });

  it("the area page sorts sub-areas through URL parameters and lists the weeks reported directly", () => {
    const a = loadAreaFigures(db, viewer, "SY02", { week: W04, sort: "unmet", sector: "food_security", dir: "desc" }, "en");
    expect(a.children.map((c) => c.area.pcode).slice(0, 3)).toEqual(["SY0200", "SY0203", "SY0204"]);
    // Areas without a figure stay last whichever the direction.
    const asc = loadAreaFigures(db, viewer, "SY02", { week: W04, sort: "newly", dir: "asc" }, "en");
    expect(asc.children.map((c) => c.area.pcode).slice(0, 3)).toEqual(["SY0203", "SY0204", "SY0200"]);
    expect(asc.children.at(-1)!.basis).toBe("none");
    expect(loadAreaFigures(db, viewer, "SY0200", { range: "26" }, "en").trend).toHaveLength(26);
    expect(listReportedWeeks(db, viewer, "SY0200").rows.map((r) => r.week)).toEqual(["2020-W04", "2020-W03", "2020-W02", "2020-W01"]);
  });

  it("drafts appear in an area's history only for someone who may edit it", async () => {
    expect(listReportedWeeks(db, viewer, "SY0202").rows).toEqual([]);
    const aleppo = await makeUser(db, "coordinator", ["SY02"]);
    expect(listReportedWeeks(db, aleppo, "SY0202").rows.map((r) => r.status)).toEqual(["draft"]);
    expect(listReportedWeeks(db, coordinator, "SY0202").rows).toEqual([]);
  });

  it("the gap report page falls back to defaults for bad filters and reports them", () => {
    const g = loadGapReport(db, viewer, { week: W04, level: "2", critical: "500", sector: "food_security" });
    expect(g.errors.critical).toBeDefined();
    expect(g.query.critical).toBe(80);
    expect(g.rows[0]!.area.pcode).toBe("SY0200");
  });

  it("the gap report page's paging links keep the page size the reader chose", () => {
    const first = loadGapReport(db, viewer, { week: W04, level: "2", sector: "food_security", limit: "1" });
    expect(first.limit).toBe(1);
    expect(first.rows).toHaveLength(1);
    expect(first.hasMore).toBe(true);
    const next = gapPageParams(first.query, 2, first.limit);
    expect(next).toMatchObject({ page: "2", limit: "1", week: W04, level: "2", sector: "food_security" });
    const second = loadGapReport(db, viewer, next);
    expect(second.page).toBe(2);
    expect(second.rows).toHaveLength(1);
    expect(second.rows[0]!.rank).toBe(2);
    expect(second.rows[0]!.area.pcode).not.toBe(first.rows[0]!.area.pcode);
    // The default size is left out of the link, as before.
    expect(gapPageParams(loadGapReport(db, viewer, { week: W04, level: "2" }).query, 2, 50)).not.toHaveProperty("limit");
  });

  it("the map gives every district, with or without figures", () => {
    const m = loadMap(db, viewer, { week: W04, level: "2", measure: "newly" });
    expect(m.areas).toHaveLength(62);
    expect(m.areas.find((a) => a.area.pcode === "SY0200")!.newlyDisplacedFamilies).toBe(6077);
  });
});

describe("the gap report with every sector retired", () => {
  it("answers a clear 422 on `sector` (API, CSV/XLSX export and page loader) for weeks with no sector to show, never a 500 or a broken download", async () => {
    const own = freshDb();
    try {
      const reader = await makeUser(own, "viewer");
      seedSummaryFixture(own);
      own.$client.prepare("update sectors set active = 0").run();
      // Decision 058: a retired sector is still shown for the weeks it has figures in.
      expect(getGapsApi(own, reader, q({ week: W04, level: "2" })).status).toBe(200);
      const empty = "2020-W30";
      for (const format of ["json", "csv", "xlsx"]) {
        const r = getGapsApi(own, reader, q({ week: empty, level: "2", ...(format === "json" ? {} : { format }) }));
        expect(r.status, format).toBe(422);
        expect(body(r).error!.fields.sector, format).toBe("validation.noActiveSector");
      }
      expect(() => loadGapReport(own, reader, { week: empty })).toThrow(expect.objectContaining({ code: "invalid" }));
    } finally {
      own.$client.close();
    }
  });
});
