/**
 * Who sees a draft (docs/design.md): only those who may edit its area. Every read path, on a real
 * SQLite file: the API list and single read, the report page's data, revision histories, the
 * area's report history, My week, rollups, exports and the summary cache. Everyone else reads
 * the week as if it had no report.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Db } from "@/db/client";
import { handleGetReport, handleListReports } from "@/lib/api/reports";
import { getSummaryApi } from "@/lib/api/summary";
import type { Actor } from "@/lib/auth/actor";
import { exportChildTable } from "@/lib/exports/children-export";
import { exportGapReport } from "@/lib/exports/gap-export";
import { listReportRevisions } from "@/lib/reports/revisions";
import { getReportEntry, getWeeklyReport, listMyWeek, listReportsForApi } from "@/lib/reports/read";
import { saveWeeklyReport } from "@/lib/reports/save";
import { canSeeReport, sharedReader } from "@/lib/reports/visibility";
import { getAreaWeekSummary } from "@/lib/figures/read";
import { loadAreaFigures } from "@/lib/summary/area-figures";
import { cachedSummary } from "@/lib/summary/cache";
import { loadDashboard } from "@/lib/summary/dashboard";
import { listReportedWeeks } from "@/lib/reports/reported-weeks";
import { freshDb, makeUser } from "../factories";

const SUBMITTED = {
  newlyDisplacedFamilies: 6077,
  repeatDisplacedFamilies: 6077,
  totalDisplacedFamilies: 11000,
  sectors: { food_security: { gapPct: 91 }, nfi: { gapPct: 83 }, shelter: { gapPct: 93 } },
  notes: "submitted note",
  source: "Response Coordinators Syria statement",
  status: "submitted",
} as const;
/** Figures and a note only ever typed into drafts. */
const DRAFT_NEWLY = 481_516;
const DRAFT_NOTE = "draft-only note 0c7a";
const DRAFT = { ...SUBMITTED, newlyDisplacedFamilies: DRAFT_NEWLY, repeatDisplacedFamilies: 0, totalDisplacedFamilies: DRAFT_NEWLY, notes: DRAFT_NOTE, status: "draft" } as const;
const showsDraft = (value: unknown) => {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? "");
  return text.includes(String(DRAFT_NEWLY)) || text.includes(DRAFT_NOTE);
};

/** Only a draft. */
const DRAFT_WEEK = "2020-W10";
/** Submitted, then set back to a draft with other figures. */
const BACK_WEEK = "2020-W11";
/** Submitted (v1), changed as a draft (v2), submitted again with other figures (v3). */
const RESUBMITTED_WEEK = "2020-W12";

let db: Db;
let admin: Actor;
let owner: Actor;
/** A coordinator of another district of the same governorate (Afrin, SY0202): "another area" need not be far away. */
let neighbour: Actor;
let otherGovernorate: Actor;
let viewer: Actor;

beforeAll(async () => {
  db = freshDb();
  admin = await makeUser(db, "admin");
  owner = await makeUser(db, "coordinator", ["SY0200"]);
  neighbour = await makeUser(db, "coordinator", ["SY0202"]);
  otherGovernorate = await makeUser(db, "coordinator", ["SY07"]);
  viewer = await makeUser(db, "viewer");
  saveWeeklyReport(db, owner, { pcode: "SY0200", week: DRAFT_WEEK, input: DRAFT });
  saveWeeklyReport(db, owner, { pcode: "SY0200", week: BACK_WEEK, input: SUBMITTED });
  saveWeeklyReport(db, owner, { pcode: "SY0200", week: BACK_WEEK, input: { ...DRAFT, version: 1 } });
  saveWeeklyReport(db, owner, { pcode: "SY0200", week: RESUBMITTED_WEEK, input: SUBMITTED });
  saveWeeklyReport(db, owner, { pcode: "SY0200", week: RESUBMITTED_WEEK, input: { ...DRAFT, version: 1 } });
  saveWeeklyReport(db, owner, { pcode: "SY0200", week: RESUBMITTED_WEEK, input: { ...SUBMITTED, newlyDisplacedFamilies: 6100, repeatDisplacedFamilies: 6100, version: 2 } });
});

