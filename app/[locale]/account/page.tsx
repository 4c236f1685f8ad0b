import { getTranslations, setRequestLocale } from "next-intl/server";
import { PasswordForm } from "@/components/account/password-form";
import { PreferencesForm } from "@/components/account/preferences-form";
import { SignOutEverywhereForm } from "@/components/account/session-end-form";
import { SessionsTable } from "@/components/account/sessions-table";
import { TokenCreateForm } from "@/components/account/token-create-form";
import { TokensTable } from "@/components/account/tokens-table";
import { pageActor, pageData } from "@/lib/next/page-guard";
import { titled } from "@/lib/next/page-title";
import { timeZoneChoices } from "@/lib/i18n/format";
import {
  changePasswordAction,
  createTokenAction,
  endSessionAction,
  revokeTokenAction,
  savePreferencesAction,
  signOutEverywhereAction,
} from "./actions";
import { listOwnSessions } from "@/lib/auth/sessions";
import { currentSessionId } from "@/lib/next/session";
import { listOwnApiTokens } from "@/lib/tokens";
import { isolate } from "@/lib/i18n/bidi";

/** How API clients send a token: an HTTP header, the same in every language. */
const BEARER_HEADER = "Authorization: Bearer <token>";

export const generateMetadata = titled("account.title");

export default async function AccountPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await pageActor(locale, "/account");
  const t = await getTranslations("account");
  const tc = await getTranslations("common");
  const passwordSection = (
    <section className="card" aria-labelledby="password">
      <h2 id="password" className="mb-3 text-lg font-semibold">
        {t("password.title")}
      </h2>
      <PasswordForm locale={locale} action={changePasswordAction} />
    </section>
  );
  // A password set by someone else: only the password form until the owner has chosen their own.
  if (actor.mustChangePassword)
    return (
      <div className="grid gap-6">
        <div className="alert-error" role="alert" data-testid="must-change-password">
          <h1 className="text-xl font-bold">{t("mustChangeTitle")}</h1>
          <p>{t("mustChangeBody")}</p>
        </div>
        {passwordSection}
      </div>
    );
  const tokens = pageData(locale, (db) => listOwnApiTokens(db, actor));
  const sid = await currentSessionId();
  const sessions = pageData(locale, (db) => listOwnSessions(db, actor, sid));
  const saved = (await searchParams).saved === "preferences";
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-sm text-slate-600">
          {t("signedInAs", { name: isolate(actor.name), role: tc(`roles.${actor.role}`) })} ·{" "}
          <span dir="ltr" data-testid="account-email">
            {actor.email}
          </span>
        </p>
      </div>

      <section className="card" aria-labelledby="preferences">
        <h2 id="preferences" className="mb-3 text-lg font-semibold">
          {t("preferences.title")}
        </h2>
        {saved ? (
          <p className="alert-ok mb-3" role="status" data-testid="preferences-saved">
            {t("preferences.saved")}
          </p>
        ) : null}
        <PreferencesForm
          locale={actor.localeChosen ? actor.locale : "auto"}
          numerals={actor.numerals}
          timeZone={actor.timeZone}
          zones={timeZoneChoices()}
          action={savePreferencesAction}
        />
      </section>

      {passwordSection}

      <section className="card grid gap-3" aria-labelledby="sessions">
        <h2 id="sessions" className="text-lg font-semibold">
          {t("sessions.title")}
        </h2>
        <p className="text-sm">{t("sessions.help")}</p>
        <SessionsTable sessions={sessions} locale={locale} numerals={actor.numerals} timeZone={actor.timeZone} endSession={endSessionAction} />
        <SignOutEverywhereForm locale={locale} action={signOutEverywhereAction} />
      </section>

      <section className="card grid gap-3" aria-labelledby="tokens">
        <h2 id="tokens" className="text-lg font-semibold">
          {t("tokens.title")}
        </h2>
        <p className="text-sm">{t("tokens.help")}</p>
        <p className="text-sm" data-testid="token-usage">
          {t.rich("tokens.usage", {
            header: BEARER_HEADER,
            code: (chunks) => (
              <code dir="ltr" className="rounded bg-slate-100 px-1 font-mono">
                {chunks}
              </code>
            ),
          })}
        </p>
        <TokensTable tokens={tokens} locale={locale} numerals={actor.numerals} timeZone={actor.timeZone} revoke={revokeTokenAction} />
        <TokenCreateForm action={createTokenAction} />
      </section>
    </div>
  );
}
