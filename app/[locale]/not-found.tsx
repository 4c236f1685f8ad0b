import { getTranslations } from "next-intl/server";
import { RequestIdNote } from "@/components/request-id";
import { Link } from "@/lib/i18n/navigation";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <section className="card max-w-xl">
      <h1 className="mb-2 text-xl font-bold">{t("notFoundTitle")}</h1>
      <p className="mb-4">{t("notFoundBody")}</p>
      <Link href="/">{t("backHome")}</Link>
      <RequestIdNote />
    </section>
  );
}