const readers = () => ({ viewer, neighbour, otherGovernorate });
const editors = () => ({ owner, admin });

describe("the rule (canSeeReport)", () => {
  it("published reports for every signed-in reader; drafts for admins and the area's coordinators (and below); nobody when signed out", () => {
    // Jebel Saman's path as stored, from the owner's assignment.
    const path = owner.areas[0]!.path;
    const below = `${path}99999/`;
    for (const status of ["submitted", "approved"]) expect(canSeeReport(viewer, { areaPath: path, status })).toBe(true);
    expect(canSeeReport(viewer, { areaPath: path, status: "draft" })).toBe(false);
    expect(canSeeReport(neighbour, { areaPath: path, status: "draft" })).toBe(false);
    expect(canSeeReport(otherGovernorate, { areaPath: path, status: "draft" })).toBe(false);
    expect(canSeeReport(owner, { areaPath: path, status: "draft" })).toBe(true);
    expect(canSeeReport(owner, { areaPath: below, status: "draft" })).toBe(true);
    expect(canSeeReport(admin, { areaPath: path, status: "draft" })).toBe(true);
    expect(canSeeReport(null, { areaPath: path, status: "submitted" })).toBe(false);
    // A status an old snapshot does not name is not published.
    expect(canSeeReport(viewer, { areaPath: path, status: undefined })).toBe(false);
    expect(canSeeReport(sharedReader(admin), { areaPath: path, status: "draft" })).toBe(false);
  });
});

describe("API v1", () => {
  it("GET /reports/{pcode}/{week}: a hidden draft is the same 404 as a week nobody reported; its editors get it", () => {
    for (const [who, actor] of Object.entries(readers())) {
      const missing = handleGetReport(db, actor, { pcode: "SY0200", week: "2019-W01" });
      expect(missing.status, who).toBe(404);
      for (const week of [DRAFT_WEEK, BACK_WEEK]) {
        const res = handleGetReport(db, actor, { pcode: "SY0200", week });
        expect(res.status, `${who} ${week}`).toBe(404);
        expect(res.body).toEqual(missing.body);
      }
      expect(getWeeklyReport(db, actor, { pcode: "SY0200", week: DRAFT_WEEK }), who).toBeNull();
    }
    for (const [who, actor] of Object.entries(editors())) {
      const res = handleGetReport(db, actor, { pcode: "SY0200", week: DRAFT_WEEK });
      expect(res.status, who).toBe(200);
      expect(res.body).toMatchObject({ status: "draft", notes: DRAFT_NOTE, newlyDisplacedFamilies: DRAFT_NEWLY });
    }
  });

  it("GET /reports: drafts are absent from the list, asked for or not, for all areas or one", () => {
    for (const [who, actor] of Object.entries(readers()))
      for (const query of [`week=${DRAFT_WEEK}&status=draft`, `week=${DRAFT_WEEK}&area=SY02`, `week=${BACK_WEEK}`, `week=${BACK_WEEK}&area=SY0200`]) {
        const res = handleListReports(db, actor, new URLSearchParams(query));
        expect(res.status).toBe(200);
        expect((res.body as { reports: unknown[] }).reports, `${who} ${query}`).toEqual([]);
      }
    for (const actor of Object.values(editors()))
      expect(listReportsForApi(db, actor, { week: DRAFT_WEEK, status: "draft" }).reports.map((r) => [r.pcode, r.notes])).toEqual([["SY0200", DRAFT_NOTE]]);
    // A published report is listed to everyone.
    expect(listReportsForApi(db, viewer, { week: RESUBMITTED_WEEK }).reports.map((r) => [r.pcode, r.newlyDisplacedFamilies])).toEqual([["SY0200", 6100]]);
  });
});

