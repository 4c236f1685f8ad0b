"use client";

import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { isolate } from "@/lib/i18n/bidi";
import { formatNumber, type Numerals } from "@/lib/i18n/format";
import type { ReportWarning } from "@/lib/reports/warnings";
import { warningRule, warningSentence } from "./warning-text";

/** The id of the warning text under a field: the field's aria-describedby points to it. */
export const warningId = (field: string) => `${field}-warning`;

/** Each warning as its sentence, in the reader's language and digits. */
export function useWarningText(locale: string, numerals: Numerals) {
  const t = useTranslations("reports");
  const tc = useTranslations("common");
  return (w: ReportWarning) => warningSentence(t, tc, w, locale, numerals);
}

/**
 * The warnings of one field, right under it: an icon, words and a thick border as well as the
 * colour, so that the mark does not rest on seeing amber. Not aria-invalid: the figure is allowed.
 * `label` names the field in the text, where the warning is not directly under the field's own label.
 */
export function FieldWarnings({ warnings, text, label }: { warnings: ReportWarning[]; text: (w: ReportWarning) => string; label?: (field: string) => string }) {
  const t = useTranslations("reports.form.warnings");
  if (!warnings.length) return null;
  return (
    <div className="grid gap-1">
      {warnings.map((w) => (
        <p key={`${w.field}-${w.kind}`} id={warningId(w.field)} className="field-warning" data-testid="field-warning" data-field={w.field} data-kind={w.kind}>
          <span aria-hidden="true" className="font-bold">
            ⚠
          </span>
          <span>
            <strong>{label ? t("labelFor", { field: label(w.field) }) : t("label")}</strong> {text(w)}
          </span>
        </p>
      ))}
    </div>
  );
}

/**
 * The warnings listed together just above the save buttons, each a link to its field, with the
 * rule spelled out for what could be compared, and the confirmation box (children).
 */
export function ReportWarnings({
  warnings,
  label,
  text,
  previousWeek,
  hasPrevious,
  locale,
  numerals,
  children,
}: {
  warnings: ReportWarning[];
  label: (field: string) => string;
  text: (w: ReportWarning) => string;
  /** The week before the one entered, and whether it has a report to compare with. */
  previousWeek: string;
  hasPrevious: boolean;
  locale: string;
  numerals: Numerals;
  children: ReactNode;
}) {
  const t = useTranslations("reports.form.warnings");
  const tr = useTranslations("reports");
  const tc = useTranslations("common");
  return (
    <section id="report-warnings" className="alert-warn grid gap-2 border-s-4 border-s-amber-700" aria-labelledby="warnings-title" data-testid="report-warnings">
      <h3 id="warnings-title" className="flex items-center gap-2 font-semibold">
        <span aria-hidden="true">⚠</span>
        {t("title", { count: warnings.length, n: isolate(formatNumber(warnings.length, locale, numerals)) })}
      </h3>
      <p>{t("intro")}</p>
      <ul className="list-disc ps-5">
        {warnings.map((w) => (
          <li key={`${w.field}-${w.kind}`} data-testid="report-warning" data-field={w.field}>
            {/* The same colon in both languages, as in the catalogue's other "field: message" lines. */}
            <a href={`#${w.field}`}>{label(w.field)}</a>: {text(w)}
          </li>
        ))}
      </ul>
      <p className="text-xs" data-testid="warnings-rule">
        {warningRule(tr, tc, previousWeek, hasPrevious, locale, numerals)}
        {warnings.some((w) => w.against === "range") ? ` ${t("rangeRule")}` : null}
      </p>
      {children}
    </section>
  );
}
