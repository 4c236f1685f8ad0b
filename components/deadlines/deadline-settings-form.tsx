"use client";

import { useActionState, useEffect } from "react";
import { useTranslations } from "next-intl";
import { FormAlert, TextInput, useSubmit, useZodForm } from "@/components/form-kit";
import type { FormAction } from "@/lib/action-state";
import type { ReportingSettings } from "@/lib/reports/deadlines";
import { reportingSettingsInput } from "@/lib/validation/deadlines";

/** The default deadline (days after the ISO week's Sunday), the optional automatic lock, and the zone deadline days are in. */
export function DeadlineSettingsForm({ settings, action: saveAction }: { settings: ReportingSettings; action: FormAction<ReportingSettings> }) {
  const t = useTranslations("round.deadlines");
  const tc = useTranslations("common");
  const [state, action] = useActionState(saveAction, null);
  const values = { deadlineDays: settings.deadlineDays, lockDays: settings.lockDays ?? "", timeZone: settings.timeZone, version: settings.version };
  const form = useZodForm(reportingSettingsInput, values, state);
  const { ref, onSubmit, pending } = useSubmit(form, action);
  const { reset } = form;
  useEffect(() => {
    reset({ deadlineDays: settings.deadlineDays, lockDays: settings.lockDays ?? "", timeZone: settings.timeZone, version: settings.version });
  }, [settings.deadlineDays, settings.lockDays, settings.timeZone, settings.version, reset]);
  return (
    <form ref={ref} action={action} onSubmit={onSubmit} noValidate className="card max-w-xl" aria-labelledby="deadline-settings-title" data-testid="deadline-settings-form">
      <h2 id="deadline-settings-title" className="mb-3 text-lg font-semibold">
        {t("settingsTitle")}
      </h2>
      <FormAlert state={state} />
      <input type="hidden" {...form.register("version")} />
      <TextInput form={form} name="deadlineDays" id="deadline-days" label={t("deadlineDays")} hint={t("deadlineDaysHint")} inputMode="numeric" dir="ltr" />
      <TextInput form={form} name="lockDays" id="lock-days" label={t("lockDays")} hint={t("lockDaysHint")} inputMode="numeric" dir="ltr" />
      <TextInput form={form} name="timeZone" id="deadline-zone" label={t("timeZone")} hint={t("timeZoneHint")} dir="ltr" autoComplete="off" />
      <button type="submit" className="btn" disabled={pending} aria-busy={pending} data-testid="deadline-settings-save">
        {pending ? tc("working") : tc("save")}
      </button>
    </form>
  );
}
