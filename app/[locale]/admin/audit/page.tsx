import { getTranslations, setRequestLocale } from "next-intl/server";
import { AuditFilterForm, type AuditFilterValues } from "@/components/audit/audit-filter-form";
import { AuditTable } from "@/components/audit/audit-table";
import { AUDIT_PAGE_SIZE, listAudit } from "@/lib/audit";
import { formatNumber } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import { pageActor, pageData } from "@/lib/next/page-guard";
import { titled } from "@/lib/next/page-title";
import { oneParam, type SearchParams } from "@/lib/validation/search-param";

export const generateMetadata = titled("audit.title");

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await pageActor(locale, "/admin/audit", "admin");
  const t = await getTranslations("audit");
  const tc = await getTranslations("common");
  const sp = await searchParams;
  const values: AuditFilterValues = {
    entityType: oneParam(sp.entityType),
    action: oneParam(sp.action),
    actor: oneParam(sp.actor),
    from: oneParam(sp.from),
    to: oneParam(sp.to),
  };
  const result = pageData(locale, (db) => listAudit(db, actor, { ...values, page: oneParam(sp.page) || 1 }));
  const n = (v: number) => formatNumber(v, locale, actor.numerals);
  const pages = Math.max(1, Math.ceil(result.total / AUDIT_PAGE_SIZE));
  // Paging keeps the filter: only the filled-in fields go into the links.
  const kept = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ""));
  const pageHref = (page: number) => ({ pathname: "/admin/audit", query: { ...kept, page: String(page) } });

  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </div>
      <AuditFilterForm values={values} timeZone={actor.timeZone} />
      <section aria-labelledby="audit-results" className="card grid gap-3">
        <h2 id="audit-results" className="text-lg font-semibold">
          {t("results")}
        </h2>
        <p className="text-sm" data-testid="audit-total">
          {t("total", { count: result.total, total: n(result.total) })}
        </p>
        <AuditTable rows={result.rows} locale={locale} numerals={actor.numerals} timeZone={actor.timeZone} />
        <nav aria-label={t("pagination")} className="flex flex-wrap items-center gap-4 text-sm" data-testid="audit-pagination">
          {result.page > 1 ? (
            <Link href={pageHref(result.page - 1)} rel="prev">
              {tc("previous")}
            </Link>
          ) : null}
          <span>{t("pageOfTotal", { page: n(result.page), pages: n(pages) })}</span>
          {result.hasMore ? (
            <Link href={pageHref(result.page + 1)} rel="next">
              {tc("next")}
            </Link>
          ) : null}
        </nav>
      </section>
    </div>
  );
}
