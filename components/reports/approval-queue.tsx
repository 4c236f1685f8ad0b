import { getTranslations } from "next-intl/server";
import { AreaName } from "@/components/area-name";
import type { FormAction } from "@/lib/action-state";
import { formatDateTime, type Numerals } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import type { WeeklyReport } from "@/lib/reports/model";
import type { AwaitingApproval } from "@/lib/reports/read";
import { ApproveAllForm, ApproveForm } from "./approve-form";
import { appendTo } from "@/lib/append-to";
import { isolateAll } from "@/lib/i18n/bidi";

/** For admins: the week's submitted reports by governorate, each with "approve", and "approve all" per governorate. */
export async function ApprovalQueue({
  reports,
  week,
  locale,
  numerals,
  timeZone,
  approve,
  approveAll,
}: {
  reports: AwaitingApproval[];
  week: string;
  locale: string;
  numerals: Numerals;
  /** The reader's zone (decision 045). */
  timeZone: string;
  approve: FormAction<WeeklyReport>;
  approveAll: FormAction<{ approved: WeeklyReport[] }>;
}) {
  const t = await getTranslations("reports.approval");
  if (!reports.length) return <p data-testid="approval-empty">{t("empty")}</p>;
  const groups = new Map<string, AwaitingApproval[]>();
  for (const r of reports) appendTo(groups, r.governorate.pcode, r);
  return (
    <div className="grid gap-4" data-testid="approval-queue">
      {[...groups.values()].map((items) => {
        const gov = items[0]!.governorate;
        return (
          <div key={gov.pcode} className="grid gap-2">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="font-semibold">
                <AreaName area={gov} locale={locale} />
              </h3>
              <ApproveAllForm pcode={gov.pcode} week={week} action={approveAll} label={t("approveAll", { count: items.length, area: locale === "ar" ? gov.nameAr : gov.nameEn })} />
            </div>
            <ul className="grid gap-2">
              {items.map((r) => (
                <li key={r.pcode} className="flex flex-wrap items-center gap-3" data-testid="awaiting-row" data-pcode={r.pcode}>
                  <Link href={`/reports/${r.pcode}/${week}`}>
                    <AreaName area={r} locale={locale} />
                  </Link>
                  <span className="text-xs text-slate-600">{t("changedBy", isolateAll({ name: r.updatedBy ?? "—", at: formatDateTime(r.updatedAt, locale, numerals, timeZone) }))}</span>
                  <ApproveForm pcode={r.pcode} week={week} version={r.version} action={approve} />
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </div>
  );
}
