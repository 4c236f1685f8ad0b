import { GAP_SORTS, type GapQuery } from "@/lib/figures/gap-ranking";
import type { AreaRef } from "@/lib/figures/read";
import type { SectorInfo } from "@/lib/sectors";
import { MAX_RANGE_WEEKS } from "@/lib/figures/query";
import { addWeeks } from "@/lib/weeks";
import type { Formatters } from "@/lib/i18n/server-formatters";
import { html, joinHtml } from "@/lib/safe-html";
import { Markup } from "@/components/markup";
import { PlainLink } from "./plain-link";

/**
 * The gap report's filters: a GET form, so the filters are the page's address (shareable,
 * bookmarkable, no JavaScript needed). Printing hides it; GapPrintedFilters says the same in words.
 */
export function GapFilters({
  q,
  sectors,
  parents,
  locale,
  f,
}: {
  q: GapQuery;
  sectors: SectorInfo[];
  parents: AreaRef[];
  locale: string;
  f: Formatters;
}) {
  const t = f.scope("gaps");
  const tc = f.tc;
  // A range starts at most MAX_RANGE_WEEKS − 1 weeks before its last week.
  const fromList = Array.from({ length: MAX_RANGE_WEEKS - 1 }, (_, i) => addWeeks(q.to, -(i + 1)));
  const name = (a: { nameEn: string; nameAr: string }) => (locale === "ar" ? a.nameAr : a.nameEn);
  const parentList = q.parent && !parents.some((p) => p.pcode === q.parent) ? [{ pcode: q.parent, nameEn: q.parent, nameAr: q.parent, level: 3 }, ...parents] : parents;
  const parentOptions = joinHtml([
    html`<option value=""${q.parent ? null : html` selected`}>${t("parentAll")}</option>`,
    parentList.map((p) => html`<option value="${p.pcode}"${p.pcode === q.parent ? html` selected` : null}>${p.level > 1 ? "\u00a0\u00a0" : ""}${name(p)} (${p.pcode})</option>`),
  ]);
  return (
    // Keyed by the query: after a sort link (a client-side navigation) the fields show the new values, not the old ones.
    <form key={JSON.stringify(q)} method="get" className="no-print card grid gap-3 sm:grid-cols-2 lg:grid-cols-4 lg:items-end" role="search" aria-label={t("filters")} data-testid="gap-filters">
      {/* A range reads from its first week to its last, in this order, as people say it. */}
      <div>
        <label className="label" htmlFor="g-from">
          {t("from")}
        </label>
        <select id="g-from" name="from" defaultValue={q.from === q.to ? "" : q.from} className="input">
          <option value="">{t("fromSame")}</option>
          {fromList.map((w) => (
            <option key={w} value={w}>
              {f.week(w)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label className="label" htmlFor="g-week">
          {t("week")}
        </label>
        <input id="g-week" type="week" name="week" defaultValue={q.to} className="input" dir="ltr" placeholder="2020-W04" />
      </div>
      <div>
        <label className="label" htmlFor="g-level">
          {t("level")}
        </label>
        <select id="g-level" name="level" defaultValue={String(q.level)} className="input">
          {[1, 2, 3, 4].map((l) => (
            <option key={l} value={l}>
              {tc(`levels.${l}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label className="label" htmlFor="g-parent">
          {t("parent")}
        </label>
        {/* Seventy-odd options as markup (lib/safe-html.ts), the chosen one marked selected. */}
        <Markup as="select" id="g-parent" name="parent" className="input" html={parentOptions} />
      </div>
      <div>
        <label className="label" htmlFor="g-sector">
          {t("sector")}
        </label>
        <select id="g-sector" name="sector" defaultValue={q.sector} className="input">
          {sectors.map((s) => (
            <option key={s.code} value={s.code}>
              {name(s)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label className="label" htmlFor="g-critical">
          {t("critical")}
        </label>
        <input id="g-critical" name="critical" type="number" min={0} max={100} step={0.1} defaultValue={q.critical} className="input" dir="ltr" />
      </div>
      <div>
        <label className="label" htmlFor="g-high">
          {t("high")}
        </label>
        <input id="g-high" name="high" type="number" min={0} max={100} step={0.1} defaultValue={q.high} className="input" dir="ltr" />
      </div>
      <div>
        <label className="label" htmlFor="g-show">
          {t("show")}
        </label>
        <select id="g-show" name="show" defaultValue={q.show} className="input">
          <option value="all">{t("showAll")}</option>
          <option value="high">{t("showHigh")}</option>
          <option value="critical">{t("showCritical")}</option>
        </select>
      </div>
      <div>
        <label className="label" htmlFor="g-sort">
          {t("results")}
        </label>
        <select id="g-sort" name="sort" defaultValue={q.sort} className="input">
          {GAP_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`sorts.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="flex items-end gap-3 lg:col-span-3">
        <button type="submit" className="btn">
          {t("apply")}
        </button>
        <PlainLink locale={locale} href="/reports/gaps" className="text-sm">
          {t("reset")}
        </PlainLink>
      </div>
    </form>
  );
}
