import { getTranslations, setRequestLocale } from "next-intl/server";
import { DeadlineSettingsForm } from "@/components/deadlines/deadline-settings-form";
import { DeadlineWeeks } from "@/components/deadlines/deadline-weeks";
import { pageActor, pageData } from "@/lib/next/page-guard";
import { titled } from "@/lib/next/page-title";
import { listDeadlineWeeks } from "@/lib/reports/deadlines";
import { lockWeekAction, saveDeadlineSettingsAction, setWeekDeadlineAction, unlockWeekAction } from "./actions";

export const generateMetadata = titled("round.deadlines.title");

/** Admin: reporting deadlines, the automatic lock, and each week's date and lock. */
export default async function AdminDeadlinesPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await pageActor(locale, "/admin/deadlines", "admin");
  const data = pageData(locale, (db) => listDeadlineWeeks(db, actor));
  const t = await getTranslations("round.deadlines");
  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-sm">{t("help")}</p>
      <DeadlineSettingsForm settings={data.settings} action={saveDeadlineSettingsAction} />
      <DeadlineWeeks
        weeks={data.weeks}
        currentWeek={data.currentWeek}
        locale={locale}
        numerals={actor.numerals}
        timeZone={actor.timeZone}
        setDate={setWeekDeadlineAction}
        lock={lockWeekAction}
        unlock={unlockWeekAction}
      />
    </div>
  );
}
