/**
 * Pages when the database cannot be read: another process holds the file locked exclusively (an
 * operator's `sqlite3` shell with `PRAGMA locking_mode = EXCLUSIVE`, a stuck maintenance job). A page
 * then answers 503 with a message saying so, in the reader's language, and the request id, instead
 * of Next's generic 500; the API answers its JSON 503; once the lock goes, the same page is back.
 */
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogues } from "@/lib/i18n/messages";
import { BUILT, prepareFixture, startServer, viewerCookie, type Fixture, type Server } from "./support";

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

describe.skipIf(!BUILT)("pages on a database another process holds locked", () => {
  let fx: Fixture;
  let server: Server;
  let cookie: string;
  beforeAll(async () => {
    fx = await prepareFixture("pages", 1);
    // A short busy timeout, so that each blocked read gives up quickly.
    server = await startServer(fx.dbPath, { RASD_BUSY_TIMEOUT_MS: "200" });
    cookie = await viewerCookie(fx.dbPath, server.secret);
  }, 60_000);
  afterAll(async () => server?.stop());

  it("answers 503 saying the database is locked, in English and Arabic, with the request id; the API answers JSON 503; then recovers", async () => {
    // The server has not opened the file yet (/api/health reads nothing): the lock is taken first, as a shell would.
    const lock = new Database(fx.dbPath);
    try {
      lock.pragma("locking_mode = EXCLUSIVE");
      lock.exec("begin exclusive");
      lock.prepare("select count(*) from areas").get();
      lock.exec("commit");
      for (const locale of ["en", "ar"] as const) {
        const m = catalogues[locale].errors;
        const res = await fetch(`${server.baseURL}/${locale}/areas/SY02?week=2021-W10`, { headers: { cookie }, redirect: "manual" });
        const html = await res.text();
        expect(res.status, html.slice(0, 300)).toBe(503);
        expect(res.headers.get("retry-after")).toBe("30");
        // Server-rendered, readable with JavaScript off: the message is in the HTML itself, not in a script.
        expect(html).not.toContain("<script");
        expect(html).toContain(`<html lang="${locale}" dir="${locale === "ar" ? "rtl" : "ltr"}">`);
        expect(html).toContain(`href="/${locale}/areas/SY02?week=2021-W10"`);
        expect(html).toContain(escapeHtml(m.unavailableTitle));
        expect(html).toContain(escapeHtml(m.pageDatabaseBusy));
        const id = res.headers.get("x-request-id")!;
        expect(id).toMatch(/^[0-9a-f-]{36}$/);
        expect(html).toContain(id);
      }
      const api = await fetch(`${server.baseURL}/api/v1/reports/${fx.areas[0]}/2021-W10`, { headers: { Authorization: `Bearer ${fx.token}` } });
      expect(api.status).toBe(503);
      expect(await api.json()).toMatchObject({ error: { code: "unavailable", key: "errors.databaseBusy" } });
    } finally {
      lock.close();
    }
    const res = await fetch(`${server.baseURL}/en/areas/SY02`, { headers: { cookie }, redirect: "manual" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Aleppo");
  }, 60_000);
});
