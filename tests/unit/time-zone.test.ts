import { describe, expect, it } from "vitest";
import { DEFAULT_TIME_ZONE, canonicalTimeZone, formatDateTime, startOfDayIn, timeZoneChoices } from "@/lib/i18n/format";
import { preferencesInput } from "@/lib/validation/users";

const AT = "2026-12-01T10:05:00.000Z";

describe("formatDateTime in the reader's zone (decision 045)", () => {
  it("shows Syria's time, with its offset, in both languages and both digit sets", () => {
    expect(DEFAULT_TIME_ZONE).toBe("Asia/Damascus");
    expect(formatDateTime(AT, "en", "latn", "Asia/Damascus")).toBe("1 Dec 2026, 13:05 GMT+3");
    expect(formatDateTime(AT, "ar", "latn", "Asia/Damascus")).toBe("1 كانون الأول 2026، 13:05 غرينتش+3");
    expect(formatDateTime(AT, "ar", "arab", "Asia/Damascus")).toBe("١ كانون الأول ٢٠٢٦، ١٣:٠٥ غرينتش+٣");
  });

  it("follows another zone, half hours and the date line included", () => {
    expect(formatDateTime(AT, "en", "latn", "Asia/Kolkata")).toBe("1 Dec 2026, 15:35 GMT+5:30");
    expect(formatDateTime("2026-12-01T22:30:00.000Z", "en", "latn", "Asia/Damascus")).toBe("2 Dec 2026, 01:30 GMT+3");
    expect(formatDateTime(AT, "en", "latn", "America/New_York")).toBe("1 Dec 2026, 05:05 GMT-5");
  });

  it("falls back to Syria's time for a zone it does not know, never throwing", () => {
    expect(formatDateTime(AT, "en", "latn", "Mars/Olympus")).toBe("1 Dec 2026, 13:05 GMT+3");
  });
});

describe("a time zone setting", () => {
  it("is known to Intl, under its canonical name", () => {
    expect(canonicalTimeZone("asia/damascus")).toBe("Asia/Damascus");
    expect(canonicalTimeZone("UTC")).toBe("UTC");
    expect(canonicalTimeZone("Mars/Olympus")).toBeNull();
    expect(canonicalTimeZone("")).toBeNull();
    expect(canonicalTimeZone("Asia/Damascus\u0000")).toBeNull();
  });

  it("is offered from Intl's list, UTC and Syria included", () => {
    const zones = timeZoneChoices();
    expect(zones[0]).toBe("UTC");
    expect(zones).toContain("Asia/Damascus");
    expect(new Set(zones).size).toBe(zones.length);
  });

  it("is checked by the form's schema, with a message key on the field", () => {
    expect(preferencesInput.parse({ locale: "auto", numerals: "latn", timeZone: "europe/berlin" }).timeZone).toBe("Europe/Berlin");
    const bad = preferencesInput.safeParse({ locale: "en", numerals: "latn", timeZone: "Nowhere/Land" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ["timeZone"], message: "validation.timeZone" });
  });
});

describe("a day in a zone", () => {
  it("starts at that zone's midnight, as a UTC instant", () => {
    expect(startOfDayIn("2026-12-02", "Asia/Damascus")).toBe("2026-12-01T21:00:00.000Z");
    expect(startOfDayIn("2026-12-02", "UTC")).toBe("2026-12-02T00:00:00.000Z");
    // A clock change day: Berlin starts 29 Mar 2026 at UTC+1, then moves to UTC+2.
    expect(startOfDayIn("2026-03-29", "Europe/Berlin")).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfDayIn("2026-07-01", "Europe/Berlin")).toBe("2026-06-30T22:00:00.000Z");
  });
});
