import { useTranslations } from "next-intl";
import type { UseFormRegisterReturn } from "react-hook-form";
import { FieldError } from "@/components/form-kit";
import { AreaTree, type TreeArea } from "./area-tree";

/** Split assigned codes into those the tree can tick and the rest (communities), which go in the text box. */
export function splitAreas(codes: string[], areas: TreeArea[]): { areas: string[]; areasExtra: string } {
  const inTree = new Set(areas.map((a) => a.pcode));
  return { areas: codes.filter((c) => inTree.has(c)), areasExtra: codes.filter((c) => !inTree.has(c)).join(", ") };
}

/** Form values as posted: a single ticked box arrives as a string, none as nothing. */
export function asList(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : typeof v === "string" && v ? [v] : [];
}

export function AreaFields({
  areas,
  locale,
  selected,
  extraDefault,
  areasProps,
  extraProps,
  areasError,
  extraError,
}: {
  areas: TreeArea[];
  locale: string;
  selected: string[];
  extraDefault: string;
  areasProps: UseFormRegisterReturn;
  extraProps: UseFormRegisterReturn;
  areasError?: string;
  extraError?: string;
}) {
  const t = useTranslations("users.fields");
  const tc = useTranslations("common");
  return (
    <fieldset className="mb-3" aria-describedby="areas-hint areas-error">
      <legend className="label" id="areas-legend">
        {t("areas")}
      </legend>
      <p id="areas-hint" className="mb-1 text-xs text-slate-600">
        {t("areasHint")} {t("levelOf", { levels: [1, 2, 3].map((l) => tc(`levels.${l}`)).join(" › ") })}
      </p>
      <AreaTree areas={areas} locale={locale} selected={selected} inputProps={areasProps} />
      {/* Below the tree, so that the message appearing while boxes are changed does not move them. */}
      <FieldError id="areas-error" message={areasError} />
      <div className="mt-3">
        <label className="label" htmlFor="areasExtra">
          {t("areasExtra")}
        </label>
        <input
          id="areasExtra"
          type="text"
          dir="ltr"
          className="input"
          autoComplete="off"
          defaultValue={extraDefault}
          aria-invalid={!!extraError}
          aria-describedby="areasExtra-hint areasExtra-error"
          {...extraProps}
        />
        <p id="areasExtra-hint" className="mt-1 text-xs text-slate-600">
          {t("areasExtraHint")}
        </p>
        <FieldError id="areasExtra-error" message={extraError} />
      </div>
    </fieldset>
  );
}
