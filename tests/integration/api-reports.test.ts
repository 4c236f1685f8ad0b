/**
 * API v1 for weekly reports, through the functions the route handlers call (the routes
 * themselves only read the caller and turn { status, body } into a Response). Every refusal
 * is checked to leave every table exactly as it was.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { readBodyText } from "@/lib/api/body";
import { callerFromAuthorization, noteApiAnswer, type ApiCaller } from "@/lib/api/caller";
import { handleGetReport, handleListReports, handlePutReport, refuseAnonymousBody } from "@/lib/api/reports";
import { MAX_BODY_BYTES } from "@/lib/api/body-limits";
import type { ApiResult } from "@/lib/api/respond";
import type { Actor } from "@/lib/auth/actor";
import { approveReport } from "@/lib/reports/approval";
import { issueApiToken, listAllApiTokens, revokeAnyApiToken, revokeOwnApiToken } from "@/lib/tokens";
import { resetUserPassword, setUserActive, updateUser } from "@/lib/users";
import { auditSince, countRows, digest, expectAppError, freshDb, lastAuditId, makeUser } from "../factories";

const FIELD_REPORT = {
  newlyDisplacedFamilies: 6077,
  repeatDisplacedFamilies: 6077,
  totalDisplacedFamilies: 11000,
  individuals: null,
  sectors: { food_security: { gapPct: 91 }, nfi: { gapPct: 83 }, shelter: { gapPct: 93, familiesInNeed: 6077 } },
  notes: "",
  source: "",
  status: "submitted",
  version: 0,
};
const WRITE_TABLES = ["weekly_reports", "report_sector_gaps", "report_revisions", "audit_log", "area_week_figures", "area_week_sector_figures", "api_tokens"];

let db: Db;
let admin: Actor;
let coordinator: Actor;
let viewer: Actor;

beforeAll(async () => {
  db = freshDb();
  admin = await makeUser(db, "admin");
  coordinator = await makeUser(db, "coordinator", ["SY02"]);
  viewer = await makeUser(db, "viewer");
});

type ErrorBody = { error: { code: string; key: string; message: string; fields: Record<string, string>; fieldMessages: Record<string, string> } };
/** A browser with a session cookie (no token), or the caller a bearer token resolved to. */
const asCaller = (who: Actor | null | ApiCaller): ApiCaller => (who && "token" in who ? who : { actor: who, token: null, ip: "203.0.113.1" });
const put = (who: Actor | null | ApiCaller, pcode: string, week: string, body: unknown) =>
  handlePutReport(db, asCaller(who), { pcode, week, body: typeof body === "string" ? body : JSON.stringify(body) });
const counts = () => Object.fromEntries(WRITE_TABLES.map((t) => [t, countRows(db, t)]));

/** Runs a call that must be refused with `status`, and proves that it changed nothing: row counts and every row's content. */
function refused(status: number, call: () => ApiResult): ErrorBody["error"] {
  const before = { digest: digest(db), counts: counts() };
  const res = call();
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(counts()).toEqual(before.counts);
  expect(digest(db)).toBe(before.digest);
  return (res.body as ErrorBody).error;
}

