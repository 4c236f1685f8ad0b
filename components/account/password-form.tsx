"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormAlert, useSubmit, useZodForm } from "@/components/form-kit";
import { PASSWORD_MIN, passwordChangeInput } from "@/lib/validation/users";
import type { FormAction } from "@/lib/action-state";

const EMPTY = { currentPassword: "", newPassword: "", confirmPassword: "", revokeTokens: false };

export function PasswordForm({ locale, action: changeAction }: { locale: string; action: FormAction<void> }) {
  const t = useTranslations("account.password");
  const tc = useTranslations("common");
  const [state, action] = useActionState(changeAction, null);
  const form = useZodForm(passwordChangeInput, EMPTY, state);
  const { ref, onSubmit, pending } = useSubmit(form, action);
  const { errors } = form.formState;
  const input = (name: "currentPassword" | "newPassword" | "confirmPassword", autoComplete: string, describedBy = `${name}-error`) => (
    <input
      id={name}
      type="password"
      dir="ltr"
      autoComplete={autoComplete}
      className="input"
      aria-invalid={!!errors[name]}
      aria-describedby={describedBy}
      {...form.register(name)}
    />
  );
  return (
    <form ref={ref} action={action} onSubmit={onSubmit} noValidate className="max-w-md">
      <FormAlert state={state} />
      {/* Where to send the user after the change signs them out. */}
      <input type="hidden" name="locale" value={locale} />
      <div className="mt-2">
        <Field label={t("current")} name="currentPassword" error={errors.currentPassword?.message}>
          {input("currentPassword", "current-password")}
        </Field>
        <Field
          label={t("new")}
          name="newPassword"
          error={errors.newPassword?.message}
          hint={<span id="newPassword-hint">{t("hint", { min: PASSWORD_MIN })}</span>}
        >
          {input("newPassword", "new-password", "newPassword-hint newPassword-error")}
        </Field>
        <Field label={t("confirm")} name="confirmPassword" error={errors.confirmPassword?.message}>
          {input("confirmPassword", "new-password")}
        </Field>
      </div>
      <label className="mb-2 flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-1" {...form.register("revokeTokens")} data-testid="revoke-tokens" />
        <span>{t("revokeTokens")}</span>
      </label>
      <p className="mb-3 text-sm text-slate-600">{t("signOutNote")}</p>
      <button type="submit" className="btn" disabled={pending} data-testid="change-password">
        {pending ? tc("working") : t("submit")}
      </button>
    </form>
  );
}
