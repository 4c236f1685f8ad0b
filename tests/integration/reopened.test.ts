import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { approveReport, reopenReport } from "@/lib/reports/approval";
import { getReportEntry, listMyWeek } from "@/lib/reports/read";
import { saveWeeklyReport } from "@/lib/reports/save";
import { freshDb, makeUser } from "../factories";

const FIGURES = { newlyDisplacedFamilies: 70, repeatDisplacedFamilies: 10, totalDisplacedFamilies: 400, status: "submitted" };

let db: Db;
let admin: Actor;
let coordinator: Actor;
let viewer: Actor;

beforeAll(async () => {
  db = freshDb();
  admin = await makeUser(db, "admin");
  coordinator = await makeUser(db, "coordinator", ["SY02"]);
  viewer = await makeUser(db, "viewer");
});

describe("a reopened report", () => {
  it("says so, with who, when and why, on My week and on the report, until it changes again", () => {
    const key = { pcode: "SY0203", week: "2020-W30" };
    saveWeeklyReport(db, coordinator, { ...key, input: { ...FIGURES, version: 0 } });
    approveReport(db, admin, { ...key, version: 1 });
    const row = () => listMyWeek(db, coordinator, { week: key.week }).rows.find((r) => r.pcode === "SY0203")!;
    expect(row().reopened).toBeNull();
    expect(getReportEntry(db, coordinator, key).reopened).toBeNull();

    reopenReport(db, admin, { ...key, reason: "Total looks low", version: 2 });
    const expected = { by: admin.name, at: expect.any(String), reason: "Total looks low" };
    expect(row()).toMatchObject({ status: "submitted", reopened: expected });
    expect(getReportEntry(db, coordinator, key).reopened).toEqual(expected);
    // Everyone who reads the report sees that it was reopened: it is not a draft.
    expect(getReportEntry(db, viewer, key).reopened).toEqual(expected);

    saveWeeklyReport(db, coordinator, { ...key, input: { ...FIGURES, totalDisplacedFamilies: 450, version: 3 } });
    expect(row().reopened).toBeNull();
    expect(getReportEntry(db, coordinator, key).reopened).toBeNull();
  });
});
