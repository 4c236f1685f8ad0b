"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormAlert } from "@/components/form-kit";
import type { FormAction } from "@/lib/action-state";
import type { WeeklyReport } from "@/lib/reports/model";
import { ConfirmBox } from "@/components/confirm-box";
import { Link } from "@/lib/i18n/navigation";

/** Approves one submitted report; `version` is the one the admin is looking at. */
export function ApproveForm({
  pcode,
  week,
  version,
  label,
  openFollowUps = 0,
  idSuffix = "",
  action: approveAction,
}: {
  pcode: string;
  week: string;
  version: number;
  label?: string;
  /** Open follow-up flags on the report: approving asks first while there are any (decision 040's box). */
  openFollowUps?: number;
  idSuffix?: string;
  action: FormAction<WeeklyReport>;
}) {
  const t = useTranslations("reports.approval");
  const tf = useTranslations("followUp.flags");
  const tc = useTranslations("common");
  const [state, action, pending] = useActionState(approveAction, null);
  return (
    <form action={action} className="grid justify-items-start gap-2">
      <input type="hidden" name="pcode" value={pcode} />
      <input type="hidden" name="week" value={week} />
      <input type="hidden" name="version" value={version} />
      <FormAlert state={state} />
      {openFollowUps ? <ConfirmBox label={tf("approveAnyway", { count: openFollowUps })} state={state} testId={`confirm-follow-ups-${pcode}`} idSuffix={`-approve${idSuffix}`} /> : null}
      <button type="submit" className="btn" disabled={pending} data-testid={`approve-${pcode}`}>
        {pending ? tc("working") : (label ?? t("approve"))}
      </button>
    </form>
  );
}

/**
 * The confirmation step of "approve all": it lists the reports that will be approved and posts
 * exactly those, each with the version shown (`reports` = "P-code:version"), so that a report
 * submitted or changed after this was shown is not approved unseen. The box must be ticked.
 */
export function ApproveAllForm({
  pcode,
  week,
  areaName,
  weekLabel,
  reports,
  cancelHref,
  action: approveAllAction,
}: {
  pcode: string;
  week: string;
  areaName: string;
  weekLabel: string;
  reports: { pcode: string; name: string; version: number; openFollowUps?: number }[];
  cancelHref: string;
  action: FormAction<{ approved: WeeklyReport[]; skipped: string[] }>;
}) {
  const t = useTranslations("reports.review");
  const tf = useTranslations("followUp.flags");
  const tc = useTranslations("common");
  const [state, action, pending] = useActionState(approveAllAction, null);
  const count = reports.length;
  const flagged = reports.filter((r) => r.openFollowUps).length;
  return (
    <section className="grid gap-3 rounded border-2 border-sky-400 bg-sky-50 p-3" id="confirm-approve-all" aria-labelledby="confirm-approve-all-title" data-testid="approve-all-confirm">
      <FormAlert state={state} />
      {count ? (
        <form action={action} className="grid gap-3">
          <h3 id="confirm-approve-all-title" className="font-semibold">
            {t("confirmAllTitle", { count, area: areaName, week: weekLabel })}
          </h3>
          <p className="text-sm">{t("confirmAllHelp")}</p>
          <ul className="list-disc ps-5 text-sm" data-testid="approve-all-list">
            {reports.map((r) => (
              <li key={r.pcode} data-pcode={r.pcode}>
                <bdi>{r.name}</bdi> <span className="text-slate-600">· {t("version", { version: r.version })}</span>
                {r.openFollowUps ? (
                  <span className="font-semibold" data-testid="approve-all-follow-ups">
                    {" "}
                    · <span aria-hidden="true">⚑ </span>
                    {tf("openCount", { count: r.openFollowUps })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
          <input type="hidden" name="pcode" value={pcode} />
          <input type="hidden" name="week" value={week} />
          {reports.map((r) => (
            <input key={r.pcode} type="hidden" name="reports" value={`${r.pcode}:${r.version}`} />
          ))}
          {flagged ? <p className="text-sm font-semibold">{tf("approveAllNote", { count: flagged })}</p> : null}
          <ConfirmBox label={t("confirmAllBox", { count })} state={state} testId="confirm-approve-all" />
          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" className="btn" disabled={pending} data-testid="approve-all-submit">
              {pending ? tc("working") : t("confirmAllSubmit", { count })}
            </button>
            <Link href={cancelHref} data-testid="approve-all-cancel">
              {t("cancel")}
            </Link>
          </div>
        </form>
      ) : (
        <p id="confirm-approve-all-title" data-testid="approve-all-none">
          {state?.ok ? null : t("confirmAllNone", { area: areaName })} <Link href={cancelHref}>{t("cancel")}</Link>
        </p>
      )}
    </section>
  );
}
