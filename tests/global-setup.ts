import fs from "node:fs";
import path from "node:path";
import { migrateDb, openDb } from "../db/client";
import { importAreas } from "../lib/area-import";
import { ensureDefaultSectors } from "../lib/sectors";

export const TMP = path.join(__dirname, ".tmp");
export const BASE_DB = path.join(TMP, "base.db");

/** One migrated database with the real Syrian area list and sectors; each test file copies it. */
export default function setup() {
  fs.rmSync(TMP, { recursive: true, force: true });
  fs.mkdirSync(TMP, { recursive: true });
  const db = openDb(BASE_DB);
  migrateDb(db);
  importAreas(db, { label: "test:setup" }, fs.readFileSync(path.join(__dirname, "..", "db", "seed-data", "syria_admin.csv"), "utf8"));
  ensureDefaultSectors(db, { label: "test:setup" });
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
}
