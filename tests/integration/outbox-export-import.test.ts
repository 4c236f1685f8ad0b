/**
 * The outbox's last-resort export (lib/offline/outbox-csv.ts) is a file the figures import reads:
 * recognised by its HXL row, every unsent item a report, sent items left out.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { applyImport, previewImport } from "@/lib/import/apply";
import { outboxCsv } from "@/lib/offline/outbox-csv";
import type { OutboxItem } from "@/lib/offline/outbox";
import { getWeeklyReport } from "@/lib/reports/read";
import { freshDb, makeUser } from "../factories";

let db: Db;
let coordinator: Actor;
beforeAll(async () => {
  db = freshDb();
  coordinator = await makeUser(db, "coordinator", ["SY02"]);
});

const item = (pcode: string, status: OutboxItem["status"], notes = ""): OutboxItem => ({
  id: `1:${pcode}:2019-W30`,
  userId: 1,
  pcode,
  week: "2019-W30",
  locale: "en",
  figures: {
    newlyDisplacedFamilies: 6077,
    repeatDisplacedFamilies: 6077,
    totalDisplacedFamilies: 11000,
    individuals: null,
    sectors: { food_security: { gapPct: 91, familiesInNeed: null }, shelter: { gapPct: 93.5, familiesInNeed: 6077 } },
    notes,
    source: "Response Coordinators Syria, \"statement\"",
    status: "submitted",
  },
  version: 0,
  keepMine: false,
  status,
  savedAt: "2019-07-22T08:00:00.000Z",
  sentAt: null,
  sentVersion: null,
  attempts: 0,
  nextAttemptAt: 0,
  problem: null,
});

describe("outbox export", () => {
  it("is read by the figures import: unsent items become reports, sent ones are left out", async () => {
    const csv = outboxCsv([item("SY0200", "waiting", "تقرير ميداني\nسطر ثان"), item("SY0208", "attention"), item("SY0202", "sent")]);
    const lines = csv.split("\r\n");
    expect(lines[1]).toContain('"#loc+code","#date+week"');
    const file = { name: "rasd-unsent.csv", bytes: new TextEncoder().encode(csv) };
    const preview = await previewImport(db, coordinator, file);
    expect(preview).toMatchObject({ rows: 2, create: 2, errors: [] });
    await applyImport(db, coordinator, file, { fingerprint: preview.fingerprint });
    const report = getWeeklyReport(db, coordinator, { pcode: "SY0200", week: "2019-W30" })!;
    expect(report).toMatchObject({ newlyDisplacedFamilies: 6077, totalDisplacedFamilies: 11000, status: "submitted", notes: "تقرير ميداني\nسطر ثان", source: 'Response Coordinators Syria, "statement"' });
    expect(report.sectors).toMatchObject({ food_security: { gapPct: 91 }, shelter: { gapPct: 93.5, familiesInNeed: 6077 } });
    expect(getWeeklyReport(db, coordinator, { pcode: "SY0202", week: "2019-W30" })).toBeNull();
  });

  it("keeps a note that looks like a formula from running in a spreadsheet", () => {
    expect(outboxCsv([item("SY0200", "waiting", "=HYPERLINK(1)")])).toContain(`"'=HYPERLINK(1)"`);
  });
});
