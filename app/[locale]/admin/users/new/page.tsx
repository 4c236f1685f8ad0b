import { getTranslations, setRequestLocale } from "next-intl/server";
import { UserCreateForm } from "@/components/users/user-create-form";
import { listAssignableAreas } from "@/lib/areas";
import { Link } from "@/lib/i18n/navigation";
import { pageActor, pageData } from "@/lib/next/page-guard";
import { createUserAction } from "../actions";
import { titled } from "@/lib/next/page-title";

export const generateMetadata = titled("users.new.title");

export default async function NewUserPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await pageActor(locale, "/admin/users/new", "admin");
  const areas = pageData(locale, (db) => listAssignableAreas(db, actor));
  const t = await getTranslations("users");
  return (
    <div className="grid gap-2">
      <p className="text-sm">
        <Link href="/admin/users">{t("backToList")}</Link>
      </p>
      <h1 className="text-2xl font-bold">{t("new.title")}</h1>
      <p className="text-sm text-slate-600">{t("new.intro")}</p>
      <UserCreateForm areas={areas} locale={locale} action={createUserAction} />
    </div>
  );
}
