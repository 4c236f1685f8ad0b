/**
 * THE AUTHORIZATION MATRIX. Every exported lib/ function that takes an actor is listed here
 * with the outcome for every kind of caller; a new such function fails the discovery test
 * until it is added. Each call runs on its own copy of one prepared database, so that an
 * allowed write cannot colour the next case; a refused call must leave every table as it was.
 */
import { applyImport, previewImport, undoImport } from "@/lib/import/apply";
import { handleDeleteImport, handlePostImport } from "@/lib/api/imports";
import { handleGetRanges, handlePutRanges } from "@/lib/api/ranges";
import { planFromTable } from "@/lib/import/plan";
import { readTable } from "@/lib/import/read-table";
import { applyUpload, createImportUpload, previewUpload } from "@/lib/import/uploads";
import { saveImportMapping } from "@/lib/import/mappings";
import { getImport, listImports } from "@/lib/import/history";
import { exportImportTemplate } from "@/lib/import/template";
import { getImportTemplateApi } from "@/lib/api/imports";
import { createSector, listSectorsForAdmin, moveSector, setSectorActive, updateSector } from "@/lib/sectors";
import { assertWeekOpen, autoLockWeek, listDeadlineWeeks, lockWeek, setWeekDeadline, unlockWeek, updateReportingSettings } from "@/lib/reports/deadlines";
import { getReportingRate, iterateReportingRate } from "@/lib/reports/reporting-rate";
import { exportReportingRate } from "@/lib/exports/reporting-rate-export";
import { getReportingRateApi } from "@/lib/api/reporting-rate";
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { areas, users } from "@/db/schema";
import { applyAreaImport, applyPreviewedAreaImport, planAreaImport, previewAreaImportUpload } from "@/lib/area-import";
import {
  countAreas,
  createArea,
  getArea,
  getAreaBreadcrumb,
  listAreaChildren,
  listAssignableAreas,
  listAssignedAreas,
  renameArea,
} from "@/lib/areas";
import { handleGetReport, handleListReports, handlePutReport } from "@/lib/api/reports";
import type { ApiResult } from "@/lib/api/respond";
import { listAudit } from "@/lib/audit";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { AppError, forbidden, unauthenticated } from "@/lib/errors";
import { approveAllSubmitted, approveReport, reopenReport, returnReport } from "@/lib/reports/approval";
import { listReportRevisions } from "@/lib/reports/revisions";
import { getReportEntry, getWeeklyReport, listMyWeek, listReportsAwaitingApproval, listReportsForApi } from "@/lib/reports/read";
import { saveWeeklyReport } from "@/lib/reports/save";
import { getChildrenApi, getGapsApi, getSummaryApi } from "@/lib/api/summary";
import { exportChildTable } from "@/lib/exports/children-export";
import { exportGapReport } from "@/lib/exports/gap-export";
import { iterateGapRows, queryGapRows, type GapQuery } from "@/lib/figures/gap-ranking";
import { resolveFiguresQuery } from "@/lib/figures/query";
import { getAreaTrend, getAreaWeekSummary, getWeekChange, iterateChildWeekSummaries, listChildWeekSummaries, listLevelWeekSummaries, listWeeksWithData } from "@/lib/figures/read";
import { loadAreaFigures } from "@/lib/summary/area-figures";
import { cachedSummary } from "@/lib/summary/cache";
import { loadDashboard } from "@/lib/summary/dashboard";
import { loadGapReport } from "@/lib/summary/gap-report";
import { listReportedWeeks } from "@/lib/reports/reported-weeks";
import { loadMap } from "@/lib/summary/map";
import { createOwnApiToken, issueApiToken, listAllApiTokens, listOwnApiTokens, revokeAnyApiToken, revokeOwnApiToken } from "@/lib/tokens";
import { endAllOwnSessions, endEverySession, endOwnSession, endUserSessions, listOwnSessions, listUserSessions, startSession } from "@/lib/auth/sessions";
import {
  changeOwnPassword,
  createUser,
  getUser,
  listUsers,
  resetUserPassword,
  setUserActive,
  updateOwnPreferences,
  updateUser,
} from "@/lib/users";
import { handleClearFlag, handleListComments, handleListFlags, handleListFollowUps, handlePostComment, handlePostFlag } from "@/lib/api/follow-ups";
import { addReportComment, listReportComments } from "@/lib/reports/comments";
import { clearReportFlag, flagReportFigure, listFollowUps, listOpenFollowUps, listReportFlags } from "@/lib/reports/flags";
import { listOutliers } from "@/lib/reports/outliers";
import { getReportFollowUp } from "@/lib/reports/follow-up-entry";
import { activeSectorsFor, applyRangeSuggestion, getRangeRules, ruleTarget, setRangeRules } from "@/lib/reports/range-rules-store";
import { appError, closeForCopy, copyDb, digest, freshDb, makeUser, ROOT } from "../factories";

const WHO = ["anonymous", "deactivated", "viewer", "coordinator", "coordinator outside SY02", "admin"] as const;
type Who = (typeof WHO)[number];
type Outcome = "allow" | "deny(unauthenticated)" | "deny(forbidden)";

type Ctx = {
  db: Db;
  actor: Actor | null;
  who: Who;
  /** The acting user's own password and API token (none for anonymous). */
  password: string;
  tokenId: number;
  /** An area inside the coordinator's assignment (SY02), or outside it for "coordinator outside SY02". */
  area: { governorate: string; district: string; subDistrict: string };
  ids: Record<"admin" | "viewer" | "coordinator" | "deactivated" | "target", number>;
};
type Entry = { writes: boolean; call: (c: Ctx) => unknown; outcomes: Partial<Record<Who, Outcome>> };

const A: Outcome = "allow";
const U: Outcome = "deny(unauthenticated)";
const F: Outcome = "deny(forbidden)";
const ADMIN_ONLY = { anonymous: U, deactivated: U, viewer: F, coordinator: F, admin: A } as const;
/** Admin only, and where the call names an area, a coordinator outside their areas is refused too. */
const ADMIN_ONLY_AREA = { ...ADMIN_ONLY, "coordinator outside SY02": F } as const;
const ANY_USER = { anonymous: U, deactivated: U, viewer: A, coordinator: A, admin: A } as const;
/** Reading the area tree is open to every active user, wherever they work. */
const ANY_USER_AREA = { ...ANY_USER, "coordinator outside SY02": A } as const;

const INSIDE = { governorate: "SY02", district: "SY0200", subDistrict: "SY020000" };
const OUTSIDE = { governorate: "SY07", district: "SY0703", subDistrict: "SY070300" };

/** Weekly figures: a submitted report in each district for REPORT_WEEK, an approved one for APPROVED_WEEK. */
const REPORT_WEEK = "2020-W04";
const APPROVED_WEEK = "2020-W05";
const FIGURES = {
  newlyDisplacedFamilies: 6077,
  repeatDisplacedFamilies: 6077,
  totalDisplacedFamilies: 11000,
  sectors: { food_security: { gapPct: 91 }, nfi: { gapPct: 83 }, shelter: { gapPct: 93 } },
  status: "submitted",
} as const;
/** A gap report query (districts, shelter) for the summary functions; each case adds its parent area. */
const GAPS: GapQuery = { from: REPORT_WEEK, to: REPORT_WEEK, level: 2, parent: null, sector: "shelter", critical: 80, high: 50, show: "all", sort: "unmet", dir: "desc" };
/** Writing weekly figures: admin anywhere, a coordinator inside their areas, nobody else. */
const AREA_WRITE = { anonymous: U, deactivated: U, viewer: F, coordinator: A, "coordinator outside SY02": F, admin: A } as const;
/** Importing figures: admins and coordinators (each file row is then checked against the importer's areas). */
const ROLE_WRITE = { anonymous: U, deactivated: U, viewer: F, coordinator: A, admin: A } as const;
const importFile = () => ({
  name: "matrix.csv",
  bytes: new TextEncoder().encode("P-code,Week,Newly displaced families,Of which displaced more than once,Total displaced families\nSY0200,2020-W30,10,0,100\n"),
});
const uploadBlob = () => new File([importFile().bytes], "matrix.csv", { type: "text/csv" });
/** The API handlers answer with a status instead of throwing: 401 and 403 are read back as the refusals they are. */
function http(r: ApiResult): ApiResult {
  if (r.status === 401) throw unauthenticated();
  if (r.status === 403) throw forbidden();
  if (r.status >= 400) throw new Error(`unexpected ${r.status}: ${JSON.stringify(r.body)}`);
  return r;
}

