import type { Completeness as CompletenessValue } from "@/lib/figures/read";
import { isolate } from "@/lib/i18n/bidi";
import type { Formatters } from "@/lib/i18n/server-formatters";

/**
 * "3 of 5 reporting units have figures", with a meter (a native element: no script, read by screen
 * readers), and how many have not reported: shown beside every total, so a partial week reads as one.
 */
export function Completeness({ value, f, locale }: { value: CompletenessValue; f: Formatters; locale: string }) {
  const t = f.scope("completeness");
  return (
    <div className="grid gap-1 text-sm" data-testid="completeness">
      {value.expected ? (
        <>
          <p>
            <span data-testid="completeness-value">{t("value", { reported: f.n(value.reported), expected: f.n(value.expected), count: value.expected })}</span>{" "}
            <span className="text-slate-600">({t("percent", { value: f.n(Math.round((100 * value.reported) / value.expected)) })})</span>
          </p>
          <meter min={0} max={value.expected} value={value.reported} className="h-3 w-full max-w-sm" aria-label={t("title")} />
          {value.reported < value.expected ? (
            <p className="font-medium text-amber-900" data-testid="completeness-missing">
              <span aria-hidden="true">⚠ </span>
              {t("missing", { missing: value.expected - value.reported })}
            </p>
          ) : null}
        </>
      ) : value.coveredBy ? (
        <p data-testid="completeness-covered">
          {t("coveredBy", { name: isolate(`${locale === "ar" ? value.coveredBy.nameAr : value.coveredBy.nameEn} (${value.coveredBy.pcode})`) })}
        </p>
      ) : (
        <p>{t("none")}</p>
      )}
      <p className="text-xs text-slate-600">{t("help", { weeks: value.carryForwardWeeks })}</p>
    </div>
  );
}
