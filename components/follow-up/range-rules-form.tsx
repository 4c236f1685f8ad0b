"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FieldError, FormAlert } from "@/components/form-kit";
import { ScrollBox } from "@/components/scroll-box";
import type { FormAction } from "@/lib/action-state";

export type RangeRuleRow = {
  field: string;
  label: string;
  min: string;
  max: string;
  /** "Inherited from …: 10–90", or null when nothing applies from above. */
  inherited: string | null;
  /** How the area's own rule was made ("applied from the history: 10 weeks, median 100, MAD 10"), if it has one. */
  ownBasis: string | null;
  /** The suggestion from the history, spelled out, or why there is none. */
  suggestion: string;
  canApply: boolean;
};

/**
 * An area's min-max rules: one form for every figure's own minimum and maximum, and beside each
 * figure the history's suggestion with how it was computed and a button that applies it (a second
 * form, which the buttons name with `form=`, so that Enter in a bound still saves the bounds).
 */
export function RangeRulesForm({
  pcode,
  week,
  rows,
  caption,
  save,
  apply,
}: {
  pcode: string;
  week: string;
  rows: RangeRuleRow[];
  caption: string;
  save: FormAction<{ changed: number }>;
  apply: FormAction<{ field: string }>;
}) {
  const t = useTranslations("followUp.ranges");
  const tc = useTranslations("common");
  const [saved, saveAction, saving] = useActionState(save, null);
  const [applied, applyAction, applying] = useActionState(apply, null);
  const echoed = saved && !saved.ok ? saved.values : undefined;
  const err = (name: string) => (saved && !saved.ok ? saved.fieldErrors?.[name] : undefined);
  const value = (name: string, fallback: string) => String(echoed?.[name] ?? fallback);
  return (
    <div className="grid gap-3">
      <FormAlert state={saved} />
      <FormAlert state={applied} />
      <form id="range-apply" action={applyAction}>
        <input type="hidden" name="pcode" value={pcode} />
        <input type="hidden" name="week" value={week} />
      </form>
      <form action={saveAction} className="grid gap-3" data-testid="range-rules-form" noValidate>
        <input type="hidden" name="pcode" value={pcode} />
        <ScrollBox labelledBy="range-caption">
          <table className="table text-sm" data-testid="range-rules">
            <caption id="range-caption" className="mb-1 text-start font-semibold">
              {caption}
            </caption>
            <thead>
              <tr>
                <th scope="col" className="sticky-col">
                  {t("columns.figure")}
                </th>
                <th scope="col">{t("columns.min")}</th>
                <th scope="col">{t("columns.max")}</th>
                <th scope="col">{t("columns.inherited")}</th>
                <th scope="col">{t("columns.suggestion")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.field} data-testid="range-rule" data-field={r.field}>
                  <th scope="row" className="sticky-col font-medium">
                    {r.label}
                    {r.ownBasis ? <p className="text-xs font-normal text-slate-600">{r.ownBasis}</p> : null}
                  </th>
                  {(["min", "max"] as const).map((bound) => {
                    const name = `${bound}:${r.field}`;
                    const id = `${bound}-${r.field}`;
                    return (
                      <td key={bound}>
                        <label className="sr-only" htmlFor={id}>
                          {t(`columns.${bound}`)} · {r.label}
                        </label>
                        <input
                          // A new stored bound (saved, or a suggestion applied) is a new input: the form itself keeps its message.
                          key={r[bound]}
                          id={id}
                          name={name}
                          inputMode="decimal"
                          dir="ltr"
                          className="input w-28"
                          defaultValue={value(name, r[bound])}
                          aria-invalid={!!err(name)}
                          aria-describedby={`${id}-error`}
                          data-testid={id}
                        />
                        <FieldError id={`${id}-error`} message={err(name)} />
                      </td>
                    );
                  })}
                  <td className="text-xs">{r.inherited ?? t("noInherited")}</td>
                  <td className="text-xs">
                    <p>{r.suggestion}</p>
                    {r.canApply ? (
                      <button type="submit" form="range-apply" name="field" value={r.field} className="btn-secondary mt-1" disabled={applying} data-testid={`apply-${r.field}`}>
                        {applying ? tc("working") : t("apply")}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
        <p className="text-xs text-slate-600">{t("emptyHelp")}</p>
        <div>
          <button type="submit" className="btn" disabled={saving} data-testid="range-save">
            {saving ? tc("working") : t("save")}
          </button>
        </div>
      </form>
    </div>
  );
}