const version = (db: Db, table: "users" | "areas", where: number | string) =>
  table === "users"
    ? db.select({ v: users.version }).from(users).where(eq(users.id, where as number)).get()!.v
    : db.select({ v: areas.version }).from(areas).where(eq(areas.pcode, where as string)).get()!.v;
const importCsv = (c: Ctx) => `level,pcode,parent_pcode,name_en,name_ar\n4,C9300001,${c.area.subDistrict},Matrix Camp,مخيم المصفوفة\n`;
const newPassword = "matrix-new-password-1";
/** The follow-up flag seeded on the district's approved report (beforeAll). */
const seededFlagId = (c: Ctx) =>
  c.db.$client
    .prepare("select f.id from report_flags f join weekly_reports r on r.id = f.report_id join areas a on a.id = r.area_id where a.pcode = ? and r.week = ?")
    .pluck()
    .get(c.area.district, APPROVED_WEEK) as number;
/** Eight weeks of history before HISTORY_AS_OF in each district, so that a min-max suggestion exists. */
const HISTORY_AS_OF = "2019-W48";
const caller = (c: Ctx) => ({ actor: c.actor, token: null, ip: "192.0.2.1" });
const ownSessionId = (c: Ctx) => (c.db.$client.prepare("select id from sessions where user_id = ?").pluck().get(c.actor?.id ?? 0) as number | undefined) ?? 1;

