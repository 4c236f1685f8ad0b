import { getTranslations } from "next-intl/server";
import { AreaName } from "@/components/area-name";
import { formatDateTime, type Numerals } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import type { MyWeekRow } from "@/lib/reports/read";
import { StatusBadge } from "./status-badge";
import { isolateAll } from "@/lib/i18n/bidi";

/**
 * A coordinator's areas for one week: status of each, and one click to enter or edit its figures.
 * A table from the sm breakpoint up; below it the same table is laid out as a list of cards
 * (`cards-on-phone` in app/globals.css, decision 043), so the way into each report is on screen
 * at 360 px without scrolling sideways. The area's name links to its report too.
 */
export async function MyWeekTable({
  rows,
  week,
  caption,
  locale,
  numerals,
  timeZone,
}: {
  rows: MyWeekRow[];
  week: string;
  caption: string;
  locale: string;
  numerals: Numerals;
  timeZone: string;
}) {
  const t = await getTranslations("reports.myWeek");
  if (!rows.length) return <p>{t("empty")}</p>;
  return (
    <table className="table cards-on-phone" data-testid="my-week">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("area")}</th>
          <th scope="col">{t("status")}</th>
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
              <td data-reopened={r.reopened ? "true" : undefined}>
                <StatusBadge status={r.status} />
                {r.reopened ? (
                  <p className="mt-1 text-xs" data-testid="my-week-reopened">
                    {t("reopened")} <bdi>{r.reopened.reason}</bdi>
                  </p>
                ) : null}
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
  );
}
