import { getTranslations, setRequestLocale } from "next-intl/server";
import { FollowUpList } from "@/components/follow-up/follow-up-list";
import { isAppError } from "@/lib/errors";
import { formatNumber } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import { pageActor, pageData } from "@/lib/next/page-guard";
import { titled } from "@/lib/next/page-title";
import { FOLLOW_UP_PAGE_SIZE, listFollowUps } from "@/lib/reports/flags";
import { oneParam, type SearchParams } from "@/lib/validation/search-param";

export const generateMetadata = titled("followUp.list.title");

/** Flagged figures, filtered by area, week and sector with a plain GET form: readable and usable with JavaScript off. */
export default async function FollowUpsPage({ params, searchParams }: { params: Promise<{ locale: string }>; searchParams: Promise<SearchParams> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await pageActor(locale, "/reports/follow-ups");
  const t = await getTranslations("followUp.list");
  const tc = await getTranslations("common");
  const sp = await searchParams;
  const values = { area: oneParam(sp.area).trim(), week: oneParam(sp.week).trim(), sector: oneParam(sp.sector), state: oneParam(sp.state) || "open" };
  // An unknown area in the filter is said on the page, not a 404: the filter came from a person typing.
  const { result, unknownArea } = pageData(locale, (db) => {
    try {
      return { result: listFollowUps(db, actor, { ...values, page: oneParam(sp.page) || 1 }), unknownArea: false };
    } catch (e) {
      if (!isAppError(e) || e.code !== "not_found") throw e;
      return { result: listFollowUps(db, actor, { ...values, area: undefined, page: oneParam(sp.page) || 1 }), unknownArea: true };
    }
  });
  const n = (v: number) => formatNumber(v, locale, actor.numerals);
  const pages = Math.max(1, Math.ceil(result.total / FOLLOW_UP_PAGE_SIZE));
  const kept = Object.fromEntries(Object.entries(values).filter(([k, v]) => v !== "" && !(k === "area" && unknownArea)));
  const pageHref = (page: number) => ({ pathname: "/reports/follow-ups", query: { ...kept, page: String(page) } });
  const name = (s: { nameEn: string; nameAr: string }) => (locale === "ar" ? s.nameAr : s.nameEn);

  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </div>
      <form method="get" className="card grid gap-3 sm:grid-cols-5 sm:items-end" data-testid="follow-ups-filter" role="search" aria-label={t("filter")}>
        <div>
          <label className="label" htmlFor="fu-area">
            {t("area")}
          </label>
          <input id="fu-area" name="area" className="input" dir="ltr" defaultValue={values.area} autoComplete="off" aria-describedby={unknownArea ? "fu-area-error" : undefined} />
          {unknownArea ? (
            <p id="fu-area-error" className="field-error" role="alert">
              {t("unknownArea", { pcode: values.area })}
            </p>
          ) : null}
        </div>
        <div>
          <label className="label" htmlFor="fu-week">
            {t("week")}
          </label>
          <input id="fu-week" name="week" className="input" dir="ltr" defaultValue={values.week} placeholder="2020-W04" autoComplete="off" />
        </div>
        <div>
          <label className="label" htmlFor="fu-sector">
            {t("sector")}
          </label>
          <select id="fu-sector" name="sector" className="input" defaultValue={values.sector}>
            <option value="">{t("anySector")}</option>
            {result.sectors.map((s) => (
              <option key={s.code} value={s.code}>
                {name(s)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className="label" htmlFor="fu-state">
            {t("state")}
          </label>
          <select id="fu-state" name="state" className="input" defaultValue={values.state}>
            {(["open", "cleared", "all"] as const).map((s) => (
              <option key={s} value={s}>
                {t(`states.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit" className="btn" data-testid="follow-ups-apply">
            {t("apply")}
          </button>
        </div>
      </form>
      <section aria-labelledby="follow-ups-results" className="card grid gap-3">
        <h2 id="follow-ups-results" className="text-lg font-semibold">
          {t("results")}
        </h2>
        <p className="text-sm" data-testid="follow-ups-total">
          {t("total", { count: result.total, total: n(result.total) })}
        </p>
        <FollowUpList rows={result.rows} sectors={result.sectors} locale={locale} numerals={actor.numerals} timeZone={actor.timeZone} />
        <nav aria-label={t("pagination")} className="flex flex-wrap items-center gap-4 text-sm">
          {result.filter.page > 1 ? (
            <Link href={pageHref(result.filter.page - 1)} rel="prev">
              {tc("previous")}
            </Link>
          ) : null}
          <span>{t("pageOfTotal", { page: n(result.filter.page), pages: n(pages) })}</span>
          {result.hasMore ? (
            <Link href={pageHref(result.filter.page + 1)} rel="next">
              {tc("next")}
            </Link>
          ) : null}
        </nav>
      </section>
    </div>
  );
}