describe("PUT /api/v1/reports/{pcode}/{week}", () => {
  it("201: creates the field report and answers it with version 1; audit and revision rows are written", () => {
    const auditBefore = lastAuditId(db);
    const res = put(coordinator, "SY0200", "2020-W04", FIELD_REPORT);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      pcode: "SY0200",
      week: "2020-W04",
      status: "submitted",
      version: 1,
      newlyDisplacedFamilies: 6077,
      repeatDisplacedFamilies: 6077,
      totalDisplacedFamilies: 11000,
      individuals: null,
      sectors: { food_security: { gapPct: 91, familiesInNeed: null }, nfi: { gapPct: 83, familiesInNeed: null }, shelter: { gapPct: 93, familiesInNeed: 6077 } },
      updatedBy: coordinator.name,
      warnings: [],
    });
    expect(auditSince(db, auditBefore).map((a) => [a.action, a.entityId])).toEqual([["report.create", "SY0200/2020-W04"]]);
    expect(countRows(db, "report_revisions")).toBe(1);
  });

  it("200: updates with the stored version (DHIS2 week spelling accepted) and answers the new version", () => {
    const res = put(coordinator, "sy0200", "2020W4", { ...FIELD_REPORT, notes: "corrected", version: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ pcode: "SY0200", week: "2020-W04", version: 2, notes: "corrected" });
    expect(countRows(db, "report_revisions")).toBe(2);
  });

  it("a body without version creates; it is a conflict once the report exists", () => {
    const { version: _v, ...noVersion } = FIELD_REPORT;
    void _v;
    expect(put(coordinator, "SY020400", "2020-W04", noVersion).status).toBe(201);
    const e = refused(409, () => put(coordinator, "SY020400", "2020-W04", noVersion));
    expect(e.key).toBe("errors.reportChanged");
  });

  it("401 without credentials", () => {
    const e = refused(401, () => put(null, "SY0200", "2020-W04", { ...FIELD_REPORT, version: 2 }));
    expect(e).toMatchObject({ code: "unauthenticated", key: "errors.unauthenticated", message: "Please sign in." });
    refused(401, () => put(null, "SY9999", "2020-W04", "not json"));
    // The route does not even read a body from nobody.
    expect(refuseAnonymousBody(asCaller(null))).toMatchObject({ status: 401, body: { error: { code: "unauthenticated" } } });
    expect(refuseAnonymousBody(asCaller(viewer))).toBeNull();
  });

  it("404 for an unknown area, whoever asks", () => {
    for (const who of [coordinator, viewer, admin]) {
      const e = refused(404, () => put(who, "SY9999", "2020-W04", FIELD_REPORT));
      expect(e).toMatchObject({ code: "not_found", key: "errors.areaNotFound" });
    }
  });

  it("403 outside the caller's role or areas", () => {
    expect(refused(403, () => put(viewer, "SY0200", "2020-W04", { ...FIELD_REPORT, version: 2 })).key).toBe("errors.forbidden");
    expect(refused(403, () => put(coordinator, "SY0703", "2020-W04", FIELD_REPORT)).key).toBe("errors.forbidden");
    // Refused before the body is even looked at.
    expect(refused(403, () => put(viewer, "SY0200", "2020-W04", "{oops")).key).toBe("errors.forbidden");
  });

  it("409 for a stale version, naming who changed what", () => {
    const e = refused(409, () => put(admin, "SY0200", "2020-W04", { ...FIELD_REPORT, totalDisplacedFamilies: 1, version: 1 }));
    expect(e.code).toBe("conflict");
    expect(e.key).toBe("errors.reportChanged");
    expect(e.message).toContain(coordinator.name);
    expect(e.message).toContain("notes");
  });

  it.each([
    ["a week that does not exist", "2020-W54", FIELD_REPORT, { week: "validation.week" }],
    ["a week that is not a week", "last-week", FIELD_REPORT, { week: "validation.week" }],
    ["an unknown sector", "2020-W05", { ...FIELD_REPORT, sectors: { wash: { gapPct: 10 } } }, { "sectors.wash": "validation.sectorUnknown" }],
    // Raw JSON: an object literal would set the prototype instead of sending the key.
    ["a __proto__ sector key", "2020-W05", JSON.stringify(FIELD_REPORT).replace('"sectors":{', '"sectors":{"__proto__":{"gapPct":10},'), { "sectors.__proto__": "validation.sectorCode" }],
    ["a malformed sector key", "2020-W05", { ...FIELD_REPORT, sectors: { "Food Security": { gapPct: 10 } } }, { "sectors.Food Security": "validation.sectorCode" }],
    ["text for a number", "2020-W05", { ...FIELD_REPORT, newlyDisplacedFamilies: "many" }, { newlyDisplacedFamilies: "validation.number" }],
    ["a boolean for a number", "2020-W05", { ...FIELD_REPORT, totalDisplacedFamilies: true }, { totalDisplacedFamilies: "validation.number" }],
    ["an array for the sectors", "2020-W05", { ...FIELD_REPORT, sectors: [91, 83] }, { sectors: "validation.invalidType" }],
    ["a number for the notes", "2020-W05", { ...FIELD_REPORT, notes: 5 }, { notes: "validation.invalidType" }],
    ["repeat above newly displaced", "2020-W05", { ...FIELD_REPORT, repeatDisplacedFamilies: 7000 }, { repeatDisplacedFamilies: "validation.repeatAboveNew" }],
    ["a gap above 100", "2020-W05", { ...FIELD_REPORT, sectors: { nfi: { gapPct: 130 } } }, { "sectors.nfi.gapPct": "validation.tooBig" }],
    ["a gap with two decimals", "2020-W05", { ...FIELD_REPORT, sectors: { nfi: { gapPct: 8.25 } } }, { "sectors.nfi.gapPct": "validation.oneDecimal" }],
    ["status approved", "2020-W05", { ...FIELD_REPORT, status: "approved" }, { status: "validation.oneOf" }],
    ["a negative version", "2020-W05", { ...FIELD_REPORT, version: -1 }, { version: "validation.tooSmall" }],
    ["an unknown field", "2020-W05", { ...FIELD_REPORT, approved: true }, { _form: "validation.unknownKeys" }],
    ["a JSON array", "2020-W05", [FIELD_REPORT], { _form: "validation.invalidType" }],
    ["JSON null", "2020-W05", null, { _form: "validation.required" }],
    ["malformed JSON", "2020-W05", '{"newlyDisplacedFamilies": 6077,', { body: "validation.json" }],
    ["an empty body", "2020-W05", "", { body: "validation.json" }],
  ])("422 for %s, with the field named", (_label, week, body, fields) => {
    const e = refused(422, () => put(coordinator, "SY0200", week, body));
    expect(e.code).toBe("invalid");
    expect(e.fields).toEqual(fields);
    for (const field of Object.keys(fields)) expect(e.fieldMessages[field]).toMatch(/\w/);
  });

  it("422 for a body too large to be a report", () => {
    const e = refused(422, () => put(coordinator, "SY0200", "2020-W05", JSON.stringify({ ...FIELD_REPORT, notes: "x".repeat(MAX_BODY_BYTES) })));
    expect(e.key).toBe("errors.bodyTooLarge");
  });

  it("the route reads at most the limit (plus a byte to know it was exceeded), and text arrives whole", async () => {
    const body = JSON.stringify({ ...FIELD_REPORT, notes: "نزوح 6077 عائلة" });
    expect(await readBodyText(new Request("http://rasd.test/", { method: "PUT", body }), MAX_BODY_BYTES)).toBe(body);
    const huge = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(16 * 1024).fill(120)); // endless "xxxx…"
      },
    });
    const read = await readBodyText(new Request("http://rasd.test/", { method: "PUT", body: huge, duplex: "half" } as RequestInit), MAX_BODY_BYTES);
    expect(read.length).toBeGreaterThan(MAX_BODY_BYTES);
    expect(read.length).toBeLessThanOrEqual(MAX_BODY_BYTES + 16 * 1024);
    expect(refused(422, () => put(coordinator, "SY0200", "2020-W05", read)).key).toBe("errors.bodyTooLarge");
  });

  it("403 on a locked (approved) report, for the coordinator and for an admin", () => {
    approveReport(db, admin, { pcode: "SY0200", week: "2020-W04" });
    for (const who of [coordinator, admin]) {
      const e = refused(403, () => put(who, "SY0200", "2020-W04", { ...FIELD_REPORT, version: 3 }));
      expect(e).toMatchObject({ code: "forbidden", key: "errors.reportLocked" });
    }
  });
});

