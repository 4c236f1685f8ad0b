import { getTranslations } from "next-intl/server";
import { AreaName } from "@/components/area-name";
import { fieldLabel, sectorNames } from "@/components/reports/field-label";
import { StatusBadge } from "@/components/reports/status-badge";
import { isolateAll } from "@/lib/i18n/bidi";
import { formatDateTime, weekLabelParts, type Numerals } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import type { FollowUpRow } from "@/lib/reports/flags";

type Sector = { code: string; nameEn: string; nameAr: string };

/** The flagged figures as cards (one column on phones): area, week, figure, reason, who and when, and the clearing if any. */
export async function FollowUpList({ rows, sectors, locale, numerals, timeZone }: { rows: FollowUpRow[]; sectors: Sector[]; locale: string; numerals: Numerals; timeZone: string }) {
  const t = await getTranslations("followUp");
  const tr = await getTranslations("reports");
  const tc = await getTranslations("common");
  const trs = (key: string, values?: Record<string, string | number>) => tr(key as never, values as never);
  const sectorName = sectorNames(sectors, locale);
  const when = (at: string) => formatDateTime(at, locale, numerals, timeZone);
  if (!rows.length) return <p data-testid="follow-ups-empty">{t("list.empty")}</p>;
  return (
    <ul className="grid gap-3" data-testid="follow-ups">
      {rows.map((r) => (
        <li key={r.id} className="grid gap-1 rounded border border-slate-300 p-3" data-testid="follow-up-row" data-pcode={r.pcode} data-field={r.field}>
          <p className="flex flex-wrap items-center gap-2">
            <Link href={`/reports/${r.pcode}/${r.week}#flags-title`} className="font-medium">
              <AreaName area={r} locale={locale} />
            </Link>
            <span className="text-sm">{tc("weekLabel", weekLabelParts(r.week, locale, numerals))}</span>
            <StatusBadge status={r.status} />
          </p>
          <p>
            <span aria-hidden="true">{r.clearedAt ? "✓ " : "⚑ "}</span>
            <span className="font-medium">{fieldLabel(trs, r.field, sectorName)}</span>: <span dir="auto">{r.reason}</span>
          </p>
          <p className="text-xs text-slate-600">{t("flags.raisedBy", isolateAll({ name: r.createdBy, at: when(r.createdAt) }))}</p>
          {r.clearedAt ? (
            <p className="text-xs text-slate-600">
              {t("flags.clearedBy", isolateAll({ name: r.clearedBy ?? "—", at: when(r.clearedAt) }))}: <span dir="auto">{r.clearNote}</span>
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
