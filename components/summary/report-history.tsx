import { formatDateTime, type Numerals } from "@/lib/i18n/format";
import { getPathname } from "@/lib/i18n/navigation";
import type { ReportedWeek } from "@/lib/reports/reported-weeks";
import type { Formatters } from "./fmt";
import { esc } from "./svg-markup";
import { PlainLink } from "./plain-link";

const STATUS_STYLE = {
  draft: "border-slate-400 text-slate-700",
  submitted: "border-sky-700 text-sky-900",
  approved: "border-green-700 text-green-900",
} as const;

/** The weeks this area reported itself, each linking to that week's report page. */
export function ReportHistory({
  pcode,
  history,
  pathname,
  keep,
  before,
  locale,
  numerals,
  f,
}: {
  pcode: string;
  history: { rows: ReportedWeek[]; hasMore: boolean; includesDrafts: boolean };
  pathname: string;
  /** Query parameters of the page to keep in the paging links (without `before`). */
  keep: Record<string, string>;
  before: string | null;
  locale: string;
  numerals: Numerals;
  f: Formatters;
}) {
  const t = f.scope("history");
  const { rows, hasMore, includesDrafts } = history;
  // Rows as one escaped markup string (row-markup.ts), each week linking to its report page.
  const body = rows
    .map(
      (r) =>
        `<tr data-week="${esc(r.week)}"><th scope="row" class="font-normal align-top"><a href="${esc(getPathname({ locale, href: `/reports/${pcode}/${r.week}` }))}" title="${esc(t("open"))}">${esc(f.week(r.week))}</a></th>` +
        `<td><span class="rounded border px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLE[r.status]}" data-status="${r.status}">${esc(t(`statuses.${r.status}`))}</span></td>` +
        `<td class="text-sm">${esc(formatDateTime(r.updatedAt, locale, numerals))}</td><td class="num text-end">${esc(f.n(r.version))}</td></tr>`,
    )
    .join("");
  return (
    <div className="grid gap-3">
      <p className="text-sm text-slate-700">{t("intro")}</p>
      {includesDrafts ? <p className="text-xs text-slate-600">{t("drafts")}</p> : null}
      {rows.length ? (
        <div className="overflow-x-auto">
          <table className="table" data-testid="report-history">
            <thead>
              <tr>
                <th scope="col">{t("week")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("updated")}</th>
                <th scope="col" className="text-end">
                  {t("version")}
                </th>
              </tr>
            </thead>
            <tbody dangerouslySetInnerHTML={{ __html: body }} />
          </table>
        </div>
      ) : (
        <p data-testid="report-history">{t("none")}</p>
      )}
      <nav className="flex gap-4 text-sm" aria-label={t("title")}>
        {before ? <PlainLink locale={locale} href={{ pathname, query: keep }}>{t("latest")}</PlainLink> : null}
        {hasMore ? (
          <PlainLink locale={locale} href={{ pathname, query: { ...keep, before: rows.at(-1)!.week } }} rel="next">
            {t("older")}
          </PlainLink>
        ) : null}
      </nav>
    </div>
  );
}
