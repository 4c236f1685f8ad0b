import { getTranslations, setRequestLocale } from "next-intl/server";
import { EndEverySessionForm } from "@/components/users/end-every-session-form";
import { endEverySessionAction } from "./actions";
import { UserFilterForm } from "@/components/users/user-filter-form";
import { UsersTable } from "@/components/users/users-table";
import { formatNumber } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import { pageActor, pageData } from "@/lib/next/page-guard";
import { listUsers } from "@/lib/users";
import { userFilter } from "@/lib/validation/users";
import { titled } from "@/lib/next/page-title";

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export const generateMetadata = titled("users.title");

export default async function UsersPage({ params, searchParams }: { params: Promise<{ locale: string }>; searchParams: Promise<SearchParams> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await pageActor(locale, "/admin/users", "admin");
  const sp = await searchParams;
  // Unknown values fall back to "all" (the schema's .catch), so a hand-edited URL still shows a list.
  const filter = userFilter.parse({ role: first(sp.role), status: first(sp.status), q: first(sp.q) || undefined });
  const users = pageData(locale, (db) => listUsers(db, actor, filter));
  const t = await getTranslations("users");
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{t("title")}</h1>
          <p className="text-sm text-slate-600">{t("intro")}</p>
        </div>
        <Link href="/admin/users/new" className="btn no-underline hover:no-underline" data-testid="new-user">
          {t("newUser")}
        </Link>
      </div>
      <UserFilterForm values={filter} />
      <p className="text-sm" role="status" data-testid="user-count">
        {t("count", { count: users.length, shown: formatNumber(users.length, locale, actor.numerals) })}
      </p>
      {users.length ? <UsersTable users={users} /> : <p className="card">{t("noResults")}</p>}
      <section className="card grid gap-2" aria-labelledby="every-session">
        <h2 id="every-session" className="text-lg font-semibold">
          {t("everySession.title")}
        </h2>
        <p className="text-sm">{t("everySession.help")}</p>
        <EndEverySessionForm locale={locale} action={endEverySessionAction} />
      </section>
    </div>
  );
}
