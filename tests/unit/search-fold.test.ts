import { describe, expect, it } from "vitest";
import { foldForSearch } from "@/lib/search-fold";

const finds = (query: string, name: string) => foldForSearch(name).includes(foldForSearch(query));

describe("foldForSearch: the area picker's forgiving match", () => {
  it("ignores hamza and madda forms of alef, and teh marbuta / alef maqsura", () => {
    expect(finds("ادلب", "إدلب")).toBe(true);
    expect(finds("اعزاز", "أعزاز")).toBe(true);
    expect(finds("الاتارب", "الأتارب")).toBe(true);
    expect(finds("معره", "معرة النعمان")).toBe(true);
    expect(finds("ابو", "أبو الظهور")).toBe(true);
    expect(finds("مصطفي", "مصطفى")).toBe(true);
    expect(finds("مويلح", "مُوَيلِح")).toBe(true);
  });

  it("ignores short vowels, shadda and tatweel", () => {
    expect(finds("معرة", "مَعَرَّة")).toBe(true);
    expect(finds("حلب", "حـلـب")).toBe(true);
  });

  it("folds Latin case, accents, hyphens and apostrophes; P-codes match in any case", () => {
    expect(finds("al bab", "Al-Bab")).toBe(true);
    expect(finds("maarrat", "Ma'arrat An Nu'man")).toBe(true);
    expect(finds("sy0203", "SY0203")).toBe(true);
    expect(finds("seville", "Séville")).toBe(true);
  });

  it("still tells different names apart", () => {
    expect(finds("حماة", "حلب")).toBe(false);
    expect(finds("idleb", "Aleppo")).toBe(false);
    expect(foldForSearch("  ")).toBe("");
  });
});
