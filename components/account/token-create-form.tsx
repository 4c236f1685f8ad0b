"use client";

import { useActionState, useEffect } from "react";
import { useTranslations } from "next-intl";
import { Field, FormAlert, useSubmit, useZodForm, TextInput } from "@/components/form-kit";
import { OneTimeSecret } from "@/components/users/one-time-secret";
import { TOKEN_DAYS_DEFAULT, TOKEN_DAYS_MAX, tokenCreateInput } from "@/lib/validation/tokens";
import type { FormAction } from "@/lib/action-state";

const EMPTY = { name: "", days: TOKEN_DAYS_DEFAULT, scope: "read" as const };

export function TokenCreateForm({ action: createAction }: { action: FormAction<{ id: number; token: string }> }) {
  const t = useTranslations("account.tokens");
  const tc = useTranslations("common");
  const [state, action] = useActionState(createAction, null);
  const form = useZodForm(tokenCreateInput, EMPTY, state);
  const { ref, onSubmit, pending } = useSubmit(form, action);
  const { reset } = form;
  const { errors } = form.formState;
  useEffect(() => {
    if (state?.ok) reset(EMPTY);
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
        <div className="min-w-0 grow basis-64">
          <TextInput form={form} name="name" id="tokenName" label={t("name")} hint={t("nameHint")} type="text" autoComplete="off" />
        </div>
        <div className="w-32">
          <TextInput
            form={form}
            name="days"
            id="tokenDays"
            label={t("days")}
            hint={t("daysHint", { max: TOKEN_DAYS_MAX })}
            type="text"
            inputMode="numeric"
            autoComplete="off"
          />
        </div>
        <div>
          <Field label={t("scope")} name="tokenScope" error={errors.scope?.message}>
            <select id="tokenScope" className="input" {...form.register("scope")} data-testid="token-scope">
              <option value="read">{t("scopes.read")}</option>
              <option value="write">{t("scopes.write")}</option>
            </select>
          </Field>
        </div>
        <button type="submit" className="btn mt-6" disabled={pending} data-testid="create-token">
          {pending ? tc("working") : t("create")}
        </button>
      </form>
    </div>
  );
}
