"use client";

import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { formatNumber, type Numerals } from "@/lib/i18n/format";
import type { ReportWarning } from "@/lib/reports/warnings";

/** The plausibility warnings against last week's figures, with the rule spelled out and the confirmation box. */
export function ReportWarnings({
  warnings,
  label,
  locale,
  numerals,
  children,
}: {
  warnings: ReportWarning[];
  label: (field: string) => string;
  locale: string;
  numerals: Numerals;
  children: ReactNode;
}) {
  const t = useTranslations("reports.form");
  const n = (v: number | null) => (v === null ? "—" : formatNumber(v, locale, numerals, Number.isInteger(v) ? 0 : 1));
  return (
    <section className="grid gap-2 rounded border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950" aria-labelledby="warnings-title" data-testid="report-warnings">
      <h3 id="warnings-title" className="font-semibold">
        {t("warningsTitle")}
      </h3>
      <ul className="list-disc ps-5">
        {warnings.map((w) => (
          <li key={`${w.field}-${w.kind}`} data-testid="report-warning">
            {t(`warning.${w.kind}`, { field: label(w.field), current: n(w.current), previous: n(w.previous) })}
          </li>
        ))}
      </ul>
      <p className="text-xs">{t("warningsRule")}</p>
      {children}
    </section>
  );
}
