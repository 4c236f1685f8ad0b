import { getTranslations } from "next-intl/server";
import { AreaName } from "@/components/area-name";
import { formatDateTime, type Numerals } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import type { MyWeekRow } from "@/lib/reports/read";
import type { WeekDeadline } from "@/lib/reports/deadlines";
import { StatusBadge } from "./status-badge";
import { isolateAll } from "@/lib/i18n/bidi";

const DUE_CLASS = {
  submitted: "inline-block rounded border px-2 py-0.5 text-xs font-medium border-green-300 bg-green-50 text-green-900",
  due: "inline-block rounded border px-2 py-0.5 text-xs font-medium border-sky-300 bg-sky-50 text-sky-900",
  overdue: "inline-block rounded border px-2 py-0.5 text-xs font-medium border-rose-400 bg-rose-50 text-rose-900",
} as const;

/**
 * A coordinator's areas for one week: status of each, and one click to enter or edit its figures.
 * A table from the sm breakpoint up; below it the same table is laid out as a list of cards
 * (`cards-on-phone` in app/globals.css, decision 043), so the way into each report is on screen
 * at 360 px without scrolling sideways. The area's name links to its report too.
 */
export async function MyWeekTable({
  rows,
  week,
  deadline,
  caption,
  locale,
  numerals,
  timeZone,
}: {
  rows: MyWeekRow[];
  week: string;
  deadline: WeekDeadline;
  caption: string;
  locale: string;
  numerals: Numerals;
  timeZone: string;
}) {
  const t = await getTranslations("reports.myWeek");
  const tv = await getTranslations("reports.review");
  const td = await getTranslations("reports.deadline");
  if (!rows.length) return <p>{t("empty")}</p>;
  const deadlineAt = formatDateTime(deadline.deadline, locale, numerals, timeZone);
  return (
    <>
    <p className="text-sm" data-testid="my-week-deadline">
      {td("deadlineIs", isolateAll({ at: deadlineAt }))}
      {deadline.locked ? (
        <span className="ms-2 font-semibold text-red-800" data-testid="my-week-locked">
          {td("weekLocked")}
        </span>
      ) : null}
    </p>
    <table className="table cards-on-phone" data-testid="my-week">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("area")}</th>
          <th scope="col">{t("status")}</th>
          <th scope="col">{td("dueColumn")}</th>
          <th scope="col">{t("lastChange")}</th>
          <th scope="col">
            <span className="sr-only">{t("open")}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const href = `/reports/${r.pcode}/${week}`;
          return (
            <tr key={r.pcode} data-testid="my-week-row" data-pcode={r.pcode} data-status={r.status}>
              <th scope="row" className="font-normal">
                <span style={{ paddingInlineStart: `${r.depth * 1.25}rem` }} className="card-indent inline-block font-medium">
                  <Link href={href} data-testid={`open-name-${r.pcode}`}>
                    <AreaName area={r} locale={locale} />
                  </Link>
                </span>
              </th>
              <td data-reopened={r.reopened ? "true" : undefined} data-returned={r.returned ? "true" : undefined}>
                {/* A returned report is a draft again, but the coordinator must see why at once. */}
                <StatusBadge status={r.returned && r.status === "draft" ? "returned" : r.status} />
                {r.returned ? (
                  <div className="mt-1 text-xs" data-testid="my-week-returned">
                    <p>{tv("myWeekReturned", isolateAll({ name: r.returned.by ?? "—", at: formatDateTime(r.returned.at, locale, numerals, timeZone) }))}</p>
                    <p dir="auto" className="whitespace-pre-wrap">
                      {r.returned.reason}
                    </p>
                  </div>
                ) : null}
                {r.reopened ? (
                  <p className="mt-1 text-xs" data-testid="my-week-reopened">
                    {t("reopened")} <bdi>{r.reopened.reason}</bdi>
                  </p>
                ) : null}
              </td>
              <td data-label={td("dueColumn")} data-testid="my-week-due" data-due={r.due ?? undefined}>
                {r.due ? (
                  <>
                    <span className={DUE_CLASS[r.due]}>{td(`state.${r.due}`)}</span>
                    {r.due !== "submitted" ? <span className="block text-xs text-slate-700">{td("until", isolateAll({ at: deadlineAt }))}</span> : null}
                  </>
                ) : (
                  <span className="text-xs text-slate-600">{td("notExpected")}</span>
                )}
              </td>
              <td className="text-xs text-slate-600" data-label={t("lastChange")}>
                {r.updatedAt ? t("lastChangeBy", isolateAll({ at: formatDateTime(r.updatedAt, locale, numerals, timeZone), name: r.updatedBy ?? "—" })) : "—"}
              </td>
              <td>
                <Link href={href} data-testid={`open-${r.pcode}`} className="inline-block py-1 font-medium">
                  {r.status === "missing" ? t("enter") : r.status === "approved" ? t("view") : t("edit")}
                </Link>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
    </>
  );
}
