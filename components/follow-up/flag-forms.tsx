"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormAlert } from "@/components/form-kit";
import type { FormAction } from "@/lib/action-state";
import type { ReportFlag } from "@/lib/reports/flags";
import { FLAG_REASON_MAX } from "@/lib/validation/follow-up";

const errorOf = (state: { ok: boolean; fieldErrors?: Record<string, unknown> } | null, name: string) => {
  const e = state && !state.ok ? state.fieldErrors?.[name] : undefined;
  return e ? JSON.stringify(e) : undefined;
};

/** Flags one figure of the report (chosen from the figures the form names) with a reason. */
export function FlagForm({
  pcode,
  week,
  fields,
  action: flagAction,
}: {
  pcode: string;
  week: string;
  /** The figures that can be flagged, with their labels in the reader's language. */
  fields: { field: string; label: string }[];
  action: FormAction<ReportFlag>;
}) {
  const t = useTranslations("followUp.flags");
  const tc = useTranslations("common");
  const [state, action, pending] = useActionState(flagAction, null);
  const typed = state && !state.ok ? state.values : undefined;
  return (
    <form action={action} className="grid max-w-xl gap-2" data-testid="flag-form" key={state?.ok ? `done-${state.data.id}` : "form"}>
      <FormAlert state={state} />
      <input type="hidden" name="pcode" value={pcode} />
      <input type="hidden" name="week" value={week} />
      <Field label={t("field")} name="flag-field" error={errorOf(state, "field")}>
        <select id="flag-field" name="field" className="input" defaultValue={String(typed?.field ?? fields[0]?.field ?? "")} aria-describedby="flag-field-error" data-testid="flag-field">
          {fields.map((f) => (
            <option key={f.field} value={f.field}>
              {f.label}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("reason")} name="flag-reason" error={errorOf(state, "reason")} hint={t("reasonHint")}>
        <textarea
          id="flag-reason"
          name="reason"
          rows={2}
          maxLength={FLAG_REASON_MAX}
          required
          dir="auto"
          className="input"
          defaultValue={String(typed?.reason ?? "")}
          aria-invalid={!!errorOf(state, "reason")}
          aria-describedby="flag-reason-error"
          data-testid="flag-reason"
        />
      </Field>
      <div>
        <button type="submit" className="btn-secondary" disabled={pending} data-testid="flag-submit">
          {pending ? tc("working") : t("submit")}
        </button>
      </div>
    </form>
  );
}

/** Clears one open flag with a note (folded under the flag, open after a refusal). */
export function ClearFlagForm({ id, action: clearAction }: { id: number; action: FormAction<ReportFlag> }) {
  const t = useTranslations("followUp.flags");
  const tc = useTranslations("common");
  const [state, action, pending] = useActionState(clearAction, null);
  const fieldId = `clear-note-${id}`;
  const error = errorOf(state, "note");
  return (
    <details className="grid gap-2" open={(state !== null && !state.ok) || undefined} data-testid={`clear-flag-${id}`}>
      <summary className="cursor-pointer py-1 text-sm font-medium">{t("clearTitle")}</summary>
      <form action={action} className="grid max-w-xl gap-2">
        <FormAlert state={state} />
        <input type="hidden" name="id" value={id} />
        <Field label={t("note")} name={fieldId} error={error} hint={t("noteHint")}>
          <textarea
            id={fieldId}
            name="note"
            rows={2}
            maxLength={FLAG_REASON_MAX}
            required
            dir="auto"
            className="input"
            defaultValue={state && !state.ok ? String(state.values?.note ?? "") : ""}
            aria-invalid={!!error}
            aria-describedby={`${fieldId}-error`}
            data-testid="clear-note"
          />
        </Field>
        <div>
          <button type="submit" className="btn-secondary" disabled={pending} data-testid="clear-submit">
            {pending ? tc("working") : t("clear")}
          </button>
        </div>
      </form>
    </details>
  );
}
