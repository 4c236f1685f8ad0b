"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Field, FormAlert, useSubmit, useZodForm } from "@/components/form-kit";
import type { Numerals } from "@/lib/i18n/format";
import { preferencesInput } from "@/lib/validation/users";
import type { FormAction } from "@/lib/action-state";

export type LocaleChoice = "auto" | "en" | "ar";

export function PreferencesForm({
  locale,
  numerals,
  timeZone,
  zones,
  action: saveAction,
}: {
  locale: LocaleChoice;
  numerals: Numerals;
  timeZone: string;
  /** From the server, so that the list the page was rendered with is the list it hydrates with. */
  zones: string[];
  action: FormAction<void>;
}) {
  const t = useTranslations("account.preferences");
  const tc = useTranslations("common");
  const [state, action] = useActionState(saveAction, null);
  const form = useZodForm(preferencesInput, { locale, numerals, timeZone }, state);
  const { ref, onSubmit, pending } = useSubmit(form, action);
  const { errors } = form.formState;
  const pageLocale = useLocale();
  return (
    <form ref={ref} action={action} onSubmit={onSubmit} noValidate className="max-w-md">
      <FormAlert state={state} />
      <input type="hidden" name="pageLocale" value={pageLocale} />
      <div className="mt-2">
        <Field label={t("locale")} name="locale" error={errors.locale?.message} hint={<span id="locale-hint">{t("localeHint")}</span>}>
          <select id="locale" className="input" defaultValue={locale} aria-describedby="locale-hint locale-error" {...form.register("locale")}>
            <option value="auto">{t("localeAuto")}</option>
            <option value="en" lang="en">
              {t("localeEn")}
            </option>
            <option value="ar" lang="ar">
              {t("localeAr")}
            </option>
          </select>
        </Field>
        <Field label={t("numerals")} name="numerals" error={errors.numerals?.message}>
          <select id="numerals" className="input" defaultValue={numerals} aria-describedby="numerals-error" {...form.register("numerals")}>
            <option value="latn">{t("latn")}</option>
            <option value="arab">{t("arab")}</option>
          </select>
        </Field>
        <Field label={t("timeZone")} name="timeZone" error={errors.timeZone?.message} hint={<span id="timeZone-hint">{t("timeZoneHint")}</span>}>
          <select
            id="timeZone"
            className="input"
            dir="ltr"
            defaultValue={timeZone}
            aria-describedby="timeZone-hint timeZone-error"
            aria-invalid={!!errors.timeZone}
            {...form.register("timeZone")}
          >
            {zones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <button type="submit" className="btn" disabled={pending} data-testid="save-preferences">
        {pending ? tc("working") : t("submit")}
      </button>
    </form>
  );
}
