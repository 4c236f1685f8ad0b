"use client";

import { useActionState, useEffect } from "react";
import { useTranslations } from "next-intl";
import { renameAreaAction } from "@/app/[locale]/areas/actions";
import { Field, FormAlert, useSubmit, useZodForm } from "@/components/form-kit";
import type { AreaDetail } from "@/lib/areas";
import { areaRenameInput } from "@/lib/validation/areas";

/** Renames an area. `version` is the one the admin saw: if someone renamed it meanwhile, lib/ refuses with the current names. */
export function AreaRenameForm({ area }: { area: Pick<AreaDetail, "pcode" | "nameEn" | "nameAr" | "version"> }) {
  const t = useTranslations("areas");
  const tc = useTranslations("common");
  const [state, action] = useActionState(renameAreaAction, null);
  const form = useZodForm(
    areaRenameInput,
    { pcode: area.pcode, nameEn: area.nameEn, nameAr: area.nameAr, version: area.version },
    state,
  );
  const { ref, onSubmit, pending } = useSubmit(form, action);
  const { errors } = form.formState;
  const { reset } = form;

  // After a save the page re-renders with the new version; the next save must start from it.
  useEffect(() => {
    reset({ pcode: area.pcode, nameEn: area.nameEn, nameAr: area.nameAr, version: area.version });
  }, [area.pcode, area.nameEn, area.nameAr, area.version, reset]);

  return (
    <form ref={ref} action={action} onSubmit={onSubmit} noValidate className="card max-w-xl" aria-label={t("rename")} data-testid="area-rename-form">
      <h2 className="mb-3 text-lg font-semibold">{t("rename")}</h2>
      <FormAlert state={state} />
      <input type="hidden" {...form.register("pcode")} />
      <input type="hidden" {...form.register("version")} />
      <div className="mt-3">
        <Field label={t("nameEn")} name="rename-nameEn" error={errors.nameEn?.message}>
          <input
            id="rename-nameEn"
            lang="en"
            dir="ltr"
            autoComplete="off"
            className="input"
            aria-invalid={!!errors.nameEn}
            aria-describedby="rename-nameEn-error"
            {...form.register("nameEn")}
          />
        </Field>
        <Field label={t("nameAr")} name="rename-nameAr" error={errors.nameAr?.message}>
          <input
            id="rename-nameAr"
            lang="ar"
            dir="rtl"
            autoComplete="off"
            className="input"
            aria-invalid={!!errors.nameAr}
            aria-describedby="rename-nameAr-error"
            {...form.register("nameAr")}
          />
        </Field>
      </div>
      <button type="submit" className="btn" disabled={pending} aria-busy={pending}>
        {pending ? tc("working") : tc("save")}
      </button>
    </form>
  );
}
