import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { getAreaWeekSummary } from "@/lib/figures/read";
import { freshDb, makeUser } from "../factories";

let db: Db;
let viewer: Actor;
beforeAll(async () => {
  db = freshDb();
  viewer = await makeUser(db, "viewer");
  // Aleppo's coordinator is assigned to the governorate only: Jebel Saman, below it, is covered by inheritance.
  await makeUser(db, "coordinator", ["SY02"]);
});

describe("completeness below a coordinator's area (item 15: 'no active coordinator' for Jebel Saman)", () => {
  it("names the assigned area above that covers a district with no unit of its own", () => {
    const c = getAreaWeekSummary(db, viewer, "SY0200", "2020-W04").completeness;
    expect(c).toEqual({ reported: 0, expected: 0, carryForwardWeeks: 4, coveredBy: { pcode: "SY02", nameEn: "Aleppo", nameAr: expect.any(String) } });
  });

  it("names the nearest such area for a sub-district too, and counts the unit itself at Aleppo", () => {
    expect(getAreaWeekSummary(db, viewer, "SY020001", "2020-W04").completeness.coveredBy?.pcode).toBe("SY02");
    expect(getAreaWeekSummary(db, viewer, "SY02", "2020-W04").completeness).toEqual({ reported: 0, expected: 1, carryForwardWeeks: 4 });
  });

  it("says nothing covers an area with no coordinator above or below it", () => {
    expect(getAreaWeekSummary(db, viewer, "SY07", "2020-W04").completeness).toEqual({ reported: 0, expected: 0, carryForwardWeeks: 4 });
  });
});
