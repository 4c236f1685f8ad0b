import { getTranslations, setRequestLocale } from "next-intl/server";
import { AreaName } from "@/components/area-name";
import { fieldLabel, sectorNames } from "@/components/reports/field-label";
import { StatusBadge } from "@/components/reports/status-badge";
import { ScrollBox } from "@/components/scroll-box";
import { isAppError } from "@/lib/errors";
import { formatNumber, weekLabelParts } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import { pageActor, pageData } from "@/lib/next/page-guard";
import { titled } from "@/lib/next/page-title";
import { listOutliers } from "@/lib/reports/outliers";
import { activeSectorsFor } from "@/lib/reports/range-rules-store";
import { oneParam, type SearchParams } from "@/lib/validation/search-param";

export const generateMetadata = titled("followUp.quality.title");

/** The outliers of a week: each figure outside its min-max rule, with the bounds and where they come from. Plain GET filter. */
export default async function DataQualityPage({ params, searchParams }: { params: Promise<{ locale: string }>; searchParams: Promise<SearchParams> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await pageActor(locale, "/reports/data-quality");
  const t = await getTranslations("followUp.quality");
  const tr = await getTranslations("reports");
  const tc = await getTranslations("common");
  const trs = (key: string, values?: Record<string, string | number>) => tr(key as never, values as never);
  const sp = await searchParams;
  const values = { week: oneParam(sp.week).trim(), area: oneParam(sp.area).trim() };
  const { result, problem } = pageData(locale, (db) => {
    try {
      return { result: listOutliers(db, actor, values), problem: null };
    } catch (e) {
      if (!isAppError(e) || (e.code !== "not_found" && e.code !== "invalid")) throw e;
      // A filter typed wrong is said beside it; the page still lists this week's outliers.
      return { result: listOutliers(db, actor, {}), problem: e.code === "not_found" ? ("area" as const) : ("week" as const) };
    }
  });
  const sectors = pageData(locale, (db) => activeSectorsFor(db, actor));
  const sectorName = sectorNames(sectors, locale);
  const n = (field: string, v: number | null) =>
    v === null ? "—" : field.endsWith(".gapPct") ? tr("figures.gapValue", { value: formatNumber(v, locale, actor.numerals, Number.isInteger(v) ? 0 : 1) }) : formatNumber(v, locale, actor.numerals);
  const name = (a: { nameEn: string; nameAr: string }) => (locale === "ar" ? a.nameAr : a.nameEn);
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </div>
      <form method="get" className="card grid gap-3 sm:grid-cols-3 sm:items-end" role="search" aria-label={t("filter")} data-testid="quality-filter">
        <div>
          <label className="label" htmlFor="dq-week">
            {t("week")}
          </label>
          <input id="dq-week" name="week" className="input" dir="ltr" defaultValue={values.week || result.week} autoComplete="off" aria-describedby={problem === "week" ? "dq-week-error" : undefined} />
          {problem === "week" ? (
            <p id="dq-week-error" className="field-error" role="alert">
              {t("badWeek")}
            </p>
          ) : null}
        </div>
        <div>
          <label className="label" htmlFor="dq-area">
            {t("area")}
          </label>
          <input id="dq-area" name="area" className="input" dir="ltr" defaultValue={values.area} autoComplete="off" aria-describedby={problem === "area" ? "dq-area-error" : undefined} />
          {problem === "area" ? (
            <p id="dq-area-error" className="field-error" role="alert">
              {t("unknownArea", { pcode: values.area })}
            </p>
          ) : null}
        </div>
        <div>
          <button type="submit" className="btn" data-testid="quality-apply">
            {t("apply")}
          </button>
        </div>
      </form>
      <section className="card grid gap-3" aria-labelledby="quality-results">
        <h2 id="quality-results" className="text-lg font-semibold">
          {t("results", { count: result.rows.length, week: tc("weekLabel", weekLabelParts(result.week, locale, actor.numerals)) })}
        </h2>
        {result.rows.length ? (
          <ScrollBox labelledBy="quality-caption">
            <table className="table" data-testid="quality-table">
              <caption id="quality-caption" className="sr-only">
                {t("caption")}
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="sticky-col">
                    {t("columns.area")}
                  </th>
                  <th scope="col">{t("columns.figure")}</th>
                  <th scope="col" className="text-end">
                    {t("columns.value")}
                  </th>
                  <th scope="col">{t("columns.bounds")}</th>
                  <th scope="col">{t("columns.source")}</th>
                  <th scope="col">{t("columns.status")}</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((r) => (
                  <tr key={`${r.pcode}-${r.field}`} data-testid="outlier" data-pcode={r.pcode} data-field={r.field}>
                    <th scope="row" className="sticky-col font-normal">
                      <Link href={`/reports/${r.pcode}/${result.week}`}>
                        <AreaName area={r} locale={locale} />
                      </Link>
                    </th>
                    <td>{fieldLabel(trs, r.field, sectorName)}</td>
                    <td className="num text-end font-semibold">
                      <span aria-hidden="true">{r.kind === "aboveMax" ? "▲ " : "▼ "}</span>
                      {n(r.field, r.value)}
                      <span className="sr-only"> ({t(`kinds.${r.kind}`)})</span>
                    </td>
                    <td className="num" data-testid="outlier-bounds">
                      {t("bounds", { min: n(r.field, r.min), max: n(r.field, r.max) })}
                    </td>
                    <td>
                      {t(`origins.${r.source.origin}`, { area: `${name(r.source)} (${r.source.pcode})` })}
                    </td>
                    <td>
                      <StatusBadge status={r.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        ) : (
          <p data-testid="quality-empty">{t("empty")}</p>
        )}
        {actor.role === "admin" ? (
          <p className="text-sm">
            <Link href="/admin/ranges">{t("manage")}</Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}
