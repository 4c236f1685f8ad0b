/**
 * More than one server process over one database file (docs/decisions/050-one-server-process-per-core.md):
 * a single process (A) and a cluster of two workers (B) serve the same file. A save through one is
 * on the other's next page at once (the summary cache checks a per-database data version, not the
 * process's memory); writers in both processes never lose an acknowledged write; a worker killed with
 * kill -9 is logged and replaced while the others go on serving.
 */
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILT, lostWrites, prepareFixture, runWriters, startServer, viewerCookie, type Fixture, type Server } from "./support";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const WEEK = "2021-W40";

const body = (newly: number, version: number) =>
  JSON.stringify({
    newlyDisplacedFamilies: newly,
    repeatDisplacedFamilies: 0,
    totalDisplacedFamilies: newly,
    individuals: null,
    sectors: { food_security: { gapPct: 40 }, nfi: { gapPct: 50 }, shelter: { gapPct: 60 } },
    notes: "",
    source: "faults",
    status: "submitted",
    version,
  });

describe.skipIf(!BUILT)("two server processes over one database file", () => {
  let fx: Fixture;
  let a: Server;
  let b: Server;
  let cookieA: string;
  let cookieB: string;
  beforeAll(async () => {
    fx = await prepareFixture("processes", 8);
    [a, b] = await Promise.all([startServer(fx.dbPath), startServer(fx.dbPath, { RASD_WORKERS: "2", LOG_LEVEL: "info" })]);
    [cookieA, cookieB] = [await viewerCookie(fx.dbPath, a.secret), await viewerCookie(fx.dbPath, b.secret)];
  }, 90_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  const page = async (server: Server, cookie: string) => {
    const res = await fetch(`${server.baseURL}/en/areas/SY02?week=${WEEK}`, { headers: { cookie }, redirect: "manual" });
    expect(res.status).toBe(200);
    return res.text();
  };

  it("a save through one process is on the other's summary page at once, though both keep summaries cached", async () => {
    const pcode = fx.areas[0]!;
    let version = 0;
    let previous: string | null = null;
    // Figures no other part of the page shows.
    for (const [i, newly] of [4219, 7351, 2687, 5903].entries()) {
      const [writer, reader, cookie] = i % 2 === 0 ? [a, b, cookieB] : [b, a, cookieA];
      // Every process (both of B's workers, by round robin) has the page cached before the save.
      for (let n = 0; n < 4; n++) await page(reader, cookie);
      const res = await fetch(`${writer.baseURL}/api/v1/reports/${pcode}/${WEEK}`, {
        method: "PUT",
        headers: { Authorization: `Bearer ${fx.token}`, "Content-Type": "application/json" },
        body: body(newly, version),
      });
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      version = ((await res.json()) as { version: number }).version;
      const shown = newly.toLocaleString("en");
      // The next reads, whichever worker answers, show the new figure and not the one before.
      for (let n = 0; n < 4; n++) {
        const html = await page(reader, cookie);
        expect(html).toContain(shown);
        if (previous) expect(html).not.toContain(previous);
      }
      previous = shown;
    }
  }, 60_000);

  it("writers in both processes, on the same reports: every acknowledged write is stored, stale ones get 409", async () => {
    const week = "2021-W41";
    // Writer w in A and writer w in B save the same report: their stale versions meet across processes.
    const wa = runWriters(a.baseURL, fx.token, fx.areas, 10, week);
    const wb = runWriters(b.baseURL, fx.token, fx.areas, 10, week);
    const deadline = Date.now() + 20_000;
    while (wa.stats.acked.length + wb.stats.acked.length < 60 && Date.now() < deadline) await sleep(50);
    await sleep(1000);
    await Promise.all([wa.stop(), wb.stop()]);
    const acked = [...wa.stats.acked, ...wb.stats.acked];
    expect([...wa.stats.failed, ...wb.stats.failed]).toEqual([]);
    expect(wa.stats.unavailable + wb.stats.unavailable).toBe(0);
    expect(wa.stats.acked.length).toBeGreaterThan(0);
    expect(wb.stats.acked.length).toBeGreaterThan(0);
    expect(wa.stats.conflicts + wb.stats.conflicts).toBeGreaterThan(0);
    const c = new Database(fx.dbPath, { readonly: true });
    try {
      expect(lostWrites(c, acked)).toEqual([]);
    } finally {
      c.close();
    }
    // No version was given twice, whichever process gave it.
    expect(new Set(acked.map((x) => `${x.pcode}/${x.version}`)).size).toBe(acked.length);
  }, 60_000);

  it("a worker killed with kill -9 is logged and replaced; the cluster goes on answering", async () => {
    const started = () =>
      b
        .output()
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as { event?: string; workerPid?: number })
        .filter((l) => l.event === "worker.started")
        .map((l) => l.workerPid!);
    const before = started();
    expect(before).toHaveLength(2);
    const victim = before[0]!;
    process.kill(victim, "SIGKILL");
    // Meanwhile the other worker answers. A kept-alive connection to the killed one is reset, as for any
    // client: a new connection is the retry.
    const health = await fetch(`${b.baseURL}/api/health`).catch(() => fetch(`${b.baseURL}/api/health`));
    expect(health.status).toBe(200);
    const deadline = Date.now() + 45_000;
    while (started().length < 3 && Date.now() < deadline) await sleep(200);
    const after = started();
    expect(after).toHaveLength(3);
    expect(after[2]).not.toBe(victim);
    expect(b.output()).toMatch(new RegExp(`"event":"worker.exited","workerPid":${victim},"code":null,"signal":"SIGKILL"`));
    for (let n = 0; n < 6; n++) expect((await fetch(`${b.baseURL}/api/health/ready`)).status).toBe(200);
  }, 60_000);
});
