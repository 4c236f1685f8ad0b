import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { isolate } from "@/lib/i18n/bidi";

type PageParams = { locale: string } & Record<string, string>;

/**
 * A page's `generateMetadata`: its <title> is the page's own name, then the app's ("Users · Rasd"),
 * in the reader's language, so that tabs, history and screen readers tell pages apart.
 * `detail` adds a part of the address, e.g. the P-code of an area page.
 */
export function titled(key: string, detail?: (params: PageParams) => string | null) {
  return async ({ params }: { params: Promise<PageParams> }): Promise<Metadata> => {
    const p = await params;
    const t = await getTranslations({ locale: p.locale });
    const extra = detail?.(p);
    return { title: `${t(key as never)}${extra ? ` ${isolate(extra)}` : ""} · ${t("common.appName" as never)}` };
  };
}
