import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addWeeks, parseWeek, weekEnd, weekOf, weekStart } from "@/lib/weeks";

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Any real ISO week between 1901 and 2998 (parseWeek drops week 53 in 52-week years). */
const anyWeek = fc
  .tuple(fc.integer({ min: 1901, max: 2998 }), fc.integer({ min: 1, max: 53 }))
  .map(([y, w]) => parseWeek(`${y}-W${w}`))
  .filter((w): w is string => w !== null);

describe("parseWeek", () => {
  it.each([
    ["2020-W04", "2020-W04"],
    ["2020W4", "2020-W04"],
    ["2020-W4", "2020-W04"],
    ["2020W04", "2020-W04"],
    [" 2020-W04 ", "2020-W04"],
    ["2020-W53", "2020-W53"],
    ["2015-W53", "2015-W53"],
    ["2026-W53", "2026-W53"],
    ["2021-W52", "2021-W52"],
  ])("accepts %j as %s", (input, expected) => {
    expect(parseWeek(input)).toBe(expected);
  });

  it.each(["2020-W54", "2021-W53", "2019-W53", "2020-W00", "2020-W", "20-W04", "2020-04", "2020-W004", "W04", "", "1899-W10"])(
    "rejects %j",
    (input) => {
      expect(parseWeek(input)).toBeNull();
    },
  );
});

describe("week dates", () => {
  it("2020-W04 runs Monday 20 to Sunday 26 January 2020, UTC midnight", () => {
    expect(weekStart("2020-W04").toISOString()).toBe("2020-01-20T00:00:00.000Z");
    expect(weekEnd("2020-W04").toISOString()).toBe("2020-01-26T00:00:00.000Z");
    expect(weekStart("2020-W04").getUTCDay()).toBe(1);
    expect(weekEnd("2020-W04").getUTCDay()).toBe(0);
  });

  it("week 1 can start in the previous calendar year and week 53 can end in the next", () => {
    expect(iso(weekStart("2020-W01"))).toBe("2019-12-30");
    expect(iso(weekStart("2020-W53"))).toBe("2020-12-28");
    expect(iso(weekEnd("2020-W53"))).toBe("2021-01-03");
    expect(iso(weekStart("2021-W01"))).toBe("2021-01-04");
  });

  it("weekStart refuses what is not a week", () => {
    expect(() => weekStart("January")).toThrow(/not an ISO week/);
  });

  it.each([
    [utc(2019, 12, 29), "2019-W52"],
    [utc(2019, 12, 30), "2020-W01"],
    [utc(2020, 1, 1), "2020-W01"],
    [utc(2020, 1, 20), "2020-W04"],
    [utc(2020, 1, 26), "2020-W04"],
    [utc(2020, 1, 27), "2020-W05"],
    [utc(2020, 12, 31), "2020-W53"],
    [utc(2021, 1, 3), "2020-W53"],
    [utc(2021, 1, 4), "2021-W01"],
    [utc(2024, 12, 30), "2025-W01"],
    [utc(2027, 1, 1), "2026-W53"],
  ])("weekOf(%s) is %s", (date, week) => {
    expect(weekOf(date)).toBe(week);
  });

  it("weekOf ignores the time of day (the late evening of Sunday is still that week)", () => {
    expect(weekOf(new Date("2020-01-26T23:59:59.999Z"))).toBe("2020-W04");
    expect(weekOf(new Date("2020-01-27T00:00:00.000Z"))).toBe("2020-W05");
  });
});

describe("addWeeks", () => {
  it.each([
    ["2020-W04", 1, "2020-W05"],
    ["2020-W04", -4, "2019-W52"],
    ["2020-W52", 1, "2020-W53"],
    ["2020-W53", 1, "2021-W01"],
    ["2021-W01", -1, "2020-W53"],
    ["2019-W52", 1, "2020-W01"],
    ["2020-W04", 52, "2021-W03"],
    ["2020-W04", 0, "2020-W04"],
  ])("%s %+d weeks is %s", (week, n, expected) => {
    expect(addWeeks(week, n)).toBe(expected);
  });
});

describe("properties", () => {
  it("weekOf(weekStart(w)) is w, and so is every day up to weekEnd(w)", () => {
    fc.assert(
      fc.property(anyWeek, fc.integer({ min: 0, max: 6 }), (w, day) => {
        expect(weekOf(weekStart(w))).toBe(w);
        expect(weekOf(new Date(weekStart(w).getTime() + day * 86_400_000))).toBe(w);
      }),
    );
  });

  it("addWeeks(addWeeks(w, n), -n) is w", () => {
    fc.assert(
      fc.property(anyWeek, fc.integer({ min: -2000, max: 2000 }), (w, n) => {
        expect(addWeeks(addWeeks(w, n), -n)).toBe(w);
      }),
    );
  });

  it("weeks written as text sort in time order", () => {
    fc.assert(
      fc.property(fc.array(anyWeek, { minLength: 2, maxLength: 40 }), (weeks) => {
        const byText = [...weeks].sort();
        const byTime = [...weeks].sort((a, b) => weekStart(a).getTime() - weekStart(b).getTime());
        expect(byText).toEqual(byTime);
      }),
    );
  });

  it("the weeks of a run of consecutive days are consecutive and never skip", () => {
    let week = weekOf(utc(2019, 12, 1));
    for (let d = utc(2019, 12, 1).getTime(); d < utc(2022, 2, 1).getTime(); d += 86_400_000) {
      const w = weekOf(new Date(d));
      if (w !== week) {
        expect(w).toBe(addWeeks(week, 1));
        expect(w > week).toBe(true);
        expect(new Date(d).getUTCDay()).toBe(1);
        week = w;
      }
    }
  });
});
