import type { AreaSummary } from "@/lib/areas";

/** An area's name in the reader's language, the other language on hover, and its P-code. */
export function AreaName({ area, locale, withCode = true }: { area: Pick<AreaSummary, "pcode" | "nameEn" | "nameAr">; locale: string; withCode?: boolean }) {
  const [main, other, otherLang] = locale === "ar" ? [area.nameAr, area.nameEn, "en"] : [area.nameEn, area.nameAr, "ar"];
  return (
    <span title={other} data-other-lang={otherLang}>
      {main}
      {withCode ? (
        <span className="ms-1 text-xs text-slate-500" dir="ltr">
          ({area.pcode})
        </span>
      ) : null}
    </span>
  );
}
