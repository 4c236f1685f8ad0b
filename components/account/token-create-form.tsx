"use client";

import { useActionState, useEffect } from "react";
import { useTranslations } from "next-intl";
import { createTokenAction } from "@/app/[locale]/account/actions";
import { FormAlert, useSubmit, useZodForm, TextInput } from "@/components/form-kit";
import { OneTimeSecret } from "@/components/users/one-time-secret";
import { tokenCreateInput } from "@/lib/validation/tokens";

export function TokenCreateForm() {
  const t = useTranslations("account.tokens");
  const tc = useTranslations("common");
  const [state, action] = useActionState(createTokenAction, null);
  const form = useZodForm(tokenCreateInput, { name: "" }, state);
  const { ref, onSubmit, pending } = useSubmit(form, action);
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
          <TextInput
            form={form}
            name="name"
            id="tokenName"
            label={t("name")}
            hint={t("nameHint")}
            type="text"
            autoComplete="off"
          />
        </div>
        <button type="submit" className="btn mt-6" disabled={pending} data-testid="create-token">
          {pending ? tc("working") : t("create")}
        </button>
      </form>
    </div>
  );
}
