import { getTranslations, setRequestLocale } from "next-intl/server";
import { ExportLinks } from "@/components/summary/export-links";
import { FilterErrors } from "@/components/summary/filter-errors";
import { getServerFormatters } from "@/lib/i18n/server-formatters";
import { GapFilters } from "@/components/summary/gap-filters";
import { GapPrintedFilters } from "@/components/summary/gap-printed-filters";
import { GapTable } from "@/components/summary/gap-table";
import { pageActor, pageData } from "@/lib/next/page-guard";
import { gapPageParams, gapQueryParams } from "@/lib/figures/query";
import { loadGapReport } from "@/lib/summary/gap-report";
import { listOpenFollowUps } from "@/lib/reports/flags";
import { PlainLink } from "@/components/summary/plain-link";
import { titled } from "@/lib/next/page-title";
import { isolate } from "@/lib/i18n/bidi";

export const generateMetadata = titled("summary.gaps.title");

export default async function GapReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await pageActor(locale, "/reports/gaps");
  const t = await getTranslations("summary.gaps");
  const f = await getServerFormatters(locale, actor.numerals);
  const sp = await searchParams;
  const data = pageData(locale, (db) => loadGapReport(db, actor, sp));
  const q = data.query;
  // Open follow-ups on the sector's figures or the counts, marked beside each area that has one in it or below.
  const open = pageData(locale, (db) => listOpenFollowUps(db, actor, { area: q.parent, from: q.from, to: q.to })).filter(
    (o) => !o.field.startsWith("sectors.") || o.field.startsWith(`sectors.${q.sector}.`),
  );
  const flagged = data.rows.filter((r) => open.some((o) => o.path.startsWith(r.path))).map((r) => r.area.pcode);
  const kept = gapQueryParams(q);
  const name = (a: { nameEn: string; nameAr: string }) => (locale === "ar" ? a.nameAr : a.nameEn);
  const pageHref = (page: number) => ({ pathname: "/reports/gaps", query: gapPageParams(q, page, data.limit) });
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
        <p className="no-print mt-1 text-xs text-slate-600">{t("printHint")}</p>
      </div>
      <FilterErrors errors={data.errors} f={f} />
      <GapFilters q={q} sectors={data.sectors} parents={data.parents} locale={locale} f={f} />
      <GapPrintedFilters q={q} sector={data.sector} parent={data.parentArea} locale={locale} f={f} />
      <section aria-labelledby="gap-results" className="card grid gap-3">
        <h2 id="gap-results" className="text-lg font-semibold">
          {t("results")}
        </h2>
        <p className="text-sm" data-testid="gap-description">
          {t("description", {
            level: String(q.level),
            parent: data.parentArea ? t("withinParent", { name: isolate(name(data.parentArea)) }) : t("inAllSyria"),
            sort: t(`sorts.${q.sort}`),
            sector: name(data.sector),
            period: q.from === q.to ? f.week(q.to) : t("period", { from: f.week(q.from), to: f.week(q.to) }),
          })}
        </p>
        {q.from !== q.to ? <p className="text-xs text-slate-600">{t("rangeNote")}</p> : null}
        <GapTable rows={data.rows} q={q} params={kept} f={f} locale={locale} flagged={flagged} />
        <nav aria-label={t("pagination")} className="no-print flex flex-wrap items-center gap-4 text-sm" data-testid="gap-pagination">
          {data.page > 1 ? (
            <PlainLink locale={locale} href={pageHref(data.page - 1)} rel="prev">
              {t("page", { page: f.n(data.page - 1) })}
            </PlainLink>
          ) : null}
          <span>{t("page", { page: f.n(data.page) })}</span>
          {data.hasMore ? (
            <PlainLink locale={locale} href={pageHref(data.page + 1)} rel="next">
              {t("page", { page: f.n(data.page + 1) })}
            </PlainLink>
          ) : null}
        </nav>
        <ExportLinks path="/api/v1/gaps" query={kept} locale={locale} testId="gap-export" f={f} />
      </section>
    </div>
  );
}
