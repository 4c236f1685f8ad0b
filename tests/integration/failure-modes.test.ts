/**
 * What an operator meets when the database cannot take a write (a full disk, a read-only file, a
 * writer that holds the lock), injected the way SQLite itself fails: `max_page_count` at the file's
 * size gives SQLITE_FULL, `query_only` gives SQLITE_READONLY, a second connection holding the write
 * lock gives SQLITE_BUSY. Each answer is a 503 with a message that says which, and nothing changes.
 */
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { answerApi, callerFromAuthorization, type ApiCaller } from "@/lib/api/caller";
import { handleGetReport, handlePutReport } from "@/lib/api/reports";
import { englishText } from "@/lib/api/respond";
import { unknownApiPath } from "@/lib/api/unknown-path";
import type { Actor } from "@/lib/auth/actor";
import { resolveSession, startSession } from "@/lib/auth/sessions";
import { unavailableFrom } from "@/lib/errors";
import { readiness } from "@/lib/ops/health";
import { issueApiToken } from "@/lib/tokens";
import { digest, freshDb, makeUser } from "../factories";

const REPORT = {
  newlyDisplacedFamilies: 6077,
  repeatDisplacedFamilies: 6077,
  totalDisplacedFamilies: 11000,
  individuals: null,
  sectors: { food_security: { gapPct: 91 }, nfi: { gapPct: 83 }, shelter: { gapPct: 93 } },
  notes: "",
  source: "",
  status: "submitted",
  version: 0,
};

let db: Db;
let coordinator: Actor;
let caller: ApiCaller;
beforeEach(async () => {
  db = freshDb();
  coordinator = await makeUser(db, "coordinator", ["SY02"]);
  caller = { actor: coordinator, token: null, ip: "203.0.113.9" };
});
afterEach(() => db.$client.close());

const put = (week: string, body: unknown = REPORT) => handlePutReport(db, caller, { pcode: "SY0200", week, body: JSON.stringify(body) });
type ErrorBody = { error: { code: string; key: string; message: string; fields: Record<string, string> } };

function expectUnavailable(key: string, call: () => { status: number; body: unknown }): void {
  const before = digest(db);
  const res = call();
  expect(res.status, JSON.stringify(res.body)).toBe(503);
  expect((res.body as ErrorBody).error).toMatchObject({ code: "unavailable", key, message: englishText({ key }) });
  expect(digest(db)).toBe(before);
}

describe("a database that cannot take a write answers 503 with what is wrong, and writes nothing", () => {
  it("full disk (SQLITE_FULL)", () => {
    // No free pages left, and the file may not grow: the next page the save needs fails as a full disk would.
    db.$client.exec("vacuum");
    const pages = db.$client.pragma("page_count", { simple: true }) as number;
    db.$client.pragma(`max_page_count = ${pages}`);
    // Notes of the longest kind: the report, its revision and its audit row each need room a packed file has not got.
    expectUnavailable("errors.databaseFull", () => put("2020-W10", { ...REPORT, notes: "ن".repeat(2000) }));
    expect(englishText({ key: "errors.databaseFull" })).toMatch(/disk is full/);
  });

  it("read-only file (SQLITE_READONLY)", () => {
    db.$client.pragma("query_only = ON");
    expectUnavailable("errors.databaseReadOnly", () => put("2020-W10"));
  });

  it("locked by another writer past the busy timeout (SQLITE_BUSY)", () => {
    const other = new Database(db.$client.name);
    other.exec("begin immediate");
    try {
      db.$client.pragma("busy_timeout = 50");
      expectUnavailable("errors.databaseBusy", () => put("2020-W10"));
    } finally {
      other.exec("rollback");
      other.close();
    }
  });

  it("and the same save succeeds once the database takes writes again", () => {
    db.$client.pragma("query_only = ON");
    expect(put("2020-W11").status).toBe(503);
    db.$client.pragma("query_only = OFF");
    expect(put("2020-W11").status).toBe(201);
  });

  it("maps only those SQLite failures; any other error stays what it was", () => {
    expect(unavailableFrom({ code: "SQLITE_READONLY_DBMOVED" })?.msg.key).toBe("errors.databaseReadOnly");
    expect(unavailableFrom({ code: "SQLITE_BUSY_SNAPSHOT" })?.msg.key).toBe("errors.databaseBusy");
    expect(unavailableFrom({ code: "SQLITE_CONSTRAINT" })).toBeNull();
    expect(unavailableFrom(new Error("x"))).toBeNull();
  });
});