describe("GET /api/v1/reports", () => {
  it("lists the week's reports in the area's subtree, for any signed-in user", () => {
    put(admin, "SY0703", "2020-W04", FIELD_REPORT);
    const res = handleListReports(db, viewer, new URLSearchParams("week=2020W4&area=SY02"));
    expect(res.status).toBe(200);
    const body = res.body as { week: string; area: string; reports: { pcode: string; status: string; version: number }[] };
    expect(body.week).toBe("2020-W04");
    expect(body.area).toBe("SY02");
    expect(body.reports.map((r) => [r.pcode, r.status])).toEqual([
      ["SY0200", "approved"],
      ["SY020400", "submitted"],
    ]);
    const all = handleListReports(db, viewer, new URLSearchParams("week=2020-W04")).body as typeof body;
    expect(all.reports.map((r) => r.pcode)).toEqual(["SY0200", "SY020400", "SY0703"]);
    const submitted = handleListReports(db, viewer, new URLSearchParams("week=2020-W04&status=submitted")).body as typeof body;
    expect(submitted.reports.map((r) => r.pcode)).toEqual(["SY020400", "SY0703"]);
  });

  it("401, 404 and 422 as for writes; reads change nothing", () => {
    expect(refused(401, () => handleListReports(db, null, new URLSearchParams("week=2020-W04"))).code).toBe("unauthenticated");
    expect(refused(404, () => handleListReports(db, viewer, new URLSearchParams("week=2020-W04&area=XX99"))).key).toBe("errors.areaNotFound");
    expect(refused(422, () => handleListReports(db, viewer, new URLSearchParams("area=SY02"))).fields).toEqual({ week: "validation.week" });
    expect(refused(422, () => handleListReports(db, viewer, new URLSearchParams("week=2020-W04&status=lost"))).fields).toEqual({ status: "validation.oneOf" });
  });

  it("GET one report: the stored figures, exactly as PUT answered them; 404 when there is none", () => {
    const created = put(coordinator, "SY0202", "2020-W06", { ...FIELD_REPORT, individuals: 30000, notes: "نزوح", source: "RCS" });
    const read = handleGetReport(db, viewer, { pcode: "SY0202", week: "2020W6" });
    expect(read.status).toBe(200);
    const { warnings: _w, ...stored } = created.body as Record<string, unknown>;
    void _w;
    expect(read.body).toEqual(stored);
    expect(refused(404, () => handleGetReport(db, viewer, { pcode: "SY0202", week: "2020-W07" })).key).toBe("errors.reportNotFound");
    expect(refused(401, () => handleGetReport(db, null, { pcode: "SY0202", week: "2020-W06" })).code).toBe("unauthenticated");
  });
});