const MATRIX: Record<string, Entry> = {
  // lib/users.ts
  listUsers: { writes: false, outcomes: ADMIN_ONLY, call: (c) => listUsers(c.db, c.actor) },
  getUser: { writes: false, outcomes: ADMIN_ONLY, call: (c) => getUser(c.db, c.actor, c.ids.target) },
  createUser: {
    writes: true,
    outcomes: ADMIN_ONLY,
    call: (c) => createUser(c.db, c.actor, { email: "matrix-new@example.org", name: "New person", role: "viewer" }),
  },
  updateUser: {
    writes: true,
    outcomes: ADMIN_ONLY,
    call: (c) =>
      updateUser(c.db, c.actor, { id: c.ids.target, version: version(c.db, "users", c.ids.target), name: "Changed", role: "coordinator", areas: ["SY02"] }),
  },
  setUserActive: { writes: true, outcomes: ADMIN_ONLY, call: (c) => setUserActive(c.db, c.actor, { id: c.ids.target, active: false }) },
  resetUserPassword: { writes: true, outcomes: ADMIN_ONLY, call: (c) => resetUserPassword(c.db, c.actor, { id: c.ids.target }) },
  changeOwnPassword: {
    writes: true,
    outcomes: ANY_USER,
    call: (c) => changeOwnPassword(c.db, c.actor, { currentPassword: c.password, newPassword, confirmPassword: newPassword }),
  },
  updateOwnPreferences: { writes: true, outcomes: ANY_USER, call: (c) => updateOwnPreferences(c.db, c.actor, { locale: "ar", numerals: "arab" }) },
  // lib/areas.ts
  getArea: { writes: false, outcomes: ANY_USER_AREA, call: (c) => getArea(c.db, c.actor, c.area.district) },
  getAreaBreadcrumb: { writes: false, outcomes: ANY_USER_AREA, call: (c) => getAreaBreadcrumb(c.db, c.actor, c.area.subDistrict) },
  listAreaChildren: { writes: false, outcomes: ANY_USER_AREA, call: (c) => listAreaChildren(c.db, c.actor, c.area.governorate) },
  listAssignableAreas: { writes: false, outcomes: ADMIN_ONLY, call: (c) => listAssignableAreas(c.db, c.actor) },
  listAssignedAreas: { writes: false, outcomes: ANY_USER, call: (c) => listAssignedAreas(c.db, c.actor) },
  countAreas: { writes: false, outcomes: ANY_USER, call: (c) => countAreas(c.db, c.actor) },
  createArea: {
    writes: true,
    outcomes: ADMIN_ONLY_AREA,
    call: (c) => createArea(c.db, c.actor, { pcode: "C9300002", parentPcode: c.area.subDistrict, nameEn: "Matrix", nameAr: "مصفوفة" }),
  },
  renameArea: {
    writes: true,
    outcomes: ADMIN_ONLY_AREA,
    call: (c) => renameArea(c.db, c.actor, { pcode: c.area.district, nameEn: "Renamed", nameAr: "معدّل", version: version(c.db, "areas", c.area.district) }),
  },
  // lib/area-import.ts
  planAreaImport: { writes: false, outcomes: ADMIN_ONLY_AREA, call: (c) => planAreaImport(c.db, c.actor, importCsv(c)) },
  applyAreaImport: { writes: true, outcomes: ADMIN_ONLY_AREA, call: (c) => applyAreaImport(c.db, c.actor, importCsv(c)) },
  previewAreaImportUpload: {
    writes: false,
    outcomes: ADMIN_ONLY_AREA,
    call: (c) => previewAreaImportUpload(c.db, c.actor, { file: new Blob([importCsv(c)], { type: "text/csv" }) }),
  },
  applyPreviewedAreaImport: {
    writes: true,
    outcomes: ADMIN_ONLY_AREA,
    call: (c) => {
      // The fingerprint a real admin's preview showed; the caller under test only replays it.
      const fingerprint = planAreaImport(c.db, loadActor(c.db, c.ids.admin), importCsv(c)).fingerprint;
      return applyPreviewedAreaImport(c.db, c.actor, { csv: importCsv(c), fingerprint });
    },
  },
  // lib/audit.ts
  listAudit: { writes: false, outcomes: ADMIN_ONLY, call: (c) => listAudit(c.db, c.actor, { entityType: "user" }) },
  // lib/tokens.ts
  createOwnApiToken: { writes: true, outcomes: ANY_USER, call: (c) => createOwnApiToken(c.db, c.actor, { name: "matrix" }) },
  listOwnApiTokens: { writes: false, outcomes: ANY_USER, call: (c) => listOwnApiTokens(c.db, c.actor) },
  revokeOwnApiToken: { writes: true, outcomes: ANY_USER, call: (c) => revokeOwnApiToken(c.db, c.actor, { id: c.tokenId }) },
  listAllApiTokens: { writes: false, outcomes: ADMIN_ONLY, call: (c) => listAllApiTokens(c.db, c.actor) },
  revokeAnyApiToken: { writes: true, outcomes: ADMIN_ONLY, call: (c) => revokeAnyApiToken(c.db, c.actor, { id: people.target.tokenId }) },
  // lib/auth/sessions.ts (every account has one session in the prepared database)
  listOwnSessions: { writes: false, outcomes: ANY_USER, call: (c) => listOwnSessions(c.db, c.actor, null) },
  endOwnSession: { writes: true, outcomes: ANY_USER, call: (c) => endOwnSession(c.db, c.actor, { id: ownSessionId(c) }) },
  endAllOwnSessions: { writes: true, outcomes: ANY_USER, call: (c) => endAllOwnSessions(c.db, c.actor) },
  listUserSessions: { writes: false, outcomes: ADMIN_ONLY, call: (c) => listUserSessions(c.db, c.actor, { id: c.ids.target }) },
  endUserSessions: { writes: true, outcomes: ADMIN_ONLY, call: (c) => endUserSessions(c.db, c.actor, { id: c.ids.target }) },
  endEverySession: { writes: true, outcomes: ADMIN_ONLY, call: (c) => endEverySession(c.db, c.actor, { confirm: "on" }) },
  // lib/reports/*.ts (weekly figures)
  saveWeeklyReport: {
    writes: true,
    outcomes: AREA_WRITE,
    call: (c) => saveWeeklyReport(c.db, c.actor, { pcode: c.area.subDistrict, week: REPORT_WEEK, input: FIGURES }),
  },
  approveReport: { writes: true, outcomes: ADMIN_ONLY_AREA, call: (c) => approveReport(c.db, c.actor, { pcode: c.area.district, week: REPORT_WEEK }) },
  approveAllSubmitted: {
    writes: true,
    outcomes: ADMIN_ONLY_AREA,
    call: (c) => approveAllSubmitted(c.db, c.actor, { pcode: c.area.governorate, week: REPORT_WEEK, reports: [`${c.area.district}:1`] }),
  },
  returnReport: {
    writes: true,
    outcomes: ADMIN_ONLY_AREA,
    call: (c) => returnReport(c.db, c.actor, { pcode: c.area.district, week: REPORT_WEEK, version: 1, comment: "matrix check" }),
  },
  reopenReport: {
    writes: true,
    outcomes: ADMIN_ONLY_AREA,
    call: (c) => reopenReport(c.db, c.actor, { pcode: c.area.district, week: APPROVED_WEEK, reason: "matrix check" }),
  },
  getWeeklyReport: { writes: false, outcomes: ANY_USER_AREA, call: (c) => getWeeklyReport(c.db, c.actor, { pcode: c.area.district, week: REPORT_WEEK }) },
  getReportEntry: { writes: false, outcomes: ANY_USER_AREA, call: (c) => getReportEntry(c.db, c.actor, { pcode: c.area.district, week: REPORT_WEEK }) },
  listReportRevisions: { writes: false, outcomes: ANY_USER_AREA, call: (c) => listReportRevisions(c.db, c.actor, { pcode: c.area.district, week: APPROVED_WEEK }) },
  listReportsForApi: { writes: false, outcomes: ANY_USER_AREA, call: (c) => listReportsForApi(c.db, c.actor, { week: REPORT_WEEK, area: c.area.governorate }) },
  listMyWeek: {
    writes: false,
    outcomes: { anonymous: U, deactivated: U, viewer: F, coordinator: A, admin: A },
    call: (c) => listMyWeek(c.db, c.actor, { week: REPORT_WEEK }),
  },
  listReportsAwaitingApproval: { writes: false, outcomes: ADMIN_ONLY, call: (c) => listReportsAwaitingApproval(c.db, c.actor, { week: REPORT_WEEK }) },
  // lib/api/reports.ts (API v1 handlers)
  handleListReports: {
    writes: false,
    outcomes: ANY_USER_AREA,
    call: (c) => http(handleListReports(c.db, c.actor, new URLSearchParams({ week: REPORT_WEEK, area: c.area.governorate }))),
  },
  handleGetReport: { writes: false, outcomes: ANY_USER_AREA, call: (c) => http(handleGetReport(c.db, c.actor, { pcode: c.area.district, week: "2020W4" })) },
  handlePutReport: {
    writes: true,
    outcomes: AREA_WRITE,
    call: (c) => http(handlePutReport(c.db, { actor: c.actor, token: null, ip: "192.0.2.1" }, { pcode: c.area.subDistrict, week: REPORT_WEEK, body: JSON.stringify({ ...FIGURES, version: 0 }) })),
  },
  // lib/import/*.ts (figures from a file: the file's areas are rows, refused row by row; the role decides here)
  previewImport: { writes: false, outcomes: ROLE_WRITE, call: (c) => previewImport(c.db, c.actor, importFile()) },
  planFromTable: { writes: false, outcomes: ROLE_WRITE, call: async (c) => planFromTable(c.db, c.actor, await readTable(importFile().bytes)) },
  applyImport: { writes: true, outcomes: ROLE_WRITE, call: (c) => applyImport(c.db, c.actor, importFile(), { status: "submitted", confirmWarnings: true }) },
  handlePostImport: {
    writes: true,
    outcomes: ROLE_WRITE,
    call: async (c) =>
      http(await handlePostImport(c.db, { actor: c.actor, token: null, ip: "192.0.2.1" }, { query: new URLSearchParams({ status: "submitted", confirmWarnings: "true" }), contentType: "text/csv", body: importFile().bytes })),
  },
  handleDeleteImport: {
    writes: true,
    outcomes: ROLE_WRITE,
    call: async (c) => {
      const applied = await applyImport(c.db, c.actor, importFile(), { status: "submitted", confirmWarnings: true });
      return http(handleDeleteImport(c.db, { actor: c.actor, token: null, ip: "192.0.2.1" }, String(applied.id)));
    },
  },
  undoImport: {
    writes: true,
    outcomes: ROLE_WRITE,
    call: async (c) => undoImport(c.db, c.actor, (await applyImport(c.db, c.actor, importFile(), { status: "submitted", confirmWarnings: true })).id),
  },
  // lib/import/uploads.ts, mappings.ts, history.ts, template.ts (the web page's import: an upload is its uploader's own)
  createImportUpload: { writes: true, outcomes: ROLE_WRITE, call: (c) => createImportUpload(c.db, c.actor, { file: uploadBlob(), status: "submitted" }) },
  previewUpload: {
    writes: true,
    outcomes: ROLE_WRITE,
    call: async (c) => previewUpload(c.db, c.actor, { upload: (await createImportUpload(c.db, c.actor, { file: uploadBlob() })).id, page: 1, status: "submitted", chosen: {}, sheet: undefined, saved: undefined }),
  },
  applyUpload: {
    writes: true,
    outcomes: ROLE_WRITE,
    call: async (c) => {
      const { id } = await createImportUpload(c.db, c.actor, { file: uploadBlob() });
      const p = await previewUpload(c.db, c.actor, { upload: id, page: 1, status: "submitted", chosen: {}, sheet: undefined, saved: undefined });
      return applyUpload(c.db, c.actor, { upload: String(id), fingerprint: p.fingerprint, status: "submitted", confirmWarnings: "on" });
    },
  },
  saveImportMapping: {
    writes: true,
    outcomes: ROLE_WRITE,
    call: async (c) => saveImportMapping(c.db, c.actor, { upload: String((await createImportUpload(c.db, c.actor, { file: uploadBlob() })).id), name: "Matrix mapping", c2: "newly" }),
  },
  listImports: { writes: false, outcomes: ROLE_WRITE, call: (c) => listImports(c.db, c.actor) },
  getImport: {
    writes: true,
    outcomes: ROLE_WRITE,
    call: async (c) => getImport(c.db, c.actor, (await applyImport(c.db, c.actor, importFile(), { status: "submitted", confirmWarnings: true })).id),
  },
  exportImportTemplate: { writes: false, outcomes: ANY_USER, call: (c) => exportImportTemplate(c.db, c.actor, { format: "csv", lang: "ar" }) },
  getImportTemplateApi: { writes: false, outcomes: ANY_USER, call: (c) => http(getImportTemplateApi(c.db, c.actor, new URLSearchParams({ format: "xlsx" }))) },
  // lib/figures/*.ts, lib/summary/*.ts, lib/reports/reported-weeks.ts, lib/exports/*.ts, lib/api/summary.ts (summaries: any signed-in user, any area)
  getAreaWeekSummary: { writes: false, outcomes: ANY_USER_AREA, call: (c) => getAreaWeekSummary(c.db, c.actor, c.area.governorate, REPORT_WEEK) },
  getWeekChange: { writes: false, outcomes: ANY_USER_AREA, call: (c) => getWeekChange(c.db, c.actor, c.area.governorate, REPORT_WEEK) },
  listChildWeekSummaries: { writes: false, outcomes: ANY_USER_AREA, call: (c) => listChildWeekSummaries(c.db, c.actor, c.area.governorate, REPORT_WEEK) },
  iterateChildWeekSummaries: { writes: false, outcomes: ANY_USER_AREA, call: (c) => [...iterateChildWeekSummaries(c.db, c.actor, c.area.governorate, REPORT_WEEK, 2)] },
  listLevelWeekSummaries: { writes: false, outcomes: ANY_USER, call: (c) => listLevelWeekSummaries(c.db, c.actor, REPORT_WEEK, 2) },
  getAreaTrend: { writes: false, outcomes: ANY_USER_AREA, call: (c) => getAreaTrend(c.db, c.actor, c.area.district, APPROVED_WEEK, 12) },
  listWeeksWithData: { writes: false, outcomes: ANY_USER_AREA, call: (c) => listWeeksWithData(c.db, c.actor, c.area.district) },
  queryGapRows: { writes: false, outcomes: ANY_USER_AREA, call: (c) => queryGapRows(c.db, c.actor, { ...GAPS, parent: c.area.governorate }, { offset: 0, limit: 10 }) },
  iterateGapRows: { writes: false, outcomes: ANY_USER_AREA, call: (c) => [...iterateGapRows(c.db, c.actor, { ...GAPS, parent: c.area.governorate }, 1)] },
  resolveFiguresQuery: {
    writes: false,
    outcomes: ANY_USER_AREA,
    call: (c) => resolveFiguresQuery(c.db, c.actor, { view: "gaps", raw: { week: REPORT_WEEK, parent: c.area.governorate }, mode: "api" }),
  },
  loadGapReport: { writes: false, outcomes: ANY_USER_AREA, call: (c) => loadGapReport(c.db, c.actor, { week: REPORT_WEEK, parent: c.area.governorate, level: "3" }) },
  loadDashboard: { writes: false, outcomes: ANY_USER, call: (c) => loadDashboard(c.db, c.actor, { week: APPROVED_WEEK }) },
  loadAreaFigures: { writes: false, outcomes: ANY_USER_AREA, call: (c) => loadAreaFigures(c.db, c.actor, c.area.governorate, { week: REPORT_WEEK, sort: "newly" }, "en") },
  loadMap: { writes: false, outcomes: ANY_USER, call: (c) => loadMap(c.db, c.actor, { week: REPORT_WEEK, level: "2" }) },
  listReportedWeeks: { writes: false, outcomes: ANY_USER_AREA, call: (c) => listReportedWeeks(c.db, c.actor, c.area.district) },
  cachedSummary: {
    writes: false,
    outcomes: ANY_USER,
    call: (c) => cachedSummary(c.db, c.actor, "matrix", z.object({ week: z.string().optional() }), { week: REPORT_WEEK }, (reader) => getAreaWeekSummary(c.db, reader, null, REPORT_WEEK)),
  },
  exportGapReport: {
    writes: false,
    outcomes: ANY_USER_AREA,
    call: async (c) => new Response(exportGapReport(c.db, c.actor, { week: REPORT_WEEK, parent: c.area.governorate, format: "csv" }).stream).text(),
  },
  exportChildTable: {
    writes: false,
    outcomes: ANY_USER_AREA,
    call: async (c) => new Response(exportChildTable(c.db, c.actor, c.area.governorate, { week: REPORT_WEEK, format: "xlsx" }).stream).arrayBuffer(),
  },
  getSummaryApi: { writes: false, outcomes: ANY_USER_AREA, call: (c) => http(getSummaryApi(c.db, c.actor, { pcode: c.area.district, query: new URLSearchParams({ week: REPORT_WEEK }) })) },
  getChildrenApi: {
    writes: false,
    outcomes: ANY_USER_AREA,
    call: (c) => http(getChildrenApi(c.db, c.actor, { pcode: c.area.governorate, query: new URLSearchParams({ week: REPORT_WEEK }) })),
  },
  getGapsApi: {
    writes: false,
    outcomes: ANY_USER_AREA,
    call: async (c) => {
      const r = http(getGapsApi(c.db, c.actor, new URLSearchParams({ week: REPORT_WEEK, parent: c.area.governorate, format: "csv" })));
      return new Response((r.body as { stream: ReadableStream }).stream).text();
    },
  },
  // lib/reports/comments.ts, flags.ts (issue 15: comments by any reader; flags by admins and the area's coordinators)
  listReportComments: { writes: false, outcomes: ANY_USER_AREA, call: (c) => listReportComments(c.db, c.actor, { pcode: c.area.district, week: REPORT_WEEK }) },
  addReportComment: { writes: true, outcomes: ANY_USER_AREA, call: (c) => addReportComment(c.db, c.actor, { pcode: c.area.district, week: REPORT_WEEK, body: "Matrix comment" }) },
  flagReportFigure: {
    writes: true,
    outcomes: AREA_WRITE,
    call: (c) => flagReportFigure(c.db, c.actor, { pcode: c.area.district, week: REPORT_WEEK, field: "sectors.nfi.gapPct", reason: "Matrix check" }),
  },
  clearReportFlag: { writes: true, outcomes: AREA_WRITE, call: (c) => clearReportFlag(c.db, c.actor, { id: seededFlagId(c), note: "Matrix cleared" }) },
  listReportFlags: { writes: false, outcomes: ANY_USER_AREA, call: (c) => listReportFlags(c.db, c.actor, { pcode: c.area.district, week: APPROVED_WEEK }) },
  getReportFollowUp: { writes: false, outcomes: ANY_USER_AREA, call: (c) => getReportFollowUp(c.db, c.actor, { pcode: c.area.district, week: APPROVED_WEEK }) },
  listFollowUps: { writes: false, outcomes: ANY_USER_AREA, call: (c) => listFollowUps(c.db, c.actor, { area: c.area.governorate, state: "all" }) },
  listOpenFollowUps: { writes: false, outcomes: ANY_USER_AREA, call: (c) => listOpenFollowUps(c.db, c.actor, { area: c.area.governorate, from: REPORT_WEEK, to: APPROVED_WEEK }) },
  handleListComments: { writes: false, outcomes: ANY_USER_AREA, call: (c) => http(handleListComments(c.db, c.actor, { pcode: c.area.district, week: REPORT_WEEK })) },
  handlePostComment: {
    writes: true,
    outcomes: ANY_USER_AREA,
    call: (c) => http(handlePostComment(c.db, caller(c), { pcode: c.area.district, week: REPORT_WEEK, body: JSON.stringify({ body: "Matrix API comment" }) })),
  },
  handleListFlags: { writes: false, outcomes: ANY_USER_AREA, call: (c) => http(handleListFlags(c.db, c.actor, { pcode: c.area.district, week: APPROVED_WEEK })) },
  handlePostFlag: {
    writes: true,
    outcomes: AREA_WRITE,
    call: (c) => http(handlePostFlag(c.db, caller(c), { pcode: c.area.district, week: REPORT_WEEK, body: JSON.stringify({ field: "totalDisplacedFamilies", reason: "Matrix API" }) })),
  },
  handleClearFlag: { writes: true, outcomes: AREA_WRITE, call: (c) => http(handleClearFlag(c.db, caller(c), { id: String(seededFlagId(c)), body: JSON.stringify({ note: "Matrix API cleared" }) })) },
  handleListFollowUps: { writes: false, outcomes: ANY_USER_AREA, call: (c) => http(handleListFollowUps(c.db, c.actor, new URLSearchParams({ area: c.area.governorate }))) },
  // lib/reports/range-rules-store.ts, outliers.ts (min-max rules: admins set them; every reader sees the outliers of what they may read)
  getRangeRules: { writes: false, outcomes: ADMIN_ONLY_AREA, call: (c) => getRangeRules(c.db, c.actor, { pcode: c.area.district, week: HISTORY_AS_OF }) },
  setRangeRules: { writes: true, outcomes: ADMIN_ONLY_AREA, call: (c) => setRangeRules(c.db, c.actor, { pcode: c.area.district, values: { "max:newlyDisplacedFamilies": "9000" } }) },
  ruleTarget: { writes: false, outcomes: ADMIN_ONLY_AREA, call: (c) => ruleTarget(c.db, c.actor, c.area.district) },
  handleGetRanges: { writes: false, outcomes: ADMIN_ONLY_AREA, call: (c) => http(handleGetRanges(c.db, c.actor, c.area.district, new URLSearchParams())) },
  handlePutRanges: {
    writes: true,
    outcomes: ADMIN_ONLY_AREA,
    call: (c) => http(handlePutRanges(c.db, { actor: c.actor, token: null, ip: "192.0.2.1" }, { pcode: c.area.district, body: JSON.stringify({ rules: { newlyDisplacedFamilies: { max: 9000 } } }) })),
  },
  applyRangeSuggestion: {
    writes: true,
    outcomes: ADMIN_ONLY_AREA,
    call: (c) => applyRangeSuggestion(c.db, c.actor, { pcode: c.area.district, field: "newlyDisplacedFamilies", week: HISTORY_AS_OF }),
  },
  activeSectorsFor: { writes: false, outcomes: ANY_USER, call: (c) => activeSectorsFor(c.db, c.actor) },
  listOutliers: { writes: false, outcomes: ANY_USER_AREA, call: (c) => listOutliers(c.db, c.actor, { week: REPORT_WEEK, area: c.area.governorate }) },
  // lib/sectors.ts (sectors managed by admins)
  listSectorsForAdmin: { writes: false, outcomes: ADMIN_ONLY, call: (c) => listSectorsForAdmin(c.db, c.actor) },
  createSector: { writes: true, outcomes: ADMIN_ONLY, call: (c) => createSector(c.db, c.actor, { code: "wash", nameEn: "WASH", nameAr: "المياه", hxlAttribute: "wash" }) },
  updateSector: {
    writes: true,
    outcomes: ADMIN_ONLY,
    call: (c) => updateSector(c.db, c.actor, { code: "nfi", nameEn: "NFI", nameAr: "مواد", hxlAttribute: "nfi", version: 1 }),
  },
  moveSector: { writes: true, outcomes: ADMIN_ONLY, call: (c) => moveSector(c.db, c.actor, { code: "nfi", direction: "up" }) },
  setSectorActive: { writes: true, outcomes: ADMIN_ONLY, call: (c) => setSectorActive(c.db, c.actor, { code: "nfi", active: false }) },
  // lib/reports/deadlines.ts (deadlines and locks: admins set them; the lock check itself lets every signed-in writer through an open week)
  listDeadlineWeeks: { writes: false, outcomes: ADMIN_ONLY, call: (c) => listDeadlineWeeks(c.db, c.actor) },
  updateReportingSettings: {
    writes: true,
    outcomes: ADMIN_ONLY,
    call: (c) => updateReportingSettings(c.db, c.actor, { deadlineDays: 3, lockDays: 7, timeZone: "UTC", version: 1 }),
  },
  setWeekDeadline: { writes: true, outcomes: ADMIN_ONLY, call: (c) => setWeekDeadline(c.db, c.actor, { week: REPORT_WEEK, deadlineDate: "2020-01-29" }) },
  lockWeek: { writes: true, outcomes: ADMIN_ONLY, call: (c) => lockWeek(c.db, c.actor, { week: REPORT_WEEK, reason: "matrix" }) },
  unlockWeek: { writes: true, outcomes: ADMIN_ONLY, call: (c) => unlockWeek(c.db, c.actor, { week: REPORT_WEEK, reason: "matrix check" }) },
  autoLockWeek: { writes: true, outcomes: ADMIN_ONLY, call: (c) => autoLockWeek(c.db, c.actor, { week: REPORT_WEEK }) },
  assertWeekOpen: { writes: false, outcomes: ANY_USER, call: (c) => assertWeekOpen(c.db, c.actor, REPORT_WEEK) },
  // lib/reports/reporting-rate.ts, its export and API (admins: it names who has not reported)
  getReportingRate: { writes: false, outcomes: ADMIN_ONLY, call: (c) => getReportingRate(c.db, c.actor, { end: APPROVED_WEEK }) },
  iterateReportingRate: { writes: false, outcomes: ADMIN_ONLY, call: (c) => [...iterateReportingRate(c.db, c.actor, { end: APPROVED_WEEK }).pages] },
  exportReportingRate: {
    writes: false,
    outcomes: ADMIN_ONLY,
    call: async (c) => new Response(exportReportingRate(c.db, c.actor, { end: APPROVED_WEEK, format: "csv" }).stream).text(),
  },
  getReportingRateApi: { writes: false, outcomes: ADMIN_ONLY, call: (c) => http(getReportingRateApi(c.db, c.actor, new URLSearchParams({ end: APPROVED_WEEK }))) },
};