describe("the report page (getReportEntry)", () => {
  it("a reader who may not edit sees the draft's week as unreported: no report, no last week, no revisions", () => {
    for (const [who, actor] of Object.entries(readers())) {
      for (const week of [DRAFT_WEEK, BACK_WEEK]) {
        const entry = getReportEntry(db, actor, { pcode: "SY0200", week });
        expect(entry.report, `${who} ${week}`).toBeNull();
        expect(entry.revisions).toEqual([]);
        expect(entry).toMatchObject({ canEdit: false, canApprove: false, canReopen: false });
        expect(showsDraft(entry)).toBe(false);
      }
      // The week after the draft: its "last week" is the draft, hidden too.
      expect(getReportEntry(db, actor, { pcode: "SY0200", week: "2020-W11" }).previous, who).toBeNull();
    }
  });

  it("its editors see the draft, last week's draft and every revision", () => {
    for (const [who, actor] of Object.entries(editors())) {
      const entry = getReportEntry(db, actor, { pcode: "SY0200", week: BACK_WEEK });
      expect(entry.report, who).toMatchObject({ status: "draft", notes: DRAFT_NOTE });
      expect(entry.previous).toMatchObject({ week: DRAFT_WEEK, status: "draft" });
      expect(entry.revisions.map((r) => r.version)).toEqual([2, 1]);
      expect(entry.canEdit).toBe(true);
    }
  });
});

describe("revision history (listReportRevisions)", () => {
  it("a published report shows non-editors only its published revisions, each compared with the previous one they see", () => {
    for (const [who, actor] of Object.entries(readers())) {
      const revisions = listReportRevisions(db, actor, { pcode: "SY0200", week: RESUBMITTED_WEEK });
      expect(revisions.map((r) => [r.version, r.action]), who).toEqual([
        [3, "submit"],
        [1, "create"],
      ]);
      // From v1's figures straight to v3's: the draft's in between never shows, not even as a "from".
      expect(revisions[0]!.changes).toContainEqual({ field: "newlyDisplacedFamilies", from: 6077, to: 6100 });
      expect(revisions[0]!.changes.map((c) => c.field)).not.toContain("notes");
      expect(showsDraft(revisions)).toBe(false);
    }
  });

  it("its editors see every revision, the draft's included", () => {
    const revisions = listReportRevisions(db, owner, { pcode: "SY0200", week: RESUBMITTED_WEEK });
    expect(revisions.map((r) => r.version)).toEqual([3, 2, 1]);
    expect(revisions[1]!.changes).toContainEqual({ field: "notes", from: "submitted note", to: DRAFT_NOTE });
  });

  it("a report that is a draft now shows non-editors no revision at all, its earlier submitted one included", () => {
    for (const actor of Object.values(readers())) expect(listReportRevisions(db, actor, { pcode: "SY0200", week: BACK_WEEK })).toEqual([]);
    expect(listReportRevisions(db, owner, { pcode: "SY0200", week: BACK_WEEK }).map((r) => r.version)).toEqual([2, 1]);
  });
});

describe("the area's report history (listReportedWeeks)", () => {
  it("lists draft weeks only to those who may edit the area", () => {
    const weeks = (actor: Actor) => listReportedWeeks(db, actor, "SY0200").rows.map((r) => `${r.week} ${r.status}`);
    for (const actor of Object.values(readers())) expect(weeks(actor)).toEqual([`${RESUBMITTED_WEEK} submitted`]);
    for (const actor of Object.values(editors())) expect(weeks(actor)).toEqual([`${RESUBMITTED_WEEK} submitted`, `${BACK_WEEK} draft`, `${DRAFT_WEEK} draft`]);
    expect(listReportedWeeks(db, viewer, "SY0200").includesDrafts).toBe(false);
  });
});

