import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { AreaName } from "@/components/area-name";
import { ImportActionForm } from "@/components/imports/import-action-form";
import { formatDateTime, formatNumber } from "@/lib/i18n/format";
import { getImport } from "@/lib/import/history";
import { pageActor, pageData } from "@/lib/next/page-guard";
import { titled } from "@/lib/next/page-title";
import { undoFiguresImportAction } from "../actions";

export const generateMetadata = titled("figuresImport.list.title", (p) => p.id ?? null);

export default async function ImportPage({ params, searchParams }: { params: Promise<{ locale: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  if (!/^\d{1,9}$/.test(id)) notFound();
  const actor = await pageActor(locale, `/reports/imports/${id}`, "admin", "coordinator");
  const sp = await searchParams;
  const imp = pageData(locale, (db) => getImport(db, actor, Number(id)));
  const t = await getTranslations("figuresImport");
  const n = (v: number) => formatNumber(v, locale, actor.numerals);
  const when = (iso: string) => formatDateTime(iso, locale, actor.numerals, actor.timeZone);
  const undone = typeof sp.undone === "string" ? /^(\d+)-(\d+)$/.exec(sp.undone) : null;
  return (
    <div className="grid gap-6" data-testid="import-detail">
      <div>
        <h1 className="text-2xl font-bold">{t("result.title", { id: n(imp.id) })}</h1>
        <p className="mt-1 text-sm">
          <bdi>{imp.fileName}</bdi> · {when(imp.at)} · <bdi>{imp.by}</bdi>
        </p>
        <p className="mt-1 text-sm">
          <a href={`/${locale}/reports/imports`}>{t("result.back")}</a>
        </p>
      </div>
      {sp.applied ? (
        <div className="alert-ok" role="status" data-testid="import-applied">
          {t("result.applied", { created: n(imp.created), updated: n(imp.updated), unchanged: n(imp.unchanged) })}
        </div>
      ) : null}
      {undone ? (
        <div className="alert-ok" role="status" data-testid="import-undone">
          {t("result.undone", { restored: n(Number(undone[1])), removed: n(Number(undone[2])) })}
        </div>
      ) : null}
      <section className="card grid gap-2 text-sm">
        <p data-testid="import-counts">{t("list.counts", { created: n(imp.created), updated: n(imp.updated), unchanged: n(imp.unchanged) })}</p>
        <p>{imp.undoneAt ? t("result.undoneAt", { at: when(imp.undoneAt), by: imp.undoneBy ?? "—" }) : t("list.stateApplied")}</p>
      </section>
      {imp.reports.length ? (
        <section className="card grid gap-2 text-sm" aria-labelledby="written-title">
          <h2 id="written-title" className="text-lg font-semibold">
            {t("result.areasTitle")}
          </h2>
          <ul className="grid gap-1" data-testid="import-areas">
            {imp.reports.map((r) => (
              <li key={`${r.pcode}-${r.week}`}>
                <a href={`/${locale}/areas/${encodeURIComponent(r.pcode)}?week=${r.week}`} data-testid="import-area-link">
                  <AreaName area={r} locale={locale} />
                </a>{" "}
                · <bdi className="font-mono">{r.week}</bdi> · {r.created ? t("result.created") : t("result.updated")}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card grid gap-2 text-sm" aria-labelledby="audit-title">
        <h2 id="audit-title" className="text-lg font-semibold">
          {t("result.auditTitle")}
        </h2>
        <ul data-testid="import-audit">
          {imp.audit.map((a, i) => (
            <li key={i}>
              {when(a.at)} · {a.action === "figures_import.apply" ? t("result.audit.apply") : a.action === "figures_import.undo" ? t("result.audit.undo") : a.action} · <bdi>{a.by}</bdi>
            </li>
          ))}
        </ul>
      </section>
      {imp.canUndo ? (
        <section className="card grid gap-2 text-sm" aria-labelledby="undo-title" data-testid="undo-section">
          <h2 id="undo-title" className="text-lg font-semibold">
            {t("result.undoTitle")}
          </h2>
          <p>{t("result.undoIntro")}</p>
          {sp.confirm === "undo" ? (
            <>
              <ImportActionForm action={undoFiguresImportAction} hidden={{ id: String(imp.id) }} submit={t("result.undoConfirm")} pending={t("result.undoConfirm")} testId="undo-import" danger />
              <a href={`/${locale}/reports/imports/${imp.id}`}>{t("result.undoCancel")}</a>
            </>
          ) : (
            <a href={`/${locale}/reports/imports/${imp.id}?confirm=undo`} data-testid="undo-ask">
              {t("result.undoAsk")}
            </a>
          )}
        </section>
      ) : null}
    </div>
  );
}
