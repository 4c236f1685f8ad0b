import { getTranslations } from "next-intl/server";
import { AreaName } from "@/components/area-name";
import { formatDateTime, type Numerals } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import type { MyWeekRow } from "@/lib/reports/read";
import { StatusBadge } from "./status-badge";
import { isolateAll } from "@/lib/i18n/bidi";

/** A coordinator's areas for one week: status of each, and one click to enter or edit its figures. */
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
  const tv = await getTranslations("reports.review");
  if (!rows.length) return <p>{t("empty")}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="table" data-testid="my-week">
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
          {rows.map((r) => (
            <tr key={r.pcode} data-testid="my-week-row" data-pcode={r.pcode} data-status={r.status}>
              <td>
                <span style={{ paddingInlineStart: `${r.depth * 1.25}rem` }} className="inline-block">
                  <AreaName area={r} locale={locale} />
                </span>
              </td>
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
              <td className="text-xs text-slate-600">
                {r.updatedAt ? t("lastChangeBy", isolateAll({ at: formatDateTime(r.updatedAt, locale, numerals, timeZone), name: r.updatedBy ?? "—" })) : "—"}
              </td>
              <td>
                <Link href={`/reports/${r.pcode}/${week}`} data-testid={`open-${r.pcode}`}>
                  {r.status === "missing" ? t("enter") : r.status === "approved" ? t("view") : t("edit")}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
