import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { exportChildTable } from "@/lib/exports/children-export";
import { exportGapReport, gapReportTable } from "@/lib/exports/gap-export";
import { csvChunks, csvStream, type ExportTable } from "@/lib/exports/table";
import { rebuildAllRollups } from "@/lib/figures/maintain";
import { iterateGapRows, type GapQuery, type GapRow } from "@/lib/figures/gap-ranking";
import { freshDb, makeUser } from "../factories";
import { seedSummaryFixture } from "../summary-fixture";

const W04 = "2020-W04";
const BIG_WEEK = "2021-W01";
let db: Db;
let viewer: Actor;
let communities = 0;

/** The file as text, BOM kept (Response.text() would drop it, as any UTF-8 decoder does by default). */
const text = async (f: { stream: ReadableStream }) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(f.stream).arrayBuffer());
async function workbook(f: { stream: ReadableStream }) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await new Response(f.stream).arrayBuffer());
  return wb;
}
const rowValues = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);

beforeAll(async () => {
  db = freshDb();
  viewer = await makeUser(db, "viewer");
  seedSummaryFixture(db);
  // Every community of Aleppo and Idleb reports in one week: a gap report of a few thousand rows.
  const c = db.$client;
  const ids = c.prepare("select id from areas where level = 4 order by pcode").pluck().all() as number[];
  communities = ids.length;
  const sectorIds = c.prepare("select id from sectors order by id").pluck().all() as number[];
  const report = c.prepare("insert into weekly_reports (area_id, week, newly_displaced_families, repeat_displaced_families, total_displaced_families, status) values (?, ?, ?, ?, ?, 'approved')");
  const gap = c.prepare("insert into report_sector_gaps (report_id, sector_id, gap_tenths) values (?, ?, ?)");
  c.transaction(() => {
    ids.forEach((id, i) => {
      const r = report.run(id, BIG_WEEK, 10 + (i % 97), i % 7, 100 + i);
      for (const s of sectorIds) gap.run(r.lastInsertRowid, s, (i * 37 + s * 101) % 1001);
    });
  })();
  rebuildAllRollups(db);
});
afterAll(() => db.$client.close());