// ---------------------------------------------------------------------------
// The prepared database: one account of each kind, each with an API token.
// ---------------------------------------------------------------------------

let template = "";
const people = {} as Record<"admin" | "viewer" | "coordinator" | "coordinatorSY07" | "deactivated" | "target", { id: number; password: string; tokenId: number }>;
const copies: string[] = [];

beforeAll(async () => {
  const db = freshDb();
  for (const [key, role, areaCodes] of [
    ["admin", "admin", []],
    ["viewer", "viewer", []],
    ["coordinator", "coordinator", ["SY02"]],
    ["coordinatorSY07", "coordinator", ["SY07"]],
    ["deactivated", "coordinator", ["SY02"]],
    ["target", "viewer", []],
  ] as const) {
    const u = await makeUser(db, role, [...areaCodes]);
    const { id: tokenId } = issueApiToken(db, { label: "test" }, u.id, { name: `${key} token` });
    startSession(db, u.id, u.email, { ip: "192.0.2.1", userAgent: "matrix" });
    people[key] = { id: u.id, password: u.password, tokenId };
  }
  setUserActive(db, loadActor(db, people.admin.id), { id: people.deactivated.id, active: false });
  const admin = loadActor(db, people.admin.id);
  for (const district of [INSIDE.district, OUTSIDE.district]) {
    saveWeeklyReport(db, admin, { pcode: district, week: REPORT_WEEK, input: FIGURES });
    saveWeeklyReport(db, admin, { pcode: district, week: APPROVED_WEEK, input: FIGURES });
    approveReport(db, admin, { pcode: district, week: APPROVED_WEEK });
  }
  seedDrafts(db, { SY0200: loadActor(db, people.coordinator.id)!, SY0703: loadActor(db, people.coordinatorSY07.id)! });
  // A maximum below the drafts' figure: the data-quality page would list the draft's value as an outlier.
  for (const governorate of ["SY02", "SY07"]) setRangeRules(db, admin, { pcode: governorate, values: { "max:newlyDisplacedFamilies": "700000" } });
  for (const district of [INSIDE.district, OUTSIDE.district]) {
    flagReportFigure(db, admin, { pcode: district, week: APPROVED_WEEK, field: "totalDisplacedFamilies", reason: "Matrix seeded flag" });
    for (let i = 1; i <= 8; i++) saveWeeklyReport(db, admin, { pcode: district, week: `2019-W${String(39 + i)}`, input: { ...FIGURES, newlyDisplacedFamilies: 6000 + i, repeatDisplacedFamilies: 0 } });
  }
  template = closeForCopy(db);
});

