/**
 * "Keep mine" after a conflict (issue 13): the outbox and the online form send `keepMine` with the
 * newer version, and the history and the audit row record that the save overwrote a change on purpose.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { handlePutReport } from "@/lib/api/reports";
import type { Actor } from "@/lib/auth/actor";
import { listReportRevisions } from "@/lib/reports/revisions";
import { freshDb, makeUser } from "../factories";

const FIGURES = { newlyDisplacedFamilies: 100, repeatDisplacedFamilies: 10, totalDisplacedFamilies: 1000, sectors: { food_security: { gapPct: 50 } }, status: "draft" };

let db: Db;
let coordinator: Actor;
let other: Actor;

beforeAll(async () => {
  db = freshDb();
  coordinator = await makeUser(db, "coordinator", ["SY02"]);
  other = await makeUser(db, "coordinator", ["SY02"]);
});

const put = (who: Actor, week: string, body: unknown) => handlePutReport(db, { actor: who, token: null, ip: "203.0.113.1" }, { pcode: "SY0200", week, body: JSON.stringify(body) });

describe("keepMine", () => {
  it("is refused like any stale edit until it names the newer version, then saves and is recorded as such", () => {
    const week = "2019-W10";
    expect(put(coordinator, week, { ...FIGURES, version: 0 }).status).toBe(201);
    expect(put(other, week, { ...FIGURES, totalDisplacedFamilies: 1200, version: 1 }).status).toBe(200);
    // The device's edit started from version 1: refused, keepMine or not.
    expect(put(coordinator, week, { ...FIGURES, newlyDisplacedFamilies: 150, version: 1, keepMine: true }).status).toBe(409);
    const kept = put(coordinator, week, { ...FIGURES, newlyDisplacedFamilies: 150, version: 2, keepMine: true });
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ version: 3, newlyDisplacedFamilies: 150, totalDisplacedFamilies: 1000 });

    const revisions = listReportRevisions(db, coordinator, { pcode: "SY0200", week });
    expect(revisions.map((r) => [r.version, r.keptMine])).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ]);
    const audit = db.$client.prepare("select new_values from audit_log where entity_id = ? order by id desc limit 1").get(`SY0200/${week}`) as { new_values: string } | undefined;
    expect(JSON.parse(audit!.new_values)).toMatchObject({ version: 3, keptMine: true });
  });

  it("means nothing when creating a report: there was nothing to overwrite", () => {
    const week = "2019-W12";
    expect(put(coordinator, week, { ...FIGURES, version: 0, keepMine: true }).status).toBe(201);
    expect(listReportRevisions(db, coordinator, { pcode: "SY0200", week })[0]!.keptMine).toBe(false);
  });

  it("accepts only a flag", () => {
    const res = put(coordinator, "2019-W14", { ...FIGURES, version: 0, keepMine: "sure" });
    expect(res.status).toBe(422);
  });
});
