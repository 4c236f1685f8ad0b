"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormAlert, useSubmit, useZodForm } from "@/components/form-kit";
import type { Numerals } from "@/lib/i18n/format";
import { preferencesInput } from "@/lib/validation/users";
import type { FormAction } from "@/lib/action-state";

export function PreferencesForm({ locale, numerals, action: saveAction }: { locale: "en" | "ar"; numerals: Numerals; action: FormAction<void> }) {
  const t = useTranslations("account.preferences");
  const tc = useTranslations("common");
  const [state, action] = useActionState(saveAction, null);
  const form = useZodForm(preferencesInput, { locale, numerals }, state);
  const { ref, onSubmit, pending } = useSubmit(form, action);
  const { errors } = form.formState;
  return (
    <form ref={ref} action={action} onSubmit={onSubmit} noValidate className="max-w-md">
      <FormAlert state={state} />
      <div className="mt-2">
        <Field label={t("locale")} name="locale" error={errors.locale?.message}>
          <select id="locale" className="input" defaultValue={locale} aria-describedby="locale-error" {...form.register("locale")}>
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
      </div>
      <button type="submit" className="btn" disabled={pending} data-testid="save-preferences">
        {pending ? tc("working") : t("submit")}
      </button>
    </form>
  );
}