afterAll(() => {
  for (const f of copies) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(f + suffix, { force: true });
});

function context(db: Db, who: Who): Ctx {
  const key = who === "coordinator outside SY02" ? "coordinator" : who === "anonymous" ? null : who;
  const me = key ? people[key] : null;
  return {
    db,
    who,
    actor: key ? loadActor(db, me!.id) : null,
    password: me?.password ?? "not-signed-in-pw",
    tokenId: me?.tokenId ?? people.viewer.tokenId,
    area: who === "coordinator outside SY02" ? OUTSIDE : INSIDE,
    ids: { admin: people.admin.id, viewer: people.viewer.id, coordinator: people.coordinator.id, deactivated: people.deactivated.id, target: people.target.id },
  };
}

const cases = Object.entries(MATRIX).flatMap(([fn, entry]) =>
  WHO.filter((who) => entry.outcomes[who]).map((who) => [fn, who, entry.outcomes[who]!] as const),
);

describe("authorization matrix", () => {
  it("covers every caller kind for every function (the outside-area column only where the call names an area)", () => {
    for (const [fn, entry] of Object.entries(MATRIX))
      for (const who of WHO.filter((w) => w !== "coordinator outside SY02")) expect(entry.outcomes[who], `${fn} as ${who}`).toBeDefined();
  });

  it("a deactivated account is loaded as nobody", () => {
    const db = copyDb(template);
    copies.push(db.$client.name);
    expect(loadActor(db, people.deactivated.id)).toBeNull();
    expect(loadActor(db, people.coordinator.id)?.areas.map((a) => a.pcode)).toEqual(["SY02"]);
    db.$client.close();
  });

  it.each(cases)("%s as %s → %s", async (fn, who, outcome) => {
    const db = copyDb(template);
    copies.push(db.$client.name);
    try {
      const ctx = context(db, who);
      if (who === "deactivated") expect(ctx.actor).toBeNull();
      const before = digest(db);
      const entry = MATRIX[fn]!;
      if (outcome === "allow") {
        await entry.call(ctx);
        if (entry.writes) expect(digest(db), "an allowed write changes the database").not.toBe(before);
        else expect(digest(db), "a read writes nothing").toBe(before);
      } else {
        let thrown: unknown;
        try {
          await entry.call(ctx);
        } catch (e) {
          thrown = e;
        }
        expect(thrown, "the call must be refused").toBeInstanceOf(AppError);
        expect((thrown as AppError).code).toBe(outcome === U ? "unauthenticated" : "forbidden");
        expect(digest(db), "a refused call changes nothing").toBe(before);
      }
    } finally {
      db.$client.close();
    }
  });
});

