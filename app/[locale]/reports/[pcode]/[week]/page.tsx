import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { AreaName } from "@/components/area-name";
import { ApproveForm } from "@/components/reports/approve-form";
import { ReopenForm, StatusChangeForm } from "@/components/reports/status-change-form";
import { ReportFigures } from "@/components/reports/report-figures";
import { ReportForm, type ReportFormValues } from "@/components/reports/report-form";
import { OutboxPanel } from "@/components/offline/outbox-panel";
import { ReportRevisions } from "@/components/reports/report-revisions";
import { StatusBadge } from "@/components/reports/status-badge";
import { WeekNav } from "@/components/reports/week-nav";
import { formatDateTime, weekLabelParts } from "@/lib/i18n/format";
import { isolateAll } from "@/lib/i18n/bidi";
import { Link, redirect } from "@/lib/i18n/navigation";
import { pageActor, pageData } from "@/lib/next/page-guard";
import type { WeeklyReport } from "@/lib/reports/model";
import { getReportEntry } from "@/lib/reports/read";
import { pcodeFromParam } from "@/lib/validation/pcode-param";
import { addWeeks, parseWeek, weekOf } from "@/lib/weeks";
import { approveReportAction, reopenReportAction, returnReportAction, saveReportAction } from "../../actions";
import { addCommentAction, clearFlagAction, flagFigureAction } from "../../follow-up-actions";
import { ReportComments, ReportFlags } from "@/components/follow-up/report-follow-up";
import { getReportFollowUp } from "@/lib/reports/follow-up-entry";

type Params = { locale: string; pcode: string; week: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { locale, pcode, week } = await params;
  const t = await getTranslations({ locale, namespace: "reports" });
  const tc = await getTranslations({ locale, namespace: "common" });
  return { title: `${t("title")} ${pcodeFromParam(pcode) ?? ""} ${week} · ${tc("appName")}` };
}

const text = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));

/** The form starts from the stored report, or from last week's figures when asked ("copy last week"). */
function formValues(report: WeeklyReport | null, copyFrom: WeeklyReport | null, sectorCodes: string[]): ReportFormValues {
  const base = copyFrom ?? report;
  return {
    newlyDisplacedFamilies: text(base?.newlyDisplacedFamilies),
    repeatDisplacedFamilies: text(base?.repeatDisplacedFamilies),
    totalDisplacedFamilies: text(base?.totalDisplacedFamilies),
    individuals: text(base?.individuals),
    sectors: Object.fromEntries(
      sectorCodes.map((code) => [code, { gapPct: text(base?.sectors[code]?.gapPct), familiesInNeed: text(base?.sectors[code]?.familiesInNeed) }]),
    ),
    // Notes describe one week: they are not copied forward.
    notes: report?.notes ?? "",
    source: base?.source ?? "",
    status: report?.status === "submitted" ? "submitted" : "draft",
    version: String(report?.version ?? 0),
    acknowledgeWarnings: false,
  };
}

