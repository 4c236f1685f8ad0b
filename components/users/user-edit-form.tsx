"use client";

import { useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { Field, FormAlert, useSubmit, useZodForm, TextInput } from "@/components/form-kit";
import type { UserDetail } from "@/lib/users";
import { userUpdateInput } from "@/lib/validation/users";
import { AreaFields, asList, splitAreas } from "./area-fields";
import type { TreeArea } from "./area-tree";
import { asRole, RoleSelect } from "./role-select";
import type { FormAction } from "@/lib/action-state";

type Editable = Pick<UserDetail, "id" | "version" | "name" | "role" | "areas">;

export function UserEditForm({ user, areas, locale, action: updateAction }: { user: Editable; areas: TreeArea[]; locale: string; action: FormAction<UserDetail> }) {
  const t = useTranslations("users");
  const tc = useTranslations("common");
  const [state, action] = useActionState(updateAction, null);
  const echoed = state && !state.ok ? state.values : undefined;
  const saved = {
    id: String(user.id),
    version: String(user.version),
    name: user.name,
    role: user.role,
    ...splitAreas(user.areas, areas),
  };
  const defaults = echoed
    ? {
        ...saved,
        // Keep the version the admin started from, so a resubmission after a conflict is refused again.
        version: String(echoed.version ?? saved.version),
        name: String(echoed.name ?? ""),
        role: asRole(echoed.role, user.role),
        areas: asList(echoed.areas),
        areasExtra: String(echoed.areasExtra ?? ""),
      }
    : saved;
  const form = useZodForm(userUpdateInput, defaults, state);
  const { ref, onSubmit, pending } = useSubmit(form, action);
  const { errors } = form.formState;
  const { reset } = form;
  // After any change to this account (a save here, or deactivation / password reset, which
  // also bump its version) the page re-renders with the stored values; edit from those.
  const serverValues = JSON.stringify(saved);
  const shown = useRef(serverValues);
  useEffect(() => {
    if (shown.current === serverValues) return;
    shown.current = serverValues;
    reset(JSON.parse(serverValues) as typeof saved);
  }, [serverValues, reset]);

  return (
    <form ref={ref} action={action} onSubmit={onSubmit} noValidate className="grid gap-1">
      <FormAlert state={state} />
      <input type="hidden" defaultValue={defaults.id} {...form.register("id")} />
      <input type="hidden" defaultValue={defaults.version} {...form.register("version")} />
      <div className="mt-2">
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
      </div>
      <div>
        <button type="submit" className="btn" disabled={pending} data-testid="save-user">
          {pending ? tc("working") : t("detail.save")}
        </button>
      </div>
    </form>
  );
}