// ---------------------------------------------------------------------------
// WHO SEES A DRAFT. Every read path × every kind of caller × a draft in their own area or in
// another: the draft is visible only to those who may edit its area (lib/reports/visibility.ts,
// canSeeReport); to everyone else the week reads as if it had no report. Rollups, and so
// summaries and exports, never show a draft to anybody.
// ---------------------------------------------------------------------------

/** Only ever typed into drafts: wherever it shows up, a draft's content showed up. */
const DRAFT_NEWLY = 731_973;
const DRAFT_NOTE = "draft-only note 5e1f";
const DRAFT = {
  newlyDisplacedFamilies: DRAFT_NEWLY,
  repeatDisplacedFamilies: 0,
  totalDisplacedFamilies: DRAFT_NEWLY,
  sectors: { food_security: { gapPct: 17 }, nfi: { gapPct: 17 }, shelter: { gapPct: 17 } },
  notes: DRAFT_NOTE,
  status: "draft",
} as const;
/** A draft and nothing else. */
const DRAFT_WEEK = "2020-W06";
/** Submitted first, then set back to a draft with new figures: the stored row and its latest revision are the draft. */
const BACK_TO_DRAFT_WEEK = "2020-W07";
/** A draft first, then submitted with the field report's figures: everyone sees it, only editors its draft revision. */
const SUBMITTED_AFTER_DRAFT_WEEK = "2020-W08";
/** The week after DRAFT_WEEK: the report page's "last week" is that draft. */
const AFTER_DRAFT_WEEK = "2020-W07";

/** Each district's drafts are written by its own coordinator, as in the field. */
function seedDrafts(db: Db, by: Record<"SY0200" | "SY0703", Actor>) {
  for (const [pcode, coordinator] of Object.entries(by)) {
    saveWeeklyReport(db, coordinator, { pcode, week: DRAFT_WEEK, input: DRAFT });
    saveWeeklyReport(db, coordinator, { pcode, week: BACK_TO_DRAFT_WEEK, input: FIGURES });
    saveWeeklyReport(db, coordinator, { pcode, week: BACK_TO_DRAFT_WEEK, input: { ...DRAFT, version: 1 } });
    saveWeeklyReport(db, coordinator, { pcode, week: SUBMITTED_AFTER_DRAFT_WEEK, input: DRAFT });
    saveWeeklyReport(db, coordinator, { pcode, week: SUBMITTED_AFTER_DRAFT_WEEK, input: { ...FIGURES, version: 1 } });
    // The draft's own thread and flag carry the draft's note: wherever they show, the draft showed.
    addReportComment(db, coordinator, { pcode, week: DRAFT_WEEK, body: DRAFT_NOTE });
    flagReportFigure(db, coordinator, { pcode, week: DRAFT_WEEK, field: "newlyDisplacedFamilies", reason: DRAFT_NOTE });
  }
}

/** Whether anything a draft holds (its figures or its notes) is in what a read returned, whatever its shape. */
function showsDraft(value: unknown): boolean {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? "");
  return text.includes(String(DRAFT_NEWLY)) || text.includes(DRAFT_NOTE);
}

const DRAFT_WHO = ["anonymous", "deactivated", "viewer", "coordinator of SY02", "coordinator of SY07", "admin"] as const;
type DraftWho = (typeof DRAFT_WHO)[number];
/** Whose draft is read: the SY02 coordinator's (Jebel Saman, SY0200) or the SY07 coordinator's (Harim, SY0703). */
const DRAFT_AREAS = {
  SY02: { governorate: "SY02", district: "SY0200" },
  SY07: { governorate: "SY07", district: "SY0703" },
} as const;
type DraftArea = keyof typeof DRAFT_AREAS;
type DraftOutcome = "visible" | "hidden" | "deny(unauthenticated)" | "deny(forbidden)";
type DraftCtx = { db: Db; actor: Actor | null; area: (typeof DRAFT_AREAS)[DraftArea] };
/** `read` returns what the caller would be shown; the outcome says whether a draft is in it. */
type DraftEntry = { read: (c: DraftCtx) => unknown; outcomes: Record<DraftWho, Record<DraftArea, DraftOutcome>> };

const V: DraftOutcome = "visible";
const H: DraftOutcome = "hidden";
const both = (o: DraftOutcome) => ({ SY02: o, SY07: o });
/** The rule: admins everywhere, a coordinator in their own governorate, nobody else. */
const EDITORS_SEE = {
  anonymous: both(U),
  deactivated: both(U),
  viewer: both(H),
  "coordinator of SY02": { SY02: V, SY07: H },
  "coordinator of SY07": { SY02: H, SY07: V },
  admin: both(V),
} as const;
/** Rollups count submitted and approved reports only: no draft reaches a summary or an export, whoever reads. */
const NOBODY_SEES = { ...EDITORS_SEE, "coordinator of SY02": both(H), "coordinator of SY07": both(H), admin: both(H) } as const;
/** My week walks the actor's own areas only: a coordinator sees their drafts there, an admin (assigned nowhere) has no rows, a viewer no page. */
const MY_WEEK = { ...EDITORS_SEE, viewer: both(F), admin: both(H) } as const;

/** A single read through the API: 200 with the report, or the same 404 as for a week nobody reported. */
function apiReport(r: ApiResult): unknown {
  if (r.status === 404) {
    expect(r.body).toEqual(missingReportBody);
    return null;
  }
  return http(r).body;
}
let missingReportBody: unknown;

const revisionsOf = (c: DraftCtx, week: string) => listReportRevisions(c.db, c.actor, { pcode: c.area.district, week });
const entryOf = (c: DraftCtx, week: string) => getReportEntry(c.db, c.actor, { pcode: c.area.district, week });
const myWeekRow = (c: DraftCtx, week: string) => {
  const row = listMyWeek(c.db, c.actor, { week }).rows.find((r) => r.pcode === c.area.district);
  // The status is all My week shows of a report: "draft" on the row is the draft showing.
  return row && row.status === "draft" ? { ...row, notes: DRAFT_NOTE } : row;
};

/** A hidden draft's comments and flags answer 404, as for a report that does not exist: nothing shows. */
function unlessMissing(read: () => unknown): unknown {
  try {
    return read();
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") return null;
    throw e;
  }
}