export default async function ReportPage({
  params,
  searchParams,
}: {
  params: Promise<Params>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { locale, pcode: rawPcode, week: rawWeek } = await params;
  setRequestLocale(locale);
  const pcode = pcodeFromParam(rawPcode);
  const week = parseWeek(rawWeek);
  if (!week || !pcode) notFound();
  // One address per report: /reports/sy0200/2020W4 becomes /reports/SY0200/2020-W04.
  // Both are plain ASCII by now, so the new address is its own canonical form: no redirect loop.
  if (week !== rawWeek || pcode !== rawPcode) redirect({ href: `/reports/${pcode}/${week}`, locale });
  const path = `/reports/${pcode}/${week}`;
  const actor = await pageActor(locale, path);
  const entry = pageData(locale, (db) => getReportEntry(db, actor, { pcode, week }));
  const followUp = pageData(locale, (db) => getReportFollowUp(db, actor, { pcode, week }));
  const ctx = { locale, numerals: actor.numerals, timeZone: actor.timeZone };
  const openFollowUps = followUp.flags.filter((f) => !f.clearedAt).length;
  const sp = await searchParams;
  const t = await getTranslations("reports");
  const tdl = await getTranslations("reports.deadline");
  const tc = await getTranslations("common");
  const { report, previous, area } = entry;
  const copying = sp.copy === "last" && !!previous && entry.canEdit;
  const saved = sp.saved === "draft" || sp.saved === "submitted" ? sp.saved : null;
  const label = (w: string) => tc("weekLabel", weekLabelParts(w, locale, actor.numerals));
  const sectorOptions = entry.sectors.map((s) => ({ code: s.code, name: locale === "ar" ? s.nameAr : s.nameEn }));
  // A returned report is a draft again; its badge says why it is one.
  const status = entry.returned && report?.status === "draft" ? "returned" : (report?.status ?? "missing");

  return (
    <div className="grid gap-6">
      <div className="grid gap-2">
        <p className="text-sm">
          <Link href={`/areas/${area.pcode}`}>{t("entry.areaPage")}</Link>
        </p>
        <h1 className="text-2xl font-bold" data-testid="report-title">
          {/* Isolated, so that the P-code in brackets does not pull the punctuation around it in Arabic. */}
          {t.rich("entry.heading", {
            area: () => (
              <bdi>
                <AreaName area={area} locale={locale} />
              </bdi>
            ),
          })}
        </h1>
        <WeekNav
          week={week}
          locale={locale}
          numerals={actor.numerals}
          hrefFor={(w) => `/reports/${area.pcode}/${w === "current" ? weekOf(new Date()) : addWeeks(week, w === "previous" ? -1 : 1)}`}
        />
        <p className="flex flex-wrap items-center gap-3 text-sm">
          <StatusBadge status={status} />
          {report ? <span>{t("entry.version", { version: report.version })}</span> : null}
          {report ? (
            <span className="text-slate-600">
              {t("entry.lastChange", isolateAll({ at: formatDateTime(report.updatedAt, locale, actor.numerals, actor.timeZone), name: report.updatedBy ?? t("history.unknownUser") }))}
            </span>
          ) : null}
        </p>
      </div>

      {entry.reopened ? (
        <div className="alert-warn" role="status" data-testid="report-reopened">
          <p className="font-semibold">
            {t(
              "approval.reopenedBy",
              isolateAll({
                name: entry.reopened.by ?? t("history.unknownUser"),
                at: formatDateTime(entry.reopened.at, locale, actor.numerals, actor.timeZone),
              }),
            )}
          </p>
          <p dir="auto">{entry.reopened.reason}</p>
        </div>
      ) : null}

      {entry.returned ? (
        <div className="alert-warn" role="status" data-testid="report-returned">
          <p className="font-semibold">
            {t(
              "review.returnedBy",
              isolateAll({
                name: entry.returned.by ?? t("history.unknownUser"),
                at: formatDateTime(entry.returned.at, locale, actor.numerals, actor.timeZone),
              }),
            )}
          </p>
          <p dir="auto" className="whitespace-pre-wrap">
            {entry.returned.reason}
          </p>
        </div>
      ) : null}

      {saved ? (
        <p className="alert-ok" role="status" data-testid="report-saved">
          {t(`entry.saved.${saved}`)}
        </p>
      ) : null}

      <section className="card grid gap-4" aria-labelledby="figures-title">
        <h2 id="figures-title" className="text-lg font-semibold">
          {entry.canEdit ? t("form.title") : t("figures.title")}
        </h2>
        {entry.weekLocked ? (
          <p className="alert-error" data-testid="week-locked">
            {tdl("lockedNotice", { week: entry.week })}
          </p>
        ) : null}
        {report?.status === "approved" ? (
          <p className="alert-ok" data-testid="report-locked">
            {t("approval.lockedBy", isolateAll({ name: report.approvedBy ?? t("history.unknownUser"), at: formatDateTime(report.approvedAt ?? report.updatedAt, locale, actor.numerals, actor.timeZone) }))}
          </p>
        ) : null}
        {entry.canEdit ? (
          <>
            <div className="text-sm">
              {copying ? (
                <p className="alert-ok" role="status" data-testid="copied-last-week">
                  {t("form.copied", { week: label(previous!.week) })} <Link href={path}>{t("form.startOver")}</Link>
                </p>
              ) : previous ? (
                <p>
                  <Link href={`${path}?copy=last`} data-testid="copy-last-week">
                    {t("form.copyLast")}
                  </Link>{" "}
                  <span className="text-slate-600">{t("form.copyLastHelp", { week: label(previous.week) })}</span>
                </p>
              ) : (
                <p className="text-slate-600">{t("form.noLastWeek")}</p>
              )}
            </div>
            <ReportForm
              // A new version or a copied start is a new form: typed values never leak across them.
              key={`${report?.version ?? 0}-${copying ? "copy" : "own"}`}
              pcode={area.pcode}
              week={week}
              locale={locale}
              numerals={actor.numerals}
              timeZone={actor.timeZone}
              sectors={sectorOptions}
              initial={formValues(report, copying ? previous : null, entry.sectors.map((s) => s.code))}
              previous={previous}
              bounds={followUp.bounds}
              selfHref={`/${locale}${path}`}
              action={saveReportAction}
              savedNow={!!saved}
            />
            <OutboxPanel
              locale={locale}
              numerals={actor.numerals}
              timeZone={actor.timeZone}
              areaNames={{ [area.pcode]: locale === "ar" ? area.nameAr : area.nameEn }}
              sectors={sectorOptions}
              only={{ pcode: area.pcode, week }}
              hideWhenEmpty
              signInHref={`/${locale}/signin`}
            />
          </>
        ) : report ? (
          <>
            {report.status !== "approved" ? <p className="text-sm text-slate-600">{t("entry.readOnly")}</p> : null}
            <ReportFigures report={report} sectors={entry.sectors} locale={locale} numerals={actor.numerals} />
          </>
        ) : (
          <p data-testid="no-report">{t("entry.noReport")}</p>
        )}
      </section>

      {followUp.visible ? (
        <ReportFlags pcode={area.pcode} week={week} followUp={followUp} sectors={entry.sectors} ctx={ctx} flagAction={flagFigureAction} clearAction={clearFlagAction} />
      ) : null}

      {entry.canApprove && report ? (
        <section className="card grid gap-2" aria-labelledby="approve-title">
          <h2 id="approve-title" className="text-lg font-semibold">
            {t("approval.title")}
          </h2>
          <p className="text-sm text-slate-600">{t("approval.help")}</p>
          <ApproveForm pcode={area.pcode} week={week} version={report.version} openFollowUps={openFollowUps} action={approveReportAction} />
        </section>
      ) : null}

      {entry.canApprove && report ? (
        <section className="card grid gap-2" aria-labelledby="return-title">
          <h2 id="return-title" className="text-lg font-semibold">
            {t("review.returnTitle")}
          </h2>
          <p className="text-sm text-slate-600">{t("review.returnHelp")}</p>
          <StatusChangeForm kind="return" pcode={area.pcode} week={week} version={report.version} action={returnReportAction} />
        </section>
      ) : null}

      {entry.canReopen && report ? (
        <section className="card grid gap-2" aria-labelledby="reopen-title">
          <h2 id="reopen-title" className="text-lg font-semibold">
            {t("approval.reopenTitle")}
          </h2>
          <p className="text-sm text-slate-600">{t("approval.reopenHelp")}</p>
          <ReopenForm pcode={area.pcode} week={week} version={report.version} action={reopenReportAction} />
        </section>
      ) : null}

      {followUp.visible ? <ReportComments pcode={area.pcode} week={week} comments={followUp.comments} ctx={ctx} action={addCommentAction} /> : null}

      <section className="card grid gap-2" aria-labelledby="history-title">
        <h2 id="history-title" className="text-lg font-semibold">
          {t("history.title")}
        </h2>
        <p className="text-sm text-slate-600">{t("history.help")}</p>
        <ReportRevisions revisions={entry.revisions} sectors={entry.sectors} locale={locale} numerals={actor.numerals} timeZone={actor.timeZone} />
      </section>
    </div>
  );
}
