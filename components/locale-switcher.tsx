"use client";

import { useLocale, useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { Link, usePathname } from "@/lib/i18n/navigation";

/** Links to the same page, with the same filters, in the other language. */
export function LocaleSwitcher() {
  const t = useTranslations("common.nav");
  const locale = useLocale();
  const pathname = usePathname();
  const query: Record<string, string> = Object.fromEntries(useSearchParams().entries());
  // Switching on the sign-in page is an explicit choice that signing in then saves (decision 044).
  if (pathname === "/signin") query.switched = "1";
  const other = locale === "ar" ? "en" : "ar";
  return (
    <Link href={{ pathname, query }} locale={other} hrefLang={other} lang={other} title={t("language")} className="text-sm">
      {other === "ar" ? "العربية" : "English"}
    </Link>
  );
}
