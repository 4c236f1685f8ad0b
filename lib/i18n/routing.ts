import { defineRouting } from "next-intl/routing";

export const LOCALES = ["en", "ar"] as const;
export type Locale = (typeof LOCALES)[number];

export const routing = defineRouting({
  locales: LOCALES,
  defaultLocale: "en",
  localePrefix: "always",
});

export const dirOf = (locale: string): "rtl" | "ltr" => (locale === "ar" ? "rtl" : "ltr");
