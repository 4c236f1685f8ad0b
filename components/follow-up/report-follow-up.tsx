import { getTranslations } from "next-intl/server";
import type { FormAction } from "@/lib/action-state";
import { isolateAll } from "@/lib/i18n/bidi";
import { formatDateTime, type Numerals } from "@/lib/i18n/format";
import type { ReportComment } from "@/lib/reports/comments";
import type { ReportFlag } from "@/lib/reports/flags";
import type { ReportFollowUp } from "@/lib/reports/follow-up-entry";
import { rangeFields } from "@/lib/reports/range-rules";
import { fieldLabel, sectorNames } from "@/components/reports/field-label";
import { CommentForm } from "./comment-form";
import { ClearFlagForm, FlagForm } from "./flag-forms";

type Sector = { code: string; nameEn: string; nameAr: string };
type Ctx = { locale: string; numerals: Numerals; timeZone: string };

/** The follow-up flags of a report: open ones first (each with its clear form for those who may), then the cleared ones with their notes. */
export async function ReportFlags({
  pcode,
  week,
  followUp,
  sectors,
  ctx,
  flagAction,
  clearAction,
}: {
  pcode: string;
  week: string;
  followUp: ReportFollowUp;
  sectors: Sector[];
  ctx: Ctx;
  flagAction: FormAction<ReportFlag>;
  clearAction: FormAction<ReportFlag>;
}) {
  const t = await getTranslations("followUp.flags");
  const tr = await getTranslations("reports");
  const trs = (key: string, values?: Record<string, string | number>) => tr(key as never, values as never);
  const sectorName = sectorNames(sectors, ctx.locale);
  const label = (field: string) => fieldLabel(trs, field, sectorName);
  const when = (at: string) => formatDateTime(at, ctx.locale, ctx.numerals, ctx.timeZone);
  const open = followUp.flags.filter((f) => !f.clearedAt);
  const cleared = followUp.flags.filter((f) => f.clearedAt);
  return (
    <section className="card grid gap-3" aria-labelledby="flags-title" data-testid="report-flags">
      <h2 id="flags-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      {open.length ? (
        <div className="alert-warn grid gap-2" data-testid="open-flags">
          <p className="font-semibold">
            <span aria-hidden="true">⚑ </span>
            {t("openCount", { count: open.length })}
          </p>
          <ul className="grid gap-3">
            {open.map((f) => (
              <li key={f.id} className="grid gap-1" data-testid="open-flag" data-field={f.field}>
                <p>
                  <span className="font-medium">{label(f.field)}</span>: <span dir="auto">{f.reason}</span>
                </p>
                <p className="text-xs">{t("raisedBy", isolateAll({ name: f.createdBy, at: when(f.createdAt) }))}</p>
                {followUp.canFlag ? <ClearFlagForm id={f.id} action={clearAction} /> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="text-sm text-slate-600" data-testid="no-open-flags">
          {t("none")}
        </p>
      )}
      {cleared.length ? (
        <details data-testid="cleared-flags">
          <summary className="cursor-pointer text-sm font-medium">{t("clearedCount", { count: cleared.length })}</summary>
          <ul className="mt-2 grid gap-2 text-sm">
            {cleared.map((f) => (
              <li key={f.id} data-testid="cleared-flag">
                <p>
                  <span className="font-medium">{label(f.field)}</span>: <span dir="auto">{f.reason}</span>
                </p>
                <p className="text-xs text-slate-600">
                  {t("raisedBy", isolateAll({ name: f.createdBy, at: when(f.createdAt) }))} ·{" "}
                  {t("clearedBy", isolateAll({ name: f.clearedBy ?? "—", at: when(f.clearedAt!) }))}
                </p>
                <p dir="auto" className="text-xs">
                  {f.clearNote}
                </p>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {followUp.canFlag ? (
        <details className="grid gap-2" data-testid="flag-new">
          <summary className="cursor-pointer text-sm font-medium">{t("newTitle")}</summary>
          <p className="mb-2 text-xs text-slate-600">{t("newHelp")}</p>
          <FlagForm pcode={pcode} week={week} fields={rangeFields(sectors.map((s) => s.code)).map((field) => ({ field, label: label(field) }))} action={flagAction} />
        </details>
      ) : null}
    </section>
  );
}

/** The comment thread of a report, oldest first, with who and when in the reader's zone, and the form to add one. */
export async function ReportComments({
  pcode,
  week,
  comments,
  ctx,
  action,
}: {
  pcode: string;
  week: string;
  comments: ReportComment[];
  ctx: Ctx;
  action: FormAction<ReportComment>;
}) {
  const t = await getTranslations("followUp.comments");
  return (
    <section className="card grid gap-3" aria-labelledby="comments-title" data-testid="report-comments">
      <h2 id="comments-title" className="text-lg font-semibold">
        {t("title", { count: comments.length })}
      </h2>
      {comments.length ? (
        <ol className="grid gap-3" data-testid="comment-thread">
          {comments.map((c) => (
            <li key={c.id} className="grid gap-1 border-s-4 border-slate-300 ps-3" data-testid="comment">
              <p className="text-xs text-slate-600">{t("byAt", isolateAll({ name: c.author, at: formatDateTime(c.at, ctx.locale, ctx.numerals, ctx.timeZone) }))}</p>
              <p dir="auto" className="whitespace-pre-wrap">
                {c.body}
              </p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-sm text-slate-600">{t("none")}</p>
      )}
      <CommentForm pcode={pcode} week={week} action={action} />
    </section>
  );
}
