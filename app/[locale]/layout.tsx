import type { Metadata } from "next";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { hasLocale, NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations, setRequestLocale } from "next-intl/server";
import { AppShell } from "@/components/app-shell";
import { getDb } from "@/db/client";
import { hasActiveDemoAccounts } from "@/lib/demo-accounts";
import { clientMessages } from "@/lib/i18n/messages";
import { dirOf, routing } from "@/lib/i18n/routing";
import { RequestIdProvider } from "@/components/request-id";
import { unavailableAs } from "@/lib/next/page-failure";
import { getActor, requestId } from "@/lib/next/session";
import { signOutAction } from "./actions";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "common" });
  return { title: `${t("appName")} · ${t("tagline")}` };
}

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
            <AppShell actor={actor} locale={locale} demo={demo} signOut={signOutAction}>
              {children}
            </AppShell>
          </RequestIdProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
