import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { warningRule, warningSentence } from "@/components/reports/warning-text";
import { FSI, PDI } from "@/lib/i18n/bidi";
import { catalogues } from "@/lib/i18n/messages";
import { reportWarnings, WARNING_RULE, type FiguresForWarnings, type ReportWarning } from "@/lib/reports/warnings";

type Translate = (key: string, values?: Record<string, string | number>) => string;
const tr = (locale: "en" | "ar", namespace: string) => createTranslator({ locale, messages: catalogues[locale], namespace: namespace as never }) as unknown as Translate;
/** Text with the isolates shown, so that what is isolated is visible. */
const shown = (s: string) => s.replaceAll(FSI, "⁅").replaceAll(PDI, "⁆");
const sentence = (locale: "en" | "ar", w: ReportWarning, numerals: "latn" | "arab" = "latn") => shown(warningSentence(tr(locale, "reports"), tr(locale, "common"), w, locale, numerals));

const figures = (over: Partial<FiguresForWarnings> = {}): FiguresForWarnings => ({
  newlyDisplacedFamilies: 6077,
  repeatDisplacedFamilies: 6077,
  totalDisplacedFamilies: 11000,
  individuals: null,
  sectors: { food_security: { gapPct: 91, familiesInNeed: null } },
  ...over,
});
const LAST_WEEK = /last week|previous week|week before|الأسبوع الماضي|الأسبوع السابق/i;

describe("plausibility warnings say what they compared", () => {
  it("with no report the week before, only the total is checked, against this week's newly displaced", () => {
    const ws = reportWarnings(figures({ newlyDisplacedFamilies: 60770, repeatDisplacedFamilies: 0, totalDisplacedFamilies: 11000 }), null);
    expect(ws).toEqual([{ field: "totalDisplacedFamilies", kind: "totalBelowNew", against: "newlyDisplacedFamilies", previous: 60770, current: 11000 }]);
    expect(sentence("en", ws[0]!)).toBe("⁅11,000⁆ is less than the ⁅60,770⁆ newly displaced families entered for this same week.");
    expect(sentence("ar", ws[0]!)).toBe("⁅11,000⁆ أقل من عدد العائلات النازحة حديثاً المُدخل لهذا الأسبوع نفسه (⁅60,770⁆).");
    for (const locale of ["en", "ar"] as const) {
      expect(sentence(locale, ws[0]!)).not.toMatch(LAST_WEEK);
      const rule = warningRule(tr(locale, "reports"), tr(locale, "common"), "2020-W03", false, locale, "latn");
      expect(rule).not.toMatch(LAST_WEEK);
      expect(shown(rule)).toContain(locale === "en" ? "⁅2020-W03 (13–19 Jan 2020)⁆" : "الأسبوع 3");
    }
  });

  it("against the week before, they name that week and both figures (60770 typed for 6077)", () => {
    const previous = { ...figures({ sectors: { food_security: { gapPct: 80, familiesInNeed: 900 } } }), week: "2020-W03" };
    const ws = reportWarnings(
      figures({ newlyDisplacedFamilies: 60770, repeatDisplacedFamilies: 1000, totalDisplacedFamilies: 70000, sectors: { food_security: { gapPct: 20, familiesInNeed: 100 } } }),
      previous,
    );
    expect(ws.map((w) => [w.field, w.kind, w.against])).toEqual([
      ["newlyDisplacedFamilies", "rise", "previousWeek"],
      ["repeatDisplacedFamilies", "fall", "previousWeek"],
      ["totalDisplacedFamilies", "rise", "previousWeek"],
      ["sectors.food_security.gapPct", "gapChange", "previousWeek"],
      ["sectors.food_security.familiesInNeed", "fall", "previousWeek"],
    ]);
    const [rise, fall, , gap] = ws as [ReportWarning, ReportWarning, ReportWarning, ReportWarning];
    expect(sentence("en", rise)).toBe("⁅60,770⁆ is more than 3 times ⁅6,077⁆, the figure for ⁅2020-W03 (13–19 Jan 2020)⁆.");
    expect(sentence("en", fall)).toBe("⁅1,000⁆ is less than a third of ⁅6,077⁆, the figure for ⁅2020-W03 (13–19 Jan 2020)⁆.");
    expect(sentence("en", gap)).toBe("⁅20%⁆ against ⁅80%⁆ for ⁅2020-W03 (13–19 Jan 2020)⁆: a change of ⁅60⁆ points, more than 40.");
    expect(sentence("ar", rise)).toMatch(/^⁅60,770⁆ أكثر من 3 أضعاف ⁅6,077⁆، وهو الرقم المسجَّل في ⁅الأسبوع 3، 2020 \(.+\)⁆\.$/);
    expect(sentence("ar", gap)).toContain("⁅20%⁆ مقابل ⁅80%⁆");
    expect(sentence("ar", gap)).toContain("أي تغيّر بـ⁅60⁆ نقطة، وهذا أكثر من 40 نقطة.");
    // Arabic-Indic digits, when chosen, for every number in the sentence, the rule's own included.
    expect(sentence("ar", rise, "arab")).toMatch(/^⁅٦٠٬٧٧٠⁆ أكثر من ٣ أضعاف ⁅٦٬٠٧٧⁆/);
  });

  it("a gap change is counted in points to one decimal, with the plural the number takes", () => {
    const w = reportWarnings(figures({ sectors: { food_security: { gapPct: 40.7, familiesInNeed: null } } }), { ...figures({ sectors: { food_security: { gapPct: 81.9, familiesInNeed: null } } }), week: "2020-W03" })[0]!;
    expect(sentence("en", w)).toContain("a change of ⁅41.2⁆ points");
  });

  it("the messages say \"a third\" in words, which holds for the rule's factor", () => {
    expect(WARNING_RULE.factor).toBe(3);
  });
});

describe("min-max warnings say the bound and whose rule it is", () => {
  const source = { pcode: "SY070300", nameEn: "Harim", nameAr: "مركز حارم", origin: "history" as const };
  it("names the value, the bound, the area and how the rule was made, in both languages", () => {
    const above: ReportWarning = { field: "newlyDisplacedFamilies", kind: "aboveMax", against: "range", min: 70, max: 130, current: 500, source };
    expect(sentence("en", above)).toBe("⁅500⁆ is above ⁅130⁆, the highest value the rule of ⁅Harim (SY070300)⁆ allows (computed from its history).");
    expect(sentence("ar", above)).toBe("⁅500⁆ أعلى من ⁅130⁆، وهي أعلى قيمة تسمح بها قاعدة ⁅مركز حارم (SY070300)⁆ (محسوبة من سجلّها).");
    const below: ReportWarning = { field: "sectors.nfi.gapPct", kind: "belowMin", against: "range", min: 10.5, max: null, current: 5, source: { ...source, origin: "manual" } };
    expect(sentence("en", below)).toBe("⁅5%⁆ is below ⁅10.5%⁆, the lowest value the rule of ⁅Harim (SY070300)⁆ allows (set by an admin).");
    expect(sentence("ar", below, "arab")).toContain("حدّدها مشرف");
    expect(LAST_WEEK.test(sentence("en", above))).toBe(false);
  });
});
