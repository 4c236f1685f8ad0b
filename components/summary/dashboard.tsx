import type { Numerals } from "@/lib/i18n/format";
import type { DashboardData } from "@/lib/summary/dashboard";
import { Choropleth } from "./choropleth";
import { Completeness } from "./completeness";
import { FigureSection } from "./figure-section";
import { FiguresPanel } from "./figures-panel";
import { FilterErrors } from "./filter-errors";
import { getServerFormatters } from "@/lib/i18n/server-formatters";
import { SectorGaps } from "./sector-gaps";
import { TopAreas } from "./top-areas";
import { TrendCharts } from "./trend-charts";
import { ViewForm } from "./view-form";
import { PlainLink } from "./plain-link";

/**
 * The dashboard for everyone: the whole country's figures for one week (the latest with data
 * unless chosen), with the change from the week before, completeness, a 12-week trend, the areas
 * with the most unmet families per sector, and a map of the governorates (its table lists each one's figure).
 * Its week is `summaryWeek` in the URL, so it does not move the coordinator's "My week" (`week`).
 */
export async function Dashboard({ data, locale, numerals, keep }: { data: DashboardData; locale: string; numerals: Numerals; keep: Record<string, string> }) {
  const f = await getServerFormatters(locale, numerals);
  const t = f.t;
  const { summary } = data;
  return (
    <section aria-labelledby="dashboard-title" className="grid gap-4" data-testid="dashboard">
      <div className="card grid gap-3">
        <h2 id="dashboard-title" className="text-xl font-bold">
          {t("dashboard.title")}
        </h2>
        <p className="text-sm text-slate-700">{t("dashboard.intro")}</p>
        <FilterErrors errors={data.errors} f={f} />
        {data.weeks.length ? (
          <ViewForm
            id="dashboard"
            weekParam="summaryWeek"
            pathname="/"
            weeks={data.weeks}
            week={data.week}
            f={f}
            locale={locale}
            hidden={keep}
            options={{
              level: { value: data.level, options: [1, 2, 3, 4], label: t("top.level") },
              measure: data.map.measure,
              sector: { value: data.map.sector, options: data.sectors },
            }}
          />
        ) : (
          <p data-testid="dashboard-empty">{t("dashboard.noData")}</p>
        )}
      </div>
      <FigureSection id="dash-figures" title={t("figures.title", { week: f.week(data.week) })}>
        <FiguresPanel figures={summary} change={data.change} f={f} country />
        <Completeness value={summary.completeness} f={f} locale={locale} />
      </FigureSection>
      <FigureSection id="dash-sectors" title={t("sectors.title")}>
        <SectorGaps figures={summary} change={data.change} locale={locale} f={f} id="dash-gapbars" />
      </FigureSection>
      <FigureSection id="dash-trend" title={t("trend.title")}>
        <TrendCharts trend={data.trend} locale={locale} f={f} id="dash-trend" />
      </FigureSection>
      <FigureSection id="dash-top" title={t("top.title")}>
        <TopAreas top={data.top} level={data.level} week={data.week} locale={locale} f={f} />
      </FigureSection>
      <FigureSection id="dash-map" title={t("map.title")}>
        <Choropleth rows={data.governorates} level={1} measure={data.map.measure} sector={data.map.sector} week={data.week} locale={locale} f={f} id="dash-map-figure" />
        <p className="text-sm">
          <PlainLink locale={locale} href={{ pathname: "/map", query: { week: data.week, measure: data.map.measure, sector: data.map.sector } }}>{t("map.open")}</PlainLink>
        </p>
      </FigureSection>
    </section>
  );
}
