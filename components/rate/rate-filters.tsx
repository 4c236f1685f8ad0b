import { getTranslations } from "next-intl/server";
import { isolateValues } from "@/lib/i18n/bidi";
import { weekLabelParts, type Numerals } from "@/lib/i18n/format";
import type { ReportingRate } from "@/lib/reports/reporting-rate";

/** The reporting rate's filters: a GET form, so that the page filters without JavaScript and the URL says what is shown. */
export async function RateFilters({ rate, locale, numerals }: { rate: ReportingRate; locale: string; numerals: Numerals }) {
  const t = await getTranslations("round.rate");
  const tc = await getTranslations("common");
  const tr = await getTranslations();
  const err = (field: string) => {
    const m = rate.errors[field];
    return m ? (
      <p id={`rate-${field}-error`} className="field-error" role="alert">
        {tr(m.key as never, isolateValues(m.values) as never)}
      </p>
    ) : null;
  };
  return (
    <form method="get" className="card flex flex-wrap items-end gap-3" data-testid="rate-filters" aria-label={t("filters")}>
      <input type="hidden" name="sort" value={rate.sort} />
      <input type="hidden" name="dir" value={rate.dir} />
      <div>
        <label className="label" htmlFor="rate-level">
          {t("level")}
        </label>
        <select id="rate-level" name="level" defaultValue={String(rate.level)} className="input">
          {[1, 2, 3, 4].map((l) => (
            <option key={l} value={l}>
              {tc(`levels.${l}`)}
            </option>
          ))}
        </select>
        {err("level")}
      </div>
      <div>
        <label className="label" htmlFor="rate-area">
          {t("areaFilter")}
        </label>
        <input id="rate-area" name="area" defaultValue={rate.area ?? ""} className="input" dir="ltr" aria-describedby={rate.errors.area ? "rate-area-error" : undefined} />
        {err("area")}
      </div>
      <div>
        <label className="label" htmlFor="rate-end">
          {t("end")}
        </label>
        <input id="rate-end" name="end" defaultValue={rate.end} className="input" dir="ltr" aria-describedby={rate.errors.end ? "rate-end-error" : undefined} />
        {err("end")}
      </div>
      <div>
        <label className="label" htmlFor="rate-week">
          {t("weekFilter")}
        </label>
        <select id="rate-week" name="week" defaultValue={rate.week ?? ""} className="input">
          <option value="">{t("allWeeks")}</option>
          {[...rate.weeks].reverse().map((w) => (
            <option key={w} value={w}>
              {tc("weekLabel", weekLabelParts(w, locale, numerals))}
            </option>
          ))}
        </select>
        {err("week")}
      </div>
      <button type="submit" className="btn" data-testid="rate-apply">
        {t("apply")}
      </button>
    </form>
  );
}