describe("bearer tokens", () => {
  const bearer = (token: string, ip = "198.51.100.7") => callerFromAuthorization(db, `Bearer ${token}`, ip)!;
  const tokenRow = (id: number) =>
    db.$client.prepare("select last_used_at as lastUsedAt, last_used_ip as lastUsedIp, revoked_at as revokedAt, scope from api_tokens where id = ?").get(id) as {
      lastUsedAt: string | null;
      lastUsedIp: string | null;
      revokedAt: string | null;
      scope: string;
    };

  it("a token acts as its owner, with the owner's role and areas as they are now", async () => {
    const owner = await makeUser(db, "coordinator", ["SY07"]);
    const { token } = issueApiToken(db, owner, owner.id, { name: "field laptop", scope: "write" });
    const caller = bearer(token);
    expect(caller.actor).toMatchObject({ id: owner.id, role: "coordinator" });
    expect(caller.actor!.areas.map((a) => a.pcode)).toEqual(["SY07"]);
    expect(caller).toMatchObject({ token: { userId: owner.id, scope: "write", lastUsedIp: null }, ip: "198.51.100.7" });
    expect(put(caller, "SY0703", "2020-W06", FIELD_REPORT).status).toBe(201);
    expect(refused(403, () => put(caller, "SY0200", "2020-W06", FIELD_REPORT)).key).toBe("errors.forbidden");

    // The admin moves them to Aleppo: the same token now writes there, and no longer in Idleb.
    updateUser(db, admin, { id: owner.id, version: 1, name: owner.name, role: "coordinator", areas: ["SY02"] });
    const moved = callerFromAuthorization(db, `bearer ${token}`, "198.51.100.7")!;
    expect(put(moved, "SY0200", "2020-W06", FIELD_REPORT).status).toBe(201);
    expect(refused(403, () => put(moved, "SY0703", "2020-W06", { ...FIELD_REPORT, version: 1 })).key).toBe("errors.forbidden");
  });

  it("no bearer header leaves it to the session; a wrong, revoked or orphaned token is nobody (401)", async () => {
    expect(callerFromAuthorization(db, null, "198.51.100.7")).toBeUndefined();
    expect(callerFromAuthorization(db, "Basic abc", "198.51.100.7")).toBeUndefined();
    expect(callerFromAuthorization(db, "Bearer rasd_not-a-token", "198.51.100.7")).toEqual({ actor: null, token: null, ip: "198.51.100.7" });
    const owner = await makeUser(db, "coordinator", ["SY02"]);
    const revoked = issueApiToken(db, owner, owner.id, { name: "old", scope: "write" });
    revokeOwnApiToken(db, owner, { id: revoked.id });
    expect(bearer(revoked.token)).toEqual({ actor: null, token: null, ip: "198.51.100.7" });
    const live = issueApiToken(db, owner, owner.id, { name: "live", scope: "write" });
    setUserActive(db, admin, { id: owner.id, active: false });
    const caller = bearer(live.token);
    expect(caller.actor).toBeNull();
    expect(caller.token).toBeNull();
    expect(refused(401, () => put(caller, "SY0200", "2020-W07", FIELD_REPORT)).code).toBe("unauthenticated");
  });

  it("a token lasts 90 days unless told otherwise, at most 365; an expired token is nobody", async () => {
    const owner = await makeUser(db, "coordinator", ["SY02"]);
    const t0 = Date.now();
    const standard = issueApiToken(db, owner, owner.id, { name: "standard" });
    expect(Date.parse(standard.expiresAt) - t0).toBeGreaterThanOrEqual(90 * 86_400_000 - 1000);
    expect(Date.parse(standard.expiresAt) - t0).toBeLessThanOrEqual(90 * 86_400_000 + 1000);
    expect(tokenRow(standard.id).scope, "read-only unless asked").toBe("read");
    const short = issueApiToken(db, owner, owner.id, { name: "short", days: "7", scope: "write" });
    expect(Math.round((Date.parse(short.expiresAt) - t0) / 86_400_000)).toBe(7);
    for (const days of [0, 366, 1.5, "soon"]) {
      const e = await expectAppError(() => issueApiToken(db, owner, owner.id, { name: "bad", days }), "invalid");
      expect(e.fieldErrors?.days).toBeDefined();
    }
    await expectAppError(() => issueApiToken(db, owner, owner.id, { name: "bad", scope: "admin" as never }), "invalid");

    expect(bearer(short.token).actor).toMatchObject({ id: owner.id });
    db.$client.prepare("update api_tokens set expires_at = ? where id = ?").run(new Date(Date.now() - 1000).toISOString(), short.id);
    const expired = bearer(short.token);
    expect(expired).toEqual({ actor: null, token: null, ip: "198.51.100.7" });
    expect(refused(401, () => put(expired, "SY0200", "2020-W09", FIELD_REPORT)).code).toBe("unauthenticated");
    expect(refused(401, () => handleGetReport(db, expired.actor, { pcode: "SY0200", week: "2020-W04" })).code).toBe("unauthenticated");
    // A minute before its end it still works.
    db.$client.prepare("update api_tokens set expires_at = ? where id = ?").run(new Date(Date.now() + 60_000).toISOString(), short.id);
    expect(bearer(short.token).actor).toMatchObject({ id: owner.id });
  });

  it("a read-only token reads but cannot write, whoever owns it; a write token writes", async () => {
    const owner = await makeUser(db, "coordinator", ["SY02"]);
    const reader = issueApiToken(db, owner, owner.id, { name: "dashboard" });
    const writer = issueApiToken(db, owner, owner.id, { name: "sync", scope: "write" });
    const adminReader = issueApiToken(db, admin, admin.id, { name: "admin dashboard", scope: "read" });

    const r = bearer(reader.token);
    const got = handleGetReport(db, r.actor, { pcode: "SY0200", week: "2020-W04" });
    expect(got.status).toBe(200);
    noteApiAnswer(db, r, got.status);
    expect(handleListReports(db, r.actor, new URLSearchParams("week=2020-W04&area=SY02")).status).toBe(200);
    for (const caller of [bearer(reader.token), bearer(adminReader.token)]) {
      const e = refused(403, () => put(caller, "SY020000", "2020-W09", FIELD_REPORT));
      expect(e).toMatchObject({ code: "forbidden", key: "errors.tokenReadOnly" });
      expect(e.message).toMatch(/read-only/);
      // Refused, so not even its use is noted.
      const before = digest(db);
      noteApiAnswer(db, caller, 403);
      expect(digest(db)).toBe(before);
    }
    // Read-only is decided before the body is read.
    expect(refused(403, () => put(bearer(reader.token), "SY020000", "2020-W09", "{oops")).key).toBe("errors.tokenReadOnly");

    const w = bearer(writer.token);
    const created = put(w, "SY020000", "2020-W09", FIELD_REPORT);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ pcode: "SY020000", version: 1, updatedBy: owner.name });
    noteApiAnswer(db, w, created.status);
    expect(tokenRow(writer.id)).toMatchObject({ lastUsedAt: expect.any(String), lastUsedIp: "198.51.100.7" });
    // A write token still has only its owner's rights.
    expect(refused(403, () => put(bearer(writer.token), "SY0703", "2020-W09", FIELD_REPORT)).key).toBe("errors.forbidden");
  });

  it("the owner's password reset and deactivation revoke every token, for good", async () => {
    const owner = await makeUser(db, "coordinator", ["SY02"]);
    const a = issueApiToken(db, owner, owner.id, { name: "a", scope: "write" });
    const b = issueApiToken(db, owner, owner.id, { name: "b" });
    const other = issueApiToken(db, viewer, viewer.id, { name: "someone else's" });
    const before = lastAuditId(db);
    await resetUserPassword(db, admin, { id: owner.id });
    for (const t of [a, b]) {
      expect(bearer(t.token)).toEqual({ actor: null, token: null, ip: "198.51.100.7" });
      expect(tokenRow(t.id).revokedAt).toEqual(expect.any(String));
    }
    expect(refused(401, () => put(bearer(a.token), "SY020000", "2020-W10", FIELD_REPORT)).code).toBe("unauthenticated");
    expect(bearer(other.token).actor, "another user's token is untouched").toMatchObject({ id: viewer.id });
    expect(auditSince(db, before)).toEqual([expect.objectContaining({ action: "user.password_reset", newValues: { sessionsEnded: 0, tokensRevoked: 2, mustChangePassword: true } })]);

    const c = issueApiToken(db, owner, owner.id, { name: "after the reset", scope: "write" });
    expect(bearer(c.token).actor).toMatchObject({ id: owner.id });
    const mid = lastAuditId(db);
    setUserActive(db, admin, { id: owner.id, active: false });
    expect(tokenRow(c.id).revokedAt).toEqual(expect.any(String));
    expect(auditSince(db, mid)).toEqual([
      expect.objectContaining({ action: "user.deactivate", newValues: { active: false, sessionsEnded: 0, tokensRevoked: 1 } }),
    ]);
    setUserActive(db, admin, { id: owner.id, active: true });
    for (const t of [a, b, c]) expect(bearer(t.token).actor, "reactivation revives no token").toBeNull();
  });

  it("an admin lists every account's tokens (never a secret or hash) and revokes anyone's, audited as by an admin", async () => {
    const owner = await makeUser(db, "coordinator", ["SY02"]);
    const mine = issueApiToken(db, owner, owner.id, { name: "leaked one", scope: "write" });
    const all = listAllApiTokens(db, admin);
    const listed = all.find((t) => t.id === mine.id)!;
    expect(listed).toMatchObject({ name: "leaked one", scope: "write", prefix: mine.token.slice(0, 10), revokedAt: null, user: { id: owner.id, email: owner.email, name: owner.name } });
    expect(JSON.stringify(all)).not.toContain(mine.token);
    expect(Object.keys(listed)).not.toContain("tokenHash");
    expect(listAllApiTokens(db, admin, { userId: owner.id }).map((t) => t.id)).toEqual([mine.id]);
    expect(listAllApiTokens(db, admin, { userId: String(owner.id) }).map((t) => t.id)).toEqual([mine.id]);
    expect(listAllApiTokens(db, admin, { userId: "not-a-number" })).toEqual([]);
    expect(listAllApiTokens(db, admin, { userId: "" }).length).toBe(all.length);

    const before = lastAuditId(db);
    revokeAnyApiToken(db, admin, { id: mine.id });
    expect(bearer(mine.token).actor).toBeNull();
    revokeAnyApiToken(db, admin, { id: mine.id }); // already revoked: nothing more happens
    expect(auditSince(db, before)).toEqual([
      expect.objectContaining({ action: "api_token.revoke_by_admin", actorId: admin.id, entityType: "api_token", entityId: String(mine.id), newValues: { userId: owner.id } }),
    ]);
    expect((await expectAppError(() => revokeAnyApiToken(db, admin, { id: 99_999_999 }), "not_found")).msg.key).toBe("errors.tokenNotFound");
    // The owner's own revoke of someone else's token stays "not found".
    const theirs = issueApiToken(db, viewer, viewer.id, { name: "viewer's" });
    expect((await expectAppError(() => revokeOwnApiToken(db, owner, { id: theirs.id }), "not_found")).msg.key).toBe("errors.tokenNotFound");
    expect(bearer(theirs.token).actor).toMatchObject({ id: viewer.id });
  });

  it("a token's last use is recorded for answered requests only, so a refused one writes nothing", async () => {
    const owner = await makeUser(db, "viewer");
    const { id, token } = issueApiToken(db, owner, owner.id, { name: "reader", scope: "write" });
    const caller = bearer(token);
    expect(caller.token?.id).toBe(id);
    const before = digest(db);
    const res = put(caller, "SY0200", "2020-W08", FIELD_REPORT);
    noteApiAnswer(db, caller, res.status);
    expect(res.status).toBe(403);
    expect((res.body as ErrorBody).error.key, "a viewer's write token still writes nothing").toBe("errors.forbidden");
    expect(digest(db)).toBe(before);
    expect(tokenRow(id)).toMatchObject({ lastUsedAt: null, lastUsedIp: null });
    const ok = handleListReports(db, caller.actor, new URLSearchParams("week=2020-W04"));
    noteApiAnswer(db, caller, ok.status);
    expect(tokenRow(id)).toMatchObject({ lastUsedAt: expect.any(String), lastUsedIp: "198.51.100.7" });
  });

  it("a use from an address other than the last one is audited, once per change of address", async () => {
    const owner = await makeUser(db, "viewer");
    const { id, token } = issueApiToken(db, owner, owner.id, { name: "leaky" });
    const before = lastAuditId(db);
    // Each request looks its token up afresh, as the route does.
    const use = (ip: string) => {
      const caller = bearer(token, ip);
      noteApiAnswer(db, caller, handleListReports(db, caller.actor, new URLSearchParams("week=2020-W04")).status);
    };
    for (const ip of ["198.51.100.10", "198.51.100.10", "198.51.100.10", "203.0.113.99", "203.0.113.99"]) use(ip);
    const who = { actorId: owner.id, actorLabel: owner.email, action: "api_token.new_address", entityType: "api_token", entityId: String(id) };
    expect(auditSince(db, before)).toEqual([
      expect.objectContaining({ ...who, oldValues: null, newValues: { ip: "198.51.100.10" } }),
      expect.objectContaining({ ...who, oldValues: { ip: "198.51.100.10" }, newValues: { ip: "203.0.113.99" } }),
    ]);
    expect(tokenRow(id).lastUsedIp).toBe("203.0.113.99");
    // A refused request from yet another address notes nothing.
    const caller = bearer(token, "192.0.2.200");
    noteApiAnswer(db, caller, put(caller, "SY0200", "2020-W11", FIELD_REPORT).status);
    expect(auditSince(db, before)).toHaveLength(2);
  });
});
