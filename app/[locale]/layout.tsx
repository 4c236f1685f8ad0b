import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { hasLocale, NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations, setRequestLocale } from "next-intl/server";
import { AppShell } from "@/components/app-shell";
import { OfflineProvider } from "@/components/offline/offline-provider";
import { getDb } from "@/db/client";
import { hasActiveDemoAccounts } from "@/lib/demo-accounts";
import { clientMessages } from "@/lib/i18n/messages";
import { dirOf, routing } from "@/lib/i18n/routing";
import { RequestIdProvider } from "@/components/request-id";
import { unavailableAs } from "@/lib/next/page-failure";
import { getActor, requestId } from "@/lib/next/session";
import { THEME_COLOR } from "@/lib/offline/manifest";
import { signOutAction } from "./actions";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "common" });
  return {
    title: `${t("appName")} · ${t("tagline")}`,
    // The installable app (issue 13): its manifest in the page's language, and real icons (no more 404 for a favicon).
    manifest: `/${locale}/manifest.webmanifest`,
    icons: { icon: [{ url: "/favicon.ico", sizes: "32x32" }, { url: "/icons/icon.svg", type: "image/svg+xml" }], apple: "/icons/apple-touch-icon.png" },
  };
}

export const viewport: Viewport = { themeColor: THEME_COLOR };

export default async function LocaleLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  // Only for the navigation: every page checks the actor again through lib/.
  // An unavailable database leaves the header signed-out; the page inside fails on its own read and says why.
  const actor = await getActor().catch(unavailableAs(null));
  let demo = false;
  try {
    demo = hasActiveDemoAccounts(getDb());
  } catch (e) {
    demo = unavailableAs(false)(e);
  }
  return (
    <html lang={locale} dir={dirOf(locale)}>
      <body>
        <NextIntlClientProvider messages={clientMessages(await getMessages())}>
          <RequestIdProvider id={await requestId()}>
            {/* The outbox and the page cache belong to the signed-in user (issue 13, decisions 053 and 054). */}
            <OfflineProvider userId={actor && !actor.mustChangePassword ? actor.id : null}>
              <AppShell actor={actor} locale={locale} demo={demo} signOut={signOutAction}>
                {children}
              </AppShell>
            </OfflineProvider>
          </RequestIdProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
