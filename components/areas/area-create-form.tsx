"use client";

import { useActionState, useEffect } from "react";
import { useLocale, useTranslations } from "next-intl";
import { FormAlert, useSubmit, useZodForm, TextInput } from "@/components/form-kit";
import { AreaName } from "@/components/area-name";
import { Link } from "@/lib/i18n/navigation";
import { areaCreateInput } from "@/lib/validation/areas";
import type { FormAction } from "@/lib/action-state";
import type { AreaDetail } from "@/lib/areas";

/** Adds a governorate (no parent) or a sub-area of `parentPcode`. Admins only; lib/ checks again. */
export function AreaCreateForm({ parentPcode, action: createAction }: { parentPcode: string | null; action: FormAction<AreaDetail> }) {
  const t = useTranslations("areas");
  const tc = useTranslations("common");
  const locale = useLocale();
  const [state, action] = useActionState(createAction, null);
  const defaults = { pcode: "", nameEn: "", nameAr: "", parentPcode: parentPcode ?? "" };
  const form = useZodForm(areaCreateInput, defaults, state);
  const { ref, onSubmit, pending } = useSubmit(form, action);
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
        <TextInput
          form={form}
          name="pcode"
          id="new-pcode"
          label={t("pcode")}
          hint={t("pcodeHint")}
          dir="ltr"
          autoComplete="off"
        />
        <TextInput
          form={form}
          name="nameEn"
          id="new-nameEn"
          label={t("nameEn")}
          lang="en"
          dir="ltr"
          autoComplete="off"
        />
        <TextInput
          form={form}
          name="nameAr"
          id="new-nameAr"
          label={t("nameAr")}
          lang="ar"
          dir="rtl"
          autoComplete="off"
        />
      </div>
      <button type="submit" className="btn" disabled={pending} aria-busy={pending}>
        {pending ? tc("working") : t("add")}
      </button>
    </form>
  );
}
