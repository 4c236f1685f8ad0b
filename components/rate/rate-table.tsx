import { getTranslations } from "next-intl/server";
import { AreaName } from "@/components/area-name";
import { ScrollBox } from "@/components/scroll-box";
import { formatNumber, weekLabelParts, type Numerals } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import type { RateRow } from "@/lib/reports/reporting-rate";

/**
 * One row per area and week: reported of expected, the rate, and each missing unit with the
 * coordinators responsible for it. Column headers are sort links (GET), so it sorts without JavaScript.
 */
export async function RateTable({
  rows,
  locale,
  numerals,
  sortHref,
  sort,
  dir,
}: {
  rows: RateRow[];
  locale: string;
  numerals: Numerals;
  sortHref: (by: string) => string;
  sort: string;
  dir: "asc" | "desc";
}) {
  const t = await getTranslations("round.rate");
  const tc = await getTranslations("common");
  if (!rows.length) return <p data-testid="rate-empty">{t("empty")}</p>;
  const head = (by: string, label: string) => (
    <th scope="col" aria-sort={sort === by ? (dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={sortHref(by)} data-testid={`sort-${by}`}>
        {label}
        {sort === by ? <span aria-hidden="true">{dir === "asc" ? " ▲" : " ▼"}</span> : null}
      </Link>
    </th>
  );
  return (
    <ScrollBox labelledBy="rate-caption">
      <table className="table cards-on-phone" data-testid="rate-table">
        <caption id="rate-caption" className="text-start font-semibold">
          {t("caption")}
        </caption>
        <thead>
          <tr>
            {head("area", t("area"))}
            {head("week", t("week"))}
            <th scope="col">{t("reportedOfExpected")}</th>
            {head("rate", t("rate"))}
            {head("missing", t("missing"))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.area.pcode} ${r.week}`} data-testid="rate-row" data-pcode={r.area.pcode} data-week={r.week} data-rate={r.ratePct}>
              <th scope="row" className="font-medium">
                <AreaName area={r.area} locale={locale} />
                <span className="block text-xs font-normal text-slate-600">
                  {tc(`levels.${r.area.level}`)}
                </span>
              </th>
              <td data-label={t("week")}>{tc("weekLabel", weekLabelParts(r.week, locale, numerals))}</td>
              <td data-label={t("reportedOfExpected")} data-testid="rate-counts">
                {t("ofExpected", { reported: formatNumber(r.reported, locale, numerals), expected: formatNumber(r.expected, locale, numerals) })}
              </td>
              <td data-label={t("rate")}>{`${formatNumber(r.ratePct, locale, numerals, 1)}%`}</td>
              <td data-label={t("missing")}>
                {r.missing.length ? (
                  <ul className="grid gap-1 text-sm" data-testid="rate-missing">
                    {r.missing.map((m) => (
                      <li key={m.pcode} data-pcode={m.pcode}>
                        <Link href={`/reports/${m.pcode}/${r.week}`}>
                          <AreaName area={m} locale={locale} />
                        </Link>{" "}
                        <span className="text-xs text-slate-700">
                          {m.coordinators.length ? (
                            <>
                              {t("responsible")}{" "}
                              {m.coordinators.map((c, i) => (
                                <span key={c.email}>
                                  {i ? ", " : ""}
                                  <bdi>{c.name}</bdi> (<a href={`mailto:${c.email}`}>
                                    <bdi>{c.email}</bdi>
                                  </a>)
                                </span>
                              ))}
                            </>
                          ) : (
                            t("nobody")
                          )}
                        </span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="text-sm">{t("none")}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