describe("bookkeeping never turns a successful answer into an error", () => {
  it("a token read on a read-only database answers 200 (its last use is not noted)", async () => {
    expect(put("2020-W12").status).toBe(201);
    const { token } = issueApiToken(db, { label: "test" }, coordinator.id, { name: "reader", days: 30, scope: "read" });
    const tokenCaller = callerFromAuthorization(db, `Bearer ${token}`, "203.0.113.10")!;
    db.$client.pragma("query_only = ON");
    const res = answerApi(db, tokenCaller, (actor) => handleGetReport(db, actor, { pcode: "SY0200", week: "2020-W12" }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ pcode: "SY0200", week: "2020-W12", newlyDisplacedFamilies: 6077 });
    db.$client.pragma("query_only = OFF");
    expect(db.$client.prepare("select last_used_at from api_tokens where id = ?").pluck().get(tokenCaller.token!.id)).toBeNull();
  });

  it("a session still resolves on a read-only database (noting the visit is skipped)", () => {
    const sid = startSession(db, coordinator.id, "c@example.org", { ip: "203.0.113.11", userAgent: "test" });
    db.$client.prepare("update sessions set last_seen_at = ?").run(new Date(Date.now() - 30 * 60_000).toISOString());
    db.$client.pragma("query_only = ON");
    expect(resolveSession(db, sid)).toBe(coordinator.id);
  });
});

describe("text and addresses", () => {
  it("a lone surrogate in the notes is refused with a field error, nothing stored", () => {
    const before = digest(db);
    const res = put("2020-W13", { ...REPORT, notes: "نزوح \ud800 عائلة", source: "ok \udc00" });
    expect(res.status).toBe(422);
    expect((res.body as ErrorBody).error.fields).toMatchObject({ notes: "validation.invalidText", source: "validation.invalidText" });
    expect(digest(db)).toBe(before);
    // A whole pair (an emoji) is valid text.
    expect(put("2020-W13", { ...REPORT, notes: "ok 👍" }).status).toBe(201);
  });

  it("an unknown API path answers the API's JSON 404", () => {
    const res = unknownApiPath();
    expect(res.status).toBe(404);
    expect((res.body as ErrorBody).error).toMatchObject({ code: "not_found", key: "errors.noSuchEndpoint" });
  });
});

describe("readiness (/api/health/ready)", () => {
  it("is ready on a healthy database", () => {
    expect(readiness(db)).toMatchObject({ ready: true, reasons: [], database: { writable: true, migrations: "current" } });
  });
  it("is not ready, with reasons, when the database is read-only, busy or behind on migrations", () => {
    db.$client.pragma("query_only = ON");
    expect(readiness(db)).toMatchObject({ ready: false, reasons: ["database_read_only"], database: { writable: false } });
    db.$client.pragma("query_only = OFF");
    const other = new Database(db.$client.name);
    other.exec("begin immediate");
    db.$client.pragma("busy_timeout = 20");
    expect(readiness(db).reasons).toEqual(["database_busy"]);
    other.exec("rollback");
    other.close();
    db.$client.exec("delete from __drizzle_migrations where created_at = (select max(created_at) from __drizzle_migrations)");
    expect(readiness(db)).toMatchObject({ ready: false, reasons: ["migrations_pending"] });
  });
});
