"use client";

import { useActionState, useEffect } from "react";
import { useTranslations } from "next-intl";
import { FormAlert, useSubmit, useZodForm, TextInput } from "@/components/form-kit";
import type { AreaDetail } from "@/lib/areas";
import { areaRenameInput } from "@/lib/validation/areas";
import type { FormAction } from "@/lib/action-state";

/** Renames an area. `version` is the one the admin saw: if someone renamed it meanwhile, lib/ refuses with the current names. */
export function AreaRenameForm({ area, action: renameAction }: { area: Pick<AreaDetail, "pcode" | "nameEn" | "nameAr" | "version">; action: FormAction<AreaDetail> }) {
  const t = useTranslations("areas");
  const tc = useTranslations("common");
  const [state, action] = useActionState(renameAction, null);
  const form = useZodForm(
    areaRenameInput,
    { pcode: area.pcode, nameEn: area.nameEn, nameAr: area.nameAr, version: area.version },
    state,
  );
  const { ref, onSubmit, pending } = useSubmit(form, action);
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
        <TextInput
          form={form}
          name="nameEn"
          id="rename-nameEn"
          label={t("nameEn")}
          lang="en"
          dir="ltr"
          autoComplete="off"
        />
        <TextInput
          form={form}
          name="nameAr"
          id="rename-nameAr"
          label={t("nameAr")}
          lang="ar"
          dir="rtl"
          autoComplete="off"
        />
      </div>
      <button type="submit" className="btn" disabled={pending} aria-busy={pending}>
        {pending ? tc("working") : tc("save")}
      </button>
    </form>
  );
}
