/**
 * Fuzzed API requests against the real server: a few hundred bodies, paths, query strings, methods,
 * content types and credentials, each drawn by fast-check. None may answer 5xx, and none may write:
 * the database's digest is the same afterwards, apart from the bookkeeping a read may do (a token's
 * "last used" time, a session's "last seen"). A body that passes validation still cannot write,
 * because every version it may carry is stale (never 0 for a new report, never the stored one).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { issueApiToken } from "@/lib/tokens";
import { insertUser } from "@/lib/users";
import { digest, tableNames } from "../factories";
import { BUILT, prepareFixture, startServer } from "./support";

/** Rows a request may touch without changing anything anyone wrote. */
const BOOKKEEPING = new Set(["api_tokens", "sessions", "login_throttle", "reauth_throttle"]);

/** A digest per table, so that a difference names the table. */
function stateOf(dbPath: string): Record<string, string> {
  const db = openDb(dbPath);
  try {
    return Object.fromEntries(
      tableNames(db)
        .filter((t) => !BOOKKEEPING.has(t))
        .map((t) => [t, digest(db, [t])]),
    );
  } finally {
    db.$client.close();
  }
}

const weird = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom("%", "%zz", "%E0%A4%A", "%00", "%2e%2e", "..", "../..", "%ff%fe", "SY02%", "\u0000", "a".repeat(3000), "\ud800", "٣٤", "null", "-1", "1e309"),
);
const pcode = fc.oneof(fc.constantFrom("SY02", "SY0200", "SY020000", "C1007", "SY", "sy02", "XX99"), weird);
const week = fc.oneof(fc.constantFrom("2021-W10", "2021-W53", "2020-W00", "2021W10", "2021-W1", "9999-W52"), weird);
const path = fc.oneof(
  fc.tuple(pcode, week).map(([p, w]) => `/api/v1/reports/${p}/${w}`),
  pcode.map((p) => `/api/v1/reports/${p}`),
  fc.constant("/api/v1/reports"),
  pcode.map((p) => `/api/v1/summary/${p}`),
  pcode.map((p) => `/api/v1/summary/${p}/children`),
  fc.constant("/api/v1/gaps"),
  fc.constant("/api/v1/imports"),
  fc.constant("/api/v1/imports/uploads/apply"),
  pcode.map((p) => `/api/v1/ranges/${p}`),
  weird.map((id) => `/api/v1/imports/${id}`),
  weird.map((rest) => `/api/v1/${rest}`),
  weird.map((rest) => `/api/${rest}`),
  fc.constantFrom("/api/health", "/api/health/ready", "/api/health%", "/api/v1/reports/%zz/2021-W10"),
);
const query = fc.oneof(
  fc.constant(""),
  fc
    .array(fc.tuple(fc.constantFrom("week", "from", "level", "parent", "sector", "format", "status", "dryRun", "sort", "dir", "show", "fingerprint", "x"), weird), { maxLength: 4 })
    .map((kv) => "?" + kv.map(([k, v]) => `${k}=${v}`).join("&")),
);
/** A report body with any field replaced, dropped or added; the version is always stale. */
const reportBody = fc
  .record({
    field: fc.constantFrom("newlyDisplacedFamilies", "repeatDisplacedFamilies", "totalDisplacedFamilies", "individuals", "sectors", "notes", "source", "status", "extra", "__proto__", "constructor"),
    value: fc.oneof(fc.anything(), fc.jsonValue(), weird, fc.double(), fc.integer()),
    version: fc.oneof(fc.integer({ min: 50_000, max: 2 ** 31 }), fc.constantFrom(-1, 1.5, "1", null, 1e309)),
  })
  .map(({ field, value, version }) => {
    const base: Record<string, unknown> = {
      newlyDisplacedFamilies: 6077,
      repeatDisplacedFamilies: 6077,
      totalDisplacedFamilies: 11000,
      individuals: null,
      sectors: { food_security: { gapPct: 91 }, nfi: { gapPct: 83 }, shelter: { gapPct: 93 } },
      notes: "",
      source: "",
      status: "submitted",
    };
    base[field] = value;
    return JSON.stringify({ ...base, version }) ?? "null";
  });
const body = fc.oneof(
  reportBody,
  fc.jsonValue().map((v) => JSON.stringify(v) ?? "null"),
  fc.string(),
  fc.constantFrom("", "{", "[]", "null", '{"version":0', "\ufeff{}", "pcode,week\nSY02,2021-W10", "<report/>", '{"a":' + "[".repeat(5000) + "]".repeat(5000) + "}"),
);
const request = fc.record({
  method: fc.constantFrom("GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"),
  path,
  query,
  body,
  contentType: fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", "application/xml", "multipart/form-data; boundary=x", "text/csv", null),
  auth: fc.constantFrom("write", "read", "garbage", "none"),
});

describe.skipIf(!BUILT)("fuzzed API requests through the real server", () => {
  it("a few hundred fuzzed bodies, paths and headers: never a 5xx, never a write", async () => {
    const fx = await prepareFixture("fuzz", 2);
    const db = openDb(fx.dbPath);
    const viewer = await insertUser(db, { label: "test:faults" }, { email: "fuzz-viewer@example.org", name: "Fuzz viewer", role: "viewer", areas: [] });
    const readToken = issueApiToken(db, { label: "test:faults" }, viewer.id, { name: "fuzz", days: 1, scope: "read" }).token;
    db.$client.close();
    const server = await startServer(fx.dbPath);
    // A token's first use from an address is audited (a leaked token shows in the log): done before the digest.
    for (const t of [fx.token, readToken]) expect((await fetch(`${server.baseURL}/api/v1/summary/SY02`, { headers: { Authorization: `Bearer ${t}` } })).status).toBe(200);
    const before = stateOf(fx.dbPath);
    const failures: string[] = [];
    let sent = 0;
    try {
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const headers: Record<string, string> = {};
          if (r.contentType) headers["Content-Type"] = r.contentType;
          if (r.auth === "write") headers.Authorization = `Bearer ${fx.token}`;
          if (r.auth === "read") headers.Authorization = `Bearer ${readToken}`;
          if (r.auth === "garbage") headers.Authorization = "Bearer rasd_not-a-token";
          const withBody = r.method !== "GET" && r.method !== "HEAD";
          const res = await fetch(server.baseURL + r.path + r.query, { method: r.method, headers, body: withBody ? r.body : undefined, redirect: "manual" });
          await res.arrayBuffer();
          sent++;
          if (res.status >= 500) failures.push(`${res.status} ${r.method} ${r.path}${r.query} ${r.body.slice(0, 120)}`);
          return res.status < 500;
        }),
        { numRuns: 400, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31), endOnFailure: true },
      );
    } finally {
      await server.stop();
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(400);
    expect(stateOf(fx.dbPath)).toEqual(before);
  }, 90_000);
});
