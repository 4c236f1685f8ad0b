import fs from "node:fs";
import path from "node:path";
import { migrateDb, openDb, type Db } from "../../db/client";
import { importAreas } from "../../lib/area-import";
import { rebuildAllRollups } from "../../lib/figures/maintain";
import { ensureDefaultSectors } from "../../lib/sectors";
import { insertUser } from "../../lib/users";
import { addWeeks } from "../../lib/weeks";

/**
 * The benchmark's database: the Syrian P-code tree (2,064 areas; at scale N, (N − 1) × 2,064
 * synthetic communities spread over the sub-districts), every area reporting every week for three
 * years (156 weeks from 2021-W01: 322,000 reports at scale 1), a coordinator per district (so
 * completeness has units to count), then the rollups rebuilt by lib/figures/maintain.ts.
 */

export const FIRST_WEEK = "2021-W01";
export const WEEKS = 156;
export const LAST_WEEK = addWeeks(FIRST_WEEK, WEEKS - 1);
const SYRIA_CSV = path.join(__dirname, "..", "..", "db", "seed-data", "syria_admin.csv");

/** A small deterministic generator: the same database every run. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function progress(label: string, done: number, total: number) {
  const pct = Math.round((100 * done) / total);
  process.stdout.write(`\r  ${label}: ${done.toLocaleString("en")} / ${total.toLocaleString("en")} (${pct}%)   `);
  if (done === total) process.stdout.write("\n");
}

function synthesizeCommunities(db: Db, count: number): void {
  const c = db.$client;
  const parents = c.prepare("select id, pcode, path from areas where level = 3 order by pcode").all() as { id: number; pcode: string; path: string }[];
  let next = (c.prepare("select max(id) from areas").pluck().get() as number) + 1;
  const ins = c.prepare("insert into areas (id, pcode, name_en, name_ar, level, parent_id, path) values (?, ?, ?, ?, 4, ?, ?)");
  c.transaction(() => {
    for (let i = 0; i < count; i++) {
      const p = parents[i % parents.length]!;
      const id = next++;
      ins.run(id, `CX${String(i + 1).padStart(6, "0")}`, `Synthetic community ${i + 1}`, `تجمع تجريبي ${i + 1}`, p.id, `${p.path}${id}/`);
    }
  })();
}

export type Generated = { file: string; areas: number; reports: number };

export async function generate(file: string, scale: number): Promise<Generated> {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  const db = openDb(file);
  const c = db.$client;
  // A throwaway database built in one go: no need to wait for the disk on every commit.
  c.pragma("synchronous = OFF");
  migrateDb(db);
  importAreas(db, { label: "bench" }, fs.readFileSync(SYRIA_CSV, "utf8"));
  ensureDefaultSectors(db, { label: "bench" });
  if (scale > 1) {
    const base = c.prepare("select count(*) from areas").pluck().get() as number;
    console.log(`  synthesising ${((scale - 1) * base).toLocaleString("en")} communities (scale ${scale})…`);
    synthesizeCommunities(db, (scale - 1) * base);
  }
  // run.ts sets a fresh random password on every run.
  await insertUser(db, { label: "bench" }, { email: "bench-viewer@example.org", name: "Bench Viewer", role: "viewer", areas: [] });
  // Coordinators never sign in here: a placeholder hash is enough.
  const districts = c.prepare("select id, pcode from areas where level = 2").all() as { id: number; pcode: string }[];
  const addUser = c.prepare("insert into users (email, name, role, password_hash) values (?, ?, 'coordinator', 'x')");
  const assign = c.prepare("insert into user_areas (user_id, area_id) values (?, ?)");
  c.transaction(() => {
    for (const d of districts) assign.run(addUser.run(`coord-${d.pcode.toLowerCase()}@example.org`, `Coordinator ${d.pcode}`).lastInsertRowid, d.id);
  })();

  const areaIds = c.prepare("select id from areas order by id").pluck().all() as number[];
  const sectorIds = c.prepare("select id from sectors order by sort_order").pluck().all() as number[];
  const report = c.prepare(
    "insert into weekly_reports (area_id, week, newly_displaced_families, repeat_displaced_families, total_displaced_families, individuals, status, source) values (?, ?, ?, ?, ?, ?, ?, 'benchmark')",
  );
  const gap = c.prepare("insert into report_sector_gaps (report_id, sector_id, gap_tenths, families_in_need) values (?, ?, ?, ?)");
  const rand = lcg(20200120);
  const total = areaIds.length * WEEKS;
  let done = 0;
  let week = FIRST_WEEK;
  for (let w = 0; w < WEEKS; w++, week = addWeeks(week, 1)) {
    c.transaction(() => {
      for (const id of areaIds) {
        const newly = Math.floor(rand() * 400);
        const r = rand();
        // Mostly approved, some submitted, a few drafts (which must not count).
        const status = r < 0.9 ? "approved" : r < 0.98 ? "submitted" : "draft";
        const res = report.run(id, week, newly, Math.floor(newly * rand()), newly * 3 + Math.floor(rand() * 2000), rand() < 0.5 ? newly * 5 : null, status);
        for (const s of sectorIds) gap.run(res.lastInsertRowid, s, Math.floor(rand() * 1001), rand() < 0.3 ? Math.floor(rand() * 600) : null);
      }
    })();
    done += areaIds.length;
    if (w % 4 === 3 || w === WEEKS - 1) progress("reports", done, total);
  }
  console.log("  rebuilding rollups (lib/figures/maintain.ts rebuildAllRollups)…");
  rebuildAllRollups(db, (d, t) => {
    if (d % 4 === 0 || d === t) progress("weeks rolled up", d, t);
  });
  c.pragma("wal_checkpoint(TRUNCATE)");
  c.close();
  return { file, areas: areaIds.length, reports: total };
}
