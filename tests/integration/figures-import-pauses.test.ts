/**
 * A large import's apply pauses between slices of rows on a connection of its own
 * (lib/import/transaction.ts, decision 063): while it pauses, the process goes on answering
 * reads, which see the database as it was; a write of the same process is refused at once as
 * busy instead of blocking the thread; a second apply is refused; nothing of the import is seen
 * before its commit, and all of it after.
 */
import fs from "node:fs";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { AppError, unavailableFrom } from "@/lib/errors";
import { applyImport, previewImport } from "@/lib/import/apply";
import { saveWeeklyReport } from "@/lib/reports/save";
import { countRows, freshDb, makeUser, SYRIA_CSV } from "../factories";

let db: Db;
let admin: Actor;

beforeAll(async () => {
  db = freshDb();
  admin = await makeUser(db, "admin");
});

const WEEK = "2019-W30";
const communities = () =>
  fs
    .readFileSync(SYRIA_CSV, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("4,"))
    .map((l) => l.split(",")[1]!);
const bigFile = (rows: number) => {
  const lines = ["P-code,Week,Newly displaced families,Of which displaced more than once,Total displaced families"];
  for (const p of communities().slice(0, rows)) lines.push(`${p},${WEEK},10,0,100`);
  return { name: "big.csv", bytes: new TextEncoder().encode(lines.join("\n")) };
};
const tick = () => new Promise((r) => setImmediate(r));
/** What a refused call threw, as the pages and the API answer it (lib/errors.ts unavailableFrom: SQLite's busy is a 503). */
const refusal = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (e) {
    const answer = unavailableFrom(e) ?? e;
    if (answer instanceof AppError) return answer;
    throw e;
  }
  throw new Error("expected a refusal");
};

describe("an apply that pauses", () => {
  it("lets reads through, refuses this process's writes and a second apply at once, and commits all of it", async () => {
    const file = bigFile(1500);
    const before = countRows(db, "weekly_reports");
    const busyBefore = db.$client.pragma("busy_timeout", { simple: true });
    const progress: [string, number][] = [];
    const running = applyImport(db, admin, file, { status: "submitted", onProgress: (phase, done) => progress.push([phase, done]) });
    // Whatever fails below, the apply is let finish before the next test.
    onTestFinished(() => running.then(() => undefined, () => undefined));

    // Let the apply start and reach a pause in its writes.
    for (let i = 0; i < 200 && !progress.some(([phase, done]) => phase === "write" && done >= 500); i++) await tick();
    expect(progress.some(([phase, done]) => phase === "write" && done >= 500)).toBe(true);

    // A read of the shared connection: the database as it was before the import.
    expect(countRows(db, "weekly_reports")).toBe(before);
    // A write of this process: refused as busy, at once rather than after the busy timeout.
    const t = performance.now();
    const busy = refusal(() =>
      saveWeeklyReport(db, admin, {
        pcode: "SY0200",
        week: "2019-W31",
        input: { newlyDisplacedFamilies: 1, repeatDisplacedFamilies: 0, totalDisplacedFamilies: 1, individuals: null, sectors: {}, notes: "", source: "", status: "draft", version: 0 },
      }),
    );
    expect(performance.now() - t).toBeLessThan(1000);
    expect(busy.code).toBe("unavailable");
    expect(busy.msg.key).toBe("errors.databaseBusy");
    // A second apply in the same process.
    await expect(applyImport(db, admin, bigFile(10), { status: "submitted" })).rejects.toMatchObject({ code: "conflict", msg: { key: "figuresImport.anotherRunning" } });

    const done = await running;
    expect(done.created).toBe(1500);
    expect(countRows(db, "weekly_reports")).toBe(before + 1500);
    expect(db.$client.pragma("busy_timeout", { simple: true })).toBe(busyBefore);
    // Progress went up to the end, phase by phase.
    expect(progress.at(-1)).toEqual(["write", 1500]);
    // And the process writes again as before.
    const saved = saveWeeklyReport(db, admin, {
      pcode: "SY0200",
      week: "2019-W31",
      input: { newlyDisplacedFamilies: 1, repeatDisplacedFamilies: 0, totalDisplacedFamilies: 1, individuals: null, sectors: {}, notes: "", source: "", status: "draft", version: 0 },
    });
    expect(saved.report.version).toBe(1);
  });

  it("rolls back everything when it fails after a pause, and frees the process for the next apply", async () => {
    const before = countRows(db, "weekly_reports");
    const file = bigFile(1200);
    await expect(applyImport(db, admin, { ...file, name: "fails.csv" }, { status: "draft", failAfter: 1100 })).rejects.toThrow("failAfter");
    expect(countRows(db, "weekly_reports")).toBe(before);
    const preview = await previewImport(db, admin, file, { status: "draft" });
    expect(preview.create + preview.unchanged + preview.update).toBe(1200);
  });
});
