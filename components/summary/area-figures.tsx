import type { Numerals } from "@/lib/i18n/format";
import type { AreaRef } from "@/lib/figures/read";
import type { AreaFiguresData } from "@/lib/summary/area-figures";
import { ChildrenTable } from "./children-table";
import { Completeness } from "./completeness";
import { ExportLinks } from "./export-links";
import { FigureSection } from "./figure-section";
import { FiguresPanel } from "./figures-panel";
import { FilterErrors } from "./filter-errors";
import { getServerFormatters } from "@/lib/i18n/server-formatters";
import { AreaReportWeeks } from "./area-report-weeks";
import { SectorGaps } from "./sector-gaps";
import { TrendCharts } from "./trend-charts";
import { ViewForm } from "./view-form";
import { isolate } from "@/lib/i18n/bidi";

/**
 * An area's weekly figures: the week's counts and how they were obtained, gaps per sector,
 * completeness, trends over 12/26/52 weeks, the sub-areas' table (sortable, exportable) and the
 * weeks this area reported directly.
 */
export async function AreaFigures({
  area,
  data,
  locale,
  numerals,
  timeZone,
  before,
}: {
  area: AreaRef;
  data: AreaFiguresData;
  locale: string;
  numerals: Numerals;
  timeZone: string;
  before: string | null;
}) {
  const f = await getServerFormatters(locale, numerals);
  const t = f.t;
  const pathname = `/areas/${area.pcode}`;
  const sortQuery = { sort: data.sort.by, dir: data.sort.dir, sector: data.sort.sector };
  const view = { week: data.week, range: String(data.range) };
  const name = locale === "ar" ? area.nameAr : area.nameEn;
  return (
    <div className="grid gap-6" data-testid="area-figures">
      <FigureSection id="area-week" title={t("figures.title", { week: f.week(data.week) })}>
        <FilterErrors errors={data.errors} f={f} />
        <ViewForm id="area" pathname={pathname} weeks={data.weeks} week={data.week} f={f} locale={locale} hidden={sortQuery} options={{ range: data.range }} />
        <FiguresPanel figures={data.summary} change={data.change} f={f} />
        <Completeness value={data.summary.completeness} f={f} locale={locale} />
      </FigureSection>
      <FigureSection id="area-sectors" title={t("sectors.title")}>
        <SectorGaps figures={data.summary} change={data.change} locale={locale} f={f} id="area-gapbars" />
      </FigureSection>
      <FigureSection id="area-trend" title={t("trend.title")}>
        <TrendCharts trend={data.trend} locale={locale} f={f} id="area-trend" />
      </FigureSection>
      {area.level < 4 ? (
        <FigureSection id="area-children" title={t("children.title", { week: f.week(data.week) })}>
          <ChildrenTable
            rows={data.children}
            sort={data.sort}
            sectors={data.sectors}
            pathname={pathname}
            keep={view}
            caption={t("children.caption", { name: isolate(name), week: f.week(data.week) })}
            locale={locale}
            f={f}
          />
          <ExportLinks path={`/api/v1/summary/${area.pcode}/children`} query={{ week: data.week }} locale={locale} testId="children-export" f={f} />
        </FigureSection>
      ) : null}
      <FigureSection id="area-history" title={t("history.title")}>
        <AreaReportWeeks pcode={area.pcode} history={data.reportedWeeks} pathname={pathname} keep={{ ...view, ...sortQuery }} before={before} locale={locale} numerals={numerals} timeZone={timeZone} f={f} />
      </FigureSection>
    </div>
  );
}
