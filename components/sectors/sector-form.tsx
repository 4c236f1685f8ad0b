"use client";

import { useActionState, useEffect } from "react";
import { useTranslations } from "next-intl";
import { FormAlert, TextInput, useSubmit, useZodForm } from "@/components/form-kit";
import type { FormAction } from "@/lib/action-state";
import type { SectorAdminRow } from "@/lib/sectors";
import { sectorCreateInput, sectorUpdateInput } from "@/lib/validation/sectors";

type Values = { code: string; nameEn: string; nameAr: string; hxlAttribute: string };

/** Adds a sector: code, names in both languages, and the HXL attribute its export columns carry. */
export function SectorCreateForm({ action: createAction }: { action: FormAction<SectorAdminRow> }) {
  const t = useTranslations("round.sectors");
  const tc = useTranslations("common");
  const [state, action] = useActionState(createAction, null);
  const empty: Values = { code: "", nameEn: "", nameAr: "", hxlAttribute: "" };
  const form = useZodForm(sectorCreateInput, empty, state);
  const { ref, onSubmit, pending } = useSubmit(form, action);
  const { reset } = form;
  useEffect(() => {
    if (state?.ok) reset(empty);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only after a save, not on every render
  }, [state, reset]);
  return (
    <form ref={ref} action={action} onSubmit={onSubmit} noValidate className="card max-w-xl" aria-labelledby="sector-create-title" data-testid="sector-create-form">
      <h2 id="sector-create-title" className="mb-3 text-lg font-semibold">
        {t("addTitle")}
      </h2>
      <FormAlert state={state} />
      <TextInput form={form} name="code" id="sector-code" label={t("code")} hint={t("codeHint")} dir="ltr" autoComplete="off" />
      <TextInput form={form} name="nameEn" id="sector-nameEn" label={t("nameEn")} lang="en" dir="ltr" autoComplete="off" />
      <TextInput form={form} name="nameAr" id="sector-nameAr" label={t("nameAr")} lang="ar" dir="rtl" autoComplete="off" />
      <TextInput form={form} name="hxlAttribute" id="sector-hxl" label={t("hxl")} hint={t("hxlHint")} dir="ltr" autoComplete="off" />
      <button type="submit" className="btn" disabled={pending} aria-busy={pending} data-testid="sector-create">
        {pending ? tc("working") : t("add")}
      </button>
    </form>
  );
}

/** Renames a sector or changes its HXL attribute; the code stays (files and the API name the sector by it). */
export function SectorEditForm({ sector, action: updateAction }: { sector: SectorAdminRow; action: FormAction<SectorAdminRow> }) {
  const t = useTranslations("round.sectors");
  const tc = useTranslations("common");
  const [state, action] = useActionState(updateAction, null);
  const values = { code: sector.code, nameEn: sector.nameEn, nameAr: sector.nameAr, hxlAttribute: sector.hxlAttribute, version: sector.version };
  const form = useZodForm(sectorUpdateInput, values, state);
  const { ref, onSubmit, pending } = useSubmit(form, action);
  const { reset } = form;
  useEffect(() => {
    reset({ code: sector.code, nameEn: sector.nameEn, nameAr: sector.nameAr, hxlAttribute: sector.hxlAttribute, version: sector.version });
  }, [sector.code, sector.nameEn, sector.nameAr, sector.hxlAttribute, sector.version, reset]);
  return (
    <form ref={ref} action={action} onSubmit={onSubmit} noValidate className="card max-w-xl" aria-labelledby="sector-edit-title" data-testid="sector-edit-form">
      <h2 id="sector-edit-title" className="mb-3 text-lg font-semibold">
        {t("editTitle", { code: sector.code })}
      </h2>
      <FormAlert state={state} />
      <input type="hidden" {...form.register("code")} />
      <input type="hidden" {...form.register("version")} />
      <TextInput form={form} name="nameEn" id="edit-sector-nameEn" label={t("nameEn")} lang="en" dir="ltr" autoComplete="off" />
      <TextInput form={form} name="nameAr" id="edit-sector-nameAr" label={t("nameAr")} lang="ar" dir="rtl" autoComplete="off" />
      <TextInput form={form} name="hxlAttribute" id="edit-sector-hxl" label={t("hxl")} hint={t("hxlHint")} dir="ltr" autoComplete="off" />
      <button type="submit" className="btn" disabled={pending} aria-busy={pending} data-testid="sector-save">
        {pending ? tc("working") : tc("save")}
      </button>
    </form>
  );
}
