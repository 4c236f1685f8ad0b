import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { importAreas } from "@/lib/area-import";
import { ensureDefaultSectors } from "@/lib/sectors";
import { figureSettings } from "@/lib/env";
import { applyFigureRules } from "@/lib/figures/maintain";
import { migrateDb, type Db } from "@/db/client";
import { areas, users } from "@/db/schema";
import { seedDemo, type DemoCredentials } from "./demo";

export const SEED_DIR = path.join(process.cwd(), "db", "seed-data");
const SEEDER = { label: "system:seed" };

type Log = (line: string) => void;

/**
 * Brings a database to a usable state: migrations, the Syrian area list (first run only),
 * the starting sectors, and on the very first start (no users yet) the demo content.
 * Safe to run on every start.
 */
export async function prepareDatabase(
  db: Db,
  opts: { demo: boolean; log?: Log; carryForwardWeeks?: number },
): Promise<{ demo: DemoCredentials | null }> {
  const log = opts.log ?? (() => {});
  log("Applying migrations…");
  migrateDb(db);

  const areaCount = db.select({ n: sql<number>`count(*)` }).from(areas).get()!.n;
  if (areaCount === 0) {
    log("Loading the Syrian P-code list (db/seed-data/syria_admin.csv)…");
    const plan = importAreas(db, SEEDER, fs.readFileSync(path.join(SEED_DIR, "syria_admin.csv"), "utf8"));
    log(`  ${plan.added.length} areas loaded.`);
  }
  if (applyFigureRules(db, { carryForwardWeeks: opts.carryForwardWeeks ?? figureSettings().carryForwardWeeks })) log("  Stored figures recomputed for the current figure rules.");
  const added = ensureDefaultSectors(db, SEEDER);
  if (added) log(`  ${added} sectors added.`);

  const userCount = db.select({ n: sql<number>`count(*)` }).from(users).get()!.n;
  if (opts.demo && userCount === 0) {
    log("First start: creating demo accounts and figures…");
    // The demo figures go through saveWeeklyReport, which keeps the rollups up to date itself.
    return { demo: await seedDemo(db, log) };
  }
  return { demo: null };
}