describe("My week (listMyWeek)", () => {
  it("walks only the actor's own areas: the owner sees their draft, a neighbour's week does not list it", () => {
    const status = (actor: Actor, week: string) => listMyWeek(db, actor, { week }).rows.find((r) => r.pcode === "SY0200")?.status;
    expect(status(owner, DRAFT_WEEK)).toBe("draft");
    expect(status(owner, BACK_WEEK)).toBe("draft");
    expect(status(neighbour, DRAFT_WEEK)).toBeUndefined();
    expect(listMyWeek(db, neighbour, { week: DRAFT_WEEK }).rows.every((r) => r.pcode.startsWith("SY0202"))).toBe(true);
    expect(listMyWeek(db, otherGovernorate, { week: DRAFT_WEEK }).rows.every((r) => r.pcode.startsWith("SY07"))).toBe(true);
  });
});

describe("rollups, summaries and exports", () => {
  it("no draft counts, for anyone: the draft's week has no figure, the set-back week lost its submitted one", () => {
    for (const actor of [viewer, owner, admin]) {
      for (const week of [DRAFT_WEEK, BACK_WEEK]) {
        expect(getAreaWeekSummary(db, actor, "SY0200", week).basis).toBe("none");
        expect(getAreaWeekSummary(db, actor, "SY02", week).newlyDisplacedFamilies).toBeNull();
      }
      expect(getAreaWeekSummary(db, actor, "SY0200", RESUBMITTED_WEEK).newlyDisplacedFamilies).toBe(6100);
      expect(showsDraft(getSummaryApi(db, actor, { pcode: "SY0200", query: new URLSearchParams({ week: DRAFT_WEEK }) }).body)).toBe(false);
    }
  });

  it("exports carry no draft, not even an admin's", async () => {
    for (const actor of [admin, owner, viewer]) {
      const children = await new Response(exportChildTable(db, actor, "SY02", { week: DRAFT_WEEK, format: "csv" }).stream).text();
      const gaps = await new Response(exportGapReport(db, actor, { week: BACK_WEEK, parent: "SY02", format: "csv" }).stream).text();
      expect(children).toContain("SY0200");
      expect(showsDraft(children)).toBe(false);
      expect(showsDraft(gaps)).toBe(false);
    }
  });
});

describe("the summary cache", () => {
  it("computes a kept result as a reader who sees no draft, whoever asked first", () => {
    const input = z.object({ week: z.string().optional() });
    // A loader that (wrongly) reads a report inside the cache: even asked by an admin, the draft is not in the kept result.
    const peek = (actor: Actor) => cachedSummary(db, actor, "drafts-test", input, { week: DRAFT_WEEK }, (reader) => getWeeklyReport(db, reader, { pcode: "SY0200", week: DRAFT_WEEK }));
    expect(peek(admin)).toBeNull();
    expect(peek(viewer)).toBeNull();
    const resubmitted = cachedSummary(db, owner, "drafts-test", input, { week: RESUBMITTED_WEEK }, (reader) =>
      getWeeklyReport(db, reader, { pcode: "SY0200", week: RESUBMITTED_WEEK }),
    );
    expect(resubmitted?.newlyDisplacedFamilies).toBe(6100);
  });

  it("an editor's request fills the cache, a viewer's is served from it: neither result holds a draft, and the viewer's history is their own", () => {
    const first = loadAreaFigures(db, owner, "SY0200", { week: DRAFT_WEEK }, "en");
    const second = loadAreaFigures(db, viewer, "SY0200", { week: DRAFT_WEEK }, "en");
    expect(second.summary).toBe(first.summary);
    expect(showsDraft({ ...first, reportedWeeks: null })).toBe(false);
    expect(first.reportedWeeks.rows.map((r) => r.status)).toContain("draft");
    expect(second.reportedWeeks.rows.map((r) => r.status)).not.toContain("draft");
    expect(showsDraft(loadDashboard(db, admin, { week: DRAFT_WEEK }))).toBe(false);
  });
});
