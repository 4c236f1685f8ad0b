import { getTranslations } from "next-intl/server";
import { warningSentence } from "./warning-text";
import { AreaName } from "@/components/area-name";
import type { FormAction } from "@/lib/action-state";
import { formatDateTime, formatNumber, type Numerals } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import type { WeeklyReport } from "@/lib/reports/model";
import type { AwaitingApproval } from "@/lib/reports/read";
import { ApproveAllForm, ApproveForm } from "./approve-form";
import { fieldLabel, sectorNames } from "./field-label";
import { StatusChangeForm } from "./status-change-form";
import { appendTo } from "@/lib/append-to";
import { isolateAll } from "@/lib/i18n/bidi";

type Sector = { code: string; nameEn: string; nameAr: string };

/**
 * For admins: the week's submitted reports by governorate, each as a card (readable at 360 px,
 * every button reachable without sideways scrolling) with its figures, the plausibility warnings
 * its submitter confirmed, who submitted it when, "approve", and "return to coordinator". "Approve
 * all" per governorate first leads to a confirmation step (`confirming`, a GET state of the page).
 */
export async function ApprovalQueue({
  reports,
  sectors,
  week,
  weekLabel,
  locale,
  numerals,
  timeZone,
  confirming,
  hrefFor,
  approve,
  approveAll,
  returnReport,
}: {
  reports: AwaitingApproval[];
  sectors: Sector[];
  week: string;
  weekLabel: string;
  locale: string;
  numerals: Numerals;
  /** The reader's zone (decision 045). */
  timeZone: string;
  /** The governorate whose "approve all" is being confirmed, from the URL. */
  confirming: string | null;
  /** The home page's address for this week, with or without a confirmation step open. */
  hrefFor: (approveAll: string | null) => string;
  approve: FormAction<WeeklyReport>;
  approveAll: FormAction<{ approved: WeeklyReport[]; skipped: string[] }>;
  returnReport: FormAction<WeeklyReport>;
}) {
  const t = await getTranslations("reports.review");
  const ta = await getTranslations("reports.approval");
  const tr = await getTranslations("reports");
  const tf = await getTranslations("followUp.flags");
  const trs = (key: string, values?: Record<string, string | number>) => tr(key as never, values as never);
  const tcommon = await getTranslations("common");
  const tc = (key: string, values?: Record<string, string | number>) => tcommon(key as never, values as never);
  const name = (a: { nameEn: string; nameAr: string }) => (locale === "ar" ? a.nameAr : a.nameEn);
  const n = (v: number | null, digits = 0) => (v === null ? tr("figures.none") : formatNumber(v, locale, numerals, digits));
  const sectorName = sectorNames(sectors, locale);
  const groups = new Map<string, AwaitingApproval[]>();
  for (const r of reports) appendTo(groups, r.governorate.pcode, r);
  // A confirmation step stays open after it ran (its result shows there), even once nothing is left in it.
  const confirmStep = confirming ? (
    <ApproveAllForm
      key={confirming}
      pcode={confirming}
      week={week}
      areaName={groups.get(confirming) ? name(groups.get(confirming)![0]!.governorate) : confirming}
      weekLabel={weekLabel}
      reports={(groups.get(confirming) ?? []).map((r) => ({ pcode: r.pcode, name: `${name(r)} (${r.pcode})`, version: r.version, openFollowUps: r.openFollowUps }))}
      cancelHref={hrefFor(null)}
      action={approveAll}
    />
  ) : null;
  if (!reports.length)
    return (
      <>
        {confirmStep}
        <p data-testid="approval-empty">{ta("empty")}</p>
      </>
    );
  return (
    <div className="grid gap-4" data-testid="approval-queue">
      {confirmStep}
      {[...groups.values()].map((items) => {
        const gov = items[0]!.governorate;
        return (
          <div key={gov.pcode} className="grid gap-2">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="font-semibold">
                <AreaName area={gov} locale={locale} />
              </h3>
              {confirming !== gov.pcode ? (
                <Link href={hrefFor(gov.pcode)} className="btn-secondary" data-testid={`approve-all-${gov.pcode}`}>
                  {t("approveAll", { count: items.length, area: name(gov) })}
                </Link>
              ) : null}
            </div>
            <ul className="grid gap-3">
              {items.map((r) => (
                <li key={r.pcode} className="grid gap-3 rounded border border-slate-300 p-3" data-testid="awaiting-row" data-pcode={r.pcode}>
                  <div className="grid gap-1">
                    <Link href={`/reports/${r.pcode}/${week}`} className="font-medium" data-testid={`awaiting-open-${r.pcode}`}>
                      <AreaName area={r} locale={locale} />
                    </Link>
                    <p className="text-xs text-slate-600" data-testid="awaiting-submitted">
                      {t("submittedBy", isolateAll({ name: r.submittedBy ?? "—", at: formatDateTime(r.submittedAt, locale, numerals, timeZone) }))} ·{" "}
                      {t("version", { version: r.version })}
                    </p>
                  </div>
                  <dl className="grid grid-cols-[1fr_max-content] gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_max-content]" data-testid="awaiting-figures">
                    {(["newlyDisplacedFamilies", "repeatDisplacedFamilies", "totalDisplacedFamilies"] as const).map((f) => (
                      <div key={f} className="contents">
                        <dt>{tr(`fields.${f}`)}</dt>
                        <dd className="num font-semibold" data-testid={`awaiting-${f}`}>
                          {n(r[f])}
                        </dd>
                      </div>
                    ))}
                  </dl>
                  {sectors.length ? (
                    <table className="table text-sm" data-testid="awaiting-sectors">
                      <caption className="mb-1 text-start text-xs font-semibold">{t("sectors")}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{tr("fields.sector")}</th>
                          <th scope="col">{t("gap")}</th>
                          <th scope="col">{t("need")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {sectors.map((s) => {
                          const g = r.sectors[s.code];
                          return (
                            <tr key={s.code} data-testid={`awaiting-sector-${s.code}`}>
                              <th scope="row" className="font-medium">
                                {sectorName(s.code)}
                              </th>
                              <td className="num">{g ? tr("figures.gapValue", { value: n(g.gapPct, Number.isInteger(g.gapPct) ? 0 : 1) }) : tr("figures.notReported")}</td>
                              <td className="num">{g ? n(g.familiesInNeed) : tr("figures.none")}</td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  ) : null}
                  {r.warnings.length ? (
                    <div className="rounded border border-amber-400 bg-amber-50 p-2 text-sm text-amber-950" data-testid="awaiting-warnings">
                      {/* A sign that does not rely on colour: the symbol and the words say it. */}
                      <p className="font-semibold">
                        <span aria-hidden="true">⚠ </span>
                        {t("warnings", { count: r.warnings.length })}
                      </p>
                      <ul className="list-disc ps-5">
                        {r.warnings.map((w) => (
                          <li key={`${w.field}-${w.kind}`}>
                            {fieldLabel(tr, w.field, sectorName)}: {warningSentence(trs, tc, w, locale, numerals)}
                          </li>
                        ))}
                      </ul>
                    </div>
                  ) : (
                    <p className="text-xs text-slate-600" data-testid="awaiting-no-warnings">
                      {t("noWarnings")}
                    </p>
                  )}
                  {r.openFollowUps ? (
                    <p className="text-sm font-semibold text-amber-950" data-testid="awaiting-follow-ups">
                      <span aria-hidden="true">⚑ </span>
                      <Link href={`/reports/${r.pcode}/${week}#flags-title`}>{tf("openCount", { count: r.openFollowUps })}</Link>
                    </p>
                  ) : null}
                  <div className="flex flex-wrap items-start gap-3">
                    <ApproveForm pcode={r.pcode} week={week} version={r.version} openFollowUps={r.openFollowUps} idSuffix={`-${r.pcode}`} action={approve} />
                    <StatusChangeForm
                      kind="return"
                      pcode={r.pcode}
                      week={week}
                      version={r.version}
                      idSuffix={`-${r.pcode}`}
                      folded={{ title: t("returnTitle"), help: t("returnHelp"), testId: `return-${r.pcode}` }}
                      action={returnReport}
                    />
                  </div>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </div>
  );
}