describe("CSV", () => {
  it("the gap report: UTF-8 with BOM, a header row in the reader's language, then the HXL hashtags, Arabic names included", async () => {
    const csv = await text(exportGapReport(db, viewer, { week: W04, level: "2", sector: "food_security", format: "csv" }));
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]!.split(",").slice(0, 5)).toEqual(["Rank", "Week", "First day", "Last day", "Governorate P-code"]);
    expect(lines[1]!.split(",")).toEqual([
      "#meta+rank",
      "#date+week",
      "#date+start",
      "#date+end",
      "#adm1+code",
      "#adm1+name",
      "#adm1+name+i_ar",
      "#adm2+code",
      "#adm2+name",
      "#adm2+name+i_ar",
      "#sector+code",
      "#sector+name",
      "#sector+name+i_ar",
      "#indicator+gap+pct",
      "#inneed+hh",
      "#inneed+hh+unmet",
      "#severity",
      "#affected+idps+hh+new",
      "#meta+weeks",
      "#meta+basis",
      "#meta+discrepancy",
    ]);
    expect(lines[2]).toBe("1,2020-W04,2020-01-20,2020-01-26,SY02,Aleppo,حلب,SY0200,Jebel Saman,جبل سمعان,food_security,Food security,الأمن الغذائي,91,6077,5530,Critical,6077,1,reported directly,no");
    expect(lines.at(-1)).toBe("");
  });

  it("in Arabic: Arabic headers, the same hashtags and values", async () => {
    const lines = (await text(exportGapReport(db, viewer, { week: W04, level: "2", format: "csv", lang: "ar" }))).slice(1).split("\r\n");
    expect(lines[0]!.startsWith("الترتيب,الأسبوع")).toBe(true);
    expect(lines[1]!.startsWith("#meta+rank,#date+week")).toBe(true);
    expect(lines[2]).toContain(",حرجة,");
  });

  it("an area table: every sub-area of Aleppo, per-sector hashtags, blanks (not zeros) where there is no figure", async () => {
    const f = exportChildTable(db, viewer, "SY02", { week: W04, format: "csv" });
    expect(f.filename).toBe("rasd-SY02-2020-W04.csv");
    const lines = (await text(f)).slice(1).split("\r\n");
    const tags = lines[1]!.split(",");
    for (const tag of ["#date+week", "#adm1+code", "#adm2+name+i_ar", "#affected+idps+hh+new", "#affected+idps+hh+repeat", "#affected+idps+hh+total", "#affected+idps+ind", "#indicator+gap+pct+shelter", "#inneed+hh+food_security", "#meta+basis"])
      expect(tags).toContain(tag);
    const rows = lines.slice(2, -1).map((l) => l.split(","));
    expect(rows).toHaveLength(8);
    const at = (pcode: string, tag: string) => rows.find((r) => r[tags.indexOf("#adm2+code")] === pcode)![tags.indexOf(tag)];
    expect(at("SY0200", "#affected+idps+hh+new")).toBe("6077");
    expect(at("SY0200", "#indicator+gap+pct+nfi")).toBe("83");
    expect(at("SY0200", "#meta+basis")).toBe("reported directly");
    expect(at("SY0202", "#affected+idps+hh+new")).toBe("");
    expect(at("SY0202", "#inneed+hh+unmet+shelter")).toBe("");
  });

  it("quotes commas and quotes, and defuses cells a spreadsheet would run as formulas", () => {
    type R = { v: string };
    const table: ExportTable<R> = {
      name: "t",
      sheetName: "t",
      definitionsSheetName: "d",
      definitionHeaders: ["a", "b", "c"],
      columns: [{ key: "v", hxl: "#x", label: "V", description: "", value: (r) => r.v }],
      notes: [],
      rtl: false,
      pages: [[{ v: 'a, "b"' }, { v: "=HYPERLINK(1)" }, { v: "-2+3" }, { v: " padded " }]],
    };
    expect([...csvChunks(table)].join("")).toBe('\uFEFFV\r\n#x\r\n"a, ""b"""\r\n\'=HYPERLINK(1)\r\n\'-2+3\r\n" padded "\r\n');
  });
});

describe("XLSX", () => {
  it("a data sheet (headers, hashtags, rows) and a sheet defining every column and the rollup rule, read back with exceljs", async () => {
    const f = exportGapReport(db, viewer, { week: W04, level: "2", sector: "shelter", format: "xlsx" });
    expect(f.filename).toBe("rasd-gaps-2020-W04-level2-shelter.xlsx");
    const wb = await workbook(f);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Gap report", "Column definitions"]);
    const data = wb.getWorksheet("Gap report")!;
    expect(rowValues(data, 1)[0]).toBe("Rank");
    expect(rowValues(data, 2).slice(0, 3)).toEqual(["#meta+rank", "#date+week", "#date+start"]);
    const first = rowValues(data, 3);
    expect(first).toContain("جبل سمعان");
    expect(first).toContain(93);
    expect(first).toContain(5652);
    expect(data.rowCount).toBe(2 + 4);
    const defs = wb.getWorksheet("Column definitions")!;
    expect(rowValues(defs, 1)).toEqual(["Column", "HXL hashtag", "Definition"]);
    const defined = new Map<string, string>();
    defs.eachRow((row, n) => {
      const [, label, hxl, description] = row.values as string[];
      if (n > 1 && hxl?.startsWith("#")) defined.set(hxl, `${label}: ${description}`);
    });
    // Every column of the data sheet is defined.
    for (const tag of rowValues(data, 2) as string[]) expect(defined.get(tag), tag).toMatch(/\S: \S/);
    expect(defined.get("#indicator+gap+pct")).toContain("Σ(gap × families in need) / Σ families in need");
    const all: string[] = [];
    defs.eachRow((row) => all.push(String((row.values as unknown[])[1] ?? "")));
    expect(all.join("\n")).toContain("otherwise it is the sum of its sub-areas' figures");
    expect(all.join("\n")).toContain("drafts never do");
  });

  it("the area table in Arabic: right-to-left sheets with Arabic headers", async () => {
    const wb = await workbook(exportChildTable(db, viewer, "SY07", { week: W04, format: "xlsx", lang: "ar" }));
    const data = wb.worksheets[0]!;
    expect(data.name).toBe("المناطق الفرعية");
    expect(data.views[0]?.rightToLeft).toBe(true);
    expect(rowValues(data, 1)[0]).toBe("الأسبوع");
  });

  it("refuses bad options before the first byte: 422-type errors, not a broken download", async () => {
    expect(() => exportGapReport(db, viewer, { week: W04, format: "pdf" })).toThrowError(/invalid/);
    expect(() => exportGapReport(db, viewer, { week: "2020-W77" })).toThrowError(/invalid/);
    expect(() => exportChildTable(db, viewer, "SY9999", {})).toThrowError(/not_found/);
    expect(() => exportChildTable(db, null, "SY02", {})).toThrowError(/unauthenticated/);
  });
});

