import { getTranslations } from "next-intl/server";
import { formatDateTime, type Numerals } from "@/lib/i18n/format";
import type { ReportRevision } from "@/lib/reports/revisions";
import { fieldLabel, fieldValue, sectorNames } from "./field-label";
import { isolate, isolateAll } from "@/lib/i18n/bidi";

/** Every revision: who, when, what kind of change, and each changed field from what to what. */
export async function ReportRevisions({
  revisions,
  sectors,
  locale,
  numerals,
  timeZone,
}: {
  revisions: ReportRevision[];
  sectors: { code: string; nameEn: string; nameAr: string }[];
  locale: string;
  numerals: Numerals;
  /** The reader's zone (decision 045). */
  timeZone: string;
}) {
  const t = await getTranslations("reports");
  const name = sectorNames(sectors, locale);
  if (!revisions.length) return <p className="text-sm text-slate-600">{t("history.empty")}</p>;
  return (
    <ol className="grid gap-3" data-testid="report-revisions">
      {revisions.map((r) => (
        <li key={r.version} className="border-s-2 border-slate-300 ps-3" data-testid="revision" data-version={r.version} data-action={r.action} data-kept-mine={r.keptMine ? "true" : undefined}>
          <p className="text-sm">
            <strong>{t.has(`history.actions.${r.action}`) ? t(`history.actions.${r.action}`) : r.action}</strong> ·{" "}
            {t("history.version", { version: r.version })} ·{" "}
            <span className="text-slate-600">
              {t("history.byAt", isolateAll({ name: r.changedBy ?? t("history.unknownUser"), at: formatDateTime(r.changedAt, locale, numerals, timeZone) }))}
            </span>
          </p>
          {r.keptMine ? (
            <p className="text-sm" data-testid="revision-kept-mine">
              {t("history.keptMine", { version: r.version - 1 })}
            </p>
          ) : null}
          {r.reason ? <p className="text-sm">{t("history.reason", { reason: isolate(r.reason) })}</p> : null}
          {r.changes.length ? (
            <ul className="mt-1 grid gap-0.5 text-xs">
              {r.changes.map((c) => (
                <li key={c.field} data-testid="revision-change" data-field={c.field}>
                  <span className="text-slate-700">{fieldLabel(t, c.field, name)}:</span>{" "}
                  <bdi className="text-red-900">{fieldValue(t, c.field, c.from, locale, numerals)}</bdi>{" "}
                  <span aria-hidden="true">{t("history.arrow")}</span>
                  <span className="sr-only">{t("history.changedTo")}</span>{" "}
                  <bdi className="font-medium text-green-900">{fieldValue(t, c.field, c.to, locale, numerals)}</bdi>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-xs text-slate-600">{t("history.noChanges")}</p>
          )}
        </li>
      ))}
    </ol>
  );
}
