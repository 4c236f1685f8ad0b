import { getTranslations, setRequestLocale } from "next-intl/server";
import { DeadlineSettingsForm } from "@/components/deadlines/deadline-settings-form";
import { DeadlineWeeks } from "@/components/deadlines/deadline-weeks";
import { pageActor, pageData } from "@/lib/next/page-guard";
import { titled } from "@/lib/next/page-title";
import { listDeadlineWeeks } from "@/lib/reports/deadlines";
import { parseWeek } from "@/lib/weeks";
import { autoLockWeekAction, lockWeekAction, saveDeadlineSettingsAction, setWeekDeadlineAction, unlockWeekAction } from "./actions";

export const generateMetadata = titled("round.deadlines.title");

/** Admin: reporting deadlines, the automatic lock, and each week's date and lock. */
export default async function AdminDeadlinesPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await pageActor(locale, "/admin/deadlines", "admin");
  const asked = (await searchParams).week;
  const askedText = typeof asked === "string" ? asked.trim() : "";
  const week = askedText ? parseWeek(askedText) : null;
  const data = pageData(locale, (db) => listDeadlineWeeks(db, actor, new Date(), week));
  const t = await getTranslations("round.deadlines");
  const tv = await getTranslations("validation");
  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-sm">{t("help")}</p>
      <DeadlineSettingsForm settings={data.settings} action={saveDeadlineSettingsAction} />
      <form method="get" className="flex flex-wrap items-end gap-2" data-testid="deadline-week-form">
        <div>
          <label className="label" htmlFor="deadline-week">
            {t("findWeek")}
          </label>
          <input id="deadline-week" name="week" defaultValue={askedText} className="input" dir="ltr" aria-describedby={askedText && !week ? "deadline-week-error" : undefined} />
          {askedText && !week ? (
            <p id="deadline-week-error" className="field-error" role="alert">
              {tv("week")}
            </p>
          ) : null}
        </div>
        <button type="submit" className="btn-secondary" data-testid="deadline-week-show">
          {t("showWeek")}
        </button>
      </form>
      <DeadlineWeeks
        weeks={data.weeks}
        currentWeek={data.currentWeek}
        locale={locale}
        numerals={actor.numerals}
        timeZone={actor.timeZone}
        setDate={setWeekDeadlineAction}
        lock={lockWeekAction}
        unlock={unlockWeekAction}
        automatic={autoLockWeekAction}
      />
    </div>
  );
}
