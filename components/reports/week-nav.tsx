import { getTranslations } from "next-intl/server";
import { weekLabelParts, type Numerals } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";

/**
 * Previous / this / next week. The links come in reading order, so in Arabic "previous"
 * sits on the right; the arrows are in the catalogue for the same reason. With `jumpAction`
 * a GET form lets one type a week (2020-W04 or 2020W4); it works without JavaScript.
 */
export async function WeekNav({
  week,
  locale,
  numerals,
  hrefFor,
  jumpAction,
  extraParams = {},
}: {
  week: string;
  locale: string;
  numerals: Numerals;
  hrefFor: (week: "previous" | "next" | "current") => string;
  jumpAction?: string;
  extraParams?: Record<string, string>;
}) {
  const t = await getTranslations("reports.week");
  const tc = await getTranslations("common");
  return (
    <nav aria-label={t("navLabel")} className="flex flex-wrap items-end gap-x-4 gap-y-2" data-testid="week-nav">
      <Link href={hrefFor("previous")} rel="prev" data-testid="week-previous">
        {t("previous")}
      </Link>
      <strong className="num" data-testid="week-label" data-week={week}>
        {tc("weekLabel", weekLabelParts(week, locale, numerals))}
      </strong>
      <Link href={hrefFor("next")} rel="next" data-testid="week-next">
        {t("next")}
      </Link>
      <Link href={hrefFor("current")} className="text-sm">
        {t("current")}
      </Link>
      {jumpAction ? (
        <form method="get" action={jumpAction} className="flex items-end gap-2">
          {Object.entries(extraParams).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <div className="w-36">
            <label htmlFor="week-jump" className="label">
              {t("jump")}
            </label>
            <input id="week-jump" name="week" dir="ltr" defaultValue={week} className="input" aria-describedby="week-jump-hint" />
          </div>
          <button type="submit" className="btn-secondary">
            {t("show")}
          </button>
          <span id="week-jump-hint" className="sr-only">
            {t("jumpHint")}
          </span>
        </form>
      ) : null}
    </nav>
  );
}
