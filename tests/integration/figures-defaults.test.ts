/**
 * The page loaders, the API and the exports resolve a request through one function
 * (lib/figures/query.ts): for the same request they must show the same week and sector,
 * including the defaults, and refuse the same unknown sector (docs/decisions/034-one-query-resolver.md).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { getChildrenApi, getGapsApi, getSummaryApi } from "@/lib/api/summary";
import type { Actor } from "@/lib/auth/actor";
import { exportChildTable } from "@/lib/exports/children-export";
import { exportGapReport } from "@/lib/exports/gap-export";
import { loadAreaFigures } from "@/lib/summary/area-figures";
import { loadDashboard } from "@/lib/summary/dashboard";
import { loadGapReport } from "@/lib/summary/gap-report";
import { loadMap } from "@/lib/summary/map";
import { weekOf } from "@/lib/weeks";
import { appError, freshDb, makeUser } from "../factories";
import { seedSummaryFixture } from "../summary-fixture";

/** Aleppo (SY02) has figures up to 2020-W04 (tests/summary-fixture.ts); Idleb reports later, so the country's latest week is later. */
const ALEPPO_LATEST = "2020-W04";
const COUNTRY_LATEST = "2020-W06";

let db: Db;
let viewer: Actor;

beforeAll(async () => {
  db = freshDb();
  viewer = await makeUser(db, "viewer");
  seedSummaryFixture(db);
  seedSummaryFixture(db, [
    { pcode: "SY0703", week: COUNTRY_LATEST, status: "submitted", newly: 300, repeat: 100, total: 900, individuals: null, gaps: { food_security: [40, null], nfi: [30, null], shelter: [20, null] } },
  ]);
});
afterAll(() => db.$client.close());

const q = (s: Record<string, string>) => new URLSearchParams(s);
const csvRows = async (file: { stream: ReadableStream }) => (await new Response(file.stream).text()).replace(/^\uFEFF/, "").split("\r\n");

/** The week each path shows for an area's figures, asked with the same parameters. */
async function areaWeeks(pcode: string, params: Record<string, string>) {
  const page = loadAreaFigures(db, viewer, pcode, params, "en");
  const api = getSummaryApi(db, viewer, { pcode, query: q(params) });
  const children = getChildrenApi(db, viewer, { pcode, query: q(params) });
  const file = exportChildTable(db, viewer, pcode, { ...params, format: "csv" });
  const lines = await csvRows(file);
  // Column 1 is the week (#date+week); row 3 is the first sub-area.
  expect(lines[1]!.split(",")[0]).toBe("#date+week");
  return {
    page: page.week,
    pageSummary: page.summary.week,
    api: (api.body as { week: string }).week,
    childrenApi: (children.body as { week: string }).week,
    exportFile: file.filename,
    exportRows: lines[2]!.split(",")[0]!,
  };
}

describe("an area's default week is the same on the page, in the API and in the export", () => {
  it("an area with figures: its own latest week, not the country's", async () => {
    expect(await areaWeeks("SY02", {})).toEqual({
      page: ALEPPO_LATEST,
      pageSummary: ALEPPO_LATEST,
      api: ALEPPO_LATEST,
      childrenApi: ALEPPO_LATEST,
      exportFile: `rasd-SY02-${ALEPPO_LATEST}.csv`,
      exportRows: ALEPPO_LATEST,
    });
  });

  it("an area without figures (Al Bab has only a draft): the country's latest week, on every path (the API and the export used the current week)", async () => {
    expect(COUNTRY_LATEST).not.toBe(weekOf(new Date()));
    expect(await areaWeeks("SY0202", {})).toEqual({
      page: COUNTRY_LATEST,
      pageSummary: COUNTRY_LATEST,
      api: COUNTRY_LATEST,
      childrenApi: COUNTRY_LATEST,
      exportFile: `rasd-SY0202-${COUNTRY_LATEST}.csv`,
      exportRows: COUNTRY_LATEST,
    });
  });

  it("a week asked for is the week shown, written either way", async () => {
    const weeks = await areaWeeks("SY0200", { week: "2020W2" });
    expect(new Set(Object.values(weeks).map((w) => w.replace(/^rasd-SY0200-|\.csv$/g, "")))).toEqual(new Set(["2020-W02"]));
  });

  it("the summary pages of the whole country default to the country's latest week", () => {
    expect(loadDashboard(db, viewer, {}).week).toBe(COUNTRY_LATEST);
    expect(loadMap(db, viewer, {}).week).toBe(COUNTRY_LATEST);
  });
});

