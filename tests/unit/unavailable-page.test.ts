import { describe, expect, it } from "vitest";
import { catalogues } from "@/lib/i18n/messages";
import { localeOfPath, unavailablePage } from "@/lib/http/unavailable-page";

describe("the edge's 503 page for a page on an unavailable database", () => {
  it("speaks the page's language, right to left in Arabic, with the message, a link back and the request id", () => {
    const ar = unavailablePage("/ar/areas/SY02?week=2021-W10", "errors.databaseFull", "abc-123");
    expect(ar).toContain('<html lang="ar" dir="rtl">');
    expect(ar).toContain(catalogues.ar.errors.pageDatabaseFull);
    expect(ar).toContain(catalogues.ar.errors.unavailableTitle);
    expect(ar).toContain('<a href="/ar/areas/SY02?week=2021-W10">');
    expect(ar).toContain('<code dir="ltr">abc-123</code>');
    expect(ar).not.toMatch(/<script|style=/);
    const en = unavailablePage("/en", "errors.databaseReadOnly", "x");
    expect(en).toContain('<html lang="en" dir="ltr">');
    expect(en).toContain(catalogues.en.errors.pageDatabaseReadOnly);
  });

  it("escapes the address it links back to, and falls back to the busy message for an unknown key", () => {
    const page = unavailablePage('/en/areas/"><script>alert(1)</script>', "errors.somethingElse", "<id>");
    expect(page).not.toContain("<script>");
    expect(page).toContain("&quot;&gt;&lt;script&gt;");
    expect(page).toContain("&lt;id&gt;");
    expect(page).toContain(catalogues.en.errors.pageDatabaseBusy);
  });

  it("reads the language from the path", () => {
    expect(localeOfPath("/ar")).toBe("ar");
    expect(localeOfPath("/ar/areas")).toBe("ar");
    expect(localeOfPath("/ar?x=1")).toBe("ar");
    expect(localeOfPath("/arx")).toBe("en");
    expect(localeOfPath("/en/areas")).toBe("en");
  });
});
