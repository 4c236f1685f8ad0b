import { getTranslations, setRequestLocale } from "next-intl/server";
import { Choropleth } from "@/components/summary/choropleth";
import { FilterErrors } from "@/components/summary/filter-errors";
import { getServerFormatters } from "@/lib/i18n/server-formatters";
import { ViewForm } from "@/components/summary/view-form";
import { pageActor, pageData } from "@/lib/next/page-guard";
import { loadMap } from "@/lib/summary/map";
import { titled } from "@/lib/next/page-title";

export const generateMetadata = titled("summary.map.title");

export default async function MapPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await pageActor(locale, "/map");
  const t = await getTranslations("summary.map");
  const f = await getServerFormatters(locale, actor.numerals);
  const sp = await searchParams;
  const data = pageData(locale, (db) => loadMap(db, actor, sp));
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </div>
      <FilterErrors errors={data.errors} f={f} />
      <div className="card grid gap-4">
        <ViewForm
          id="map"
          pathname="/map"
          weeks={data.weeks}
          week={data.week}
          f={f}
          locale={locale}
          options={{
            level: { value: data.level, options: [1, 2], label: t("level") },
            measure: data.measure,
            sector: { value: data.sector, options: data.sectors },
          }}
        />
        <Choropleth rows={data.areas} level={data.level} measure={data.measure} sector={data.sector} week={data.week} locale={locale} f={f} id="map-figure" />
      </div>
    </div>
  );
}
