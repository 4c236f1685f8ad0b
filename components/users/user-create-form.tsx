"use client";

import { useActionState, useEffect } from "react";
import { useTranslations } from "next-intl";
import type { Role } from "@/lib/roles";
import { Field, FormAlert, useSubmit, useZodForm, TextInput } from "@/components/form-kit";
import { Link } from "@/lib/i18n/navigation";
import { userCreateInput } from "@/lib/validation/users";
import { AreaFields, asList } from "./area-fields";
import type { TreeArea } from "./area-tree";
import { OneTimeSecret } from "./one-time-secret";
import { isolateAll } from "@/lib/i18n/bidi";
import { asRole, RoleSelect } from "./role-select";
import type { FormAction } from "@/lib/action-state";

const EMPTY = { email: "", name: "", role: "coordinator" as Role, areas: [] as string[], areasExtra: "" };

export function UserCreateForm({ areas, locale, action: createAction }: { areas: TreeArea[]; locale: string; action: FormAction<{ id: number; email: string; name: string; password: string }> }) {
  const t = useTranslations("users");
  const tc = useTranslations("common");
  const [state, action] = useActionState(createAction, null);
  const echoed = state && !state.ok ? state.values : undefined;
  const defaults = echoed
    ? {
        email: String(echoed.email ?? ""),
        name: String(echoed.name ?? ""),
        role: asRole(echoed.role, EMPTY.role),
        areas: asList(echoed.areas),
        areasExtra: String(echoed.areasExtra ?? ""),
      }
    : EMPTY;
  const form = useZodForm(userCreateInput, defaults, state);
  const { ref, onSubmit, pending } = useSubmit(form, action);
  const { errors } = form.formState;
  const { reset } = form;
  // The account exists now: clear the form so a second click cannot try to create it again.
  useEffect(() => {
    if (state?.ok) reset(EMPTY);
  }, [state, reset]);

  return (
    <div>
      {state?.ok ? (
        <OneTimeSecret
          label={`${t("new.createdFor", isolateAll({ name: state.data.name, email: state.data.email }))} ${t("new.passwordLabel")}:`}
          value={state.data.password}
          testId="new-password"
        >
          <p>{t("new.passwordOnce")}</p>
          <p>
            <Link href={`/admin/users/${state.data.id}`} data-testid="new-user-link">
              {t("new.openUser")}
            </Link>
          </p>
        </OneTimeSecret>
      ) : (
        <FormAlert state={state} />
      )}
      <form ref={ref} action={action} onSubmit={onSubmit} noValidate className="card mt-4 max-w-3xl">
        <TextInput
          form={form}
          name="email"
          label={t("fields.email")}
          type="email"
          dir="ltr"
          autoComplete="off"
          defaultValue={defaults.email}
        />
        <TextInput
          form={form}
          name="name"
          label={t("fields.name")}
          type="text"
          autoComplete="off"
          defaultValue={defaults.name}
        />
        <Field label={t("fields.role")} name="role" error={errors.role?.message}>
          <RoleSelect inputProps={form.register("role")} invalid={!!errors.role} defaultValue={defaults.role} />
        </Field>
        <AreaFields
          areas={areas}
          locale={locale}
          selected={defaults.areas}
          extraDefault={defaults.areasExtra}
          areasProps={form.register("areas")}
          extraProps={form.register("areasExtra")}
          areasError={errors.areas?.message}
          extraError={errors.areasExtra?.message}
        />
        <button type="submit" className="btn" disabled={pending} data-testid="create-user">
          {pending ? tc("working") : t("new.submit")}
        </button>
      </form>
    </div>
  );
}
