import { describe, expect, it } from "vitest";
import { weekLabelParts } from "@/lib/i18n/format";

describe("week labels", () => {
  it("gives the English parts of DESIGN's example", () => {
    expect(weekLabelParts("2020-W04", "en")).toEqual({ week: "2020-W04", number: "4", year: "2020", range: "20–26 Jan 2020" });
  });
  it("uses the Levantine month names in Arabic, with Latin digits by default", () => {
    const p = weekLabelParts("2020-W04", "ar");
    expect(p.number).toBe("4");
    expect(p.year).toBe("2020");
    expect(p.range).toBe("20–26 كانون الثاني");
  });
  it("writes Arabic-Indic digits when the user chose them", () => {
    const p = weekLabelParts("2020-W04", "ar", "arab");
    expect(p.number).toBe("٤");
    expect(p.year).toBe("٢٠٢٠");
    expect(p.range).toBe("٢٠–٢٦ كانون الثاني");
  });
  it("spans months and years", () => {
    expect(weekLabelParts("2020-W01", "en").range.replace(/\s/g, " ")).toBe("30 Dec 2019 – 5 Jan 2020");
  });
});
