"use client";

import { useActionState, useEffect } from "react";
import { useLocale, useTranslations } from "next-intl";
import { createAreaAction } from "@/app/[locale]/areas/actions";
import { Field, FormAlert, useSubmit, useZodForm } from "@/components/form-kit";
import { AreaName } from "@/components/area-name";
import { Link } from "@/lib/i18n/navigation";
import { areaCreateInput } from "@/lib/validation/areas";

/** Adds a governorate (no parent) or a sub-area of `parentPcode`. Admins only; lib/ checks again. */
export function AreaCreateForm({ parentPcode }: { parentPcode: string | null }) {
  const t = useTranslations("areas");
  const tc = useTranslations("common");
  const locale = useLocale();
  const [state, action] = useActionState(createAreaAction, null);
  const defaults = { pcode: "", nameEn: "", nameAr: "", parentPcode: parentPcode ?? "" };
  const form = useZodForm(areaCreateInput, defaults, state);
  const { ref, onSubmit, pending } = useSubmit(form, action);
  const { errors } = form.formState;
  const { reset } = form;

  // A created area clears the form for the next one; the new area is linked below.
  const created = state?.ok ? state.data : null;
  useEffect(() => {
    if (created) reset();
  }, [created, reset]);

  const title = parentPcode ? t("addChild") : t("addGovernorate");
  return (
    <form ref={ref} action={action} onSubmit={onSubmit} noValidate className="card max-w-xl" aria-label={title} data-testid="area-create-form">
      <h2 className="mb-3 text-lg font-semibold">{title}</h2>
      <FormAlert state={state} />
      {created ? (
        <p className="mt-2 text-sm">
          <Link href={`/areas/${created.pcode}`}>
            <AreaName area={created} locale={locale} />
          </Link>
        </p>
      ) : null}
      <input type="hidden" {...form.register("parentPcode")} />
      <div className="mt-3">
        <Field label={t("pcode")} name="new-pcode" error={errors.pcode?.message} hint={t("pcodeHint")}>
          <input
            id="new-pcode"
            dir="ltr"
            autoComplete="off"
            className="input"
            aria-invalid={!!errors.pcode}
            aria-describedby="new-pcode-error"
            {...form.register("pcode")}
          />
        </Field>
        <Field label={t("nameEn")} name="new-nameEn" error={errors.nameEn?.message}>
          <input
            id="new-nameEn"
            lang="en"
            dir="ltr"
            autoComplete="off"
            className="input"
            aria-invalid={!!errors.nameEn}
            aria-describedby="new-nameEn-error"
            {...form.register("nameEn")}
          />
        </Field>
        <Field label={t("nameAr")} name="new-nameAr" error={errors.nameAr?.message}>
          <input
            id="new-nameAr"
            lang="ar"
            dir="rtl"
            autoComplete="off"
            className="input"
            aria-invalid={!!errors.nameAr}
            aria-describedby="new-nameAr-error"
            {...form.register("nameAr")}
          />
        </Field>
      </div>
      <button type="submit" className="btn" disabled={pending} aria-busy={pending}>
        {pending ? tc("working") : t("add")}
      </button>
    </form>
  );
}
