"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { signInInput } from "@/lib/validation/users";
import { FormAlert, useSubmit, useZodForm, TextInput } from "./form-kit";
import type { FormAction } from "@/lib/action-state";

export function SignInForm({ next, locale, switched, action: signInAction }: { next?: string; locale: string; switched: boolean; action: FormAction }) {
  const t = useTranslations("auth");
  const [state, action] = useActionState(signInAction, null);
  const form = useZodForm(signInInput, { email: "", password: "" }, state);
  const { ref, onSubmit, pending } = useSubmit(form, action);
  return (
    <form ref={ref} action={action} onSubmit={onSubmit} noValidate className="card max-w-sm">
      <h1 className="mb-4 text-xl font-bold">{t("title")}</h1>
      <FormAlert state={state} />
      <input type="hidden" name="next" value={next ?? ""} />
      <input type="hidden" name="pageLocale" value={locale} />
      {switched ? <input type="hidden" name="languageSwitched" value="1" /> : null}
      <div className="mt-3">
        <TextInput
          form={form}
          name="email"
          label={t("email")}
          type="email"
          autoComplete="username"
          dir="ltr"
        />
        <TextInput
          form={form}
          name="password"
          label={t("password")}
          type="password"
          autoComplete="current-password"
          dir="ltr"
        />
      </div>
      <button type="submit" className="btn" disabled={pending}>
        {t("submit")}
      </button>
    </form>
  );
}
