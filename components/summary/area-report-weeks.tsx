import { formatDateTime, type Numerals } from "@/lib/i18n/format";
import { getPathname } from "@/lib/i18n/navigation";
import type { ReportedWeek } from "@/lib/reports/reported-weeks";
import type { Formatters } from "@/lib/i18n/server-formatters";
import { html, joinHtml } from "@/lib/safe-html";
import { Markup } from "@/components/markup";
import { reportStatusClass } from "@/components/reports/status-badge";
import { PlainLink } from "./plain-link";
import { ScrollBox } from "@/components/scroll-box";

/**
 * The weeks this area reported itself (its own reports, not its sub-areas'), newest first, each
 * linking to that week's report page. Not one report's revisions: that is ReportRevisions.
 */
export function AreaReportWeeks({
  pcode,
  history,
  pathname,
  keep,
  before,
  locale,
  numerals,
  timeZone,
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
  /** The reader's zone (decision 045). */
  timeZone: string;
  f: Formatters;
}) {
  const t = f.scope("history");
  const { rows, hasMore, includesDrafts } = history;
  // Rows as markup (lib/safe-html.ts), each week linking to its report page. Not memoised: the
  // history is read per request (drafts show only to those who may edit the area).
  const body = joinHtml(
    rows.map((r) => [
      html`<tr data-week="${r.week}"><th scope="row" class="font-normal align-top"><a href="${getPathname({ locale, href: `/reports/${pcode}/${r.week}` })}" title="${t("open")}">${f.week(r.week)}</a></th>`,
      html`<td><span class="${reportStatusClass(r.status)}" data-status="${r.status}">${t(`statuses.${r.status}`)}</span></td>`,
      html`<td class="text-sm">${formatDateTime(r.updatedAt, locale, numerals, timeZone)}</td><td class="num text-end">${f.n(r.version)}</td></tr>`,
    ]),
  );
  return (
    <div className="grid gap-3">
      <p className="text-sm text-slate-700">{t("intro")}</p>
      {includesDrafts ? <p className="text-xs text-slate-600">{t("drafts")}</p> : null}
      {rows.length ? (
        <ScrollBox labelledBy="area-report-weeks-caption">
          <table className="table" data-testid="area-report-weeks">
            <caption id="area-report-weeks-caption" className="sr-only">
              {t("title")}
            </caption>
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
            <Markup as="tbody" html={body} />
          </table>
        </ScrollBox>
      ) : (
        <p data-testid="area-report-weeks">{t("none")}</p>
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
