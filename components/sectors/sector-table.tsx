import { getTranslations } from "next-intl/server";
import { ButtonForm } from "@/components/button-form";
import { ScrollBox } from "@/components/scroll-box";
import type { FormAction } from "@/lib/action-state";
import { Link } from "@/lib/i18n/navigation";
import type { SectorAdminRow } from "@/lib/sectors";

/** Every sector in display order, retired ones too, with the admin's actions on each. */
export async function SectorTable({
  sectors,
  locale,
  move,
  setActive,
}: {
  sectors: SectorAdminRow[];
  locale: string;
  move: FormAction<SectorAdminRow[]>;
  setActive: FormAction<SectorAdminRow>;
}) {
  const t = await getTranslations("round.sectors");
  return (
    <ScrollBox labelledBy="sector-table-caption">
      <table className="table cards-on-phone" data-testid="sectors-admin-table">
        <caption id="sector-table-caption" className="text-start font-semibold">
          {t("tableCaption")}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("name")}</th>
            <th scope="col">{t("code")}</th>
            <th scope="col">{t("hxl")}</th>
            <th scope="col">{t("state")}</th>
            <th scope="col">{t("reports")}</th>
            <th scope="col">{t("actions")}</th>
          </tr>
        </thead>
        <tbody>
          {sectors.map((s, i) => (
            <tr key={s.code} data-testid="sector-row" data-code={s.code} data-active={s.active ? "true" : "false"}>
              <th scope="row" className="font-medium">
                <span lang={locale === "ar" ? "ar" : "en"}>{locale === "ar" ? s.nameAr : s.nameEn}</span>
                <span className="block text-xs font-normal text-slate-600" lang={locale === "ar" ? "en" : "ar"} dir={locale === "ar" ? "ltr" : "rtl"}>
                  {locale === "ar" ? s.nameEn : s.nameAr}
                </span>
              </th>
              <td data-label={t("code")}>
                <code dir="ltr">{s.code}</code>
              </td>
              <td data-label={t("hxl")}>
                <code dir="ltr" data-testid="sector-hxl">{`#indicator+gap+pct+${s.hxlAttribute}`}</code>
              </td>
              <td data-label={t("state")}>{s.active ? t("active") : t("retired")}</td>
              <td data-label={t("reports")}>{s.reports}</td>
              <td>
                <div className="flex flex-wrap items-start gap-2">
                  <Link href={`/admin/sectors?edit=${s.code}#sector-edit-title`} className="inline-block py-1" data-testid={`edit-${s.code}`}>
                    {t("edit")}
                  </Link>
                  {i > 0 ? <ButtonForm action={move} fields={{ code: s.code, direction: "up" }} label={t("up")} testId={`up-${s.code}`} /> : null}
                  {i < sectors.length - 1 ? <ButtonForm action={move} fields={{ code: s.code, direction: "down" }} label={t("down")} testId={`down-${s.code}`} /> : null}
                  {s.active ? (
                    <ButtonForm action={setActive} fields={{ code: s.code, active: "false" }} label={t("retire")} testId={`retire-${s.code}`} danger />
                  ) : (
                    <ButtonForm action={setActive} fields={{ code: s.code, active: "true" }} label={t("reactivate")} testId={`reactivate-${s.code}`} />
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
