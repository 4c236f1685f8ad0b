"use client";

import { useLocale, useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { Link, usePathname } from "@/lib/i18n/navigation";

/** Links to the same page, with the same filters, in the other language. */
export function LocaleSwitcher() {
  const t = useTranslations("common.nav");
  const locale = useLocale();
  const pathname = usePathname();
  const query = Object.fromEntries(useSearchParams().entries());
  const other = locale === "ar" ? "en" : "ar";
  return (
    <Link href={{ pathname, query }} locale={other} hrefLang={other} lang={other} title={t("language")} className="text-sm">
      {other === "ar" ? "العربية" : "English"}
    </Link>
  );
}
