import { getTranslations, setRequestLocale } from "next-intl/server";
import { RangeRulesForm, type RangeRuleRow } from "@/components/follow-up/range-rules-form";
import { fieldLabel, sectorNames } from "@/components/reports/field-label";
import { isAppError } from "@/lib/errors";
import { isolate } from "@/lib/i18n/bidi";
import { formatDateTime, formatNumber, weekLabelParts } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import { pageActor, pageData } from "@/lib/next/page-guard";
import { titled } from "@/lib/next/page-title";
import { SUGGESTION_RULE } from "@/lib/reports/range-rules";
import { activeSectorsFor, getRangeRules } from "@/lib/reports/range-rules-store";
import { applyRangeSuggestionAction, saveRangeRulesAction } from "./actions";
import { oneParam, type SearchParams } from "@/lib/validation/search-param";

type Basis = { n?: number; median?: number; mad?: number; from?: string; to?: string };

export const generateMetadata = titled("followUp.ranges.title");

/** Admins: an area's min-max rules (inherited by its sub-areas), with the history's suggestion for each figure. */
export default async function RangeRulesPage({ params, searchParams }: { params: Promise<{ locale: string }>; searchParams: Promise<SearchParams> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await pageActor(locale, "/admin/ranges", "admin");
  const t = await getTranslations("followUp.ranges");
  const tr = await getTranslations("reports");
  const tc = await getTranslations("common");
  const trs = (key: string, values?: Record<string, string | number>) => tr(key as never, values as never);
  const sp = await searchParams;
  const values = { area: oneParam(sp.area).trim(), week: oneParam(sp.week).trim() };
  const data = values.area
    ? pageData(locale, (db) => {
        try {
          return getRangeRules(db, actor, { pcode: values.area, week: values.week || undefined });
        } catch (e) {
          if (isAppError(e) && e.code === "not_found") return null;
          throw e;
        }
      })
    : null;
  const sectors = pageData(locale, (db) => activeSectorsFor(db, actor));
  const sectorName = sectorNames(sectors, locale);
  const week = (w: string) => isolate(tc("weekLabel", weekLabelParts(w, locale, actor.numerals)));
  const fmt = (field: string, v: number | null | undefined) =>
    v === null || v === undefined
      ? "—"
      : field.endsWith(".gapPct")
        ? tr("figures.gapValue", { value: formatNumber(v, locale, actor.numerals, Number.isInteger(v) ? 0 : 1) })
        : formatNumber(v, locale, actor.numerals, Number.isInteger(v) ? 0 : 1);
  const name = (a: { nameEn: string; nameAr: string; pcode: string }) => `${locale === "ar" ? a.nameAr : a.nameEn} (${a.pcode})`;
  const rows: RangeRuleRow[] = (data?.rules ?? []).map((r) => {
    const basis = (r.own?.basis ?? {}) as Basis;
    return {
      field: r.field,
      label: fieldLabel(trs, r.field, sectorName),
      min: r.own?.min === null || r.own?.min === undefined ? "" : String(r.own.min),
      max: r.own?.max === null || r.own?.max === undefined ? "" : String(r.own.max),
      inherited: r.inherited ? t("inherited", { area: isolate(name(r.inherited.source)), min: fmt(r.field, r.inherited.min), max: fmt(r.field, r.inherited.max) }) : null,
      ownBasis: r.own
        ? r.own.origin === "history"
          ? t("ownHistory", { n: basis.n ?? 0, median: fmt(r.field, basis.median), mad: fmt(r.field, basis.mad), from: week(basis.from ?? ""), to: week(basis.to ?? "") })
          : t("ownManual", { at: isolate(formatDateTime(r.own.updatedAt, locale, actor.numerals, actor.timeZone)) })
        : null,
      suggestion: r.suggestion
        ? t("suggestion", {
            n: r.suggestion.n,
            from: week(r.suggestion.from),
            to: week(r.suggestion.to),
            median: fmt(r.field, r.suggestion.median),
            mad: fmt(r.field, r.suggestion.mad),
            min: fmt(r.field, r.suggestion.min),
            max: fmt(r.field, r.suggestion.max),
          })
        : t("noSuggestion", { minWeeks: SUGGESTION_RULE.minWeeks, weeks: SUGGESTION_RULE.weeks }),
      canApply: !!r.suggestion,
    };
  });
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("intro", { weeks: SUGGESTION_RULE.weeks, minWeeks: SUGGESTION_RULE.minWeeks, mads: SUGGESTION_RULE.mads })}</p>
      </div>
      <form method="get" className="card grid gap-3 sm:grid-cols-3 sm:items-end" role="search" aria-label={t("choose")} data-testid="ranges-filter">
        <div>
          <label className="label" htmlFor="rr-area">
            {t("area")}
          </label>
          <input id="rr-area" name="area" className="input" dir="ltr" defaultValue={values.area} autoComplete="off" aria-describedby={values.area && !data ? "rr-area-error" : undefined} />
          {values.area && !data ? (
            <p id="rr-area-error" className="field-error" role="alert">
              {t("unknownArea", { pcode: values.area })}
            </p>
          ) : null}
        </div>
        <div>
          <label className="label" htmlFor="rr-week">
            {t("asOf")}
          </label>
          <input id="rr-week" name="week" className="input" dir="ltr" defaultValue={data?.window.asOf ?? values.week} placeholder="2020-W04" autoComplete="off" />
        </div>
        <div>
          <button type="submit" className="btn" data-testid="ranges-open">
            {t("open")}
          </button>
        </div>
      </form>
      {data ? (
        <section className="card grid gap-3" aria-labelledby="ranges-area-title">
          <h2 id="ranges-area-title" className="text-lg font-semibold">
            {t("areaTitle", { area: isolate(name(data.area)) })}
          </h2>
          <p className="text-sm">{t("window", { from: week(data.window.from), to: week(data.window.to) })}</p>
          <RangeRulesForm
            key={data.area.pcode}
            pcode={data.area.pcode}
            week={data.window.asOf}
            rows={rows}
            caption={t("caption", { area: isolate(name(data.area)) })}
            save={saveRangeRulesAction}
            apply={applyRangeSuggestionAction}
          />
          <p className="text-sm">
            <Link href={{ pathname: "/reports/data-quality", query: { area: data.area.pcode } }}>{t("seeOutliers")}</Link>
          </p>
        </section>
      ) : (
        <p className="text-sm text-slate-600">{t("pick")}</p>
      )}
    </div>
  );
}
