import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createTranslator, NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import { FieldError } from "@/components/form-kit";
import { FSI, PDI, isolate, isolateAll, isolateLtrTokens, isolateValues } from "@/lib/i18n/bidi";
import { formatDateTime } from "@/lib/i18n/format";
import { catalogues } from "@/lib/i18n/messages";

/** Text with the isolates shown, so that what is isolated, and in which logical order, is visible. */
const shown = (s: string) => s.replaceAll(FSI, "⁅").replaceAll(PDI, "⁆");
type Translate = (key: string, values?: Record<string, string | number>) => string;
const ar = (namespace: string) => createTranslator({ locale: "ar", messages: catalogues.ar, namespace: namespace as never }) as unknown as Translate;
const AT = "2026-12-01T10:05:00.000Z";

describe("Unicode isolates around outside text", () => {
  it("wrap a value, and leave nothing for an empty one", () => {
    expect(isolate("Rasd Admin")).toBe("\u2068Rasd Admin\u2069");
    expect(isolate("")).toBe("");
    expect(isolate(null)).toBe("");
    expect(isolateAll({ name: "a", at: "b" })).toEqual({ name: `${FSI}a${PDI}`, at: `${FSI}b${PDI}` });
  });

  it("leave numbers and the words an ICU select matches (status, level) as they are", () => {
    expect(isolateValues({ name: "Rasd Admin", status: "draft", level: "2", count: 3 })).toEqual({ name: `${FSI}Rasd Admin${PDI}`, status: "draft", level: "2", count: 3 });
    expect(ar("errors")("reportNotSubmitted", isolateValues({ status: "draft" }))).toContain("مسودة");
  });
});

describe("the report history header (item 7: \"2026/12/Rasd Admin، 01\")", () => {
  it("keeps the name, then the date, each isolated, in Arabic", () => {
    const text = ar("reports")("history.byAt", isolateAll({ name: "Rasd Admin", at: formatDateTime(AT, "ar", "latn", "Asia/Damascus") }));
    expect(shown(text)).toBe("⁅Rasd Admin⁆، ⁅1 كانون الأول 2026، 13:05 غرينتش+3⁆");
  });

  it("does the same on My week, in the approval queue, and in the locked and reopened notes", () => {
    const t = ar("reports");
    const values = isolateAll({ name: "Rasd Admin", at: "01/12/2026" });
    expect(shown(t("myWeek.lastChangeBy", values))).toBe("⁅01/12/2026⁆، ⁅Rasd Admin⁆");
    expect(shown(t("approval.lockedBy", values))).toBe("اعتمده ⁅Rasd Admin⁆ في ⁅01/12/2026⁆. الأرقام مقفلة.");
    expect(shown(t("approval.reopenedBy", values))).toBe("أعاد ⁅Rasd Admin⁆ فتحه في ⁅01/12/2026⁆ للتعديل:");
    expect(shown(t("entry.lastChange", values))).toBe("آخر تعديل في ⁅01/12/2026⁆ بواسطة ⁅Rasd Admin⁆.");
  });
});

describe("ISO weeks and other left-to-right tokens written in the Arabic catalogue (\"مثل W04-2020\")", () => {
  it("are isolated when the catalogue is loaded, so the example reads 2020-W04", () => {
    expect(shown(ar("reports")("week.jumpHint"))).toBe("أسبوع بصيغة ISO، مثل ⁅2020-W04⁆ أو 2020W4.");
    expect(shown(ar("validation")("week"))).toContain("⁅2020-W04⁆");
    expect(shown(ar("summary")("columns.week.description"))).toContain("⁅2020-W01/2020-W04⁆");
  });

  it("isolate a range and a zone name whole, and leave plain words, placeholders and plurals alone", () => {
    expect(shown(isolateLtrTokens("هكذا 2020-W01/2020-W04."))).toBe("هكذا ⁅2020-W01/2020-W04⁆.");
    expect(shown(isolateLtrTokens("سوريا هي Asia/Damascus (UTC+3)."))).toBe("سوريا هي ⁅Asia/Damascus⁆ (⁅UTC+3⁆).");
    const icu = "{count, plural, one {# وحدة} other {# وحدات}} <code>{header}</code> ISO 8601";
    expect(isolateLtrTokens(icu)).toBe(icu);
    expect(isolateLtrTokens(`${FSI}2020-W04${PDI}`)).toBe(`${FSI}2020-W04${PDI}`);
  });

  it("are left as written in English", () => {
    expect((createTranslator({ locale: "en", messages: catalogues.en, namespace: "reports" as never }) as unknown as Translate)("week.jumpHint")).not.toContain(FSI);
  });
});

describe("messages from lib/ with outside values (flash messages, field errors)", () => {
  it("render each value isolated, in the order the Arabic sentence gives", () => {
    const html = renderToStaticMarkup(
      createElement(
        NextIntlClientProvider,
        { locale: "ar", messages: catalogues.ar, timeZone: "UTC" } as unknown as Parameters<typeof NextIntlClientProvider>[0],
        createElement(FieldError, { id: "e", message: { key: "validation.pcodeTaken", values: { pcode: "SY02-X" } } }),
      ),
    );
    expect(shown(html)).toContain("الرمز ⁅SY02-X⁆ موجود مسبقاً.");
  });
});