const DRAFT_MATRIX: Record<string, DraftEntry> = {
  // Comments, follow-up flags and outliers (issue 15) follow the same rule.
  listReportComments: { outcomes: EDITORS_SEE, read: (c) => unlessMissing(() => listReportComments(c.db, c.actor, { pcode: c.area.district, week: DRAFT_WEEK })) },
  handleListComments: { outcomes: EDITORS_SEE, read: (c) => { const r = handleListComments(c.db, c.actor, { pcode: c.area.district, week: DRAFT_WEEK }); return r.status === 404 ? null : http(r).body; } },
  getReportFollowUp: { outcomes: EDITORS_SEE, read: (c) => getReportFollowUp(c.db, c.actor, { pcode: c.area.district, week: DRAFT_WEEK }) },
  listReportFlags: { outcomes: EDITORS_SEE, read: (c) => unlessMissing(() => listReportFlags(c.db, c.actor, { pcode: c.area.district, week: DRAFT_WEEK })) },
  listFollowUps: { outcomes: EDITORS_SEE, read: (c) => listFollowUps(c.db, c.actor, { area: c.area.governorate, week: DRAFT_WEEK }) },
  listOpenFollowUps: { outcomes: EDITORS_SEE, read: (c) => listOpenFollowUps(c.db, c.actor, { area: c.area.governorate, from: DRAFT_WEEK, to: DRAFT_WEEK }) },
  listOutliers: { outcomes: EDITORS_SEE, read: (c) => listOutliers(c.db, c.actor, { week: DRAFT_WEEK, area: c.area.governorate }) },
  // The API: the list (asked for drafts, and unfiltered) and the single read.
  "listReportsForApi status=draft": {
    outcomes: EDITORS_SEE,
    // Country-wide: the caller's own drafts elsewhere are listed too, so only this area's row is looked at.
    read: (c) => listReportsForApi(c.db, c.actor, { week: DRAFT_WEEK, status: "draft" }).reports.filter((r) => r.pcode === c.area.district),
  },
  "listReportsForApi (all statuses, by area)": {
    outcomes: EDITORS_SEE,
    read: (c) => listReportsForApi(c.db, c.actor, { week: DRAFT_WEEK, area: c.area.governorate }).reports,
  },
  "listReportsForApi (set back to draft)": {
    outcomes: EDITORS_SEE,
    read: (c) => listReportsForApi(c.db, c.actor, { week: BACK_TO_DRAFT_WEEK, area: c.area.governorate }).reports,
  },
  "handleListReports status=draft": {
    outcomes: EDITORS_SEE,
    read: (c) =>
      (http(handleListReports(c.db, c.actor, new URLSearchParams({ week: DRAFT_WEEK, status: "draft" }))).body as { reports: { pcode: string }[] }).reports.filter(
        (r) => r.pcode === c.area.district,
      ),
  },
  getWeeklyReport: { outcomes: EDITORS_SEE, read: (c) => getWeeklyReport(c.db, c.actor, { pcode: c.area.district, week: DRAFT_WEEK }) },
  "getWeeklyReport (set back to draft)": {
    outcomes: EDITORS_SEE,
    read: (c) => getWeeklyReport(c.db, c.actor, { pcode: c.area.district, week: BACK_TO_DRAFT_WEEK }),
  },
  handleGetReport: { outcomes: EDITORS_SEE, read: (c) => apiReport(handleGetReport(c.db, c.actor, { pcode: c.area.district, week: DRAFT_WEEK })) },
  "handleGetReport (set back to draft)": {
    outcomes: EDITORS_SEE,
    read: (c) => apiReport(handleGetReport(c.db, c.actor, { pcode: c.area.district, week: BACK_TO_DRAFT_WEEK })),
  },
  // The report page: the week, last week, and the revisions.
  getReportEntry: { outcomes: EDITORS_SEE, read: (c) => entryOf(c, DRAFT_WEEK) },
  "getReportEntry (set back to draft)": { outcomes: EDITORS_SEE, read: (c) => entryOf(c, BACK_TO_DRAFT_WEEK) },
  "getReportEntry (submitted after a draft: its revisions)": { outcomes: EDITORS_SEE, read: (c) => entryOf(c, SUBMITTED_AFTER_DRAFT_WEEK) },
  "getReportEntry (the week after a draft: last week)": { outcomes: EDITORS_SEE, read: (c) => entryOf(c, AFTER_DRAFT_WEEK).previous },
  // Revision histories: the report's, and the area's list of reported weeks.
  listReportRevisions: { outcomes: EDITORS_SEE, read: (c) => revisionsOf(c, DRAFT_WEEK) },
  "listReportRevisions (set back to draft)": { outcomes: EDITORS_SEE, read: (c) => revisionsOf(c, BACK_TO_DRAFT_WEEK) },
  "listReportRevisions (submitted after a draft)": { outcomes: EDITORS_SEE, read: (c) => revisionsOf(c, SUBMITTED_AFTER_DRAFT_WEEK) },
  listReportedWeeks: {
    outcomes: EDITORS_SEE,
    // The history lists weeks and statuses: a draft row is the draft showing.
    read: (c) => listReportedWeeks(c.db, c.actor, c.area.district).rows.filter((r) => r.status === "draft").map((r) => ({ ...r, notes: DRAFT_NOTE })),
  },
  "loadAreaFigures (history)": {
    outcomes: EDITORS_SEE,
    read: (c) => loadAreaFigures(c.db, c.actor, c.area.district, {}, "en").reportedWeeks.rows.filter((r) => r.status === "draft").map(() => DRAFT_NOTE),
  },
  // My week.
  listMyWeek: { outcomes: MY_WEEK, read: (c) => myWeekRow(c, DRAFT_WEEK) },
  "listMyWeek (set back to draft)": { outcomes: MY_WEEK, read: (c) => myWeekRow(c, BACK_TO_DRAFT_WEEK) },
  // Rollups and everything built on them: summaries (kept in the cache), the summary API, exports.
  "loadAreaFigures (figures)": {
    outcomes: NOBODY_SEES,
    // The history beside the figures is the row above; here only what the cache keeps.
    read: (c) => ({ ...loadAreaFigures(c.db, c.actor, c.area.governorate, { week: DRAFT_WEEK }, "en"), reportedWeeks: null }),
  },
  loadDashboard: { outcomes: NOBODY_SEES, read: (c) => loadDashboard(c.db, c.actor, { week: DRAFT_WEEK }) },
  loadGapReport: { outcomes: NOBODY_SEES, read: (c) => loadGapReport(c.db, c.actor, { week: BACK_TO_DRAFT_WEEK, parent: c.area.governorate }) },
  loadMap: { outcomes: NOBODY_SEES, read: (c) => loadMap(c.db, c.actor, { week: DRAFT_WEEK, level: "2" }) },
  getAreaWeekSummary: { outcomes: NOBODY_SEES, read: (c) => getAreaWeekSummary(c.db, c.actor, c.area.district, DRAFT_WEEK) },
  getWeekChange: { outcomes: NOBODY_SEES, read: (c) => getWeekChange(c.db, c.actor, c.area.district, DRAFT_WEEK) },
  getSummaryApi: {
    outcomes: NOBODY_SEES,
    read: (c) => http(getSummaryApi(c.db, c.actor, { pcode: c.area.district, query: new URLSearchParams({ week: BACK_TO_DRAFT_WEEK }) })).body,
  },
  getChildrenApi: {
    outcomes: NOBODY_SEES,
    read: (c) => http(getChildrenApi(c.db, c.actor, { pcode: c.area.governorate, query: new URLSearchParams({ week: DRAFT_WEEK }) })).body,
  },
  exportChildTable: {
    outcomes: NOBODY_SEES,
    read: (c) => new Response(exportChildTable(c.db, c.actor, c.area.governorate, { week: DRAFT_WEEK, format: "csv" }).stream).text(),
  },
  exportGapReport: {
    outcomes: NOBODY_SEES,
    read: (c) => new Response(exportGapReport(c.db, c.actor, { week: BACK_TO_DRAFT_WEEK, parent: c.area.governorate, format: "csv" }).stream).text(),
  },
  getGapsApi: {
    outcomes: NOBODY_SEES,
    read: (c) => {
      const r = http(getGapsApi(c.db, c.actor, new URLSearchParams({ week: DRAFT_WEEK, level: "2", format: "csv" })));
      return new Response((r.body as { stream: ReadableStream }).stream).text();
    },
  },
};

function draftActor(db: Db, who: DraftWho): Actor | null {
  const key = ({ anonymous: null, deactivated: "deactivated", viewer: "viewer", "coordinator of SY02": "coordinator", "coordinator of SY07": "coordinatorSY07", admin: "admin" } as const)[who];
  return key ? loadActor(db, people[key].id) : null;
}

const draftCases = Object.entries(DRAFT_MATRIX).flatMap(([fn, entry]) =>
  DRAFT_WHO.flatMap((who) => (Object.keys(DRAFT_AREAS) as DraftArea[]).map((area) => [fn, who, area, entry.outcomes[who][area]] as const)),
);

