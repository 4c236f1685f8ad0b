import { getTranslations, setRequestLocale } from "next-intl/server";
import { RateFilters } from "@/components/rate/rate-filters";
import { RateTable } from "@/components/rate/rate-table";
import { formatNumber } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import { pageActor, pageData } from "@/lib/next/page-guard";
import { titled } from "@/lib/next/page-title";
import { getReportingRate } from "@/lib/reports/reporting-rate";

export const generateMetadata = titled("round.rate.title");

/** Admin: reported vs expected per area and week over 12 weeks, with who is responsible for each missing unit. GET only: works without JavaScript. */
export default async function ReportingRatePage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await pageActor(locale, "/admin/reporting-rate", "admin");
  const sp = await searchParams;
  const raw = Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const rate = pageData(locale, (db) => getReportingRate(db, actor, raw));
  const t = await getTranslations("round.rate");
  const kept: Record<string, string> = { level: String(rate.level), end: rate.end, ...(rate.area ? { area: rate.area } : {}), ...(rate.week ? { week: rate.week } : {}) };
  const href = (extra: Record<string, string>) => `/admin/reporting-rate?${new URLSearchParams({ ...kept, sort: rate.sort, dir: rate.dir, ...extra })}`;
  const sortHref = (by: string) => href({ sort: by, dir: rate.sort === by && rate.dir === "asc" ? "desc" : "asc", page: "1" });
  const pages = Math.max(1, Math.ceil(rate.total / rate.pageSize));
  const exportHref = (format: string) => `/api/v1/reporting-rate?${new URLSearchParams({ ...kept, sort: rate.sort, dir: rate.dir, format, lang: locale })}`;
  const overall = rate.totals.expected ? Math.round((rate.totals.reported / rate.totals.expected) * 1000) / 10 : null;
  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-sm">{t("help")}</p>
      <RateFilters rate={rate} locale={locale} numerals={actor.numerals} />
      <p className="text-sm" data-testid="rate-overall">
        {overall === null
          ? t("overallNone")
          : t("overall", {
              reported: formatNumber(rate.totals.reported, locale, actor.numerals),
              expected: formatNumber(rate.totals.expected, locale, actor.numerals),
              pct: formatNumber(overall, locale, actor.numerals, 1),
            })}
      </p>
      <RateTable rows={rate.rows} locale={locale} numerals={actor.numerals} sortHref={sortHref} sort={rate.sort} dir={rate.dir} />
      {pages > 1 ? (
        <nav aria-label={t("pagination")} className="flex flex-wrap gap-4 text-sm" data-testid="rate-pages">
          {rate.page > 1 ? <Link href={href({ page: String(rate.page - 1) })}>{t("previous")}</Link> : null}
          <span>{t("pageOf", { page: formatNumber(rate.page, locale, actor.numerals), pages: formatNumber(pages, locale, actor.numerals) })}</span>
          {rate.page < pages ? <Link href={href({ page: String(rate.page + 1) })}>{t("next")}</Link> : null}
        </nav>
      ) : null}
      <div className="grid gap-1 text-sm" data-testid="rate-export">
        <p className="font-medium">{t("exportTitle")}</p>
        <ul className="flex flex-wrap gap-4">
          <li>
            <a href={exportHref("csv")} download data-testid="rate-export-csv">
              {t("csv")}
            </a>
          </li>
          <li>
            <a href={exportHref("xlsx")} download data-testid="rate-export-xlsx">
              {t("xlsx")}
            </a>
          </li>
        </ul>
      </div>
    </div>
  );
}
