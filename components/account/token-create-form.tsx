"use client";

import { useActionState, useEffect } from "react";
import { useTranslations } from "next-intl";
import { createTokenAction } from "@/app/[locale]/account/actions";
import { Field, FormAlert, useSubmit, useZodForm } from "@/components/form-kit";
import { OneTimeSecret } from "@/components/users/one-time-secret";
import { tokenCreateInput } from "@/lib/validation/tokens";

export function TokenCreateForm() {
  const t = useTranslations("account.tokens");
  const tc = useTranslations("common");
  const [state, action] = useActionState(createTokenAction, null);
  const form = useZodForm(tokenCreateInput, { name: "" }, state);
  const { ref, onSubmit, pending } = useSubmit(form, action);
  const { errors } = form.formState;
  const { reset } = form;
  useEffect(() => {
    if (state?.ok) reset({ name: "" });
  }, [state, reset]);
  return (
    <div>
      {state?.ok ? (
        <OneTimeSecret label={t("created")} value={state.data.token} testId="new-token">
          <p>{t("once")}</p>
        </OneTimeSecret>
      ) : (
        <FormAlert state={state} />
      )}
      <form ref={ref} action={action} onSubmit={onSubmit} noValidate className="mt-3 flex flex-wrap items-start gap-3">
        <div className="min-w-64 grow">
          <Field label={t("name")} name="tokenName" error={errors.name?.message} hint={t("nameHint")}>
            <input
              id="tokenName"
              type="text"
              autoComplete="off"
              className="input"
              aria-invalid={!!errors.name}
              aria-describedby="tokenName-error"
              {...form.register("name")}
            />
          </Field>
        </div>
        <button type="submit" className="btn mt-6" disabled={pending} data-testid="create-token">
          {pending ? tc("working") : t("create")}
        </button>
      </form>
    </div>
  );
}
