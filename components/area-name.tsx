import type { AreaSummary } from "@/lib/areas";
import { getPathname } from "@/lib/i18n/navigation";
import { html, type SafeHtml } from "@/lib/safe-html";
import { Markup } from "./markup";

type Named = Pick<AreaSummary, "pcode" | "nameEn" | "nameAr">;

/** Which name is shown (the reader's language) and which on hover, for both forms below. */
function names(area: Named, locale: string) {
  return locale === "ar" ? { main: area.nameAr, other: area.nameEn, otherLang: "en" } : { main: area.nameEn, other: area.nameAr, otherLang: "ar" };
}

/**
 * The name and, if wanted, the P-code after it: the content of the outer span. The gap is a real
 * space, not a margin: a margin on the left-to-right code's start side lands on the wrong side in
 * Arabic ("حلب(SY02)"). The code is isolated (<bdi>), so its brackets keep their order in either direction.
 */
function areaNameContent(area: Named, main: string, withCode: boolean): SafeHtml {
  return html`${main}${withCode ? html` <bdi class="text-xs text-slate-600" dir="ltr">(${area.pcode})</bdi>` : null}`;
}

/**
 * An area's name in the reader's language, the other language on hover, and its P-code, as
 * markup: for the long tables written as strings (rankings, sub-areas, the map's values).
 */
export function areaNameHtml(area: Named, locale: string, withCode = true): SafeHtml {
  const { main, other, otherLang } = names(area, locale);
  return html`<span title="${other}" data-other-lang="${otherLang}">${areaNameContent(area, main, withCode)}</span>`;
}

/** The same, linking to the area's page. */
export function areaLinkHtml(area: Named, locale: string, withCode = true): SafeHtml {
  return html`<a href="${getPathname({ locale, href: `/areas/${area.pcode}` })}">${areaNameHtml(area, locale, withCode)}</a>`;
}

/** The same name for JSX: the same markup (the outer span is the element that holds it), so the two cannot drift apart. */
export function AreaName({ area, locale, withCode = true }: { area: Named; locale: string; withCode?: boolean }) {
  const { main, other, otherLang } = names(area, locale);
  return <Markup as="span" title={other} data-other-lang={otherLang} html={areaNameContent(area, main, withCode)} />;
}
