import { getTranslations, setRequestLocale } from "next-intl/server";
import { formatDateTime, formatNumber } from "@/lib/i18n/format";
import { listImports } from "@/lib/import/history";
import { pageActor, pageData } from "@/lib/next/page-guard";
import { titled } from "@/lib/next/page-title";

export const generateMetadata = titled("figuresImport.list.title");

export default async function ImportsPage({ params, searchParams }: { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await pageActor(locale, "/reports/imports", "admin", "coordinator");
  const sp = await searchParams;
  const pageParam = Number(typeof sp.page === "string" ? sp.page : 1);
  const list = pageData(locale, (db) => listImports(db, actor, { page: Number.isSafeInteger(pageParam) ? pageParam : 1 }));
  const t = await getTranslations("figuresImport");
  const n = (v: number) => formatNumber(v, locale, actor.numerals);
  const when = (iso: string) => formatDateTime(iso, locale, actor.numerals, actor.timeZone);
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-bold">{t("list.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("list.intro")}</p>
        <p className="mt-1 text-sm">
          <a href={`/${locale}/reports/import`}>{t("list.newImport")}</a>
        </p>
      </div>
      {list.items.length ? (
        <ul className="grid gap-3" data-testid="imports-list">
          {list.items.map((i) => (
            <li key={i.id} className="card grid gap-1 text-sm" data-testid="import-entry" data-id={i.id} data-undone={i.undoneAt ? "1" : "0"}>
              <p className="font-semibold">
                <a href={`/${locale}/reports/imports/${i.id}`}>
                  <bdi>{i.fileName}</bdi>
                </a>{" "}
                · <span>{i.undoneAt ? t("list.stateUndone") : t("list.stateApplied")}</span>
              </p>
              <p>
                {when(i.at)} · <bdi>{i.by}</bdi>
              </p>
              <p>{t("list.counts", { created: n(i.created), updated: n(i.updated), unchanged: n(i.unchanged) })}</p>
              {i.undoneAt ? <p className="text-slate-700">{t("result.undoneAt", { at: when(i.undoneAt), by: i.undoneBy ?? "—" })}</p> : null}
              <p className="flex gap-4">
                <a href={`/${locale}/reports/imports/${i.id}`}>{t("list.open")}</a>
                {i.canUndo ? (
                  <a href={`/${locale}/reports/imports/${i.id}?confirm=undo`} data-testid="undo-link">
                    {t("list.undo")}
                  </a>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p data-testid="imports-empty">{t("list.empty")}</p>
      )}
      {list.pages > 1 ? (
        <nav className="flex gap-3 text-sm" aria-label={t("page.pageOf", { page: n(list.page), pages: n(list.pages) })}>
          {list.page > 1 ? <a href={`/${locale}/reports/imports?page=${list.page - 1}`}>{t("page.prev")}</a> : null}
          <span>{t("page.pageOf", { page: n(list.page), pages: n(list.pages) })}</span>
          {list.page < list.pages ? <a href={`/${locale}/reports/imports?page=${list.page + 1}`}>{t("page.next")}</a> : null}
        </nav>
      ) : null}
    </div>
  );
}
