"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { signInAction } from "@/app/[locale]/signin/actions";
import { signInInput } from "@/lib/validation/users";
import { Field, FormAlert, useSubmit, useZodForm } from "./form-kit";

export function SignInForm({ next }: { next?: string }) {
  const t = useTranslations("auth");
  const [state, action] = useActionState(signInAction, null);
  const form = useZodForm(signInInput, { email: "", password: "" }, state);
  const { ref, onSubmit, pending } = useSubmit(form, action);
  const { errors } = form.formState;
  return (
    <form ref={ref} action={action} onSubmit={onSubmit} noValidate className="card max-w-sm">
      <h1 className="mb-4 text-xl font-bold">{t("title")}</h1>
      <FormAlert state={state} />
      <input type="hidden" name="next" value={next ?? ""} />
      <div className="mt-3">
        <Field label={t("email")} name="email" error={errors.email?.message}>
          <input
            id="email"
            type="email"
            autoComplete="username"
            dir="ltr"
            className="input"
            aria-invalid={!!errors.email}
            aria-describedby="email-error"
            {...form.register("email")}
          />
        </Field>
        <Field label={t("password")} name="password" error={errors.password?.message}>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            dir="ltr"
            className="input"
            aria-invalid={!!errors.password}
            aria-describedby="password-error"
            {...form.register("password")}
          />
        </Field>
      </div>
      <button type="submit" className="btn" disabled={pending}>
        {t("submit")}
      </button>
    </form>
  );
}
