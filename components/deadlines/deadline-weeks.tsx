import { getTranslations } from "next-intl/server";
import { ButtonForm } from "@/components/button-form";
import { ScrollBox } from "@/components/scroll-box";
import type { FormAction } from "@/lib/action-state";
import { isolateAll } from "@/lib/i18n/bidi";
import { formatDateTime, weekLabelParts, type Numerals } from "@/lib/i18n/format";
import type { WeekDeadline } from "@/lib/reports/deadlines";

/** The weeks around now with their deadline and lock, and the admin's per-week actions. */
export async function DeadlineWeeks({
  weeks,
  currentWeek,
  locale,
  numerals,
  timeZone,
  setDate,
  lock,
  unlock,
  automatic,
}: {
  weeks: WeekDeadline[];
  currentWeek: string;
  locale: string;
  numerals: Numerals;
  timeZone: string;
  setDate: FormAction<WeekDeadline>;
  lock: FormAction<WeekDeadline>;
  unlock: FormAction<WeekDeadline>;
  /** Back to the automatic lock, for a week an admin locked or unlocked by hand. */
  automatic: FormAction<WeekDeadline>;
}) {
  const t = await getTranslations("round.deadlines");
  const tc = await getTranslations("common");
  return (
    <ScrollBox labelledBy="deadline-weeks-caption">
      <table className="table cards-on-phone" data-testid="deadline-weeks">
        <caption id="deadline-weeks-caption" className="text-start font-semibold">
          {t("weeksCaption")}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("week")}</th>
            <th scope="col">{t("deadline")}</th>
            <th scope="col">{t("lock")}</th>
            <th scope="col">{t("actions")}</th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.week} data-testid="deadline-week" data-week={w.week} data-locked={w.locked ? "true" : "false"}>
              <th scope="row" className="font-medium">
                {tc("weekLabel", weekLabelParts(w.week, locale, numerals))}
                {w.week === currentWeek ? <span className="ms-1 text-xs font-normal">({t("current")})</span> : null}
              </th>
              <td data-label={t("deadline")}>
                <span data-testid="deadline-at">{formatDateTime(w.deadline, locale, numerals, timeZone)}</span>
                {w.dateOverridden ? <span className="block text-xs text-slate-600">{t("overridden")}</span> : null}
              </td>
              <td data-label={t("lock")} data-testid="lock-state">
                {w.locked ? t("locked") : t("open")}
                {w.lockAt && !w.locked ? <span className="block text-xs text-slate-600">{t("locksAt", isolateAll({ at: formatDateTime(w.lockAt, locale, numerals, timeZone) }))}</span> : null}
                {w.lockState ? <span className="block text-xs text-slate-600">{t(w.lockState === "locked" ? "lockedByAdmin" : "unlockedByAdmin")}</span> : null}
                {w.lockReason ? (
                  <span className="block text-xs" dir="auto">
                    {w.lockReason}
                  </span>
                ) : null}
              </td>
              <td>
                <div className="grid gap-2">
                  <ButtonForm action={setDate} fields={{ week: w.week }} label={t("setDate")} testId={`set-date-${w.week}`}>
                    <label className="text-xs" htmlFor={`date-${w.week}`}>
                      {t("deadlineDate", { zone: w.timeZone })}
                    </label>
                    <input id={`date-${w.week}`} type="date" name="deadlineDate" defaultValue={w.dateOverridden ? w.deadlineDate : ""} className="input" dir="ltr" />
                  </ButtonForm>
                  {w.locked ? (
                    <ButtonForm action={unlock} fields={{ week: w.week }} label={t("unlock")} testId={`unlock-${w.week}`}>
                      <label className="text-xs" htmlFor={`unlock-reason-${w.week}`}>
                        {t("unlockReason")}
                      </label>
                      <input id={`unlock-reason-${w.week}`} name="reason" required minLength={3} maxLength={500} className="input" dir="auto" />
                    </ButtonForm>
                  ) : (
                    <ButtonForm action={lock} fields={{ week: w.week }} label={t("lockNow")} testId={`lock-${w.week}`} danger>
                      <label className="text-xs" htmlFor={`lock-reason-${w.week}`}>
                        {t("lockReason")}
                      </label>
                      <input id={`lock-reason-${w.week}`} name="reason" maxLength={500} className="input" dir="auto" />
                    </ButtonForm>
                  )}
                  {w.lockState ? <ButtonForm action={automatic} fields={{ week: w.week }} label={t("automatic")} testId={`automatic-${w.week}`} /> : null}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