describe("streaming", () => {
  const q: GapQuery = { from: BIG_WEEK, to: BIG_WEEK, level: 4, parent: null, sector: "shelter", critical: 80, high: 50, show: "all", sort: "unmet", dir: "desc" };

  /** Counts how many pages the export has asked the database for. */
  function counted(pageSize: number) {
    const state = { pages: 0 };
    const pages = (function* () {
      for (const page of iterateGapRows(db, viewer, q, pageSize)) {
        state.pages++;
        yield page;
      }
    })();
    return { state, pages: pages as Iterable<GapRow[]> };
  }

  it("the CSV is produced a page at a time: header chunk, then one chunk per page of rows, asked for only when read", () => {
    const { state, pages } = counted(200);
    const chunks = csvChunks(gapReportTable(db, q, "en", pages));
    expect(chunks.next().value).toContain("#meta+rank");
    expect(state.pages).toBe(0);
    const first = chunks.next().value!;
    expect(state.pages).toBe(1);
    expect(first.split("\r\n").length - 1).toBe(200);
    let total = 200;
    let n = 1;
    for (const chunk of chunks) {
      const lines = chunk.split("\r\n").length - 1;
      expect(lines).toBeLessThanOrEqual(200);
      total += lines;
      n++;
    }
    expect(total).toBe(communities);
    expect(n).toBe(Math.ceil(communities / 200));
    expect(state.pages).toBe(n);
  });

  it("the HTTP stream pulls pages as the client reads: a client that stops early never costs the whole file", async () => {
    const { state, pages } = counted(100);
    const reader = csvStream(gapReportTable(db, q, "en", pages)).getReader();
    await reader.read();
    await reader.read();
    expect(state.pages).toBeLessThanOrEqual(2);
    await reader.cancel();
    expect(state.pages).toBeLessThanOrEqual(2);
  });

  it("the full export ranks every community, in order, across pages", async () => {
    const lines = (await text(exportGapReport(db, viewer, { week: BIG_WEEK, level: "4", sector: "shelter", format: "csv" }, 250))).slice(1).split("\r\n").slice(2, -1);
    expect(lines).toHaveLength(communities);
    const tags = (await text(exportGapReport(db, viewer, { week: BIG_WEEK, level: "4", format: "csv" }))).slice(1).split("\r\n")[1]!.split(",");
    expect(tags).toContain("#adm4+code");
    const ranks = lines.map((l) => Number(l.split(",")[0]));
    expect(ranks).toEqual(ranks.map((_, i) => i + 1));
  });

  it("the XLSX export of thousands of rows streams through exceljs's writer and reads back whole", async () => {
    const wb = await workbook(exportGapReport(db, viewer, { week: BIG_WEEK, level: "4", sector: "nfi", format: "xlsx" }, 300));
    expect(wb.worksheets[0]!.rowCount).toBe(2 + communities);
  });
});
