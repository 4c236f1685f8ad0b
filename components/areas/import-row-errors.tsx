"use client";

import { useLocale, useTranslations } from "next-intl";
import { useMsg } from "@/components/form-kit";
import type { RowError } from "@/lib/errors";
import { formatNumber, type Numerals } from "@/lib/i18n/format";
import { ScrollBox } from "@/components/scroll-box";

/** Enough to fix a file in one pass; a file with more errors than this is usually the wrong file. */
const SHOWN = 500;

export function ImportRowErrors({ errors, numerals }: { errors: RowError[]; numerals: Numerals }) {
  const t = useTranslations("import");
  const locale = useLocale();
  const render = useMsg();
  const n = (v: number) => formatNumber(v, locale, numerals);
  return (
    <section aria-labelledby="import-errors-title" className="grid gap-2">
      <h3 id="import-errors-title" className="font-semibold">
        {t("errorsTitle")}
      </h3>
      <p className="text-sm">{t("errorsHelp")}</p>
      <ScrollBox labelledBy="import-errors-title">
        <table className="table" data-testid="import-errors">
          <thead>
            <tr>
              <th scope="col" className="text-end">
                {t("colRow")}
              </th>
              <th scope="col">{t("colColumn")}</th>
              <th scope="col">{t("colMessage")}</th>
            </tr>
          </thead>
          <tbody>
            {errors.slice(0, SHOWN).map((e, i) => (
              <tr key={`${e.row}-${e.column}-${i}`}>
                <td className="num text-end">{n(e.row)}</td>
                <td>{e.column === "-" ? "—" : <code dir="ltr">{e.column}</code>}</td>
                <td>{render(e.msg)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      {errors.length > SHOWN ? (
        <p className="text-xs text-slate-600">{t("showingFirst", { shown: n(SHOWN), total: n(errors.length) })}</p>
      ) : null}
    </section>
  );
}
