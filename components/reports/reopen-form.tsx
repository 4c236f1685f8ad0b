"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormAlert, useSubmit, useZodForm } from "@/components/form-kit";
import { reportReopenInput } from "@/lib/validation/weekly-report";
import type { FormAction } from "@/lib/action-state";
import type { WeeklyReport } from "@/lib/reports/model";

/** An admin unlocks approved figures, giving a reason that goes into the history and the audit log. */
export function ReopenForm({ pcode, week, version, action: reopenAction }: { pcode: string; week: string; version: number; action: FormAction<WeeklyReport> }) {
  const t = useTranslations("reports.approval");
  const tc = useTranslations("common");
  const [state, action] = useActionState(reopenAction, null);
  const echoed = state && !state.ok ? state.values : undefined;
  const defaults = { pcode, week, version: String(version), reason: String(echoed?.reason ?? "") };
  const form = useZodForm(reportReopenInput, defaults, state);
  const { ref, onSubmit, pending } = useSubmit(form, action);
  const { errors } = form.formState;
  return (
    <form ref={ref} action={action} onSubmit={onSubmit} noValidate className="grid max-w-xl gap-2" data-testid="reopen-form">
      <FormAlert state={state} />
      <input type="hidden" defaultValue={defaults.pcode} {...form.register("pcode")} />
      <input type="hidden" defaultValue={defaults.week} {...form.register("week")} />
      <input type="hidden" defaultValue={defaults.version} {...form.register("version")} />
      <Field label={t("reason")} name="reason" error={errors.reason?.message} hint={t("reasonHint")}>
        <textarea
          id="reason"
          rows={2}
          className="input"
          aria-invalid={!!errors.reason}
          aria-describedby="reason-error"
          defaultValue={defaults.reason}
          {...form.register("reason")}
        />
      </Field>
      <div>
        <button type="submit" className="btn-danger" disabled={pending} data-testid="reopen">
          {pending ? tc("working") : t("reopen")}
        </button>
      </div>
    </form>
  );
}