describe("who sees a draft", () => {
  beforeAll(() => {
    // What the API answers for a week nobody reported: a hidden draft must read exactly like it.
    const db = copyDb(template);
    copies.push(db.$client.name);
    missingReportBody = handleGetReport(db, loadActor(db, people.admin.id), { pcode: "SY0200", week: "2019-W01" }).body;
    db.$client.close();
  });

  it("the prepared drafts are there, and a submitted report after a draft is read by everyone", () => {
    const db = copyDb(template);
    copies.push(db.$client.name);
    try {
      const viewer = loadActor(db, people.viewer.id);
      expect(getWeeklyReport(db, loadActor(db, people.admin.id), { pcode: "SY0200", week: DRAFT_WEEK })?.notes).toBe(DRAFT_NOTE);
      expect(getWeeklyReport(db, viewer, { pcode: "SY0200", week: SUBMITTED_AFTER_DRAFT_WEEK })?.newlyDisplacedFamilies).toBe(6077);
      // The viewer sees the submitted revision, compared with nothing rather than with the draft before it.
      const revisions = listReportRevisions(db, viewer, { pcode: "SY0200", week: SUBMITTED_AFTER_DRAFT_WEEK });
      expect(revisions.map((r) => [r.version, r.action])).toEqual([[2, "submit"]]);
      expect(revisions[0]!.changes.find((ch) => ch.field === "newlyDisplacedFamilies")).toEqual({ field: "newlyDisplacedFamilies", from: null, to: 6077 });
      expect(missingReportBody).toMatchObject({ error: { code: "not_found", key: "errors.reportNotFound" } });
    } finally {
      db.$client.close();
    }
  });

  it.each(draftCases)("%s as %s, draft in %s → %s", async (fn, who, area, outcome) => {
    const db = copyDb(template);
    copies.push(db.$client.name);
    try {
      const ctx: DraftCtx = { db, actor: draftActor(db, who), area: DRAFT_AREAS[area] };
      if (who === "deactivated") expect(ctx.actor).toBeNull();
      const before = digest(db);
      const read = DRAFT_MATRIX[fn]!.read;
      if (outcome === V || outcome === H) {
        const shown = await read(ctx);
        expect(showsDraft(shown), outcome === V ? "the draft should be visible" : "the draft must not show").toBe(outcome === V);
      } else {
        const e = await appError(() => read(ctx));
        expect(e.code).toBe(outcome === U ? "unauthenticated" : "forbidden");
      }
      expect(digest(db), "a read writes nothing").toBe(before);
    } finally {
      db.$client.close();
    }
  });
});

// ---------------------------------------------------------------------------
// Discovery: no lib/ function that takes an actor may be missing from the matrix.
// ---------------------------------------------------------------------------

/** The parameter names of a function, from its source text (as the test runner compiled it). */
function parameterNames(fn: (...args: never[]) => unknown): string[] {
  const src = fn.toString();
  const open = src.indexOf("(");
  let depth = 0;
  let quote: string | null = null;
  const params: string[] = [];
  let current = "";
  for (let i = open + 1; i < src.length; i++) {
    const ch = src[i]!;
    if (quote) {
      if (ch === quote && src[i - 1] !== "\\") quote = null;
    } else if (ch === '"' || ch === "'" || ch === "`") quote = ch;
    else if ("([{".includes(ch)) depth++;
    else if (")]}".includes(ch)) {
      if (depth === 0) break;
      depth--;
    } else if (ch === "," && depth === 0) {
      params.push(current);
      current = "";
      continue;
    }
    current += ch;
  }
  if (current.trim()) params.push(current);
  return params.map((p) => p.replace(/=[\s\S]*$/, "").replace(/^\s*\.\.\./, "").trim());
}

function libFiles(): string[] {
  return fs
    .readdirSync(path.join(ROOT, "lib"), { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith(".ts") && !d.name.endsWith(".d.ts"))
    .map((d) => path.join(d.parentPath, d.name));
}

/** The API handlers take the caller (actor, token, address) in the actor's place. */
const ACTOR_PARAMS = new Set<string | undefined>(["actor", "caller"]);
/**
 * Take a caller but are no handler of their own: noteApiAnswer notes a token's use after the answer
 * (tests/integration/api-reports.test.ts); answerApi wraps the handlers listed above and adds the
 * must-change-password refusal (tests/integration/passwords.test.ts).
 */
const NOT_GUARDS = new Set(["noteApiAnswer", "answerApi"]);

/** Same question answered from the source text, for modules that cannot load outside Next (e.g. next-intl navigation). */
function actorFunctionsInSource(file: string): string[] {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: string[] = [];
  const exported = (n: ts.Node) => ts.canHaveModifiers(n) && !!ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const second = (params: ts.NodeArray<ts.ParameterDeclaration>) => params[1]?.name.getText(sf);
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && exported(st) && st.name && ACTOR_PARAMS.has(second(st.parameters))) out.push(st.name.text);
    if (ts.isVariableStatement(st) && exported(st))
      for (const d of st.declarationList.declarations) {
        const init = d.initializer;
        if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) && ACTOR_PARAMS.has(second(init.parameters))) out.push(d.name.getText(sf));
      }
  }
  return out;
}

describe("the matrix lists every lib/ function that takes an actor", () => {
  let discovered: Map<string, string>;
  beforeAll(async () => {
    discovered = new Map();
    for (const file of libFiles()) {
      const rel = path.relative(ROOT, file);
      for (const name of actorFunctionsInSource(file)) discovered.set(name, rel);
      let mod: Record<string, unknown>;
      try {
        mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      } catch {
        continue; // covered by the source scan above
      }
      for (const [name, value] of Object.entries(mod))
        if (typeof value === "function" && ACTOR_PARAMS.has(parameterNames(value as (...args: never[]) => unknown)[1])) discovered.set(name, rel);
    }
  });

  it("finds the functions it should (the discovery itself works)", () => {
    for (const fn of ["listUsers", "getArea", "applyAreaImport", "listAudit", "revokeOwnApiToken", "listWeeksWithData"]) expect(discovered.has(fn), fn).toBe(true);
    expect(parameterNames(listAudit)).toEqual(["db", "actor", "filter"]);
    expect(parameterNames(async (db: Db, actor: Actor | null, { a, b }: { a: number; b: string } = { a: 1, b: "x,y" }) => [db, actor, a, b])).toEqual([
      "db",
      "actor",
      "{ a, b }",
    ]);
  });

  it("no such function is missing from the matrix", () => {
    const missing = [...discovered].filter(([name]) => !(name in MATRIX) && !NOT_GUARDS.has(name)).map(([name, file]) => `${name} (${file})`);
    expect(missing, `add these to MATRIX in tests/integration/authz-matrix.test.ts: ${missing.join(", ")}`).toEqual([]);
  });

  it("the matrix lists no function that lib/ no longer exports", () => {
    expect(Object.keys(MATRIX).filter((name) => !discovered.has(name))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// Every server action goes through runAction (which reads the actor and maps refusals).
// ---------------------------------------------------------------------------

/** Actions with their own flow: sign-in runs before there is an actor, sign-out only ends the session. */
const SPECIAL_ACTIONS = new Set(["signInAction", "signOutAction"]);

function actionFiles(): string[] {
  return fs
    .readdirSync(path.join(ROOT, "app"), { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name === "actions.ts")
    .map((d) => path.relative(ROOT, path.join(d.parentPath, d.name)))
    .sort();
}

/** Exported functions of a file and whether each one's body calls runAction( . */
function exportedActions(file: string): { name: string; viaRunAction: boolean; line: number }[] {
  const sf = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: { name: string; viaRunAction: boolean; line: number }[] = [];
  const exported = (n: ts.Node) => ts.canHaveModifiers(n) && !!ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const line = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && exported(st))
      out.push({ name: st.name?.text ?? "default", viaRunAction: /\brunAction\(/.test(st.body?.getText(sf) ?? ""), line: line(st) });
    if (ts.isVariableStatement(st) && exported(st))
      for (const d of st.declarationList.declarations) out.push({ name: d.name.getText(sf), viaRunAction: /\brunAction\(/.test(d.initializer?.getText(sf) ?? ""), line: line(d) });
    if (ts.isExportAssignment(st)) out.push({ name: "default", viaRunAction: /\brunAction\(/.test(st.expression.getText(sf)), line: line(st) });
  }
  return out;
}

describe("server actions", () => {
  const files = actionFiles();

  it("are found (including the sign-in and sign-out actions)", () => {
    expect(files).toEqual(expect.arrayContaining(["app/[locale]/actions.ts", "app/[locale]/signin/actions.ts"]));
  });

  it.each(files)("%s: every exported action goes through runAction()", (file) => {
    const source = fs.readFileSync(path.join(ROOT, file), "utf8");
    expect(source.trimStart().startsWith('"use server"') || source.trimStart().startsWith("'use server'"), `${file} must start with "use server"`).toBe(true);
    const actions = exportedActions(file);
    expect(actions.length, `${file} exports no action`).toBeGreaterThan(0);
    const bypass = actions.filter((a) => !a.viaRunAction && !SPECIAL_ACTIONS.has(a.name)).map((a) => `${file}:${a.line} ${a.name}`);
    expect(bypass, "these actions do not call runAction()").toEqual([]);
  });
});
