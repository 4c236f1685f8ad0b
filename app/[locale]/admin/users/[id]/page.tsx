import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { SessionsTable } from "@/components/account/sessions-table";
import { EndSessionsForm } from "@/components/users/end-sessions-form";
import { ResetPasswordForm } from "@/components/users/reset-password-form";
import { UserActiveForm } from "@/components/users/user-active-form";
import { UserEditForm } from "@/components/users/user-edit-form";
import { listAssignableAreas } from "@/lib/areas";
import { listUserSessions } from "@/lib/auth/sessions";
import { formatDateTime } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import { pageActor, pageData } from "@/lib/next/page-guard";
import { getUser } from "@/lib/users";
import { deactivateUserAction, endUserSessionsAction, reactivateUserAction, resetUserPasswordAction, updateUserAction } from "../actions";
import { titled } from "@/lib/next/page-title";
import { isolate } from "@/lib/i18n/bidi";

type Params = Promise<{ locale: string; id: string }>;

/** Only plain positive integers name an account; anything else is a 404, not a database query. */
const userId = (raw: string) => (/^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : null);

export const generateMetadata = titled("users.title");

export default async function UserPage({ params }: { params: Params }) {
  const { locale, id: rawId } = await params;
  setRequestLocale(locale);
  const actor = await pageActor(locale, `/admin/users/${rawId}`, "admin");
  const id = userId(rawId);
  if (id === null) notFound();
  const user = pageData(locale, (db) => getUser(db, actor, id));
  const areas = pageData(locale, (db) => listAssignableAreas(db, actor));
  const sessions = pageData(locale, (db) => listUserSessions(db, actor, { id }));
  const t = await getTranslations("users");
  const tc = await getTranslations("common");
  const status = user.active ? t("status.active") : t("status.inactive");
  return (
    <div className="grid gap-4">
      <p className="text-sm">
        <Link href="/admin/users">{t("backToList")}</Link>
      </p>
      <h1 className="text-2xl font-bold">{t("detail.title", { name: isolate(user.name) })}</h1>

      <section className="card">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
          <dt className="font-medium">{t("detail.email")}</dt>
          <dd dir="ltr" className="text-start" data-testid="user-email">
            {user.email}
          </dd>
          <dt className="font-medium">{t("detail.role")}</dt>
          <dd data-testid="user-role">{tc(`roles.${user.role}`)}</dd>
          <dt className="font-medium">{t("detail.status")}</dt>
          <dd data-testid="user-status">{status}</dd>
          <dt className="font-medium">{t("detail.areas")}</dt>
          <dd data-testid="user-areas">{user.areas.length ? <span dir="ltr">{user.areas.join(", ")}</span> : tc("none")}</dd>
          <dt className="font-medium">{t("detail.language")}</dt>
          <dd>{t(`detail.languages.${user.locale}`)}</dd>
          <dt className="font-medium">{t("detail.created")}</dt>
          <dd>{formatDateTime(user.createdAt, locale, actor.numerals, actor.timeZone)}</dd>
          <dt className="font-medium">{t("detail.updated")}</dt>
          <dd>{formatDateTime(user.updatedAt, locale, actor.numerals, actor.timeZone)}</dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="edit-user">
        <h2 id="edit-user" className="mb-1 text-lg font-semibold">
          {t("detail.editTitle")}
        </h2>
        <p className="mb-3 text-sm text-slate-600">{t("detail.editHelp")}</p>
        <UserEditForm
          user={{ id: user.id, version: user.version, name: user.name, role: user.role, areas: user.areas }}
          areas={areas}
          locale={locale}
          action={updateUserAction}
        />
      </section>

      <section className="card grid gap-4" aria-labelledby="user-access">
        <h2 id="user-access" className="text-lg font-semibold">
          {t("detail.accessTitle")}
        </h2>
        <div className="grid gap-2">
          <p className="text-sm text-slate-600">{t("detail.deactivateHelp")}</p>
          <UserActiveForm id={user.id} name={user.name} active={user.active} action={user.active ? deactivateUserAction : reactivateUserAction} />
        </div>
        <div className="grid gap-2">
          <p className="text-sm text-slate-600">{t("detail.resetHelp")}</p>
          <ResetPasswordForm id={user.id} name={user.name} action={resetUserPasswordAction} />
        </div>
        <div className="grid gap-2">
          <h3 className="font-semibold">{t("detail.sessionsTitle")}</h3>
          <SessionsTable sessions={sessions} locale={locale} numerals={actor.numerals} timeZone={actor.timeZone} />
          <EndSessionsForm id={user.id} name={user.name} action={endUserSessionsAction} />
          <p className="text-sm">
            <Link href={`/admin/tokens?user=${user.id}`} data-testid="user-tokens-link">
              {t("detail.tokensLink")}
            </Link>
          </p>
        </div>
      </section>
    </div>
  );
}