describe("the gap report's defaults are the same on the page, in the API and in the export", () => {
  async function gapDefaults(params: Record<string, string>) {
    const page = loadGapReport(db, viewer, params).query;
    const api = getGapsApi(db, viewer, q(params)).body as { week: string; from: string; level: number; parent: string | null; sector: { code: string } };
    const file = exportGapReport(db, viewer, { ...params, format: "csv" });
    const lines = await csvRows(file);
    const header = lines[1]!.split(",");
    const first = lines[2]!.split(",");
    return {
      page: { week: page.to, from: page.from, level: page.level, parent: page.parent, sector: page.sector },
      api: { week: api.week, from: api.from, level: api.level, parent: api.parent, sector: api.sector.code },
      exportFile: file.filename,
      exportRow: { week: first[header.indexOf("#date+week")], sector: first[header.indexOf("#sector+code")] },
    };
  }

  it("for all of Syria: the country's latest week, districts, the first sector", async () => {
    const expected = { week: COUNTRY_LATEST, from: COUNTRY_LATEST, level: 2, parent: null, sector: "food_security" };
    expect(await gapDefaults({})).toEqual({
      page: expected,
      api: expected,
      exportFile: `rasd-gaps-${COUNTRY_LATEST}-level2-food_security.csv`,
      exportRow: { week: COUNTRY_LATEST, sector: "food_security" },
    });
  });

  it("within an area: that area's latest week and the level below it", async () => {
    const expected = { week: ALEPPO_LATEST, from: ALEPPO_LATEST, level: 2, parent: "SY02", sector: "food_security" };
    expect(await gapDefaults({ parent: "sy02" })).toEqual({
      page: expected,
      api: expected,
      exportFile: `rasd-gaps-${ALEPPO_LATEST}-level2-SY02-food_security.csv`,
      exportRow: { week: ALEPPO_LATEST, sector: "food_security" },
    });
    const subDistricts = { week: ALEPPO_LATEST, from: ALEPPO_LATEST, level: 3, parent: "SY0200", sector: "shelter" };
    expect((await gapDefaults({ parent: "SY0200", sector: "shelter" })).api).toEqual(subDistricts);
  });
});

describe("an unknown sector is never dropped silently", () => {
  const UNKNOWN = { key: "validation.sectorUnknown", values: { code: "wash" } };

  it("every page says so (and shows the first sector instead)", () => {
    expect(loadDashboard(db, viewer, { sector: "wash" }).errors.sector).toEqual(UNKNOWN);
    expect(loadMap(db, viewer, { sector: "wash" }).errors.sector).toEqual(UNKNOWN);
    const area = loadAreaFigures(db, viewer, "SY02", { sector: "wash", sort: "gap" }, "en");
    expect(area.errors.sector).toEqual(UNKNOWN);
    expect(area.sort.sector).toBe("food_security");
    const gaps = loadGapReport(db, viewer, { sector: "wash" });
    expect(gaps.errors.sector).toEqual(UNKNOWN);
    expect(gaps.query.sector).toBe("food_security");
    // A malformed code reads the same, with the code that was given.
    expect(loadDashboard(db, viewer, { sector: "DROP TABLE" }).errors.sector).toEqual({ key: "validation.sectorUnknown", values: { code: "DROP TABLE" } });
  });

  it("the API and the export answer 422 naming the field", async () => {
    const api = getGapsApi(db, viewer, q({ sector: "wash" }));
    expect(api.status).toBe(422);
    expect((api.body as { error: { fields: Record<string, string> } }).error.fields).toEqual({ sector: "validation.sectorUnknown" });
    expect(getGapsApi(db, viewer, q({ sector: "wash", format: "csv" })).status).toBe(422);
    const e = await appError(() => exportGapReport(db, viewer, { sector: "wash", format: "csv" }));
    expect(e.code).toBe("invalid");
    expect(e.fieldErrors).toEqual({ sector: UNKNOWN });
  });
});
