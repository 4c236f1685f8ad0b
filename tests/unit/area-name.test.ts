import { describe, expect, it } from "vitest";
import { areaNameHtml } from "@/components/area-name";
import { htmlString } from "@/lib/safe-html";

const ALEPPO = { pcode: "SY02", nameEn: "Aleppo", nameAr: "حلب" };

/** The text a reader gets, in logical order: tags dropped, the isolated code kept where it is. */
const text = (html: string) => html.replace(/<[^>]+>/g, "");

describe("an area's name with its P-code, in mixed Arabic and English", () => {
  it("keeps a real space before the code in both languages, never a margin that RTL puts on the wrong side", () => {
    const ar = htmlString(areaNameHtml(ALEPPO, "ar"));
    const en = htmlString(areaNameHtml(ALEPPO, "en"));
    expect(text(ar)).toBe("حلب (SY02)");
    expect(text(en)).toBe("Aleppo (SY02)");
    expect(ar).not.toContain("ms-1");
  });

  it("isolates the code as left-to-right, so its brackets do not flip inside Arabic text", () => {
    expect(htmlString(areaNameHtml(ALEPPO, "ar"))).toMatch(/<bdi [^>]*dir="ltr"[^>]*>\(SY02\)<\/bdi>/);
  });

  it("shows the other language's name on hover, and can leave the code out", () => {
    const ar = htmlString(areaNameHtml(ALEPPO, "ar", false));
    expect(ar).toContain('title="Aleppo"');
    expect(text(ar)).toBe("حلب");
  });
});
